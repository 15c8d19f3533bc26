"""Items related to an item: those sharing its subjects, places, people and newspaper."""
from __future__ import annotations

from sqlalchemy import text

from ..extensions import db
from ..models import VALUE_KEY_LENGTH, Item
from .access import DESCRIBED
from .cards import ItemCard, item_cards

#: How much a shared value of each element says about two items belonging together.
WEIGHTS = {"subject": 3, "creator": 2, "contributor": 1, "coverage": 2, "spatial": 2,
           "temporal": 1, "isPartOf": 1, "relation": 1}
#: How many of the best-scoring items per wanted one are checked for readability.
CANDIDATES = 12


# One indexed lookup per shared value, added up in SQL. Written as text: building the
# statement with SQLAlchemy's expression language cost four times what running it does.
# "value || ''" keeps SQLite from planning on the whole value: given a plain "value = ?"
# beside the index's expression, it stops using the expression and reads every value of
# the element.
_LOOKUP = ("SELECT item_id, CAST(:points{n} AS INTEGER) AS points FROM item_value WHERE element = :element{n} "
           "AND substr(value, 1, {length}) = substr(:value{n}, 1, {length}) "
           "AND value || '' = :value{n}")
# The best few by score first (an inner LIMIT, so SQLite groups only the shared values),
# then those the public may read, with the same-collection tie-break: joining every
# sharing item (hundreds for a common subject) to its row cost twice as much.
_RANKED = ("SELECT best.item_id AS id FROM ("
           "SELECT item_id, sum(points) AS score FROM ({lookups}) AS shared WHERE item_id != :item "
           "GROUP BY item_id ORDER BY score DESC, abs(item_id - :item) LIMIT :best) AS best "
           "JOIN item ON item.id = best.item_id "
           "WHERE item.status = 'published' AND item.access_level IN ({readable}) "
           "ORDER BY best.score DESC, item.collection_id != :collection, abs(best.item_id - :item) "
           "LIMIT :limit")


def related_items(item: Item, limit: int = 4) -> list[ItemCard]:
    """The public items sharing most (weighted) subject, place and person values with ``item``.

    Shared values are matched exactly as catalogued (the workspace's controlled vocabularies
    keep them consistent); ties go to the same collection, then to the nearest id.
    """
    shared = sorted({(v.element, v.value) for v in item.values if v.element in WEIGHTS})
    if not shared:
        return []
    lookups = " UNION ALL ".join(_LOOKUP.format(n=n, length=VALUE_KEY_LENGTH)
                                 for n in range(len(shared)))
    params = {"item": item.id, "collection": item.collection_id, "limit": limit,
              "best": CANDIDATES * limit}
    for n, (element, value) in enumerate(shared):
        params.update({f"points{n}": WEIGHTS[element], f"element{n}": element, f"value{n}": value})
    readable = ", ".join(f"'{level}'" for level in DESCRIBED)  # constants, not input
    ranked = db.session.execute(text(_RANKED.format(lookups=lookups, readable=readable)), params)
    return item_cards([row.id for row in ranked])
