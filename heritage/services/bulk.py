"""Actions on a selection of items: workflow steps, moving, access, subjects, batch edits.

Each item is checked on its own; one refused item never stops the others, and the outcome
names every item with what was done or why it was refused. All changes are versioned and
audited per item, committed together, and the items re-indexed once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from dublin_core.model import NAMES

from ..errors import AccessDenied, CollectionNotFound, InvalidInput
from ..extensions import db
from ..models import ACCESS_LEVELS, ACCESS_REASONS, Collection, Item, ItemValue, User, utcnow
from . import audit
from .accounts import require_item
from .collections import get_collection
from .item_list import items_by_ids
from .items import index_items
from .versions import save_version
from .workflow import apply_step

#: The bulk actions, by name; the workflow steps among them go through :mod:`workflow`.
ACTIONS = ("submit", "publish", "withdraw", "move", "access", "subject")
BATCH_MODES = ("replace", "add", "find_replace")


@dataclass(frozen=True)
class Outcome:
    """What happened to one item of the selection."""

    item_id: int
    title: str
    done: bool
    message: str


@dataclass
class AccessChoice:
    """An access level with its reason and, for an embargo, the date it ends."""

    level: str
    reason: str = ""
    embargo_until: date | None = None
    note: str = ""


def check_ids(raw: list[str]) -> list[int]:
    """The selected item ids as numbers, or :class:`InvalidInput` naming the bad one."""
    ids = []
    for text in raw:
        if not str(text).strip().isdigit():
            raise InvalidInput(f"item id {text!r} is not a number")
        ids.append(int(text))
    if not ids:
        raise InvalidInput("selection: tick at least one item")
    return list(dict.fromkeys(ids))


def check_access(level: str, reason: str = "", embargo: str = "", note: str = "") -> AccessChoice:
    """An access choice from form values, or :class:`InvalidInput` saying what to fix."""
    if level not in ACCESS_LEVELS:
        raise InvalidInput(f"access level {level!r} is not one of {', '.join(ACCESS_LEVELS)}")
    if level == "public":
        return AccessChoice("public")
    if reason not in ACCESS_REASONS:
        raise InvalidInput(f"access reason {reason!r}: a closed item needs one of "
                           f"{', '.join(ACCESS_REASONS)}")
    until = None
    if level == "embargo":
        try:
            until = date.fromisoformat(embargo.strip())
        except ValueError:
            raise InvalidInput(f"embargo date {embargo!r}: give the day it ends as YYYY-MM-DD, "
                               "e.g. 2040-01-01") from None
        if until <= utcnow().date():
            raise InvalidInput(f"embargo date {until.isoformat()} has passed; give a later day")
    return AccessChoice(level, reason, until, note.strip())


def run_bulk(ids: list[int], action: str, by: User, *, comment: str = "", collection: str = "",
             access: AccessChoice | None = None, subject: str = "", lang: str = "") -> list[Outcome]:
    """Do ``action`` on every item of ``ids`` the person may change; the outcome of each."""
    change = _change_for(action, comment, collection, access, subject, lang)
    outcomes, changed = [], []
    items = {item.id: item for item in items_by_ids(ids)}
    for item_id in ids:
        item = items.get(item_id)
        if item is None or item.status == "deleted":
            outcomes.append(Outcome(item_id, f"#{item_id}", False, f"no item #{item_id}"))
            continue
        try:
            message = change(item, by)
        except (InvalidInput, AccessDenied) as refused:
            outcomes.append(Outcome(item.id, item.title(), False, str(refused)))
            continue
        item.updated_at = utcnow()
        changed.append(item)
        outcomes.append(Outcome(item.id, item.title(), True, message))
    db.session.commit()
    if changed:
        index_items(changed)
    return outcomes


def _change_for(action: str, comment: str, collection: str, access: AccessChoice | None,
                subject: str, lang: str) -> Callable[[Item, User], str]:
    """The per-item change of ``action``, its shared parameters checked once up front."""
    if action in ("submit", "publish", "withdraw"):
        def step(item: Item, by: User) -> str:
            old = item.status
            apply_step(item, action, by, comment)
            return f"{old} → {item.status}"
        return step
    if action == "move":
        target = _collection(collection)
        return lambda item, by: _move(item, target, by)
    if action == "access":
        if access is None:
            raise InvalidInput("access level: choose one")
        return lambda item, by: _set_access(item, access, by)
    if action == "subject":
        if not subject.strip():
            raise InvalidInput("subject: write the subject to add, e.g. Skolas")
        return lambda item, by: _add_value(item, "subject", subject.strip(), lang.strip() or None, by)
    raise InvalidInput(f"bulk action {action!r} is not one of {', '.join(ACTIONS)}")


def _collection(slug: str) -> Collection:
    try:
        return get_collection(slug)
    except CollectionNotFound:
        raise InvalidInput(f"collection {slug!r} does not exist; choose one from the list") from None


def _move(item: Item, target: Collection, by: User) -> str:
    require_item(by, item)
    if item.collection_id == target.id:
        raise InvalidInput(f"item #{item.id} is already in {target.slug}")
    save_version(item, by, f"before moving to {target.slug}")
    audit.record("edit", "item", item.id, by=by, field="collection", old=item.collection.slug,
                 new=target.slug)
    item.collection = target
    return f"→ {target.slug}"


def _set_access(item: Item, access: AccessChoice, by: User) -> str:
    require_item(by, item)
    changes = {"access_level": (item.access_level, access.level),
               "access_reason": (item.access_reason, access.reason or None),
               "embargo_until": (item.embargo_until, access.embargo_until)}
    if access.note:
        changes["access_note"] = (item.access_note, access.note)
    if all(_shown(old) == _shown(new) for old, new in changes.values()):
        raise InvalidInput(f"item #{item.id} already has this access")
    save_version(item, by, "before changing access")
    audit.record_changes("item", item.id, changes, by=by, action="access")
    item.access_level, item.access_reason = access.level, access.reason or None
    item.embargo_until = access.embargo_until
    if access.note:
        item.access_note = access.note
    return access.level


def _shown(value) -> str:
    return "" if value is None else str(value)


def _add_value(item: Item, element: str, text: str, lang: str | None, by: User) -> str:
    require_item(by, item)
    if any(v.element == element and v.value == text for v in item.values):
        raise InvalidInput(f"item #{item.id} already has {element} {text!r}")
    old = [v.value for v in item.values if v.element == element]
    save_version(item, by, f"before adding {element}")
    _set_element(item, element, [*((v.value, v.lang) for v in item.values if v.element == element),
                                 (text, lang)])
    audit.record("edit", "item", item.id, by=by, field=element, old=old, new=[*old, text])
    return f"+ {element}: {text}"


def _set_element(item: Item, element: str, values: list[tuple[str, str | None]]) -> None:
    """Replace the item's values of ``element``, keeping the other values and their order."""
    kept = [v for v in item.values if v.element != element]
    insert_at = next((i for i, v in enumerate(item.values) if v.element == element), len(kept))
    fresh = [ItemValue(element=element, value=text, lang=lang) for text, lang in values]
    ordered = kept[:insert_at] + fresh + kept[insert_at:]
    for position, value in enumerate(ordered):
        value.position = position
    item.values = ordered


