"""The archive's tables: collections, items with Dublin Core values, media files and pages."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text,
                        UniqueConstraint, func, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dublin_core import Record

from .extensions import db

# withdrawn and deleted items stay as rows: OAI-PMH harvesters are told they are gone
# (deletedRecord "persistent"), and their identifiers are never reused
STATUSES = ("draft", "published", "withdrawn", "deleted")
ACCESS_LEVELS = ("public", "reading_room", "staff")
# whose descriptions the public may read; page text and images stay with "public" alone
DESCRIBED_ACCESS = ("public", "reading_room")
#: How much of a Dublin Core value the (element, value) index holds.
VALUE_KEY_LENGTH = 200


def timestamp(**kwargs):
    """A timezone-aware timestamp column."""
    return mapped_column(DateTime(timezone=True), **kwargs)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class Collection(db.Model):
    """A thematic set of items: a newspaper's clippings, a folder, a photo album."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    ocr_lang: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = timestamp(default=utcnow)

    items: Mapped[list["Item"]] = relationship(back_populates="collection")


class Item(db.Model):
    """One described thing: a clipping, a photo, a multi-page memory story."""

    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="item_status"),
        CheckConstraint(f"access_level IN {ACCESS_LEVELS}", name="item_access_level"),
        Index("ix_item_updated_at_id", "updated_at", "id"),  # OAI-PMH keyset paging
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collection.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    access_level: Mapped[str] = mapped_column(String(20), default="public")
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    updated_at: Mapped[datetime] = timestamp(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = timestamp()

    collection: Mapped[Collection] = relationship(back_populates="items")
    values: Mapped[list["ItemValue"]] = relationship(
        back_populates="item", order_by="ItemValue.position", cascade="all, delete-orphan")
    media_files: Mapped[list["MediaFile"]] = relationship(
        back_populates="item", order_by="MediaFile.position", cascade="all, delete-orphan")
    pages: Mapped[list["Page"]] = relationship(
        back_populates="item", order_by="Page.sequence", cascade="all, delete-orphan")

    @property
    def record(self) -> Record:
        """The item's Dublin Core description."""
        record = Record()
        for value in self.values:
            record.add(value.element, value.value, value.lang)
        return record

    def set_record(self, record: Record) -> None:
        """Replace the item's Dublin Core values with those of ``record``."""
        self.values = [ItemValue(element=element, value=value.text, lang=value.lang, position=i)
                       for i, (element, value) in enumerate(record.items())]

    def title(self, lang: str | None = None) -> str:
        """The title in ``lang`` when there is one, else an untagged one, else the first.

        The rule of :meth:`dublin_core.Record.first`, read straight from the values: pages
        ask for titles of every item they list, and building a whole record each time cost
        more than the rest of an item card.
        """
        titles = [v for v in self.values if v.element == "title" and v.value.strip()]
        wanted = (lang or "").casefold()
        for value in titles:
            tag = (value.lang or "").casefold()
            if wanted and (tag == wanted or tag.startswith(wanted + "-")):
                return value.value.strip()
        for value in titles:
            if not value.lang:
                return value.value.strip()
        return titles[0].value.strip() if titles else f"#{self.id}"

    @property
    def is_described(self) -> bool:
        """Whether anybody may read the item's description (its pages may still be closed)."""
        return self.status == "published" and self.access_level in DESCRIBED_ACCESS

    @property
    def is_public(self) -> bool:
        """Whether anybody may see the item, its images and its text."""
        return self.status == "published" and self.access_level == "public"


class ItemValue(db.Model):
    """One Dublin Core value of an item, with its language."""

    __table_args__ = (
        Index("ix_item_value_item_element", "item_id", "element"),
        # items sharing a subject, place or person (related items): the first 200 characters,
        # because PostgreSQL cannot index a whole long description
        Index("ix_item_value_element_value", "element", func.substr(text("value"), 1, VALUE_KEY_LENGTH)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    element: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(default=0)

    item: Mapped[Item] = relationship(back_populates="values")


class MediaFile(db.Model):
    """An original file exactly as it was ingested, kept untouched in the media store."""

    __table_args__ = (UniqueConstraint("item_id", "position", name="uq_media_file_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    original_name: Mapped[str] = mapped_column(String(500))
    storage_key: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int | None]
    height: Mapped[int | None]
    created_at: Mapped[datetime] = timestamp(default=utcnow)

    item: Mapped[Item] = relationship(back_populates="media_files")
    pages: Mapped[list["Page"]] = relationship(back_populates="media_file", order_by="Page.frame")


class Page(db.Model):
    """One page image of an item (a frame of a media file) with its OCR text."""

    __table_args__ = (UniqueConstraint("item_id", "sequence", name="uq_page_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    media_file_id: Mapped[int] = mapped_column(ForeignKey("media_file.id", ondelete="CASCADE"))
    sequence: Mapped[int]
    frame: Mapped[int] = mapped_column(default=0)
    width: Mapped[int]
    height: Mapped[int]
    ocr_text: Mapped[str] = mapped_column(Text, default="")
    ocr_confidence: Mapped[float | None]
    ocr_lang: Mapped[str | None] = mapped_column(String(60))
    image_key: Mapped[str] = mapped_column(String(500))
    thumbnail_key: Mapped[str] = mapped_column(String(500))
    alto_key: Mapped[str | None] = mapped_column(String(500))
    text_source: Mapped[str] = mapped_column(String(20), default="ocr", server_default="ocr")
    turned: Mapped[int] = mapped_column(default=0, server_default="0")
    skew: Mapped[float] = mapped_column(default=0.0, server_default="0")

    @property
    def has_text(self) -> bool:
        """Whether any text was found on the page (a photo may have none)."""
        return bool(self.ocr_text.strip())

    item: Mapped[Item] = relationship(back_populates="pages")
    media_file: Mapped[MediaFile] = relationship(back_populates="pages")


#: The kinds of block an exhibition page is made of.
BLOCK_KINDS = ("text", "item", "gallery", "map", "timeline")
EXHIBITION_STATUSES = ("draft", "published")

exhibition_collection = db.Table(
    "exhibition_collection",
    db.Column("exhibition_id", db.ForeignKey("exhibition.id", ondelete="CASCADE"), primary_key=True),
    db.Column("collection_id", db.ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True),
)


class Exhibition(db.Model):
    """A story told with a collection's items: ordered pages of text, items, galleries, maps."""

    __table_args__ = (CheckConstraint(f"status IN {EXHIBITION_STATUSES}", name="exhibition_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    credits: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(12), default="lv")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    featured: Mapped[bool] = mapped_column(default=False)
    cover_item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = timestamp(default=utcnow)
    updated_at: Mapped[datetime] = timestamp(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = timestamp()

    collections: Mapped[list[Collection]] = relationship(secondary=exhibition_collection)
    cover_item: Mapped[Item | None] = relationship()
    pages: Mapped[list["ExhibitionPage"]] = relationship(
        back_populates="exhibition", order_by="ExhibitionPage.position",
        cascade="all, delete-orphan")


class ExhibitionPage(db.Model):
    """One page of an exhibition, at ``/exhibitions/<exhibition slug>/<page slug>``."""

    __table_args__ = (UniqueConstraint("exhibition_id", "slug", name="uq_exhibition_page_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibition_id: Mapped[int] = mapped_column(ForeignKey("exhibition.id", ondelete="CASCADE"),
                                               index=True)
    position: Mapped[int] = mapped_column(default=0)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(500))

    exhibition: Mapped[Exhibition] = relationship(back_populates="pages")
    blocks: Mapped[list["ExhibitionBlock"]] = relationship(
        back_populates="page", order_by="ExhibitionBlock.position", cascade="all, delete-orphan")


class ExhibitionBlock(db.Model):
    """A block of a page: Markdown text, an item with a caption, a gallery, a map or a timeline.

    Map and timeline blocks show the block's own items, or all the page's items when it has none.
    """

    __table_args__ = (CheckConstraint(f"kind IN {BLOCK_KINDS}", name="exhibition_block_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("exhibition_page.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown: the text, or a heading/intro

    page: Mapped[ExhibitionPage] = relationship(back_populates="blocks")
    entries: Mapped[list["ExhibitionBlockItem"]] = relationship(
        back_populates="block", order_by="ExhibitionBlockItem.position",
        cascade="all, delete-orphan")


class ExhibitionBlockItem(db.Model):
    """An item shown in a block, with the exhibition's own caption for it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("exhibition_block.id", ondelete="CASCADE"),
                                          index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(Text, default="")

    block: Mapped[ExhibitionBlock] = relationship(back_populates="entries")
    item: Mapped[Item] = relationship()


PLACE_KINDS = ("country", "novads", "pilseta", "pagasts", "ciems", "other")


class Place(db.Model):
    """A gazetteer entry: a novads, pagasts or ciems with its coordinates and variant names.

    Items name places in ``dc:coverage``/``dcterms:spatial``; the gazetteer matches those
    names (or a variant) to put the items on the map.
    """

    __table_args__ = (CheckConstraint(f"kind IN {PLACE_KINDS}", name="place_kind"),
                      UniqueConstraint("name", "parent_id", name="uq_place_name_parent"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("place.id", ondelete="SET NULL"))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    variants: Mapped[str] = mapped_column(Text, default="")  # other spellings, one per line

    parent: Mapped["Place | None"] = relationship(remote_side=[id])

    @property
    def names(self) -> list[str]:
        """The name and its variants."""
        return [self.name] + [v.strip() for v in self.variants.splitlines() if v.strip()]
