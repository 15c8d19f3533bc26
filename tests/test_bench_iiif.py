"""scripts/bench_iiif.py runs end to end in its small mode and prints its table and verdicts.

Only behaviour is checked: the exit status and the rows and lines it prints. Latencies depend
on the machine and are never asserted here.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "bench_iiif.py"
NUMBER = r"\d+(?:\.\d+)?"


@pytest.fixture(scope="module")
def bench():
    return subprocess.run([sys.executable, str(SCRIPT), "--small"], capture_output=True,
                          text=True, timeout=180, cwd=REPO)


def test_exits_zero(bench):
    assert bench.returncode == 0, bench.stdout + bench.stderr


def test_prints_the_setting(bench):
    assert re.search(r"^master\s+1500×2000 px RGB LZW TIFF", bench.stdout, re.M)
    assert re.search(rf"^pyramid\s+built once in {NUMBER} s", bench.stdout, re.M)
    assert re.search(r"^requests\s+\d+ tiles at scale factors 1, 2, 4, 8", bench.stdout, re.M)


@pytest.mark.parametrize("row", ["viewer tiles", "rendered ¾ size"])
def test_prints_uncached_and_cached_percentiles(bench, row):
    assert re.search(rf"^{row}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}$", bench.stdout, re.M)


def test_prints_the_naive_baseline_ratios_and_verdicts(bench):
    assert re.search(rf"^naive \(Pillow\)\s+{NUMBER}\s+{NUMBER}", bench.stdout, re.M)
    assert re.search(r"^speed-up\s+uncached viewer tiles vs naive: \d+× at p50", bench.stdout, re.M)
    verdicts = re.findall(r"^target\s+.*\s(PASS|FAIL)$", bench.stdout, re.M)
    assert len(verdicts) == 2
