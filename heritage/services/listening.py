"""What a visitor gets of a recording: the player's sources, captions, transcript and index.

Every file here passes the one access policy (:mod:`heritage.services.access`): a recording
whose file is closed to the visitor gives neither sound nor words, and its transcript is not
marked or listed. The item page's own search box searches the interview's cues and segments
by the main search's rule (folded diacritics, the stems of the interview's language).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..errors import ItemNotFound
from ..ingest import transcripts
from ..ingest.timing import clock, parse_timestamp
from ..models import Item, Recording
from ..search.analyzers import document_languages
from . import access
from .hits import marks_for
from .items import public_item, segment_text
from .page_files import StoredFile, key_etag
from .recordings import access_copies, cue_entries, segment_entries

TRANSCRIPT_FORMATS = {"vtt": "text/vtt; charset=utf-8", "srt": "application/x-subrip; charset=utf-8",
                      "txt": "text/plain; charset=utf-8"}


@dataclass
class Source:
    """One access copy the player may play: its address and MIME type."""

    url_args: dict
    mime_type: str
    label: str


@dataclass
class CueView:
    """A transcript cue as the page shows it, with the query's words marked."""

    number: int
    start: float
    end: float
    speaker: str
    html: Markup
    hit: bool

    @property
    def clock(self) -> str:
        return clock(self.start)


@dataclass
class SegmentView:
    """An index segment as the page shows it."""

    number: int
    start: float
    end: float | None
    title: Markup
    synopsis: Markup
    partial_transcript: Markup
    keywords: list[str]
    subjects: list[str]
    latitude: float | None
    longitude: float | None
    place: str
    hit: bool

    @property
    def clock(self) -> str:
        return clock(self.start)


@dataclass
class MomentLink:
    """A moment of the interview where the item page's query is said."""

    start: float
    html: Markup
    kind: str  # "cue" or "segment"

    @property
    def clock(self) -> str:
        return clock(self.start)


@dataclass
class RecordingView:
    """Everything the item page's player needs for one recording."""

    id: int
    item_id: int
    kind: str
    duration: float
    language: str
    open: bool
    closure: object | None = None
    sources: list[Source] = field(default_factory=list)
    has_peaks: bool = False
    has_poster: bool = False
    cues: list[CueView] = field(default_factory=list)
    segments: list[SegmentView] = field(default_factory=list)
    moments: list[MomentLink] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)

    @property
    def clock(self) -> str:
        return clock(self.duration)


def recording_views(item: Item, query: str = "", reading_room: bool = False) -> list[RecordingView]:
    """The item's recordings for its page, with the query's moments when there is a query."""
    marks = marks_for(query) if query else None
    languages = document_languages(",".join(v.value for v in item.values if v.element == "language"))
    views = []
    for recording in item.recordings:
        closed = access.closure(item, recording.media_file, reading_room=reading_room)
        if closed is not None and closed.level == "staff":
            continue  # a staff-only file is not shown at all
        view = RecordingView(recording.id, item.id, recording.kind, recording.duration,
                             recording.language, closed is None, closed)
        if view.open:
            _fill(view, recording, marks, languages)
        views.append(view)
    return views


def _fill(view: RecordingView, recording: Recording, marks, languages) -> None:
    view.sources = [Source({"item_id": view.item_id, "recording_id": recording.id, "number": n},
                           copy["mime_type"], copy.get("label", ""))
                    for n, copy in enumerate(access_copies(recording))]
    view.has_peaks, view.has_poster = bool(recording.peaks_key), bool(recording.poster_key)
    view.speakers = list(dict.fromkeys(c.speaker for c in recording.cues if c.speaker))

    def marked(text: str) -> tuple[Markup, bool]:
        if marks is None or not text:
            return Markup.escape(text), False
        spans = marks.spans(text, languages)
        return (marks.mark(text, languages), True) if spans else (Markup.escape(text), False)

    for number, cue in enumerate(recording.cues, 1):
        html, hit = marked(cue.text)
        view.cues.append(CueView(number, cue.start, cue.end, cue.speaker, html, hit))
        if hit:
            view.moments.append(MomentLink(cue.start, html, "cue"))
    for number, segment in enumerate(recording.segments, 1):
        title, title_hit = marked(segment.title)
        synopsis, synopsis_hit = marked(segment.synopsis)
        partial, partial_hit = marked(segment.partial_transcript)
        rest_hit = marks is not None and marks.matches(
            " ".join(segment.keyword_list + segment.subject_list + [segment.place]), languages)
        hit = title_hit or synopsis_hit or partial_hit or rest_hit
        view.segments.append(SegmentView(number, segment.start, segment.end, title, synopsis,
                                         partial, segment.keyword_list, segment.subject_list,
                                         segment.latitude, segment.longitude, segment.place, hit))
        if hit:
            view.moments.append(MomentLink(segment.start, marks.mark(segment_text(segment), languages)
                                           if marks else Markup.escape(segment.title), "segment"))
    view.moments.sort(key=lambda m: (m.start, m.kind))


