"""The `heritage` command's contracts, as scripts and other tools rely on them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from heritage.cli import cli
from tests.factories import fetch_when_up, free_port, needs_tesseract, write_scan

HERITAGE = Path(sys.executable).with_name("heritage")


@pytest.fixture
def folder(tmp_path):
    """Two scans, a two-page subfolder and a 0-byte file that cannot be read."""
    root = tmp_path / "mape"
    write_scan(root / "dzirnavas.jpg", "Pie upes stāv vecās ūdensdzirnavas, kuras uzcēla 1911. gadā.")
    write_scan(root / "skola.png", "Vecpils pagasta skolā šogad mācās divdesmit bērnu.")
    write_scan(root / "daudzlapu" / "1.png", "Kultūras nama jauktais koris svinēja gadadienu.")
    write_scan(root / "daudzlapu" / "2.png", "Otrā lapa ar koncerta programmu.")
    (root / "tukss.jpg").write_bytes(b"")
    return root


@needs_tesseract
def test_ingest_folder_names_the_bad_file_and_exits_non_zero(runner, folder):
    result = runner.invoke(cli, ["ingest", "folder", str(folder), "--collection", "parbaude",
                                 "--lang", "lav", "--publish"])
    assert result.exit_code == 1
    assert "FAILED tukss.jpg: the file is empty" in result.output
    assert "3 items (4 pages) ingested into 'parbaude'; 1 files failed" in result.output
    table = dict(line.strip().rsplit(None, 1) for line in result.output.splitlines() if line.startswith("  "))
    assert table["ingested items"] == "3" and table["pages read"] == "4" and table["failed files"] == "1"


@needs_tesseract
def test_ingest_then_search_json_contract(runner, folder):
    runner.invoke(cli, ["ingest", "folder", str(folder), "--collection", "parbaude", "--publish"])
    result = runner.invoke(cli, ["search", "kulturas nama koris", "--json", "--limit", "5"])
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["total"] == 1
    hit = data["hits"][0]
    assert {"id", "title", "collection", "files", "snippet", "score"} <= set(hit)
    assert hit["collection"] == "parbaude" and hit["files"] == ["1.png", "2.png"]
    assert hit["title"] == "daudzlapu" and "Kultūras" in hit["snippet"]


def test_search_json_limit_and_empty_result(runner):
    result = runner.invoke(cli, ["search", "nekas", "--json", "--limit", "3"])
    data = json.loads(result.output)
    assert result.exit_code == 0 and (data["total"], data["hits"], data["facets"]) == (0, [], {})


@needs_tesseract
def test_ocr_writes_stem_txt_files_and_names_failures(tmp_path):
    scan = write_scan(tmp_path / "skola.png", "Vecpils pagasta skolā šogad mācās bērni.")
    bad = tmp_path / "salauzts.tif"
    bad.write_bytes(b"II*\x00garbage")
    out = tmp_path / "teksti"
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "instance"))
    run = subprocess.run([str(HERITAGE), "ocr", str(scan), str(bad), str(tmp_path / "nav.png"),
                          "--lang", "lav", "--out", str(out)], capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert "skolā" in (out / "skola.txt").read_text("utf-8")
    assert "FAILED" in run.stderr and "salauzts.tif" in run.stderr and "nav.png: no such file" in run.stderr
    assert not (out / "salauzts.txt").exists()


@pytest.mark.parametrize("args, message", [
    (["ingest", "folder", "/nav/tadas/mapes", "--collection", "x"], "no such folder"),
    (["ingest", "folder", "{tmp}", "--collection", "Slikts Nosaukums"], "is not valid"),
    (["ocr", "a.png", "--lang", "klingon", "--out", "o"], "tesseract-ocr-klingon"),
    (["search", "x", "--limit", "0"], "0 is not in the range"),
])
def test_bad_arguments_give_one_clear_line(runner, tmp_path, args, message):
    result = runner.invoke(cli, [arg.format(tmp=tmp_path) for arg in args])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output


def test_help_lists_every_command(tmp_path):
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "instance"))
    run = subprocess.run([str(HERITAGE), "--help"], capture_output=True, text=True, env=env)
    for command in ("ingest", "ocr", "search", "serve", "index", "demo", "db"):
        assert f"  {command} " in run.stdout


def test_serve_answers_with_the_catalogue(tmp_path):
    port = free_port()
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "i"), HERITAGE_MEDIA_ROOT=str(tmp_path / "m"))
    server = subprocess.Popen([str(HERITAGE), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body, headers = fetch_when_up(f"http://127.0.0.1:{port}/")
        assert '<html lang="lv">' in body and headers.get("Server") == "heritage"
    finally:
        server.terminate()
        server.wait(10)
    assert f"http://127.0.0.1:{port}/" in server.stderr.read()


@needs_tesseract
def test_shared_cli_contract_check_passes(shared_dir):
    run = subprocess.run([sys.executable, str(shared_dir / "checks" / "cli-contracts.py"), str(HERITAGE)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr


def test_serve_runs_a_worker_process_per_core_and_answers_from_each(tmp_path):
    psutil = pytest.importorskip("psutil")
    port = free_port()
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "i"), HERITAGE_MEDIA_ROOT=str(tmp_path / "m"))
    server = subprocess.Popen([str(HERITAGE), "serve", "--port", str(port), "--workers", "2",
                               "--threads", "2"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        fetch_when_up(f"http://127.0.0.1:{port}/healthz")
        deadline = time.monotonic() + 20  # the first worker may answer before the second is up
        while len(psutil.Process(server.pid).children()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(psutil.Process(server.pid).children()) == 2
        for _ in range(20):  # new connections are spread over the workers by the kernel
            body, _headers = fetch_when_up(f"http://127.0.0.1:{port}/healthz")
            assert body == "ok\n"
    finally:
        server.terminate()
        server.wait(15)
    assert "2 workers × 2 threads" in server.stderr.read()


def test_a_database_that_cannot_be_reached_is_named_without_its_password(tmp_path):
    port = free_port()  # nothing listens there
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "i"),
               HERITAGE_DATABASE_URL=f"postgres://archivs:slepens@127.0.0.1:{port}/heritage")
    run = subprocess.run([str(HERITAGE), "db", "upgrade"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 1
    assert f"cannot use the database postgres://archivs:***@127.0.0.1:{port}/heritage" \
        in run.stderr
    assert "slepens" not in run.stderr and "Traceback" not in run.stderr
    assert "HERITAGE_DATABASE_URL" in run.stderr


@pytest.mark.parametrize("name, value", [
    ("HERITAGE_PAGE_SIZE", "divdesmit"),
    ("HERITAGE_MEDIA_BACKEND", "ftp"),
    ("HERITAGE_S3_DELIVERY", "pasts"),
])
def test_a_bad_setting_is_one_line_naming_it_not_a_traceback(tmp_path, name, value):
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "i"), **{name: value})
    run = subprocess.run([str(HERITAGE), "search", "dzirnavas"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 1
    assert run.stderr.startswith(f"Error: {name}={value!r}")
    assert "Traceback" not in run.stderr
