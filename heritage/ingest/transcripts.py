"""Interview transcripts (WebVTT, SRT, plain text) and their indexes, read and written.

Readers turn a file into :class:`~heritage.ingest.timing.CueEntry` records and a list of
:class:`~heritage.ingest.timing.Problem`; a cue with a bad time is left out and reported, the
others are kept. :func:`validate_cues` then checks the order and the times against the
recording. The index readers (CSV, OHMS XML) live in :mod:`heritage.ingest.segment_index`
and are re-exported here.

>>> t = read_webvtt("WEBVTT\\n\\n00:01.000 --> 00:04.000\\n"
...                  "<v Anna Ozola>Kolhozā strādāju &amp; mācījos.")
>>> t.ok, t.cues[0].speaker, t.cues[0].text, t.cues[0].end
(True, 'Anna Ozola', 'Kolhozā strādāju & mācījos.', 4.0)
>>> print(cues_as_text(t.cues), end="")
[00:00:01] Anna Ozola: Kolhozā strādāju & mācījos.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from heritage.ingest.segment_index import (SegmentIndex, read_index_csv, read_ohms_xml,
                                           seconds, write_index_csv)
from heritage.ingest.timing import CueEntry, Problem, format_timestamp

__all__ = ["Transcript", "SegmentIndex", "read_webvtt", "read_srt", "read_plain",
           "read_transcript", "validate_cues", "read_index_csv", "read_ohms_xml", "read_index",
           "write_webvtt", "write_srt", "write_index_csv", "cues_as_text", "decode_text"]

TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".txt")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>\n]*)>")
_VTT_TAG = re.compile(r"</?[A-Za-z]+(?:\.[^\s>]*)?(?:[ \t][^>\n]*)?>|<\d[\d:.]*>")
_SRT_TAG = re.compile(r"</?(?:i|b|u|s|font)(?:[ \t][^>\n]*)?>|\{\\[^}\n]*\}", re.IGNORECASE)
_BRACKETED = re.compile(r"^[\[(]\s*(\d+:[\d:.,]*)\s*[\])]\s*")
_BARE = re.compile(r"^(\d+:\d[\d:.,]*)(?:[ \t]+|\n|$)")
# A speaker label: up to four capitalised words and a colon ("Anna Ozola:", "VĀRDS:").
_LABEL = re.compile(r"^([^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}):(?:\s+|$)")


@dataclass
class Transcript:
    """The cues of a transcript file, and what was wrong in it."""

    cues: list[CueEntry]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when the file had no problems."""
        return not self.problems


def decode_text(name: str, data: bytes) -> tuple[str | None, Problem | None]:
    """The text of an uploaded file (UTF-8, or UTF-16 with a BOM) with ``\\n`` line ends."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")  # the BOM says which byte order, and is dropped
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, Problem(None, f"{name} is not UTF-8 text: save it as UTF-8 (in Notepad: "
                                   "Save as → Encoding UTF-8) and import it again")
    return re.sub(r"\r\n?", "\n", text), None


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of its first line (from 1)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text.lstrip("\ufeff")), 1):
        if line.strip():
            if not current:
                blocks.append((number, current))
            current.append(line)
        elif current:
            current = []
    return blocks


def _tidy(text: str) -> str:
    """Lines stripped, blank ones dropped: a cue may not hold a blank line."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _timed_block(first: int, block: list[str],
                 payload: Callable[[list[str]], tuple[str, str]]) -> CueEntry | Problem:
    """A cue from a block: optional identifier, ``start --> end [settings]``, text lines."""
    at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
    if at is None:
        return Problem(first, "this block has no timing line like "
                              "'00:00:01.000 --> 00:00:04.000'; it was left out")
    line = first + at
    left, _, right = block[at].partition("-->")
    try:
        start = seconds(left)
        end = seconds((right.split() or [""])[0])  # WebVTT cue settings follow the end time
    except ValueError as exc:
        return Problem(line, f"{exc}; this cue was left out")
    text, speaker = payload(block[at + 1:])
    return CueEntry(start=start, end=end, text=text, speaker=speaker, line=line)


