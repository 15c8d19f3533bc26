"""IIIF Content Search 2.0: the main search's matching, answered as boxes on the canvases."""
from __future__ import annotations

import pytest

from heritage.extensions import db
from heritage.services.iiif_search import PAGE_SIZE, PRESENTATION_CONTEXT, SEARCH_CONTEXT
from tests.factories import make_alto_item, make_item

LINES = ("Vecās dzirnavās pie upes malēja miltus",
         "visam pagastam, un dzirnavnieks stāstīja teikas")
READING_ROOM = {"REMOTE_ADDR": "10.20.1.5"}
OUTSIDE = {"REMOTE_ADDR": "192.0.2.7"}


@pytest.fixture
def alto_item(app):
    return make_alto_item(LINES, title="Upes dzirnavas", width=1200, size=40)


def _search(client, item_id: int, query: str = "", environ=OUTSIDE, **params):
    return client.get(f"/iiif/3/items/{item_id}/search", query_string={"q": query, **params},
                      environ_base=environ)


def _xywh(target: str) -> tuple[str, tuple[int, ...]]:
    canvas, _, box = target.partition("#xywh=")
    return canvas, tuple(int(v) for v in box.split(","))


@pytest.mark.parametrize("query", ["dzirnavas", "dzirnavās", "DZIRNAVAS"])
def test_finds_a_word_with_or_without_diacritics_and_boxes_it(client, alto_item, query):
    response = _search(client, alto_item.id, query)
    assert response.status_code == 200
    page = response.get_json()
    assert page["@context"] == [PRESENTATION_CONTEXT, SEARCH_CONTEXT]
    assert page["type"] == "AnnotationPage"
    assert page["id"] == response.request.url
    [word] = page["items"]
    assert word["type"] == "Annotation" and word["motivation"] == "painting"
    assert word["body"] == {"type": "TextualBody", "value": "dzirnavās", "format": "text/plain"}
    canvas, (x, y, w, h) = _xywh(word["target"])
    assert canvas == f"http://localhost/iiif/3/items/{alto_item.id}/canvas/1"
    sheet = alto_item.pages[0]
    assert 0 <= x and 0 <= y and w > 0 and h > 0
    assert x + w <= sheet.width and y + h <= sheet.height
    assert y < sheet.height / 3  # the first line, not the second


def test_contextualizing_annotation_quotes_the_words_around_the_hit(client, alto_item):
    page = _search(client, alto_item.id, "dzirnavas").get_json()
    [extra] = page["annotations"]
    assert extra["type"] == "AnnotationPage" and extra["partOf"]["total"] == 1
    [context] = extra["items"]
    assert context["motivation"] == "contextualizing"
    assert context["target"]["source"] == page["items"][0]["id"]
    [selector] = context["target"]["selector"]
    assert selector == {"type": "TextQuoteSelector", "prefix": "Vecās ", "exact": "dzirnavās",
                        "suffix": " pie upes malēja miltus visam pagastam,"}


def test_stems_and_wildcards_match_as_in_the_main_search(client, alto_item):
    words = [a["body"]["value"] for a in _search(client, alto_item.id, "dzirnav*").get_json()["items"]]
    assert words == ["dzirnavās", "dzirnavnieks"]


def test_word_not_there_gives_an_empty_page(client, alto_item):
    page = _search(client, alto_item.id, "automašīna").get_json()
    assert page["items"] == [] and "annotations" not in page


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_empty_or_missing_query_gives_an_empty_page(client, alto_item, params):
    response = client.get(f"/iiif/3/items/{alto_item.id}/search", query_string=params)
    assert response.status_code == 200 and response.get_json()["items"] == []


def test_page_without_alto_is_hit_on_the_whole_canvas(client, app):
    item = make_item(texts=("Vecpils pagasta skolā mācās bērni.", "Vecpilī dzirnavās strādāja."))
    page = _search(client, item.id, "Vecpils").get_json()
    targets = [a["target"] for a in page["items"]]
    assert targets[0] == f"http://localhost/iiif/3/items/{item.id}/canvas/1"
    assert all("#xywh" not in t for t in targets)
    [hit] = _search(client, item.id, "dzirnavas").get_json()["items"]
    assert hit["target"].endswith("/canvas/2") and hit["body"]["value"] == "dzirnavās"
    selector = page["annotations"][0]["items"][0]["target"]["selector"][0]
    assert selector["exact"] == "Vecpils" and selector["suffix"] == " pagasta skolā mācās bērni."


def test_answer_is_json_ld_any_site_may_read(client, alto_item):
    response = _search(client, alto_item.id, "upes")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Type"] == \
        f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'


