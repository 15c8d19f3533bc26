"""Reading the optional ``metadata.csv`` that describes the files of an ingest folder.

One row per file or subfolder; a ``file`` column names it, the other columns are Dublin Core
headings (``Dublin Core:Title``, ``dc:title`` or plain ``title``). Excel's BOM and its
semicolon-separated exports are accepted.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from dublin_core import DublinCoreError, Record
from dublin_core.csv import element_for_heading, record_from_row

FILE_HEADINGS = ("file", "filename", "fails", "datne", "failas")


@dataclass
class FolderMetadata:
    """Records by file name, and problems found in the CSV (line number and message)."""

    records: dict[str, Record] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)


def read_metadata(path: Path, lang: str | None = None) -> FolderMetadata:
    """Read ``path``; rows without a file name or with bad values become problems."""
    result = FolderMetadata()
    text = path.read_text("utf-8-sig")
    reader = csv.DictReader(text.splitlines(), dialect=_dialect(text))
    file_column = _file_column(reader.fieldnames or [])
    if file_column is None:
        result.problems.append((1, "no 'file' column naming the file or subfolder each row "
                                   "describes: add one as the first column"))
        return result
    for row in reader:
        _read_row(row, file_column, reader.line_num, lang, result)
    return result


def _read_row(row: dict, file_column: str, line: int, lang: str | None, result: FolderMetadata) -> None:
    name = (row.get(file_column) or "").strip()
    if not name:
        result.problems.append((line, "the 'file' cell is empty: write the file name"))
        return
    try:
        record = record_from_row({k: v for k, v in row.items() if k and element_for_heading(k)}, lang)
    except DublinCoreError as exc:
        result.problems.append((line, f"{name}: {exc}"))
        return
    if name in result.records:
        result.problems.append((line, f"{name} is described twice: the later row is used"))
    result.records[name] = record


def _dialect(text: str):
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _file_column(headings: list[str]) -> str | None:
    for heading in headings:
        if heading and heading.strip().casefold() in FILE_HEADINGS:
            return heading
    return None
