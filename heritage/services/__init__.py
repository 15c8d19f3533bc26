"""Services: the archive's capabilities, shared by the web layer, the CLI and the ingest."""
from __future__ import annotations

from flask import current_app
from whoosh.index import Index

from ..search.backend import PostgresBackend, SearchBackend, WhooshBackend, check_backend_name
from ..storage import LocalMediaStore, media_store_for
from ..storage_s3 import S3MediaStore


def media_store() -> LocalMediaStore | S3MediaStore:
    """The current application's media store (one per application): local folder or S3 bucket."""
    state = current_app.extensions.setdefault("heritage", {})
    if "media_store" not in state:
        state["media_store"] = media_store_for(current_app.config)
    return state["media_store"]


def search_backend() -> SearchBackend:
    """The current application's search index (HERITAGE_SEARCH_BACKEND), opened once.

    An index made by an older heritage (or a PostgreSQL index just created beside items
    that already exist) is rebuilt from the database here, so switching backends needs no
    separate step.
    """
    state = current_app.extensions.setdefault("heritage", {})
    if "search_backend" not in state:
        name = check_backend_name(current_app.config["HERITAGE_SEARCH_BACKEND"])
        if name == "postgres":
            from ..extensions import db

            backend = state["search_backend"] = PostgresBackend(db.engine)
            stale = backend.created
        else:
            folder = current_app.config["HERITAGE_INDEX_DIR"]
            backend = state["search_backend"] = WhooshBackend.open(folder)
            stale = not backend.is_current()
            if stale:  # an older heritage's: rebuild from the database
                backend.recreate()
        if stale:
            current_app.logger.warning("%s search index is new or had an older layout; "
                                       "rebuilding it from the database", name)
            from .items import rebuild_index
            rebuild_index()
    return state["search_backend"]


def search_index() -> Index:
    """The current application's Whoosh index (tests and Whoosh-only tools; see search_backend)."""
    backend = search_backend()
    if not isinstance(backend, WhooshBackend):
        raise RuntimeError("search_index() is the Whoosh index, but HERITAGE_SEARCH_BACKEND="
                           f"{backend.name}: use search_backend()")
    return backend.ix
