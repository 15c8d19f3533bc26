"""Speak the demo interview aloud with espeak-ng: one WAV, exact cue times, sidecar files.

The demo collection needs one oral-history interview, and the test suite needs spoken Latvian
whose transcript and timing are known exactly. :func:`speak` synthesises each utterance with
espeak-ng, joins them with silence into one 16-bit mono WAV and returns where each one lies;
:func:`build_interview` does that for :mod:`heritage.demo.interview_text` and keeps the result
(espeak-ng is deterministic, so the same texts always give the same bytes).
"""
from __future__ import annotations

import array
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..ingest.timing import CueEntry, SegmentEntry
from ..ingest.transcripts import write_index_csv, write_webvtt
from . import interview_text as script

__all__ = [
    "SpeechSynthesisError",
    "DemoInterview",
    "espeak_available",
    "voice_for",
    "speak",
    "build_interview",
    "write_sidecars",
]

ESPEAK = "espeak-ng"
SPEED = 150
GAP = 0.45
# Two female variants with different pitch, so the recording sounds like two people.
SPEAKER_VARIANTS = {script.INTERVIEWER: "f3", script.NARRATOR: "f4"}
# espeak-ng ends each utterance with ~0.35 s of near-silence; trimming it makes the gaps what
# the caller asked for and the cue ends tight. A short tail is kept so words do not click off.
_SILENCE_LEVEL = 100
_TAIL_SECONDS = 0.02
_CACHE_VERSION = 1  # bump when the way the WAV is made changes, so old caches are not reused


class SpeechSynthesisError(RuntimeError):
    """espeak-ng is missing, failed, or wrote audio that cannot be joined."""


@dataclass
class DemoInterview:
    """The spoken demo interview: its recording, transcript cues, index and catalogue record."""

    audio: Path
    cues: list[CueEntry]
    segments: list[SegmentEntry]
    metadata: dict[str, str]
    duration: float


def espeak_available() -> bool:
    """True when the espeak-ng program is on the PATH."""
    return shutil.which(ESPEAK) is not None


def voice_for(speaker: str, language: str = "lv") -> str:
    """The espeak-ng voice for a speaker of the demo interview (plain language otherwise).

    >>> voice_for("Anna Ozola"), voice_for("Līga Kalniņa"), voice_for("Jānis Bērziņš", "lt")
    ('lv+f4', 'lv+f3', 'lt')
    """
    variant = SPEAKER_VARIANTS.get(speaker)
    return f"{language}+{variant}" if variant else language


def _synthesise(text: str, voice: str, speed: int, target: Path) -> None:
    """Write one utterance to ``target`` with espeak-ng (text on stdin, so a leading '-' is safe)."""
    command = [ESPEAK, "-b", "1", "-v", voice, "-s", str(speed), "-w", str(target)]
    try:
        done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True,
                              timeout=60)
    except FileNotFoundError as exc:
        raise SpeechSynthesisError(f"{ESPEAK} is not installed (apt-get install espeak-ng)") from exc
    if done.returncode != 0 or not target.exists():
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise SpeechSynthesisError(f"{ESPEAK} -v {voice} failed on {text[:40]!r}: {message}")


