"""The search index behind one interface: Whoosh in a local folder, or tables in PostgreSQL.

Services talk to a :class:`SearchBackend` only, so ``HERITAGE_SEARCH_BACKEND`` picks where
the index lives without any caller knowing.  Both index the same fields
(:func:`heritage.search.index.document_fields`), analyse words with the same
:mod:`heritage.search.analyzers`, parse queries with the same
:func:`heritage.search.query.parse` and make snippets with the same functions, so a reader
sees the same results either way (only the ranking formula differs in its details).

* :class:`WhooshBackend` wraps :mod:`.index` and :mod:`.query` unchanged: one machine,
  one writer at a time (Whoosh's lock), the fastest reads.
* :class:`PostgresBackend` (:mod:`.pg_index`, :mod:`.pg_query`) keeps the index in the
  application's PostgreSQL database: any number of web servers and workers write and read
  it at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol, Sequence

from sqlalchemy.engine import Engine
from whoosh.index import Index

from . import index as whoosh_index
from . import pg_index, pg_query
from . import query as whoosh_query
from .query import QueryMarks, SearchPage

BACKENDS = ("whoosh", "postgres")
"""The values HERITAGE_SEARCH_BACKEND may take."""


class SearchBackend(Protocol):
    """What the services need of a search index."""

    name: str

    def write(self, documents: Iterable[dict[str, Any]], deleted_ids: Iterable[int] = ()) -> None:
        """Add or replace ``documents`` and remove ``deleted_ids``, all at once."""

    def replace_all(self, documents: Iterable[dict[str, Any]], procs: int | None = None) -> int:
        """Empty the index and fill it with ``documents``; readers see the old one until done."""

    def search(self, text: str = "", page: int = 1, page_size: int = 20,
               published_only: bool = True, *, facets: Sequence[str] = (),
               filters: Mapping[str, Sequence[str]] | None = None,
               years: tuple[int | None, int | None] | None = None, sort: str = "relevance",
               fuzzy: bool = True, list_all: bool = False) -> SearchPage:
        """One page of results (see :func:`heritage.search.query.search`)."""

    def query_marks(self, text: str) -> QueryMarks | None:
        """What a query marks in a text, as its search snippets do; None without words."""

    def stamps(self) -> dict[int, str]:
        """Every indexed item id with its document's stamp."""

    def generation(self) -> int:
        """A number that moves whenever the index changes (page caches are keyed on it)."""

    def forget(self) -> None:
        """Drop what this process caches of the index (after a rebuild)."""

    def is_current(self) -> bool:
        """Whether the index was made by this version's layout (else recreate and rebuild)."""

    def recreate(self) -> None:
        """Throw the index away and start an empty one of the current layout."""


class WhooshBackend:
    """The Whoosh index of one folder (or any Whoosh ``Index``, as tests make in memory)."""

    name = "whoosh"

    def __init__(self, ix: Index, folder: str | Path | None = None):
        self.ix = ix
        self.folder = folder

    @classmethod
    def open(cls, folder: str | Path) -> "WhooshBackend":
        """The index in ``folder``, created on first use."""
        return cls(whoosh_index.open_index(folder), folder)

    def write(self, documents, deleted_ids=()) -> None:
        whoosh_index.write_documents(self.ix, documents, deleted_ids)

    def replace_all(self, documents, procs=None) -> int:
        return whoosh_index.replace_all(self.ix, documents, procs=procs)

    def search(self, text: str = "", page: int = 1, page_size: int = 20,
               published_only: bool = True, **options) -> SearchPage:
        return whoosh_query.search(self.ix, text, page, page_size, published_only, **options)

    def query_marks(self, text: str) -> QueryMarks | None:
        return whoosh_query.query_marks(self.ix, text)

    def stamps(self) -> dict[int, str]:
        with self.ix.searcher() as searcher:
            return {int(f["id"]): f.get("stamp") for f in searcher.all_stored_fields()}

    def generation(self) -> int:
        return self.ix.latest_generation()

    def forget(self) -> None:
        whoosh_query.forget_searchers()

    def is_current(self) -> bool:
        return whoosh_index.is_current(self.ix)

    def recreate(self) -> None:
        if self.folder is None:
            raise ValueError("an in-memory Whoosh index cannot be recreated; make a new one")
        self.ix = whoosh_index.recreate(self.folder)


class PostgresBackend:
    """The index in the ``search_document`` table of a PostgreSQL database."""

    name = "postgres"

    def __init__(self, engine: Engine):
        if engine.dialect.name != "postgresql":
            raise ValueError(
                f"HERITAGE_SEARCH_BACKEND=postgres needs a PostgreSQL database, but "
                f"HERITAGE_DATABASE_URL is a {engine.dialect.name} database "
                f"({engine.url.render_as_string(hide_password=True)}): set HERITAGE_DATABASE_URL "
                f"to postgresql+psycopg://... or HERITAGE_SEARCH_BACKEND=whoosh")
        self.engine = engine
        self.created = pg_index.ensure_tables(engine)

    def write(self, documents, deleted_ids=()) -> None:
        pg_index.write(self.engine, documents, deleted_ids)

    def replace_all(self, documents, procs=None) -> int:
        return pg_index.replace_all(self.engine, documents)

    def search(self, text: str = "", page: int = 1, page_size: int = 20,
               published_only: bool = True, **options) -> SearchPage:
        return pg_query.search(self.engine, text, page, page_size, published_only, **options)

    def query_marks(self, text: str) -> QueryMarks | None:
        return pg_query.query_marks(self.engine, text)

    def stamps(self) -> dict[int, str]:
        return pg_index.stamps(self.engine)

    def generation(self) -> int:
        with self.engine.connect() as connection:
            return pg_index.generation(connection)

    def forget(self) -> None:
        pg_query.forget_vocabularies()

    def is_current(self) -> bool:
        return pg_index.is_current(self.engine)

    def recreate(self) -> None:
        pg_index.drop_tables(self.engine)
        pg_query.forget_vocabularies()
        self.created = pg_index.ensure_tables(self.engine)


def check_backend_name(name: str) -> str:
    """``name`` if it is a backend HERITAGE_SEARCH_BACKEND may name, else a clear error."""
    if name not in BACKENDS:
        raise ValueError(f"HERITAGE_SEARCH_BACKEND={name!r} is not a search backend: "
                         f"write one of {', '.join(BACKENDS)}")
    return name


def check_search_settings(config) -> None:
    """Raise ValueError naming the setting when the search settings cannot work (at start-up).

    The postgres backend keeps its index in the application's database, so that database
    must be PostgreSQL.
    """
    name = check_backend_name(config.get("HERITAGE_SEARCH_BACKEND", "whoosh"))
    url = str(config.get("HERITAGE_DATABASE_URL") or "")
    dialect = url.split(":", 1)[0].split("+", 1)[0]
    if name == "postgres" and dialect != "postgresql":
        raise ValueError(
            f"HERITAGE_SEARCH_BACKEND=postgres needs a PostgreSQL database, but "
            f"HERITAGE_DATABASE_URL is a {dialect or 'missing'} database: set "
            f"HERITAGE_DATABASE_URL to postgresql+psycopg://... or HERITAGE_SEARCH_BACKEND=whoosh")
