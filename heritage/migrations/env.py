"""Alembic environment for heritage: the engine and metadata come from the Flask app.

Logging is left as the application set it up (no fileConfig: it would silence other loggers).
"""
from alembic import context
from flask import current_app
from sqlalchemy import text

from heritage.search.pg_index import migrated

LOCK = 0x6865726974616765  # the advisory lock's number: "heritage" in ASCII

config = context.config
database = current_app.extensions["migrate"].db
config.set_main_option("sqlalchemy.url",
                       database.engine.url.render_as_string(hide_password=False).replace("%", "%%"))


def run_migrations_offline():
    """Write the SQL of the migrations instead of running them (``heritage db upgrade --sql``)."""
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=database.metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run the migrations on the application's database."""
    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("render_as_batch", True)  # SQLite can only ALTER through batches
    conf_args.setdefault("include_name", migrated)
    with database.engine.connect() as connection:
        locked = _lock(connection)
        try:
            context.configure(connection=connection, target_metadata=database.metadata,
                              **conf_args)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if locked:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK})
                connection.commit()


def _lock(connection) -> bool:
    """On PostgreSQL, wait for any other process migrating the same database to finish.

    Web servers and workers starting together each bring the schema up to date; with the lock
    one migrates and the others then find the version at head. SQLite's write lock already
    serialises them.
    """
    if connection.dialect.name != "postgresql":
        return False
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK})
    connection.commit()
    return True


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
