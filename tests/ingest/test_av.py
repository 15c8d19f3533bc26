"""Audio and video masters: probing, access copies, poster frames, waveforms, bad files.

Every master is made here with the real ffmpeg (lavfi test sources) and espeak-ng, a few
seconds long and small, once per module.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import wave
from pathlib import Path

import pytest
from PIL import Image

from heritage.ingest import av

TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=2"]
PICTURE = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2"]
# how each master is made: extra ffmpeg arguments before the output name
MASTERS = {
    "tone.wav": TONE,
    "tone.flac": [*TONE, "-ac", "2"],
    "tone.mp3": [*TONE, "-c:a", "libmp3lame"],
    "tone.ogg": [*TONE, "-c:a", "libopus"],
    "tone.m4a": [*TONE, "-c:a", "aac"],
    "clip.mp4": [*PICTURE, *TONE, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                 "-ar", "48000", "-shortest"],
    "clip.mkv": [*PICTURE, *TONE, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "libopus",
                 "-ac", "2", "-shortest"],
    "mute.mp4": [*PICTURE, "-c:v", "libx264", "-pix_fmt", "yuv420p"],
    # larger than the access copy and poster limits, with odd sides (4:4:4 allows them)
    "big.mkv": ["-f", "lavfi", "-i", "testsrc=size=1441x1081:rate=2:duration=1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p"],
    "silence.wav": ["-f", "lavfi", "-i", "anullsrc=channel_layout=mono:sample_rate=8000",
                    "-t", "2"],
    "tone-then-silence.wav": ["-f", "lavfi", "-i",
                              "sine=frequency=440:duration=1,apad=whole_dur=2"],
    "blip.wav": ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.02"],
}


def ffmpeg(*args: str) -> None:
    """Run the real ffmpeg quietly, failing the test on error."""
    subprocess.run(["ffmpeg", "-nostdin", "-y", "-hide_banner", "-loglevel", "error", *args],
                   check=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> Path:
    """A folder of tiny masters, made once for the module."""
    folder = tmp_path_factory.mktemp("masters")
    for name, args in MASTERS.items():
        ffmpeg(*args, str(folder / name))
    subprocess.run(["espeak-ng", "-v", "lv", "-w", str(folder / "speech.wav"),
                    "Labdien, es esmu no Ezerkalnes."], check=True)
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", str(folder / "cover.png"))
    ffmpeg("-i", str(folder / "tone.mp3"), "-i", str(folder / "cover.png"), "-map", "0", "-map", "1",
           "-c", "copy", "-id3v2_version", "3", "-disposition:v", "attached_pic",
           str(folder / "cover-art.mp3"))
    return folder


@pytest.mark.parametrize("name, kind, codec, channels, rate, size, mime", [
    ("tone.wav", "audio", "pcm_s16le", 1, 44100, None, "audio/wav"),
    ("tone.flac", "audio", "flac", 2, 44100, None, "audio/flac"),
    ("tone.mp3", "audio", "mp3", 1, 44100, None, "audio/mpeg"),
    ("tone.ogg", "audio", "opus", 1, 48000, None, "audio/ogg"),
    ("tone.m4a", "audio", "aac", 1, 44100, None, "audio/mp4"),
    ("clip.mp4", "video", "h264", 1, 48000, (160, 120), "video/mp4"),
    ("clip.mkv", "video", "h264", 2, 48000, (160, 120), "video/x-matroska"),
    ("cover-art.mp3", "audio", "mp3", 1, 44100, None, "audio/mpeg"),  # a picture is not video
    ("speech.wav", "audio", "pcm_s16le", 1, 22050, None, "audio/wav"),
])
def test_probe_reads_kind_codec_and_sound(media, name, kind, codec, channels, rate, size, mime):
    found = av.probe(media / name)
    assert (found.kind, found.codec, found.channels, found.sample_rate, found.mime_type) == (
        kind, codec, channels, rate, mime)
    assert (found.width, found.height) == (size or (None, None))
    assert found.bit_rate and found.bit_rate > 0
    assert av.sniff_warning(media / name, found) is None


@pytest.mark.parametrize("name", ["tone.wav", "tone.flac", "tone.mp3", "tone.ogg", "tone.m4a",
                                  "clip.mp4", "clip.mkv"])
def test_probe_duration_is_the_recordings_length(media, name):
    assert av.probe(media / name).duration == pytest.approx(2.0, abs=0.1)


def test_probe_duration_of_speech_matches_its_samples(media):
    with wave.open(str(media / "speech.wav")) as recording:
        seconds = recording.getnframes() / recording.getframerate()
    assert av.probe(media / "speech.wav").duration == pytest.approx(seconds, abs=0.1)


@pytest.mark.parametrize("name, extent, description", [
    ("tone.wav", "00:00:02", "PCM 16-bit, 44.1 kHz, 1 channel"),
    ("tone.flac", "00:00:02", "FLAC, 44.1 kHz, 2 channels"),
    ("tone.ogg", "00:00:02", "Opus, 48 kHz, 1 channel"),
    ("clip.mp4", "00:00:02, 160×120", "H.264 160×120, AAC 48 kHz mono"),
    ("clip.mkv", "00:00:02, 160×120", "H.264 160×120, Opus 48 kHz stereo"),
    ("mute.mp4", "00:00:02, 160×120", "H.264 160×120, no sound"),
])
def test_extent_and_format_description(media, name, extent, description):
    found = av.probe(media / name)
    assert (found.extent(), found.format_description()) == (extent, description)


def test_extent_counts_hours():
    long = av.Probe("audio", 3 * 3600 + 12 * 60 + 34.4, "wav", "pcm_s16le", 1, 48000, None, None,
                    768000, "audio/wav")
    assert long.extent() == "03:12:34"


@pytest.mark.parametrize("name, channels", [("speech.wav", 1), ("tone.flac", 2), ("tone.m4a", 1)])
def test_audio_gets_opus_and_mp3_copies(media, tmp_path, name, channels):
    master = media / name
    before, found = sha256(master), av.probe(master)
    copies = av.make_access_copies(master, found, tmp_path)
    assert [(c.suffix, c.mime_type) for c in copies] == [
        (".opus", "audio/ogg; codecs=opus"), (".mp3", "audio/mpeg")]
    for copy, codec in zip(copies, ["opus", "mp3"]):
        made = av.probe(copy.path)
        assert (made.kind, made.codec, made.channels) == ("audio", codec, channels)
        assert made.duration == pytest.approx(found.duration, abs=0.2)
        assert copy.label
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(c.path.name for c in copies)
    assert sha256(master) == before


@pytest.mark.parametrize("name, height", [("clip.mp4", 120), ("clip.mkv", 120), ("mute.mp4", 120),
                                          ("big.mkv", 720)])
def test_video_gets_an_h264_mp4_at_most_720_high(media, tmp_path, name, height):
    master = media / name
    before, found = sha256(master), av.probe(master)
    [copy] = av.make_access_copies(master, found, tmp_path)
    made = av.probe(copy.path)
    assert (copy.suffix, copy.mime_type, made.codec, made.mime_type) == (
        ".mp4", "video/mp4", "h264", "video/mp4")
    assert made.height == height and made.width % 2 == 0
    assert made.width / made.height == pytest.approx(found.width / found.height, rel=0.01)
    assert made.duration == pytest.approx(found.duration, abs=0.2)
    assert (made.audio_codec == "aac") == bool(found.audio_codec)
    data = copy.path.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")  # +faststart: playable while loading
    assert sha256(master) == before


@pytest.mark.parametrize("name", ["tone.flac", "clip.mp4"])
def test_progress_rises_and_ends_at_the_duration(media, tmp_path, name):
    found = av.probe(media / name)
    calls: list[tuple[float, float]] = []
    av.make_access_copies(media / name, found, tmp_path, lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == found.duration
    assert {total for _, total in calls} == {found.duration}
    assert calls.count((found.duration, found.duration)) == 1


def test_failed_conversion_leaves_nothing_behind(media, tmp_path):
    (tmp_path / "broken.wav").write_text("not a recording at all\n")
    found = av.probe(media / "tone.wav")  # ffmpeg is told it is a recording; it is not
    with pytest.raises(av.UnreadableRecording, match=r"broken\.wav: ffmpeg could not convert"):
        av.make_access_copies(tmp_path / "broken.wav", found, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_without_ffmpeg_the_message_says_to_install_it(media, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # a machine where ffmpeg is not installed
    with pytest.raises(av.UnreadableRecording, match="tone.wav.*apt install ffmpeg"):
        av.probe(media / "tone.wav")


@pytest.mark.parametrize("name, size", [("clip.mp4", (160, 120)), ("big.mkv", (1280, 960))])
def test_poster_frame_is_a_jpeg_at_most_1280_wide(media, tmp_path, name, size):
    found = av.probe(media / name)
    poster = av.poster_frame(media / name, found, tmp_path / "poster.jpg")
    with Image.open(poster) as image:
        assert image.format == "JPEG"
        assert image.size == pytest.approx(size, abs=1)


def test_audio_has_no_poster_frame(media, tmp_path):
    assert av.poster_frame(media / "tone.wav", av.probe(media / "tone.wav"), tmp_path / "p.jpg") is None
    assert not (tmp_path / "p.jpg").exists()


@pytest.mark.parametrize("name", ["tone.wav", "tone.m4a", "speech.wav", "clip.mkv"])
def test_peaks_are_count_values_up_to_one(media, name):
    peaks = av.waveform_peaks(media / name)
    assert len(peaks) == 800
    assert all(0.0 <= p <= 1.0 for p in peaks) and max(peaks) == 1.0
    assert all(round(p, 3) == p for p in peaks)


def test_silence_has_all_zero_peaks(media):
    assert av.waveform_peaks(media / "silence.wav", 50) == [0.0] * 50


def test_a_tone_then_silence_is_high_then_low(media):
    peaks = av.waveform_peaks(media / "tone-then-silence.wav", 100)
    assert len(peaks) == 100
    assert min(peaks[:45]) > 0.9 and max(peaks[55:]) < 0.01


def test_a_very_short_file_gives_fewer_peaks(media):
    peaks = av.waveform_peaks(media / "blip.wav", 800)  # 0.02 s at 8 kHz: 160 samples
    assert 100 < len(peaks) < 800 and max(peaks) == 1.0


def test_video_without_sound_has_no_peaks(media):
    assert av.waveform_peaks(media / "mute.mp4") == []


def _png(path: Path) -> None:
    Image.new("RGB", (20, 20), "red").save(path, "PNG")


def _truncated_wav(path: Path) -> None:
    ffmpeg(*TONE, str(path.with_suffix(".whole.wav")))
    path.write_bytes(path.with_suffix(".whole.wav").read_bytes()[:20])


@pytest.mark.parametrize("name, make", [
    ("interview.wav", lambda p: p.write_bytes(b"")),
    ("notes.wav", lambda p: p.write_text("Intervija ar Annu Ozoliņu, 1998.\n")),
    ("photo.mp3", _png),
    ("cut.wav", _truncated_wav),
    ("noise.mkv", lambda p: p.write_bytes(os.urandom(4000))),
])
def test_bad_files_are_refused_with_advice(tmp_path, name, make):
    make(tmp_path / name)
    with pytest.raises(av.UnreadableRecording) as refused:
        av.probe(tmp_path / name)
    message = str(refused.value)
    assert message.startswith(f"{name}: ")
    assert "export it again" in message or "copy it from the recorder" in message


def test_a_flac_named_mp3_is_read_as_flac_with_a_warning(media, tmp_path):
    misnamed = tmp_path / "interview.mp3"
    misnamed.write_bytes((media / "tone.flac").read_bytes())
    found = av.probe(misnamed)
    assert (found.mime_type, found.codec) == ("audio/flac", "flac")
    warning = av.sniff_warning(misnamed, found)
    assert warning and "FLAC" in warning and ".mp3" in warning and "interview.mp3" in warning


def test_suffixes_name_recordings():
    assert av.is_recording(Path("a/Intervija.MKV")) and not av.is_recording(Path("a/skola.tif"))
    assert ".opus" in av.suffix_list().split() and ".mov" in av.suffix_list().split()
