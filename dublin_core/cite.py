"""Citations of a record: Latvian bibliographic style, RIS, BibTeX and CSL-JSON.

:func:`citation_from_record` reads a :class:`~dublin_core.model.Record` (and the item's
permalink) into a :class:`Citation`; its methods render it.  A newspaper clipping is a
record with a newspaper (``isPartOf``) or with an issue number or page in its ``source`` or
``bibliographicCitation`` (as :func:`latvian_citation` writes them); its newspaper is
``isPartOf``, else ``publisher``.

>>> from dublin_core.model import Record
>>> r = Record()
>>> r.add("title", "Bibliotēka digitalizē novada vēsturi", lang="lv")
>>> r.add("creator", "Bērziņa, Laura")
>>> r.add("date", "2021-12-03")
>>> r.add("type", "Text")
>>> r.add("publisher", "Ezermalas Vēstis")
>>> r.add("source", "Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
...       "Nr. 92 (2021., 3. decembris), 9. lpp.")
>>> c = citation_from_record(r, "https://arhivs.example/items/123")
>>> c.key, c.type, c.issue, c.page, c.date_parts
('heritage123', 'article-newspaper', '92', '9', (2021, 12, 3))
>>> c.latvian()
'Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. Nr. 92 (2021., 3. decembris), 9. lpp.'
>>> print(c.ris().replace("\\r\\n", "\\n"), end="")
TY  - NEWS
AU  - Bērziņa, Laura
TI  - Bibliotēka digitalizē novada vēsturi
T2  - Ezermalas Vēstis
IS  - 92
SP  - 9
PY  - 2021
DA  - 2021/12/03/
UR  - https://arhivs.example/items/123
ER  - 

A photograph is cited with its kind in brackets, its place, year and address:

>>> p = Record()
>>> p.add("title", "Skolas audzēkņi pie ezera")
>>> p.add("creator", "Ozols, Jānis")
>>> p.add("type", "StillImage")
>>> p.add("coverage", "Ezerkalne")
>>> p.add("date", "ap 1938")
>>> citation_from_record(p, "https://arhivs.example/items/7").latvian()
'Ozols, Jānis. Skolas audzēkņi pie ezera [fotogrāfija]. Ezerkalne, ap. 1938. Pieejams: https://arhivs.example/items/7'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from dublin_core.edtf import parse_edtf, suggest_edtf
from dublin_core.errors import DublinCoreError
from dublin_core.model import Record

__all__ = ["Citation", "Name", "citation_from_record", "latvian_citation", "LV_MONTHS_NOMINATIVE",
           "LV_MONTHS_GENITIVE"]

LV_MONTHS_NOMINATIVE = (
    "janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs",
    "jūlijs", "augusts", "septembris", "oktobris", "novembris", "decembris",
)
LV_MONTHS_GENITIVE = (
    "janvāra", "februāra", "marta", "aprīļa", "maija", "jūnija",
    "jūlija", "augusta", "septembra", "oktobra", "novembra", "decembra",
)

#: CSL type -> (RIS type, BibTeX entry type, Latvian kind shown in brackets).
TYPES: dict[str, tuple[str, str, str]] = {
    "article-newspaper": ("NEWS", "article", ""),
    "graphic": ("ART", "misc", "fotogrāfija"),
    "manuscript": ("MANSCPT", "misc", "rokraksts"),
    "document": ("GEN", "misc", ""),
}

_ISSUE = re.compile(r"\bNr\.\s*(\d+[\w/–-]*)")
_PAGE = re.compile(r"(\d+(?:\s*[–-]\s*\d+)?)\.\s*lpp\.")
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                  "%": r"\%", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


def _sentence(text: str) -> str:
    """``text`` ending with a full stop (or its own ``?``, ``!``, ``…``)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _latvian_date(date: str, genitive: bool = False) -> str:
    """An ISO ``YYYY[-MM[-DD]]`` date as ``2021., 3. decembris``, ``1936., jūlijs`` or ``1936.``."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return f"{parts[0]}."
    if len(parts) == 2:
        return f"{parts[0]}., {LV_MONTHS_NOMINATIVE[parts[1] - 1]}"
    months = LV_MONTHS_GENITIVE if genitive else LV_MONTHS_NOMINATIVE
    return f"{parts[0]}., {parts[2]}. {months[parts[1] - 1]}"


def latvian_citation(author: str | None, title: str, newspaper: str, issue: int | str | None,
                     date: str | None, page: int | str | None, *, genitive: bool = False) -> str:
    """Latvian-style citation of a newspaper article.

    ``date`` is ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.  The default follows the
    project's house example (``3. decembris``); ``genitive=True`` gives
    ``3. decembra`` instead.  A missing issue, date or page is left out.

    >>> latvian_citation("Bērziņa, Laura", "Bibliotēka digitalizē novada vēsturi",
    ...                  "Ezermalas Vēstis", 92, "2021-12-03", 9)
    'Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. Nr. 92 (2021., 3. decembris), 9. lpp.'
    >>> latvian_citation(None, "Dziesmu diena?", "Ezermalas Vēstis", 28, "1936-07", 2)
    'Dziesmu diena? Ezermalas Vēstis. Nr. 28 (1936., jūlijs), 2. lpp.'
    >>> latvian_citation(None, "X", "Y", 1, "2021-04-05", 1, genitive=True)
    'X. Y. Nr. 1 (2021., 5. aprīļa), 1. lpp.'
    >>> latvian_citation(None, "X", "Y", None, "1936", None), latvian_citation(None, "X", "Y", 4, None, 2)
    ('X. Y. 1936.', 'X. Y. Nr. 4, 2. lpp.')
    """
    when = _latvian_date(date, genitive) if date else ""
    where = f"Nr. {issue}" if issue not in (None, "") else ""
    if when:
        where = f"{where} ({when})" if where else when
    tail = ", ".join(part for part in (where, f"{page}. lpp." if page not in (None, "") else "") if part)
    head = f"{_sentence(author)} " if author else ""
    return f"{head}{_sentence(title)} {_sentence(newspaper)}" + (f" {_sentence(tail)}" if tail else "")


@dataclass(frozen=True)
class Name:
    """A person (``family``, ``given``) or, with ``family`` only and ``literal``, an organisation."""

    family: str
    given: str = ""
    literal: bool = False

    @classmethod
    def parse(cls, text: str) -> Name:
        """Read ``Bērziņa, Laura`` or ``Laura Bērziņa``; ``Ezerkalnes bibliotēka`` is literal.

        >>> Name.parse("Laura Bērziņa"), Name.parse("Ezerkalnes bibliotēka").literal
        (Name(family='Bērziņa', given='Laura', literal=False), True)
        """
        family, comma, given = (part.strip() for part in text.partition(","))
        if comma:
            return cls(family, given)
        words = text.split()
        if len(words) < 2 or not all(word[:1].isupper() for word in words):
            return cls(text.strip(), literal=True)
        return cls(words[-1], " ".join(words[:-1]))

    def inverted(self) -> str:
        """``Family, Given`` (or the literal name)."""
        return f"{self.family}, {self.given}" if self.given else self.family

    def natural(self) -> str:
        """``Given Family`` (or the literal name)."""
        return f"{self.given} {self.family}" if self.given else self.family

    def csl(self) -> dict[str, str]:
        """The CSL-JSON name object."""
        if self.literal:
            return {"literal": self.family}
        return {"family": self.family, "given": self.given} if self.given else {"family": self.family}


@dataclass(frozen=True)
class Citation:
    """What a citation says about one item, in every output format's terms."""

    key: str
    type: str
    title: str
    url: str
    authors: tuple[Name, ...] = ()
    container_title: str | None = None
    issue: str | None = None
    page: str | None = None
    date_parts: tuple[int, ...] = ()
    approximate: bool = False
    publisher: str | None = None
    place: str | None = None

    @property
    def iso_date(self) -> str:
        """The date as ``YYYY[-MM[-DD]]``, or ``""`` when unknown."""
        return "-".join(f"{part:04d}" if i == 0 else f"{part:02d}" for i, part in enumerate(self.date_parts))

    def _author_text(self) -> str:
        """The first author inverted, the others in natural order."""
        return ", ".join([a.inverted() if i == 0 else a.natural() for i, a in enumerate(self.authors)])

    def latvian(self) -> str:
        """The citation in Latvian bibliographic style."""
        if self.type == "article-newspaper":
            return latvian_citation(self._author_text() or None, self.title, self.container_title or "",
                                    self.issue, self.iso_date or None, self.page)
        kind = TYPES[self.type][2]
        parts = [_sentence(self._author_text())] if self.authors else []
        parts.append(_sentence(f"{self.title.rstrip('.')} [{kind}]" if kind else self.title))
        year = f"{'ap. ' if self.approximate else ''}{self.date_parts[0]}" if self.date_parts else ""
        imprint = ", ".join(part for part in (self.place, self.publisher, year) if part)
        if imprint:
            parts.append(_sentence(imprint))
        parts.append(f"Pieejams: {self.url}")
        return " ".join(parts)

    def ris(self) -> str:
        """An RIS record, lines ending in CRLF as the RIS specification asks."""
        lines = [("TY", TYPES[self.type][0]), *(("AU", a.inverted()) for a in self.authors),
                 ("TI", self.title), ("T2", self.container_title), ("IS", self.issue),
                 ("SP", self.page), ("PY", str(self.date_parts[0]) if self.date_parts else None),
                 ("DA", "".join(f"{p:02d}/" for p in self.date_parts) if len(self.date_parts) > 1 else None),
                 ("PB", self.publisher), ("CY", self.place), ("UR", self.url)]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value) + "ER  - \r\n"

    def bibtex(self) -> str:
        """A BibTeX entry (UTF-8; LaTeX special characters escaped; the title's case kept)."""
        container = "journal" if self.type == "article-newspaper" else "howpublished"
        names = " and ".join(f"{{{_latex(a.family)}}}" if a.literal else _latex(a.inverted())
                             for a in self.authors)
        fields = [("author", names), ("title", f"{{{_latex(self.title)}}}"),
                  (container, _latex(self.container_title or "")), ("number", _latex(self.issue or "")),
                  ("pages", _latex((self.page or "").replace("–", "--"))),
                  ("year", str(self.date_parts[0]) if self.date_parts else ""),
                  ("publisher", _latex(self.publisher or "")), ("address", _latex(self.place or "")),
                  ("url", self.url)]
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
        if len(self.date_parts) > 1:
            body += f"  month = {_BIBTEX_MONTHS[self.date_parts[1] - 1]},\n"
        return f"@{TYPES[self.type][1]}{{{self.key},\n{body}}}\n"

    def csl(self) -> dict:
        """The CSL-JSON item (one object; the file holds a list of them)."""
        item: dict = {"id": self.key, "type": self.type, "title": self.title}
        if self.authors:
            item["author"] = [a.csl() for a in self.authors]
        item.update({name: value for name, value in (
            ("container-title", self.container_title), ("issue", self.issue), ("page", self.page),
            ("publisher", self.publisher), ("publisher-place", self.place)) if value})
        if self.date_parts:
            item["issued"] = {"date-parts": [list(self.date_parts)]}
            if self.approximate:
                item["issued"]["circa"] = True
        item["URL"] = self.url
        return item

    def csl_json(self) -> str:
        """A CSL-JSON document: a list holding this item."""
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"


