"""Rendered public pages are kept until the archive changes, and text is sent gzipped."""
from __future__ import annotations

import gzip
import sqlite3

import pytest
from flask_babel import refresh

from heritage.extensions import db
from heritage.web.pagecache import Page, PageCache, page_cache
from tests.conftest import make_app
from tests.factories import make_item


def test_a_page_is_rendered_once_and_then_served_from_memory_with_its_etag(app, client):
    item = make_item(title="Krāslavas skola")
    first = client.get(f"/items/{item.id}")
    second = client.get(f"/items/{item.id}")
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]
    assert page_cache().hits == 1
    revisit = client.get(f"/items/{item.id}", headers={"If-None-Match": first.headers["ETag"]})
    assert revisit.status_code == 304 and revisit.data == b""


def test_a_change_committed_here_shows_at_once(app, client):
    from heritage.services.items import update_item, withdraw_item

    item = make_item(title="Vecais nosaukums")
    assert "Vecais nosaukums" in client.get(f"/items/{item.id}").get_data(True)
    assert "Vecais nosaukums" in client.get("/").get_data(True)
    record = item.record
    record.values["title"][0] = type(record.values["title"][0])("Jaunais nosaukums", "lv")
    update_item(item.id, record)
    assert "Jaunais nosaukums" in client.get(f"/items/{item.id}").get_data(True)
    assert "Jaunais nosaukums" in client.get("/").get_data(True)
    withdraw_item(item.id)
    assert client.get(f"/items/{item.id}").status_code == 404


@pytest.fixture
def rechecking_app(tmp_path):
    """An app that looks at the database for other processes' changes on every request."""
    from heritage.services.database import upgrade_schema

    app = make_app(tmp_path)
    app.config["HERITAGE_PAGE_CACHE_RECHECK"] = 0
    with app.app_context():
        upgrade_schema()
        app.extensions["heritage_page_cache"].recheck = 0
        yield app


def test_a_change_made_by_another_process_is_noticed_from_the_database(rechecking_app, tmp_path):
    client = rechecking_app.test_client()
    item = make_item(title="Publicēts")
    assert client.get(f"/items/{item.id}").status_code == 200
    # another process (a second server, the CLI) withdraws it behind this one's back
    with sqlite3.connect(tmp_path / "instance" / "heritage.sqlite3") as other:
        other.execute("UPDATE item SET status = 'withdrawn', updated_at = '2999-01-01 00:00:00' "
                      "WHERE id = ?", (item.id,))
    db.session.rollback()  # as each real request does: this test's app context outlives them
    assert client.get(f"/items/{item.id}").status_code == 404


def test_a_reindex_by_another_process_is_noticed_from_the_index(app, client):
    from heritage.search.index import write_documents
    from heritage.services import search_index
    from heritage.services.items import search_document

    item = make_item(title="Dzirnavas", texts=("Ūdensdzirnavas pie ezera.",))
    assert "Dzirnavas" in client.get("/search?q=dzirnavas").get_data(True)
    # the index alone changes (as a rebuild in another process does): no commit here
    write_documents(search_index(), [], deleted_ids=[item.id])
    assert "Dzirnavas" not in client.get("/search?q=dzirnavas").get_data(True)
    write_documents(search_index(), [search_document(item)])
    assert "Dzirnavas" in client.get("/search?q=dzirnavas").get_data(True)


def test_each_interface_language_has_its_own_copy(app, client):
    assert '<html lang="lv">' in client.get("/").get_data(True)
    refresh()  # the test app context outlives requests, and Flask-Babel keeps the locale in it
    client.set_cookie("heritage_lang", "en")
    assert '<html lang="en">' in client.get("/").get_data(True)
    refresh()
    client.delete_cookie("heritage_lang")
    assert '<html lang="lv">' in client.get("/").get_data(True)


@pytest.mark.parametrize("url, cookies", [
    ("/items/424242", {}),                      # errors are never kept
    ("/", {"session": "abc"}),                  # a signed-in user's pages are their own
    ("/api/collections", {}),                   # not a catalogue page
])
def test_what_is_never_kept(app, client, url, cookies):
    for name, value in cookies.items():
        client.set_cookie(name, value)
    client.get(url)
    client.get(url)
    assert page_cache().hits == 0


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("HERITAGE_PAGE_CACHE_MB", "0")
    off = make_app(tmp_path)
    assert "heritage_page_cache" not in off.extensions


def test_the_least_recently_used_pages_go_first_past_the_limit():
    cache = PageCache(limit=8 * 100, recheck=1)
    page = Page(b"x" * 100, "text/html", "e", "lv")
    for n in range(9):
        cache.put(("/p", str(n)), 1, page)
    assert cache.get(("/p", "0"), 1) is None and cache.get(("/p", "8"), 1) is page
    assert cache.get(("/p", "8"), 2) is None  # another change number: not this page


def test_pages_are_sent_gzipped_to_clients_that_accept_it(app, client):
    make_item(title="Krāslavas skola")
    plain = client.get("/")
    packed = client.get("/", headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers and "Accept-Encoding" in plain.headers["Vary"]
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert packed.headers["ETag"] != plain.headers["ETag"]  # a strong ETag names one body


def test_scripts_and_styles_are_compressed_once_per_file(app, client):
    for url in ("/vendor/openseadragon/openseadragon.min.js", "/static/heritage.css"):
        plain = client.get(url)
        packed = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 2
        plain.close(), packed.close()


def test_small_bodies_are_sent_as_they_are(app, client):
    response = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers and response.data == b"ok\n"


@pytest.mark.parametrize("url", ["/", "/static/heritage.css"])
def test_a_browser_revisiting_with_the_gzip_variants_tag_gets_a_304(app, client, url):
    make_item(title="Krāslavas skola")
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers["ETag"].endswith('-gz"')
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