def test_unknown_parameters_are_reported_ignored(client, alto_item):
    page = _search(client, alto_item.id, "upes", user="http://example.org/me").get_json()
    assert page["ignored"] == ["user"] and len(page["items"]) == 1


def test_motivation_filter(client, alto_item):
    assert len(_search(client, alto_item.id, "upes", motivation="painting").get_json()["items"]) == 1
    assert _search(client, alto_item.id, "upes", motivation="commenting").get_json()["items"] == []


@pytest.mark.parametrize("status,level", [("draft", "public"), ("published", "staff")])
def test_unknown_draft_or_staff_item_is_404(client, app, status, level):
    item = make_item(status=status, access_level=level)
    response = _search(client, item.id, "Vecpils")
    assert response.status_code == 404 and "error" in response.get_json()
    assert _search(client, 999_999, "Vecpils").status_code == 404


@pytest.fixture
def rr_app(app):
    app.config["HERITAGE_READING_ROOM_IPS"] = ["10.20.0.0/16"]
    return app


def test_reading_room_item_is_403_outside_and_searched_inside(rr_app, client):
    item = make_item(texts=("Vecpils dzirnavās.",), access_level="reading_room")
    outside = _search(client, item.id, "dzirnavas")
    assert outside.status_code == 403
    assert outside.get_json()["level"] == "reading_room"
    assert outside.headers["Access-Control-Allow-Origin"] == "*"
    inside = _search(client, item.id, "dzirnavas", environ=READING_ROOM)
    assert inside.status_code == 200 and len(inside.get_json()["items"]) == 1


def test_metadata_only_item_is_403_even_in_the_reading_room(rr_app, client):
    item = make_item(texts=("Vecpils dzirnavās.",), access_level="metadata_only")
    assert _search(client, item.id, "dzirnavas", environ=READING_ROOM).status_code == 403


def test_closed_page_is_not_searched(rr_app, client):
    item = make_item(texts=("Vecpils dzirnavās.", "Otrās dzirnavās."))
    item.pages[1].media_file.access_level = "reading_room"
    db.session.commit()
    outside = _search(client, item.id, "dzirnavas").get_json()["items"]
    assert [a["target"].rsplit("/", 1)[1] for a in outside] == ["1"]
    inside = _search(client, item.id, "dzirnavas", environ=READING_ROOM).get_json()["items"]
    assert [a["target"].rsplit("/", 1)[1] for a in inside] == ["1", "2"]


def test_many_hits_are_paged(client, app):
    count = PAGE_SIZE + 30
    item = make_item(texts=(" ".join(["dzirnavas"] * count),))
    first = _search(client, item.id, "dzirnavas").get_json()
    assert len(first["items"]) == PAGE_SIZE
    assert first["partOf"]["total"] == count and first["partOf"]["type"] == "AnnotationCollection"
    assert "prev" not in first
    second = client.get(first["next"]["id"]).get_json()
    assert len(second["items"]) == 30 and "next" not in second
    assert second["prev"]["id"] == first["partOf"]["first"]["id"]
    assert second["startIndex"] == PAGE_SIZE
    ids = {a["id"] for a in first["items"]} | {a["id"] for a in second["items"]}
    assert len(ids) == count


@pytest.mark.parametrize("page", ["0", "x", "-1", "2"])
def test_bad_page_is_400_naming_the_parameter(client, alto_item, page):
    response = _search(client, alto_item.id, "upes", page=page)
    assert response.status_code == 400 and response.get_json()["error"].startswith("page:")


def test_manifest_announces_the_service_and_targets_are_its_canvases(client, alto_item):
    manifest = client.get(f"/iiif/3/items/{alto_item.id}/manifest.json").get_json()
    [service] = [s for s in manifest.get("service", []) if s.get("type") == "SearchService2"]
    page = client.get(service["id"], query_string={"q": "upes"}).get_json()
    canvases = {c["id"] for c in manifest["items"]}
    assert page["items"] and all(_xywh(a["target"])[0] in canvases for a in page["items"])


# Content Search 1.0 (what Mirador 4 reads), from the same hits

def _search1(client, item_id: int, query: str = "", environ=OUTSIDE, **params):
    return client.get(f"/iiif/3/items/{item_id}/search1", query_string={"q": query, **params},
                      environ_base=environ)


