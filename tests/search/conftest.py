"""Search-test fixtures, and the relevance report printed at the end of the pytest run."""
from __future__ import annotations

import pytest

_REPORT = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def relevance_report(pytestconfig) -> list[str]:
    """Lines a relevance test wants shown in the terminal summary (recall@3, MRR, misses)."""
    return pytestconfig.stash.setdefault(_REPORT, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print what the relevance tests measured, whether they passed or failed."""
    lines = config.stash.get(_REPORT, [])
    if lines:
        terminalreporter.write_sep("=", "search relevance")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="module", params=["whoosh", "postgres"])
def backend_kind(request) -> str:
    """Which search backend a backend-level test runs against (every such test runs on both)."""
    return request.param


@pytest.fixture(scope="module")
def make_backend(request, backend_kind):
    """A factory of empty search backends of ``backend_kind``: an in-memory Whoosh index, or
    the search tables of a new database of the test PostgreSQL server."""
    engines = []

    def make(folder=None):
        """A new empty backend; ``folder`` puts a Whoosh index on disk instead of in memory."""
        if backend_kind == "whoosh":
            from whoosh.filedb.filestore import RamStorage

            from heritage.search.backend import WhooshBackend
            from heritage.search.schema import ItemSchema

            if folder is not None:
                return WhooshBackend.open(folder)
            return WhooshBackend(RamStorage().create_index(ItemSchema()))
        from sqlalchemy import create_engine

        from heritage.search.backend import PostgresBackend

        server = request.getfixturevalue("postgres_server")
        engine = create_engine(server.database("search"))
        engines.append(engine)
        return PostgresBackend(engine)

    yield make
    for engine in engines:
        engine.dispose()
