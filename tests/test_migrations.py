"""The migrations create exactly the schema the models describe, on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import downgrade, upgrade

from heritage.extensions import db
from heritage.models import content_key
from tests.conftest import make_app

BEFORE_CONTENT_KEYS = "3c5800a77167"  # 0008, the revision before items had content keys


@pytest.fixture(params=["sqlite", "postgresql"])
def bare_app(request, tmp_path):
    """An application on an empty database of each kind, no migration run yet."""
    url = request.getfixturevalue("postgres_server").database() if request.param == "postgresql" \
        else None
    app = make_app(tmp_path, url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _directory() -> str:
    return current_app.extensions["migrate"].directory


def _differences() -> list:
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_models_and_migrations_agree(bare_app):
    upgrade(directory=_directory())
    assert _differences() == []


def test_upgrading_twice_changes_nothing(bare_app):
    upgrade(directory=_directory())
    upgrade(directory=_directory())
    assert set(db.inspect(db.engine).get_table_names()) >= {
        "collection", "item", "item_value", "media_file", "page", "alembic_version"}


def test_every_migration_goes_down_and_up_again(bare_app):
    upgrade(directory=_directory())
    downgrade(directory=_directory(), revision="base")
    assert set(db.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(directory=_directory())
    assert "content_key" in {c["name"] for c in db.inspect(db.engine).get_columns("item")}


def test_existing_items_get_the_content_key_of_their_files(bare_app):
    upgrade(directory=_directory(), revision=BEFORE_CONTENT_KEYS)
    with db.engine.begin() as connection:
        run = lambda sql, **values: connection.execute(sa.text(sql), values)  # noqa: E731
        run("INSERT INTO collection (id, slug, title, description, created_at) "
            "VALUES (1, 'avizes', 'Avīzes', '', CURRENT_TIMESTAMP)")
        for item_id in (1, 2, 3, 4):
            run("INSERT INTO item (id, collection_id, status, access_level, created_at, "
                "updated_at, access_note) VALUES (:id, 1, 'draft', 'public', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP, '')", id=item_id)
        # item 1: two pages; item 2: the same files made again by hand; item 3: other files;
        # item 4: no files at all
        for item_id, position, sha in [(1, 0, "a" * 64), (1, 1, "b" * 64), (2, 0, "a" * 64),
                                       (2, 1, "b" * 64), (3, 0, "c" * 64)]:
            run("INSERT INTO media_file (item_id, position, original_name, storage_key, sha256, "
                "mime_type, size, created_at) VALUES (:item, :pos, 'x.tif', 'k', :sha, "
                "'image/tiff', 1, CURRENT_TIMESTAMP)", item=item_id, pos=position, sha=sha)
    upgrade(directory=_directory())
    keys = dict(db.session.execute(sa.text("SELECT id, content_key FROM item")).all())
    assert keys == {1: content_key(["a" * 64, "b" * 64]), 2: None, 3: content_key(["c" * 64]),
                    4: None}


def test_the_database_refuses_a_second_item_with_the_same_files(bare_app):
    upgrade(directory=_directory())
    from heritage.models import Collection, Item

    collection = Collection(slug="avizes", title="Avīzes")
    db.session.add(collection)
    db.session.add(Item(collection=collection, content_key=content_key(["a" * 64])))
    db.session.commit()
    db.session.add(Item(collection=collection, content_key=content_key(["a" * 64])))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    # items made by hand have no key, and any number of them may be made
    db.session.add_all([Item(collection=collection), Item(collection=collection)])
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Item.id))) == 3


def test_servers_starting_together_migrate_a_new_postgresql_database_once(postgres_server, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    url = postgres_server.database()
    heritage = Path(sys.executable).with_name("heritage")
    runs = [subprocess.Popen([str(heritage), "db", "upgrade"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, HERITAGE_DATABASE_URL=url,
                                      HERITAGE_INSTANCE=str(tmp_path / f"i{n}")))
            for n in range(4)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def test_the_postgresql_search_tables_are_not_the_migrations_business(postgres_server, tmp_path):
    from heritage.search.pg_index import migrated
    from tests.factories import make_item

    app = make_app(tmp_path, postgres_server.migrated_database())
    app.config["HERITAGE_SEARCH_BACKEND"] = "postgres"
    with app.app_context():
        make_item()  # indexing creates the backend's own tables
        assert {"search_document", "search_meta"} <= set(db.inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": migrated})
            assert compare_metadata(context, db.metadata) == []
        db.session.remove()
        db.engine.dispose()