@pytest.mark.parametrize("query", ["dzirnavas", "dzirnavās"])
def test_search1_answers_an_annotation_list_with_boxed_words_and_hits(client, alto_item, query):
    response = _search1(client, alto_item.id, query)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    answer = response.get_json()
    assert answer["@context"] == ["http://iiif.io/api/presentation/2/context.json",
                                  "http://iiif.io/api/search/1/context.json"]
    assert answer["@id"] == response.request.url and answer["@type"] == "sc:AnnotationList"
    assert answer["within"] == {"@type": "sc:Layer", "total": 1}
    [word] = answer["resources"]
    assert word["@type"] == "oa:Annotation" and word["motivation"] == "sc:painting"
    assert word["resource"] == {"@type": "cnt:ContentAsText", "chars": "dzirnavās"}
    canvas, (x, y, w, h) = _xywh(word["on"])
    assert canvas == f"http://localhost/iiif/3/items/{alto_item.id}/canvas/1"
    sheet = alto_item.pages[0]
    assert 0 <= x and 0 <= y and w > 0 and h > 0
    assert x + w <= sheet.width and y + h <= sheet.height and y < sheet.height / 3
    assert answer["hits"] == [{"@type": "search:Hit", "annotations": [word["@id"]],
                               "match": "dzirnavās", "before": "Vecās ",
                               "after": " pie upes malēja miltus visam pagastam,"}]


def test_search1_and_search2_give_the_same_hits(client, alto_item):
    one = _search1(client, alto_item.id, "dzirnav*").get_json()
    two = _search(client, alto_item.id, "dzirnav*").get_json()
    assert [(a["@id"], a["on"], a["resource"]["chars"]) for a in one["resources"]] == \
        [(a["id"], a["target"], a["body"]["value"]) for a in two["items"]]
    assert [h["match"] for h in one["hits"]] == ["dzirnavās", "dzirnavnieks"]


def test_search1_without_alto_hits_the_whole_canvas_and_finds_nothing_absent(client, app):
    item = make_item(texts=("Vecpils pagasta skolā mācās bērni.",))
    [word] = _search1(client, item.id, "Vecpils").get_json()["resources"]
    assert word["on"] == f"http://localhost/iiif/3/items/{item.id}/canvas/1"
    empty = _search1(client, item.id, "automašīna").get_json()
    assert empty["resources"] == [] and empty["hits"] == [] and empty["within"]["total"] == 0


def test_search1_motivation_accepts_the_1_0_names(client, alto_item):
    assert len(_search1(client, alto_item.id, "upes", motivation="sc:painting")
               .get_json()["resources"]) == 1
    assert _search1(client, alto_item.id, "upes", motivation="oa:commenting") \
        .get_json()["resources"] == []


def test_search1_many_hits_are_paged(client, app):
    count = PAGE_SIZE + 30
    item = make_item(texts=(" ".join(["dzirnavas"] * count),))
    first = _search1(client, item.id, "dzirnavas").get_json()
    assert len(first["resources"]) == len(first["hits"]) == PAGE_SIZE
    assert first["within"]["total"] == count and "prev" not in first
    assert first["within"]["first"].endswith("/search1?q=dzirnavas&page=1")
    second = client.get(first["next"]).get_json()
    assert len(second["resources"]) == 30 and "next" not in second
    assert second["startIndex"] == PAGE_SIZE and second["prev"] == first["within"]["first"]
    assert second["within"]["last"] == first["next"]


def test_search1_has_the_same_access_rules(rr_app, client):
    assert _search1(client, 999_999, "Vecpils").status_code == 404
    staff = make_item(access_level="staff")
    assert _search1(client, staff.id, "Vecpils").status_code == 404
    item = make_item(texts=("Vecpils dzirnavās.",), access_level="reading_room")
    outside = _search1(client, item.id, "dzirnavas")
    assert outside.status_code == 403 and outside.get_json()["level"] == "reading_room"
    assert outside.headers["Access-Control-Allow-Origin"] == "*"
    inside = _search1(client, item.id, "dzirnavas", environ=READING_ROOM).get_json()
    assert len(inside["resources"]) == 1
    assert _search1(client, item.id, "x", environ=READING_ROOM, page="0").status_code == 400


def test_manifest_announces_search1_as_mirador_reads_it(client, alto_item):
    manifest = client.get(f"/iiif/3/items/{alto_item.id}/manifest.json").get_json()
    [service] = [s for s in manifest["service"]
                 if s.get("profile") == "http://iiif.io/api/search/1/search"]
    assert service["@type"] == "SearchService1"
    answer = client.get(service["@id"], query_string={"q": "upes"}).get_json()
    canvases = {c["id"] for c in manifest["items"]}
    assert answer["resources"] and all(_xywh(a["on"])[0] in canvases for a in answer["resources"])
