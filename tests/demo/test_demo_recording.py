"""Tests for the spoken demo interview (heritage.demo.recording, heritage.demo.interview_text)."""
from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from heritage.demo import interview_text as script
from heritage.ingest.transcripts import read_index_csv, read_webvtt
from heritage.demo.recording import (
    SpeechSynthesisError, build_interview, espeak_available, speak, voice_for, write_sidecars)

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")

THREE = ["Labdien, Ezerkalne.", "Dzirnavas stāv pie upes.", "Paldies un uz redzēšanos."]


def _samples(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
        return data.astype(np.float64), wav.getframerate()


def _rms(samples: np.ndarray, rate: int, start: float, end: float) -> float:
    part = samples[int(round(start * rate)):int(round(end * rate))]
    assert part.size, (start, end)
    return float(np.sqrt(np.mean(part ** 2)))


def _assert_spoken_spans(path: Path, spans: list[tuple[float, float]]) -> None:
    """Speech inside every span, silence in every gap between them."""
    samples, rate = _samples(path)
    for (start, end), (next_start, _) in zip(spans, spans[1:]):
        gap_rms = _rms(samples, rate, end, next_start)
        assert _rms(samples, rate, start, end) > 20 * max(gap_rms, 1.0)
    assert _rms(samples, rate, *spans[-1]) > 200


# --------------------------------------------------------------------------
# The script
# --------------------------------------------------------------------------

def test_utterances_are_short_and_alternate():
    assert 20 <= len(script.UTTERANCES) <= 26
    for n, utterance in enumerate(script.UTTERANCES):
        assert 6 <= len(utterance.text.split()) <= 20, utterance.text
        assert utterance.speaker == (script.INTERVIEWER if n % 2 == 0 else script.NARRATOR)


def test_one_deportation_utterance_past_the_first_third():
    found = [n for n, u in enumerate(script.UTTERANCES)
             if "izsūt" in u.text.lower() or "deportācij" in u.text.lower()]
    assert len(found) == 1
    text = script.UTTERANCES[found[0]].text
    assert "izsūt" in text and "deportācij" in text
    assert found[0] > len(script.UTTERANCES) / 3


def test_segments_and_metadata():
    firsts = [s.first_utterance_index for s in script.SEGMENTS]
    assert firsts[0] == 0 and firsts == sorted(set(firsts)) and firsts[-1] < len(script.UTTERANCES)
    assert 4 <= len(script.SEGMENTS) <= 6
    located = [s for s in script.SEGMENTS if s.latitude is not None]
    assert len(located) == 2
    for segment in located:
        assert 56 <= segment.latitude <= 57.8 and 21 <= segment.longitude <= 28 and segment.place
    for segment in script.SEGMENTS:
        assert segment.title and segment.synopsis and segment.keywords and segment.subjects
    assert script.METADATA["language"] == "lv"
    assert {"title", "interviewee", "interviewer", "date", "place", "consent",
            "description"} <= set(script.METADATA)


def test_voice_for_gives_the_two_speakers_different_voices():
    assert voice_for(script.INTERVIEWER) != voice_for(script.NARRATOR)
    assert voice_for(script.NARRATOR).startswith("lv+")
    assert voice_for("Someone Else") == "lv"


# --------------------------------------------------------------------------
# speak()
# --------------------------------------------------------------------------

@needs_espeak
def test_speak_joins_texts_with_gaps(tmp_path):
    out = tmp_path / "three.wav"
    spans = speak(THREE, out, gap=0.45)
    samples, rate = _samples(out)
    assert len(spans) == 3
    assert samples.size / rate == pytest.approx(spans[-1][1], abs=1 / rate)
    assert spans[0][0] == 0.0
    for (start, end), (next_start, _) in zip(spans, spans[1:]):
        assert start < end < next_start
        assert next_start - end == pytest.approx(0.45, abs=1 / rate)
    _assert_spoken_spans(out, spans)


@needs_espeak
def test_speak_is_deterministic_and_takes_a_voice_per_text(tmp_path):
    one, two = tmp_path / "one.wav", tmp_path / "two.wav"
    voices = ["lv+f3", "lv+f4", "lv+f3"]
    assert speak(THREE, one, voices) == speak(THREE, two, voices)
    assert one.read_bytes() == two.read_bytes()
    assert speak(THREE, tmp_path / "plain.wav") != speak(THREE, tmp_path / "f4.wav", "lv+f4")


@needs_espeak
@pytest.mark.parametrize("texts, voice, error, words", [
    ([], "lv", ValueError, "at least one text"),
    (THREE, ["lv", "lv"], ValueError, "3 texts but 2 voices"),
    (THREE, "zz-no-such-voice", SpeechSynthesisError, "zz-no-such-voice"),
])
def test_speak_bad_input(tmp_path, texts, voice, error, words):
    with pytest.raises(error, match=words):
        speak(texts, tmp_path / "bad.wav", voice)
    assert not (tmp_path / "bad.wav").exists()


# --------------------------------------------------------------------------
# build_interview() and write_sidecars()
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not espeak_available():
        pytest.skip("espeak-ng is not installed")
    folder = tmp_path_factory.mktemp("interview")
    return folder, build_interview(folder)


@needs_espeak
def test_build_interview_writes_the_recording(built):
    folder, interview = built
    assert interview.audio == folder / f"{script.SLUG}.wav"
    samples, rate = _samples(interview.audio)
    assert interview.duration == pytest.approx(samples.size / rate)
    assert [c.text for c in interview.cues] == [u.text for u in script.UTTERANCES]
    assert [c.speaker for c in interview.cues] == [u.speaker for u in script.UTTERANCES]
    assert interview.cues[-1].end <= interview.duration
    assert interview.metadata == script.METADATA and interview.metadata is not script.METADATA
    _assert_spoken_spans(interview.audio, [(c.start, c.end) for c in interview.cues])


@needs_espeak
def test_build_interview_reuses_then_resynthesises_identically(built):
    folder, interview = built
    wav = interview.audio
    before = wav.stat().st_ino, wav.read_bytes()
    again = build_interview(folder)
    assert (wav.stat().st_ino, wav.read_bytes()) == before  # reused, not written again
    assert again.cues == interview.cues
    (folder / f".{script.SLUG}.json").unlink()
    fresh = build_interview(folder)
    assert wav.stat().st_ino != before[0]  # written again ...
    assert wav.read_bytes() == before[1]  # ... to the same bytes
    assert fresh.cues == interview.cues


@needs_espeak
def test_deportation_is_a_cue_inside_the_recording(built):
    _, interview = built
    cues = [c for c in interview.cues if "izsūt" in c.text]
    assert len(cues) == 1 and "deportācija" in cues[0].text
    assert 0 < cues[0].start < cues[0].end < interview.duration


@needs_espeak
def test_segments_cover_the_recording_in_order(built):
    _, interview = built
    segments = interview.segments
    assert len(segments) == len(script.SEGMENTS)
    assert segments[0].start == 0.0 and segments[-1].end == interview.duration
    for segment, following in zip(segments, segments[1:]):
        assert segment.start < segment.end == following.start
    cue_starts = {c.start for c in interview.cues}
    assert all(s.start in cue_starts for s in segments)
    assert [s.title for s in segments] == [s.title for s in script.SEGMENTS]
    assert sum(s.latitude is not None for s in segments) == 2


@needs_espeak
def test_sidecars_read_back_equal(built, tmp_path):
    _, interview = built
    vtt, index = write_sidecars(interview, tmp_path)
    assert (vtt.name, index.name) == (f"{script.SLUG}.vtt", f"{script.SLUG}.index.csv")
    assert f"<v {script.NARRATOR}>" in vtt.read_text(encoding="utf-8")

    transcript = read_webvtt(vtt.read_text(encoding="utf-8"))
    assert transcript.problems == []
    assert [(c.text, c.speaker) for c in transcript.cues] == \
        [(c.text, c.speaker) for c in interview.cues]
    for read, cue in zip(transcript.cues, interview.cues):
        assert (read.start, read.end) == pytest.approx((cue.start, cue.end), abs=0.0006)

    table = read_index_csv(index.read_text(encoding="utf-8"))
    assert table.problems == []
    assert len(table.segments) == len(interview.segments)
    for read, segment in zip(table.segments, interview.segments):
        assert (read.start, read.end) == pytest.approx((segment.start, segment.end), abs=0.0006)
        for name in ("title", "partial_transcript", "synopsis", "keywords", "subjects",
                     "latitude", "longitude", "place"):
            assert getattr(read, name) == getattr(segment, name), name
