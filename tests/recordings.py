"""Spoken Latvian for the tests: a short interview said by espeak-ng, with its exact transcript.

Each line is synthesised on its own and the lines are joined with silence between them, so
every cue's start and end are known to the sample; the WebVTT written beside the recording is
therefore a true transcript of it. Built once per test session (a few seconds), then copied.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import pytest

needs_av = pytest.mark.skipif(shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
                              reason="espeak-ng and ffmpeg are needed (scripts/setup installs them)")

#: (speaker, text) of the test interview; the deportation is said in the fourth line
LINES = (
    ("Līga Kalniņa", "Pastāstiet, lūdzu, par savu bērnību Ezerkalnē."),
    ("Anna Ozola", "Es piedzimu Lejasozolos, mums bija četras govis un zirgs."),
    ("Līga Kalniņa", "Kas notika tajā pavasarī?"),
    ("Anna Ozola", "Divdesmit piektajā martā kaimiņus izsūtīja uz Sibīriju, tā bija deportācija."),
    ("Anna Ozola", "Pēc tam es strādāju kolhozā un vakaros gāju uz bibliotēku."),
)
GAP = 0.5  # seconds of silence between lines
DEPORTATION_LINE = 3
#: the index of the test interview: (first line, title, synopsis, keywords)
SEGMENTS = ((0, "Bērnība Lejasozolos", "Māja, govis un zirgs.", "bērnība; lauku sēta"),
            (2, "Izsūtīšana 1949. gadā", "Kaimiņu ģimeni izsūta uz Sibīriju.", "deportācija; Sibīrija"),
            (4, "Kolhozs un bibliotēka", "Darbs kolhozā.", "kolhozs; bibliotēka"))


def speak_lines(lines, out: Path, gap: float = GAP) -> list[tuple[float, float]]:
    """Say each text with espeak-ng into one mono WAV at ``out``; the (start, end) of each."""
    frames, spans, rate, at = [], [], None, 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, (speaker, text) in enumerate(lines):
            part = Path(tmp) / f"{n}.wav"
            variant = "+f3" if speaker.endswith("a") else ""
            subprocess.run(["espeak-ng", "-v", f"lv{variant}", "-s", "170", "-w", str(part), text],
                           check=True, capture_output=True)
            with wave.open(str(part)) as sound:
                rate = rate or sound.getframerate()
                assert sound.getframerate() == rate and sound.getnchannels() == 1
                data = sound.readframes(sound.getnframes())
            silence = b"\x00\x00" * int(gap * rate) if n else b""
            at += len(silence) // 2
            spans.append((at / rate, (at + len(data) // 2) / rate))
            frames += [silence, data]
            at += len(data) // 2
    with wave.open(str(out), "wb") as joined:
        joined.setnchannels(1)
        joined.setsampwidth(2)
        joined.setframerate(rate)
        joined.writeframes(b"".join(frames))
    return spans


def vtt_for(lines, spans) -> str:
    """The WebVTT transcript of ``lines`` said at ``spans``."""
    def stamp(seconds: float) -> str:
        millis = round(seconds * 1000)
        return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"

    cues = [f"{stamp(a)} --> {stamp(b)}\n<v {speaker}>{text}"
            for (speaker, text), (a, b) in zip(lines, spans)]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def index_csv_for(spans) -> str:
    """The OHMS-style index CSV of the test interview."""
    rows = ["start,title,synopsis,keywords"]
    for first, title, synopsis, keywords in SEGMENTS:
        rows.append(f'{spans[first][0]:.3f},"{title}","{synopsis}","{keywords}"')
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="session")
def spoken_interview(tmp_path_factory) -> tuple[Path, list[tuple[float, float]]]:
    """A folder with ``ozola.wav``, its transcript ``ozola.vtt`` and index ``ozola.index.csv``."""
    folder = tmp_path_factory.mktemp("spoken")
    spans = speak_lines(LINES, folder / "ozola.wav")
    (folder / "ozola.vtt").write_text(vtt_for(LINES, spans), encoding="utf-8")
    (folder / "ozola.index.csv").write_text(index_csv_for(spans), encoding="utf-8")
    return folder, spans


def interview_folder(spoken_interview, target: Path) -> Path:
    """A fresh copy of the spoken interview's folder under ``target`` (an ingest may change it)."""
    source, _ = spoken_interview
    shutil.copytree(source, target)
    return target


def _tone_bytes(suffix: str) -> bytes:
    """Half a second of a 440 Hz tone, made by ffmpeg in the format ``suffix`` names."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"tone{suffix}"
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                        "sine=frequency=440:duration=0.5", "-ac", "1", str(out)], check=True)
        return out.read_bytes()


_TONES: dict[str, bytes] = {}


def make_recording_item(title: str = "Atmiņu stāsts", cues=(("Anna Ozola", "Mēs dzīvojām pie ezera."),),
                        status: str = "published", access_level: str = "public", **values):
    """A published item with one short real recording (WAV master, Opus and MP3 copies, peaks)
    and a transcript of ``cues`` (speaker, text), stored through the real models, indexed."""
    import hashlib
    import json

    from heritage.extensions import db
    from heritage.models import Cue, MediaFile, Recording
    from heritage.services import media_store
    from heritage.services.items import index_items
    from heritage.storage import original_key, recording_key
    from tests.factories import make_item

    for suffix in (".wav", ".opus", ".mp3"):
        _TONES.setdefault(suffix, _tone_bytes(suffix))
    item = make_item(title=title, texts=(), status=status, access_level=access_level,
                     type="Sound", **values)
    store, master = media_store(), _TONES[".wav"]
    sha = hashlib.sha256(master).hexdigest()
    store.put_bytes(original_key(sha, ".wav"), master)
    copies = []
    for suffix, mime in ((".opus", "audio/ogg; codecs=opus"), (".mp3", "audio/mpeg")):
        store.put_bytes(recording_key(sha, f"access{suffix}"), _TONES[suffix])
        copies.append({"key": recording_key(sha, f"access{suffix}"), "mime_type": mime, "label": suffix})
    store.put_bytes(recording_key(sha, "peaks.json"), json.dumps([0.5, 1.0, 0.2]).encode())
    media = MediaFile(position=0, original_name="stasts.wav", storage_key=original_key(sha, ".wav"),
                      sha256=sha, mime_type="audio/wav", size=len(master))
    item.media_files.append(media)
    item.recordings.append(Recording(
        media_file=media, kind="audio", duration=0.5, container="wav", codec="pcm_s16le",
        channels=1, sample_rate=44100, access_copies=json.dumps(copies),
        peaks_key=recording_key(sha, "peaks.json"),
        cues=[Cue(position=i, start=i * 0.1, end=i * 0.1 + 0.1, speaker=who, text=text)
              for i, (who, text) in enumerate(cues)]))
    db.session.commit()
    index_items([item])
    return item