def _latex(text: str) -> str:
    """``text`` with the characters LaTeX treats specially escaped."""
    return "".join(_LATEX_SPECIAL.get(char, char) for char in text)


def _date(record: Record) -> tuple[tuple[int, ...], bool]:
    """Year, month and day (as known) of the record's date, and whether it is approximate."""
    for element in ("issued", "date", "created"):
        text = record.first(element)
        if not text:
            continue
        try:
            parsed = parse_edtf(text)
        except DublinCoreError:
            suggestion = suggest_edtf(text)
            if suggestion is None:
                continue
            parsed = parse_edtf(suggestion.edtf)
        lower = parsed.lower
        depth = {"year": 1, "month": 2, "day": 3}.get(parsed.precision)
        if lower and depth:
            return (lower.year, lower.month, lower.day)[:depth], parsed.approximate or parsed.uncertain
    return (), False


def _newspaper_details(record: Record) -> tuple[str | None, str | None, str | None]:
    """The newspaper, issue number and page of a clipping (all ``None`` for other records).

    They come from ``isPartOf`` (else ``publisher``, else the source's text before ``Nr.``) and
    from the first ``bibliographicCitation`` or ``source`` that names an issue or a page.
    """
    issue = page = named = None
    for value in record.get("bibliographicCitation") + record.get("source"):
        issue_match, page_match = _ISSUE.search(value.text), _PAGE.search(value.text)
        if issue_match or page_match:
            issue = issue_match.group(1) if issue_match else None
            page = re.sub(r"\s+", "", page_match.group(1)) if page_match else None
            if issue_match:
                named = value.text[:issue_match.start()].rstrip(" .").rsplit(". ", 1)[-1].strip()
            break
    stated = record.first("isPartOf") or record.first("publisher")
    newspaper = stated or named or None
    # an issue number alone ("inv. Nr. 12") makes a clipping only beside a named newspaper
    if record.first("isPartOf") or page or (issue and stated):
        return newspaper, issue, page
    return None, None, None


