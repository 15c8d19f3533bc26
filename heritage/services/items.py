"""Items: reading what the public may see, publishing, and keeping the index in step."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from dublin_core import Record

from ..errors import InvalidInput, ItemNotFound
from ..extensions import db
from ..models import (ACCESS_LEVELS, Collection, Item, MediaFile, Page, Recording, content_key,
                      utcnow)
from ..search.index import stamp
from . import access, search_backend

_OTHER_ELEMENTS = ("publisher", "contributor", "source", "relation", "rights", "identifier")


def search_document(item: Item) -> dict:
    """The item as a search-index document.

    DCMI Terms values are indexed under the element they refine (spatial as a place, abstract
    as a description, alternative as a title), as the oai_dc dumb-down maps them.
    """
    document = _document(item)
    # the words of pages whose file is closed must never be found or shown in public search;
    # a corrected page is found by its corrected text and by the machine's original reading
    document["fulltext"] = "\n\n".join(
        text for page in access.searchable_pages(item)
        for text in (page.ocr_text, page.original_ocr_text) if text)
    # a recording is found by its spoken words and its index, each with the second it starts
    moments = recording_moments(item)
    if moments:
        document["fulltext"] = "\n\n".join(
            [document["fulltext"], *(text for _, text in moments)]).strip()
        document["moments"] = moments
    return document


def recording_moments(item: Item) -> list[tuple[float, str]]:
    """(start, text) of every cue and index segment of the item's recordings open to everybody."""
    moments = []
    for recording in item.recordings:
        if not access.media_open(item, recording.media_file, reading_room=False):
            continue
        moments += [(cue.start, cue.text) for cue in recording.cues if cue.text.strip()]
        moments += [(segment.start, segment_text(segment)) for segment in recording.segments]
    return sorted(moments, key=lambda m: m[0])


def segment_text(segment) -> str:
    """What an index segment says: its title, synopsis, keywords, subjects and partial transcript."""
    parts = [segment.title, segment.synopsis, ", ".join(segment.keyword_list),
             ", ".join(segment.subject_list), segment.partial_transcript, segment.place]
    return " — ".join(part for part in parts if part.strip())


def _document(item: Item) -> dict:
    """The search document before the text of closed files is taken out."""
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
        # a clipping's newspaper is the serial it is part of (the publisher, if not said)
        "newspaper": "\n".join(v.text for v in described.get("isPartOf"))
                     or ("\n".join(v.text for v in record.get("publisher"))
                         if _is_clipping(item) else ""),
        # the branch library that holds the original (dcterms:provenance until branches exist)
        "branch": "\n".join(v.text for v in described.get("provenance")),
        "files": [media.original_name for media in item.media_files
                  if access.file_level(item, media.access_level) != "staff"],
        "status": item.status, "access": access.index_access(item),
    }


def _is_clipping(item: Item) -> bool:
    """A text whose source cites a newspaper issue ("Nr. 92") is a clipping."""
    record = item.record
    return any(v.text == "Text" for v in record.get("type")) and any(
        "Nr." in v.text for v in record.get("source"))


def index_items(items: Iterable[Item]) -> None:
    """Write the current state of ``items`` to the search index."""
    search_backend().write([search_document(item) for item in items])


def publish_item(item_id: int) -> Item:
    """Make an item public (its access level still decides what the public sees of it)."""
    item = _existing(item_id)
    item.status = "published"
    item.published_at = item.published_at or utcnow()
    db.session.commit()
    index_items([item])
    return item


def update_item(item_id: int, record: Record, access_level: str | None = None) -> Item:
    """Replace an item's description (and, if given, its access level), re-indexing it."""
    item = _existing(item_id)
    if access_level is not None:
        if access_level not in ACCESS_LEVELS:
            raise InvalidInput(f"access level {access_level!r} is not one of "
                               f"{', '.join(ACCESS_LEVELS)}")
        item.access_level = access_level
    item.set_record(record)
    item.updated_at = utcnow()  # values are child rows: changing only them leaves the item row as it was
    db.session.commit()
    index_items([item])
    return item


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
    item.content_key = None  # the same files may be ingested again as a new item
    db.session.commit()
    search_backend().write([], deleted_ids=[item.id])


