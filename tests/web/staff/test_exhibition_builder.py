"""The exhibition builder in the staff workspace: build, reorder, preview, publish."""
from __future__ import annotations

import json

import pytest

from heritage.models import AuditEntry, Exhibition, ExhibitionBlock, ExhibitionPage
from heritage.extensions import db
from tests.factories import make_item

BASE = "/staff/exhibitions"


@pytest.fixture
def coordinator(staff):
    """A signed-in coordinator (allowed to build exhibitions)."""
    return staff("coordinator", branch=None)


def _post_json(signed, url, payload):
    return signed.client.post(url, data=json.dumps(payload), content_type="application/json",
                              headers={"X-CSRFToken": signed.token})


def _build(signed):
    """An exhibition 'ezers' with pages a, b, c; page a has a text, a gallery and a map block."""
    mill, school = make_item(title="Ūdrupes dzirnavas"), make_item(title="Ezerkalnes skola")
    assert signed.post(f"{BASE}/new", {"title": "Ezers", "slug": "ezers", "lang": "lv"}).status_code == 302
    for slug in ("a", "b", "c"):
        assert signed.post(f"{BASE}/ezers/pages", {"title": slug.upper(), "slug": slug}).status_code == 302
    page = db.session.scalar(db.select(ExhibitionPage).where(ExhibitionPage.slug == "a"))
    for kind, body, items in (("text", "Ievads par **ezeru**.", ""),
                              ("gallery", "", f"{mill.id}, {school.id}"), ("map", "", "")):
        response = signed.post(f"{BASE}/page/{page.id}/blocks", {"kind": kind, "body": body, "items": items})
        assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(db.select(Exhibition).where(Exhibition.slug == "ezers")), mill, school


def _ids(rows):
    return [row.id for row in rows]


def test_build_reorder_preview_publish(app, coordinator, client):
    exhibition, mill, school = _build(coordinator)
    assert [p.slug for p in exhibition.pages] == ["a", "b", "c"]
    page = exhibition.pages[0]
    assert [b.kind for b in page.blocks] == ["text", "gallery", "map"]
    gallery = page.blocks[1]
    assert [e.item_id for e in gallery.entries] == [mill.id, school.id]

    # move up / move down by plain forms
    assert coordinator.post(f"{BASE}/page/{exhibition.pages[2].id}/move", {"direction": "up"}).status_code == 302
    db.session.expire_all()
    assert [p.slug for p in exhibition.pages] == ["a", "c", "b"]
    assert coordinator.post(f"{BASE}/block/{page.blocks[0].id}/move", {"direction": "down"}).status_code == 302
    db.session.expire_all()
    assert [b.kind for b in page.blocks] == ["gallery", "text", "map"]
    coordinator.post(f"{BASE}/entry/{gallery.entries[1].id}/move", {"direction": "up"})
    db.session.expire_all()
    assert [e.item_id for e in gallery.entries] == [school.id, mill.id]

    # the JSON order endpoints
    pages = _ids(exhibition.pages)
    response = _post_json(coordinator, f"{BASE}/ezers/order", {"order": pages[::-1]})
    assert response.status_code == 200 and response.get_json()["order"] == pages[::-1]
    db.session.expire_all()
    assert [p.slug for p in exhibition.pages] == ["b", "c", "a"]
    blocks = _ids(page.blocks)
    assert _post_json(coordinator, f"{BASE}/page/{page.id}/order", {"order": blocks[::-1]}).status_code == 200
    entries = _ids(gallery.entries)
    assert _post_json(coordinator, f"{BASE}/block/{gallery.id}/order", {"order": entries[::-1]}).status_code == 200
    db.session.expire_all()
    assert [b.kind for b in page.blocks] == ["map", "text", "gallery"]
    assert [e.item_id for e in gallery.entries] == [mill.id, school.id]

    # caption, and the audit trail
    coordinator.post(f"{BASE}/entry/{gallery.entries[0].id}", {"caption": "Dzirnavas 1937. gadā"})
    audited = {(e.object_type, e.action) for e in db.session.scalars(db.select(AuditEntry))}
    assert {("exhibition", "create"), ("exhibition_page", "create"), ("exhibition_block", "create"),
            ("exhibition", "reorder"), ("exhibition_page", "reorder"), ("exhibition_block", "reorder"),
            ("exhibition_block", "edit")} <= audited

    # the draft is invisible to the public, visible in the preview
    assert client.get("/exhibitions/ezers").status_code == 404
    assert client.get("/exhibitions/ezers/a").status_code == 404
    assert "Ezers" not in client.get("/exhibitions").get_data(as_text=True)
    preview = coordinator.get(f"{BASE}/ezers/preview/a?lang=en")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Preview — not published" in html and "Dzirnavas 1937. gadā" in html
    assert "<strong>ezeru</strong>" in html
    assert f'href="{BASE}/ezers/preview/b"' in html and 'href="/exhibitions/ezers/' not in html
    assert coordinator.get(f"{BASE}/ezers/preview").status_code == 302
    assert coordinator.get(f"{BASE}/ezers/preview/print").status_code == 200

    # publish: the public page shows it; unpublish hides it again
    assert coordinator.post(f"{BASE}/ezers/status", {"publish": "1"}).status_code == 302
    public = client.get("/exhibitions/ezers/a")
    assert public.status_code == 200 and "Dzirnavas 1937. gadā" in public.get_data(as_text=True)
    coordinator.post(f"{BASE}/ezers/status", {"publish": "0"})
    assert client.get("/exhibitions/ezers/a").status_code == 404


