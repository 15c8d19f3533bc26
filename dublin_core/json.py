"""Records as JSON: the ``Record.to_dict()`` shape, UTF-8 text with non-ASCII kept as is.

>>> from dublin_core.model import Record
>>> r = Record()
>>> r.add("title", "Rīgas Doms", lang="lv")
>>> r.add("spatial", "Rīga")
>>> print(to_json(r))
{"title": [{"text": "Rīgas Doms", "lang": "lv"}], "spatial": [{"text": "Rīga", "lang": null}]}
>>> from_json(to_json(r)) == r
True
>>> from_json('{"title": [{"text": "x"}],\\n "author": ["y"]}')
Traceback (most recent call last):
...
dublin_core.errors.UnknownElementError: unknown Dublin Core element 'author'; valid elements: title, creator, subject, description, publisher, contributor, date, type, format, identifier, source, language, relation, coverage, rights; DCMI terms: alternative, abstract, created, issued, extent, medium, spatial, temporal, isPartOf, hasPart, bibliographicCitation, rightsHolder, license, accessRights, provenance
>>> from_json('{"title": [\\n  {"text": "x",}]}')
Traceback (most recent call last):
...
dublin_core.errors.DublinCoreError: invalid JSON at line 2, column 16: Expecting property name enclosed in double quotes
"""

from __future__ import annotations

import json

from dublin_core.errors import DublinCoreError
from dublin_core.model import Record, check_element

#: Keys a value object may have.
VALUE_KEYS = frozenset({"text", "lang"})


def _kind(value: object) -> str:
    """The JSON name of a parsed value's type ("object", "array", "number", ...)."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def to_json(record: Record, *, indent: int | None = None) -> str:
    """Serialise a record as JSON text in the ``to_dict`` shape (non-ASCII not escaped)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


def _load(text: str | bytes) -> object:
    """Parse JSON text, turning syntax errors into ``DublinCoreError`` with line and column."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DublinCoreError(f"JSON must be UTF-8: {exc}") from exc
    if not isinstance(text, str):
        raise TypeError(f"from_json expects str or bytes, not {type(text).__name__}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DublinCoreError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", line=exc.lineno
        ) from exc


def _add_value(record: Record, element: str, index: int, item: object) -> None:
    """Add one ``{"text": ..., "lang": ...}`` object (or plain string) to ``record``."""
    where = f"{element}[{index}]"
    if isinstance(item, str):
        record.add(element, item)
        return
    if not isinstance(item, dict):
        raise DublinCoreError(f"{where} must be an object or a string, not {_kind(item)}")
    if unknown := sorted(set(item) - VALUE_KEYS):
        raise DublinCoreError(f"{where} has unknown keys {', '.join(unknown)}; allowed: text, lang")
    text, lang = item.get("text"), item.get("lang")
    if not isinstance(text, str):
        raise DublinCoreError(f"{where}.text must be a string")
    if lang is not None and not isinstance(lang, str):
        raise DublinCoreError(f"{where}.lang must be a string or null")
    record.add(element, text, lang)


def from_json(text: str | bytes) -> Record:
    """Parse JSON in the ``to_dict`` shape into a record, with clear errors for bad input."""
    data = _load(text)
    if not isinstance(data, dict):
        raise DublinCoreError(f"a record must be a JSON object, not {_kind(data)}")
    record = Record()
    for element, values in data.items():
        check_element(element)
        if not isinstance(values, list):
            raise DublinCoreError(f"{element} must be an array of values, not {_kind(values)}")
        for index, item in enumerate(values):
            _add_value(record, element, index, item)
    return record