def _csl_type(record: Record, is_clipping: bool) -> str:
    """The CSL type: a clipping, a photograph, a manuscript (other text) or a document."""
    types = {value.text for value in record.get("type")}
    if is_clipping and types <= {"Text"}:
        return "article-newspaper"
    if types & {"StillImage", "Image"}:
        return "graphic"
    return "manuscript" if "Text" in types else "document"


def citation_from_record(record: Record, url: str, key: str | None = None, lang: str = "lv") -> Citation:
    """The citation of ``record`` whose permalink is ``url``; ``key`` defaults to ``heritage<id>``."""
    if key is None:
        number = re.search(r"(\d+)/?$", url)
        key = f"heritage{number.group(1)}" if number else "heritage"
    newspaper, issue, page = _newspaper_details(record)
    kind = _csl_type(record, newspaper is not None)
    date_parts, approximate = _date(record)
    publisher = record.first("publisher", lang)
    if kind == "article-newspaper" and publisher == newspaper:
        publisher = None
    return Citation(
        key=key, type=kind, title=record.first("title", lang) or key, url=url,
        authors=tuple(Name.parse(value.text) for value in record.get("creator")),
        container_title=newspaper if kind == "article-newspaper" else None,
        issue=issue if kind == "article-newspaper" else None,
        page=page if kind == "article-newspaper" else None,
        date_parts=date_parts, approximate=approximate, publisher=publisher,
        place=record.first("spatial", lang) or record.first("coverage", lang))
