"""Reading audio and video masters with ffprobe; access copies, poster frames and waveforms with ffmpeg.

Nothing here touches the database or the media store: functions take paths, write only where
they are told, and return plain dataclasses, so worker processes can run them.

>>> is_recording(Path("intervija/Ozoliņa-1998.WAV")), is_recording(Path("piezimes.docx"))
(True, False)
>>> Probe("audio", 754.4, "flac", "flac", 2, 44100, None, None, 900_000, "audio/flac").extent()
'00:12:34'
>>> Probe("audio", 754.4, "flac", "flac", 2, 44100, None, None, 900_000, "audio/flac").format_description()
'FLAC, 44.1 kHz, 2 channels'
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable

import numpy as np

AV_SUFFIXES = {".wav": "audio/wav", ".flac": "audio/flac", ".mp3": "audio/mpeg",
               ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
               ".m4a": "audio/mp4", ".mp4": "video/mp4", ".m4v": "video/mp4",
               ".mkv": "video/x-matroska", ".webm": "video/webm", ".mov": "video/quicktime"}
Progress = Callable[[float, float], None]  # seconds done, duration

INSTALL_HINT = "install ffmpeg (it brings ffprobe): apt install ffmpeg"
EXPORT_HINT = "export it again from the recorder and ingest it"
FFMPEG = ("ffmpeg", "-nostdin", "-y", "-hide_banner", "-loglevel", "error")
MAX_VIDEO_HEIGHT = 720
MAX_POSTER_WIDTH = 1280
PEAK_RATE = 8000  # samples a second decoded for the waveform: enough to see speech and pauses
CHUNK_BYTES = 1 << 16

_CODEC_NAMES = {"pcm_s16le": "PCM 16-bit", "pcm_s24le": "PCM 24-bit", "pcm_s32le": "PCM 32-bit",
                "pcm_f32le": "PCM 32-bit float", "pcm_u8": "PCM 8-bit", "flac": "FLAC",
                "mp3": "MP3", "mp2": "MP2", "opus": "Opus", "vorbis": "Vorbis", "aac": "AAC",
                "alac": "ALAC", "ac3": "AC-3", "h264": "H.264", "hevc": "H.265", "vp8": "VP8",
                "vp9": "VP9", "av1": "AV1", "mpeg4": "MPEG-4 Part 2", "mpeg2video": "MPEG-2",
                "prores": "ProRes", "dvvideo": "DV", "theora": "Theora"}
_TYPE_NAMES = {"audio/wav": "WAV", "audio/flac": "FLAC", "audio/mpeg": "MP3", "audio/ogg": "Ogg",
               "video/ogg": "Ogg", "audio/mp4": "MP4 (M4A)", "video/mp4": "MP4",
               "video/quicktime": "QuickTime (MOV)", "video/x-matroska": "Matroska (MKV)",
               "audio/x-matroska": "Matroska (MKA)", "video/webm": "WebM", "audio/webm": "WebM"}
# containers that are one family whatever the name says: no warning between them
_FAMILY = {"quicktime": "mp4", "x-matroska": "matroska", "webm": "matroska"}


class UnreadableRecording(Exception):
    """The file is not a recording heritage can read or convert; the message says what to do."""


@dataclass(frozen=True)
class Probe:
    """What ffprobe found in a master: its kind, length, container and main stream."""

    kind: str  # "audio" or "video"
    duration: float  # seconds
    container: str  # ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    codec: str  # of the main stream (the video stream of a video)
    channels: int | None
    sample_rate: int | None
    width: int | None
    height: int | None
    bit_rate: int | None
    mime_type: str  # from the content, not the name
    audio_codec: str | None = None  # a video's sound

    def extent(self) -> str:
        """Dublin Core extent: ``hh:mm:ss``, and the frame size of a video."""
        hours, rest = divmod(int(round(self.duration)), 3600)
        length = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
        if self.kind == "video" and self.width and self.height:
            return f"{length}, {self.width}×{self.height}"
        return length

    def format_description(self) -> str:
        """Codec details for dc:format beside the MIME type, e.g. ``FLAC, 44.1 kHz, 2 channels``."""
        if self.kind == "audio":
            parts = [codec_name(self.codec)]
            if self.sample_rate:
                parts.append(f"{self.sample_rate / 1000:g} kHz")
            if self.channels:
                parts.append(f"{self.channels} channel{'s' if self.channels != 1 else ''}")
            return ", ".join(parts)
        video = codec_name(self.codec)
        if self.width and self.height:
            video += f" {self.width}×{self.height}"
        if not self.audio_codec:
            return f"{video}, no sound"
        sound = [codec_name(self.audio_codec)]
        if self.sample_rate:
            sound.append(f"{self.sample_rate / 1000:g} kHz")
        if self.channels:
            sound.append({1: "mono", 2: "stereo"}.get(self.channels, f"{self.channels} channels"))
        return f"{video}, {' '.join(sound)}"


@dataclass(frozen=True)
class AccessCopy:
    """An access copy made for listening or watching in a browser."""

    path: Path
    mime_type: str  # e.g. 'audio/ogg; codecs=opus'
    suffix: str  # e.g. '.opus'
    label: str


def is_recording(path: Path) -> bool:
    """Whether the file's name marks it as an audio or video recording heritage ingests."""
    return path.suffix.lower() in AV_SUFFIXES


