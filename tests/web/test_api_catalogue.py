"""/api/collections, /api/items and /api/openapi.json: shapes, paging, errors, what stays hidden."""
from __future__ import annotations

import re

import pytest

from heritage.web import openapi
from tests.factories import make_item

SECRET_TEXT = "slepenais teksts"


@pytest.fixture
def archive(app):
    """Published items in two collections, plus a draft, staff-only, withdrawn and deleted item."""
    from heritage.services.items import delete_item, withdraw_item

    made = {
        "school": make_item(collection="ezermalas-vestis", title="Krāslavas skola",
                            texts=("Krāslavas skolā mācās 120 bērnu.", "Otrā lapa."),
                            date="1935", type="Text", creator="J. Bērziņš"),
        "teacher": make_item(collection="ezermalas-vestis", title="Skolotājas atmiņas",
                             texts=("Atmiņas par skolu Dagdā.",), date="1938", type="Text"),
        "exile": make_item(collection="ezermalas-vestis", title="Izsūtījums",
                           texts=(f"Lasītavā vien: {SECRET_TEXT} 1.",), access_level="reading_room",
                           date="1941", type="Text"),
        "reunion": make_item(collection="fotoalbums", title="Salidojums Dagdā",
                             texts=("Skolas salidojums Dagdā.",), type="StillImage"),
        "draft": make_item(collection="ezermalas-vestis", title="Melnraksts",
                           texts=(f"{SECRET_TEXT} 2.",), status="draft"),
        "staff": make_item(collection="ezermalas-vestis", title="Slepenā lieta",
                           texts=(f"{SECRET_TEXT} 3.",), access_level="staff"),
        "withdrawn": make_item(collection="ezermalas-vestis", title="Atsaukts",
                               texts=(f"{SECRET_TEXT} 4.",)),
        "deleted": make_item(collection="ezermalas-vestis", title="Dzēsts",
                             texts=(f"{SECRET_TEXT} 5.",)),
        "only_drafts": make_item(collection="tikai-melnraksti", title="Vēl nav",
                                 texts=(f"{SECRET_TEXT} 6.",), status="draft"),
    }
    withdraw_item(made["withdrawn"].id)
    delete_item(made["deleted"].id)
    return {name: item.id for name, item in made.items()}


