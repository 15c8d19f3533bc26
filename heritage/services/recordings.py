"""Recordings of items: made at ingest, their transcripts and indexes imported and edited.

A recording's transcript is a list of cues (start, end, speaker, text) and its index a list of
OHMS-style segments. Both are read by :mod:`heritage.ingest.transcripts`; a file with some bad
lines keeps every good cue and names every bad line. Every change by a person is versioned,
audited and re-indexed in one transaction, as other edits of an item are.
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from dublin_core import Record

from ..errors import InvalidInput, ItemNotFound, NotAllowed
from ..extensions import db
from ..ingest import transcripts
from ..ingest.pipeline import FileResult, is_index_file
from ..ingest.timing import CueEntry, Problem, SegmentEntry, format_timestamp
from ..models import Cue, Item, Recording, Segment, User, utcnow
from . import audit
from .accounts import require_item
from .corrections import may_correct
from .items import index_items
from .versions import save_version

#: DCMI Type of a recording item, by the kind of its master
DCMI_TYPES = {"audio": "Sound", "video": "MovingImage"}
MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024


def recording_description(record: Record, results: list[FileResult]) -> None:
    """Complete a recording item's Dublin Core: its DCMI type, its extent and format details."""
    found = [r.recording for r in results if r.recording is not None]
    if not found:
        return
    if not record.get("type"):
        for kind in dict.fromkeys(r.kind for r in found):
            record.add("type", DCMI_TYPES[kind])
    if not record.get("extent"):
        for recording in found:
            record.add("extent", recording.extent)
    for recording in found:
        if recording.format_description and recording.format_description not in {
                v.text for v in record.get("format")}:
            record.add("format", recording.format_description)


def add_recordings(item: Item, results: list[FileResult], sidecars: list[Path]) -> list[str]:
    """Give a new item its recordings, with the transcript and index files found beside them.

    Returns the problems of those files, each naming the file and the line.
    """
    from .interviews import start_interview

    warnings: list[str] = []
    for media, result in zip(item.media_files, results):
        if result.recording is None:
            continue
        found = result.recording
        recording = Recording(
            media_file=media, kind=found.kind, duration=found.duration,
            container=found.container, codec=found.codec, channels=found.channels,
            sample_rate=found.sample_rate, width=found.width, height=found.height,
            bit_rate=found.bit_rate, access_copies=json.dumps(found.access_copies),
            peaks_key=found.peaks_key, poster_key=found.poster_key,
            language=_first_language(item))
        item.recordings.append(recording)
        for path in sidecars:
            warnings += _read_sidecar(recording, path)
    if item.recordings:
        start_interview(item)
    return warnings


def _first_language(item: Item) -> str:
    values = [v.value for v in item.values if v.element == "language" and v.value.strip()]
    return values[0].strip() if values else "lv"


def _read_sidecar(recording: Recording, path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path.name}: could not be read ({exc.strerror}); check the file and ingest again"]
    if is_index_file(path.name):
        index = transcripts.read_index(path.name, data)
        _set_segments(recording, index.segments)
        problems = index.problems
    else:
        transcript = transcripts.read_transcript(path.name, data, recording.duration)
        _set_cues(recording, transcript.cues)
        recording.transcript_source = "import"
        problems = transcript.problems
    return [f"{path.name}: {problem}" for problem in problems]


def _set_cues(recording: Recording, cues: list[CueEntry]) -> None:
    recording.cues = [Cue(position=i, start=c.start, end=c.end, speaker=c.speaker.strip(),
                          text=c.text.strip()) for i, c in enumerate(cues)]


def _set_segments(recording: Recording, segments: list[SegmentEntry]) -> None:
    recording.segments = [
        Segment(position=i, start=s.start, end=s.end, title=s.title.strip(),
                partial_transcript=s.partial_transcript.strip(), synopsis=s.synopsis.strip(),
                keywords="\n".join(k.strip() for k in s.keywords if k.strip()),
                subjects="\n".join(k.strip() for k in s.subjects if k.strip()),
                latitude=s.latitude, longitude=s.longitude, place=s.place.strip())
        for i, s in enumerate(segments)]


def cue_entries(recording: Recording) -> list[CueEntry]:
    """The recording's transcript as plain records (to write as WebVTT, SRT or text)."""
    return [CueEntry(c.start, c.end, c.text, c.speaker) for c in recording.cues]


def segment_entries(recording: Recording) -> list[SegmentEntry]:
    """The recording's index as plain records (to write as CSV)."""
    return [SegmentEntry(s.start, s.title, s.end, s.partial_transcript, s.synopsis,
                         s.keyword_list, s.subject_list, s.latitude, s.longitude, s.place)
            for s in recording.segments]


def access_copies(recording: Recording) -> list[dict]:
    """The recording's access copies, best first: ``{"key", "mime_type", "label"}``."""
    return json.loads(recording.access_copies or "[]")


# --- staff edits -------------------------------------------------------------------------------

