"""The PostgreSQL search backend's own guarantees: its tables, many writers, no empty moments."""
from __future__ import annotations

import multiprocessing
import re
import os
import signal
import time

import pytest
from sqlalchemy import create_engine, text

from heritage.search import pg_index
from heritage.search.backend import PostgresBackend, check_backend_name


def doc(n: int, word: str = "pagasts", **fields) -> dict:
    base = {"id": str(n), "title": f"Ziņa {n}", "fulltext": f"Ezerkalnes {word} ziņa numur {n}.",
            "collection": "avize", "status": "published", "access": "public", "date": "1938",
            "language": "lv", "type": "Text", "files": []}
    return base | fields


@pytest.fixture
def database(postgres_server) -> str:
    return postgres_server.database("pgsearch")


@pytest.fixture
def backend(database):
    engine = create_engine(database)
    yield PostgresBackend(engine)
    engine.dispose()


@pytest.mark.parametrize("name, message", [
    ("elastic", "HERITAGE_SEARCH_BACKEND='elastic' is not a search backend: write one of whoosh, postgres"),
    ("Postgres", "'Postgres' is not a search backend"),
    ("", "'' is not a search backend"),
])
def test_an_unknown_backend_name_is_explained(name, message):
    with pytest.raises(ValueError, match=message):
        check_backend_name(name)


def test_postgres_search_on_a_sqlite_database_says_what_to_set(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'heritage.sqlite3'}")
    with pytest.raises(ValueError, match=r"needs a PostgreSQL database, but HERITAGE_DATABASE_URL "
                                         r"is a sqlite database .*set HERITAGE_DATABASE_URL"):
        PostgresBackend(engine)


def test_the_app_refuses_postgres_search_on_sqlite(app):
    from heritage.services.search import search_items

    app.extensions.get("heritage", {}).pop("search_backend", None)
    app.config["HERITAGE_SEARCH_BACKEND"] = "postgres"
    if app.config["HERITAGE_DATABASE_URL"].startswith("postgresql"):
        pytest.skip("this app's database is PostgreSQL")
    with pytest.raises(ValueError, match="HERITAGE_SEARCH_BACKEND=postgres needs a PostgreSQL"):
        search_items("skola")


def test_tables_are_made_once_and_an_older_layout_is_made_again(database, backend):
    assert not PostgresBackend(backend.engine).created  # already there: kept
    backend.write([doc(1)])
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE search_meta SET value = 0 WHERE key = 'schema'"))
    assert not backend.is_current()
    again = PostgresBackend(backend.engine)
    assert again.created and again.is_current() and again.stamps() == {}


def test_an_older_layout_is_rebuilt_from_the_database_on_first_use(postgres_server, tmp_path):
    from heritage.services import search_backend
    from heritage.services.search import search_items
    from tests.conftest import make_app
    from tests.factories import make_item

    app = make_app(tmp_path, postgres_server.migrated_database())
    app.config["HERITAGE_SEARCH_BACKEND"] = "postgres"
    with app.app_context():
        from heritage.services.database import upgrade_schema

        upgrade_schema()
        item = make_item(title="Vecpils dzirnavas")
        engine = search_backend().engine
        with engine.begin() as connection:  # as an older heritage would have left it
            connection.execute(text("DELETE FROM search_document"))
            connection.execute(text("UPDATE search_meta SET value = 0 WHERE key = 'schema'"))
        app.extensions["heritage"].pop("search_backend")  # as a new process would start
        assert [hit.id for hit in search_items("dzirnavas").hits] == [item.id]
        from heritage.extensions import db

        db.session.remove()
        db.engine.dispose()


def _write_some(database: str, first: int, count: int) -> None:
    """One writer process: ``count`` documents, one transaction each (as publishing does)."""
    engine = create_engine(database)
    backend = PostgresBackend(engine)
    for n in range(first, first + count):
        backend.write([doc(n, "kopigs")])
        if n % 7 == 0:
            backend.write([], deleted_ids=[n])
    engine.dispose()