def _existing(item_id: int) -> Item:
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    return item


def rebuild_index(procs: int | None = None) -> int:
    """Re-create the whole search index from the database on all cores; returns the count.

    Searchers keep reading the previous generation until the new one is committed.
    """
    backend = search_backend()
    count = backend.replace_all(_all_documents(), procs=procs)
    backend.forget()
    return count


def _all_documents(batch: int = 500):
    """Every item's search document, read from the database a batch at a time."""
    last = 0
    while True:
        items = db.session.scalars(_with_everything(
            select(Item).where(Item.status != "deleted", Item.id > last)
            .order_by(Item.id).limit(batch))).all()
        if not items:
            return
        for item in items:
            yield search_document(item)
        last = items[-1].id
        db.session.expunge_all()


@dataclass
class IndexReport:
    """How the search index differs from the database."""

    checked: int = 0
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)


def verify_index() -> IndexReport:
    """Compare every item with its index entry: missing, stale (changed since) or orphaned."""
    report = IndexReport()
    indexed = search_backend().stamps()
    for document in _all_documents():
        item_id = int(document["id"])
        report.checked += 1
        found = indexed.pop(item_id, None)
        if found is None:
            report.missing.append(item_id)
        elif found != stamp(document):
            report.stale.append(item_id)
    report.orphaned = sorted(indexed)
    return report


def _with_everything(statement):
    return statement.options(selectinload(Item.values), selectinload(Item.pages),
                             selectinload(Item.media_files), selectinload(Item.collection),
                             selectinload(Item.recordings).selectinload(Recording.cues),
                             selectinload(Item.recordings).selectinload(Recording.segments))


def public_page_image(item_id: int, sequence: int, kind: str, *,
                      reading_room: bool = False) -> tuple[str, str]:
    """The media key and MIME type of a page's ``web`` or ``thumb`` image, if the visitor may see it."""
    if kind not in ("web", "thumb"):
        raise ItemNotFound(f"item #{item_id} has no page {sequence} {kind} image")
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    return (page.image_key if kind == "web" else page.thumbnail_key), "image/jpeg"


def open_page(item_id: int, sequence: int, *, reading_room: bool = False) -> tuple[Item, Page]:
    """A page whose image and text the visitor may see, with its item.

    Raises :class:`ItemNotFound` for a missing page, an item the public may not know of or a
    staff-only file, and :class:`~heritage.services.access.FilesClosed` (an
    :class:`AccessDenied`) when the item is described but this page's file is closed.
    """
    item = public_item(item_id)
    page = next((p for p in item.pages if p.sequence == sequence), None)
    if page is None:
        raise ItemNotFound(f"item #{item_id} has no page {sequence}")
    access.check_media(item, page.media_file, reading_room=reading_room)
    return item, page


def pages_open(item: Item, reading_room: bool = False) -> bool:
    """Whether the visitor may see the item's page images and text (files closed further aside)."""
    return access.level_opens(access.item_level(item), reading_room)


def page_open(item: Item, page: Page, reading_room: bool = False) -> bool:
    """Whether the visitor may see this page's image and read its text."""
    return access.media_open(item, page.media_file, reading_room=reading_room)


def public_item(item_id: int) -> Item:
    """A published item whose description the public may read (not staff-only), or :class:`ItemNotFound`.

    The message is the same whether the item is missing, unpublished or staff-only, so an
    answer never tells that such an item exists.
    """
    item = db.session.scalar(_with_everything(select(Item).where(Item.id == item_id)))
    if item is None or not access.is_described(item):
        raise ItemNotFound(f"no published item #{item_id}")
    return item


