"""The public addresses of a recording: its access copies, transcript, index, waveform, poster.

They belong to the public blueprint, so a closed recording is answered as a closed page
image is (403 with the reason, or 404 when the item must not be known).
"""
from __future__ import annotations

from ..services.listening import (access_copy_file, index_file, peaks_file, poster_file,
                                  transcript_file)
from .network import in_reading_room
from .public import _send, bp

BASE = "/items/<int:item_id>/recordings/<int:recording_id>"


@bp.get(f"{BASE}/play/<int:number>")
def recording_copy(item_id: int, recording_id: int, number: int):
    """An access copy (Opus, MP3 or MP4) of an open recording; Range requests get 206."""
    return _send(access_copy_file(item_id, recording_id, number, reading_room=in_reading_room()))


@bp.get(f"{BASE}/transcript.<any(vtt, srt, txt):fmt>")
def recording_transcript(item_id: int, recording_id: int, fmt: str):
    """The transcript: WebVTT (the player's captions track), SRT, or plain text to download."""
    stored = transcript_file(item_id, recording_id, fmt, reading_room=in_reading_room())
    return _send(stored, attachment=fmt != "vtt")


@bp.get(f"{BASE}/index.csv")
def recording_index(item_id: int, recording_id: int):
    """The interview's index (OHMS-style segments) as CSV."""
    return _send(index_file(item_id, recording_id, reading_room=in_reading_room()), attachment=True)


@bp.get(f"{BASE}/peaks.json")
def recording_peaks(item_id: int, recording_id: int):
    """The waveform the player draws."""
    return _send(peaks_file(item_id, recording_id, reading_room=in_reading_room()))


@bp.get(f"{BASE}/poster.jpg")
def recording_poster(item_id: int, recording_id: int):
    """A video's still frame, shown before it plays."""
    return _send(poster_file(item_id, recording_id, reading_room=in_reading_room()))