def _read_samples(path: Path, index: int) -> tuple[int, bytes]:
    """The sample rate and 16-bit mono frames of one espeak-ng output file."""
    with wave.open(str(path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise SpeechSynthesisError(
                f"utterance {index}: {ESPEAK} wrote {wav.getnchannels()} channel(s) of "
                f"{8 * wav.getsampwidth()}-bit audio; expected 16-bit mono")
        return wav.getframerate(), wav.readframes(wav.getnframes())


def _trim_tail(frames: bytes, rate: int) -> bytes:
    """Drop the near-silence espeak-ng leaves after the last word, keeping a short tail."""
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    last = len(samples) - 1
    while last >= 0 and abs(samples[last]) <= _SILENCE_LEVEL:
        last -= 1
    keep = min(len(samples), last + 1 + int(_TAIL_SECONDS * rate))
    return frames[: 2 * keep]


def _voices(voice: str | Sequence[str], count: int) -> list[str]:
    """One voice per text: the same for all, or as given (and then as many as texts)."""
    if isinstance(voice, str):
        return [voice] * count
    voices = list(voice)
    if len(voices) != count:
        raise ValueError(f"speak() got {count} texts but {len(voices)} voices; give one per text")
    return voices


def speak(texts: list[str], out_wav: Path, voice: str | Sequence[str] = "lv", gap: float = GAP,
          speed: int = SPEED) -> list[tuple[float, float]]:
    """Speak ``texts`` into one 16-bit mono WAV with ``gap`` s of silence between; their spans."""
    if not texts:
        raise ValueError("speak() needs at least one text")
    voices = _voices(voice, len(texts))
    out_wav = Path(out_wav)
    with tempfile.TemporaryDirectory(prefix="heritage-speak-") as tmp:
        parts = [Path(tmp) / f"{n:03d}.wav" for n in range(len(texts))]
        # Independent processes; two workers because the machines running this are small.
        with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            list(pool.map(_synthesise, texts, voices, [speed] * len(texts), parts))
        read = [_read_samples(part, n) for n, part in enumerate(parts)]
    rates = sorted({rate for rate, _ in read})
    if len(rates) != 1:
        raise SpeechSynthesisError(f"{ESPEAK} wrote utterances at different sample rates "
                                   f"{rates} Hz; use voices of one language family")
    rate = rates[0]
    silence = b"\0\0" * int(round(gap * rate))
    spans: list[tuple[float, float]] = []
    offset = 0
    partial = out_wav.with_name(out_wav.name + ".part")
    with wave.open(str(partial), "wb") as joined:
        joined.setnchannels(1)
        joined.setsampwidth(2)
        joined.setframerate(rate)
        for n, (_, frames) in enumerate(read):
            if n:
                joined.writeframes(silence)
                offset += len(silence) // 2
            frames = _trim_tail(frames, rate)
            joined.writeframes(frames)
            spans.append((offset / rate, (offset + len(frames) // 2) / rate))
            offset += len(frames) // 2
    partial.replace(out_wav)  # a crash never leaves a half-written recording behind
    return spans


def _texts_key(texts: list[str], voices: list[str]) -> str:
    """A hash of everything that decides the recording's bytes."""
    recipe = {"version": _CACHE_VERSION, "texts": texts, "voices": voices, "gap": GAP,
              "speed": SPEED}
    return hashlib.sha256(json.dumps(recipe, ensure_ascii=False).encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cached_spans(wav_path: Path, json_path: Path, key: str) -> list[tuple[float, float]] | None:
    """The spans of an earlier recording of the same texts, or None if it must be made again."""
    try:
        cache = json.loads(json_path.read_text(encoding="utf-8"))
        if cache["key"] != key or cache["wav_sha256"] != _file_hash(wav_path):
            return None
        return [(float(start), float(end)) for start, end in cache["spans"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged cache: synthesise again


def _recorded_spans(wav_path: Path, json_path: Path) -> list[tuple[float, float]]:
    """Spans of the demo interview's recording, reusing it when texts and voices are unchanged."""
    texts = [u.text for u in script.UTTERANCES]
    voices = [voice_for(u.speaker) for u in script.UTTERANCES]
    key = _texts_key(texts, voices)
    spans = _cached_spans(wav_path, json_path, key)
    if spans is None:
        spans = speak(texts, wav_path, voices, gap=GAP, speed=SPEED)
        cache = {"key": key, "wav_sha256": _file_hash(wav_path), "spans": spans}
        json_path.write_text(json.dumps(cache, indent=1) + "\n", encoding="utf-8")
    return spans


def _wav_duration(path: Path) -> float:
    """Length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def _segments(spans: list[tuple[float, float]], duration: float) -> list[SegmentEntry]:
    """Index entries: each from its first utterance to the next entry (or the recording's end)."""
    entries = []
    for n, seg in enumerate(script.SEGMENTS):
        following = script.SEGMENTS[n + 1] if n + 1 < len(script.SEGMENTS) else None
        end = spans[following.first_utterance_index][0] if following else duration
        entries.append(SegmentEntry(
            start=spans[seg.first_utterance_index][0], end=end, title=seg.title,
            partial_transcript=script.UTTERANCES[seg.first_utterance_index].text,
            synopsis=seg.synopsis, keywords=list(seg.keywords), subjects=list(seg.subjects),
            latitude=seg.latitude, longitude=seg.longitude, place=seg.place))
    return entries


def build_interview(folder: Path) -> DemoInterview:
    """Write (or reuse) ``folder/<slug>.wav`` of the demo interview and describe it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wav_path = folder / f"{script.SLUG}.wav"
    # the cache is a hidden file, so an ingest of the folder passes it by
    spans = _recorded_spans(wav_path, folder / f".{script.SLUG}.json")
    duration = _wav_duration(wav_path)
    cues = [CueEntry(start, end, u.text, u.speaker)
            for (start, end), u in zip(spans, script.UTTERANCES)]
    return DemoInterview(audio=wav_path, cues=cues, segments=_segments(spans, duration),
                         metadata=dict(script.METADATA), duration=duration)


def write_sidecars(interview: DemoInterview, folder: Path) -> list[Path]:
    """Write ``<slug>.vtt`` (transcript) and ``<slug>.index.csv`` (index) into ``folder``."""
    folder = Path(folder)
    stem = interview.audio.stem
    vtt = folder / f"{stem}.vtt"
    index = folder / f"{stem}.index.csv"
    vtt.write_text(write_webvtt(interview.cues), encoding="utf-8", newline="")
    index.write_text(write_index_csv(interview.segments), encoding="utf-8", newline="")
    return [vtt, index]
