"""Items related to an item: those sharing its subjects, places, people and newspaper."""
from __future__ import annotations

import heapq
from collections import Counter

from sqlalchemy import bindparam, func, literal_column, select
from sqlalchemy.orm import load_only, selectinload

from ..extensions import db
from ..models import DESCRIBED_ACCESS, VALUE_KEY_LENGTH, Item, ItemValue, Page

#: How much a shared value of each element says about two items belonging together.
WEIGHTS = {"subject": 3, "creator": 2, "contributor": 1, "coverage": 2, "spatial": 2,
           "temporal": 1, "isPartOf": 1, "relation": 1}
#: How many of the best-scoring candidates per wanted item are checked for readability.
CANDIDATES = 12


def _key(value):
    """The indexed start of a value (ix_item_value_element_value), so the index is used.

    The numbers are written into the SQL: SQLite matches an expression index only against
    the same expression, and a bound parameter is not the literal the index was made with.
    """
    return func.substr(value, literal_column("1"), literal_column(str(VALUE_KEY_LENGTH)))


# One statement of one shape for every value: compiled once, then only its parameters change
# (an OR of every shared value compiled anew for each item cost more than running it). The
# whole value is compared in Python: given "value = ?" as well, SQLite stops using the index's
# expression and reads every value of the element.
_SHARING = select(ItemValue.item_id, ItemValue.value).where(
    ItemValue.element == bindparam("element"),
    _key(ItemValue.value) == _key(bindparam("value")))


def related_items(item: Item, limit: int = 4) -> list[Item]:
    """The public items sharing most (weighted) subject, place and person values with ``item``.

    Shared values are matched exactly as catalogued (the workspace's controlled vocabularies
    keep them consistent); ties go to the same collection, then to the nearest id.
    """
    scores: Counter[int] = Counter()
    for element, value in {(v.element, v.value) for v in item.values if v.element in WEIGHTS}:
        for other, found in db.session.execute(_SHARING, {"element": element, "value": value}):
            if found == value:
                scores[other] += WEIGHTS[element]
    scores.pop(item.id, None)
    if not scores:
        return []
    # a common subject is shared by hundreds: check only the best few for readability
    best = heapq.nsmallest(CANDIDATES * limit, scores, key=lambda i: (-scores[i], abs(i - item.id)))
    readable = db.session.execute(
        select(Item.id, Item.collection_id).where(
            Item.id.in_(best), Item.status == "published",
            Item.access_level.in_(DESCRIBED_ACCESS))).all()
    ranked = sorted(readable, key=lambda row: (-scores[row.id], row.collection_id != item.collection_id,
                                               abs(row.id - item.id)))[:limit]
    return _cards([row.id for row in ranked])


def _cards(ids: list[int]) -> list[Item]:
    """The items ``ids``, in that order, with what an item card shows (not their page text)."""
    found = {i.id: i for i in db.session.scalars(
        select(Item).where(Item.id.in_(ids)).options(
            selectinload(Item.values),
            selectinload(Item.pages).options(load_only(Page.sequence, Page.width, Page.height))))}
    return [found[i] for i in ids if i in found]
