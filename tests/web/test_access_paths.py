"""Access levels enforced in every public path: pages, files, API, OAI-PMH, search, the cache."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heritage.cli import cli
from heritage.extensions import db
from heritage.models import Item
from heritage.services import media_store
from heritage.services.items import index_items
from heritage.services.search import search_items
from tests.factories import make_item

READING_ROOM = {"REMOTE_ADDR": "10.20.1.5"}
OUTSIDE = {"REMOTE_ADDR": "192.0.2.7"}
LEVELS = ["public", "metadata_only", "reading_room", "staff", "embargo"]
YESTERDAY, LATER = date.today() - timedelta(days=1), date.today() + timedelta(days=60)


@pytest.fixture
def rr_app(app):
    """The app with one reading-room network."""
    app.config["HERITAGE_READING_ROOM_IPS"] = ["10.20.0.0/16"]
    return app


def closed_item(level: str, *, until: date | None = None, file_levels=(None, None),
                reason: str | None = None, note: str = "", status: str = "published",
                texts=("Pirmā lapa: zvejnieku ciems.", "Otrā lapa: laivu darbnīca.")) -> Item:
    """A two-file item at ``level``, its files at ``file_levels``, saved and indexed."""
    item = make_item(title="Ezera stāsts", texts=texts, status=status)
    item.access_level, item.embargo_until = level, until
    item.access_reason, item.access_note = reason, note
    for media, own in zip(item.media_files, file_levels):
        media.access_level = own
    db.session.commit()
    index_items([item])
    return item


# --- every route, every level (property-based) -------------------------------------------------

#: What to fill each URL argument of an item route with (a new argument fails the test).
FILL = {"item_id": None, "sequence": [1, 2], "position": [0, 1], "kind": ["web", "thumb"],
        "level": [0], "col": [0], "row": [0], "fmt": ["ris"], "recording_id": None,
        "number": [0]}
#: Arguments an endpoint takes other values of
FILL_FOR = {"public.recording_transcript": {"fmt": ["vtt", "srt", "txt"]}}
FILE_ENDPOINTS = {"public.page_image", "public.page_zoom", "public.page_tile",
                  "public.page_hits_json", "public.page_text", "public.page_alto",
                  "public.original_file"}
RECORDING_ENDPOINTS = {"public.recording_copy", "public.recording_transcript",
                       "public.recording_index", "public.recording_peaks",
                       "public.recording_poster"}


def item_routes(app, item_id: int, recording_id: int | None = None
                ) -> list[tuple[str, str, int | None]]:
    """(endpoint, url, file index) for every public and API route about one item.

    Routes of a recording are left out unless ``recording_id`` names one.
    """
    from itertools import product

    from flask import url_for
    routes = []
    for rule in app.url_map.iter_rules():
        if "item_id" not in rule.arguments or not rule.endpoint.startswith(("public.", "api.")):
            continue
        assert rule.arguments <= set(FILL), f"fill the arguments of {rule.rule} in FILL"
        if "recording_id" in rule.arguments and recording_id is None:
            continue
        names = sorted(rule.arguments - {"item_id", "recording_id"})
        fill = {**FILL, **FILL_FOR.get(rule.endpoint, {})}
        for values in product(*(fill[name] for name in names)):
            given = dict(zip(names, values))
            extra = {"recording_id": recording_id} if "recording_id" in rule.arguments else {}
            with app.test_request_context():
                url = url_for(rule.endpoint, item_id=item_id, **extra, **given)
            index = given.get("sequence", given.get("position", -1) + 1) - 1
            routes.append((rule.endpoint, url, index if index >= 0 else None))
    return routes


def expected_open(item_level, file_level, embargo_past, reading_room) -> str:
    """The oracle: 'hidden', 'open' or 'closed', written apart from heritage.services.access."""
    def today(level):
        return "public" if level == "embargo" and embargo_past else level
    levels = [today(item_level)] + ([today(file_level)] if file_level else [])
    if "staff" in levels:
        return "hidden"
    allowed = all(lv == "public" or (lv == "reading_room" and reading_room) for lv in levels)
    return "open" if allowed else "closed"


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(level=st.sampled_from(LEVELS), files=st.tuples(*[st.sampled_from([None, *LEVELS])] * 2),
       embargo_past=st.booleans(), reading_room=st.booleans(),
       status=st.sampled_from(["published", "published", "draft"]))
def test_every_route_answers_a_file_only_when_the_policy_allows(rr_app, level, files,
                                                                embargo_past, reading_room, status):
    item = closed_item(level, until=YESTERDAY if embargo_past else LATER, file_levels=files,
                       status=status)
    originals = [media_store().open(m.storage_key).read() for m in item.media_files]
    client = rr_app.test_client()
    environ = READING_ROOM if reading_room else OUTSIDE
    described = status == "published" and expected_open(level, None, embargo_past, True) != "hidden"
    for endpoint, url, index in item_routes(rr_app, item.id):
        response = client.get(url, environ_base=environ)
        assert response.status_code != 500, url
        if not described:
            assert response.status_code == 404, url
            continue
        if endpoint not in FILE_ENDPOINTS:
            assert response.status_code == 200, url
            continue
        verdict = expected_open(level, files[index], embargo_past, reading_room)
        if verdict == "open":
            # an OCR'd page may have no ALTO: not found, but never refused
            assert response.status_code in ((200, 404) if endpoint == "public.page_alto"
                                            else (200,)), url
        else:
            assert response.status_code == (404 if verdict == "hidden" else 403), url
            assert not any(original in response.data for original in originals), url
        if reading_room and response.status_code == 200:
            assert "private" in response.headers.get("Cache-Control", ""), url


# --- the item page tells why ------------------------------------------------------------------

@pytest.mark.parametrize("level, until, words", [
    ("reading_room", None, "can be seen only in the reading rooms"),
    ("metadata_only", None, "Only the description of this item is available"),
    ("embargo", LATER, f"closed until {LATER.isoformat()}"),
    ("embargo", None, "closed until further notice"),
])
def test_the_item_page_says_why_the_files_are_closed(client, level, until, words):
    item = closed_item(level, until=until, reason="privacy", note="Pēc ģimenes lūguma.")
    html = client.get(f"/items/{item.id}?lang=en").get_data(as_text=True)
    assert words in html
    assert "protection of personal data (GDPR)" in html and "Pēc ģimenes lūguma." in html
    assert f"/items/{item.id}/pages/1/web.jpg" not in html
    assert f"/items/{item.id}/files/0" not in html and "Pirmā lapa" not in html


def test_a_public_item_has_no_notice_and_a_closed_file_only_its_own(client):
    item = closed_item("public", file_levels=(None, "metadata_only"), reason="copyright")
    first = client.get(f"/items/{item.id}?lang=en").get_data(as_text=True)
    assert "access-notice" not in first and f"/items/{item.id}/pages/1/web.jpg" in first
    assert f"/items/{item.id}/files/0" in first and f"/items/{item.id}/files/1" not in first
    second = client.get(f"/items/{item.id}?page=2&lang=en").get_data(as_text=True)
    assert "This page is not shown" in second and "Otrā lapa" not in second
    assert f"/items/{item.id}/pages/2/web.jpg" not in second


def test_a_staff_only_item_is_not_found_anywhere(client):
    item = closed_item("staff")
    for url in (f"/items/{item.id}", f"/api/items/{item.id}", f"/items/{item.id}/files/0",
                f"/items/{item.id}/pages/1/web.jpg", f"/items/{item.id}/pages/1/hits.json"):
        assert client.get(url).status_code == 404, url


def test_a_closed_file_answers_403_with_the_reason_page(client):
    item = closed_item("embargo", until=LATER, reason="donor_terms")
    response = client.get(f"/items/{item.id}/pages/1/web.jpg?lang=en")
    assert response.status_code == 403 and response.mimetype == "text/html"
    assert "the terms agreed with the donor" in response.get_data(as_text=True)


# --- the API ----------------------------------------------------------------------------------

def test_the_api_gives_the_restriction_and_no_text_or_links_of_closed_files(client):
    item = closed_item("embargo", until=LATER, reason="copyright", note="Līdz autortiesību beigām.")
    found = client.get(f"/api/items/{item.id}").get_json()
    assert found["access"] == "embargo"
    assert found["access_restriction"] == {"level": "embargo", "reason": "copyright",
                                           "note": "Līdz autortiesību beigām.",
                                           "until": LATER.isoformat()}
    assert all(p["text"] is None and p["images"] is None and p["files"] is None
               for p in found["pages"])


def test_the_viewer_json_refuses_in_the_api_error_shape(client):
    item = closed_item("metadata_only")
    response = client.get(f"/items/{item.id}/pages/1/hits.json?q=zvejnieku")
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["status"] == 403 and error["code"] == "files_closed"
    assert "only the description is public" in error["message"]


def test_the_api_opens_reading_room_pages_to_the_reading_room(rr_app):
    item = closed_item("reading_room")
    inside = rr_app.test_client().get(f"/api/items/{item.id}", environ_base=READING_ROOM)
    outside = rr_app.test_client().get(f"/api/items/{item.id}", environ_base=OUTSIDE)
    assert inside.get_json()["pages"][0]["text"] == "Pirmā lapa: zvejnieku ciems."
    assert inside.get_json()["access_restriction"] is None
    assert "private" in inside.headers["Cache-Control"]
    assert outside.get_json()["pages"][0]["text"] is None
    assert outside.get_json()["access_restriction"]["level"] == "reading_room"


# --- OAI-PMH ----------------------------------------------------------------------------------

@pytest.mark.parametrize("level", ["metadata_only", "reading_room", "embargo"])
def test_oai_harvests_the_description_of_described_items_without_file_links(client, level):
    item = closed_item(level, until=LATER)
    xml = client.get(f"/oai?verb=GetRecord&metadataPrefix=oai_dc"
                     f"&identifier=oai:heritage.local:{item.id}").get_data(as_text=True)
    assert "Ezera stāsts" in xml and 'status="deleted"' not in xml
    assert "/pages/" not in xml and "/files/" not in xml


def test_oai_does_not_describe_staff_only_items(client):
    item = closed_item("staff")
    listed = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc").get_data(as_text=True)
    assert "Ezera stāsts" not in listed
    assert f"oai:heritage.local:{item.id}" not in listed or 'status="deleted"' in listed


# --- search -----------------------------------------------------------------------------------

def hits(word: str) -> list:
    return search_items(word).hits


@pytest.mark.parametrize("level", ["metadata_only", "reading_room", "embargo"])
def test_closed_items_are_found_by_title_but_not_by_their_text(app, level):
    item = closed_item(level, until=LATER, texts=("Lapā vārds mežsargs.",))
    assert [hit.id for hit in hits("Ezera")] == [item.id]
    assert hits("mežsargs") == []


def test_text_of_a_file_closed_on_its_own_is_never_found_or_snippeted(client):
    item = closed_item("public", file_levels=(None, "staff"),
                       texts=("Atklātā lapā vārds biškopis.", "Slēgtā lapā vārds kalējs."))
    assert [hit.id for hit in hits("biškopis")] == [item.id]
    assert hits("kalējs") == []
    page = client.get("/search?q=Ezera&lang=en").get_data(as_text=True)
    assert "kalējs" not in page and "2.png" not in page


# --- the page cache and the reading room -------------------------------------------------------

def test_reading_room_pages_are_never_cached_nor_served_from_the_cache(rr_app):
    item = closed_item("reading_room")
    client, image = rr_app.test_client(), f"/items/{item.id}/pages/1/web.jpg"
    url = f"/items/{item.id}"
    inside = client.get(url, environ_base=READING_ROOM)
    assert image in inside.get_data(as_text=True)
    assert "X-Heritage-Cache" not in inside.headers and "private" in inside.headers["Cache-Control"]
    outside = client.get(url, environ_base=OUTSIDE)
    assert outside.headers["X-Heritage-Cache"] == "miss" and image not in outside.get_data(as_text=True)
    again_inside = client.get(url, environ_base=READING_ROOM)
    assert "X-Heritage-Cache" not in again_inside.headers
    assert image in again_inside.get_data(as_text=True)
    again_outside = client.get(url, environ_base=OUTSIDE)
    assert again_outside.headers["X-Heritage-Cache"] == "hit"
    assert image not in again_outside.get_data(as_text=True)
    assert client.get(image, environ_base=READING_ROOM).status_code == 200
    assert client.get(image, environ_base=OUTSIDE).status_code == 403


# --- an embargo ends by the calendar ------------------------------------------------------------

def test_an_ended_embargo_opens_without_a_resave(client, runner):
    item = closed_item("embargo", until=LATER, texts=("Lapā vārds dravnieks.",))
    image = f"/items/{item.id}/pages/1/web.jpg"
    assert client.get(image).status_code == 403
    # the day comes: nobody saves the item, only the date now lies in the past
    db.session.get(Item, item.id).embargo_until = YESTERDAY
    db.session.commit()
    assert client.get(image).status_code == 200
    assert "access-notice" not in client.get(f"/items/{item.id}").get_data(as_text=True)
    assert client.get(f"/api/items/{item.id}").get_json()["access"] == "public"
    assert hits("dravnieks") == []  # the index still errs on the closed side …
    result = runner.invoke(cli, ["access", "lift-embargoes"])
    assert result.exit_code == 0 and f"#{item.id}" in result.output
    assert [hit.id for hit in hits("dravnieks")] == [item.id]  # … until the nightly re-index
