"""Browsing a collection: its published items with facets, through the search index."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Collection, Item
from ..search.query import SearchPage
from .collections import get_collection
from .search import search_items

COLLECTION_FACETS = ("type", "place", "decade", "language")


@dataclass
class CollectionPage:
    """One page of a collection's items, the search page they came from and its facet counts."""

    collection: Collection
    results: SearchPage
    items: list[Item]


def browse_collection(slug: str, *, page: int = 1, sort: str = "date",
                      filters: Mapping[str, Sequence[str]] | None = None,
                      years: tuple[int | None, int | None] | None = None) -> CollectionPage:
    """A page of the published items of collection ``slug`` the public may see, with facets.

    Raises :class:`heritage.errors.CollectionNotFound` for an unknown slug.
    """
    collection = get_collection(slug)
    wanted = {**(filters or {}), "collection": [collection.slug]}
    results = search_items("", page=page, facets=COLLECTION_FACETS, filters=wanted,
                           years=years, sort=sort)
    return CollectionPage(collection, results, items_in_order([hit.id for hit in results.hits]))


def items_in_order(ids: Sequence[int]) -> list[Item]:
    """The items with ``ids``, in that order, with what their cards show loaded at once."""
    found = db.session.scalars(select(Item).where(Item.id.in_(ids)).options(
        selectinload(Item.values), selectinload(Item.pages))).all()
    by_id = {item.id: item for item in found}
    return [by_id[i] for i in ids if i in by_id]
