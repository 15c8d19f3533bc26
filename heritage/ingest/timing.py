"""Moments of a recording: transcript cues, index segments, and the timestamps that name them.

These plain records are what the transcript readers (:mod:`heritage.ingest.transcripts`), a
speech-to-text backend (:mod:`heritage.ingest.speech`) and the database layer pass between
them. Times are seconds from the start of the recording, as floats.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_TIMESTAMP = re.compile(r"^(?:(?:(?P<h>\d+):)?(?P<m>\d{1,2}):)?(?P<s>\d{1,2})(?:[.,](?P<f>\d{1,3}))?$")


@dataclass
class CueEntry:
    """Words spoken between two moments, and who spoke them (from a WebVTT voice, say)."""

    start: float
    end: float
    text: str
    speaker: str = ""
    line: int = 0  # where the cue began in the file it was read from (0: not from a file)


@dataclass
class SegmentEntry:
    """One entry of an interview's index (OHMS style): where a topic begins and what is said."""

    start: float
    title: str
    end: float | None = None
    partial_transcript: str = ""
    synopsis: str = ""
    keywords: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    place: str = ""  # what the GPS point is (a farmstead, a village)
    line: int = 0


@dataclass(frozen=True)
class Problem:
    """Something wrong in a transcript or index file, at a line (None: the whole file)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def parse_timestamp(text: str) -> float:
    """Seconds from ``hh:mm:ss.mmm``, ``mm:ss``, ``ss``, with ``.`` or ``,`` before the fraction.

    >>> parse_timestamp("01:02:03.500"), parse_timestamp("2:03"), parse_timestamp("00:00:07,25")
    (3723.5, 123.0, 7.25)
    >>> parse_timestamp("1:75")
    Traceback (most recent call last):
    ValueError: '1:75' is not a time: minutes and seconds go up to 59 (write hh:mm:ss.mmm)
    """
    value = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value) and ":" not in value:
        return float(value)  # plain seconds, as some index spreadsheets have them
    found = _TIMESTAMP.match(value)
    if not found:
        raise ValueError(f"{text!r} is not a time (write hh:mm:ss.mmm, e.g. 00:12:05.500)")
    hours, minutes = int(found["h"] or 0), int(found["m"] or 0)
    seconds = int(found["s"])
    if (found["m"] is not None and seconds > 59) or (found["h"] is not None and minutes > 59):
        raise ValueError(f"{text!r} is not a time: minutes and seconds go up to 59 "
                         "(write hh:mm:ss.mmm)")
    fraction = float(f"0.{found['f']}") if found["f"] else 0.0
    return hours * 3600 + minutes * 60 + seconds + fraction


def format_timestamp(seconds: float, separator: str = ".", always_hours: bool = True) -> str:
    """``hh:mm:ss.mmm`` (WebVTT; SRT wants ``,``); without hours when asked and under an hour.

    >>> format_timestamp(3723.5), format_timestamp(7.25, ","), format_timestamp(65, always_hours=False)
    ('01:02:03.500', '00:00:07,250', '01:05.000')
    """
    millis = int(round(max(0.0, seconds) * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    if hours or always_hours:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"
    return f"{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def clock(seconds: float) -> str:
    """A moment as people read it on a player: ``m:ss``, or ``h:mm:ss`` past an hour.

    >>> clock(75.6), clock(3723)
    ('1:15', '1:02:03')
    """
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
