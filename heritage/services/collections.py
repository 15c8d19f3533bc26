"""Collections: finding and creating them."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from ..errors import CollectionNotFound, InvalidInput
from ..extensions import db
from ..models import Collection, Item

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
    """The collection with ``slug``, created (not yet committed) when it does not exist."""
    try:
        return get_collection(check_slug(slug))
    except CollectionNotFound:
        collection = Collection(slug=slug, title=title or slug, description="", ocr_lang=ocr_lang)
        db.session.add(collection)
        db.session.flush()
        return collection


def public_collections() -> list[tuple[Collection, int]]:
    """Every collection with its number of published items, largest first then by title."""
    count = func.count(Item.id).filter(Item.status == "published")
    rows = db.session.execute(
        select(Collection, count).outerjoin(Item).group_by(Collection.id)
        .order_by(count.desc(), Collection.title)).all()
    return [(collection, n) for collection, n in rows]
