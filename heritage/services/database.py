"""Bringing the database schema up to date with the migrations."""
from __future__ import annotations

import logging

from flask import current_app
from flask_migrate import upgrade


def upgrade_schema() -> None:
    """Apply every migration not yet applied (creates the database on first use)."""
    # Alembic's per-migration INFO lines are noise for a librarian running a command.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with current_app.app_context():
        upgrade(directory=current_app.extensions["migrate"].directory)
