"""EDTF (levels 0 and 1) and W3CDTF dates: parse, validate, and read dates as staff type them.

:func:`parse_edtf` understands the Extended Date/Time Format (ISO 8601-2)
levels 0 and 1 and the W3CDTF profile of ISO 8601 (dates with times and
time zones).  Years before AD 1 and years with more than four digits are not
supported.  Seasons (``1935-21`` spring .. ``1935-24`` winter, northern
hemisphere meteorological seasons, winter running into the next year) have
precision ``"month"``.

>>> d = parse_edtf("193X~")
>>> d.lower, d.upper, d.precision, d.approximate
(datetime.date(1930, 1, 1), datetime.date(1939, 12, 31), 'decade', True)
>>> parse_edtf("1945/..").upper is None
True
>>> year_range("1934-05/1936"), year_range("../1940")
((1934, 1936), (None, 1940))
>>> is_valid_date("1935-02-30"), is_valid_date("1935-06-12T10:30:00+02:00")
(False, True)
>>> parse_edtf("1936/1934")
Traceback (most recent call last):
...
dublin_core.errors.DublinCoreError: invalid date '1936/1934': the interval ends before it starts

:func:`suggest_edtf` reads what Latvian and Lithuanian (and Russian) library
staff type and proposes the EDTF form:

>>> suggest_edtf("ap. 1935")
Suggestion(edtf='1935~', explanation_key='approximate_year')
>>> suggest_edtf("1935. g. 12. aprīlī").edtf, suggest_edtf("1930-aisiais").edtf
('1935-04-12', '193X')
>>> suggest_edtf("30. gadi") is None           # which century? do not guess
True
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from dublin_core.errors import DublinCoreError

Precision = Literal["year", "month", "day", "decade", "century", "interval"]

#: Season codes (EDTF level 1) -> (first month, number of months).
SEASONS: dict[int, tuple[int, int]] = {21: (3, 3), 22: (6, 3), 23: (9, 3), 24: (12, 3)}

_HINT = "write e.g. 1935, 1935-06, 1935-06-12, 1935~, 1935?, 193X or 1934/1936"

_SINGLE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-](?P<tzh>\d{2}):(?P<tzm>\d{2}))?)?"
    r"(?P<qualifier>[?~%])?"
)


@dataclass(frozen=True)
class EdtfDate:
    """A parsed date or interval; ``lower``/``upper`` are ``None`` for open or unknown ends."""

    text: str
    lower: datetime.date | None
    upper: datetime.date | None
    uncertain: bool = False
    approximate: bool = False
    precision: Precision = "year"


@dataclass(frozen=True)
class Suggestion:
    """An EDTF reading of typed text; ``explanation_key`` names its kind, e.g. ``approximate_year``."""

    edtf: str
    explanation_key: str


def _invalid(text: str, reason: str) -> DublinCoreError:
    """Build the error for an invalid date."""
    return DublinCoreError(f"invalid date {text!r}: {reason}")


def _year_bounds(text: str, year: str) -> tuple[int, int]:
    """Return the first and last year a (possibly X-ed) year covers."""
    low, high = int(year.replace("X", "0")), int(year.replace("X", "9"))
    if low < 1:
        raise _invalid(text, "years before AD 1 are not supported")
    return low, high


def _check_time(text: str, match: re.Match[str]) -> None:
    """Reject impossible times and time zone offsets."""
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    if hour > 23 or minute > 59 or second > 59:
        raise _invalid(text, f"{match['hour']}:{match['minute']} is not a valid time")
    if match["tzh"] and (int(match["tzh"]) > 14 or int(match["tzm"]) > 59):
        raise _invalid(text, f"{match['tz']} is not a valid time zone offset")


def _month_bounds(text: str, year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of a month or season."""
    if month in SEASONS:
        first, count = SEASONS[month]
        end_year, end_month = year + (first + count - 2) // 12, (first + count - 2) % 12 + 1
        if end_year > 9999:
            raise _invalid(text, "the season ends after the year 9999")
        last = calendar.monthrange(end_year, end_month)[1]
        return datetime.date(year, first, 1), datetime.date(end_year, end_month, last)
    if not 1 <= month <= 12:
        raise _invalid(text, f"month {month:02d} does not exist")
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def _parse_single(text: str, part: str) -> EdtfDate:
    """Parse one date (no interval) of EDTF level 0/1 or W3CDTF."""
    match = _SINGLE.fullmatch(part)
    if not match:
        raise _invalid(text, f"not a recognised date form ({_HINT})")
    year, month, day, qualifier = match["year"], match["month"], match["day"], match["qualifier"]
    if "X" in year and month:
        raise _invalid(text, "a year with X digits cannot have a month or day")
    if month == "XX" and day and day != "XX":
        raise _invalid(text, "an unspecified month cannot have a known day")
    if match["hour"] and (not day or day == "XX" or qualifier):
        raise _invalid(text, "a time needs a full date and cannot be qualified")
    if match["hour"]:
        _check_time(text, match)
    low, high = _year_bounds(text, year)
    lower, upper = datetime.date(low, 1, 1), datetime.date(high, 12, 31)
    precision: Precision = {"X": "decade", "XX": "century"}.get(year.lstrip("0123456789"), "year")
    if month and month != "XX":
        lower, upper = _month_bounds(text, low, int(month))
        precision = "month"
        if day and int(month) in SEASONS:
            raise _invalid(text, "a season cannot have a day")
        if day and day != "XX":
            if not 1 <= int(day) <= upper.day:
                raise _invalid(text, f"day {day} does not exist in {year}-{month}")
            lower = upper = datetime.date(low, int(month), int(day))
            precision = "day"
    return EdtfDate(part, lower, upper, qualifier in ("?", "%"), qualifier in ("~", "%"), precision)


