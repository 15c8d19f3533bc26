"""The staff's lists of items: a branch's items with filters and paging, and the review queue."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from ..errors import InvalidInput
from ..extensions import db
from ..models import STATUSES, Branch, Collection, Item, ItemValue, User
from .accounts import branch_scope

PAGE_SIZE = 50


@dataclass
class ItemFilters:
    """What the list is narrowed to; empty strings mean "any"."""

    status: str = ""
    collection: str = ""
    branch: str = ""
    text: str = ""
    page: int = 1


@dataclass
class ItemPage:
    """One page of the list, the total count and the number of pages."""

    items: list[Item]
    total: int
    page: int
    pages: int


def check_filters(filters: ItemFilters) -> ItemFilters:
    """The filters, or :class:`InvalidInput` naming the value that is not known."""
    if filters.status and filters.status not in STATUSES:
        raise InvalidInput(f"status {filters.status!r} is not one of {', '.join(STATUSES)}")
    if filters.page < 1:
        raise InvalidInput(f"page {filters.page}: pages are numbered from 1")
    return filters


def list_items(user: User, filters: ItemFilters, page_size: int | None = None) -> ItemPage:
    """The items ``user`` works on that match ``filters``, most recently changed first."""
    page_size = page_size or PAGE_SIZE
    check_filters(filters)
    where = [Item.status != "deleted"]
    scope = branch_scope(user)
    if scope is not None:
        where.append(Item.branch_id == scope)
    elif filters.branch:
        where.append(Item.branch.has(Branch.slug == filters.branch))
    if filters.status:
        where.append(Item.status == filters.status)
    if filters.collection:
        where.append(Item.collection.has(Collection.slug == filters.collection))
    if filters.text.strip():
        pattern = f"%{filters.text.strip().lower()}%"
        where.append(exists().where(ItemValue.item_id == Item.id, ItemValue.element == "title",
                                    func.lower(ItemValue.value).like(pattern)))
    total = db.session.scalar(select(func.count(Item.id)).where(*where)) or 0
    pages = max(1, -(-total // page_size))
    items = db.session.scalars(_loaded(select(Item).where(*where))
                               .order_by(Item.updated_at.desc(), Item.id.desc())
                               .offset((filters.page - 1) * page_size).limit(page_size)).all()
    return ItemPage(list(items), total, filters.page, pages)


def review_queue(user: User) -> list[Item]:
    """Items waiting for review in the person's scope, the longest waiting first."""
    statement = select(Item).where(Item.status == "review")
    scope = branch_scope(user)
    if scope is not None:
        statement = statement.where(Item.branch_id == scope)
    return list(db.session.scalars(_loaded(statement).order_by(Item.updated_at, Item.id)))


def items_by_ids(ids: list[int]) -> list[Item]:
    """The items with these ids that exist, in the order given."""
    found = {item.id: item for item in db.session.scalars(_loaded(select(Item).where(Item.id.in_(ids))))}
    return [found[i] for i in ids if i in found]


def all_collections() -> list[Collection]:
    """Every collection, by title (for the filter and the "move" choices)."""
    return list(db.session.scalars(select(Collection).order_by(Collection.title)))


def _loaded(statement):
    return statement.options(selectinload(Item.values), selectinload(Item.collection),
                             selectinload(Item.branch))
