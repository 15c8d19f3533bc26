"""Test data makers: rendered text scans and items stored through the real models."""
from __future__ import annotations

import hashlib
import io
import shutil
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from PIL import Image, ImageDraw, ImageFont

from dublin_core import Record
from heritage.extensions import db
from heritage.ingest.images import jpeg_derivative
from heritage.models import Item, MediaFile, Page, utcnow
from heritage.services import media_store
from heritage.services.collections import ensure_collection
from heritage.storage import derivative_key, original_key

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract is not installed (scripts/setup installs it)")


def render_text(text: str, width: int = 1400, size: int = 40) -> Image.Image:
    """A clean 8-bit page with ``text`` wrapped in lines, as a scanner would give it."""
    font = ImageFont.truetype(FONT, size)
    lines, line = [], ""
    for word in text.split():
        if line and font.getlength(f"{line} {word}") > width - 120:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    image = Image.new("L", (width, 120 + int(size * 1.5) * len(lines)), 240)
    draw = ImageDraw.Draw(image)
    for i, text_line in enumerate(lines):
        draw.text((60, 60 + int(size * 1.5) * i), text_line, font=font, fill=20)
    return image


def write_scan(path: Path, text: str, dpi: int = 300, **save) -> Path:
    """Render ``text`` and save it at ``path`` (format from the suffix) with a DPI tag."""
    path.parent.mkdir(parents=True, exist_ok=True)
    render_text(text).save(path, dpi=(dpi, dpi), **save)
    return path


def make_item(collection: str = "testa-kolekcija", title: str = "Vecpils skola",
              texts: tuple[str, ...] = ("Vecpils pagasta skolā mācās bērni.",),
              status: str = "published", access_level: str = "public",
              **values: str | list[str]) -> Item:
    """An item with pages whose OCR text is ``texts`` (no Tesseract run), committed."""
    record = Record()
    record.add("title", title, "lv")
    for element, given in values.items():
        for text in [given] if isinstance(given, str) else given:
            record.add(element, text)
    item = Item(collection=ensure_collection(collection), status=status, access_level=access_level,
                published_at=utcnow() if status == "published" else None)
    item.set_record(record)
    for number, text in enumerate(texts, start=1):
        _add_page(item, number, text)
    db.session.add(item)
    db.session.commit()
    from heritage.services.items import index_items
    index_items([item])
    return item


def _add_page(item: Item, number: int, text: str) -> None:
    image = render_text(text[:200], width=800, size=30)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    store = media_store()
    store.put_bytes(original_key(sha, ".png"), data)
    store.put_bytes(derivative_key(sha, 0, "web"), jpeg_derivative(image, 1600))
    store.put_bytes(derivative_key(sha, 0, "thumb"), jpeg_derivative(image, 320))
    media = MediaFile(position=number - 1, original_name=f"{number}.png",
                      storage_key=original_key(sha, ".png"), sha256=sha, mime_type="image/png",
                      size=len(data), width=image.width, height=image.height)
    item.media_files.append(media)
    item.pages.append(Page(media_file=media, sequence=number, width=image.width,
                           height=image.height, ocr_text=text, ocr_confidence=91.5, ocr_lang="lav",
                           image_key=derivative_key(sha, 0, "web"),
                           thumbnail_key=derivative_key(sha, 0, "thumb")))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_when_up(url: str, seconds: float = 20):
    """The body and headers of ``url`` once a server starting up answers it."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode(), response.headers
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
