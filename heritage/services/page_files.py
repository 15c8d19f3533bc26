"""What the public may download of an item: its original files, and each page's text and ALTO.

Every answer carries a strong ETag. Originals and derivatives are content-addressed (their
keys hold the original's SHA-256), so the key names the bytes; a page's text may be corrected
later, so its ETag is the hash of the text itself.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..errors import ItemNotFound, MediaMissing
from ..models import Item, Page
from . import access, media_store
from .items import open_page, public_item


@dataclass(frozen=True)
class StoredFile:
    """A file to send: a media key or text, its type, ETag and the name to save it under.

    ``open_to_all`` says the file is open to every visitor, in a reading room or not: only
    such a file may be handed out as a presigned URL (services/delivery.py).
    """

    mimetype: str
    etag: str
    name: str
    key: str | None = None
    data: bytes | None = None
    open_to_all: bool = False


@dataclass(frozen=True)
class Download:
    """A download link of the item page: what it is, its type and size."""

    kind: str  # "original", "text" or "alto"
    name: str
    mimetype: str
    size: int | None
    sequence: int | None = None  # the page, for text and ALTO
    position: int | None = None  # the file, for originals


def key_etag(key: str) -> str:
    """A strong ETag from a content-addressed media key: the original's sha and what was made of it.

    >>> key_etag("derivatives/3f/a2/3fa2e0/0-zoom512/11/2_1.jpg")
    '3fa2e0-0-zoom512-11-2_1.jpg'
    """
    return key.split("/", 3)[3].replace("/", "-")


def public_original(item_id: int, position: int, *, reading_room: bool = False) -> StoredFile:
    """An original file the visitor may have, to download under its original name."""
    item = public_item(item_id)
    media = next((m for m in item.media_files if m.position == position), None)
    if media is None:
        raise ItemNotFound(f"item #{item_id} has no file {position}")
    access.check_media(item, media, reading_room=reading_room)
    return StoredFile(media.mime_type, key_etag(media.storage_key), media.original_name,
                      key=media.storage_key, open_to_all=access.media_open(item, media))


def public_page_text(item_id: int, sequence: int, *, reading_room: bool = False) -> StoredFile:
    """An open page's recognised text as UTF-8 plain text."""
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    data = page.ocr_text.encode("utf-8")
    return StoredFile("text/plain; charset=utf-8", hashlib.sha256(data).hexdigest(),
                      f"{item_id}-{sequence}.txt", data=data)


def public_page_alto(item_id: int, sequence: int, *, reading_room: bool = False) -> StoredFile:
    """An open page's ALTO XML (word boxes), when the page was read by OCR."""
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    if not page.alto_key:
        raise ItemNotFound(f"page {sequence} of item #{item_id} has no ALTO")
    return StoredFile("application/xml", key_etag(page.alto_key), f"{item_id}-{sequence}.alto.xml",
                      key=page.alto_key)


def item_downloads(item: Item, page: Page | None, reading_room: bool = False) -> list[Download]:
    """The downloads the item page offers: the files, and the page's text, open to the visitor."""
    found = [Download("original", m.original_name, m.mime_type, m.size, position=m.position)
             for m in item.media_files
             if access.media_open(item, m, reading_room=reading_room)]
    if page is not None and not access.media_open(item, page.media_file, reading_room=reading_room):
        return found
    if page is not None and page.has_text:
        found.append(Download("text", f"{item.id}-{page.sequence}.txt", "text/plain",
                              len(page.ocr_text.encode("utf-8")), sequence=page.sequence))
    if page is not None and page.alto_key:
        found.append(Download("alto", f"{item.id}-{page.sequence}.alto.xml", "application/xml",
                              _stored_size(page.alto_key), sequence=page.sequence))
    return found


def _stored_size(key: str) -> int | None:
    try:
        return media_store().size(key)
    except MediaMissing:
        return None


__all__ = ["Download", "StoredFile", "item_downloads", "key_etag", "public_original",
           "public_page_alto", "public_page_text"]
