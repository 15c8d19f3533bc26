"""The migrations create exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from heritage.extensions import db


def test_models_and_migrations_agree(app):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def test_upgrading_twice_changes_nothing(app):
    from heritage.services.database import upgrade_schema
    upgrade_schema()
    assert set(db.inspect(db.engine).get_table_names()) >= {
        "collection", "item", "item_value", "media_file", "page", "alembic_version"}