def suffix_list() -> str:
    """The recording file name endings heritage reads, for messages."""
    return " ".join(sorted(AV_SUFFIXES))


def codec_name(codec: str) -> str:
    """A codec as people name it (``h264`` → ``H.264``)."""
    return _CODEC_NAMES.get(codec, codec.upper())


def probe(path: Path) -> Probe:
    """What the master holds, from ffprobe; :class:`UnreadableRecording` with advice otherwise."""
    _check_not_empty(path)
    command = ["ffprobe", "-v", "error", "-print_format", "json", "-show_format",
               "-show_streams", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)
    except FileNotFoundError:
        raise UnreadableRecording(f"{path.name}: ffprobe is not installed, so recordings cannot "
                                  f"be read: {INSTALL_HINT}") from None
    found = json.loads(done.stdout or "{}") if done.returncode == 0 else {}
    fmt = found.get("format") or {}
    streams = _main_streams(fmt, found.get("streams") or [])
    if not streams:
        detail = _last_line(done.stderr, path) or f"it looks like {fmt.get('format_name', 'no recording')}"
        raise UnreadableRecording(f"{path.name}: ffprobe found no audio or video in it (it may be "
                                  f"damaged or not a recording: {detail}): {EXPORT_HINT}")
    video, audio = streams.get("video"), streams.get("audio")
    kind = "video" if video else "audio"
    main = video or audio
    return Probe(kind=kind, duration=_duration(path, fmt, found.get("streams") or []),
                 container=fmt.get("format_name", ""), codec=main.get("codec_name", "unknown"),
                 channels=_int(audio, "channels"), sample_rate=_int(audio, "sample_rate"),
                 width=_int(video, "width"), height=_int(video, "height"),
                 bit_rate=_int(fmt, "bit_rate"), mime_type=_sniff_mime(path, fmt, kind),
                 audio_codec=audio.get("codec_name") if video and audio else None)


