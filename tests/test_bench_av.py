"""scripts/bench_av.py runs end to end on a short master and prints its figures side by side.

Only behaviour is checked (exit status and the lines it prints), never timings.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.recordings import needs_av

REPO = Path(__file__).resolve().parents[1]


@needs_av
def test_bench_av_prints_heritage_beside_bare_ffmpeg():
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench_av.py"), "--minutes", "0.2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("master: 0.2 min mono WAV")
    assert re.match(r"baseline: bare ffmpeg copies\s+\d+\.\d\s+1\.00$", lines[2])
    assert re.match(r"heritage: process_recording\s+\d+\.\d\s+\d+\.\d\d\s+\(the copies", lines[3])
    assert re.match(r"python peak RSS \d+ MB \([+-]\d+ MB during the run\) for a \d+ MB master", lines[4])
