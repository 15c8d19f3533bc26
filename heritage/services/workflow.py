"""The item workflow: draft → review → published → withdrawn, and back to draft for rework.

Each step is checked against the role and branch of the person, saves a version of the item
first, leaves a review comment and an audit entry (field "status", old → new), and updates
the search index in the same call.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..errors import InvalidInput, ItemNotFound
from ..extensions import db
from ..models import Item, ReviewComment, User, utcnow
from . import audit
from .accounts import may, may_edit_item, require, require_item
from .interviews import release_allows_publishing
from .items import index_items
from .versions import save_version


@dataclass(frozen=True)
class Transition:
    """A workflow step: its name, the states it starts from, where it leads, who may take it."""

    action: str
    sources: tuple[str, ...]
    target: str
    permission: str
    needs_comment: bool = False


#: Every step of the workflow, by name.
TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    Transition("submit", ("draft",), "review", "describe"),
    Transition("return", ("review",), "draft", "review", needs_comment=True),
    Transition("publish", ("review",), "published", "publish"),
    Transition("withdraw", ("published",), "withdrawn", "publish"),
    Transition("redraft", ("withdrawn",), "draft", "describe"),
)}


def staff_item(item_id: int, by: User) -> Item:
    """An item the person may work on (their branch's, or any for coordinators and admins)."""
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    require_item(by, item)
    return item


def may_take(user: User, item: Item, action: str) -> bool:
    """Whether ``user`` may take step ``action`` on ``item`` in its present state."""
    step = TRANSITIONS.get(action)
    return (step is not None and item.status in step.sources and may(user, step.permission)
            and may_edit_item(user, item))


def available_steps(user: User, item: Item) -> list[Transition]:
    """The steps ``user`` may take on ``item`` now, in workflow order."""
    return [step for step in TRANSITIONS.values() if may_take(user, item, step.action)]


def check_step(item: Item, action: str, by: User, body: str = "") -> Transition:
    """The step, or the domain error saying why ``by`` may not take it on ``item`` now."""
    step = TRANSITIONS.get(action)
    if step is None:
        raise InvalidInput(f"workflow step {action!r} is not one of {', '.join(TRANSITIONS)}")
    require(by, step.permission)
    require_item(by, item)
    if item.status not in step.sources:
        raise InvalidInput(f"item #{item.id} is {item.status}: the step {action!r} needs an item "
                           f"that is {' or '.join(step.sources)}")
    if step.target == "published" and not release_allows_publishing(item):
        raise InvalidInput(f"item #{item.id}: the interview's release is {item.interview.consent}; "
                           "record a signed release under Interview before publishing it")
    if step.needs_comment and not body.strip():
        raise InvalidInput(f"comment: say what should change before you {action} item #{item.id}")
    return step


def apply_step(item: Item, action: str, by: User, body: str = "") -> None:
    """Take a workflow step on ``item`` in the session (checked, versioned, commented, audited).

    The caller commits and re-indexes; :func:`transition` does both for one item.
    """
    step = check_step(item, action, by, body)
    save_version(item, by, f"before {action}")
    old = item.status
    item.status = step.target
    if step.target == "published" and item.published_at is None:
        item.published_at = utcnow()
    item.updated_at = utcnow()
    db.session.add(ReviewComment(item_id=item.id, user_id=by.id, at=utcnow(), action=action,
                                 body=body.strip()))
    audit.record("status", "item", item.id, by=by, field="status", old=old, new=step.target)


def transition(item_id: int, action: str, by: User, body: str = "") -> Item:
    """Take workflow step ``action`` on one item, commit it and update the search index."""
    item = staff_item(item_id, by)
    apply_step(item, action, by, body)
    db.session.commit()
    index_items([item])
    return item


def add_comment(item_id: int, by: User, body: str) -> ReviewComment:
    """Leave a remark on an item's review without changing its state."""
    item = staff_item(item_id, by)
    if not body.strip():
        raise InvalidInput("comment: write something to say")
    comment = ReviewComment(item_id=item.id, user_id=by.id, at=utcnow(), action="comment",
                            body=body.strip())
    db.session.add(comment)
    audit.record("comment", "item", item.id, by=by, field="comment", new=body.strip())
    db.session.commit()
    return comment


def comments_for(item_id: int) -> list[ReviewComment]:
    """The item's review comments, oldest first (a conversation reads top down)."""
    return list(db.session.scalars(select(ReviewComment).where(ReviewComment.item_id == item_id)
                                   .order_by(ReviewComment.at, ReviewComment.id)))
