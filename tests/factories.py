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
              branch: str | None = None, **values: str | list[str]) -> Item:
    """An item with pages whose OCR text is ``texts`` (no Tesseract run), committed."""
    record = Record()
    record.add("title", title, "lv")
    for element, given in values.items():
        for text in [given] if isinstance(given, str) else given:
            record.add(element, text)
    item = Item(collection=ensure_collection(collection), status=status, access_level=access_level,
                published_at=utcnow() if status == "published" else None,
                branch=make_branch(branch) if branch else None)
    item.set_record(record)
    for number, text in enumerate(texts, start=1):
        _add_page(item, number, text)
    db.session.add(item)
    db.session.commit()
    from heritage.services.items import index_items
    index_items([item])
    return item


def _store_scan(image: Image.Image) -> tuple[str, bytes]:
    """Keep ``image`` as a PNG original with its web and thumbnail derivatives; its sha and bytes."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    store = media_store()
    store.put_bytes(original_key(sha, ".png"), data)
    for kind, long_side in (("web", 1600), ("thumb", 320)):
        store.put_bytes(derivative_key(sha, 0, kind), jpeg_derivative(image, long_side))
    return sha, data


def _add_page(item: Item, number: int, text: str) -> None:
    image = render_text(text[:200], width=800, size=30)
    sha, data = _store_scan(image)
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


def make_alto_item(lines: tuple[str, ...], title: str = "Ezera zvejnieki", language: str = "lv",
                   access_level: str = "public", width: int = 2000, size: int = 48) -> Item:
    """A one-page published item whose page (wider than the web image) has a true ALTO.

    The words are drawn where their ALTO boxes say, so highlight boxes can be checked
    exactly; no Tesseract run.
    """
    from heritage.ingest.alto import alto_xml
    from heritage.ingest.ocr import Word

    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (width, 200 + int(size * 2) * len(lines)), 245)
    draw = ImageDraw.Draw(image)
    words = []
    for number, line in enumerate(lines):
        x, y = 80, 100 + int(size * 2) * number
        for text in line.split():
            draw.text((x, y), text, font=font, fill=15)
            words.append(Word(text, 95.0, tuple(int(v) for v in draw.textbbox((x, y), text, font=font)),
                              (1, 1, number + 1)))
            x += int(font.getlength(text + " "))
    item = make_item(title=title, texts=(), access_level=access_level, language=language)
    sha, data = _store_scan(image)
    media_store().put_bytes(derivative_key(sha, 0, "alto"), alto_xml(words, image.size, "1.png", "lav"))
    media = MediaFile(position=0, original_name="Žvejnieki 1.png", storage_key=original_key(sha, ".png"),
                      sha256=sha, mime_type="image/png", size=len(data), width=image.width,
                      height=image.height)
    item.media_files.append(media)
    item.pages.append(Page(media_file=media, sequence=1, width=image.width, height=image.height,
                           ocr_text="\n".join(lines), ocr_confidence=95.0, ocr_lang="lav",
                           image_key=derivative_key(sha, 0, "web"),
                           thumbnail_key=derivative_key(sha, 0, "thumb"),
                           alto_key=derivative_key(sha, 0, "alto")))
    db.session.commit()
    from heritage.services.items import index_items
    index_items([item])
    return item


STAFF_PASSWORD = "ezera krasts 1938"


def make_branch(slug: str = "ezerkalne", name: str = "Ezerkalnes bibliotēka"):
    """A branch library (the same one when asked twice)."""
    from heritage.services.accounts import ensure_branch

    return ensure_branch(slug, name)


def make_user(role: str = "cataloguer", username: str | None = None, branch: str | None = "ezerkalne"):
    """A staff account with :data:`STAFF_PASSWORD`; its branch is made when missing."""
    from heritage.services.accounts import create_user

    if branch:
        make_branch(branch, f"{branch.capitalize()} bibliotēka")
    return create_user(username or f"{role}-{branch or 'all'}", STAFF_PASSWORD, role, branch)


class StaffClient:
    """A test client signed in as one staff account, posting forms with their CSRF token."""

    def __init__(self, app, user):
        self.app, self.user = app, user
        self.client = app.test_client()
        self.token = sign_in(self.client, user.username)

    def get(self, *args, **kwargs):
        return self.client.get(*args, **kwargs)

    def post(self, url, data=None, **kwargs):
        """POST a form with this session's CSRF token added."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.token)
        return self.client.post(url, data=data, **kwargs)


def csrf_token_of(html: str) -> str:
    """The CSRF token in a page's first form."""
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client, username: str, password: str = STAFF_PASSWORD) -> str:
    """Sign ``client`` in through the real form; returns the session's CSRF token."""
    token = csrf_token_of(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login", data={"username": username, "password": password,
                                                 "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    # signing in starts a fresh session, so the form token changes
    return csrf_token_of(client.get("/staff/password").get_data(as_text=True))
