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
    assert {hit["collection"] for hit in found["hits"]} == {"ezermalas-vestis", "atminas-un-fotografijas"}
    lithuanian = json.loads(runner.invoke(cli, ["search", "dainu svente", "--json"]).output)
    assert lithuanian["total"] >= 1
    again = runner.invoke(cli, ["demo", "build"])
    assert again.exit_code == 0 and "already built (28 items)" in again.output
    home = client.get("/").get_data(as_text=True)
    assert "Ezermalas Vēstis" in home and "Atmiņas un fotogrāfijas" in home
    story = client.get("/search?q=tuksais+sols").get_data(as_text=True)
    assert "Skolas gadi Ezerkalnē" in story
