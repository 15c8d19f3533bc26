"""Reading the optional ``metadata.csv`` that describes the files of an ingest folder.

One row per file or subfolder; a ``file`` column names it (``fails``, ``datne`` and ``failas``
work too), the other columns are Dublin Core headings (``Dublin Core:Title``, ``dc:title`` or
plain ``title``). Reading is :func:`dublin_core.csv.iter_csv`'s; a bad row becomes a problem
to report and the rest of the file is still read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dublin_core import DublinCoreError, Record
from dublin_core.csv import iter_csv

FILE_HEADINGS = ("file", "filename", "fails", "datne", "failas")


@dataclass
class FolderMetadata:
    """Records by file name, and problems found in the CSV (line number and message)."""

    records: dict[str, Record] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)


def read_metadata(path: Path) -> FolderMetadata:
    """Read ``path``; rows without a file name or with bad values become problems."""
    result = FolderMetadata()
    try:
        for row in iter_csv(path.read_bytes(), FILE_HEADINGS):
            _add(row, result)
    except DublinCoreError as exc:
        line = exc.line or 1
        result.problems.append((line, str(exc).removeprefix(f"line {line}: ")
                                + ("; add a 'file' column naming the file or subfolder each row describes"
                                   if "column" in str(exc) else "")))
    return result


def _add(row, result: FolderMetadata) -> None:
    if row.problem:
        result.problems.append((row.line, row.problem))
        return
    if row.key in result.records:
        result.problems.append((row.line, f"{row.key} is described twice: the later row is used"))
    result.records[row.key] = row.record
