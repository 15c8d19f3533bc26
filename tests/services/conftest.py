"""The services are the archive's capabilities: their tests run on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest

from tests.conftest import app_on


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, tmp_path):
    """An application on an SQLite file, then on a database of the PostgreSQL test server."""
    yield from app_on(request, tmp_path, request.param)