def open_recording(item_id: int, recording_id: int, *, reading_room: bool = False
                   ) -> tuple[Item, Recording]:
    """A recording the visitor may play, with its item (the errors of :func:`access.check_media`)."""
    item = public_item(item_id)
    recording = next((r for r in item.recordings if r.id == recording_id), None)
    if recording is None:
        raise ItemNotFound(f"item #{item_id} has no recording {recording_id}")
    access.check_media(item, recording.media_file, reading_room=reading_room)
    return item, recording


def access_copy_file(item_id: int, recording_id: int, number: int, *,
                     reading_room: bool = False) -> StoredFile:
    """One access copy of an open recording, to stream (Range requests welcome)."""
    item, recording = open_recording(item_id, recording_id, reading_room=reading_room)
    copies = access_copies(recording)
    if not 0 <= number < len(copies):
        raise ItemNotFound(f"recording {recording_id} has no access copy {number}")
    copy = copies[number]
    suffix = copy["key"].rsplit(".", 1)[-1]
    return StoredFile(copy["mime_type"], key_etag(copy["key"]),
                      f"{item_id}-{recording_id}.{suffix}", key=copy["key"],
                      open_to_all=access.media_open(item, recording.media_file))


def transcript_file(item_id: int, recording_id: int, fmt: str, *,
                    reading_room: bool = False) -> StoredFile:
    """The transcript of an open recording as WebVTT (the captions track), SRT or plain text."""
    if fmt not in TRANSCRIPT_FORMATS:
        raise ItemNotFound(f"no transcript format {fmt!r}")
    _, recording = open_recording(item_id, recording_id, reading_room=reading_room)
    cues = cue_entries(recording)
    text = {"vtt": transcripts.write_webvtt, "srt": transcripts.write_srt,
            "txt": transcripts.cues_as_text}[fmt](cues)
    return _text_file(text, TRANSCRIPT_FORMATS[fmt], f"{item_id}-{recording_id}.{fmt}")


def index_file(item_id: int, recording_id: int, *, reading_room: bool = False) -> StoredFile:
    """The index of an open recording as CSV (the columns heritage imports)."""
    _, recording = open_recording(item_id, recording_id, reading_room=reading_room)
    text = transcripts.write_index_csv(segment_entries(recording))
    return _text_file(text, "text/csv; charset=utf-8", f"{item_id}-{recording_id}-index.csv")


def peaks_file(item_id: int, recording_id: int, *, reading_room: bool = False) -> StoredFile:
    """The waveform peaks of an open recording, as JSON for the player."""
    _, recording = open_recording(item_id, recording_id, reading_room=reading_room)
    if not recording.peaks_key:
        raise ItemNotFound(f"recording {recording_id} has no waveform")
    return StoredFile("application/json", key_etag(recording.peaks_key),
                      f"{item_id}-{recording_id}-peaks.json", key=recording.peaks_key)


def poster_file(item_id: int, recording_id: int, *, reading_room: bool = False) -> StoredFile:
    """The still frame shown before a video plays."""
    _, recording = open_recording(item_id, recording_id, reading_room=reading_room)
    if not recording.poster_key:
        raise ItemNotFound(f"recording {recording_id} has no poster frame")
    return StoredFile("image/jpeg", key_etag(recording.poster_key),
                      f"{item_id}-{recording_id}.jpg", key=recording.poster_key)


def _text_file(text: str, mimetype: str, name: str) -> StoredFile:
    data = text.encode("utf-8")
    return StoredFile(mimetype, hashlib.sha256(data).hexdigest(), name, data=data)


def start_time(raw: str | None, duration: float | None = None) -> float | None:
    """The ``?t=`` of an item page as seconds (``95``, ``95.5``, ``1:35``, ``1m35s``), or None.

    >>> start_time("95"), start_time("1:35"), start_time("1m35s"), start_time("x"), start_time("-4")
    (95.0, 95.0, 95.0, None, None)
    """
    text = (raw or "").strip()
    if not text:
        return None
    found = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?", text)
    if found and any(found.groups()):
        seconds = int(found[1] or 0) * 3600 + int(found[2] or 0) * 60 + float(found[3] or 0)
    else:
        try:
            seconds = parse_timestamp(text)
        except ValueError:
            return None
    if duration is not None and seconds > duration:
        return None
    return seconds

