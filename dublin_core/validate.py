"""Check a record against the archive's cataloguing rules and report problems with suggestions.

Each :class:`Problem` names the element, the value, a message code (see
:mod:`dublin_core.messages`), a severity (``"error"`` must be fixed before
publishing, ``"warning"`` should be looked at) and params such as a
suggested correction.

>>> from dublin_core.model import Record
>>> r = Record()
>>> r.add("date", "ap 1935")
>>> r.add("type", "fotogrāfija")
>>> r.add("rights", "http://rightsstatements.org/vocab/InC/1.0/")
>>> for p in validate_record(r):
...     print(p.element, p.code, p.severity, dict(p.params).get("suggestion"))
title title_missing error None
date date_suggestion error 1935~
type type_suggestion error StillImage
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from dublin_core.edtf import is_valid_date, suggest_edtf
from dublin_core.model import Record
from dublin_core.vocab import DCMI_TYPES, LANGUAGES, normalise_language

Severity = Literal["error", "warning"]

#: The RightsStatements.org statement IDs (http://rightsstatements.org/vocab/<ID>/1.0/).
RIGHTS_STATEMENTS: tuple[str, ...] = (
    "InC", "InC-OW-EU", "InC-EDU", "InC-NC", "InC-RUU",
    "NoC-CR", "NoC-NC", "NoC-OKLR", "NoC-US", "CNE", "UND", "NKC",
)

#: Creative Commons licence codes accepted under creativecommons.org/licenses/.
CC_LICENCES: tuple[str, ...] = ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")

#: Names that staff use for DCMI types (compared without case or diacritics) -> DCMI term.
TYPE_NAMES: dict[str, str] = {
    "teksts": "Text", "dokuments": "Text", "tekstas": "Text", "dokumentas": "Text", "текст": "Text",
    "attēls": "StillImage", "fotogrāfija": "StillImage", "foto": "StillImage", "karte": "StillImage",
    "pastkarte": "StillImage", "nuotrauka": "StillImage", "atvirukas": "StillImage",
    "žemėlapis": "StillImage", "фотография": "StillImage", "photo": "StillImage",
    "photograph": "StillImage", "picture": "StillImage",
    "skaņa": "Sound", "skaņas ieraksts": "Sound", "audio": "Sound", "garsas": "Sound",
    "garso įrašas": "Sound", "звук": "Sound", "sound recording": "Sound",
    "video": "MovingImage", "filma": "MovingImage", "videoieraksts": "MovingImage",
    "vaizdo įrašas": "MovingImage", "filmas": "MovingImage", "film": "MovingImage",
    "видео": "MovingImage", "фильм": "MovingImage",
    "kolekcija": "Collection", "krājums": "Collection", "коллекция": "Collection",
    "notikums": "Event", "įvykis": "Event", "событие": "Event",
    "priekšmets": "PhysicalObject", "objekts": "PhysicalObject", "daiktas": "PhysicalObject",
    "datu kopa": "Dataset", "duomenų rinkinys": "Dataset",
    "vaizdas": "Image", "изображение": "Image",
}

#: Language names staff type (compared without case or diacritics) -> canonical code.
LANGUAGE_NAMES: dict[str, str] = {
    "latviešu": "lv", "latviski": "lv", "latvių": "lv", "latvian": "lv", "латышский": "lv",
    "lietuviešu": "lt", "lietuvių": "lt", "lithuanian": "lt", "литовский": "lt",
    "krievu": "ru", "rusų": "ru", "russian": "ru", "русский": "ru",
    "vācu": "de", "vokiečių": "de", "german": "de", "немецкий": "de",
    "poļu": "pl", "lenkų": "pl", "polish": "pl", "польский": "pl",
    "angļu": "en", "anglų": "en", "english": "en", "английский": "en",
    "latgaliešu": "ltg", "latgalių": "ltg", "latgalian": "ltg", "latgaliski": "ltg",
}

_DCMITYPE_NS = "http://purl.org/dc/dcmitype/"
_RS_RE = re.compile(r"https?://(?:www\.)?rightsstatements\.org/(?:vocab|page)/(?P<id>[^/?#]+)/(?P<version>[^/?#]+)/?"
                    r"(?:[?#].*)?", re.IGNORECASE)
_CC_RE = re.compile(
    r"(?P<scheme>https?)://(?:www\.)?creativecommons\.org/"
    r"(?P<path>licenses/(?P<code>[a-z-]+)/(?P<version>1\.0|2\.0|2\.5|3\.0|4\.0)(?:/(?P<port>[a-z]{2}(?:-[a-z]{2})?))?"
    r"|publicdomain/(?:zero|mark)/1\.0)"
    r"(?P<tail>/?(?:deed(?:\.[a-z-]+)?|legalcode(?:\.[a-z-]+)?)?/?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    """One problem in a record: element, value, message code, severity and params."""

    element: str
    value: str
    code: str
    severity: Severity
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str | None:
        """Return the value of param ``name`` (e.g. ``"suggestion"``), or ``None``."""
        return dict(self.params).get(name)


def _fold(text: str) -> str:
    """Casefold, strip diacritics and collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_FOLDED_TYPE_NAMES = {_fold(name): term for name, term in TYPE_NAMES.items()}