class TranscriptInvalid(InvalidInput):
    """A transcript or index a person gave has problems; nothing was saved."""

    def __init__(self, problems: list[Problem], name: str = ""):
        self.problems = problems
        lead = f"{name}: " if name else ""
        super().__init__(lead + "; ".join(str(p) for p in problems[:5])
                         + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))


def get_recording(item_id: int, recording_id: int) -> Recording:
    """One recording of an item, for the workspace; :class:`ItemNotFound` when there is none."""
    recording = db.session.get(Recording, recording_id)
    if recording is None or recording.item_id != item_id:
        raise ItemNotFound(f"item #{item_id} has no recording {recording_id}")
    return recording


def item_recordings(item_id: int) -> list[Recording]:
    """Every recording of an item, in the order of its files."""
    return list(db.session.scalars(select(Recording).where(Recording.item_id == item_id)
                                   .order_by(Recording.id)))


def import_transcript(item_id: int, recording_id: int, name: str, data: bytes, by: User, *,
                      keep_good: bool = False) -> list[Problem]:
    """Replace the transcript from a WebVTT, SRT or plain-text file.

    With problems nothing is saved (:class:`TranscriptInvalid` names every line) unless
    ``keep_good`` asks to save the good cues anyway; the problems are then returned.
    """
    recording = _editable(item_id, recording_id, by)
    _check_size(name, data)
    read = transcripts.read_transcript(name, data, recording.duration)
    # a cue named by a problem (ends before it starts, out of order) is read but not good
    bad_lines = {p.line for p in read.problems if p.line}
    good = [c for c in read.cues if not (c.line and c.line in bad_lines)]
    if read.problems and not (keep_good and good):
        raise TranscriptInvalid(read.problems, name)
    _replace_cues(recording, good, by, "import", f"imported {name}")
    return read.problems


def save_transcript_text(item_id: int, recording_id: int, vtt: str, by: User,
                         source: str = "manual") -> Recording:
    """Replace the transcript with WebVTT text typed or corrected in the workspace."""
    recording = _editable(item_id, recording_id, by)
    # a browser sends a textarea's lines ending in CRLF, which the WebVTT reader does not take
    read = transcripts.read_webvtt(vtt.replace("\r\n", "\n").replace("\r", "\n"))
    problems = read.problems or transcripts.validate_cues(read.cues, recording.duration)
    if problems:
        raise TranscriptInvalid(problems)
    _replace_cues(recording, read.cues, by, source, "transcript edited")
    return recording


def import_index(item_id: int, recording_id: int, name: str, data: bytes, by: User, *,
                 keep_good: bool = False) -> list[Problem]:
    """Replace the index from an OHMS XML or index CSV file (the same rule as transcripts)."""
    recording = _editable(item_id, recording_id, by, index=True)
    _check_size(name, data)
    read = transcripts.read_index(name, data)
    problems = read.problems + _segments_beyond(read.segments, recording.duration)
    bad_lines = {p.line for p in problems if p.line}
    good = [s for s in read.segments if not (s.line and s.line in bad_lines)]
    if problems and not (keep_good and good):
        raise TranscriptInvalid(problems, name)
    _replace_segments(recording, good, by, f"imported {name}")
    return problems


def save_index_csv(item_id: int, recording_id: int, text: str, by: User) -> Recording:
    """Replace the index with CSV text edited in the workspace."""
    recording = _editable(item_id, recording_id, by, index=True)
    read = transcripts.read_index_csv(text)
    problems = read.problems + _segments_beyond(read.segments, recording.duration)
    if problems:
        raise TranscriptInvalid(problems)
    _replace_segments(recording, read.segments, by, "index edited")
    return recording


def _segments_beyond(segments: list[SegmentEntry], duration: float) -> list[Problem]:
    return [Problem(s.line or None, f"the segment '{s.title}' starts at {format_timestamp(s.start)}, "
                                    f"after the recording ends ({format_timestamp(duration)})")
            for s in segments if s.start > duration + 0.5]


def _check_size(name: str, data: bytes) -> None:
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise InvalidInput(f"{name} is {len(data) // (1024 * 1024)} MB: a transcript or index file "
                           f"may be at most {MAX_TRANSCRIPT_BYTES // (1024 * 1024)} MB")


def _editable(item_id: int, recording_id: int, by: User, *, index: bool = False) -> Recording:
    """The recording, if ``by`` may change it: the index is cataloguing (the item's branch);
    the transcript is transcription, which volunteers do as they correct OCR."""
    recording = get_recording(item_id, recording_id)
    if index:
        require_item(by, recording.item)
    elif not may_correct(by, recording.item):
        raise NotAllowed(f"you may not transcribe item #{item_id}")
    return recording


def _replace_cues(recording: Recording, cues: list[CueEntry], by: User, source: str,
                  note: str) -> None:
    item = recording.item
    save_version(item, by, note)
    old = transcripts.write_webvtt(cue_entries(recording))
    _set_cues(recording, cues)
    recording.transcript_source = source
    recording.transcript_updated_at, recording.transcript_updated_by_id = utcnow(), by.id
    new = transcripts.write_webvtt(cue_entries(recording))
    audit.record("transcribe", "recording", recording.id, by=by, field="transcript", old=old,
                 new=new)
    _touch_and_index(item)


