"""Counting item views and downloads without a database write per request."""
from __future__ import annotations

from datetime import date

from heritage.extensions import db
from heritage.models import ItemUse
from heritage.web import usage
from tests.factories import make_item


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
    usage._write_at_exit()
    assert _use(item.id) == (1, 0)
