#!/usr/bin/env python3
"""Scale benchmark: a batch ingest through the shared job queue (RQ on Redis), 1 then 2 workers.

What it measures
----------------
It starts its own PostgreSQL and Redis (``tests/servers.py``; SQLite when PostgreSQL cannot
be started or migrated, said in the output), renders N small clipping pages of Latvian text
with Pillow (``../shared/corpus/*.txt`` when present, else ``heritage.demo.texts``), and for
each worker count: a fresh database, media folder and Redis database; ``heritage ingest folder
--queue`` (the coordinator: plan, checksum, copy originals, enqueue, timed on its own); then
that many ``heritage jobs work --burst`` processes, timed from their start until the last
has stopped. Every run is checked: pages in the database == N, one item per page, no two
items with the same content key.

Per-page figures for the capacity plan (from the 1-worker run): media bytes (originals and
derivatives), index bytes (the Whoosh folder, or the PostgreSQL search table), database
bytes, and worker-seconds per page (workers x wall time / pages).

Then the kill run: K pages, 2 workers, one worker's process group (worker and work horse)
SIGKILLed at ~30% done and a replacement started; 0 lost and 0 duplicated pages expected.

Target: 2 workers >= 1.8 x 1 worker on 2 cores. Figures are information: the script exits
0 whatever they are, 1 if a check (lost or duplicated pages) failed, 2 if a server or
Tesseract is missing.

Usage::

    .venv/bin/python scripts/bench_scale.py [--pages 2000] [--workers 1,2] [--kill-pages 200]
                                            [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from bench_ocr import load_sentences  # noqa: E402
from tests.servers import PostgresServer, RedisServer, ServerUnavailable  # noqa: E402

HERITAGE = REPO / ".venv" / "bin" / "heritage"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


# --- pages ------------------------------------------------------------------------------

def render_pages(folder: Path, count: int, seed: int = 1) -> str:
    """``count`` distinct clipping pages (~60 words, 150 dpi) in ``folder``; the text source."""
    sentences, source = load_sentences("lav")
    rng = random.Random(f"bench-scale-{seed}")
    font = ImageFont.truetype(FONT, 26)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        words = f"Nr. {number + 1}.".split()
        while len(words) < 60:
            words += rng.choice(sentences).text.split()
        _typeset(words[:60], font).save(folder / f"clip-{number + 1:05d}.png", dpi=(150, 150))
    return source


def _typeset(words: list[str], font) -> Image.Image:
    lines, line = [], ""
    for word in words:
        if line and font.getlength(f"{line} {word}") > 840:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    image = Image.new("L", (900, 60 + 38 * len(lines)), 242)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((30, 30 + 38 * row), text, font=font, fill=25)
    return image


# --- one run ----------------------------------------------------------------------------

class Instance:
    """A fresh heritage instance (database, media, index, Redis db) for one run."""

    def __init__(self, root: Path, database_url: str | None, redis_url: str):
        self.root, self.database_url, self.redis_url = root, database_url, redis_url
        self.env = dict(os.environ, HERITAGE_INSTANCE=str(root / "instance"),
                        HERITAGE_MEDIA_ROOT=str(root / "media"), HERITAGE_JOB_QUEUE=redis_url,
                        HERITAGE_OCR_WORKERS="1", HERITAGE_JOB_HEARTBEAT_SECONDS="2",
                        HERITAGE_JOB_RETRY_SECONDS="1,2,5", OMP_THREAD_LIMIT="1")
        if database_url:
            self.env["HERITAGE_DATABASE_URL"] = database_url
            # the scale-out configuration: every worker writes one shared index (Whoosh's
            # single writer lock would make the workers take turns at each item's commit)
            self.env["HERITAGE_SEARCH_BACKEND"] = os.environ.get("BENCH_SEARCH_BACKEND", "postgres")

    def enqueue(self, folder: Path) -> tuple[int, float]:
        """Run the coordinator; the batch job id and its seconds."""
        started = time.monotonic()
        done = subprocess.run([str(HERITAGE), "ingest", "folder", str(folder), "--collection",
                               "bench", "--queue", "--publish"], env=self.env,
                              capture_output=True, text=True)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            raise RuntimeError(f"enqueue failed: {done.stderr[-2000:]}")
        return int(done.stdout.split("#", 1)[1].split(":", 1)[0]), seconds

    def worker(self) -> subprocess.Popen:
        """One `heritage jobs work --burst` in its own process group (so a kill takes its horse)."""
        log = open(self.root / f"worker-{time.monotonic_ns()}.log", "w")
        return subprocess.Popen([str(HERITAGE), "jobs", "work", "--burst"], env=self.env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def query(self, sql: str):
        """One value from the instance's database."""
        from sqlalchemy import create_engine, text

        url = self.database_url or f"sqlite:///{self.root / 'instance' / 'heritage.sqlite3'}"
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                return connection.execute(text(sql)).scalar()
        finally:
            engine.dispose()


