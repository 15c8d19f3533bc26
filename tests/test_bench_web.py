"""scripts/bench_web.py runs end to end in its quick mode and prints its table and verdicts.

Only behaviour is checked: the exit status, the rows and lines it prints, and that no request
failed. Rates, latencies and sizes depend on the machine and are never asserted here.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "bench_web.py"
NUMBER = r"\d+(?:\.\d+)?"


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    instance = tmp_path_factory.mktemp("bench-web")
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--instance", str(instance)],
                          capture_output=True, text=True, timeout=180, cwd=REPO)
    return done, instance


def test_exits_zero_and_prints_the_setting(bench):
    done, _ = bench
    assert done.returncode == 0, done.stdout + done.stderr
    for label in ("machine", "software", "server", "archive", "text", "client"):
        assert re.search(rf"^{label}\s", done.stdout, re.MULTILINE), label
    assert re.search(r"^server\s+heritage serve --host 127\.0\.0\.1 --port \d+ .*gunicorn, \d+ workers × \d+ threads",
                     done.stdout, re.MULTILINE)
    assert "40 generated clippings" in done.stdout
    assert "figures are information, not assertions" in done.stdout


@pytest.mark.parametrize("route", ["hello", "item", "items", "search"])
def test_every_route_has_a_row_without_errors(bench, route):
    done, _ = bench
    row = re.search(rf"^{route}\s+(\d+)\s+(\d+)\s+" + r"\s+".join([f"({NUMBER})"] * 4)
                    + r"\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+" + r"\s+".join([f"({NUMBER})"] * 3)
                    + rf"\s+{NUMBER}c\s+{NUMBER}c\s*$", done.stdout, re.MULTILINE)
    assert row, done.stdout
    urls, requests, *_, non_2xx, timeouts, refused, cached, html_kb, total_kb, sent_kb = row.groups()
    assert int(urls) >= 1 and int(requests) > 0
    assert (non_2xx, timeouts, refused) == ("0", "0", "0")
    assert 0 <= int(cached) <= 100
    assert float(total_kb) >= float(html_kb) and float(sent_kb) <= float(total_kb) + 0.1


def test_verdicts_carry_targets(bench):
    out = bench[0].stdout
    assert re.search(rf"^ratios\s+item/hello req/s {NUMBER}\s+\(target ≥ 0\.40;.*\)\s+(PASS|FAIL)",
                     out, re.MULTILINE), out
    assert re.search(rf"items/hello req/s {NUMBER}\s+\(every item in turn.*\)\s+(PASS|FAIL)", out), out
    for route in ("hello", "item", "items", "search"):
        assert re.search(rf"p99 {route} {NUMBER} ms\s+\(target ≤ 250 ms\)\s+(PASS|FAIL)", out), route
    assert re.search(r"errors 0\s+\(target 0.*\)\s+PASS", out), out
    assert re.search(rf"page weight {NUMBER} KB.*\(target ≤ 300 KB before images\)\s+(PASS|FAIL)", out)
    assert re.search(r"^client\s+ceiling [\d,]+ req/s", out, re.MULTILINE), out


def test_the_archive_is_kept_and_reused(bench):
    _, instance = bench
    assert (instance / "heritage.sqlite3").stat().st_size > 0
    assert any((instance / "media").iterdir())
    again = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--instance", str(instance),
                            "--seconds", "0.5"], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert re.search(r"40 generated clippings \(0 added this run\)", again.stdout), again.stdout
