"""The Dublin Core record model: 15 DCMES elements and DCMI Terms refinements holding language-tagged values.

A record may hold the 15 DCMES elements (``ELEMENTS``) and the DCMI Terms
refinements this archive uses (``TERMS``).  ``Record.simple()`` "dumbs down"
a record to the 15 elements for simple Dublin Core (oai_dc), following
``REFINES``.

>>> r = Record()
>>> r.add("title", "  Rīgas ostas skats ", lang="lv")
>>> r.add("creator", "Kārlis Ulmanis")
>>> r.add("description", "   ")          # empty text is ignored
>>> r.first("title", lang="lv")
'Rīgas ostas skats'
>>> [(element, value.text) for element, value in r.items()]
[('title', 'Rīgas ostas skats'), ('creator', 'Kārlis Ulmanis')]
>>> Record.from_dict(r.to_dict()) == r
True
>>> r.add("author", "x")
Traceback (most recent call last):
...
dublin_core.errors.UnknownElementError: unknown Dublin Core element 'author'; valid elements: title, creator, subject, description, publisher, contributor, date, type, format, identifier, source, language, relation, coverage, rights; DCMI terms: alternative, abstract, created, issued, extent, medium, spatial, temporal, isPartOf, hasPart, bibliographicCitation, rightsHolder, license, accessRights, provenance

Terms are kept after the elements and fold into their parent element in ``simple()``:

>>> r.add("spatial", "Rīga", lang="lv")
>>> r.add("provenance", "Dāvinājums, 1998")
>>> [element for element, _ in r.items()]
['title', 'creator', 'spatial', 'provenance']
>>> [(element, value.text) for element, value in r.simple().items()]
[('title', 'Rīgas ostas skats'), ('creator', 'Kārlis Ulmanis'), ('coverage', 'Rīga')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from dublin_core.errors import DublinCoreError, UnknownElementError

#: The 15 elements of the Dublin Core Metadata Element Set, in standard order.
ELEMENTS: tuple[str, ...] = (
    "title", "creator", "subject", "description", "publisher",
    "contributor", "date", "type", "format", "identifier",
    "source", "language", "relation", "coverage", "rights",
)

#: The DCMI Terms refinements used in this archive (http://purl.org/dc/terms/), in output order.
TERMS: tuple[str, ...] = (
    "alternative", "abstract", "created", "issued", "extent", "medium",
    "spatial", "temporal", "isPartOf", "hasPart", "bibliographicCitation",
    "rightsHolder", "license", "accessRights", "provenance",
)

#: Each term -> the DCMES element it refines (``None``: no element, dropped by ``simple()``).
REFINES: dict[str, str | None] = {
    "alternative": "title",
    "abstract": "description",
    "created": "date",
    "issued": "date",
    "extent": "format",
    "medium": "format",
    "spatial": "coverage",
    "temporal": "coverage",
    "isPartOf": "relation",
    "hasPart": "relation",
    "bibliographicCitation": "identifier",
    "rightsHolder": "rights",
    "license": "rights",
    "accessRights": "rights",
    "provenance": None,
}

#: Every name a record accepts: the 15 elements, then the terms.
NAMES: tuple[str, ...] = ELEMENTS + TERMS


def check_element(element: str) -> str:
    """Return ``element`` if it is a DCMES element or term name, else raise ``UnknownElementError``."""
    if element not in NAMES:
        raise UnknownElementError(
            f"unknown Dublin Core element {element!r}; valid elements: {', '.join(ELEMENTS)}"
            f"; DCMI terms: {', '.join(TERMS)}"
        )
    return element


@dataclass(frozen=True)
class Value:
    """One element value with an optional xml:lang tag (e.g. "lv", "lt", "ltg").

    >>> Value("Vilnius", "lt")
    Value(text='Vilnius', lang='lt')
    """

    text: str
    lang: str | None = None

    def __post_init__(self) -> None:
        """Reject non-string text and turn an empty lang tag into ``None``."""
        if not isinstance(self.text, str):
            raise DublinCoreError(f"value text must be str, not {type(self.text).__name__}")
        if not self.lang:
            object.__setattr__(self, "lang", None)


def _lang_matches(value_lang: str | None, wanted: str) -> bool:
    """Say whether ``value_lang`` is ``wanted`` or a region/script variant of it."""
    if value_lang is None:
        return False
    have, want = value_lang.casefold(), wanted.casefold()
    return have == want or have.startswith(want + "-")


@dataclass
class Record:
    """A Dublin Core record (elements and terms); equal when the values are equal."""

    values: dict[str, list[Value]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Validate element names and drop elements without values."""
        given, self.values = self.values, {}
        for element, values in given.items():
            for value in values:
                self._append(element, value)

    def _append(self, element: str, value: Value) -> None:
        """Append an already-built ``Value`` to ``element``."""
        if not isinstance(value, Value):
            raise DublinCoreError(f"expected a Value for {element!r}, got {type(value).__name__}")
        self.values.setdefault(check_element(element), []).append(value)

    def add(self, element: str, text: str, lang: str | None = None) -> None:
        """Add a stripped value to ``element``; empty or blank text is ignored."""
        check_element(element)
        text = text.strip()
        if text:
            self._append(element, Value(text, lang))

    def get(self, element: str) -> list[Value]:
        """Return a copy of the values of ``element`` (empty list if none)."""
        return list(self.values.get(check_element(element), ()))

    def first(self, element: str, lang: str | None = None) -> str | None:
        """Return the text of the best value: in ``lang``, else untagged, else any."""
        values = self.get(element)
        preferred = [v for v in values if lang and _lang_matches(v.lang, lang)]
        untagged = [v for v in values if v.lang is None]
        for value in preferred + untagged + values:
            return value.text
        return None

    def in_language(self, element: str, *langs: str) -> list[Value]:
        """The values of ``element`` a reader of ``langs`` (in order of preference) should see.

        The values tagged with the first language that has any, with the untagged ones; when
        no value is in any of ``langs``, all of them (a Russian-only caption is still shown).

        >>> r = Record()
        >>> r.add("title", "Ezera dzirnavas", "lv"); r.add("title", "Ežero malūnas", "lt")
        >>> r.add("title", "The lake mill", "en"); r.add("title", "EV-1938-12")
        >>> [v.text for v in r.in_language("title", "lt", "lv")]
        ['Ežero malūnas', 'EV-1938-12']
        >>> [v.text for v in r.in_language("title", "de", "lv")]
        ['Ezera dzirnavas', 'EV-1938-12']
        >>> len(r.in_language("title", "de"))
        4
        """
        values = self.get(element)
        for lang in langs:
            chosen = [v for v in values if v.lang is None or _lang_matches(v.lang, lang)]
            if len(chosen) > len([v for v in values if v.lang is None]):
                return chosen
        return values

    def items(self) -> Iterator[tuple[str, Value]]:
        """Yield ``(element, value)`` pairs in ``ELEMENTS`` order, then terms in ``TERMS`` order."""
        for element in NAMES:
            for value in self.values.get(element, ()):
                yield element, value

    def simple(self) -> Record:
        """Return the 15-element "dumb-down": term values follow their parent's own, without repeats."""
        result = Record()
        for element in ELEMENTS:
            for name in (element, *(term for term in TERMS if REFINES[term] == element)):
                for value in self.values.get(name, ()):
                    if value not in result.values.get(element, ()):
                        result._append(element, value)
        return result

    def to_dict(self) -> dict[str, list[dict[str, str | None]]]:
        """Return a JSON-friendly ``{"title": [{"text": ..., "lang": ...}]}`` mapping."""
        result: dict[str, list[dict[str, str | None]]] = {}
        for element, value in self.items():
            result.setdefault(element, []).append({"text": value.text, "lang": value.lang})
        return result

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[Mapping[str, str | None] | str]]) -> Record:
        """Build a record from ``to_dict`` output (plain strings are accepted too)."""
        record = cls()
        for element, values in data.items():
            check_element(element)
            for item in values:
                if isinstance(item, str):
                    record.add(element, item)
                else:
                    record.add(element, item["text"], item.get("lang"))
        return record

    def is_empty(self) -> bool:
        """Return ``True`` when the record holds no values at all."""
        return not any(self.values.values())

    def __bool__(self) -> bool:
        """A record is truthy when it holds at least one value."""
        return not self.is_empty()
