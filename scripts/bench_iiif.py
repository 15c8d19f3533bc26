#!/usr/bin/env python3
"""IIIF Image API benchmark: 512-px tiles of a 6,000 × 8,000 px TIFF master, against a naive server.

What it measures
----------------
A synthetic page (paper colour with lines of dark word-like strokes) is saved as an LZW TIFF
master and stored in a fresh temporary heritage archive as page 1 of a published, public
item (rows written through the models; no OCR). Its deep-zoom pyramid is built once, and
that one-off build is timed and reported on its own: it is the derivative every later
request reads. Requests then go through the application in-process (Flask's test client:
routing, the database look-up and access check, the service and the response, but no
sockets), at scale factors 1, 2, 4 and 8 (``--per-level`` random tiles each):

* ``viewer tiles``: the request a viewer makes for a tile of the ``tiles`` in info.json
  (region = the tile's box at full size, size = ``w,``, default quality, jpg). These are
  answered from the stored pyramid tile, decoding nothing; *uncached* is the first request
  for each tile in a fresh process state, *cached* the same requests again;
* ``rendered``: the same regions at ¾ of the tile size, which no pyramid level has: read
  the tiles covering the region from the level above, paste, scale, encode. *Uncached* is
  with the rendered-answer cache emptied (the pyramid kept), *cached* is the second round,
  read from the cache;
* ``naive``: what a server without derivatives does per request: ``Image.open(master)``,
  crop the region, resize it to the tile size and encode a JPEG (``--naive-per-level``
  tiles per level, as each costs a whole decode of the master).

Targets, printed with PASS/FAIL: cached viewer-tile p95 ≤ 20 ms; uncached viewer tiles
≥ 10 × faster than naive (ratio of p50s, and of p95s shown). The figures are information:
the script exits 0 whatever they are (1 only if a request fails).

Usage::

    .venv/bin/python scripts/bench_iiif.py [--small] [--per-level 40] [--naive-per-level 8]
                                           [--seed S]

``--small``: a 1,500 × 2,000 master, 8 tiles a level, 2 naive (for tests).
"""
from __future__ import annotations

import argparse
import io
import math
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PIL import Image, ImageDraw  # noqa: E402

SCALES = (1, 2, 4, 8)
TILE = 512
CACHED_P95_MS = 20.0
SPEEDUP = 10.0


