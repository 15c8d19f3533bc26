#!/usr/bin/env python3
"""Web benchmark: the production server on loopback under load — a hello-world route, item pages
and search pages, measured in one run (issue 7).

What it measures
----------------
The server is the one ``scripts/run`` starts: ``heritage serve --host 127.0.0.1 --port P``
(gunicorn, a worker process per core with its default threads), started here on a free
port over a real archive:

* the demonstration collection, built by ``heritage demo build`` (Tesseract; about 30 s),
  unless ``--quick`` or ``--no-demo``;
* ``--items`` generated newspaper clippings (default 3,000) in eight collections, made with
  ``bench_search.py``'s generator: a 5–8 word title, ~300 words of body split into 1–3 pages
  (75% one page), a creator, subjects, places, a date 1920–2024, a Latvian citation naming
  newspaper, issue and page; 93% public, 5% reading room, 2% staff-only. The text comes from
  ``../shared/corpus`` when it is beside the checkout (real Latvian library reports, read at
  run time), else from heritage's invented demo texts. Rows are bulk-inserted; every page
  points at one rendered scan; then ``heritage.services.items.rebuild_index`` indexes all.

Four routes are driven one after another, each for ``--seconds`` at ``--connections``
keep-alive connections after a warm-up:

* ``hello``: ``GET /healthz`` (plain ``ok``; no database, no template): what the server and
  Flask cost alone, the baseline of the same server in the same run;
* ``item``: one item page, asked for again and again (the issue's "the item page");
* ``items``: ``/items/<id>`` of every item the public may read about, shuffled (each
  multi-page item also once with ``?page=2``); reading-room items are among them;
* ``search``: ``/search?q=…`` with ``bench_search.py``'s query kinds (words, AND, phrases,
  OR, NOT, prefixes, ``place:``, year ranges, typos), a third of them with a facet filter
  (collection, decade, place, language, newspaper), some sorted by date or on page 2, and a
  few with filters only and no words.

The load client is ``scripts/httpload.py`` (``wrk`` is not installed here): asyncio over
raw sockets, ``--client-procs`` processes. It shares the cores with the server, so the
report shows what it costs: the CPU seconds of server and client during each route, and
the client's ceiling — the same client against a server answering three fixed bytes.

Page weight is the largest HTML of a sample of each route's addresses, alone and with the
stylesheets and scripts it links (as sent to a client asking for gzip), before images.

Targets, printed with PASS/FAIL: item req/s ≥ 0.40 × hello req/s; p99 ≤ 250 ms on every
route; no errors (non-2xx, timeouts, connection errors); pages ≤ 300 KB before images.
The figures are information, not assertions: the script exits 0 whatever they are, 1 if
requests failed or the server would not start.

Usage::

    .venv/bin/python scripts/bench_web.py [--seconds 20] [--connections 32] [--items 3000]
                                          [--instance PATH] [--no-demo] [--client-procs P]
                                          [--seed S] [--quick]

``--instance PATH`` keeps the archive in PATH (media in PATH/media unless HERITAGE_MEDIA_ROOT
is set) and reuses it on the next run: the demo is not built twice and only missing
clippings are added. ``--quick`` (for tests): 2 s a route, 4 connections, 40 clippings,
no demo.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode, urljoin

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run from a checkout without installing: heritage is importable
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil  # noqa: E402

import bench_search  # noqa: E402  (beside this script: the clipping and query generators)
import benchtext  # noqa: E402
import httpload  # noqa: E402

HERITAGE = Path(sys.executable).with_name("heritage")
TARGET_RATIO = 0.40
TARGET_P99_MS = 250.0
TARGET_PAGE_KB = 300.0
SYNTHETIC_PREFIX = "bench-"
# "item" is the issue's "the item page": one page, asked for again and again (a clipping
# everyone is reading); "items" asks for every item in turn, so each is rendered at least once
ROUTES = ("hello", "item", "items", "search")


# --------------------------------------------------------------------------------------------
# The archive
# --------------------------------------------------------------------------------------------

@dataclass
class Archive:
    """Where the archive is, what it holds and the addresses the load client asks for."""

    settings: dict[str, str]
    items: int  # published items whose description the public may read
    synthetic: int
    demo: int
    added: int
    built_seconds: float
    paths: dict[str, list[str]]


def archive_settings(folder: Path) -> dict[str, str]:
    """HERITAGE_INSTANCE and HERITAGE_MEDIA_ROOT for an archive kept in ``folder``."""
    return {"HERITAGE_INSTANCE": str(folder),
            "HERITAGE_MEDIA_ROOT": os.environ.get("HERITAGE_MEDIA_ROOT") or str(folder / "media")}


def prepare_archive(args, folder: Path, corpus: bench_search.Corpus) -> Archive:
    """Build (or top up) the archive in ``folder``; the addresses to drive come with it."""
    from heritage import create_app
    from heritage.services.database import upgrade_schema

    settings = archive_settings(folder)
    started = time.perf_counter()
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
    if args.demo:
        build_demo(settings)
    with app.app_context():
        added = add_clippings(args.items, args.seed, corpus)
        counts = _counts()
        every_item = item_paths(args.seed)
        paths = {"hello": ["/healthz"], "item": every_item[:1], "items": every_item,
                 "search": search_paths(corpus, args.searches, args.seed)}
    return Archive(settings, counts["described"], counts["synthetic"], counts["demo"], added,
                   time.perf_counter() - started, paths)


def build_demo(settings: dict[str, str]) -> None:
    """``heritage demo build`` (does nothing when the demo is there already)."""
    _say("building the demo collection (heritage demo build; Tesseract, about 30 s) …")
    done = subprocess.run([str(HERITAGE), "demo", "build"], env=dict(os.environ, **settings),
                          capture_output=True, text=True)
    for line in (done.stdout + done.stderr).strip().splitlines():
        _say(f"  {line}")
    if done.returncode:
        raise SystemExit("bench_web: heritage demo build failed")


def _say(message: str) -> None:
    print(f"bench_web: {message}", file=sys.stderr, flush=True)


def _counts() -> dict[str, int]:
    from sqlalchemy import func, select

    from heritage.extensions import db
    from heritage.models import DESCRIBED_ACCESS, Collection, Item

    def count(*where) -> int:
        return db.session.scalar(select(func.count(Item.id)).join(Collection).where(*where)) or 0

    synthetic = Collection.slug.startswith(SYNTHETIC_PREFIX)
    described = (Item.status == "published", Item.access_level.in_(DESCRIBED_ACCESS))
    return {"described": count(*described), "synthetic": count(synthetic),
            "demo": count(~synthetic, Item.status == "published")}


def add_clippings(wanted: int, seed: int, corpus: bench_search.Corpus) -> int:
    """Bulk-insert generated clippings until the archive holds ``wanted``; re-index if any."""
    from sqlalchemy import func, insert, select

    from heritage.extensions import db
    from heritage.models import Collection, Item, ItemValue, MediaFile, Page
    from heritage.services.items import rebuild_index

    have = db.session.scalar(select(func.count(Item.id)).join(Collection).where(
        Collection.slug.startswith(SYNTHETIC_PREFIX))) or 0
    if have >= wanted:
        return 0
    started = time.perf_counter()
    scan = store_scan(corpus.sentences[:12])
    collections = _synthetic_collections()
    item_id = (db.session.scalar(select(func.max(Item.id))) or 0) + 1
    media_id = (db.session.scalar(select(func.max(MediaFile.id))) or 0) + 1
    rng = random.Random(f"bench-web-{seed}")
    documents = itertools.islice(bench_search.generate_documents(corpus, wanted, seed), have, None)
    for batch in _batched(documents, 1000):
        rows = {"item": [], "value": [], "media": [], "page": []}
        for document in batch:
            _clipping_rows(rows, document, item_id, media_id, collections, scan, rng)
            item_id, media_id = item_id + 1, media_id + 1
        db.session.execute(insert(Item), rows["item"])
        db.session.execute(insert(ItemValue), rows["value"])
        db.session.execute(insert(MediaFile), rows["media"])
        db.session.execute(insert(Page), rows["page"])
        db.session.commit()
    _say(f"added {wanted - have:,} clippings in {time.perf_counter() - started:.1f} s; "
         "rebuilding the search index …")
    started = time.perf_counter()
    rebuild_index()
    _say(f"indexed in {time.perf_counter() - started:.1f} s")
    return wanted - have


def _batched(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _synthetic_collections() -> dict[str, int]:
    """The eight collections of the generated clippings (created once): slug → id."""
    from heritage.extensions import db
    from heritage.services.collections import ensure_collection

    found = {}
    for slug in bench_search.COLLECTIONS:
        collection = ensure_collection(SYNTHETIC_PREFIX + slug)
        collection.title = slug.replace("-", " ").capitalize() + " (ģenerēti izgriezumi)"
        collection.description = "Izgriezumi, ko ģenerējis scripts/bench_web.py slodzes testam."
        found[slug] = collection.id
    db.session.commit()
    return found


@dataclass
class Scan:
    """The one rendered page every generated page shows."""

    sha256: str
    original: str
    web: str
    thumb: str
    width: int
    height: int
    size: int


def store_scan(sentences: list[str]) -> Scan:
    """Render an A4 page of ``sentences`` at 150 dpi and store it with its derivatives."""
    import hashlib
    import io

    from PIL import Image, ImageDraw, ImageFont

    from heritage.ingest.images import jpeg_derivative
    from heritage.services import media_store
    from heritage.storage import derivative_key, original_key

    image = Image.new("L", (1240, 1754), 236)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 22)
    except OSError:
        font = ImageFont.load_default()
    words, line, y = " ".join(sentences).split(), "", 90
    for word in words:
        if draw.textlength(f"{line} {word}", font=font) > 1060:
            draw.text((90, y), line, font=font, fill=25)
            line, y = word, y + 34
            if y > 1650:
                break
        else:
            line = f"{line} {word}".strip()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    store = media_store()
    scan = Scan(sha, original_key(sha, ".png"), derivative_key(sha, 0, "web"),
                derivative_key(sha, 0, "thumb"), image.width, image.height, len(data))
    store.put_bytes(scan.original, data)
    store.put_bytes(scan.web, jpeg_derivative(image, 1600))
    store.put_bytes(scan.thumb, jpeg_derivative(image, 320))
    return scan


def _clipping_rows(rows: dict, document: dict, item_id: int, media_id: int,
                   collections: dict[str, int], scan: Scan, rng: random.Random) -> None:
    """The item, Dublin Core values, media file and pages of one generated clipping."""
    from dublin_core.cite import latvian_citation
    from heritage.demo.sources import IN_COPYRIGHT

    date = document["date"]
    year = int(date[:4])
    stamp = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=item_id)
    rows["item"].append({"id": item_id, "collection_id": collections[document["collection"]],
                         "status": "published", "access_level": document["access"],
                         "created_at": stamp, "updated_at": stamp, "published_at": stamp})
    issue, page_in_paper = (year * 53 + int(date[5:7]) * 4) % 150 + 1, rng.randint(1, 8)
    values = [("title", document["title"], "lv"), ("creator", document["creator"], None),
              *(("subject", s, "lv") for s in document["subject"].split("\n")),
              ("description", document["description"], "lv"), ("date", date, None),
              ("type", "Text", None),
              *(("language", code, None) for code in document["language"].split(",")),
              *(("coverage", place, "lv") for place in document["place"].split("\n")),
              ("source", latvian_citation(document["creator"], document["title"],
                                          document["newspaper"], issue, date, page_in_paper), "lv"),
              ("publisher", document["newspaper"], None), ("rights", IN_COPYRIGHT, None)]
    rows["value"].extend({"item_id": item_id, "element": element, "value": text, "lang": lang,
                          "position": position}
                         for position, (element, text, lang) in enumerate(values))
    rows["media"].append({"id": media_id, "item_id": item_id, "position": 0,
                          "original_name": document["files"][0], "storage_key": scan.original,
                          "sha256": scan.sha256, "mime_type": "image/png", "size": scan.size,
                          "width": scan.width, "height": scan.height, "created_at": stamp})
    for sequence, text in enumerate(_pages(document["fulltext"], rng), start=1):
        rows["page"].append({"item_id": item_id, "media_file_id": media_id, "sequence": sequence,
                             "frame": 0, "width": scan.width, "height": scan.height,
                             "ocr_text": text, "ocr_confidence": round(rng.uniform(82, 97), 1),
                             "ocr_lang": "lav", "image_key": scan.web,
                             "thumbnail_key": scan.thumb, "text_source": "ocr", "turned": 0,
                             "skew": 0.0})


def _pages(body: str, rng: random.Random) -> list[str]:
    """The body's paragraphs over 1 page (75%), 2 (20%) or 3 (5%)."""
    paragraphs = body.split("\n\n")
    draw = rng.random()
    count = min(len(paragraphs), 1 if draw < 0.75 else 2 if draw < 0.95 else 3)
    size = -(-len(paragraphs) // count)
    return ["\n\n".join(paragraphs[i:i + size]) for i in range(0, len(paragraphs), size)]


def item_paths(seed: int) -> list[str]:
    """Every item the public may read about, shuffled; multi-page ones also at page 2."""
    from sqlalchemy import func, select

    from heritage.extensions import db
    from heritage.models import DESCRIBED_ACCESS, Item, Page

    rows = db.session.execute(
        select(Item.id, func.count(Page.id)).outerjoin(Page, Page.item_id == Item.id)
        .where(Item.status == "published", Item.access_level.in_(DESCRIBED_ACCESS))
        .group_by(Item.id)).all()
    paths = [f"/items/{item_id}" for item_id, _ in rows]
    paths += [f"/items/{item_id}?page=2" for item_id, pages in rows if pages > 1]
    random.Random(f"bench-web-items-{seed}").shuffle(paths)
    return paths


# --------------------------------------------------------------------------------------------
# Search addresses
# --------------------------------------------------------------------------------------------

def search_paths(corpus: bench_search.Corpus, count: int, seed: int) -> list[str]:
    """``count`` search addresses: bench_search's query kinds, a third with a facet filter."""
    rng = random.Random(f"bench-web-search-{seed}")
    queries = bench_search.make_queries(corpus, count, seed)
    paths = []
    for number, query in enumerate(queries):
        args: list[tuple[str, str]] = [("q", query.text)]
        for name, values in (query.filters or {}).items():
            args += [(name, SYNTHETIC_PREFIX + v if name == "collection" else v) for v in values]
        if number % 3 == 1:
            args.append(_facet_filter(rng))
        if number % 10 == 7:
            args.append(("sort", "-date"))
        if number % 10 == 9:
            args.append(("page", "2"))
        if number % 25 == 24:  # a filter alone, as a reader browsing by facet clicks
            args = [_facet_filter(rng)]
        paths.append("/search?" + urlencode(args))
    return paths


def _facet_filter(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(("collection", "decade", "place", "language", "newspaper"))
    value = {"collection": lambda: SYNTHETIC_PREFIX + rng.choice(bench_search.COLLECTIONS),
             "decade": lambda: str(rng.randrange(1920, 2030, 10)),
             "place": lambda: rng.choice(bench_search.PLACES),
             "language": lambda: rng.choice(("lv", "lv", "lv", "ru", "lt")),
             "newspaper": lambda: rng.choice(bench_search.NEWSPAPERS)}[kind]()
    return kind, value


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------

@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path
    command: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu(self) -> float:
        """CPU seconds of the server: its master process and every worker."""
        master = psutil.Process(self.process.pid)
        total = 0.0
        for process in [master, *master.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()



def serve_shape() -> tuple[int, int]:
    """The workers and threads ``heritage serve`` uses when not told (as scripts/run starts it)."""
    from heritage.cli import serve
    from heritage.server import default_workers

    return default_workers(), next(p.default for p in serve.params if p.name == "threads")


def start_server(settings: dict[str, str], log: Path) -> Server:
    """``heritage serve`` exactly as scripts/run runs it, on a free loopback port."""
    port = httpload.free_port()
    command = [str(HERITAGE), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("w") as handle:
        process = subprocess.Popen(command, env=dict(os.environ, **settings), stdout=handle,
                                   stderr=subprocess.STDOUT)
    server = Server(process, port, log, command)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(server.base + "/healthz", timeout=5).close()
            return server
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise SystemExit("bench_web: the server did not start:\n"
                                 + log.read_text(errors="replace")[-2000:])
            time.sleep(0.2)


# --------------------------------------------------------------------------------------------
# Page weight
# --------------------------------------------------------------------------------------------

class _Assets(HTMLParser):
    """The stylesheets and scripts a page links (images are left out on purpose)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.found.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])


def _fetch(url: str) -> tuple[bytes, int]:
    """The body of ``url`` and how many bytes it took on the wire (gzip asked for, as browsers do)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        sent = response.read()
        packed = response.headers.get("Content-Encoding") == "gzip"
    return (gzip.decompress(sent) if packed else sent), len(sent)


@dataclass
class Weight:
    """The largest page of a route's sample, in KB: HTML, with its CSS and JS, and as sent."""

    html: float = 0.0
    total: float = 0.0
    sent: float = 0.0  # the bytes on the wire: what the server sent for HTML + CSS + JS


def page_weight(base: str, paths: list[str], sample: int = 40) -> Weight:
    """The weight of the largest page of a sample of ``paths`` (by HTML + CSS + JS), images left out."""
    assets: dict[str, tuple[bytes, int]] = {}
    largest = Weight()
    for path in paths[:sample]:
        url = base + path
        try:
            html, html_sent = _fetch(url)
        except OSError:  # an error page is counted by the load run; weigh the others
            continue
        parser = _Assets()
        parser.feed(html.decode("utf-8", "replace"))
        fetched = [(html, html_sent)]
        for link in dict.fromkeys(parser.found):
            absolute = urljoin(url, link)
            if absolute not in assets:
                try:
                    assets[absolute] = _fetch(absolute)
                except OSError:
                    assets[absolute] = (b"", 0)
            fetched.append(assets[absolute])
        sent = sum(size for _body, size in fetched) / 1024
        if sent > largest.sent:
            largest = Weight(len(html) / 1024, sum(len(body) for body, _ in fetched) / 1024, sent)
    return largest


# --------------------------------------------------------------------------------------------
# Driving and reporting
# --------------------------------------------------------------------------------------------

@dataclass
class RouteResult:
    name: str
    urls: int
    outcome: httpload.Outcome
    server_cpu: float
    weight: Weight


def drive(server: Server, name: str, paths: list[str], args) -> RouteResult:
    """Warm the route up, then run the load client on it for ``args.seconds``."""
    _say(f"{name}: warm-up {args.warmup:g} s, then {args.seconds:g} s at "
         f"{args.connections} connections …")
    load = dict(connections=args.connections, processes=args.client_procs)
    httpload.run_load("127.0.0.1", server.port, paths, seconds=args.warmup, **load)
    before = server.cpu()
    outcome = httpload.run_load("127.0.0.1", server.port, paths, seconds=args.seconds, **load)
    cpu = server.cpu() - before
    return RouteResult(name, len(paths), outcome, cpu, page_weight(server.base, paths))


def client_ceiling(args) -> httpload.Outcome:
    """The same client against a server that answers three fixed bytes."""
    port = httpload.free_port()
    fixed = httpload.fixed_response_server(port)
    try:
        return httpload.run_load("127.0.0.1", port, ["/"], connections=args.connections,
                                 seconds=min(args.seconds, 5.0), processes=args.client_procs)
    finally:
        fixed.terminate()
        fixed.join(5)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def print_header(args, archive: Archive, server: Server, source: str) -> None:
    memory = psutil.virtual_memory().total / 2**30
    print("heritage web benchmark (scripts/bench_web.py)")
    print(f"machine   {os.cpu_count()} cores ({benchtext.cpu_name()}), {memory:.0f} GB RAM, "
          f"load average {benchtext.load_average()}")
    print(f"software  Python {platform.python_version()}, gunicorn {_version('gunicorn')}, "
          f"Flask {_version('flask')}, SQLAlchemy {_version('sqlalchemy')}, "
          f"Whoosh-Reloaded {_version('whoosh-reloaded')}, heritage {_version('heritage')}")
    workers, threads = serve_shape()
    print(f"server    {' '.join(['heritage', *server.command[1:]])}  (as scripts/run serves: "
          f"gunicorn, {workers} workers × {threads} threads, SQLite)")
    demo = f"demo collection ({archive.demo} items)" if archive.demo else "no demo collection"
    print(f"archive   {demo} + {archive.synthetic:,} generated clippings "
          f"({archive.added:,} added this run); {archive.items:,} items the public may read "
          f"about; ready in {archive.built_seconds:.1f} s")
    print(f"text      {source}")
    print(f"client    scripts/httpload.py: asyncio, raw sockets, HTTP/1.1 keep-alive, "
          f"{args.client_procs} processes; {args.connections} connections, "
          f"{args.seconds:g} s a route after {args.warmup:g} s warm-up, routes in turn")
    sys.stdout.flush()


def print_table(results: list[RouteResult]) -> None:
    print()
    print(f"{'route':<8} {'urls':>6} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'non-2xx':>8} {'timeout':>8} {'conn err':>8} {'cached':>7} "
          f"{'html KB':>8} {'+css/js KB':>10} {'sent KB':>8} {'server cpu':>10} {'client cpu':>10}")
    for r in results:
        o = r.outcome
        worst = 1000 * max(o.latencies) if o.latencies else float("nan")
        print(f"{r.name:<8} {r.urls:>6} {o.requests:>9} {o.rate:>8.1f} {o.percentile(50):>8.1f} "
              f"{o.percentile(99):>8.1f} {worst:>8.1f} {o.non_2xx:>8} {o.timeouts:>8} "
              f"{o.connection_errors:>8} {o.cache_hits / max(1, o.requests):>7.0%} "
              f"{r.weight.html:>8.1f} {r.weight.total:>10.1f} {r.weight.sent:>8.1f} "
              f"{r.server_cpu / o.seconds:>9.2f}c {o.cpu / o.seconds:>9.2f}c")
    print("(cached: answered from heritage's page cache; KB: the largest page of a sample of 40, "
          "before images, unpacked and as sent with gzip asked for, as browsers do; cpu: cores "
          "used on average while the route ran, server and client)")


def _mark(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_verdicts(results: dict[str, RouteResult], ceiling: httpload.Outcome) -> None:
    hello, item = results["hello"].outcome, results["item"].outcome
    ratio = item.rate / hello.rate if hello.rate else float("nan")
    every = results["items"].outcome.rate / hello.rate if hello.rate else float("nan")
    print()
    print(f"client    ceiling {ceiling.rate:,.0f} req/s against a fixed 3-byte response "
          f"(p50 {ceiling.percentile(50):.1f} ms, client cpu {ceiling.cpu / ceiling.seconds:.2f}c);"
          f" hello reached {hello.rate / ceiling.rate:.0%} of it")
    print()
    print(f"ratios   item/hello req/s {ratio:.2f}   (target ≥ {TARGET_RATIO:.2f}; one item page, "
          f"asked for again and again)  {_mark(ratio >= TARGET_RATIO)}")
    print(f"         items/hello req/s {every:.2f}   (every item in turn, each rendered at least "
          f"once: the same target)  {_mark(every >= TARGET_RATIO)}")
    print(f"         search/hello req/s {results['search'].outcome.rate / hello.rate:.2f}   "
          "(information)")
    for name in ROUTES:
        p99 = results[name].outcome.percentile(99)
        print(f"         p99 {name} {p99:.1f} ms   (target ≤ {TARGET_P99_MS:.0f} ms)  "
              f"{_mark(p99 <= TARGET_P99_MS)}")
    errors = sum(r.outcome.errors for r in results.values())
    for r in results.values():
        if r.outcome.non_2xx:
            statuses = ", ".join(f"{n} × {status}" for status, n in sorted(r.outcome.statuses.items())
                                 if not 200 <= status < 300)
            print(f"         {r.name} answered {statuses}")
    print(f"         errors {errors}   (target 0: non-2xx, timeouts, connection errors)  "
          f"{_mark(errors == 0)}")
    heaviest = max(results.values(), key=lambda r: r.weight.sent)
    print(f"         page weight {heaviest.weight.sent:.1f} KB, the largest ({heaviest.name}), "
          f"HTML + CSS/JS as sent   (target ≤ {TARGET_PAGE_KB:.0f} KB before images)  "
          f"{_mark(heaviest.weight.sent <= TARGET_PAGE_KB)}   "
          f"[{heaviest.weight.total:.1f} KB unpacked]")


def parse_args(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, help="seconds of load per route (default 20)")
    parser.add_argument("--connections", type=int, help="concurrent connections (default 32)")
    parser.add_argument("--items", type=int, help="generated clippings (default 3000)")
    parser.add_argument("--searches", type=int, default=400,
                        help="distinct search addresses (default 400)")
    parser.add_argument("--instance", type=Path, help="keep and reuse the archive in PATH")
    parser.add_argument("--no-demo", dest="demo", action="store_false",
                        help="leave out the demo collection (no Tesseract)")
    parser.add_argument("--client-procs", type=int, default=min(2, httpload.cpu_count()),
                        help="load client processes (default: 2, or 1 on one core)")
    parser.add_argument("--seed", type=int, default=1, help="seed for clippings and queries")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run for tests: 2 s, 4 connections, 40 clippings, no demo")
    args = parser.parse_args(argv)
    quick = args.quick
    args.seconds = args.seconds or (2.0 if quick else 20.0)
    args.connections = args.connections or (4 if quick else 32)
    args.items = args.items if args.items is not None else (40 if quick else 3000)
    args.searches = min(args.searches, 40) if quick else args.searches
    args.demo = args.demo and not quick
    args.warmup = 0.5 if quick else 2.0
    if args.seconds <= 0 or args.connections < 1 or args.items < 0 or args.client_procs < 1:
        parser.error("--seconds, --connections and --client-procs must be positive, "
                     "--items not negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sentences, source = bench_search.load_sentences()
    corpus = bench_search.Corpus(sentences)
    folder = args.instance.resolve() if args.instance else Path(
        tempfile.mkdtemp(prefix="bench-web-"))
    folder.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        archive = prepare_archive(args, folder, corpus)
        if not archive.paths["item"]:
            raise SystemExit("bench_web: the archive has no items the public may read about")
        server = start_server(archive.settings, folder / "bench-web-server.log")
        print_header(args, archive, server, source)
        results = {name: drive(server, name, archive.paths[name], args) for name in ROUTES}
        server.stop()
        ceiling = client_ceiling(args)
        print_table(list(results.values()))
        print_verdicts(results, ceiling)
        print(f"\nload average at the end {benchtext.load_average()}; "
              "figures are information, not assertions")
        if args.instance:
            print(f"archive kept in {folder} (reused by the next run with --instance)")
    finally:
        if server is not None:
            server.stop()
        if not args.instance:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if any(r.outcome.errors for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