def _check_not_empty(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableRecording(f"{path.name}: the file cannot be read ({exc.strerror or exc}): "
                                  "check that it is still there and that heritage may read it") from None
    if size == 0:
        raise UnreadableRecording(f"{path.name}: the file is empty (0 bytes): copy it from the "
                                  "recorder again or remove it from the folder")


def _main_streams(fmt: dict, streams: list[dict]) -> dict[str, dict]:
    """The first real audio and video streams: not cover art, not a lone picture."""
    if fmt.get("format_name", "").endswith("_pipe") or fmt.get("format_name") == "image2":
        return {}  # a still image (a PNG named .mp3): ffprobe reads it as one video frame
    found: dict[str, dict] = {}
    for stream in streams:
        kind = stream.get("codec_type")
        if kind == "video" and (stream.get("disposition") or {}).get("attached_pic"):
            continue  # an MP3's or M4A's cover art is a picture, not video
        if kind in ("audio", "video"):
            found.setdefault(kind, stream)
    return found


def _duration(path: Path, fmt: dict, streams: list[dict]) -> float:
    candidates = [fmt.get("duration")] + [s.get("duration") for s in streams]
    for value in candidates:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(seconds) and seconds > 0:
            return seconds
    raise UnreadableRecording(f"{path.name}: its length is zero or unknown (the recording may be "
                              f"cut short, or was still being written when copied): {EXPORT_HINT}")


def _int(values: dict | None, key: str) -> int | None:
    try:
        return int(float((values or {})[key]))
    except (KeyError, TypeError, ValueError):
        return None


def _sniff_mime(path: Path, fmt: dict, kind: str) -> str:
    """The MIME type from ffprobe's format name (and a look at the file's header where it is shared)."""
    name = fmt.get("format_name", "")
    first = name.split(",")[0]
    if first in ("wav", "flac", "mp3"):
        return {"wav": "audio/wav", "flac": "audio/flac", "mp3": "audio/mpeg"}[first]
    if first == "ogg":
        return f"{kind}/ogg"
    if first == "mov":
        brand = ((fmt.get("tags") or {}).get("major_brand") or "").strip()
        return "video/quicktime" if kind == "video" and brand == "qt" else f"{kind}/mp4"
    if first == "matroska":
        with open(path, "rb") as handle:
            webm = b"webm" in handle.read(64)  # the EBML header's DocType: "matroska" or "webm"
        return f"{kind}/webm" if webm else f"{kind}/x-matroska"
    return f"{kind}/x-{first or 'unknown'}"


def sniff_warning(path: Path, probe: Probe) -> str | None:
    """A warning when the file's content is not what its name says (a FLAC named .mp3)."""
    named = AV_SUFFIXES.get(path.suffix.lower())
    if not named or _family(named) == _family(probe.mime_type):
        return None
    what = _TYPE_NAMES.get(probe.mime_type, probe.mime_type.split("/")[-1].upper())
    right = [s for s, m in AV_SUFFIXES.items() if _family(m) == _family(probe.mime_type)]
    rename = f" (to {right[0]})" if right else ""
    return (f"{path.name}: the file is {what} but named {path.suffix}: read as what it is; "
            f"rename it{rename} to avoid confusion")


def _family(mime: str) -> str:
    subtype = mime.split("/")[-1]
    return _FAMILY.get(subtype, subtype)


def make_access_copies(path: Path, probe: Probe, out_dir: Path,
                       progress: Progress | None = None) -> list[AccessCopy]:
    """Opus and MP3 copies of audio, an H.264 MP4 of video, written into ``out_dir``.

    The master is only read. Each copy is written under a temporary name and renamed when
    ffmpeg succeeds; on failure partial files are removed and :class:`UnreadableRecording` raised.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    plans = _video_plans(probe) if probe.kind == "video" else _audio_plans(probe)
    copies = [AccessCopy(out_dir / f"{path.stem}.access{suffix}", mime, suffix, label)
              for suffix, mime, label, _ in plans]
    if any(copy.path.resolve() == path.resolve() for copy in copies):
        raise ValueError(f"an access copy of {path.name} would overwrite it: choose another folder")
    partials = [out_dir / f".{path.stem}.partial{suffix}" for suffix, *_ in plans]
    args = [*FFMPEG, "-progress", "pipe:1", "-nostats", "-i", str(path)]
    for partial, (*_, options) in zip(partials, plans):
        args += [*options, str(partial)]
    try:
        _run_ffmpeg(args, path, probe.duration, progress)
        for partial, copy in zip(partials, copies):
            os.replace(partial, copy.path)
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)
    return copies


def _audio_plans(found: Probe) -> list[tuple[str, str, str, list[str]]]:
    """Opus for today's browsers (small: speech needs little), MP3 for those without Opus."""
    mono = found.channels == 1
    rate = "48k" if mono else "64k"
    channels = "1" if mono else "2"  # more than two channels are mixed down for listening
    opus = ["-map", "0:a:0", "-vn", "-c:a", "libopus", "-b:a", rate, "-ac", channels,
            "-ar", "48000", "-application", "voip", "-f", "ogg"]
    mp3 = ["-map", "0:a:0", "-vn", "-c:a", "libmp3lame", "-q:a", "5", "-ac", channels, "-f", "mp3"]
    layout = "mono" if mono else "stereo"
    return [(".opus", "audio/ogg; codecs=opus", f"Opus audio, {rate[:-1]} kbit/s {layout}", opus),
            (".mp3", "audio/mpeg", f"MP3 audio, {layout}", mp3)]


def _video_plans(found: Probe) -> list[tuple[str, str, str, list[str]]]:
    """H.264 in MP4, at most 720 lines high, even sides (yuv420p needs them), moov first."""
    scale = f"scale=-2:'min({MAX_VIDEO_HEIGHT},trunc(ih/2)*2)'"
    options = ["-map", "0:v:0", "-vf", scale, "-c:v", "libx264", "-preset", "veryfast",
               "-crf", "23", "-pix_fmt", "yuv420p"]
    if found.audio_codec:
        options += ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k",
                    "-ac", "1" if found.channels == 1 else "2"]
    options += ["-movflags", "+faststart", "-f", "mp4"]
    return [(".mp4", "video/mp4", "MP4 video (H.264)", options)]


def poster_frame(path: Path, probe: Probe, out_path: Path) -> Path | None:
    """A JPEG frame of a video (at 1 s, or mid-way in a shorter one) for the player; None for audio."""
    if probe.kind != "video":
        return None
    at = min(1.0, probe.duration / 2)
    partial = out_path.with_name(f".{out_path.stem}.partial.jpg")
    args = [*FFMPEG, "-ss", f"{at:.3f}", "-i", str(path), "-map", "0:v:0", "-frames:v", "1",
            "-vf", f"scale='min({MAX_POSTER_WIDTH},iw)':-1", "-q:v", "3", "-f", "image2",
            str(partial)]
    try:
        _run_ffmpeg(args, path)
        if not partial.exists() or partial.stat().st_size == 0:
            raise UnreadableRecording(f"{path.name}: ffmpeg probe no picture at {at:.1f} s for the "
                                      f"poster frame (the video may be damaged): {EXPORT_HINT}")
        os.replace(partial, out_path)
    finally:
        partial.unlink(missing_ok=True)
    return out_path


