"""Stamps that move whenever the archive changes, for caches of what is derived from it."""
from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import Collection, Exhibition, Item, Place


def item_stamp() -> tuple:
    """Moves whenever an item is added, changed, published, withdrawn or deleted."""
    return _counted(Item, Item.updated_at)


def database_stamp() -> tuple:
    """Moves whenever an item, collection, exhibition or place is added or changed."""
    return (item_stamp(), _counted(Collection, Collection.created_at),
            _counted(Exhibition, Exhibition.updated_at), _counted(Place))


def index_generation() -> int:
    """The search index's newest generation (a re-index anywhere moves it)."""
    from . import search_backend

    return search_backend().generation()


def _counted(model, moment=None) -> tuple:
    columns = [func.count(model.id)] + ([func.max(moment)] if moment is not None else [])
    return tuple(db.session.execute(select(*columns)).one())
