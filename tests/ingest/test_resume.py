"""An ingest killed mid-batch (kill -9) and run again finishes the rest, with nothing doubled."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.factories import needs_tesseract, write_scan

HERITAGE = Path(sys.executable).with_name("heritage")
PAGES = 10


def count(database: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@needs_tesseract
def test_kill_9_mid_batch_then_rerun_finishes_exactly_once(tmp_path):
    folder = tmp_path / "mape"
    for n in range(PAGES):
        write_scan(folder / f"{n:02d}.png", f"Izgriezums numur {n}: Ezerkalnes pagasta ziņas un notikumi, {1930 + n}. gads.")
    write_scan(folder / "daudzlapu" / "1.png", "Pirmā lapa par dzirnavām.")
    write_scan(folder / "daudzlapu" / "2.png", "Otrā lapa par dzirnavām.")
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "instance"),
               HERITAGE_MEDIA_ROOT=str(tmp_path / "media"), HERITAGE_OCR_WORKERS="1")
    database = tmp_path / "instance" / "heritage.sqlite3"
    command = [str(HERITAGE), "ingest", "folder", str(folder), "--collection", "parbaude", "--publish"]

    first = subprocess.Popen(command, env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(database, "SELECT count(*) FROM item") < 3 and first.poll() is None:
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)  # the command and its OCR workers, mid-batch
    first.wait()
    made_before = count(database, "SELECT count(*) FROM item")
    assert 3 <= made_before < PAGES + 1, "the kill came too late to test anything"
    # whole items only: every item that exists has all of its pages
    assert count(database, "SELECT count(*) FROM item WHERE id NOT IN (SELECT item_id FROM page)") == 0

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert "already there" in second.stdout
    assert count(database, "SELECT count(*) FROM item") == PAGES + 1
    assert count(database, "SELECT count(*) FROM item WHERE status = 'published'") == PAGES + 1
    assert count(database, "SELECT count(*) FROM media_file") == PAGES + 2
    assert count(database, "SELECT count(DISTINCT sha256) FROM media_file") == PAGES + 2
    assert count(database, "SELECT count(*) FROM page") == PAGES + 2
    _originals_match(database, folder, tmp_path / "media")

    found = subprocess.run([str(HERITAGE), "search", "ezerkalnes pagasta", "--json", "--limit", "50"],
                           env=env, capture_output=True, text=True)
    assert '"total": 10' in found.stdout  # every item, including those made before the kill, is indexed


def _originals_match(database: Path, folder: Path, media: Path) -> None:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT original_name, storage_key, sha256 FROM media_file").fetchall()
    sources = {p.name if p.parent == folder else f"{p.parent.name}/{p.name}": p
               for p in folder.rglob("*.png")}
    for _name, key, sha in rows:
        stored = (media / key).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == sha
        assert sha in {hashlib.sha256(p.read_bytes()).hexdigest() for p in sources.values()}