@pytest.mark.parametrize("payload, named", [
    ({"order": "FIRST"}, "missing"),
    ({"order": "UNKNOWN"}, "unknown"),
    ({"order": "MISSING"}, "missing"),
    ({"order": "DUPLICATE"}, "duplicates"),
    ({}, "missing"),
])
def test_a_bad_order_is_refused_naming_the_ids(app, coordinator, payload, named):
    exhibition, _mill, _school = _build(coordinator)
    ids = _ids(exhibition.pages)
    order = {"FIRST": ids[:1], "UNKNOWN": ids + [99999], "MISSING": ids[:-1],
             "DUPLICATE": ids + [ids[0]]}.get(payload.get("order"))
    response = _post_json(coordinator, f"{BASE}/ezers/order", {"order": order} if payload else {})
    assert response.status_code == 400
    body = response.get_json()
    assert body[named], body
    expected = {"unknown": [99999], "missing": ids[-1:] if payload.get("order") == "MISSING" else None,
                "duplicates": [ids[0]]}.get(named)
    if expected:
        assert body[named] == expected
    db.session.expire_all()
    assert [p.slug for p in exhibition.pages] == ["a", "b", "c"]  # nothing changed


def test_an_order_post_without_csrf_header_is_refused(app, coordinator):
    _build(coordinator)
    response = coordinator.client.post(f"{BASE}/ezers/order", data=json.dumps({"order": []}),
                                       content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("url, data, field, text", [
    ("/new", {"title": "X", "slug": "Bad Slug"}, "new-slug", "Bad Slug"),
    ("/new", {"title": "X", "slug": "ezers"}, "new-slug", "already taken"),
    ("/new", {"title": "", "slug": "jauna"}, "new-title", "exhibition title"),
    ("/ezers/pages", {"title": "D", "slug": "a"}, "new-page-slug", "already used"),
    ("/ezers/pages", {"title": "D", "slug": "print"}, "new-page-slug", "reserved"),
    ("/ezers", {"title": "Ezers", "slug": "ezers", "lang": "lv", "cover_item": "4242"},
     "details-cover_item", "4242"),
    ("/ezers", {"title": "Ezers", "slug": "-x-", "lang": "lv"}, "details-slug", "-x-"),
    ("/ezers", {"title": "Ezers", "slug": "ezers", "lang": "latviski!"}, "details-lang", "latviski!"),
    ("PAGE/blocks", {"kind": "gallery", "body": "Mana galerija", "items": ""}, "new-block-items",
     "at least 1 item"),
    ("PAGE/blocks", {"kind": "item", "body": "Mans teksts", "items": "777 abc"}, "new-block-items",
     "777"),
    ("PAGE/blocks", {"kind": "text", "body": "  "}, "new-block-body", "text"),
    ("PAGE/blocks", {"kind": "poem", "body": "x"}, "new-block-kind", "poem"),
])
def test_bad_input_is_refused_naming_the_field_and_keeping_the_text(app, coordinator, url, data,
                                                                    field, text):
    exhibition, _mill, _school = _build(coordinator)
    before = db.session.scalar(db.select(db.func.count(AuditEntry.id)))
    url = url.replace("PAGE", f"/page/{exhibition.pages[0].id}")
    response = coordinator.post(f"{BASE}{url}?lang=en", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'role="alert"' in html and text in html
    assert f'id="{field}"' in html
    tag = html[html.index(f'id="{field}"') - 12:].split(">", 1)[0]
    assert 'aria-invalid="true"' in tag
    for value in data.values():  # nothing typed is lost
        if value.strip():
            assert value in html
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == before


def test_adding_items_adds_the_good_ids_and_names_the_bad(app, coordinator):
    exhibition, mill, school = _build(coordinator)
    gallery = exhibition.pages[0].blocks[1]
    third = make_item(title="Vēstule")
    response = coordinator.post(f"{BASE}/block/{gallery.id}/items?lang=en",
                                {"items": f"{third.id} 9999 nav"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "9999" in html and "nav" in html
    db.session.expire_all()
    assert [e.item_id for e in gallery.entries] == [mill.id, school.id, third.id]


def test_title_search_finds_items_and_adds_them_to_a_chosen_block(app, coordinator):
    exhibition, mill, school = _build(coordinator)
    page = exhibition.pages[0]
    html = coordinator.get(f"{BASE}/page/{page.id}?q=dzirnav").get_data(as_text=True)
    found = html[html.index('id="find-heading"'):]
    assert "Ūdrupes dzirnavas" in found and "Ezerkalnes skola" not in found
    map_block = page.blocks[2]
    assert coordinator.post(f"{BASE}/page/{page.id}/add-found",
                            {"items": str(mill.id), "block": str(map_block.id)}).status_code == 302
    db.session.expire_all()
    assert [e.item_id for e in map_block.entries] == [mill.id]


def test_removing_and_deleting(app, coordinator):
    exhibition, mill, school = _build(coordinator)
    page = exhibition.pages[0]
    gallery = page.blocks[1]
    assert coordinator.post(f"{BASE}/entry/{gallery.entries[0].id}/remove").status_code == 302
    db.session.expire_all()
    # the last item of a gallery stays: the block would be empty
    last = coordinator.post(f"{BASE}/entry/{gallery.entries[0].id}/remove?lang=en")
    assert last.status_code == 400 and "delete the whole block" in last.get_data(as_text=True)
    assert coordinator.post(f"{BASE}/block/{gallery.id}/delete").status_code == 302
    db.session.expire_all()
    assert [b.kind for b in page.blocks] == ["text", "map"]
    assert [b.position for b in page.blocks] == [0, 1]
    confirm = coordinator.get(f"{BASE}/page/{page.id}/delete")
    assert confirm.status_code == 200 and 'method="post"' in confirm.get_data(as_text=True)
    assert coordinator.post(f"{BASE}/page/{page.id}/delete").status_code == 302
    db.session.expire_all()
    assert [p.slug for p in exhibition.pages] == ["b", "c"]
    assert db.session.scalar(db.select(db.func.count(ExhibitionBlock.id))) == 0


def test_editing_the_description_and_page(app, coordinator):
    exhibition, mill, _school = _build(coordinator)
    from heritage.services.collections import ensure_collection
    ensure_collection("testa-kolekcija")
    response = coordinator.post(f"{BASE}/ezers", {
        "title": "Ezers un dzirnavas", "slug": "ezers-un-dzirnavas", "summary": "Stāsts.",
        "credits": "Ezerkalnes bibliotēka", "lang": "ltg", "featured": "on",
        "cover_item": str(mill.id), "collections": "testa-kolekcija", "branch": ""})
    assert response.status_code == 302 and response.headers["Location"].endswith("/ezers-un-dzirnavas")
    db.session.expire_all()
    assert (exhibition.slug, exhibition.lang, exhibition.featured, exhibition.cover_item_id) == \
        ("ezers-un-dzirnavas", "ltg", True, mill.id)
    assert [c.slug for c in exhibition.collections] == ["testa-kolekcija"]
    page = exhibition.pages[0]
    assert coordinator.post(f"{BASE}/page/{page.id}", {"title": "Sākums", "slug": "sakums"}).status_code == 302
    db.session.expire_all()
    assert (page.title, page.slug) == ("Sākums", "sakums")
    fields = {e.field for e in db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "edit"))}
    assert {"slug", "title", "lang", "featured", "cover_item", "collections"} <= fields


def test_pages_of_the_builder_render(app, coordinator):
    exhibition, _mill, _school = _build(coordinator)
    assert coordinator.get(f"{BASE}/").status_code == 200
    edit = coordinator.get(f"{BASE}/ezers").get_data(as_text=True)
    assert 'data-order-url="/staff/exhibitions/ezers/order"' in edit and 'aria-live="polite"' in edit
    page = coordinator.get(f"{BASE}/page/{exhibition.pages[0].id}").get_data(as_text=True)
    assert "staff-exhibitions.js" in page and 'name="direction" value="down"' in page


@pytest.mark.parametrize("method, url", [("GET", "/"), ("POST", "/new"), ("GET", "/ezers"),
                                         ("GET", "/ezers/preview/a"), ("POST", "/ezers/order")])
def test_a_cataloguer_is_refused(app, coordinator, staff, method, url):
    _build(coordinator)
    cataloguer = staff("cataloguer")
    response = (cataloguer.get(f"{BASE}{url}") if method == "GET"
                else cataloguer.post(f"{BASE}{url}", {"title": "X", "slug": "x"}))
    assert response.status_code == 403
