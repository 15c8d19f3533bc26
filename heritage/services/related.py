"""Items related to an item: those sharing its subjects, places, people and newspaper."""
from __future__ import annotations

from sqlalchemy import and_, case, func, literal_column, or_, select

from ..extensions import db
from ..models import DESCRIBED_ACCESS, VALUE_KEY_LENGTH, Item, ItemValue
from .items import _with_everything

#: How much a shared value of each element says about two items belonging together.
WEIGHTS = {"subject": 3, "creator": 2, "contributor": 1, "coverage": 2, "spatial": 2,
           "temporal": 1, "isPartOf": 1, "relation": 1}


def related_items(item: Item, limit: int = 4) -> list[Item]:
    """The public items sharing most (weighted) subject, place and person values with ``item``.

    Shared values are matched exactly as catalogued (the workspace's controlled vocabularies
    keep them consistent); ties go to the same collection, then to the nearest id.
    """
    shared = {(v.element, v.value) for v in item.values if v.element in WEIGHTS}
    if not shared:
        return []
    weight = case(*((ItemValue.element == element, points) for element, points in WEIGHTS.items()),
                  else_=0)
    score = func.sum(weight).label("score")
    ranked = (select(ItemValue.item_id, score)
              .join(Item, Item.id == ItemValue.item_id)
              .where(or_(*(and_(ItemValue.element == element, _key(ItemValue.value) == _key(value),
                                ItemValue.value == value) for element, value in shared)),
                     ItemValue.item_id != item.id, Item.status == "published",
                     Item.access_level.in_(DESCRIBED_ACCESS))
              .group_by(ItemValue.item_id)
              .order_by(score.desc(), (Item.collection_id == item.collection_id).desc(),
                        func.abs(ItemValue.item_id - item.id))
              .limit(limit))
    ids = [row.item_id for row in db.session.execute(ranked)]
    found = {i.id: i for i in db.session.scalars(_with_everything(select(Item).where(Item.id.in_(ids))))}
    return [found[i] for i in ids if i in found]


def _key(value):
    """The indexed start of a value (ix_item_value_element_value), so the index is used.

    The numbers are written into the SQL: SQLite matches an expression index only against
    the same expression, and a bound parameter is not the literal the index was made with.
    """
    return func.substr(value, literal_column("1"), literal_column(str(VALUE_KEY_LENGTH)))
