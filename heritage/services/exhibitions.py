"""Exhibitions: reading what the public may see of them, and building them.

An exhibition points at items, but never lets the public see more of an item than the item
itself allows: an entry whose item is withdrawn, unpublished or staff-only silently drops out
of the public page, and page images are shown only for items open to the public.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..errors import CollectionNotFound, ExhibitionNotFound, InvalidInput
from ..extensions import db
from ..models import (BLOCK_KINDS, Exhibition, ExhibitionBlock, ExhibitionBlockItem, ExhibitionPage,
                      Item, ItemValue, utcnow)
from . import access
from .collections import get_collection

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # a BCP 47 tag: lv, ltg, en-GB
#: Kinds whose items are the point of the block (it is dropped when none is left to show).
ITEM_KINDS = ("item", "gallery")
#: Kinds that show the page's items when they have none of their own.
SUMMARY_KINDS = ("map", "timeline")
# the print view and the page's own address must not collide with a page slug
RESERVED_PAGE_SLUGS = ("print",)


# --- What the public sees ---------------------------------------------------------------------

@dataclass(frozen=True)
class ShownItem:
    """An item in a public block, with its caption; ``image`` is False unless its pages are public."""

    item: Item
    caption: str

    @property
    def image(self) -> bool:
        """Whether the public may see the item's first page image."""
        return _has_public_image(self.item)

    @property
    def alt(self) -> str:
        """The image's text alternative: the item's title, else the caption."""
        return self.item.record.first("title") or self.caption or f"#{self.item.id}"


@dataclass
class ShownBlock:
    """A block as the public sees it: only visible items; a map's points or a timeline's bars."""

    kind: str
    body: str
    entries: list[ShownItem]
    points: list = field(default_factory=list)  # heritage.services.places.MapPoint
    bars: list = field(default_factory=list)  # heritage.services.places.DecadeBar


@dataclass
class ShownPage:
    """An exhibition page with its neighbours, ready for the public."""

    exhibition: Exhibition
    page: ExhibitionPage
    blocks: list[ShownBlock]
    previous: ExhibitionPage | None
    next: ExhibitionPage | None

    @property
    def number(self) -> int:
        """The page's place in the exhibition, from 1."""
        return self.exhibition.pages.index(self.page) + 1


def _published():
    return (select(Exhibition).where(Exhibition.status == "published")
            .options(selectinload(Exhibition.cover_item), selectinload(Exhibition.pages)))


def public_exhibitions() -> list[Exhibition]:
    """Published exhibitions: featured ones first, then the newest."""
    statement = _published().order_by(Exhibition.featured.desc(), Exhibition.published_at.desc(),
                                      Exhibition.title)
    return list(db.session.scalars(statement).all())


def featured_exhibitions(n: int = 3) -> list[Exhibition]:
    """Up to ``n`` published, featured exhibitions, newest first."""
    statement = _published().where(Exhibition.featured.is_(True)) \
        .order_by(Exhibition.published_at.desc(), Exhibition.title).limit(n)
    return list(db.session.scalars(statement).all())


def get_public_exhibition(slug: str) -> Exhibition:
    """The published exhibition with ``slug``, or :class:`ExhibitionNotFound` (drafts too)."""
    found = db.session.scalar(_published().where(Exhibition.slug == slug))
    if found is None:
        raise ExhibitionNotFound(f"no published exhibition {slug!r}")
    return found


def exhibition_page(exhibition: Exhibition, page_slug: str, summarise: bool = True) -> ShownPage:
    """The page ``page_slug`` of ``exhibition`` as the public sees it, or :class:`ExhibitionNotFound`.

    ``summarise=False`` leaves out the points of map blocks and the bars of timeline blocks.
    """
    pages = exhibition.pages
    index = next((i for i, page in enumerate(pages) if page.slug == page_slug), None)
    if index is None:
        raise ExhibitionNotFound(f"exhibition {exhibition.slug!r} has no page {page_slug!r}")
    return ShownPage(exhibition, pages[index], shown_blocks(pages[index], summarise),
                     pages[index - 1] if index else None,
                     pages[index + 1] if index + 1 < len(pages) else None)


