"""Fixtures shared by every test folder: an app built through the factory on tmp_path."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

def make_app(root: Path, database_url: str | None = None):
    """An application with its own database, index and media store under ``root``.

    ``database_url`` puts the database elsewhere (a PostgreSQL database of the test server).
    """
    config = {
        "TESTING": True,
        "HERITAGE_INSTANCE": str(root / "instance"),
        "HERITAGE_MEDIA_ROOT": str(root / "media"),
        "HERITAGE_OCR_WORKERS": 1,
        "HERITAGE_MAP_TILES": "",  # no request leaves the machine in tests
    }
    if database_url:
        config["HERITAGE_DATABASE_URL"] = database_url
    return create_app(config)


def app_on(request, tmp_path, database: str):
    """Yield an application in its context, on ``database`` ("sqlite" or "postgresql")."""
    database_url = None
    if database == "postgresql":
        database_url = request.getfixturevalue("postgres_server").migrated_database()
    app = make_app(tmp_path, database_url)
    with app.app_context():
        upgrade_schema()
        yield app
        if database_url:
            from heritage.extensions import db
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(request, tmp_path):
    """An application with its own database, index and media store under tmp_path.

    The database is SQLite; the service tests run on PostgreSQL too (tests/services/conftest.py),
    and ``HERITAGE_TEST_DATABASE=postgres`` puts every test on a new PostgreSQL database.
    """
    database = "postgresql" if os.environ.get("HERITAGE_TEST_DATABASE") == "postgres" else "sqlite"
    yield from app_on(request, tmp_path, database)


@pytest.fixture
def client(app):
    """A test client of ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A click runner for the ``heritage`` command bound to ``app``."""
    return app.test_cli_runner()


@pytest.fixture
def shared_dir():
    """The shared/ folder beside the checkout; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def staff(app):
    """A factory of signed-in clients: ``staff("coordinator")`` or ``staff("cataloguer", branch=...)``."""
    from heritage.web.staff.auth import login_limiter
    from tests.factories import StaffClient, make_user

    login_limiter.reset()

    def signed_in(role: str = "cataloguer", username: str | None = None,
                  branch: str | None = "ezerkalne") -> StaffClient:
        return StaffClient(app, make_user(role, username, branch))
    return signed_in


# The real PostgreSQL, Redis and S3 servers of the scale-out tests (tests/servers.py).
from tests.servers import S3Server, postgres_server, redis_server, s3_environment, s3_server  # noqa: E402,F401,E501


def pytest_configure(config):
    """Give the whole test process the test S3 server's credentials from the start.

    Worker processes made by a forkserver inherit the environment the forkserver started
    with, which is the first test's to need one; a test that sets the variables later would
    leave those workers without credentials. (Tests of missing credentials unset them.)
    """
    for name, value in S3Server.credentials().items():
        os.environ.setdefault(name, value)
