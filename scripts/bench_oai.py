#!/usr/bin/env python3
"""OAI-PMH harvest benchmark: a full ListRecords harvest over HTTP, as an aggregator runs it.

    .venv/bin/python scripts/bench_oai.py [--records 100000] [--page-size 100] [--keep DIR]

It generates N published records (Latvian Dublin Core, several values each, in 12
collections) straight into a fresh SQLite archive, serves it with ``heritage serve``
(waitress), and harvests every record with Sickle, the PyPI OAI-PMH client, through the
resumption tokens. It prints:

* records/s for the whole harvest (target ≥ 1,000) and the server's resident memory at 10%,
  50% and 100% of the harvest (target: flat);
* the time of the first pages against the last pages of the same harvest — keyset paging
  makes the last page as cheap as the first, where OFFSET paging would grow with the depth;
* as the baseline measured in the same run, the database query an OFFSET-paged provider would
  make for the last page, against heritage's keyset query for the same page.

Figures are information, not assertions: the machine is shared, so read the ratios.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psutil
from sickle import Sickle
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]
HERITAGE = Path(sys.executable).with_name("heritage")
PLACES = ["Ezerkalne", "Zīlēni", "Dzērves", "Mežvidi", "Ūdriņi", "Robežnieki", "Krāslava", "Rēzekne"]
TOPICS = ["skolas", "piensaimniecība", "kori", "baznīcas", "dzirnavas", "bibliotēkas", "deportācijas",
          "kolhozi", "sports", "svētki", "ceļi", "amatnieki"]


def generate(database: Path, count: int, seed: int) -> None:
    """Write ``count`` published items with their Dublin Core values, by bulk inserts."""
    rng = random.Random(seed)
    engine = create_engine(f"sqlite:///{database}")
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with engine.begin() as connection:
        for n, topic in enumerate(TOPICS, start=1):
            connection.execute(text("INSERT INTO collection (id, slug, title, description, created_at) "
                                     "VALUES (:i, :s, :t, '', :c)"),
                               {"i": n, "s": f"kolekcija-{n}", "t": f"Izgriezumi: {topic}", "c": start})
        for first in range(1, count + 1, 10_000):
            numbers = range(first, min(count, first + 9_999) + 1)
            stamps = {n: start + timedelta(seconds=n * 3) for n in numbers}
            connection.execute(text(
                "INSERT INTO item (id, collection_id, status, access_level, created_at, updated_at, "
                "published_at) VALUES (:i, :c, 'published', 'public', :t, :t, :t)"),
                [{"i": n, "c": n % len(TOPICS) + 1, "t": stamps[n]} for n in numbers])
            connection.execute(text(
                "INSERT INTO item_value (item_id, element, value, lang, position) VALUES (:i, :e, :v, :l, :p)"),
                [row for n in numbers for row in _values(n, rng)])


def _values(n: int, rng: random.Random) -> list[dict]:
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    values = [("title", f"{place}: raksts par {topic} Nr. {n}", "lv"),
              ("creator", f"{rng.choice(['Ozola', 'Bērziņš', 'Kalniņa', 'Liepiņš'])}, {rng.choice(['Marta', 'Jānis', 'Anna'])}", None),
              ("subject", topic, "lv"), ("subject", place, "lv"),
              ("description", f"Izgriezums no novada laikraksta par {topic} {place}ā.", "lv"),
              ("date", str(rng.randint(1930, 2024)), None), ("type", "Text", None),
              ("language", "lv", None), ("coverage", place, "lv")]
    return [{"i": n, "e": e, "v": v, "l": lang, "p": p} for p, (e, v, lang) in enumerate(values)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RssSampler(threading.Thread):
    """Samples a process's resident memory every 0.1 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.process, self.peak, self.samples, self.running = psutil.Process(pid), 0, [], True

    def run(self) -> None:
        while self.running:
            try:
                rss = self.process.memory_info().rss
            except psutil.Error:
                return
            self.peak = max(self.peak, rss)
            time.sleep(0.1)