# --- batch edit of one Dublin Core element ------------------------------------------------

@dataclass(frozen=True)
class BatchEdit:
    """A change to one element: replace all its values, add one, or find and replace text."""

    element: str
    mode: str
    value: str = ""
    find: str = ""
    lang: str = ""


@dataclass(frozen=True)
class BatchChange:
    """What a batch edit does (or did) to one item: its values of the element before and after."""

    item_id: int
    title: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    refused: str = ""

    @property
    def changes(self) -> bool:
        return not self.refused and self.old != self.new


def check_batch(element: str, mode: str, value: str = "", find: str = "", lang: str = "") -> BatchEdit:
    """A batch edit from form values, or :class:`InvalidInput` naming the field to fix."""
    if element not in NAMES:
        raise InvalidInput(f"element {element!r} is not a Dublin Core element or term")
    if mode not in BATCH_MODES:
        raise InvalidInput(f"mode {mode!r} is not one of {', '.join(BATCH_MODES)}")
    if mode in ("replace", "add") and not value.strip():
        raise InvalidInput(f"value: write the {element} to {'add' if mode == 'add' else 'set'}")
    if mode == "find_replace" and not find:
        raise InvalidInput("find: write the text to look for in the values")
    return BatchEdit(element, mode, value.strip() if mode != "find_replace" else value, find,
                     lang.strip())


def _new_values(item: Item, edit: BatchEdit) -> list[tuple[str, str | None]]:
    """The item's values of the element after ``edit``, with their languages."""
    current = [(v.value, v.lang) for v in item.values if v.element == edit.element]
    if edit.mode == "replace":
        return [(edit.value, edit.lang or None)]
    if edit.mode == "add":
        if any(text == edit.value for text, _ in current):
            return current
        return [*current, (edit.value, edit.lang or None)]
    replaced = [(text.replace(edit.find, edit.value).strip(), lang) for text, lang in current]
    return [(text, lang) for text, lang in replaced if text]  # a value emptied by the edit goes


def preview_batch(ids: list[int], edit: BatchEdit, by: User) -> list[BatchChange]:
    """What ``edit`` would do to each item of the selection (nothing is written)."""
    result = []
    items = {item.id: item for item in items_by_ids(ids)}
    for item_id in ids:
        item = items.get(item_id)
        if item is None or item.status == "deleted":
            result.append(BatchChange(item_id, f"#{item_id}", (), (), f"no item #{item_id}"))
            continue
        old = tuple(v.value for v in item.values if v.element == edit.element)
        try:
            require_item(by, item)
        except AccessDenied as refused:
            result.append(BatchChange(item.id, item.title(), old, old, str(refused)))
            continue
        result.append(BatchChange(item.id, item.title(), old,
                                  tuple(text for text, _ in _new_values(item, edit))))
    return result


def apply_batch(ids: list[int], edit: BatchEdit, by: User) -> list[BatchChange]:
    """Make ``edit`` on every item the person may change; versioned, audited, indexed once."""
    planned = preview_batch(ids, edit, by)
    items = {item.id: item for item in items_by_ids([c.item_id for c in planned if c.changes])}
    for change in planned:
        if not change.changes:
            continue
        item = items[change.item_id]
        save_version(item, by, f"before batch edit of {edit.element}")
        _set_element(item, edit.element, _new_values(item, edit))
        item.updated_at = utcnow()
        audit.record("batch_edit", "item", item.id, by=by, field=edit.element,
                     old=list(change.old), new=list(change.new))
    db.session.commit()
    if items:
        index_items(items.values())
    return planned