def make_master(path: Path, width: int, height: int, seed: int) -> None:
    """A text-like page: paper with lines of dark strokes of word length, saved as LZW TIFF."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (236, 229, 212))
    draw = ImageDraw.Draw(image)
    line = max(12, height // 160)
    for top in range(line * 3, height - line * 3, line * 2):
        x = line * 3
        while x < width - line * 3:
            word = rng.randint(line, line * 6)
            ink = rng.randint(15, 70)
            draw.rectangle((x, top, min(width - line * 3, x + word), top + line), fill=(ink, ink, ink + 5))
            for _ in range(word // line):  # ragged strokes, so tiles differ
                px = rng.randint(x, x + word)
                draw.line((px, top - line // 3, px + 2, top + line + line // 3), fill=(ink, ink, ink), width=2)
            x += word + rng.randint(line // 2, line * 2)
    image.save(path, "TIFF", compression="tiff_lzw")


def store_page(app, master: Path) -> tuple[int, object]:
    """A published public item whose one page is the master; its id and page."""
    import hashlib

    from dublin_core import Record
    from heritage.extensions import db
    from heritage.models import Item, MediaFile, Page, utcnow
    from heritage.services import media_store
    from heritage.services.collections import ensure_collection
    from heritage.storage import derivative_key, original_key

    sha = hashlib.sha256(master.read_bytes()).hexdigest()
    media_store().put_file(original_key(sha, ".tif"), master)
    with Image.open(master) as probe:
        width, height = probe.size
    record = Record()
    record.add("title", "Liela karte", "lv")
    item = Item(collection=ensure_collection("bench"), status="published", access_level="public",
                published_at=utcnow())
    item.set_record(record)
    media = MediaFile(position=0, original_name="master.tif", storage_key=original_key(sha, ".tif"),
                      sha256=sha, mime_type="image/tiff", size=master.stat().st_size,
                      width=width, height=height)
    item.media_files.append(media)
    item.pages.append(Page(media_file=media, sequence=1, width=width, height=height, ocr_text="",
                           image_key=derivative_key(sha, 0, "web"),
                           thumbnail_key=derivative_key(sha, 0, "thumb")))
    db.session.add(item)
    db.session.commit()
    return item.id, item.pages[0]


def tile_requests(width: int, height: int, per_level: int, rng: random.Random):
    """``(scale, (x, y, w, h), out_w, out_h)`` for random tiles at each scale factor."""
    chosen = []
    for scale in SCALES:
        span = TILE * scale
        cols, rows = math.ceil(width / span), math.ceil(height / span)
        cells = [(c, r) for c in range(cols) for r in range(rows)]
        for col, row in rng.sample(cells, min(per_level, len(cells))):
            x, y = col * span, row * span
            w, h = min(span, width - x), min(span, height - y)
            chosen.append((scale, (x, y, w, h), math.ceil(w / scale), math.ceil(h / scale)))
    return chosen


def timed_get(client, url: str) -> float:
    """Milliseconds for one in-process request (fails loudly on anything but 200)."""
    started = time.perf_counter()
    response = client.get(url)
    data = response.get_data()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or not data:
        raise SystemExit(f"{url}: {response.status_code} {data[:200]!r}")
    return elapsed


def naive(master: Path, region, out_w: int, out_h: int) -> float:
    """Milliseconds for the naive answer: open the master, crop, resize, encode."""
    started = time.perf_counter()
    with Image.open(master) as image:
        x, y, w, h = region
        tile = image.crop((x, y, x + w, y + h)).resize((out_w, out_h), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        tile.convert("RGB").save(buffer, "JPEG", quality=85)
    return (time.perf_counter() - started) * 1000


def percentiles(values: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="a 1500×2000 master, few tiles")
    parser.add_argument("--per-level", type=int, default=40, help="tiles per scale factor")
    parser.add_argument("--naive-per-level", type=int, default=8, help="naive requests per scale factor")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    width, height = (1500, 2000) if args.small else (6000, 8000)
    if args.small:
        args.per_level, args.naive_per_level = min(args.per_level, 8), min(args.naive_per_level, 2)
    rng = random.Random(args.seed)

    from heritage import create_app
    from heritage.services import media_store
    from heritage.services.database import upgrade_schema
    from heritage.services.iiif_image import rendered_key, parse_request
    from heritage.services.zoom import ensure_pyramid, page_pyramid

    root = Path(tempfile.mkdtemp(prefix="bench-iiif-"))
    try:
        master = root / "master.tif"
        started = time.perf_counter()
        make_master(master, width, height, args.seed)
        made = time.perf_counter() - started
        app = create_app({"HERITAGE_INSTANCE": str(root / "instance"),
                          "HERITAGE_MEDIA_ROOT": str(root / "media"), "HERITAGE_MAP_TILES": "",
                          "HERITAGE_PAGE_CACHE_MB": 0})
        with app.app_context():
            upgrade_schema()
            item_id, page = store_page(app, master)
            pyramid = page_pyramid(page)
            started = time.perf_counter()
            ensure_pyramid(media_store(), page, pyramid)
            built = time.perf_counter() - started
            requests = tile_requests(width, height, args.per_level, rng)
            base = f"/iiif/3/{item_id}-1"
            viewer = [f"{base}/{x},{y},{w},{h}/{ow},/0/default.jpg" for _, (x, y, w, h), ow, _ in requests]
            smaller = [(region, max(1, ow * 3 // 4)) for _, region, ow, _ in requests]
            rendered = [f"{base}/{x},{y},{w},{h}/{ow},/0/default.jpg" for (x, y, w, h), ow in smaller]
            client = app.test_client()
            store = media_store()
            for (x, y, w, h), ow in smaller:  # an empty rendered cache; the pyramid stays
                request = parse_request(f"{x},{y},{w},{h}", f"{ow},", "0", "default", "jpg", width, height)
                store.delete(rendered_key(page, pyramid, request))
            rows = {}
            rows["viewer tiles"] = ([timed_get(client, u) for u in viewer],
                                    [timed_get(client, u) for u in viewer])
            rows["rendered ¾ size"] = ([timed_get(client, u) for u in rendered],
                                       [timed_get(client, u) for u in rendered])
        naive_times = []
        for scale in SCALES:
            level = [r for r in requests if r[0] == scale][: args.naive_per_level]
            naive_times += [naive(master, region, ow, oh) for _, region, ow, oh in level]
        report(width, height, master, made, built, len(requests), rows, naive_times, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


def report(width, height, master, made, built, count, rows, naive_times, args) -> None:
    """The table, the ratios and the verdicts."""
    print(f"master      {width}×{height} px RGB LZW TIFF, {master.stat().st_size / 1e6:.1f} MB "
          f"(made in {made:.1f} s)")
    print(f"pyramid     built once in {built:.2f} s (512-px JPEG tiles, every level)")
    print(f"requests    {count} tiles at scale factors {', '.join(map(str, SCALES))} "
          f"(≤ {args.per_level} a level), in-process Flask test client; naive: "
          f"{len(naive_times)} (≤ {args.naive_per_level} a level)")
    print()
    print(f"{'workload':18} {'uncached p50':>13} {'p95':>9} {'cached p50':>11} {'p95':>9}  (ms)")
    for name, (cold, warm) in rows.items():
        c50, c95 = percentiles(cold)
        w50, w95 = percentiles(warm)
        print(f"{name:18} {c50:13.2f} {c95:9.2f} {w50:11.2f} {w95:9.2f}")
    n50, n95 = percentiles(naive_times)
    print(f"{'naive (Pillow)':18} {n50:13.2f} {n95:9.2f} {'—':>11} {'—':>9}")
    print()
    cold50, cold95 = percentiles(rows["viewer tiles"][0])
    _, warm95 = percentiles(rows["viewer tiles"][1])
    ratio50, ratio95 = n50 / cold50, n95 / cold95
    r50, r95 = percentiles(rows["rendered ¾ size"][0])
    print(f"speed-up    uncached viewer tiles vs naive: {ratio50:.0f}× at p50, {ratio95:.0f}× at p95; "
          f"uncached rendered vs naive: {n50 / r50:.0f}× at p50, {n95 / r95:.0f}× at p95")
    print(f"target      cached tile p95 ≤ {CACHED_P95_MS:.0f} ms: {warm95:.2f} ms "
          f"{'PASS' if warm95 <= CACHED_P95_MS else 'FAIL'}")
    print(f"target      uncached ≥ {SPEEDUP:.0f}× faster than naive (p50): {ratio50:.0f}× "
          f"{'PASS' if ratio50 >= SPEEDUP else 'FAIL'}")


if __name__ == "__main__":
    sys.exit(main())
