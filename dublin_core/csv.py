"""Read and write Omeka-style CSV: headings and rows mapped onto Dublin Core records.

Headings may be element or term names or their Omeka labels ("Date Created",
"Spatial Coverage"), with or without a ``Dublin Core:``, ``dc:`` or
``dcterms:`` prefix, or the Latvian names used by library staff.  A heading
may end in a language tag, `` @lv``, that applies to the whole column.
Within a cell, ``|`` separates repeated values and ``\\|`` is a literal ``|``.

>>> element_for_heading("Dublin Core:Title"), element_for_heading(" Nosaukums ")
('title', 'title')
>>> element_for_heading("file") is None
True
>>> row = {"Title": "Liepājas bāka", "Autors": "A. Bērziņš | J. Ozols", "Datums": "1936", "file": "a.jpg"}
>>> record = record_from_row(row, lang="lv")
>>> [(v.text, v.lang) for v in record.get("creator")]
[('A. Bērziņš', 'lv'), ('J. Ozols', 'lv')]
>>> record.get("date")[0].lang is None
True
>>> element_for_heading("Dublin Core:Spatial Coverage"), parse_heading("dcterms:spatial @lt")
('spatial', ('spatial', 'lt'))

Whole files, with one column per element (and language) in use:

>>> text = write_csv([("a.jpg", record)], style="simple")
>>> print(text.splitlines()[0])
file,title @lv,creator @lv,date
>>> read_csv(text) == [("a.jpg", record)]
True
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from dublin_core.errors import DublinCoreError
from dublin_core.model import ELEMENTS, NAMES, TERMS, Record

#: Prefixes (compared case-insensitively) that mark a heading as Dublin Core.
HEADING_PREFIXES: tuple[str, ...] = ("dublin core:", "dcterms:", "dc:")

#: Latvian column headings used in library spreadsheets -> DCMES element.
LATVIAN_HEADINGS: dict[str, str] = {
    "nosaukums": "title",
    "autors": "creator",
    "temats": "subject",
    "apraksts": "description",
    "datums": "date",
    "veids": "type",
    "valoda": "language",
    "vieta": "coverage",
    "tiesības": "rights",
    "izdevējs": "publisher",
    "avots": "source",
    "cits nosaukums": "alternative",
    "kopsavilkums": "abstract",
    "izveides datums": "created",
    "izdošanas datums": "issued",
    "apjoms": "extent",
    "laika periods": "temporal",
    "tiesību turētājs": "rightsHolder",
    "licence": "license",
    "izcelsme": "provenance",
}

#: Omeka Classic "Dublin Core" labels of the elements and terms (used by ``write_csv(style="omeka")``).
OMEKA_LABELS: dict[str, str] = {
    **{element: element.capitalize() for element in ELEMENTS},
    "alternative": "Alternative Title", "abstract": "Abstract", "created": "Date Created",
    "issued": "Date Issued", "extent": "Extent", "medium": "Medium", "spatial": "Spatial Coverage",
    "temporal": "Temporal Coverage", "isPartOf": "Is Part Of", "hasPart": "Has Part",
    "bibliographicCitation": "Bibliographic Citation", "rightsHolder": "Rights Holder",
    "license": "License", "accessRights": "Access Rights", "provenance": "Provenance",
}

#: Heading styles of ``write_csv``: ``"omeka"`` ("Dublin Core:Title") and ``"simple"`` ("title").
STYLES: tuple[str, ...] = ("omeka", "simple")

#: Elements whose values are codes or dates, so a row language is not applied.
LANGUAGE_NEUTRAL: frozenset[str] = frozenset({"date", "format", "identifier", "language", "created", "issued"})

#: Separator between repeated values inside one cell.
VALUE_SEPARATOR = "|"


def _fold(text: str) -> str:
    """Casefold and strip diacritics, so "Tiesības" and "tiesibas" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NAMES: dict[str, str] = {
    **{_fold(name): name for name in NAMES},
    **{_fold(label): name for name, label in OMEKA_LABELS.items()},
}
_ALIASES: dict[str, str] = {_fold(name): element for name, element in LATVIAN_HEADINGS.items()}
_LANG_SUFFIX = re.compile(r"(?P<name>.*?)\s*@(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)")


def parse_heading(heading: str) -> tuple[str, str | None] | None:
    """Return ``(element or term, column language)`` a heading names, or ``None`` for other columns."""
    if not isinstance(heading, str):
        return None
    text = " ".join(heading.replace("\ufeff", "").split())
    match = _LANG_SUFFIX.fullmatch(text)
    text, lang = (match["name"], match["lang"]) if match else (text, None)
    name = _fold(text)
    for prefix in HEADING_PREFIXES:
        if name.startswith(prefix):
            found = _NAMES.get(name[len(prefix):].strip())
            return (found, lang) if found else None
    found = _NAMES.get(name) or _ALIASES.get(name)
    return (found, lang) if found else None


def element_for_heading(heading: str) -> str | None:
    """Return the element or term a CSV heading names, or ``None`` for other columns."""
    parsed = parse_heading(heading)
    return parsed[0] if parsed else None


def split_values(cell: str) -> list[str]:
    """Split a cell on ``|``, where ``\\|`` is a literal bar and ``\\\\`` a literal backslash."""
    parts, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append(following if following in (VALUE_SEPARATOR, "\\") else char + following)
        elif char == VALUE_SEPARATOR:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current)]