def _replace_segments(recording: Recording, segments: list[SegmentEntry], by: User,
                      note: str) -> None:
    item = recording.item
    save_version(item, by, note)
    old = transcripts.write_index_csv(segment_entries(recording))
    _set_segments(recording, segments)
    new = transcripts.write_index_csv(segment_entries(recording))
    audit.record("index", "recording", recording.id, by=by, field="index", old=old, new=new)
    _touch_and_index(item)


def _touch_and_index(item: Item) -> None:
    item.updated_at = utcnow()
    db.session.commit()
    index_items([item])


# --- the workspace: staff listening and speech-to-text ------------------------------------------

def staff_recording(item_id: int, recording_id: int, by: User, *, index: bool = False) -> Recording:
    """The recording if ``by`` may edit its transcript (or, with ``index``, its index)."""
    return _editable(item_id, recording_id, by, index=index)


def staff_access_copy(item_id: int, recording_id: int, number: int, by: User):
    """One access copy for a person who may work on the recording, whatever its public access."""
    from .page_files import StoredFile, key_etag

    recording = get_recording(item_id, recording_id)
    if not (may_correct(by, recording.item) or _may_edit(by, recording.item)):
        raise NotAllowed(f"you may not listen to the recordings of item #{item_id}")
    copies = access_copies(recording)
    if not 0 <= number < len(copies):
        raise ItemNotFound(f"recording {recording_id} has no access copy {number}")
    copy = copies[number]
    return StoredFile(copy["mime_type"], key_etag(copy["key"]),
                      f"{item_id}-{recording_id}.{copy['key'].rsplit('.', 1)[-1]}", key=copy["key"])


def _may_edit(by: User, item: Item) -> bool:
    from .accounts import may_edit_item

    return may_edit_item(by, item)


def speech_backend():
    """The configured speech-to-text backend, or None (transcribe by hand).

    :class:`~heritage.ingest.speech.SpeechUnavailable` says what is wrong with the settings.
    """
    from flask import current_app

    from ..ingest.speech import configured_backend

    return configured_backend(current_app.config.get("HERITAGE_SPEECH_MODEL_DIR"),
                              current_app.config.get("HERITAGE_SPEECH_ENGINE"))


def _required_backend():
    """The configured speech-to-text engine, or :class:`InvalidInput` saying how to get one."""
    from ..ingest.speech import SpeechUnavailable

    try:
        backend = speech_backend()
    except SpeechUnavailable as problem:
        raise InvalidInput(str(problem)) from None
    if backend is None:
        raise InvalidInput("speech-to-text is not configured: transcribe by hand, or ask an "
                           "administrator to set HERITAGE_SPEECH_MODEL_DIR")
    return backend


def start_transcription(item_id: int, recording_id: int, by: User):
    """Queue speech-to-text of a recording as a background job; the job (committed)."""
    from . import jobs

    recording = _editable(item_id, recording_id, by)
    _required_backend()
    job = jobs.enqueue("transcribe", {"item_id": item_id, "recording_id": recording.id}, by=by)
    db.session.commit()
    jobs.wake()
    return job


def transcribe_with_backend(item_id: int, recording_id: int, by: User) -> Recording:
    """Transcribe the recording with the configured engine and save the cues (source "speech")."""
    import shutil
    import tempfile

    from ..ingest.speech import SpeechUnavailable, TranscriptionFailed, language_code
    from . import media_store

    recording = _editable(item_id, recording_id, by)
    backend = _required_backend()
    copies = access_copies(recording)
    key = copies[0]["key"] if copies else recording.media_file.storage_key
    with tempfile.TemporaryDirectory() as tmp:
        audio = Path(tmp) / f"recording.{key.rsplit('.', 1)[-1]}"
        with media_store().open(key) as source, audio.open("wb") as target:
            shutil.copyfileobj(source, target)
        try:
            cues = backend.transcribe(audio, language_code(recording.language or "lv"))
        except (SpeechUnavailable, TranscriptionFailed) as problem:
            raise InvalidInput(f"speech-to-text of recording {recording_id}: {problem}") from None
    _replace_cues(recording, cues, by, "speech", "speech-to-text")
    return recording


def run_transcribe_job(job, progress) -> None:
    """The ``transcribe`` job: speech-to-text of one recording, as the person who asked."""
    params = json.loads(job.params or "{}")
    by = db.session.get(User, job.user_id)
    if by is None:
        raise NotAllowed("the person who asked for this transcription no longer has an account")
    progress(0, 1, 0)
    recording = transcribe_with_backend(params["item_id"], params["recording_id"], by)
    progress(1, 1, 0)
    job.report = json.dumps({"entries": [], "warnings": [],
                             "cues": len(recording.cues)})
    db.session.commit()