def waveform_peaks(path: Path, count: int = 800) -> list[float]:
    """``count`` peaks (fewer for very short files) of the sound, 0..1 by the loudest, for drawing.

    ffmpeg decodes to 8 kHz mono on a pipe, read a chunk at a time, so a three-hour interview
    takes no more memory than a minute. A video without sound has no peaks.
    """
    found = probe(path)
    if found.kind == "video" and not found.audio_codec:
        return []
    # buckets four times finer than asked, folded to ``count`` at the end: the probed duration
    # is only an estimate of the samples ffmpeg will give, and this keeps the count exact
    per_bucket = max(1, int(found.duration * PEAK_RATE / (count * 4)))
    args = [*FFMPEG, "-i", str(path), "-map", "0:a:0", "-vn", "-ac", "1", "-ar", str(PEAK_RATE),
            "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1"]
    peaks: list[int] = []

    def read(stdout: IO[bytes]) -> None:
        carry = np.empty(0, dtype=np.int32)
        while data := stdout.read(CHUNK_BYTES):
            samples = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.int32)
            buffer = np.concatenate([carry, np.abs(samples)])
            whole = len(buffer) // per_bucket * per_bucket
            peaks.extend(buffer[:whole].reshape(-1, per_bucket).max(axis=1).tolist())
            carry = buffer[whole:]
        if len(carry):
            peaks.append(int(carry.max()))

    _run_ffmpeg(args, path, reader=read)
    return _normalise(peaks, count)


def _normalise(peaks: list[int], count: int) -> list[float]:
    """Peaks folded to at most ``count`` (the duration is an estimate) and scaled to 0..1.

    >>> _normalise([0, 50, 100, 25], 2), _normalise([0, 0, 0], 800)
    ([0.5, 1.0], [0.0, 0.0, 0.0])
    """
    values = np.array(peaks, dtype=np.float64)
    if len(values) > count:
        values = np.array([part.max() for part in np.array_split(values, count)])
    loudest = values.max() if len(values) else 0.0
    if loudest <= 0:
        return [0.0] * len(values)
    return [round(float(v), 3) for v in values / loudest]


def _run_ffmpeg(args: list[str], path: Path, duration: float = 0.0, progress: Progress | None = None,
                reader: Callable[[IO[bytes]], None] | None = None) -> None:
    """Run ffmpeg, reporting progress (or handing its output to ``reader``); raise on failure."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would stall ffmpeg
        try:
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors,
                                       stdin=subprocess.DEVNULL)
        except FileNotFoundError:
            raise UnreadableRecording(f"{path.name}: ffmpeg is not installed, so recordings cannot "
                                      f"be converted: {INSTALL_HINT}") from None
        reached = 0.0
        try:
            if reader is not None:
                reader(process.stdout)
            else:
                reached = _follow_progress(process.stdout, duration, progress)
            returncode = process.wait()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
        if returncode != 0:
            errors.seek(0)
            detail = _last_line(errors.read().decode("utf-8", "replace"), path)
            detail = detail or "no message"
            raise UnreadableRecording(f"{path.name}: ffmpeg could not convert it ({detail}; exit "
                                      f"code {returncode}): the recording may be damaged; {EXPORT_HINT}")
    if progress is not None and reader is None and reached < duration:
        progress(duration, duration)  # ffmpeg's last report may fall short of the probed length


def _follow_progress(stdout: IO[bytes], duration: float, progress: Progress | None) -> float:
    """Call ``progress`` with ffmpeg's ``out_time`` (in µs, whichever key it names) as it rises."""
    reached = 0.0
    for raw in stdout:
        key, _, value = raw.decode("ascii", "replace").strip().partition("=")
        if progress is None or key not in ("out_time_us", "out_time_ms"):
            continue
        try:
            seconds = min(duration, int(value) / 1_000_000)  # out_time_ms is µs too (ffmpeg quirk)
        except ValueError:
            continue  # "N/A" before the first packet
        if seconds > reached:
            reached = seconds
            progress(seconds, duration)
    return reached


def _last_line(stderr: str, path: Path) -> str:
    """The last thing ffmpeg or ffprobe said, without the file's full path in front."""
    lines = [line.strip() for line in (stderr or "").splitlines() if line.strip()]
    if not lines:
        return ""
    last = lines[-1]
    for prefix in (f"{path}: ", f"{path.name}: "):
        last = last.removeprefix(prefix)
    return last
