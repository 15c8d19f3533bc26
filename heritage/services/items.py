"""Items: reading what the public may see, publishing, and keeping the index in step."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..errors import AccessDenied, ItemNotFound
from ..extensions import db
from ..models import Collection, Item, MediaFile
from ..search.index import replace_all, write_documents
from . import search_index

_OTHER_ELEMENTS = ("publisher", "contributor", "source", "relation", "rights", "identifier")


def search_document(item: Item) -> dict:
    """The item as a search-index document.

    DCMI Terms values are indexed under the element they refine (spatial as a place, abstract
    as a description, alternative as a title), as the oai_dc dumb-down maps them.
    """
    described = item.record
    record = described.simple()
    titles = [value.text for value in record.get("title")]

    def joined(*elements: str) -> str:
        return "\n".join(v.text for e in elements for v in record.get(e))

    return {
        "id": str(item.id), "title": described.first("title") or "",
        "creator": joined("creator"), "subject": joined("subject"),
        "description": joined("description"), "place": joined("coverage"),
        "other": "\n".join([*titles[1:], joined(*_OTHER_ELEMENTS)]),
        "fulltext": "\n\n".join(page.ocr_text for page in item.pages if page.ocr_text),
        "collection": item.collection.slug,
        "type": ",".join(v.text for v in record.get("type")),
        "language": ",".join(v.text for v in record.get("language")),
        "date": record.first("date") or "",
        "files": [media.original_name for media in item.media_files],
        "status": item.status, "access": item.access_level,
    }


def index_items(items: Iterable[Item]) -> None:
    """Write the current state of ``items`` to the search index."""
    write_documents(search_index(), [search_document(item) for item in items])


def withdraw_item(item_id: int) -> Item:
    """Take a published item out of public view; harvesters are told it is gone."""
    item = _existing(item_id)
    item.status = "withdrawn"
    db.session.commit()
    index_items([item])
    return item


def delete_item(item_id: int) -> None:
    """Delete an item's description and pages, keeping its row as a tombstone.

    The identifier is never reused, and OAI-PMH harvesters see the record as deleted. The
    original files stay in the media store: they are content-addressed and may be shared.
    """
    item = _existing(item_id)
    item.status = "deleted"
    item.values, item.pages, item.media_files = [], [], []
    db.session.commit()
    write_documents(search_index(), [], deleted_ids=[item.id])


def _existing(item_id: int) -> Item:
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    return item


def rebuild_index() -> int:
    """Re-create the whole search index from the database; returns the number of items."""
    items = db.session.scalars(_with_everything(select(Item).where(Item.status != "deleted"))).all()
    return replace_all(search_index(), (search_document(item) for item in items))


def _with_everything(statement):
    return statement.options(selectinload(Item.values), selectinload(Item.pages),
                             selectinload(Item.media_files), selectinload(Item.collection))


def public_item(item_id: int) -> Item:
    """A published item anybody may see, or :class:`ItemNotFound`."""
    item = db.session.scalar(_with_everything(select(Item).where(Item.id == item_id)))
    if item is None or item.status != "published":
        raise ItemNotFound(f"no published item #{item_id}")
    return item


def public_page_image(item_id: int, sequence: int, kind: str) -> tuple[str, str]:
    """The media key and MIME type of a page's ``web`` or ``thumb`` image, if the public may see it."""
    item = public_item(item_id)
    page = next((p for p in item.pages if p.sequence == sequence), None)
    if page is None or kind not in ("web", "thumb"):
        raise ItemNotFound(f"item #{item_id} has no page {sequence}")
    if item.access_level != "public":
        raise AccessDenied(f"the images of item #{item_id} can be seen only in the reading room")
    return (page.image_key if kind == "web" else page.thumbnail_key), "image/jpeg"


def published_in(collection: Collection, page: int, page_size: int) -> tuple[list[Item], int]:
    """One page of a collection's published items, in the order they were ingested, and the count."""
    where = (Item.collection_id == collection.id) & (Item.status == "published")
    total = db.session.scalar(select(func.count(Item.id)).where(where)) or 0
    items = db.session.scalars(_with_everything(select(Item).where(where)).order_by(Item.id)
                               .offset((page - 1) * page_size).limit(page_size)).all()
    return list(items), total


def recent_items(limit: int = 8) -> list[Item]:
    """The most recently published items."""
    statement = select(Item).where(Item.status == "published") \
        .order_by(Item.published_at.desc(), Item.id.desc()).limit(limit)
    return list(db.session.scalars(_with_everything(statement)).all())


def find_by_checksums(collection: Collection, checksums: list[str]) -> Item | None:
    """An item of ``collection`` whose files are exactly these checksums, in this order."""
    candidates = db.session.scalars(
        select(Item).join(MediaFile).where(Item.collection_id == collection.id,
                                           MediaFile.sha256 == checksums[0])).unique().all()
    for item in candidates:
        if [media.sha256 for media in item.media_files] == checksums:
            return item
    return None
