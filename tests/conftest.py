"""Fixtures shared by every test folder: an app built through the factory on tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

def make_app(root: Path):
    """An application with its own database, index and media store under ``root``."""
    return create_app({
        "TESTING": True,
        "HERITAGE_INSTANCE": str(root / "instance"),
        "HERITAGE_MEDIA_ROOT": str(root / "media"),
        "HERITAGE_OCR_WORKERS": 1,
        "HERITAGE_MAP_TILES": "",  # no request leaves the machine in tests
    })


@pytest.fixture
def app(tmp_path):
    """An application with its own database, index and media store under tmp_path."""
    app = make_app(tmp_path)
    with app.app_context():
        upgrade_schema()
        yield app


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
