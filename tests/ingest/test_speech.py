"""Speech-to-text settings, engine detection, the engine registry, and a plugged-in engine.

Neither Vosk nor faster-whisper is installed here and no model may be downloaded, so their
transcription is not run; what is run is everything around it, on real folders, real ffmpeg
and real espeak-ng speech, and a small engine of our own plugged in through the registry.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from heritage.ingest import speech
from heritage.ingest.speech import (ENGINES, FasterWhisperBackend, SpeechBackend, SpeechUnavailable,
                                    TranscriptionFailed, VoskBackend, configured_backend,
                                    cues_from_vosk_result, detect_engine, language_code,
                                    media_duration, pcm_chunks, register)
from heritage.ingest.timing import CueEntry

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
FIRST = "Mans vectēvs strādāja dzirnavās"
SECOND = "Vasarā mēs braucām uz jūru"


def vosk_folder(root: Path) -> Path:
    """A folder laid out like an unpacked Vosk model (vosk-model-small-lv)."""
    folder = root / "vosk-model-small-lv"
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(b"\0" * 16)
    (folder / "conf").mkdir()
    (folder / "conf" / "model.conf").write_text("--sample-frequency=16000\n")
    (folder / "graph").mkdir()
    return folder


def ctranslate2_folder(root: Path) -> Path:
    """A folder laid out like a faster-whisper (CTranslate2) model."""
    folder = root / "faster-whisper-small"
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"\0" * 16)
    (folder / "config.json").write_text(json.dumps({"alignment_heads": []}))
    (folder / "tokenizer.json").write_text("{}")
    return folder


def speak(text: str, path: Path) -> Path:
    """Latvian speech from espeak-ng as a WAV file."""
    subprocess.run(["espeak-ng", "-v", "lv", "-w", str(path), text], check=True)
    return path


def join_with_silence(first: Path, second: Path, out: Path, silence: float = 1.0) -> tuple[float, float]:
    """first + silence + second in one WAV; returns the lengths of the two parts in seconds."""
    with wave.open(str(first)) as a, wave.open(str(second)) as b:
        params = a.getparams()
        frames_a, frames_b = a.readframes(a.getnframes()), b.readframes(b.getnframes())
        rate = a.getframerate()
    gap = b"\0" * (int(rate * silence) * params.sampwidth * params.nchannels)
    with wave.open(str(out), "wb") as joined:
        joined.setparams(params)
        joined.writeframes(frames_a + gap + frames_b)
    bytes_per_second = rate * params.sampwidth * params.nchannels
    return len(frames_a) / bytes_per_second, len(frames_b) / bytes_per_second


class EnergyBackend:
    """A third-party engine: one "[speech]" cue per stretch between silences (ffmpeg silencedetect)."""

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = Path(model_dir)

    def describe(self) -> str:
        return f"energy, settings folder {self.model_dir}"

    def transcribe(self, audio, language, progress=None):
        found = subprocess.run(["ffmpeg", "-nostdin", "-i", str(audio), "-af",
                                "silencedetect=noise=-40dB:d=0.5", "-f", "null", "-"],
                               capture_output=True, text=True, check=True).stderr
        duration = media_duration(Path(audio))
        starts = [float(x) for x in re.findall(r"silence_start: (-?[\d.]+)", found)]
        ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", found)]
        voiced, moment = [], 0.0
        for start, end in zip(starts, ends + [duration]):
            if start - moment > 0.05:
                voiced.append((moment, start))
            moment = end
        if duration - moment > 0.05:
            voiced.append((moment, duration))
        if progress:
            progress(duration, duration)
        return [CueEntry(round(a, 3), round(b, 3), "[speech]") for a, b in voiced]


@pytest.fixture
def energy_engine():
    """The energy engine registered for one test, and taken out again afterwards."""
    register("energy")(EnergyBackend)
    yield EnergyBackend
    ENGINES.pop("energy", None)


@pytest.mark.parametrize("setting", [None, "", "   "])
def test_no_model_folder_means_manual_transcription(setting):
    assert configured_backend(setting) is None
    assert configured_backend(setting, "vosk") is None


@pytest.mark.parametrize("make, expected", [(vosk_folder, "vosk"),
                                            (ctranslate2_folder, "faster-whisper")])
def test_detect_engine_from_folder_layout(tmp_path, make, expected):
    assert detect_engine(make(tmp_path)) == expected


@pytest.mark.parametrize("part", ["am/final.mdl", "conf/model.conf", "graph/"])
def test_any_one_vosk_marker_is_enough(tmp_path, part):
    target = tmp_path / "model" / part
    if part.endswith("/"):
        target.mkdir(parents=True)
    else:
        target.parent.mkdir(parents=True)
        target.write_text("x")
    assert detect_engine(tmp_path / "model") == "vosk"


@pytest.mark.parametrize("make", [
    lambda root: root,  # an empty folder
    lambda root: (root / "model.bin").write_bytes(b"\0") and root,  # config.json missing
    lambda root: (root / "notes.txt").write_text("x") and root / "notes.txt",  # a file
])
def test_detect_engine_refuses_other_layouts(tmp_path, make):
    with pytest.raises(SpeechUnavailable) as caught:
        detect_engine(make(tmp_path))
    message = str(caught.value)
    assert "HERITAGE_SPEECH_MODEL_DIR" in message
    assert "am/final.mdl" in message and "model.bin" in message and "config.json" in message


def not_installed(module):
    return pytest.mark.skipif(importlib.util.find_spec(module) is not None,
                              reason=f"{module} is installed here")


@pytest.mark.parametrize("case, engine, expected", [
    ("missing", None, ["HERITAGE_SPEECH_MODEL_DIR=", "does not exist", "transcribe by hand"]),
    ("file", None, ["HERITAGE_SPEECH_MODEL_DIR=", "not a folder"]),
    ("empty", None, ["HERITAGE_SPEECH_MODEL_DIR=", "does not look like a speech model"]),
    ("vosk", "kaldi", ["HERITAGE_SPEECH_ENGINE=kaldi", "faster-whisper, vosk"]),
    ("vosk", "faster-whisper", ["does not hold a faster-whisper model", "HERITAGE_SPEECH_ENGINE"]),
    pytest.param("vosk", None, ["HERITAGE_SPEECH_MODEL_DIR=", "'vosk' Python package",
                                ".venv/bin/pip install vosk"], marks=not_installed("vosk")),
    pytest.param("vosk", "vosk", ["HERITAGE_SPEECH_ENGINE=vosk", ".venv/bin/pip install vosk"],
                 marks=not_installed("vosk")),
    pytest.param("ctranslate2", None, ["HERITAGE_SPEECH_MODEL_DIR=",
                                       ".venv/bin/pip install faster-whisper"],
                 marks=not_installed("faster_whisper")),
    pytest.param("ctranslate2", "faster-whisper", ["HERITAGE_SPEECH_ENGINE=faster-whisper",
                                                   "'faster-whisper' Python package"],
                 marks=not_installed("faster_whisper")),
])
def test_bad_settings_say_what_to_do(tmp_path, case, engine, expected):
    folder = {"missing": lambda: tmp_path / "no-such-model",
              "file": lambda: (tmp_path / "model.zip").write_bytes(b"PK") and tmp_path / "model.zip",
              "empty": lambda: (tmp_path / "empty").mkdir() or tmp_path / "empty",
              "vosk": lambda: vosk_folder(tmp_path),
              "ctranslate2": lambda: ctranslate2_folder(tmp_path)}[case]()
    with pytest.raises(SpeechUnavailable) as caught:
        configured_backend(str(folder), engine)
    for part in expected:
        assert part in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_model_folder(tmp_path):
    folder = vosk_folder(tmp_path)
    folder.chmod(0)
    try:
        with pytest.raises(SpeechUnavailable, match="cannot be read.*chmod"):
            configured_backend(str(folder))
    finally:
        folder.chmod(0o755)


def test_builtin_backends_describe_their_folder_without_loading(tmp_path):
    for cls, folder in [(VoskBackend, vosk_folder(tmp_path)),
                        (FasterWhisperBackend, ctranslate2_folder(tmp_path))]:
        backend = cls(folder)  # the engine's package is imported only on the first transcribe
        assert isinstance(backend, SpeechBackend)
        assert str(folder) in backend.describe() and backend.name in backend.describe().lower()
        assert ENGINES[backend.name] is cls


def test_register_refuses_a_taken_name():
    class Other:
        pass
    with pytest.raises(ValueError, match="'vosk' is already registered"):
        register("vosk")(Other)
    assert ENGINES["vosk"] is VoskBackend


@needs_espeak
def test_a_plugged_in_engine_transcribes_real_speech(tmp_path, energy_engine):
    lengths = join_with_silence(speak(FIRST, tmp_path / "a.wav"), speak(SECOND, tmp_path / "b.wav"),
                                tmp_path / "interview.wav")
    settings = tmp_path / "energy-settings"
    settings.mkdir()
    backend = configured_backend(str(settings), "energy")
    assert isinstance(backend, EnergyBackend) and isinstance(backend, SpeechBackend)
    assert backend.name == "energy"
    seen = []
    cues = backend.transcribe(tmp_path / "interview.wav", language_code("lav"),
                              lambda done, total: seen.append((done, total)))
    assert [c.text for c in cues] == ["[speech]", "[speech]"]
    first, second = cues
    # each cue lies within its sentence, and covers most of it (espeak pads a little silence)
    assert 0 <= first.start < 0.3 and lengths[0] - 0.6 < first.end <= lengths[0] + 0.05
    assert lengths[0] + 1.0 - 0.05 <= second.start < lengths[0] + 1.3
    assert second.end > sum(lengths) + 1.0 - 0.6
    assert seen and seen[-1][0] == pytest.approx(sum(lengths) + 1.0, abs=0.05)


def test_unknown_engine_lists_the_registered_ones(tmp_path, energy_engine):
    with pytest.raises(SpeechUnavailable, match="energy, faster-whisper, vosk"):
        configured_backend(str(tmp_path), "whisper.cpp")


@needs_espeak
def test_pcm_chunks_stream_16khz_mono(tmp_path):
    audio = speak(FIRST, tmp_path / "a.wav")
    chunks = list(pcm_chunks(audio))
    total = sum(len(c) for c in chunks)
    assert all(len(c) <= 8000 for c in chunks) and len(chunks) > 1
    assert total / 32000 == pytest.approx(media_duration(audio), abs=0.05)


@pytest.mark.parametrize("content", [b"", b"not audio at all" * 10])
def test_undecodable_audio_names_the_file(tmp_path, content):
    bad = tmp_path / "broken.flac"
    bad.write_bytes(content)
    with pytest.raises(TranscriptionFailed, match="broken.flac"):
        list(pcm_chunks(bad))
    assert media_duration(bad) == 0.0  # ffprobe cannot tell; progress then has no total


def test_missing_audio_names_the_file(tmp_path):
    with pytest.raises(TranscriptionFailed, match="gone.wav: ffprobe cannot read"):
        media_duration(tmp_path / "gone.wav")


def test_vosk_results_become_cues():
    words = [{"word": w, "start": s, "end": s + 0.4, "conf": 1.0}
             for w, s in [("mans", 0.5), ("tēvs", 1.0), ("strādāja", 1.5)]]
    assert cues_from_vosk_result(json.dumps({"result": words, "text": "mans tēvs strādāja"})) == [
        CueEntry(0.5, 1.9, "mans tēvs strādāja")]
    assert cues_from_vosk_result('{"text": ""}') == []


def test_long_vosk_result_is_split_at_the_longest_pause():
    # 14 s of speech: a 1.5 s pause after the sixth word is where the cue should break
    words, moment = [], 0.0
    for number in range(12):
        words.append({"word": f"w{number}", "start": moment, "end": moment + 0.9})
        moment += 1.0 + (1.5 if number == 5 else 0.0)
    cues = speech.cues_from_words(words)
    assert [c.text.split()[0] for c in cues] == ["w0", "w6"]
    assert all(c.end - c.start <= speech.CUE_SECONDS for c in cues)
    assert cues[0].end < cues[1].start and cues[0].speaker == ""


@pytest.mark.parametrize("given, expected", [
    ("lv", "lv"), ("lav", "lv"), ("ltg", "lv"), ("LV", "lv"), ("lv-LV", "lv"),
    ("lt", "lt"), ("lit", "lt"), ("ru", "ru"), ("rus", "ru"), ("en", "en"), ("eng", "en"),
    ("de", "de"), ("pl", "pl"), ("est", "et"),
])
def test_language_code(given, expected):
    assert language_code(given) == expected
