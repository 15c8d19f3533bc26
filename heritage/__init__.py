"""heritage: a local-history digital archive for networks of public libraries."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from . import config as settings

__version__ = "0.1.0"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the heritage application: settings, extensions, blueprints, CLI groups."""
    values = _load_settings(test_config or {})
    instance = Path(values["HERITAGE_INSTANCE"]).resolve()
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True)
    app.config.update(values)
    _derive_settings(app, instance)
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _load_settings(test_config: Mapping[str, Any]) -> dict[str, Any]:
    """Defaults, then the instance config.py, then the environment, then test_config."""
    values = settings.defaults()
    environment = settings.from_environment()
    instance = test_config.get("HERITAGE_INSTANCE") or environment.get("HERITAGE_INSTANCE") \
        or values["HERITAGE_INSTANCE"]
    values.update(_instance_file(Path(instance) / "config.py"))
    values.update(environment)
    values.update(test_config)
    return values


def _instance_file(path: Path) -> dict[str, Any]:
    """Upper-case names defined in the instance config.py, if it exists."""
    if not path.is_file():
        return {}
    namespace: dict[str, Any] = {"__file__": str(path)}
    exec(compile(path.read_bytes(), str(path), "exec"), namespace)
    return {k: v for k, v in namespace.items() if k.isupper()}


def _derive_settings(app: Flask, instance: Path) -> None:
    """Fill settings whose defaults depend on the instance folder, and Flask's own keys."""
    config = app.config
    config["HERITAGE_INSTANCE"] = str(instance)
    config["HERITAGE_MEDIA_ROOT"] = str(Path(config["HERITAGE_MEDIA_ROOT"]).resolve())
    from .storage import check_media_settings

    check_media_settings(config)  # a wrong backend or bucket fails here, not at the first file
    config["HERITAGE_DATABASE_URL"] = config["HERITAGE_DATABASE_URL"] \
        or f"sqlite:///{instance / 'heritage.sqlite3'}"
    config["HERITAGE_INDEX_DIR"] = str(Path(config["HERITAGE_INDEX_DIR"] or instance / "index"))
    config["HERITAGE_SECRET_KEY"] = config["HERITAGE_SECRET_KEY"] or _secret_key(instance)
    config["HERITAGE_DATABASE_URL"] = _database_url(config["HERITAGE_DATABASE_URL"])
    from .search.backend import check_search_settings

    check_search_settings(config)  # a wrong search backend fails here, not at the first search
    config.setdefault("SQLALCHEMY_DATABASE_URI", config["HERITAGE_DATABASE_URL"])
    if not config["HERITAGE_DATABASE_URL"].startswith("sqlite"):
        # a server may restart under long-lived workers: test a pooled connection before use
        config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    config["SECRET_KEY"] = config["HERITAGE_SECRET_KEY"]
    config["BABEL_DEFAULT_LOCALE"] = config["HERITAGE_DEFAULT_LOCALE"]
    config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(__file__).parent / "translations")
    # Flask has its own defaults for these keys, so they are set, not defaulted
    secure = config["HERITAGE_SECURE_COOKIES"]
    config.update(SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True,
                  SESSION_COOKIE_SECURE=secure, REMEMBER_COOKIE_SECURE=secure,
                  REMEMBER_COOKIE_HTTPONLY=True,
                  PERMANENT_SESSION_LIFETIME=timedelta(hours=config["HERITAGE_SESSION_HOURS"]),
                  MAX_CONTENT_LENGTH=config["HERITAGE_UPLOAD_MAX_MB"] * 1024 * 1024,
                  # a form may stay open all morning: the token lasts as long as the session
                  WTF_CSRF_TIME_LIMIT=None)
    config["HERITAGE_UPLOAD_DIR"] = str(Path(config["HERITAGE_UPLOAD_DIR"] or instance / "uploads"))


def _secret_key(instance: Path) -> str:
    """The instance's own signing key, created on first use."""
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made earlier, or by a process starting at the same time
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def _init_extensions(app: Flask) -> None:
    from .extensions import babel, csrf, db, login_manager, migrate
    from .web.i18n import select_locale

    db.init_app(app)
    with app.app_context():
        _sqlite_write_ahead(db.engine)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    # heritage never sets remember-me cookies (a sign-in ends with its session), so
    # Flask-Login's hook that would refresh one only made every response read the session
    hooks = app.after_request_funcs.get(None, [])
    hooks[:] = [hook for hook in hooks if getattr(hook, "__name__", "") != "_update_remember_cookie"]
    csrf.init_app(app)


def _database_url(url: str) -> str:
    """The URL with PostgreSQL's driver made explicit: heritage ships psycopg 3.

    ``postgres://`` (as hosting services write it) and ``postgresql://`` would otherwise
    ask SQLAlchemy for psycopg2, which is not installed.

    >>> _database_url("postgres://archive@db/heritage")
    'postgresql+psycopg://archive@db/heritage'
    """
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def _sqlite_write_ahead(engine) -> None:
    """SQLite in write-ahead mode, so readers in other workers never wait for a writer.

    In the default journal mode a write (an ingest, a publish, the usage counts) locks the
    whole file, and every page being rendered in the other server processes stalls behind
    it. PostgreSQL needs nothing of the kind.
    """
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _write_ahead(connection, _record):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def _register_blueprints(app: Flask) -> None:
    from .web import register

    register(app)