def _read_blocks(blocks: list[tuple[int, list[str]]],
                 payload: Callable[[list[str]], tuple[str, str]],
                 problems: list[Problem]) -> list[CueEntry]:
    cues = []
    for first, block in blocks:
        found = _timed_block(first, block, payload)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            cues.append(found)
    return cues


def _webvtt_payload(lines: list[str]) -> tuple[str, str]:
    raw = "\n".join(lines)
    voice = _VOICE.search(raw)
    speaker = " ".join(html.unescape(voice[1]).split()) if voice else ""
    # Entities are decoded after the tags are gone, so "&lt;i&gt;" stays text.
    return _tidy(html.unescape(_VTT_TAG.sub("", raw))), speaker


def read_webvtt(text: str) -> Transcript:
    """Cues of a WebVTT file: voices become speakers, other markup is dropped."""
    blocks, problems = _blocks(text), []
    if re.match(r"WEBVTT(?:[ \t\n]|$)", text.lstrip("\ufeff")):
        blocks = blocks[1:]  # the header and its metadata lines
    else:
        problems.append(Problem(1, "the file does not start with the line 'WEBVTT': "
                                   "add it as the first line, followed by a blank line"))
        if blocks and not any("-->" in line for line in blocks[0][1][:2]):
            blocks = blocks[1:]  # most likely a misspelt header, not a cue
    blocks = [(n, b) for n, b in blocks if not re.match(r"(NOTE|STYLE|REGION)(?:\s|$)", b[0])]
    return Transcript(_read_blocks(blocks, _webvtt_payload, problems), problems)


def _srt_payload(lines: list[str]) -> tuple[str, str]:
    # SRT has no voices: "Anna: …" stays text, for "Anna" may just as well be a word said.
    return _tidy(_SRT_TAG.sub("", "\n".join(lines))), ""


def read_srt(text: str) -> Transcript:
    """Cues of a SubRip file (numbers optional, ``,`` or ``.`` before the milliseconds)."""
    problems: list[Problem] = []
    return Transcript(_read_blocks(_blocks(text), _srt_payload, problems), problems)


def _paragraph(lines: list[str]) -> tuple[float | None, str, str]:
    """Timestamp (or None), speaker and text of a plain paragraph; ValueError for a bad time."""
    body = "\n".join(line.strip() for line in lines)
    stamp = None
    found = _BRACKETED.match(body) or _BARE.match(body)
    if found:
        stamp = seconds(found[1])
        body = body[found.end():]
    speaker = ""
    label = _LABEL.match(body)
    if label and all(word[0].isupper() for word in label[1].split()):
        speaker, body = label[1], body[label.end():]
    return stamp, speaker, _tidy(body)


def read_plain(text: str, duration: float | None = None) -> Transcript:
    """One cue per paragraph; ``[00:12:05]`` and ``Name:`` at its start give time and speaker."""
    problems, found = [], []
    for first, lines in _blocks(text):
        try:
            found.append((first, *_paragraph(lines)))
        except ValueError as exc:
            problems.append(Problem(first, f"{exc}; this paragraph was left out"))
    starts: list[float] = []
    for _, stamp, _, _ in found:  # an untimed paragraph goes on from the one before
        starts.append(stamp if stamp is not None else (starts[-1] if starts else 0.0))
    cues = []
    for i, (first, _, speaker, body) in enumerate(found):
        start = starts[i]
        if i + 1 < len(starts):
            end = max(start, starts[i + 1])  # disorder is reported once, by validate_cues
        else:
            end = start if duration is None else max(start, float(duration))
        cues.append(CueEntry(start=start, end=end, text=body, speaker=speaker, line=first))
    return Transcript(cues, problems)


