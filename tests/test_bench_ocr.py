"""scripts/bench_ocr.py runs end to end in a tiny mode and prints its table.

Only behaviour is checked (exit status, the rows and lines it prints); timings and CER are
information that depends on the machine, never asserted here.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "bench_ocr.py"


def _tesseract_has(lang: str) -> bool:
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return lang in listed.stdout.split()


@pytest.fixture(scope="module")
def bench_output(tmp_path_factory):
    if not _tesseract_has("lav"):
        pytest.skip("Tesseract with the Latvian model (tesseract-ocr-lav) is not installed")
    keep = tmp_path_factory.mktemp("bench-ocr")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--pages", "2", "--memory-pages", "20", "--keep", str(keep)],
        capture_output=True, text=True, timeout=150, cwd=REPO)
    return done, keep


def test_exits_zero_and_prints_machine_info(bench_output):
    done, _ = bench_output
    assert done.returncode == 0, done.stdout + done.stderr
    for label in ("machine", "software", "pages", "text", "baseline", "heritage"):
        assert re.search(rf"^{label}\s", done.stdout, re.MULTILINE), label
    assert "OMP_THREAD_LIMIT=1" in done.stdout


@pytest.mark.parametrize("variant", ["clean", "hard"])
@pytest.mark.parametrize("engine", ["tesseract CLI", "heritage pipeline"])
def test_table_has_a_row_with_cer_and_throughput(bench_output, variant, engine):
    done, _ = bench_output
    row = re.compile(rf"^{variant}\s+{engine} ×\d+.*?\s(\d+\.\d+)%\s+(\d+\.\d+)%\s+(\d+)"
                     rf"\s+(\d+\.\d+)\s+(\d+\.\d+)\s*$", re.MULTILINE)
    assert row.search(done.stdout), done.stdout


def test_ratio_lines_carry_targets(bench_output):
    done, _ = bench_output
    out = done.stdout
    assert re.search(r"^ratios\s+heritage/raw throughput\s+clean \d+\.\d+×\s+hard \d+\.\d+×"
                     r".*target ≥ 0\.9×.*(PASS|FAIL)", out, re.MULTILINE), out
    assert re.search(r"CER clean heritage \d+\.\d+% vs raw \d+\.\d+%.*target.*(PASS|FAIL)", out)
    assert re.search(r"CER hard\s+heritage \d+\.\d+% vs raw \d+\.\d+%.*goal.*(PASS|FAIL)", out)


def test_memory_mode_prints_peak_rss_at_checkpoints(bench_output):
    done, _ = bench_output
    out = done.stdout
    for share in ("10%", "25%", "50%", "100%"):
        assert re.search(rf"^\s+{share}\s+\d+\s+\d+ MB\s+\d+ MB\s*$", out, re.MULTILINE), share
    assert re.search(r"peak@100% / peak@25% = \d+\.\d+×", out), out


def test_keep_leaves_pages_ground_truth_and_outputs(bench_output):
    _, keep = bench_output
    assert len(list((keep / "clean").glob("*.png"))) == 2
    assert len(list((keep / "hard").glob("*.jpg"))) == 2
    assert len(list((keep / "hard").glob("*.gt.txt"))) == 2
    assert len(list((keep / "out").glob("*.txt"))) == 8
    assert len(list((keep / "memory").glob("*.png"))) == 20


def test_exits_2_when_tesseract_is_missing(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--pages", "1"], capture_output=True,
                          text=True, timeout=60, cwd=REPO, env={"PATH": str(tmp_path)})
    assert done.returncode == 2
    assert "Tesseract is not installed" in done.stderr