_FOLDED_LANGUAGE_NAMES = {_fold(name): code for name, code in LANGUAGE_NAMES.items()}


def _date_problem(element: str, text: str) -> Problem | None:
    """Check a date element; for ``temporal``, free text is fine unless it looks like a failed date."""
    if is_valid_date(text):
        return None
    suggestion = suggest_edtf(text)
    temporal = element == "temporal"
    if suggestion:
        code = "temporal_suggestion" if temporal else "date_suggestion"
        params = (("suggestion", suggestion.edtf), ("explanation", suggestion.explanation_key))
        return Problem(element, text, code, "warning" if temporal else "error", params)
    if not temporal:
        return Problem(element, text, "date_invalid", "error")
    if re.fullmatch(r"[\d\s./\-\u2013\u2014?~%xX]*\d[\d\s./\-\u2013\u2014?~%xX]*", text):
        return Problem(element, text, "temporal_date_like", "warning")
    return None


def _language_problem(element: str, text: str) -> Problem | None:
    """Check a language code against the archive's ISO 639 vocabulary."""
    if text in LANGUAGES:
        return None
    try:
        suggestion = normalise_language(text.split("-")[0].split("_")[0])
    except ValueError:
        suggestion = _FOLDED_LANGUAGE_NAMES.get(_fold(text))
    if suggestion:
        return Problem(element, text, "language_suggestion", "error", (("suggestion", suggestion),))
    return Problem(element, text, "language_unknown", "error", (("choices", ", ".join(LANGUAGES)),))


def _type_problem(element: str, text: str) -> Problem | None:
    """Check a type against the DCMI Type Vocabulary."""
    if text in DCMI_TYPES or text in {_DCMITYPE_NS + name for name in DCMI_TYPES}:
        return None
    folded = _fold(text)
    by_fold = {name.casefold(): name for name in DCMI_TYPES}
    suggestion = by_fold.get(folded.replace(" ", "")) or _FOLDED_TYPE_NAMES.get(folded)
    if suggestion:
        return Problem(element, text, "type_suggestion", "error", (("suggestion", suggestion),))
    return Problem(element, text, "type_unknown", "error", (("choices", ", ".join(DCMI_TYPES)),))


def rights_statement_id(value: str) -> str | None:
    """The RightsStatements.org statement ID a rights value names (e.g. ``InC``), else None.

    >>> rights_statement_id("https://rightsstatements.org/page/InC-EDU/1.0/?language=lv")
    'InC-EDU'
    >>> rights_statement_id("Autortiesību statuss nav noskaidrots") is None
    True
    """
    match = _RS_RE.fullmatch(value.strip())
    canonical = _canonical_rights_statement(match) if match else None
    return canonical.split("/")[-3] if canonical else None


def _canonical_rights_statement(match: re.Match[str]) -> str | None:
    """The canonical RightsStatements.org URI for a matched address, if the ID is known."""
    by_fold = {rid.casefold(): rid for rid in RIGHTS_STATEMENTS}
    rid = by_fold.get(match["id"].casefold())
    return f"http://rightsstatements.org/vocab/{rid}/1.0/" if rid and match["version"] == "1.0" else None


def _canonical_cc(match: re.Match[str]) -> str | None:
    """The canonical Creative Commons URI for a matched address, if the licence exists."""
    code = (match["code"] or "").casefold()
    if match["code"] and code not in CC_LICENCES:
        return None
    if match["port"] and match["version"] == "4.0":
        return None
    return f"{match['scheme'].lower()}://creativecommons.org/{match['path'].lower()}/"


def _rights_problem(element: str, text: str) -> Problem | None:
    """Check a rights/licence URI; free text is accepted."""
    if not re.match(r"https?://", text, re.IGNORECASE):
        return None
    host = re.match(r"https?://(?:www\.)?([^/?#]*)", text, re.IGNORECASE)[1].casefold()
    if host not in ("rightsstatements.org", "creativecommons.org"):
        return Problem(element, text, "rights_other_uri", "warning")
    match = _RS_RE.fullmatch(text) or _CC_RE.fullmatch(text)
    canonical = match and (_canonical_rights_statement if match.re is _RS_RE else _canonical_cc)(match)
    if canonical == text:
        return None
    if canonical:
        return Problem(element, text, "rights_suggestion", "error", (("suggestion", canonical),))
    return Problem(element, text, "rights_unknown_uri", "error")


#: Element or term -> the check applied to each of its values.
CHECKS: dict[str, Callable[[str, str], Problem | None]] = {
    "date": _date_problem,
    "created": _date_problem,
    "issued": _date_problem,
    "temporal": _date_problem,
    "language": _language_problem,
    "type": _type_problem,
    "rights": _rights_problem,
    "license": _rights_problem,
}


def validate_record(record: Record) -> list[Problem]:
    """Return the problems of a record: a missing title first, then per value in record order."""
    problems = [] if record.get("title") else [Problem("title", "", "title_missing", "error")]
    for element, value in record.items():
        check = CHECKS.get(element)
        problem = check(element, value.text) if check else None
        if problem:
            problems.append(problem)
    return problems