@dataclass(frozen=True)
class PublicPage:
    """What the public may know of one page: its size, and its text and images when open."""

    sequence: int
    width: int
    height: int
    text: str | None  # None when the pages are not open to the public
    images: bool
    alto: bool = False  # whether its ALTO (word positions) may be downloaded


def public_pages(item: Item, reading_room: bool = False) -> list[PublicPage]:
    """The item's pages as the visitor may see them (the rule of :func:`open_page`)."""
    pages = []
    for page in item.pages:
        shown = page_open(item, page, reading_room)
        pages.append(PublicPage(page.sequence, page.width, page.height,
                                page.ocr_text if shown else None, shown,
                                shown and bool(page.alto_key)))
    return pages


def published_in(collection: Collection, page: int, page_size: int) -> tuple[list[Item], int]:
    """One page of a collection's published items that are not staff-only, and their count."""
    where = ((Item.collection_id == collection.id) & (Item.status == "published")
             & Item.access_level.in_(access.DESCRIBED))
    return _page_of(where, page, page_size)


def _page_of(where, page: int, page_size: int) -> tuple[list[Item], int]:
    """One page of the items matching ``where``, in the order they were ingested, and the count."""
    total = db.session.scalar(select(func.count(Item.id)).where(where)) or 0
    items = db.session.scalars(_with_everything(select(Item).where(where)).order_by(Item.id)
                               .offset((page - 1) * page_size).limit(page_size)).all()
    return list(items), total


def recent_items(limit: int = 8) -> list[Item]:
    """The most recently published items whose description the public may read."""
    statement = select(Item).where(Item.status == "published",
                                   Item.access_level.in_(access.DESCRIBED)) \
        .order_by(Item.published_at.desc(), Item.id.desc()).limit(limit)
    return list(db.session.scalars(_with_everything(statement)).all())


def find_by_checksums(collection: Collection, checksums: list[str]) -> Item | None:
    """An item of ``collection`` ingested from, or holding, exactly these files, in this order."""
    keyed = db.session.scalar(select(Item).where(Item.collection_id == collection.id,
                                                 Item.content_key == content_key(checksums)))
    if keyed is not None:
        return keyed
    candidates = db.session.scalars(
        select(Item).join(MediaFile).where(Item.collection_id == collection.id,
                                           MediaFile.sha256 == checksums[0])).unique().all()
    for item in candidates:
        if [media.sha256 for media in item.media_files] == checksums:
            return item
    return None


def save_ingested(item: Item, checksums: list[str]) -> tuple[Item, bool]:
    """Commit a new item made from files with these checksums, unless another got there first.

    Ingest workers (threads, processes, machines) can be handed the same files at once; the
    database's unique (collection, content key) decides which one makes the item.  Returns the
    item kept and whether it is the new one; the loser's row is rolled back (its files are
    content-addressed and already the winner's).
    """
    item.content_key = key = content_key(checksums)
    with db.session.no_autoflush:  # reading the collection's id must not insert the item yet
        collection_id = item.collection.id if item.collection is not None else item.collection_id
    db.session.add(item)
    try:
        db.session.commit()
        return item, True
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(select(Item).where(Item.collection_id == collection_id,
                                                        Item.content_key == key))
        if existing is None:  # another constraint failed: let it be seen
            raise
        return existing, False


def lift_embargoes() -> list[int]:
    """Re-index the items whose embargo (theirs or a file's) has ended; their ids.

    Visitors see an ended embargo as public at once (the check is by date); this makes the
    pages' text findable too, as a nightly job or by hand (``heritage access lift-embargoes``).
    """
    ended = (Item.embargo_until <= date.today()) & (
        (Item.access_level == "embargo") | Item.media_files.any(MediaFile.access_level == "embargo"))
    items = db.session.scalars(_with_everything(
        select(Item).where(Item.status != "deleted", ended).order_by(Item.id))).all()
    if items:
        backend = search_backend()
        backend.write([search_document(item) for item in items])
        backend.forget()
    return [item.id for item in items]