def validate_cues(cues: list[CueEntry], duration: float | None = None, *,
                  points_ok: bool = False) -> list[Problem]:
    """Problems of order and timing; ``points_ok`` lets a cue end where it starts (plain text)."""
    problems = []
    for previous, cue in zip([None, *cues], cues):
        line, start, end = cue.line or None, format_timestamp(cue.start), format_timestamp(cue.end)
        if not cue.text.strip():
            problems.append(Problem(line, "the cue has no text: write what is said, "
                                          "or delete the cue"))
        if cue.end < cue.start or (cue.end == cue.start and not points_ok):
            problems.append(Problem(line, f"the cue ends at {end}, not after it starts "
                                          f"({start}): correct the end time"))
        if duration is not None and cue.start > duration:
            problems.append(Problem(line, f"this cue starts at {start}, after the end of the "
                                          f"recording ({format_timestamp(duration)}): is this "
                                          "the transcript of this recording?"))
        if previous is None:
            continue
        if cue.start < previous.start:
            problems.append(Problem(line, f"cues are not in time order: this cue starts at "
                                          f"{start}, before the previous one "
                                          f"({format_timestamp(previous.start)})"))
        elif cue.start < previous.end and not (
                cue.speaker and previous.speaker and cue.speaker != previous.speaker):
            # WebVTT lets two voices speak at once; one voice cannot.
            problems.append(Problem(line, f"this cue starts at {start}, before the previous "
                                          f"one ends ({format_timestamp(previous.end)}), and "
                                          "it is the same speaker: correct one of the times"))
    return problems


def _suffix_problem(name: str, accepted: tuple[str, ...]) -> Problem:
    suffix = PurePath(name).suffix.lower()
    return Problem(None, f"{name}: files ending in {suffix or '(no suffix)'!r} cannot be "
                         f"read here; accepted are {', '.join(accepted)}")


def read_transcript(name: str, data: bytes, duration: float | None = None) -> Transcript:
    """A transcript file read by its suffix (.vtt, .srt, .txt) and checked by validate_cues."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        return Transcript([], [_suffix_problem(name, TRANSCRIPT_SUFFIXES)])
    text, problem = decode_text(name, data)
    if text is None:
        return Transcript([], [problem] if problem else [])
    if suffix == ".vtt":
        found = read_webvtt(text)
    elif suffix == ".srt":
        found = read_srt(text)
    else:
        found = read_plain(text, duration)
    problems = found.problems + validate_cues(found.cues, duration, points_ok=suffix == ".txt")
    return Transcript(found.cues, sorted(problems, key=lambda p: p.line or 0))


def read_index(name: str, data: bytes) -> SegmentIndex:
    """An index file read by its suffix: .csv (a spreadsheet) or .xml (an OHMS export)."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".csv", ".xml"):
        return SegmentIndex([], [_suffix_problem(name, (".csv", ".xml"))])
    text, problem = decode_text(name, data)
    declared = re.match(rb"\s*<\?xml[^>]*encoding=[\"']([\w.-]+)", data)
    if suffix == ".xml" and (text is not None or (declared and declared[1].lower() != b"utf-8")):
        return read_ohms_xml(data)  # lxml reads the encoding its declaration names
    if text is None:
        return SegmentIndex([], [problem] if problem else [])
    return read_index_csv(text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_webvtt(cues: list[CueEntry]) -> str:
    """A WebVTT file of the cues, with ``<v Speaker>`` where the speaker is known."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        body = _escape(_tidy(cue.text))
        if cue.speaker:
            body = f"<v {_escape(' '.join(cue.speaker.split()))}>{body}"
        parts += [f"{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}", body, ""]
    return "\n".join(parts)


def write_srt(cues: list[CueEntry]) -> str:
    """A SubRip file of the cues; SRT has no voices, so a speaker goes before the text."""
    parts = []
    for number, cue in enumerate(cues, 1):
        body = _tidy(cue.text)
        if cue.speaker:
            body = f"{cue.speaker}: {body}"
        parts += [str(number), f"{format_timestamp(cue.start, ',')} --> "
                               f"{format_timestamp(cue.end, ',')}", body, ""]
    return "\n".join(parts)


def cues_as_text(cues: list[CueEntry]) -> str:
    """Readable plain text, a ``[hh:mm:ss] Speaker: text`` paragraph per cue."""
    paragraphs = []
    for cue in cues:
        hours, rest = divmod(int(max(0.0, cue.start)), 3600)
        head = f"[{hours:02d}:{rest // 60:02d}:{rest % 60:02d}]"
        who = f" {cue.speaker}:" if cue.speaker else ""
        paragraphs.append(f"{head}{who} {_tidy(cue.text)}".rstrip())
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")
