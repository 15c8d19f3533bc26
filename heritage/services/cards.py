"""What an item card shows (title, date, place, description, first page), read without the ORM.

A page of related or recent items needs a few values and one page size per item; loading
whole items with their values and pages through the ORM cost more than the rest of the
related-items work together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from dublin_core import Record

from ..extensions import db
from ..models import Item, ItemValue, MediaFile, Page

#: The elements a card shows.
CARD_ELEMENTS = ("title", "date", "coverage", "description")


@dataclass(frozen=True)
class CardPage:
    """The first page of a card's item: enough for its thumbnail."""

    sequence: int
    width: int
    height: int
    access_level: str | None = None  # its file's own level (None: as the item)


@dataclass
class ItemCard:
    """An item as a card shows it; templates use it as they use an :class:`Item`."""

    id: int
    access_level: str
    embargo_until: date | None = None
    access_reason: str | None = None
    access_note: str = ""
    record: Record = field(default_factory=Record)
    pages: list[CardPage] = field(default_factory=list)

    def title(self, lang: str | None = None) -> str:
        """The title in ``lang`` when there is one, else an untagged one, else the first."""
        return self.record.first("title", lang) or f"#{self.id}"


def item_cards(ids: list[int]) -> list[ItemCard]:
    """Cards of the items ``ids``, in that order (ids of missing items are left out)."""
    if not ids:
        return []
    cards = {row.id: ItemCard(row.id, row.access_level, row.embargo_until)
             for row in db.session.execute(select(Item.id, Item.access_level, Item.embargo_until)
                                           .where(Item.id.in_(ids)))}
    values = db.session.execute(
        select(ItemValue.item_id, ItemValue.element, ItemValue.value, ItemValue.lang)
        .where(ItemValue.item_id.in_(list(cards)), ItemValue.element.in_(CARD_ELEMENTS))
        .order_by(ItemValue.item_id, ItemValue.position))
    for row in values:
        cards[row.item_id].record.add(row.element, row.value, row.lang)
    first = select(Page.item_id, func.min(Page.sequence).label("sequence")) \
        .where(Page.item_id.in_(list(cards))).group_by(Page.item_id).subquery()
    pages = db.session.execute(
        select(Page.item_id, Page.sequence, Page.width, Page.height, MediaFile.access_level)
        .join(MediaFile, MediaFile.id == Page.media_file_id)
        .join(first, (Page.item_id == first.c.item_id) & (Page.sequence == first.c.sequence)))
    for row in pages:
        cards[row.item_id].pages.append(CardPage(row.sequence, row.width, row.height,
                                                      row.access_level))
    return [cards[i] for i in ids if i in cards]
