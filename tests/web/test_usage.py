"""Counting item views and downloads without a database write per request."""
from __future__ import annotations

from datetime import date

import pytest

from heritage.extensions import db
from heritage.models import ItemUse
from heritage.web import usage
from tests.factories import make_item


@pytest.fixture
def app(tmp_path):
    """An application whose counts are written only when a test says so."""
    from heritage.services.database import upgrade_schema
    from tests.conftest import make_app

    app = make_app(tmp_path)
    app.extensions["heritage_usage"].interval = 3600.0
    with app.app_context():
        upgrade_schema()
        yield app


def _use(item_id):
    db.session.expire_all()
    row = db.session.get(ItemUse, (item_id, date.today()))
    return (row.views, row.downloads) if row else (0, 0)


def test_views_and_downloads_are_counted_and_merged(app, client):
    item = make_item()
    for _ in range(3):
        assert client.get(f"/items/{item.id}").status_code == 200
    assert client.get(f"/items/{item.id}/pages/1/text.txt").status_code == 200
    assert _use(item.id) == (0, 0)  # not yet written: no write per request
    usage.flush()
    assert _use(item.id) == (3, 1)
    client.get(f"/items/{item.id}")
    usage.flush()
    assert _use(item.id) == (4, 1)  # added to the row, not a new one


def test_pages_from_the_page_cache_are_counted(app, client):
    item = make_item()
    client.get(f"/items/{item.id}")
    second = client.get(f"/items/{item.id}")
    assert second.headers.get("X-Heritage-Cache") == "hit"
    usage.flush()
    assert _use(item.id)[0] == 2


def test_robots_head_requests_misses_and_staff_are_not_counted(app, client, staff):
    item = make_item()
    client.get(f"/items/{item.id}", headers={"User-Agent": "Googlebot/2.1"})
    client.head(f"/items/{item.id}")
    client.get("/items/99999")
    staff("cataloguer").get(f"/items/{item.id}")
    usage.flush()
    assert _use(item.id) == (0, 0)


def test_a_resumed_download_counts_once(app, client):
    item = make_item()
    client.get(f"/items/{item.id}/files/0", headers={"Range": "bytes=0-3"})
    client.get(f"/items/{item.id}/files/0", headers={"Range": "bytes=4-"})
    usage.flush()
    assert _use(item.id)[1] == 1


def test_counts_still_waiting_are_written_at_exit(app, client):
    item = make_item()
    client.get(f"/items/{item.id}")
    usage._write_due(everything=True)
    assert _use(item.id) == (1, 0)


def test_the_writer_thread_writes_counts_when_due(app, client):
    import time

    item = make_item()
    app.extensions["heritage_usage"].interval = 0.0
    client.get(f"/items/{item.id}")
    deadline = time.monotonic() + 10
    while _use(item.id) != (1, 0) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _use(item.id) == (1, 0)
