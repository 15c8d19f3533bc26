"""Alembic environment for heritage: the engine and metadata come from the Flask app.

Logging is left as the application set it up (no fileConfig: it would silence other loggers).
"""
from alembic import context
from flask import current_app

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
    with database.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=database.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
