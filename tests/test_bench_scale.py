"""scripts/bench_scale.py runs end to end in a tiny mode and prints its table.

Only behaviour is checked (exit status, the lines it prints, no lost or duplicated pages);
timings and the speedup depend on the machine and are never asserted here.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "bench_scale.py"

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None or shutil.which("redis-server") is None,
                                reason="needs Tesseract and redis-server (scripts/setup installs them)")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--pages", "6", "--kill-pages", "8", *args],
                          capture_output=True, text=True, timeout=600, cwd=REPO)


@pytest.fixture(scope="module")
def bench_output():
    return _run()


def test_exits_zero_and_names_the_machine_and_servers(bench_output):
    assert bench_output.returncode == 0, bench_output.stdout + bench_output.stderr
    assert "cores" in bench_output.stdout and "queue: Redis" in bench_output.stdout


def test_prints_a_row_per_worker_count_and_the_speedup(bench_output):
    rows = re.findall(r"^\s+([12])\s+6\s+[\d.]+\s+[\d.]+\s+[\d.]+x\s+[\d.]+\s+0\s+0$",
                      bench_output.stdout, re.MULTILINE)
    assert rows == ["1", "2"]
    assert "speedup 2 workers / 1 worker:" in bench_output.stdout


def test_prints_the_per_page_figures_for_the_capacity_plan(bench_output):
    for label in ("media bytes per page", "index bytes per page", "database bytes per page",
                  "worker-seconds per page, 1 worker(s)", "worker-seconds per page, 2 worker(s)"):
        assert label in bench_output.stdout


def test_the_kill_run_loses_and_duplicates_nothing(bench_output):
    assert re.search(r"killed worker pid \d+: 8 pages, 0 lost, 0 duplicated", bench_output.stdout)


def test_json_has_the_runs_and_the_kill_run():
    done = subprocess.run([sys.executable, str(SCRIPT), "--pages", "3", "--workers", "1",
                           "--kill-pages", "0", "--json"],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert [run["workers"] for run in figures["runs"]] == [1] and figures["kill"] is None
    assert figures["runs"][0]["db_pages"] == 3
