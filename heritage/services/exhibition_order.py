"""Reordering an exhibition's pages, a page's blocks and a block's items.

Two forms: a one-step move (the "move up / move down" buttons, which work without
JavaScript and from the keyboard) and a whole new order (drag and drop), which must name
every row exactly once so a stale page in another tab cannot silently drop or repeat one.
"""
from __future__ import annotations

from ..errors import InvalidInput
from ..extensions import db
from ..models import Exhibition, ExhibitionBlock, ExhibitionPage, User
from . import audit
from . import exhibition_builder as builder  # its finders and renumber()
from .accounts import require


class BadOrder(InvalidInput):
    """A new order that does not name every row exactly once; says which ids are wrong."""

    def __init__(self, what: str, unknown: list, missing: list[int], duplicates: list[int]):
        self.unknown, self.missing, self.duplicates = unknown, missing, duplicates
        parts = [f"{label}: {', '.join(str(v) for v in values)}"
                 for label, values in (("unknown ids", unknown), ("missing ids", missing),
                                       ("repeated ids", duplicates)) if values]
        super().__init__(f"the new order of the {what} is not valid ({'; '.join(parts)}); "
                         "reload the page and try again")


def _siblings(kind: str, row_id: int):
    """The row, the list it is ordered in, and the audit object (type, id) of the change."""
    if kind == "page":
        row = builder.get_page(row_id)
        return row, row.exhibition.pages, ("exhibition", row.exhibition_id)
    if kind == "block":
        row = builder.get_block(row_id)
        return row, row.page.blocks, ("exhibition_page", row.page_id)
    row = builder.get_entry(row_id)
    return row, row.block.entries, ("exhibition_block", row.block_id)


def move(kind: str, row_id: int, offset: int, by: User) -> object:
    """Move a page, block or item (``kind``) one place up (-1) or down (+1); the row moved."""
    require(by, "exhibitions")
    row, rows, (object_type, object_id) = _siblings(kind, row_id)
    old = rows.index(row)
    new = max(0, min(len(rows) - 1, old + offset))
    if new != old:
        ordered = sorted(rows, key=lambda r: r.position)
        ordered.insert(new, ordered.pop(old))
        _save_order(rows, ordered, kind, object_type, object_id, by)
    return row


def reorder(kind: str, parent_id: int, ids: object, by: User) -> list[int]:
    """Put the pages of an exhibition, blocks of a page or items of a block in the order of ``ids``."""
    require(by, "exhibitions")
    parent_type, rows_of = {"page": (Exhibition, "pages"), "block": (ExhibitionPage, "blocks"),
                            "entry": (ExhibitionBlock, "entries")}[kind]
    parent = builder._get(parent_type, parent_id, parent_type.__tablename__.replace("_", " "))
    rows = getattr(parent, rows_of)
    by_id = {row.id: row for row in rows}
    _check_order(ids, set(by_id), {"page": "pages", "block": "blocks", "entry": "items"}[kind])
    object_type = {"page": "exhibition", "block": "exhibition_page",
                   "entry": "exhibition_block"}[kind]
    _save_order(rows, [by_id[i] for i in ids], kind, object_type, parent.id, by)
    return list(ids)


def _check_order(ids: object, known: set[int], what: str) -> None:
    if not isinstance(ids, list):
        raise BadOrder(what, [repr(ids)], sorted(known), [])
    unknown = [i for i in ids if type(i) is not int or i not in known]
    seen, duplicates = set(), []
    for i in (i for i in ids if type(i) is int):
        if i in seen and i not in duplicates:
            duplicates.append(i)
        seen.add(i)
    missing = sorted(known - seen)
    if unknown or missing or duplicates:
        raise BadOrder(what, unknown, missing, duplicates)


def _save_order(rows: list, ordered: list, kind: str, object_type: str, object_id: int,
                by: User) -> None:
    old = [row.id for row in sorted(rows, key=lambda r: r.position)]
    audit.record_changes(object_type, object_id,
                         {f"{kind} order": (old, [row.id for row in ordered])}, by=by,
                         action="reorder")
    rows.sort(key=ordered.index)  # the relationship list follows the new order at once
    builder.renumber(rows)
    db.session.commit()