def get(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"  # CORS on every answer
    return response.get_json()


def assert_error(body: dict, status: int, code: str, parameter: str | None = None) -> str:
    assert list(body) == ["error"]
    assert set(body["error"]) == {"status", "code", "message", "parameter"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["parameter"] == parameter
    return body["error"]["message"]


# --- Collections ------------------------------------------------------------------------------

def test_collections_lists_those_with_published_items_largest_first(client, archive):
    found = get(client, "/api/collections")
    assert [(c["slug"], c["item_count"]) for c in found["collections"]] == [
        ("ezermalas-vestis", 3), ("fotoalbums", 1)]  # staff-only and drafts not counted
    first = found["collections"][0]
    assert set(first) == {"slug", "title", "description", "item_count", "links"}
    assert first["links"] == {
        "self": "http://localhost/api/collections/ezermalas-vestis",
        "items": "http://localhost/api/collections/ezermalas-vestis/items",
        "html": "http://localhost/collections/ezermalas-vestis"}


def test_one_collection(client, archive):
    found = get(client, "/api/collections/fotoalbums")
    assert found["slug"] == "fotoalbums" and found["item_count"] == 1
    assert found == get(client, "/api/collections")["collections"][1]


@pytest.mark.parametrize("url", ["/api/collections/nav-tadas", "/api/collections/nav-tadas/items",
                                 "/api/collections/tikai-melnraksti",
                                 "/api/collections/tikai-melnraksti/items"])
def test_unknown_collections_are_a_json_404(client, archive, url):
    message = assert_error(get(client, url, 404), 404, "collection_not_found")
    assert "no collection" in message


# --- A collection's items ---------------------------------------------------------------------

def test_collection_items_are_paged(client, archive):
    found = get(client, "/api/collections/ezermalas-vestis/items?page_size=2")
    assert (found["total"], found["page"], found["page_size"], found["pages"]) == (3, 1, 2, 2)
    assert [item["title"] for item in found["items"]] == ["Krāslavas skola", "Skolotājas atmiņas"]
    assert set(found["items"][0]) == {"id", "title", "date", "type", "links"}
    assert found["items"][0]["date"] == "1935" and found["items"][0]["type"] == "Text"
    assert found["items"][0]["links"]["self"] == f"http://localhost/api/items/{archive['school']}"
    assert found["links"]["previous"] is None
    second = get(client, found["links"]["next"].removeprefix("http://localhost"))
    assert [item["title"] for item in second["items"]] == ["Izsūtījums"]
    assert second["links"]["next"] is None and second["links"]["previous"] is not None


def test_collection_items_default_page_size_and_past_the_last_page(client, app, archive):
    found = get(client, "/api/collections/ezermalas-vestis/items")
    assert found["page_size"] == app.config["HERITAGE_PAGE_SIZE"] and found["pages"] == 1
    past = get(client, "/api/collections/ezermalas-vestis/items?page=9")
    assert past["items"] == [] and past["total"] == 3 and past["page"] == 9  # as /api/search does
    assert get(client, "/api/collections/ezermalas-vestis/items?page_size=100")["page_size"] == 100


def test_collection_items_never_list_drafts_staff_withdrawn_or_deleted(client, archive):
    found = get(client, "/api/collections/ezermalas-vestis/items?page_size=100")
    assert {item["id"] for item in found["items"]} == {
        archive["school"], archive["teacher"], archive["exile"]}


@pytest.mark.parametrize("query, parameter, value", [
    ("page=0", "page", "0"), ("page=-1", "page", "-1"), ("page=abc", "page", "abc"),
    ("page_size=0", "page_size", "0"), ("page_size=101", "page_size", "101"),
    ("page_size=x", "page_size", "x"),
])
def test_bad_paging_is_a_400_naming_the_parameter(client, archive, query, parameter, value):
    body = get(client, f"/api/collections/ezermalas-vestis/items?{query}", 400)
    message = assert_error(body, 400, "bad_parameter", parameter)
    assert message.startswith(parameter) and value in message


# --- Items ------------------------------------------------------------------------------------

def test_public_item_has_description_pages_text_images_and_links(client, archive):
    item_id = archive["school"]
    found = get(client, f"/api/items/{item_id}")
    assert set(found) == {"id", "title", "date", "type", "collection", "access", "access_restriction", "published_at",
                          "dublin_core", "pages", "recordings", "related", "links"}
    assert found["id"] == item_id and found["collection"] == "ezermalas-vestis"
    assert found["access"] == "public"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", found["published_at"])
    assert found["dublin_core"]["title"] == [{"text": "Krāslavas skola", "lang": "lv"}]
    assert found["dublin_core"]["creator"] == [{"text": "J. Bērziņš", "lang": None}]
    assert [page["sequence"] for page in found["pages"]] == [1, 2]
    first = found["pages"][0]
    assert first["text"] == "Krāslavas skolā mācās 120 bērnu."
    base = f"http://localhost/items/{item_id}"
    assert first["images"] == {"web": f"{base}/pages/1/web.jpg", "thumb": f"{base}/pages/1/thumb.jpg",
                               "zoom": f"{base}/pages/1/zoom.dzi"}
    assert first["files"] == {"text": f"{base}/pages/1/text.txt", "alto": None}  # no ALTO made
    for url in (first["images"]["thumb"], first["images"]["zoom"], first["files"]["text"]):
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url
    links = found["links"]
    assert links["html"] == base and links["self"] == f"http://localhost/api/items/{item_id}"
    assert links["cite"] == {fmt: f"{base}/cite.{fmt}" for fmt in ("ris", "bib", "json")}
    assert f"identifier=oai:heritage.local:{item_id}" in links["oai"].replace("%3A", ":")
    for url in (links["oai"], links["cite"]["ris"], links["collection"]):
        assert client.get(url.removeprefix("http://localhost")).status_code == 200


def test_reading_room_item_shows_description_but_never_text_or_images(client, archive):
    response = client.get(f"/api/items/{archive['exile']}")
    found = response.get_json()
    assert found["access"] == "reading_room" and found["title"] == "Izsūtījums"
    assert found["pages"] == [{"sequence": 1, "width": found["pages"][0]["width"],
                               "height": found["pages"][0]["height"], "text": None, "images": None,
                               "files": None}]
    assert SECRET_TEXT not in response.get_data(as_text=True)
    assert "/pages/" not in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["draft", "staff", "withdrawn", "deleted"])
def test_unpublished_and_staff_only_items_are_a_json_404_like_a_missing_one(client, archive, name):
    item_id = archive[name]
    response = client.get(f"/api/items/{item_id}")
    body = get(client, f"/api/items/{item_id}", 404)
    message = assert_error(body, 404, "item_not_found")
    assert message == f"no published item #{item_id}"  # the same words as for a missing item
    assert SECRET_TEXT not in response.get_data(as_text=True)


def test_missing_items_are_a_json_404(client, archive):
    assert get(client, "/api/items/999999", 404)["error"]["message"] == "no published item #999999"
    assert_error(get(client, "/api/items/abc", 404), 404, "not_found")


def test_hidden_text_never_appears_anywhere_in_the_catalogue(client, archive):
    urls = ["/api/collections", "/api/collections/ezermalas-vestis/items?page_size=100",
            *(f"/api/items/{item_id}" for item_id in archive.values())]
    for url in urls:
        assert SECRET_TEXT not in client.get(url).get_data(as_text=True), url


# --- The OpenAPI document ---------------------------------------------------------------------

def test_openapi_document_is_served_and_valid(client):
    validator = pytest.importorskip("openapi_spec_validator")
    document = get(client, "/api/openapi.json")
    assert document == openapi.document()
    validator.validate(document)


def test_every_ref_resolves_and_every_operation_has_responses():
    document = openapi.document()

    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(document):
        target = document
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]  # a KeyError names the broken reference
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert "200" in operation["responses"], path


