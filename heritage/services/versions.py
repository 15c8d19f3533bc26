"""Saved versions of an item: a JSON snapshot taken before each change, compared and restored.

Any service that changes an item calls :func:`save_version` *before* it writes, in the same
transaction, so the version shows the state the change replaced.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..errors import CollectionNotFound, InvalidInput, ItemNotFound
from ..extensions import db
from ..models import Item, ItemValue, ItemVersion, User, utcnow
from . import audit
from .accounts import require_item
from .collections import get_collection

#: The item fields a snapshot keeps besides the Dublin Core values.
FIELDS = ("status", "access_level", "access_reason", "access_note", "embargo_until", "collection")


def snapshot(item: Item) -> dict:
    """The item's values (with language and position), status, access and collection."""
    return {
        "values": [{"element": v.element, "value": v.value, "lang": v.lang, "position": v.position}
                   for v in sorted(item.values, key=lambda v: v.position)],
        "status": item.status, "access_level": item.access_level,
        "access_reason": item.access_reason, "access_note": item.access_note or "",
        "embargo_until": item.embargo_until.isoformat() if item.embargo_until else None,
        "collection": item.collection.slug if item.collection else None,
    }


def save_version(item: Item, by: User | None, note: str = "") -> ItemVersion:
    """Add a version of the item as it is now to the session (the caller commits it)."""
    last = db.session.scalar(select(func.max(ItemVersion.number))
                             .where(ItemVersion.item_id == item.id)) or 0
    version = ItemVersion(item_id=item.id, number=last + 1, at=utcnow(),
                          user_id=by.id if by is not None else None,
                          snapshot=json.dumps(snapshot(item), ensure_ascii=False), note=note[:300])
    db.session.add(version)
    db.session.flush()  # so the next save in this transaction sees this number
    return version


def versions_of(item_id: int) -> list[ItemVersion]:
    """The item's saved versions, newest first."""
    return list(db.session.scalars(select(ItemVersion).where(ItemVersion.item_id == item_id)
                                   .order_by(ItemVersion.number.desc())))


def get_version(item_id: int, number: int) -> ItemVersion:
    """Version ``number`` of the item, or :class:`ItemNotFound`."""
    version = db.session.scalar(select(ItemVersion).where(ItemVersion.item_id == item_id,
                                                          ItemVersion.number == number))
    if version is None:
        raise ItemNotFound(f"item #{item_id} has no version {number}")
    return version


@dataclass(frozen=True)
class DiffRow:
    """One field that differs: its name, the version's value and the current one."""

    field: str
    old: str
    new: str


def _value_lines(values: list[dict], element: str) -> str:
    return "\n".join(v["value"] + (f" [{v['lang']}]" if v.get("lang") else "")
                     for v in values if v["element"] == element)


def diff(version: ItemVersion, item: Item) -> list[DiffRow]:
    """The fields in which ``version`` differs from the item now (old: the version's)."""
    then, now = json.loads(version.snapshot), snapshot(item)
    elements = list(dict.fromkeys(v["element"] for v in then["values"] + now["values"]))
    rows = [DiffRow(element, _value_lines(then["values"], element), _value_lines(now["values"], element))
            for element in elements]
    rows += [DiffRow(name, str(then.get(name) or ""), str(now.get(name) or "")) for name in FIELDS]
    return [row for row in rows if row.old != row.new]


def restore_version(item_id: int, number: int, by: User) -> Item:
    """Put the item's description, access and collection back as version ``number`` had them.

    The status is not restored: it changes only through the workflow, so a restore never
    publishes or withdraws. The state replaced is saved as a new version first.
    """
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    require_item(by, item)
    then = json.loads(get_version(item_id, number).snapshot)
    collection = _collection_of(then, item)  # checked before anything is written
    before = snapshot(item)
    save_version(item, by, f"before restoring version {number}")
    _apply_snapshot(item, then)
    item.collection = collection
    after = snapshot(item)
    changes = {name: (before[name], after[name]) for name in FIELDS if name != "status"}
    for element in dict.fromkeys(v["element"] for v in before["values"] + after["values"]):
        changes[element] = (_value_lines(before["values"], element), _value_lines(after["values"], element))
    audit.record("restore", "item", item.id, by=by, field="version", new=str(number))
    audit.record_changes("item", item.id, changes, by=by, action="restore")
    item.updated_at = utcnow()
    db.session.commit()
    from .items import index_items  # items imports nothing of ours; late import keeps it so
    index_items([item])
    return item


def _apply_snapshot(item: Item, then: dict) -> None:
    """Set the item's values and access from a snapshot."""
    item.values = [ItemValue(element=v["element"], value=v["value"], lang=v.get("lang"),
                             position=v.get("position", i)) for i, v in enumerate(then["values"])]
    item.access_level = then["access_level"]
    item.access_reason = then.get("access_reason")
    item.access_note = then.get("access_note") or ""
    embargo = then.get("embargo_until")
    item.embargo_until = date.fromisoformat(embargo) if embargo else None


def _collection_of(then: dict, item: Item):
    """The snapshot's collection, or :class:`InvalidInput` when it was removed since."""
    if not then.get("collection") or then["collection"] == item.collection.slug:
        return item.collection
    try:
        return get_collection(then["collection"])
    except CollectionNotFound as missing:
        raise InvalidInput(f"the version's collection {then['collection']!r} no longer exists; "
                           "move the item to another collection first") from missing
