"""`heritage demo build`: two published, searchable collections, built once."""
from __future__ import annotations

import json

from heritage.cli import cli
from tests.factories import needs_tesseract


@needs_tesseract
def test_demo_build_publishes_searchable_collections_once(runner, app, client):
    first = runner.invoke(cli, ["demo", "build"])
    assert first.exit_code == 0, first.output
    assert "20 items (20 pages) ingested into 'ezermalas-vestis'" in first.output
    assert "8 items (10 pages) ingested into 'atminas-un-fotografijas'" in first.output
    found = json.loads(runner.invoke(cli, ["search", "udensdzirnavas", "--json"]).output)
    assert found["total"] >= 2
    # the clippings, the memory story and the interview, where Anna Ozola talks of the mill
    assert {hit["collection"] for hit in found["hits"]} == {"ezermalas-vestis", "atminas-un-fotografijas",
                                                            "mutvardu-vesture"}
    interview = [hit for hit in found["hits"] if hit["collection"] == "mutvardu-vesture"][0]
    assert interview["type"] == "Sound" and interview["moments"]
    assert "1 items (0 pages) ingested into 'mutvardu-vesture'" in first.output
    lithuanian = json.loads(runner.invoke(cli, ["search", "dainu svente", "--json"]).output)
    assert lithuanian["total"] >= 1
    again = runner.invoke(cli, ["demo", "build"])
    assert again.exit_code == 0 and "already built (28 items)" in again.output
    assert "Speaking the demo interview" not in again.output
    home = client.get("/").get_data(as_text=True)
    assert "Ezermalas Vēstis" in home and "Atmiņas un fotogrāfijas" in home
    story = client.get("/search?q=tuksais+sols").get_data(as_text=True)
    assert "Skolas gadi Ezerkalnē" in story
    # the demo exhibition, built after the ingest from the items' titles
    assert "Exhibition 'ezerkalnes-stasti' built: 3 pages" in first.output
    exhibition = client.get("/api/exhibitions/ezerkalnes-stasti").get_json()
    assert exhibition["featured"] is True
    assert [page["title"] for page in exhibition["pages"]] == [
        "Ūdensdzirnavas un ezers", "Skola", "Ļaudis un svētki"]
    kinds = {block["kind"] for page in exhibition["pages"] for block in page["blocks"]}
    assert kinds == {"text", "item", "gallery", "map", "timeline"}
    assert "Ezerkalne: dzirnavas, skola un ļaudis" in home
    printable = client.get("/exhibitions/ezerkalnes-stasti/print").get_data(as_text=True)
    assert all(page["title"] in printable for page in exhibition["pages"])
    mill = client.get("/exhibitions/ezerkalnes-stasti/udensdzirnavas-un-ezers").get_data(as_text=True)
    assert "place-list" in mill  # the gazetteer puts Ūdriņi on the map
