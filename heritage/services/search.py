"""Searching the archive as the public may: one service for the web page, the API and the CLI."""
from __future__ import annotations

from typing import Mapping, Sequence

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Collection
from ..search.query import SearchPage
from . import search_backend


def search_items(text: str = "", *, page: int = 1, page_size: int | None = None,
                 facets: Sequence[str] = (), filters: Mapping[str, Sequence[str]] | None = None,
                 years: tuple[int | None, int | None] | None = None,
                 sort: str = "relevance", list_all: bool = False) -> SearchPage:
    """Published items the public may find for ``text`` (see :mod:`heritage.search.query`).

    Items only staff may see, and items not published, are never among the results; items
    whose files are closed (reading room, metadata only, embargo) are found by their
    description but not by their pages' text, nor is the text of a file closed on its own
    (see :mod:`heritage.services.access`).
    With ``list_all``, an empty query lists every such item instead of none.
    Raises :class:`heritage.errors.InvalidQuery` for an unknown sort, facet or filter.
    """
    size = page_size or current_app.config["HERITAGE_PAGE_SIZE"]
    found = search_backend().search(text, page=page, page_size=size, published_only=True,
                                    facets=facets, filters=filters, years=years, sort=sort,
                                    list_all=list_all)
    if found.facets.get("collection"):
        titles = dict(db.session.execute(select(Collection.slug, Collection.title)).all())
        for count in found.facets["collection"]:
            count.label = titles.get(count.value, count.value)
    return found