def check(instance: Instance, expected: int) -> dict:
    """Pages, items and duplicates in the database after a run."""
    pages = instance.query("SELECT count(*) FROM page")
    items = instance.query("SELECT count(*) FROM item")
    keys = instance.query("SELECT count(DISTINCT content_key) FROM item")
    shas = instance.query("SELECT count(DISTINCT sha256) FROM media_file")
    return {"db_pages": pages, "items": items, "lost": max(expected - shas, 0),
            "duplicated": (items - keys) + (pages - shas)}


def sizes(instance: Instance, pages: int, empty_database: int = 0) -> dict:
    """Bytes per page: media store (and its originals), search index, database (less the
    size of the freshly migrated, empty database)."""
    media = _tree_bytes(instance.root / "media")
    originals = _tree_bytes(instance.root / "media" / "originals")
    index = _tree_bytes(instance.root / "instance" / "index")
    if instance.database_url:
        database = instance.query("SELECT pg_database_size(current_database())")
        search = instance.query("SELECT coalesce(pg_total_relation_size(to_regclass('search_document')), 0)")
        index, database = index + (search or 0), database - (search or 0) - empty_database
    else:
        database = _tree_bytes(instance.root / "instance", suffix=".sqlite3")
    return {"media": media / pages, "originals": originals / pages, "index": index / pages,
            "database": database / pages}


def _tree_bytes(folder: Path, suffix: str = "") -> int:
    if not folder.exists():
        return 0
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file())


def run_scale(workers: int, folder: Path, pages: int, servers, root: Path, db: int) -> dict:
    """Ingest the folder with ``workers`` burst workers; seconds, checks and sizes."""
    instance = Instance(root / f"w{workers}", servers.database(), servers.redis.url(db))
    _ready(instance)
    empty = instance.query("SELECT pg_database_size(current_database())") \
        if instance.database_url else 0
    _, enqueue_seconds = instance.enqueue(folder)
    started = time.monotonic()
    processes = [instance.worker() for _ in range(workers)]
    for process in processes:
        process.wait()
    seconds = time.monotonic() - started
    return {"workers": workers, "pages": pages, "seconds": seconds,
            "enqueue_seconds": enqueue_seconds, "pages_per_s": pages / seconds,
            "worker_seconds_per_page": workers * seconds / pages,
            **check(instance, pages), "bytes_per_page": sizes(instance, pages, empty)}


def run_kill(folder: Path, pages: int, servers, root: Path, db: int) -> dict:
    """2 workers; SIGKILL one's process group at ~30% done, start another; check the pages."""
    instance = Instance(root / "kill", servers.database(), servers.redis.url(db))
    _ready(instance)
    job_id, _ = instance.enqueue(folder)
    processes = [instance.worker() for _ in range(2)]
    while (instance.query(f"SELECT done FROM job WHERE id = {job_id}") or 0) < 0.3 * pages:
        time.sleep(0.2)
    victim = processes[0]
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    processes.append(instance.worker())
    for process in processes[1:]:
        process.wait()
    status = instance.query(f"SELECT status FROM job WHERE id = {job_id}")
    return {"killed_pid": victim.pid, "pages": pages, "batch_status": status,
            **check(instance, pages)}


def _ready(instance: Instance) -> None:
    done = subprocess.run([str(HERITAGE), "db", "upgrade"], env=instance.env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"db upgrade failed: {done.stderr[-2000:]}")