def _parse_interval(text: str, start: str, end: str) -> EdtfDate:
    """Parse ``start/end`` where either side may be ``..`` (open) or empty (unknown)."""
    if start in ("", "..") and end in ("", ".."):
        raise _invalid(text, "an interval needs at least one date")
    first = None if start in ("", "..") else _parse_single(text, start)
    last = None if end in ("", "..") else _parse_single(text, end)
    if first and last and first.lower > last.upper:
        raise _invalid(text, "the interval ends before it starts")
    sides = [side for side in (first, last) if side]
    return EdtfDate(
        text, first.lower if first else None, last.upper if last else None,
        any(s.uncertain for s in sides), any(s.approximate for s in sides), "interval",
    )


def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF level 0/1 or W3CDTF date or interval, or raise ``DublinCoreError``."""
    if not isinstance(text, str):
        raise DublinCoreError(f"a date must be text, not {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise _invalid(text, "the date is empty")
    if stripped.count("/") > 1:
        raise _invalid(text, "an interval has exactly one '/'")
    if "/" in stripped:
        return _parse_interval(stripped, *stripped.split("/"))
    return _parse_single(stripped, stripped)


def year_range(text: str) -> tuple[int | None, int | None]:
    """Return the first and last year a date covers (``None`` for an open or unknown end)."""
    date = parse_edtf(text)
    return (date.lower.year if date.lower else None, date.upper.year if date.upper else None)


def is_valid_date(text: str) -> bool:
    """Say whether ``text`` is a valid EDTF level 0/1 or W3CDTF date."""
    try:
        parse_edtf(text)
    except DublinCoreError:
        return False
    return True


# --- Reading what people type -------------------------------------------------------------


def _fold(text: str) -> str:
    """Strip diacritics (Latin script only matters here) after casefolding."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_APPROXIMATE = (
    "apmēram", "aptuveni", "apytiksliai", "apytikriai", "apie", "apm.", "apm", "ap.", "ap",
    "circa", "cirka", "ca.", "ca", "c.", "около", "примерно", "ок.", "~",
)
_UNCERTAIN = (
    "varbūt", "laikam", "iespējams", "droši vien", "galbūt", "gal", "tikriausiai", "turbūt",
    "возможно", "вероятно",
)
_UNCERTAIN_SUFFIXES = ("?", "(?)", "[?]")
#: (words, EDTF qualifier, whether the words come last) for approximate and uncertain dates.
_QUALIFIER_WORDS = ((_APPROXIMATE, "~", False), (_UNCERTAIN, "?", False), (_UNCERTAIN_SUFFIXES, "?", True))
_BEFORE = ("pirms", "līdz", "iki", "до", "ранее")
_AFTER = ("pēc", "po", "после", "no", "nuo", "от", "с")
_FROM_TO = re.compile(r"(?:no|nuo|от|с)\s+(?P<start>.+?)\s+(?:līdz|iki|до|по)\s+(?P<end>.+)")

#: Folded month-name stems (Latvian, Lithuanian, Russian) -> month, or season code 21-24.
MONTH_STEMS: dict[str, int] = {
    "janvar": 1, "februar": 2, "mart": 3, "april": 4, "maij": 5, "junij": 6, "julij": 7,
    "august": 8, "septembr": 9, "oktobr": 10, "novembr": 11, "decembr": 12,
    "saus": 1, "vasari": 2, "vasary": 2, "kov": 3, "baland": 4, "geguz": 5, "birzel": 6,
    "liep": 7, "rugpj": 8, "rugsej": 9, "spal": 10, "lapkri": 11, "gruod": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "мае": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "pavasar": 21, "vasara": 22, "vasaru": 22, "ruden": 23, "rudu": 23, "ziem": 24,
    "весн": 21, "лет": 22, "осен": 23, "зим": 24,
}
_FOLDED_STEMS: dict[str, int] = {_fold(stem): month for stem, month in MONTH_STEMS.items()}
_STEMS_LONGEST_FIRST: list[str] = sorted(_FOLDED_STEMS, key=len, reverse=True)