def escape_value(text: str) -> str:
    """Escape ``|`` (and a backslash that would read as an escape) so ``split_values`` gives ``text``."""
    out = []
    for index, char in enumerate(text):
        following = text[index + 1: index + 2]
        if char == VALUE_SEPARATOR or (char == "\\" and following in ("", VALUE_SEPARATOR, "\\")):
            out.append("\\")
        out.append(char)
    return "".join(out)


def record_from_row(row: Mapping[str, object], lang: str | None = None) -> Record:
    """Build a record from one CSV row; ``|`` splits repeated values, other columns are ignored."""
    record = Record()
    for heading, cell in row.items():
        parsed = parse_heading(heading)
        if parsed is None or not isinstance(cell, str):
            continue
        element, column_lang = parsed
        value_lang = column_lang or (None if element in LANGUAGE_NEUTRAL else lang)
        for text in split_values(cell):
            record.add(element, text, value_lang)
    return record


def _heading(name: str, lang: str | None, style: str) -> str:
    """The heading of a column in the given style."""
    base = f"Dublin Core:{OMEKA_LABELS[name]}" if style == "omeka" else name
    return f"{base} @{lang}" if lang else base


def _columns(records: list[Record]) -> list[tuple[str, str | None]]:
    """The ``(name, lang)`` columns in use: ``NAMES`` order, languages in order of first use."""
    seen: dict[tuple[str, str | None], None] = {}
    for record in records:
        for name, value in record.items():
            seen.setdefault((name, value.lang), None)
    return sorted(seen, key=lambda column: NAMES.index(column[0]))


def write_csv(rows: list[tuple[str, Record]], style: str = "omeka", key: str = "file") -> str:
    """Write ``(key, record)`` rows as CSV text: a ``key`` column, then one column per element/language."""
    if style not in STYLES:
        raise DublinCoreError(f"unknown CSV style {style!r}; use one of: {', '.join(STYLES)}")
    columns = _columns([record for _, record in rows])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([key, *(_heading(name, lang, style) for name, lang in columns)])
    for row_key, record in rows:
        cells = {column: [] for column in columns}
        for name, value in record.items():
            cells[(name, value.lang)].append(escape_value(value.text))
        writer.writerow([row_key, *(VALUE_SEPARATOR.join(cells[column]) for column in columns)])
    return out.getvalue()


def _delimiter(header: str) -> str:
    """Guess the delimiter (``,`` ``;`` or tab) from the header line, ignoring quoted text."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first line number, cells)`` for each CSV row, reporting csv errors by line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DublinCoreError(f"line {line}: the CSV cannot be read: {exc}", line=line) from exc


def _key_index(headings: list[str], keys: tuple[str, ...]) -> int:
    """Index of the first heading that is one of ``keys``, or raise naming line 1."""
    folded = [_fold(h.replace("\ufeff", "").strip()) for h in headings]
    for index, heading in enumerate(folded):
        if heading in {_fold(key) for key in keys}:
            return index
    raise DublinCoreError(f"line 1: there is no {keys[0]!r} column; the headings are: {', '.join(headings)}", line=1)


@dataclass(frozen=True)
class CsvRow:
    """One described row: its line, its key and record, or the problem that kept it out."""

    line: int
    key: str
    record: Record | None
    problem: str | None = None


def iter_csv(text: str | bytes, keys: tuple[str, ...] = ("file",)) -> Iterator[CsvRow]:
    """Read CSV text (BOM, ``,`` ``;`` or tab, Omeka or simple headings) row by row.

    The key column is the first heading among ``keys``. A bad row is yielded with its problem
    and the reading goes on; a missing key column or unreadable CSV raises DublinCoreError.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8-sig")
    rows = _rows(text.removeprefix("\ufeff"))
    _, headings = next(rows, (1, []))
    key_index = _key_index(headings, keys)
    key_name = headings[key_index].replace("\ufeff", "").strip()
    columns = [parse_heading(heading) for heading in headings]
    for line, cells in rows:
        if any(cell.strip() for cell in cells):
            yield _row(line, cells, headings, columns, key_index, key_name)


def _row(line: int, cells: list[str], headings: list[str], columns, key_index: int, key_name: str) -> CsvRow:
    row_key = cells[key_index].strip() if key_index < len(cells) else ""
    if any(cell.strip() for cell in cells[len(headings):]):
        return CsvRow(line, row_key, None, f"{len(cells)} cells but only {len(headings)} headings")
    if not row_key:
        return CsvRow(line, "", None, f"the {key_name!r} cell is empty")
    record = Record()
    for column, cell in zip(columns, cells):
        for value in split_values(cell) if column else ():
            record.add(column[0], value, column[1])
    return CsvRow(line, row_key, record)


def read_csv(text: str | bytes, key: str = "file") -> list[tuple[str, Record]]:
    """Read CSV text into ``(key, record)`` rows; the first bad row raises DublinCoreError."""
    result: list[tuple[str, Record]] = []
    for row in iter_csv(text, (key,)):
        if row.problem:
            raise DublinCoreError(f"line {row.line}: {row.problem}", line=row.line)
        result.append((row.key, row.record))
    return result