def harvest(url: str, total: int, sampler: RssSampler) -> tuple[int, float, list[float], dict[int, int]]:
    """Harvest everything; returns the count, seconds, per-page times and RSS at milestones."""
    count, started, page_times, marks = 0, time.perf_counter(), [], {}
    last = started
    client = Sickle(url, max_retries=3)
    for record in client.ListRecords(metadataPrefix="oai_dc"):
        count += 1
        if record.header.identifier is None:
            raise SystemExit("a record without an identifier")
        if count % PAGE == 0:
            now = time.perf_counter()
            page_times.append(now - last)
            last = now
        for share in (10, 50, 100):
            if count == total * share // 100:
                marks[share] = sampler.peak
    return count, time.perf_counter() - started, page_times, marks


PAGE = 100


def offset_baseline(database: Path, total: int) -> tuple[float, float]:
    """Seconds for the last page's query: OFFSET paging against heritage's keyset paging."""
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        last = connection.execute(text(
            "SELECT updated_at, id FROM item ORDER BY updated_at, id LIMIT 1 OFFSET :o"),
            {"o": max(0, total - PAGE - 1)}).one()
        def timed(sql: str, **params) -> float:
            best = float("inf")
            for _ in range(5):
                started = time.perf_counter()
                connection.execute(text(sql), params).fetchall()
                best = min(best, time.perf_counter() - started)
            return best
        offset = timed("SELECT * FROM item WHERE published_at IS NOT NULL ORDER BY updated_at, id "
                       "LIMIT :n OFFSET :o", n=PAGE + 1, o=total - PAGE)
        keyset = timed("SELECT * FROM item WHERE published_at IS NOT NULL AND (updated_at, id) > (:t, :i) "
                       "ORDER BY updated_at, id LIMIT :n",
                       t=last[0], i=last[1], n=PAGE + 1)
    return offset, keyset


def main() -> int:
    global PAGE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the generated archive in DIR")
    args = parser.parse_args()
    PAGE = args.page_size
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-oai-"))
    env = dict(os.environ, HERITAGE_INSTANCE=str(folder / "instance"), HERITAGE_MEDIA_ROOT=str(folder / "media"),
               HERITAGE_OAI_PAGE_SIZE=str(args.page_size))
    print(f"heritage OAI-PMH benchmark: {args.records:,} records, {args.page_size} a page, "
          f"{os.cpu_count()} cores, Sickle over HTTP to waitress")
    try:
        subprocess.run([str(HERITAGE), "db", "upgrade"], env=env, check=True, capture_output=True)
        started = time.perf_counter()
        generate(folder / "instance" / "heritage.sqlite3", args.records, args.seed)
        print(f"generated {args.records:,} records in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = subprocess.Popen([str(HERITAGE), "serve", "--port", str(port), "--threads", "4"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/oai"
        _wait(url)
        sampler = RssSampler(server.pid)
        before = psutil.Process(server.pid).memory_info().rss
        sampler.start()
        count, seconds, pages, marks = harvest(url, args.records, sampler)
        sampler.running = False
        server.terminate()
        server.wait(10)
        _report(args, count, seconds, pages, marks, before, sampler.peak, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def _wait(url: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "?verb=Identify", timeout=5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _report(args, count, seconds, pages, marks, before, peak, folder) -> None:
    rate = count / seconds
    mb = lambda value: f"{value / 2**20:.0f} MB"  # noqa: E731
    first, last = pages[:10], pages[-10:]
    print(f"harvested {count:,} records in {seconds:.1f} s: {rate:,.0f} records/s   "
          f"(target ≥ 1,000)  {'PASS' if rate >= 1000 and count == args.records else 'FAIL'}")
    print(f"server RSS  before {mb(before)}   peak at 10% {mb(marks.get(10, 0))}   50% {mb(marks.get(50, 0))}"
          f"   100% {mb(marks.get(100, 0))}   ratio 100%/10% {marks.get(100, 0) / max(1, marks.get(10, 1)):.2f}×"
          f"   (target flat ≈ 1.0×)")
    if first and last:
        print(f"page time   first 10 pages {1000 * sum(first) / len(first):.1f} ms   last 10 pages "
              f"{1000 * sum(last) / len(last):.1f} ms   ratio last/first {sum(last) / sum(first):.2f}×")
    offset, keyset = offset_baseline(folder / "instance" / "heritage.sqlite3", args.records)
    print(f"baseline    last page's query: OFFSET {1000 * offset:.2f} ms   keyset {1000 * keyset:.2f} ms   "
          f"OFFSET/keyset {offset / keyset:.0f}×")


if __name__ == "__main__":
    sys.exit(main())