def test_every_api_route_is_described(app):
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    assert routes == set(openapi.document()["paths"])


def test_search_parameters_and_error_shape_are_described():
    document = openapi.document()
    names = {document["components"]["parameters"][ref["$ref"].rsplit("/", 1)[1]]["name"]
             for ref in document["paths"]["/api/search"]["get"]["parameters"]}
    assert names >= {"q", "page", "page_size", "sort", "year_from", "year_to", "facet", "decade"}
    error = document["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["required"]) == {"status", "code", "message", "parameter"}


@pytest.mark.parametrize("url, schema", [
    ("/api/collections", "CollectionList"),
    ("/api/collections/ezermalas-vestis", "Collection"),
    ("/api/collections/ezermalas-vestis/items?page_size=2", "ItemPage"),
    ("/api/items/{school}", "Item"),
    ("/api/items/{exile}", "Item"),
    ("/api/search?q=skola", "SearchPage"),
    ("/api/items/999999", "Error"),
    ("/api/search?page=x", "Error"),
])
def test_answers_match_the_documented_schemas(client, archive, url, schema):
    assert_documented(client.get(url.format(**archive)).get_json(), schema)


def assert_documented(body, schema: str) -> None:
    """Validate an API answer against the OpenAPI document's schema of that name."""
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{schema}", "components": openapi.document()["components"]}
    ).validate(body)


def test_an_item_lists_related_public_items_and_its_alto(client, app):
    from heritage.services.items import update_item
    from tests.factories import make_alto_item, make_item

    item = make_alto_item(("Ezera zvejnieki gaidīja vēju.",), title="Zvejnieki")
    record = item.record
    record.add("subject", "Zvejniecība")
    update_item(item.id, record)
    make_item(title="Zvejnieku kolhozs", subject="Zvejniecība")
    make_item(title="Slepens", subject="Zvejniecība", access_level="staff")
    found = get(client, f"/api/items/{item.id}")
    assert [other["title"] for other in found["related"]] == ["Zvejnieku kolhozs"]
    alto = found["pages"][0]["files"]["alto"]
    assert alto.endswith("/pages/1/alto.xml")
    assert client.get(alto.removeprefix("http://localhost")).status_code == 200