#: Words that only say "year", "day", "month" and can be dropped from a worded date.
_FILLER = {
    "gada", "gadā", "g", "gads", "gadu", "gadam", "m", "metai", "metais", "metų", "d", "dieną", "diena",
    "mėn", "mėnesio", "mėnesį", "г", "года", "год", "году", "dienā",
}
_YEAR_WORDS = r"(?:g|gads|gada|gadā|gadu|gadam|m|metai|metais|metų|г|год|года|году)"
_DECADE_SUFFIX = r"(?:tie|ie|to|tajos|ajos|ieji|ųjų|aisiais|iais|s|е|х|ые|ых)"
_DECADE_WORDS = r"(?:gadi|gados|gadiem|gadu|годы|годов|годах|гг)"
_CENTURY_WORDS = r"(?:gs|gadsimts|gadsimtā|gadsimta|gadsimtu|a|amžius|amžiaus|amžiuje|в|век|века|веке)"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

_YEAR_RE = re.compile(rf"(?P<year>\d{{4}})\.?(?:\s*{_YEAR_WORDS}\.?)?")
_DECADE_RE = re.compile(
    rf"(?P<year>\d{{3}}0)(?:\s*[.'’]?\s*-?\s*(?P<suffix>{_DECADE_SUFFIX}))?\.?(?:\s*(?P<word>{_DECADE_WORDS})\.?)?"
)
_CENTURY_RE = re.compile(rf"(?P<century>[ivxlc]+|\d{{1,2}})\.?\s*{_CENTURY_WORDS}\.?")
_CENTURY_DECADE_RE = re.compile(
    rf"(?P<century>[ivxlc]+|\d{{1,2}})\.?\s*{_CENTURY_WORDS}\.?\s*(?P<decade>[1-9]0)\s*\.?\s*-?\s*"
    rf"(?:{_DECADE_SUFFIX})?\.?(?:\s*{_DECADE_WORDS}\.?)?"
)
_DMY_RE = re.compile(rf"(?P<day>\d{{1,2}})[./](?P<month>\d{{1,2}})[./](?P<year>\d{{4}})\.?(?:\s*{_YEAR_WORDS}\.?)?")
_YMD_RE = re.compile(r"(?P<year>\d{4})\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})\.?")
_MY_RE = re.compile(rf"(?P<month>\d{{1,2}})\.(?P<year>\d{{4}})\.?(?:\s*{_YEAR_WORDS}\.?)?")


def _normalise(typed: str) -> str:
    """Casefold, unify dashes and collapse whitespace."""
    text = unicodedata.normalize("NFC", typed).casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def _roman(numeral: str) -> int:
    """Value of a lower-case Roman numeral ("xix") or a decimal number ("19")."""
    if numeral.isdigit():
        return int(numeral)
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _valid(edtf: str) -> str | None:
    """Return ``edtf`` when it parses, else ``None``."""
    return edtf if is_valid_date(edtf) else None


def _century(number: int | None) -> str | None:
    """The ``NNXX`` year prefix of century ``number`` (19 -> ``"18"``), or ``None``."""
    return f"{number - 1:02d}" if number and 1 < number <= 21 else None


def _read_numbered(text: str) -> str | None:
    """Read years, decades, centuries and numeric dates."""
    if match := _YEAR_RE.fullmatch(text):
        return _valid(match["year"])
    if (match := _DECADE_RE.fullmatch(text)) and (match["suffix"] or match["word"] not in (None, "gadu")):
        return _valid(match["year"][:3] + "X")
    if match := _CENTURY_DECADE_RE.fullmatch(text):
        prefix = _century(_roman(match["century"]))
        return _valid(f"{prefix}{match['decade'][0]}X") if prefix else None
    if match := _CENTURY_RE.fullmatch(text):
        prefix = _century(_roman(match["century"]))
        return _valid(f"{prefix}XX") if prefix else None
    for pattern in (_DMY_RE, _YMD_RE):
        if match := pattern.fullmatch(text):
            return _valid(f"{match['year']}-{int(match['month']):02d}-{int(match['day']):02d}")
    if match := _MY_RE.fullmatch(text):
        return _valid(f"{match['year']}-{int(match['month']):02d}")
    return None


def _month_of(token: str) -> int | None:
    """The month (or season code) a month-name token names, in any case form or abbreviated."""
    word = _fold(token)
    for stem in _STEMS_LONGEST_FIRST:
        if word.startswith(stem) and len(word) - len(stem) <= 4:
            return _FOLDED_STEMS[stem]
    if len(word) >= 3:
        matches = {month for stem, month in _FOLDED_STEMS.items() if stem.startswith(word)}
        return matches.pop() if len(matches) == 1 else None
    return None


