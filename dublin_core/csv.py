"""Map Omeka-style CSV headings and rows onto Dublin Core records.

Headings may be English element names, with or without a ``Dublin Core:``,
``dc:`` or ``dcterms:`` prefix, or the Latvian names used by library staff.
Within a cell, ``|`` separates repeated values.

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
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from dublin_core.model import ELEMENTS, Record

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
}

#: Elements whose values are codes or dates, so a row language is not applied.
LANGUAGE_NEUTRAL: frozenset[str] = frozenset({"date", "format", "identifier", "language"})

#: Separator between repeated values inside one cell.
VALUE_SEPARATOR = "|"


def _fold(text: str) -> str:
    """Casefold and strip diacritics, so "Tiesības" and "tiesibas" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_ALIASES: dict[str, str] = {_fold(name): element for name, element in LATVIAN_HEADINGS.items()}


def element_for_heading(heading: str) -> str | None:
    """Return the DCMES element a CSV heading names, or ``None`` for other columns."""
    if not isinstance(heading, str):
        return None
    name = _fold(" ".join(heading.replace("\ufeff", "").split()))
    for prefix in HEADING_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):].strip()
            return name if name in ELEMENTS else None
    return name if name in ELEMENTS else _ALIASES.get(name)


def record_from_row(row: Mapping[str, object], lang: str | None = None) -> Record:
    """Build a record from one CSV row; ``|`` splits repeated values, other columns are ignored."""
    record = Record()
    for heading, cell in row.items():
        element = element_for_heading(heading)
        if element is None or not isinstance(cell, str):
            continue
        value_lang = None if element in LANGUAGE_NEUTRAL else lang
        for text in cell.split(VALUE_SEPARATOR):
            record.add(element, text, value_lang)
    return record
