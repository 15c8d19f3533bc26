"""scripts/bench_search.py runs end to end in a tiny mode and prints its tables.

Only behaviour is checked (exit status, the rows and lines it prints); timings, sizes and
hit counts are information that depends on the machine, never asserted here.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "bench_search.py"
NUMBER = r"\d+(?:\.\d+)?"


@pytest.fixture(scope="module")
def bench_output(tmp_path_factory):
    keep = tmp_path_factory.mktemp("bench-search")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--docs", "300", "--queries", "20", "--keep", str(keep)],
        capture_output=True, text=True, timeout=120, cwd=REPO)
    return done, keep


def test_exits_zero_and_prints_machine_info(bench_output):
    done, _ = bench_output
    assert done.returncode == 0, done.stdout + done.stderr
    for label in ("machine", "software", "text", "corpus", "queries", "baseline", "heritage",
                  "yardstick"):
        assert re.search(rf"^{label}\s", done.stdout, re.MULTILINE), label
    assert "300 generated clippings" in done.stdout
    assert "figures are information, not assertions" in done.stdout


@pytest.mark.parametrize("engine", ["raw Whoosh, 1 process", r"heritage, \d+ processes",
                                    "SQLite FTS5"])
def test_build_table_has_docs_rate_and_size(bench_output, engine):
    done, _ = bench_output
    row = re.compile(rf"^{engine}\s+300\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+({NUMBER}|n/a)\s*$",
                     re.MULTILINE)
    assert row.search(done.stdout), done.stdout


@pytest.mark.parametrize("engine", ["heritage", "SQLite FTS5"])
def test_latency_table_has_percentiles(bench_output, engine):
    done, _ = bench_output
    row = re.compile(rf"^{engine}\s+" + r"\s+".join([NUMBER] * 6) + r"\s*$", re.MULTILINE)
    assert row.search(done.stdout), done.stdout


def test_latency_by_kind_covers_every_kind(bench_output):
    done, _ = bench_output
    for kind in ("word", "and", "phrase", "or", "not", "prefix", "place", "years", "filter",
                 "typo"):
        assert re.search(rf"^{kind}\s+\S.*\s{NUMBER}\s*$", done.stdout, re.MULTILINE), kind


def test_ratio_lines_carry_targets(bench_output):
    done, _ = bench_output
    out = done.stdout
    assert re.search(rf"^ratios\s+build heritage/raw Whoosh\s+{NUMBER}×.*target ≥ 3\.0×"
                     r".*(PASS|FAIL)", out, re.MULTILINE), out
    assert re.search(rf"query heritage p95 {NUMBER} ms.*p95 ≤ 50 ms.*(PASS|FAIL)", out), out
    assert re.search(rf"query heritage/FTS5 p50 {NUMBER}×\s+p95 {NUMBER}×", out), out


def test_keep_leaves_the_three_indexes(bench_output):
    _, keep = bench_output
    assert any((keep / "raw-whoosh").iterdir())
    assert any((keep / "heritage").iterdir())
    assert (keep / "fts5.sqlite").stat().st_size > 0


def test_skip_raw_says_the_ratio_was_skipped():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--docs", "40", "--queries", "10", "--skip-raw"],
        capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^ratios\s+build heritage/raw Whoosh\s+skipped", done.stdout, re.MULTILINE)
    assert not re.search(r"^raw Whoosh, 1 process\s+\d", done.stdout, re.MULTILINE)


def test_exits_2_when_the_search_api_is_missing(monkeypatch, capsys):
    from heritage.search import index

    spec = importlib.util.spec_from_file_location("bench_search", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_search", bench)  # dataclasses look the module up
    spec.loader.exec_module(bench)
    monkeypatch.delattr(index, "build_index")
    assert bench.main(["--docs", "10"]) == 2
    assert "heritage.search.index.build_index" in capsys.readouterr().err