def _read_worded(text: str) -> str | None:
    """Read dates such as "1935. gada 12. aprīlis" or "1935 m. balandžio 12 d."."""
    tokens = [t for t in re.split(r"[\s.,]+", text) if t and t not in _FILLER]
    years = [t for t in tokens if re.fullmatch(r"\d{4}", t)]
    days = [t for t in tokens if re.fullmatch(r"\d{1,2}", t)]
    words = [t for t in tokens if t not in years and t not in days]
    if len(years) != 1 or len(days) > 1 or len(words) != 1:
        return None
    month = _month_of(words[0])
    if month is None or (days and month > 12):
        return None
    day = f"-{int(days[0]):02d}" if days else ""
    return _valid(f"{years[0]}-{month:02d}{day}")


def _read_single(text: str) -> str | None:
    """Read one date (no interval) from normalised text."""
    text = text.strip()
    if re.fullmatch(r"[\dx?~%-]+", text) and "/" not in text and is_valid_date(text.upper()):
        return text.upper()
    return _read_numbered(text) or _read_worded(text)


def _strip_word(text: str, words: tuple[str, ...], at_end: bool = False) -> str | None:
    """Return ``text`` without a leading (or trailing) word from ``words``, or ``None``."""
    for word in words:
        rest = text[: -len(word)] if at_end and text.endswith(word) else None
        if not at_end and text.startswith(word):
            rest = text[len(word):]
            if not (word[-1] in ".~" or rest[:1].isspace() or rest[:1].isdigit()):
                continue
        if rest is not None and rest.strip():
            return rest.strip()
    return None


def _qualify(edtf: str, mark: str) -> str:
    """Add ``~`` or ``?`` to each dated side of ``edtf``, merging into ``%``."""
    if "/" in edtf:
        return "/".join(side if side in ("", "..") else _qualify(side, mark) for side in edtf.split("/"))
    if edtf[-1] in "?~%":
        marks = {edtf[-1], mark}
        return edtf[:-1] + ("%" if len(marks) > 1 or "%" in marks else mark)
    return edtf + mark


def _read_interval(text: str) -> str | None:
    """Read "no 1934 līdz 1936", "1934.–1936.", "1934-36", "pirms 1940", "pēc 1945"."""
    if match := _FROM_TO.fullmatch(text):
        start, end = _read_single(match["start"]), _read_single(match["end"])
        return _valid(f"{start}/{end}") if start and end else None
    for match in re.finditer(r"\s*[-/]\s*", text):
        left, right = text[: match.start()], text[match.end():]
        start, end = _read_single(left), _read_single(right)
        if start and not end and re.fullmatch(r"\d{4}\.?", left) and re.fullmatch(r"\d{2}\.?", right):
            end = left[:2] + right[:2]
        if start and end:
            return _valid(f"{start}/{end}")
    if (rest := _strip_word(text, _BEFORE)) and (end := _read_single(rest)):
        return _valid(f"../{end}")
    if (rest := _strip_word(text, _AFTER)) and (start := _read_single(rest)):
        return _valid(f"{start}/..")
    return None


def _read(text: str) -> str | None:
    """Read typed, normalised text as EDTF, or ``None``."""
    if text.startswith("[") and text.endswith("]"):
        return _read(text[1:-1].strip())
    for words, mark, at_end in _QUALIFIER_WORDS:
        rest = _strip_word(text, words, at_end)
        if rest and (inner := _read(rest)):
            return _qualify(inner, mark)
    return _read_single(text) or _read_interval(text)


def explanation_key(edtf: str) -> str:
    """Name the kind of an EDTF date, e.g. ``year``, ``approximate_decade``, ``before``, ``interval``."""
    date = parse_edtf(edtf)
    if date.precision == "interval":
        start, end = edtf.split("/")
        return "before" if start in ("", "..") else "after" if end in ("", "..") else "interval"
    kind = "season" if date.precision == "month" and int(edtf[5:7]) > 12 else date.precision
    qualifiers = ["approximate"] * date.approximate + ["uncertain"] * date.uncertain
    return "_".join([*qualifiers, kind])


def suggest_edtf(typed: str) -> Suggestion | None:
    """Propose the EDTF form of a date as typed by library staff, or ``None`` if unsure."""
    if not isinstance(typed, str) or not typed.strip():
        return None
    if is_valid_date(typed):
        return Suggestion(typed.strip(), explanation_key(typed.strip()))
    edtf = _read(_normalise(typed))
    return Suggestion(edtf, explanation_key(edtf)) if edtf else None
