"""/api/search: the search page's parameters as JSON, one error shape, readable from any site."""
from __future__ import annotations

import pytest


FACETS = ["collection", "type", "place", "decade", "language", "newspaper"]


@pytest.fixture
def app(app_on_each_search_backend):
    """Every test here runs on both search backends (HERITAGE_SEARCH_BACKEND)."""
    return app_on_each_search_backend


@pytest.fixture
def archive(school_archive):
    return school_archive


def api(client, query: str = "", status: int = 200) -> dict:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def counts(found: dict, facet: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in found["facets"][facet]}


def test_search_answers_the_search_page_json_shape(client, archive):
    found = api(client, "q=skola")
    assert set(found) >= {"query", "total", "page", "page_size", "pages", "sort", "hits", "facets",
                          "suggestion", "fuzzy"}
    assert found["query"] == "skola" and found["total"] == 3 and found["page"] == 1
    assert found["sort"] == "relevance" and found["fuzzy"] is False
    assert {hit["title"] for hit in found["hits"]} == {"Krāslavas skola", "Skolotājas atmiņas",
                                                       "Salidojums Dagdā"}
    assert set(found["hits"][0]) >= {"id", "title", "collection", "files", "snippet", "score", "date", "type"}
    assert set(found["facets"]) == set(FACETS)  # all facets unless chosen
    assert counts(found, "decade") == {"1930": 2, "1960": 1}
    assert counts(found, "place") == {"Dagda": 2, "Krāslava": 1}
    assert all({"value", "count", "label"} == set(e) for f in found["facets"].values() for e in f)


def test_facet_chooses_which_facets_are_counted(client, archive):
    found = api(client, "q=skola&facet=decade&facet=language")
    assert sorted(found["facets"]) == ["decade", "language"]
    assert counts(found, "language") == {"lv": 2, "ru": 1}


def test_filters_years_sort_and_pages(client, archive):
    found = api(client, "q=skola&place=Dagda&sort=-date&page_size=1&page=2")
    assert found["total"] == 2 and found["pages"] == 2 and found["page_size"] == 1
    assert [hit["title"] for hit in found["hits"]] == ["Skolotājas atmiņas"]
    found = api(client, "year_from=1936&year_to=1970&sort=date")
    assert [hit["title"] for hit in found["hits"]] == ["Skolotājas atmiņas", "Salidojums Dagdā"]
    found = api(client, "q=skola&decade=1930&decade=1960&language=ru")
    assert [hit["title"] for hit in found["hits"]] == ["Skolotājas atmiņas"]


def test_any_site_may_read_the_answers(client, archive):
    assert client.get("/api/search?q=skola").headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/search?sort=bogus").headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("query, parameter, value", [
    ("year_from=abc", "year_from", "abc"),
    ("year_to=12.5", "year_to", "12.5"),
    ("year_from=1970&year_to=1930", "year_from", "1970"),
    ("sort=bogus", "sort", "bogus"),
    ("page=-1", "page", "-1"),
    ("page=abc", "page", "abc"),
    ("page_size=1000", "page_size", "1000"),
    ("page_size=0", "page_size", "0"),
    ("facet=bogus", "facet", "bogus"),
    ("facet=decade&facet=bogus", "facet", "bogus"),
])
def test_bad_parameters_are_one_pinned_json_error(client, archive, query, parameter, value):
    error = api(client, f"q=skola&{query}", status=400)
    assert list(error) == ["error"]
    assert set(error["error"]) == {"status", "code", "message", "parameter"}
    assert error["error"]["status"] == 400 and error["error"]["code"] == "bad_parameter"
    assert error["error"]["parameter"] == parameter
    message = error["error"]["message"]
    assert message.startswith(parameter) and value in message  # names the parameter and value


def test_unknown_addresses_under_api_answer_json_in_the_same_shape(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error == {"status": 404, "code": "not_found", "parameter": None,
                     "message": "There is nothing at /api/nothing-here. The search API is at /api/search."}
    response = client.post("/api/search")
    assert response.status_code == 405 and response.get_json()["error"]["code"] == "method_not_allowed"
    # the HTML pages keep their HTML error pages
    assert client.get("/nothing-here").mimetype == "text/html"


def test_unpublished_and_staff_only_items_never_appear(client, archive):
    for query in ("q=skola", "q=melnraksts", "q=slepena", "decade=1930", "year_from=1936&year_to=1937"):
        found = api(client, query)
        titles = {hit["title"] for hit in found["hits"]}
        assert not titles & {"Skolas melnraksts", "Skolas slepenā lieta"}, query
        assert found["total"] == len(found["hits"]), query
    assert counts(api(client, "decade=1930"), "decade") == {"1930": 2}
