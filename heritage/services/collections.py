"""Collections: finding and creating them."""
from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..errors import CollectionNotFound, InvalidInput
from ..extensions import db
from ..models import Collection, Item
from .access import DESCRIBED

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(slug: str) -> str:
    """``slug`` if it is a valid collection slug, else a clear :class:`InvalidInput`."""
    if not SLUG.match(slug or "") or len(slug) > 80:
        raise InvalidInput(f"collection slug {slug!r} is not valid: use lower-case letters a–z, "
                           "digits and single hyphens, e.g. 'ezermalas-vestis'")
    return slug


def get_collection(slug: str) -> Collection:
    """The collection with ``slug``, or :class:`CollectionNotFound`."""
    collection = db.session.scalar(select(Collection).where(Collection.slug == slug))
    if collection is None:
        raise CollectionNotFound(f"no collection {slug!r}")
    return collection


def ensure_collection(slug: str, title: str | None = None, ocr_lang: str | None = None) -> Collection:
    """The collection with ``slug``, created (not yet committed) when it does not exist.

    Two ingests (processes, machines) starting a new collection at once both try to make it;
    the database's unique slug lets one, and the other takes that one. Its session is rolled
    back to do so, which an ingest about to begin can afford.
    """
    try:
        return get_collection(check_slug(slug))
    except CollectionNotFound:
        collection = Collection(slug=slug, title=title or slug, description="", ocr_lang=ocr_lang)
        db.session.add(collection)
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()
            return get_collection(slug)
        return collection


def public_collections() -> list[tuple[Collection, int]]:
    """Collections with items the public may read about, with how many, largest first then by title.

    Unpublished and staff-only items are not counted; a collection without others is left out.
    """
    count = _described_count()
    rows = db.session.execute(
        select(Collection, count).join(Item).group_by(Collection.id).having(count > 0)
        .order_by(count.desc(), Collection.title)).all()
    return [(collection, n) for collection, n in rows]


def public_collection(slug: str) -> tuple[Collection, int]:
    """The collection with ``slug`` and its number of described items, or :class:`CollectionNotFound`.

    A collection with nothing the public may read about is not found, as in
    :func:`public_collections`.
    """
    count = _described_count()
    row = db.session.execute(
        select(Collection, count).join(Item).where(Collection.slug == slug)
        .group_by(Collection.id).having(count > 0)).first()
    if row is None:
        raise CollectionNotFound(f"no collection {slug!r}")
    return row[0], row[1]


def _described_count():
    """The number of published items that are not staff-only, for a query grouped by collection."""
    return func.count(Item.id).filter(Item.status == "published",
                                      Item.access_level.in_(DESCRIBED))
