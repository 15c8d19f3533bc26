"""Deep zoom: each public page's image pyramid, cut from its full-resolution original.

Pyramids are made lazily, on the first tile a viewer asks for, not at ingest: most pages are
never zoomed into, a pyramid is another full-resolution copy of the page (plus a third for
its smaller levels), ingest stays as fast as OCR lets it, and pages ingested before deep
zoom existed get one without re-ingesting. The cost is a wait of a second or two for the
first reader of a large scan. The original frame is decoded
once per page, every tile is written to the media store, and a marker written last says the
pyramid is whole; later requests only read a tile. A per-page lock keeps two threads of one
server from building the same pyramid; two server processes may both build it, which is
harmless, because every write is atomic and the tiles are identical.
"""
from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from PIL import Image
from sqlalchemy import select

from ..errors import ItemNotFound, MediaMissing
from ..ingest.images import UnreadableScan
from ..ingest.pipeline import read_frame
from ..ingest.pyramid import Pyramid, tiles
from ..extensions import db
from ..models import Collection, Item, Page
from ..storage import LocalMediaStore
from . import media_store
from .items import open_page
from .page_files import key_etag

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass(frozen=True)
class ZoomFile:
    """A deep-zoom answer: a stored tile (``key``) or the descriptor (``data``), with its ETag."""

    etag: str
    mimetype: str
    key: str | None = None
    data: bytes | None = None


def page_pyramid(page: Page) -> Pyramid:
    """The pyramid geometry of a page: its upright size, as its ALTO coordinates count it."""
    return Pyramid(page.width, page.height)


def pyramid_prefix(page: Page, pyramid: Pyramid) -> str:
    """The media-store folder of the page's tiles (content-addressed by its original).

    The turn is part of the key: a page read again and turned otherwise gets new tiles.
    """
    sha = page.media_file.sha256
    return (f"derivatives/{sha[:2]}/{sha[2:4]}/{sha}/"
            f"{page.frame}-zoom{pyramid.tile_size}-t{page.turned}")


def tile_key(page: Page, pyramid: Pyramid, level: int, col: int, row: int) -> str:
    """The media key of one tile."""
    return f"{pyramid_prefix(page, pyramid)}/{level}/{col}_{row}.jpg"


def public_dzi(item_id: int, sequence: int, *, reading_room: bool = False) -> ZoomFile:
    """The Deep Zoom descriptor of a page the visitor may see."""
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    pyramid = page_pyramid(page)
    return ZoomFile(etag=f"{page.media_file.sha256}-{page.frame}-dzi{pyramid.tile_size}"
                         f"-t{page.turned}-{page.width}x{page.height}",
                    mimetype="application/xml", data=pyramid.dzi_xml())


def public_tile(item_id: int, sequence: int, level: int, col: int, row: int, *,
                reading_room: bool = False) -> ZoomFile:
    """One JPEG tile of an open page's pyramid, building the pyramid on first use."""
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    pyramid = page_pyramid(page)
    if pyramid.tile_box(level, col, row) is None:
        raise ItemNotFound(f"page {sequence} of item #{item_id} has no tile {level}/{col}_{row}")
    ensure_pyramid(media_store(), page, pyramid)
    key = tile_key(page, pyramid, level, col, row)
    return ZoomFile(etag=key_etag(key), mimetype="image/jpeg", key=key)


def ensure_pyramid(store: LocalMediaStore, page: Page, pyramid: Pyramid) -> None:
    """Make and store the page's tiles unless they are there already."""
    done = f"{pyramid_prefix(page, pyramid)}/complete"
    if store.exists(done):
        return
    with _lock_for(done):
        if store.exists(done):  # another thread built it while this one waited
            return
        try:
            try:
                image = upright_image(store, page)
            except (OSError, ValueError, Image.DecompressionBombError, UnreadableScan) as error:
                raise MediaMissing(f"the original of page {page.sequence} of item "
                                   f"#{page.item_id} ({page.media_file.original_name}) could "
                                   f"not be read for zooming: {error}") from error
            # on S3 several tiles go up at a time; the marker only once all are there
            store.put_many((tile_key(page, pyramid, level, col, row), data)
                           for level, col, row, data in tiles(image, pyramid))
            store.put_bytes(done, b"")
        finally:
            # threads still waiting find the marker; later ones never need this lock again
            with _locks_guard:
                _locks.pop(done, None)


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def upright_image(store: LocalMediaStore, page: Page) -> Image.Image:
    """The page at full resolution, turned upright as at ingest, at the page's recorded size."""
    media = page.media_file
    suffix = Path(media.storage_key).suffix
    # the readers want a file (PDFium, multi-frame TIFF); a remote store will download one anyway
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with store.open(media.storage_key) as source:
            while block := source.read(1024 * 1024):
                copy.write(block)
        copy.flush()
        frame = read_frame(Path(copy.name), media.mime_type, page.frame,
                           current_app.config["HERITAGE_MAX_PIXELS"])
    image = frame.image.rotate(-page.turned, expand=True) if page.turned else frame.image
    if image.size != (page.width, page.height):  # keep ALTO boxes and the tiles in register
        image = image.resize((page.width, page.height), Image.Resampling.LANCZOS)
    return image


@dataclass
class PyramidReport:
    """What building pyramids ahead of time did: pages done, already there, and failures."""

    built: int = 0
    present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (page, why)


def build_pyramids(collection: str | None = None, progress=None) -> PyramidReport:
    """Cut the pyramid of every public page now (of one collection, or all), not on first view.

    For an exhibition about to open, or a server that should never make a reader wait. A
    page whose original cannot be read is reported and the others are still built.
    """
    where = [Item.status == "published", Item.access_level == "public"]
    if collection:
        where.append(Item.collection.has(Collection.slug == collection))
    pages = db.session.scalars(select(Page).join(Item).where(*where)
                               .order_by(Page.item_id, Page.sequence)).all()
    report, store = PyramidReport(), media_store()
    for number, page in enumerate(pages, start=1):
        pyramid = page_pyramid(page)
        if store.exists(f"{pyramid_prefix(page, pyramid)}/complete"):
            report.present += 1
        else:
            try:
                ensure_pyramid(store, page, pyramid)
                report.built += 1
            except MediaMissing as error:
                report.failed.append((f"item #{page.item_id} page {page.sequence}", str(error)))
        if progress is not None:
            progress(number, len(pages))
    return report
