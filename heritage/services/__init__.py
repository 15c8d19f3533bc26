"""Services: the archive's capabilities, shared by the web layer, the CLI and the ingest."""
from __future__ import annotations

from flask import current_app
from whoosh.index import Index

from ..search.index import is_current, open_index, recreate
from ..storage import LocalMediaStore, media_store_for


def media_store() -> LocalMediaStore:
    """The current application's media store (one per application)."""
    state = current_app.extensions.setdefault("heritage", {})
    if "media_store" not in state:
        state["media_store"] = media_store_for(current_app.config)
    return state["media_store"]


def search_index() -> Index:
    """The current application's search index, opened (or created) once."""
    state = current_app.extensions.setdefault("heritage", {})
    if "search_index" not in state:
        folder = current_app.config["HERITAGE_INDEX_DIR"]
        state["search_index"] = open_index(folder)
        if not is_current(state["search_index"]):  # an older heritage's: rebuild from the database
            current_app.logger.warning("search index in %s has an older schema; rebuilding", folder)
            state["search_index"] = recreate(folder)
            from .items import rebuild_index
            rebuild_index()
    return state["search_index"]