def exhibition_pages(exhibition: Exhibition, summarise: bool = True) -> list[ShownPage]:
    """Every page of ``exhibition`` as the public sees it, in order (the printable view, the API)."""
    return [exhibition_page(exhibition, page.slug, summarise) for page in exhibition.pages]


def shown_blocks(page: ExhibitionPage, summarise: bool = True) -> list[ShownBlock]:
    """The page's blocks with only the items the public may read about; empty item blocks go."""
    blocks = [ShownBlock(block.kind, block.body, _visible(block.entries)) for block in page.blocks]
    page_items = [entry for block in blocks if block.kind in ITEM_KINDS for entry in block.entries]
    shown = []
    for block, source in zip(blocks, page.blocks):
        if block.kind in SUMMARY_KINDS:
            if not source.entries:  # no items of its own: it sums up the page's items
                block.entries = page_items
            if summarise:
                _summarise(block)
        if block.kind == "text" or block.entries:
            shown.append(block)
    return shown


def _visible(entries: Iterable[ExhibitionBlockItem]) -> list[ShownItem]:
    return [ShownItem(entry.item, entry.caption) for entry in entries if access.is_described(entry.item)]


def _summarise(block: ShownBlock) -> None:
    """Fill a map block's points or a timeline block's decade bars from its items."""
    from .places import decade_bars, map_points  # built alongside; imported when first needed

    items = list({entry.item.id: entry.item for entry in block.entries}.values())
    if block.kind == "map":
        block.points = map_points(items)
    else:
        block.bars = decade_bars(items)


def cover_item(exhibition: Exhibition) -> Item | None:
    """The item whose image stands for the exhibition: its cover, else its first public image."""
    if exhibition.cover_item is not None and _has_public_image(exhibition.cover_item):
        return exhibition.cover_item
    for page in exhibition.pages:
        for block in page.blocks:
            for entry in block.entries:
                if _has_public_image(entry.item):
                    return entry.item
    return None


def _has_public_image(item: Item) -> bool:
    """Whether everybody may see the item's first page (exhibition pages are cached for all)."""
    return (access.is_described(item) and bool(item.pages)
            and access.media_open(item, item.pages[0].media_file))


# --- Building exhibitions (the staff workspace and the demo) ----------------------------------

def check_slug(slug: str, field_name: str = "exhibition slug") -> str:
    """``slug`` if it is a valid slug, else :class:`InvalidInput` naming the field and value."""
    if not isinstance(slug, str) or not SLUG.match(slug) or len(slug) > 80:
        raise InvalidInput(f"{field_name} {slug!r} is not valid: use lower-case letters a–z, "
                           "digits and single hyphens, e.g. 'udensdzirnavas-un-ezers'")
    return slug


def _check_text(value: str, field_name: str, limit: int = 500) -> str:
    text = (value or "").strip()
    if not text or len(text) > limit:
        raise InvalidInput(f"{field_name} {value!r} is not valid: give 1 to {limit} characters")
    return text


def create_exhibition(slug: str, title: str, *, summary: str = "", credits: str = "",
                      lang: str = "lv", featured: bool = False, cover_item_id: int | None = None,
                      collections: Sequence[str] = (), publish: bool = False) -> Exhibition:
    """A new exhibition (a draft unless ``publish``), committed; its pages are added after."""
    check_slug(slug)
    if not LANG.match(lang or ""):
        raise InvalidInput(f"exhibition language {lang!r} is not valid: use a code such as 'lv', "
                           "'lt' or 'ltg'")
    if db.session.scalar(select(Exhibition.id).where(Exhibition.slug == slug)) is not None:
        raise InvalidInput(f"exhibition slug {slug!r} is already taken")
    exhibition = Exhibition(slug=slug, title=_check_text(title, "exhibition title"),
                            summary=summary or "", credits=credits or "", lang=lang,
                            featured=featured, collections=[_collection(s) for s in collections])
    if cover_item_id is not None:
        exhibition.cover_item = _item(cover_item_id, "cover item")
    if publish:
        _mark_published(exhibition)
    db.session.add(exhibition)
    db.session.commit()
    return exhibition


