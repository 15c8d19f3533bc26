"""Bringing the database schema up to date with the migrations."""
from __future__ import annotations

from flask import current_app
from flask_migrate import upgrade


def upgrade_schema() -> None:
    """Apply every migration not yet applied (creates the database on first use)."""
    upgrade(directory=current_app.extensions["migrate"].directory)