def test_many_processes_write_at_once_without_a_writer_lock(database, backend):
    writers = [multiprocessing.get_context("spawn").Process(target=_write_some,
                                                            args=(database, k * 100, 40))
               for k in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
    assert [w.exitcode for w in writers] == [0, 0, 0, 0]
    expected = {n for k in range(4) for n in range(k * 100, k * 100 + 40) if n % 7}
    assert set(backend.stamps()) == expected
    assert backend.search("kopigs", page_size=1000).total == len(expected)


def _rebuild_forever(database: str) -> None:
    backend = PostgresBackend(create_engine(database))
    while True:
        backend.replace_all(doc(n, "jaunums") for n in range(1500))


@pytest.mark.parametrize("after", [0.5, 1.5, 3.0])
def test_kill_9_during_a_rebuild_leaves_one_whole_generation(database, backend, after):
    backend.write([doc(n) for n in range(50)])
    child = multiprocessing.get_context("spawn").Process(target=_rebuild_forever, args=(database,))
    child.start()
    time.sleep(after)
    totals = {(backend.search("pagasts", page_size=5).total,
               backend.search("jaunums", page_size=5).total) for _ in range(3)}
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    totals.add((backend.search("pagasts", page_size=5).total,
                backend.search("jaunums", page_size=5).total))
    assert totals <= {(50, 0), (0, 1500)}  # never empty, never half
    backend.write([doc(99999, "labots")])
    assert backend.search("labots").total == 1


def test_a_long_text_a_frequent_word_and_stray_nul_characters_are_indexed(backend):
    long_text = "Krāslavas skolā " + " ".join(f"vārds{n % 3000}" for n in range(40_000)) \
        + " beigu teikums " + "atkārtots " * 1000
    backend.write([doc(1, fulltext=long_text), doc(2, fulltext="nulle\x00teksts", title="Nul\x00")])
    assert backend.search('"krāslavas skolā"').total == 1
    assert backend.search("atkārtots").total == 1 and backend.search("beigu").total == 1
    assert backend.search("teksts").hits[0].id == 2


def test_the_vocabulary_follows_every_write(backend):
    backend.write([doc(1, "dzirnavas")])
    assert backend.search("dzirn*").total == 1
    backend.write([doc(2, "dzirnavnieks")])  # another process's write moves the generation too
    assert backend.search("dzirn*").total == 2
    assert backend.search("dzirnavnieka").suggestion is None
    assert backend.search("dzirnavneiks").suggestion == "dzirnavnieks"


def test_counts_kept_per_generation_follow_every_write(backend):
    # which lexemes occur and how many documents have each are cached until the next write
    backend.write([doc(1, "pagasts"), doc(2, "pagasts")])
    assert backend.search("dzirnavas OR pagasts").total == 2
    assert backend.search("dzirnavas", fuzzy=False).total == 0
    backend.write([doc(3, "dzirnavas")])
    assert backend.search("dzirnavas OR pagasts").total == 3
    assert [hit.id for hit in backend.search("dzirnavas", fuzzy=False).hits] == [3]
    backend.write([], deleted_ids=[3])
    assert backend.search("dzirnavas OR pagasts").total == 2


def test_stamps_are_what_verify_index_compares(backend):
    from heritage.search.index import stamp

    documents = [doc(n) for n in range(3)]
    backend.replace_all(documents)
    assert backend.stamps() == {n: stamp(d) for n, d in enumerate(documents)}
    assert pg_index.SCHEMA_VERSION >= 1


@pytest.mark.parametrize("settings, message", [
    ({"HERITAGE_SEARCH_BACKEND": "solr"}, "HERITAGE_SEARCH_BACKEND='solr' is not a search backend"),
    ({"HERITAGE_SEARCH_BACKEND": "postgres"},
     "HERITAGE_SEARCH_BACKEND=postgres needs a PostgreSQL database, but HERITAGE_DATABASE_URL is a "
     "sqlite database: set HERITAGE_DATABASE_URL to postgresql"),
    ({"HERITAGE_SEARCH_BACKEND": "postgres", "HERITAGE_DATABASE_URL": "mysql+pymysql://db/h"},
     "is a mysql database"),
])
def test_the_app_will_not_start_with_search_settings_that_cannot_work(tmp_path, settings, message):
    from heritage import create_app

    with pytest.raises(ValueError, match=re.escape(message)):
        create_app({"TESTING": True, "HERITAGE_INSTANCE": str(tmp_path / "instance"),
                    "HERITAGE_MEDIA_ROOT": str(tmp_path / "media"), **settings})


def test_the_app_starts_with_postgres_search_on_postgres(postgres_server, tmp_path):
    from heritage import create_app

    app = create_app({"TESTING": True, "HERITAGE_INSTANCE": str(tmp_path / "instance"),
                      "HERITAGE_MEDIA_ROOT": str(tmp_path / "media"),
                      "HERITAGE_DATABASE_URL": postgres_server.url("postgres").replace(
                          "postgresql+psycopg://", "postgres://"),
                      "HERITAGE_SEARCH_BACKEND": "postgres"})
    assert app.config["HERITAGE_SEARCH_BACKEND"] == "postgres"