class Servers:
    """PostgreSQL (or SQLite when it cannot be used) and Redis for the runs."""

    def __init__(self, root: Path):
        self.redis = RedisServer(root / "redis")
        # a folder of its own: as root the server runs as `postgres`, which cannot enter root's
        # private temporary folders
        self.postgres: PostgresServer | None = PostgresServer(
            Path(tempfile.mkdtemp(prefix="bench-scale-postgres-")))
        self.note = "PostgreSQL (tests/servers.py)"

    def start(self) -> None:
        self.redis.start()
        try:
            self.postgres.start()
            self.postgres.migrated_database()  # the schema must migrate on PostgreSQL
        except Exception as exc:  # noqa: BLE001 - any failure means: fall back to SQLite
            if self.postgres is not None:
                self.postgres.stop()
            self.postgres, self.note = None, f"SQLite file (PostgreSQL not usable: {str(exc)[:120]})"

    def database(self) -> str | None:
        return self.postgres.database("bench") if self.postgres else None

    def stop(self) -> None:
        self.redis.stop()
        if self.postgres:
            self.postgres.stop()


# --- output -----------------------------------------------------------------------------

def print_table(runs: list[dict], kill: dict | None, header: list[str]) -> None:
    for line in header:
        print(line)
    print()
    print(f"{'workers':>7}  {'pages':>6}  {'seconds':>8}  {'pages/s':>8}  {'vs 1 worker':>11}  "
          f"{'enqueue s':>9}  {'lost':>4}  {'dup':>4}")
    base = next((r for r in runs if r["workers"] == 1), runs[0])
    for run in runs:
        ratio = run["pages_per_s"] / base["pages_per_s"]
        print(f"{run['workers']:>7}  {run['pages']:>6}  {run['seconds']:>8.1f}  "
              f"{run['pages_per_s']:>8.2f}  {ratio:>10.2f}x  {run['enqueue_seconds']:>9.1f}  "
              f"{run['lost']:>4}  {run['duplicated']:>4}")
    two = next((r for r in runs if r["workers"] == 2), None)
    if two and base["workers"] == 1:
        speedup = two["pages_per_s"] / base["pages_per_s"]
        print(f"speedup 2 workers / 1 worker: {speedup:.2f}x (target >= 1.8x on 2 cores): "
              f"{'PASS' if speedup >= 1.8 else 'FAIL'}")
    print()
    print("per page (capacity plan, from the 1-worker run):")
    sized = base["bytes_per_page"]
    print(f"  media bytes per page (original + derivatives): {sized['media']:,.0f}"
          f"   (derivatives {sized['media'] - sized['originals']:,.0f})")
    print(f"  index bytes per page:                          {sized['index']:,.0f}")
    print(f"  database bytes per page:                       {sized['database']:,.0f}")
    for run in runs:
        print(f"  worker-seconds per page, {run['workers']} worker(s):          "
              f"{run['worker_seconds_per_page']:.3f}")
    if kill:
        print()
        print(f"killed worker pid {kill['killed_pid']}: {kill['pages']} pages, {kill['lost']} lost, "
              f"{kill['duplicated']} duplicated (batch {kill['batch_status']})")


def machine(args, source: str, servers: Servers) -> list[str]:
    return [f"bench_scale: {args.pages} pages, workers {args.workers}, kill run {args.kill_pages} pages",
            f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            f"database: {servers.note}; queue: Redis (tests/servers.py), RQ; search index: "
            f"{os.environ.get('BENCH_SEARCH_BACKEND', 'postgres') if servers.postgres else 'whoosh'}",
            f"text: {source}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="pages per run (default 2000)")
    parser.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    parser.add_argument("--kill-pages", type=int, default=200,
                        help="pages of the kill run (default 200; 0 skips it)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it")
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.workers.split(",") if part.strip()]
    if shutil.which("tesseract") is None:
        print("tesseract is not installed", file=sys.stderr)
        return 2
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    servers = Servers(root)
    try:
        servers.start()
    except ServerUnavailable as exc:
        print(f"cannot start the servers: {exc}", file=sys.stderr)
        return 2
    try:
        source = render_pages(root / "pages", args.pages)
        runs = [run_scale(count, root / "pages", args.pages, servers, root, db)
                for db, count in enumerate(counts, start=1)]
        kill = None
        if args.kill_pages:
            render_pages(root / "kill-pages", args.kill_pages, seed=2)
            kill = run_kill(root / "kill-pages", args.kill_pages, servers, root, len(counts) + 1)
    finally:
        servers.stop()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if args.json:
        print(json.dumps({"runs": runs, "kill": kill, "database": servers.note}, indent=2))
    else:
        print_table(runs, kill, machine(args, source, servers))
    bad = [r for r in runs + ([kill] if kill else []) if r["lost"] or r["duplicated"]
           or r["db_pages"] != r["pages"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