def _collection(slug: str):
    try:
        return get_collection(slug)
    except CollectionNotFound:
        raise InvalidInput(f"collection {slug!r} does not exist") from None


def _item(item_id: int, field_name: str = "item") -> Item:
    item = db.session.get(Item, item_id) if isinstance(item_id, int) else None
    if item is None or item.status == "deleted":
        raise InvalidInput(f"{field_name} #{item_id} does not exist")
    return item


def publish_exhibition(exhibition: Exhibition) -> Exhibition:
    """Make ``exhibition`` public."""
    _mark_published(exhibition)
    db.session.commit()
    return exhibition


def _mark_published(exhibition: Exhibition) -> None:
    exhibition.status = "published"
    exhibition.published_at = exhibition.published_at or utcnow()


def add_page(exhibition: Exhibition, slug: str, title: str) -> ExhibitionPage:
    """A new last page of ``exhibition``, committed."""
    check_slug(slug, "page slug")
    if slug in RESERVED_PAGE_SLUGS:
        raise InvalidInput(f"page slug {slug!r} is reserved; choose another")
    if any(page.slug == slug for page in exhibition.pages):
        raise InvalidInput(f"page slug {slug!r} is already used in exhibition {exhibition.slug!r}")
    page = ExhibitionPage(slug=slug, title=_check_text(title, "page title"),
                          position=len(exhibition.pages))
    exhibition.pages.append(page)
    db.session.commit()
    return page


Entry = int | tuple[int, str]


def add_block(page: ExhibitionPage, kind: str, body: str = "",
              items: Sequence[Entry] = ()) -> ExhibitionBlock:
    """A new last block of ``page``: ``items`` are item ids or ``(item id, caption)`` pairs."""
    entries = [_entry(given, position) for position, given in enumerate(items)]
    _check_block(kind, body, entries)
    block = ExhibitionBlock(kind=kind, body=body or "", position=len(page.blocks), entries=entries)
    page.blocks.append(block)
    db.session.commit()
    return block


def _entry(given: Entry, position: int) -> ExhibitionBlockItem:
    item_id, caption = (given, "") if isinstance(given, int) else given
    return ExhibitionBlockItem(item=_item(item_id), caption=caption or "", position=position)


def _check_block(kind: str, body: str, entries: list) -> None:
    if kind not in BLOCK_KINDS:
        raise InvalidInput(f"block kind {kind!r} is not one of {', '.join(BLOCK_KINDS)}")
    if kind == "text" and (entries or not (body or "").strip()):
        raise InvalidInput("a text block needs a body and no items")
    if kind == "item" and len(entries) != 1:
        raise InvalidInput(f"an item block shows exactly one item, not {len(entries)}")
    if kind == "gallery" and not entries:
        raise InvalidInput("a gallery block needs at least one item")


def delete_exhibition(slug: str) -> bool:
    """Delete the exhibition with ``slug`` (draft or published); whether there was one."""
    found = db.session.scalar(select(Exhibition).where(Exhibition.slug == slug))
    if found is None:
        return False
    db.session.delete(found)
    db.session.commit()
    return True


def item_titled(title: str) -> Item:
    """The one item, not deleted, titled exactly ``title``; else :class:`InvalidInput`."""
    found = db.session.scalars(
        select(Item).join(ItemValue).where(ItemValue.element == "title", ItemValue.value == title,
                                           Item.status != "deleted")).unique().all()
    if len(found) != 1:
        raise InvalidInput(f"item title {title!r} matches {len(found)} items, not one")
    return found[0]
