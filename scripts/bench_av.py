"""How ingesting a long recording costs against ffmpeg doing the same copies by itself.

Makes an N-minute mono WAV (speech-like: a tone under noise, with pauses), then measures in
one run, on the same file:

* baseline — one bare ffmpeg command writing the Opus and MP3 copies (the irreducible work);
* heritage — ``pipeline.process_recording`` into a fresh media store: checksum, ffprobe, the
  same two copies (with progress), the waveform, the store.

It prints both times, their ratio, and the peak memory of heritage's own Python process
against the master's size (the waveform and checksum must read the file in blocks, so a
three-hour master needs no more memory than a three-minute one).

    .venv/bin/python scripts/bench_av.py --minutes 60
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from heritage.ingest.pipeline import process_recording  # noqa: E402
from heritage.storage import LocalMediaStore  # noqa: E402


def make_master(path: Path, minutes: float) -> None:
    """A mono 22.05 kHz WAV: a 180 Hz tone and noise, switched on and off like speech."""
    seconds = minutes * 60
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=180:sample_rate=22050:duration={seconds}", "-f", "lavfi",
                    "-i", f"anoisesrc=color=pink:sample_rate=22050:amplitude=0.2:duration={seconds}",
                    "-filter_complex", "amix=inputs=2,volume='gt(mod(t,7),2)':eval=frame",
                    "-ac", "1", "-c:a", "pcm_s16le", str(path)], check=True)


def bare_ffmpeg(master: Path, out: Path) -> float:
    """Seconds for one ffmpeg run writing the Opus and MP3 copies heritage makes."""
    started = time.perf_counter()
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(master),
                    "-map", "0:a", "-c:a", "libopus", "-b:a", "48k", "-application", "voip",
                    str(out / "bare.opus"), "-map", "0:a", "-c:a", "libmp3lame", "-q:a", "5",
                    str(out / "bare.mp3")], check=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0, help="length of the master")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-av-") as tmp:
        work = Path(tmp)
        master = work / "interview.wav"
        make_master(master, args.minutes)
        size_mb = master.stat().st_size / 2**20
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        baseline = bare_ffmpeg(master, work)
        updates = []
        started = time.perf_counter()
        result = process_recording(master, LocalMediaStore(work / "media"),
                                   lambda name, done, total: updates.append(done))
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if result.error:
            print(f"heritage failed: {result.error}", file=sys.stderr)
            return 1
        print(f"master: {args.minutes:g} min mono WAV, {size_mb:.0f} MB")
        print(f"{'':28}{'seconds':>9}  ratio")
        print(f"{'baseline: bare ffmpeg copies':28}{baseline:9.1f}  1.00")
        print(f"{'heritage: process_recording':28}{took:9.1f}  {took / baseline:.2f}"
              f"   (the copies, the waveform, the checksum; {len(updates)} progress reports)")
        print(f"python peak RSS {peak:.0f} MB ({peak - before:+.0f} MB during the run) "
              f"for a {size_mb:.0f} MB master")
    return 0


if __name__ == "__main__":
    sys.exit(main())
