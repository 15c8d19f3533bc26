"""Items related to an item: those sharing its subjects, places, people and newspaper."""
from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import load_only, selectinload

from ..extensions import db
from ..models import DESCRIBED_ACCESS, VALUE_KEY_LENGTH, Item, Page

#: How much a shared value of each element says about two items belonging together.
WEIGHTS = {"subject": 3, "creator": 2, "contributor": 1, "coverage": 2, "spatial": 2,
           "temporal": 1, "isPartOf": 1, "relation": 1}
#: How many of the best-scoring candidates per wanted item are checked for readability.
CANDIDATES = 12


# One indexed lookup per shared value, added up in SQL. Written as text: building the
# statement with SQLAlchemy's expression language cost four times what running it does.
# "value || ''" keeps SQLite from planning on the whole value: given a plain "value = ?"
# beside the index's expression, it stops using the expression and reads every value of
# the element.
_LOOKUP = ("SELECT item_id, CAST(:points{n} AS INTEGER) AS points FROM item_value WHERE element = :element{n} "
           "AND substr(value, 1, {length}) = substr(:value{n}, 1, {length}) "
           "AND value || '' = :value{n}")
_RANKED = ("SELECT item_id, sum(points) AS score FROM ({lookups}) WHERE item_id != :item "
           "GROUP BY item_id ORDER BY score DESC, abs(item_id - :item) LIMIT :best")


def related_items(item: Item, limit: int = 4) -> list[Item]:
    """The public items sharing most (weighted) subject, place and person values with ``item``.

    Shared values are matched exactly as catalogued (the workspace's controlled vocabularies
    keep them consistent); ties go to the same collection, then to the nearest id.
    """
    shared = sorted({(v.element, v.value) for v in item.values if v.element in WEIGHTS})
    if not shared:
        return []
    lookups = " UNION ALL ".join(_LOOKUP.format(n=n, length=VALUE_KEY_LENGTH)
                                 for n in range(len(shared)))
    params = {"item": item.id, "best": CANDIDATES * limit}
    for n, (element, value) in enumerate(shared):
        params.update({f"points{n}": WEIGHTS[element], f"element{n}": element, f"value{n}": value})
    best = db.session.execute(text(_RANKED.format(lookups=lookups)), params).all()
    scores = {row.item_id: row.score for row in best}
    if not scores:
        return []
    readable = db.session.execute(
        select(Item.id, Item.collection_id).where(
            Item.id.in_(list(scores)), Item.status == "published",
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
