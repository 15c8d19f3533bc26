"""Browsing by place and by time, and the collection page's facets, as a visitor meets them."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from heritage.demo.places import DEMO_PLACES
from heritage.services.places import seed_places
from tests.conftest import REPO
from tests.factories import make_item
from tests.web.browsing import archive_settings, served, visit

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _c(name: str) -> str:
    """An XPath test for an element with class ``name`` (lxml's cssselect is not installed)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@pytest.fixture
def archive(app):
    """Items in the demo parish, over two collections and three decades, and hidden ones."""
    seed_places(DEMO_PLACES)
    return {
        "school": make_item(title="Ezerkalnes skola", coverage="Ezerkalne", date="1938",
                            type="Text", language="lv"),
        "mill": make_item(title="Ūdriņu dzirnavas", spatial="Udrini", date="ap 1935",
                          type="StillImage", language="lv"),
        "farm": make_item(collection="fotoalbums", title="Zīlēnu ferma", coverage="Zīlēni",
                          date="1958-05-17", type="StillImage", language="lv"),
        "lt": make_item(collection="fotoalbums", title="Ežerėlių mokykla", coverage="Ežerėliai",
                        date="1962", type="Text", language="lt"),
        "undated": make_item(title="Nedatēta vēstule", coverage="Rīga", type="Text"),
        "staff": make_item(title="Darbinieku lieta", coverage="Robežnieki", date="1975",
                           access_level="staff"),
        "draft": make_item(title="Melnraksts", coverage="Mežvidi", date="1985", status="draft"),
    }


def _tree(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.get_data(as_text=True))


def _found_titles(client, url: str) -> set[str]:
    """The titles of the search results a link leads to."""
    return {a.text_content() for a in _tree(client, url).xpath(f"//ol[{_c('results')}]//h2/a")}


def test_places_page_has_a_map_and_a_list_that_works_without_javascript(client, archive):
    tree = _tree(client, "/places")
    canvas = tree.xpath(f"//div[{_c('place-map-canvas')}]")[0]
    points = json.loads(canvas.get("data-points"))
    assert {p["name"]: p["count"] for p in points} == {"Ezerkalne": 1, "Ūdriņi": 1, "Zīlēni": 1,
                                                       "Ežerėliai": 1}
    assert canvas.get("data-tiles") == "" and canvas.get("hidden") is not None
    links = {a.text_content(): a.get("href") for a in tree.xpath(f"//ul[{_c('place-list')}]//a")}
    assert set(links) == {"Ezerkalne", "Ūdriņi", "Zīlēni", "Ežerėliai"}
    headings = [h.text_content() for h in tree.xpath(f"//section[{_c('place-groups')}]//h3")]
    assert headings == ["Ežerėlių seniūnija", "Ezerkalnes pagasts"]  # by letters without diacritics
    assert "Robežnieki" not in lxml.html.tostring(tree, encoding="unicode")  # staff-only item


@pytest.mark.parametrize("place, title", [("Ezerkalne", "Ezerkalnes skola"),
                                          ("Ūdriņi", "Ūdriņu dzirnavas"),
                                          ("Ežerėliai", "Ežerėlių mokykla")])
def test_each_place_links_to_the_search_that_finds_its_items(client, archive, place, title):
    tree = _tree(client, "/places")
    link = [a.get("href") for a in tree.xpath(f"//ul[{_c('place-list')}]//a") if a.text_content() == place][0]
    point = [p for p in json.loads(tree.xpath(f"//div[{_c('place-map-canvas')}]")[0].get("data-points"))
             if p["name"] == place][0]
    assert point["url"] == link and _found_titles(client, link) == {title}


def test_time_page_has_a_bar_per_decade_linking_to_its_items(client, archive):
    tree = _tree(client, "/time")
    bars = tree.xpath(f"//ol[{_c('decade-bars')}]/li")
    labels = [li.xpath(f".//span[{_c('decade-label')}]")[0].text_content() for li in bars]
    assert labels == ["1930–1939", "1940–1949", "1950–1959", "1960–1969"]
    assert [li.xpath(f".//span[{_c('decade-count')}]")[0].text_content() for li in bars] == [
        "2 vienības", "0 vienību", "1 vienība", "1 vienība"]
    assert not bars[1].xpath(".//a")  # an empty decade is shown but leads nowhere
    href = bars[0].xpath(".//a")[0].get("href")
    assert parse_qs(urlsplit(href).query) == {"decade": ["1930"]}
    assert _found_titles(client, href) == {"Ezerkalnes skola", "Ūdriņu dzirnavas"}
    assert tree.xpath("//main/p")[-1].text_content().startswith("1 ")  # the undated letter


def test_empty_archive_pages_still_render(client, app):
    assert "place-map-canvas" not in client.get("/places").get_data(as_text=True)
    assert "decade-bars" not in client.get("/time").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/places?zoom=%00&place=<b>", "/time?decade=abc&x=1",
                                 "/collections/testa-kolekcija?decade=abc&sort=bogus&page=-1&year_from=zz",
                                 "/collections/testa-kolekcija?collection=fotoalbums&place=%E2%80%AE",
                                 "/collections/testa-kolekcija?year_from=1990&year_to=1900"])
def test_unknown_and_garbage_parameters_do_not_fail(client, archive, url):
    assert client.get(url).status_code == 200


def test_a_place_address_leads_to_its_search(client, archive):
    response = client.get("/places/udrini")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {"place": ["Ūdriņi"]}
    assert client.get("/places/Nekuriene").status_code == 302


def test_navigation_links_to_places_and_time(client, archive):
    nav = _tree(client, "/").xpath(f"//nav[{_c('site-nav')}]//a")
    assert {"/places", "/time"} <= {a.get("href") for a in nav}


# --- The collection page's facets ----------------------------------------------------------------

def test_collection_page_offers_facets_and_lists_its_items_oldest_first(client, archive):
    tree = _tree(client, "/collections/testa-kolekcija")
    titles = [t.text_content() for t in tree.xpath(f"//span[{_c('card-title')}]")]
    assert titles == ["Ūdriņu dzirnavas", "Ezerkalnes skola", "Nedatēta vēstule"]
    facets = [h.text_content() for h in tree.xpath(f"//nav[{_c('facets')}]//h3")]
    assert facets == ["Veids", "Vieta", "Desmitgade", "Valoda"]
    assert tree.xpath("//select[@id='collection-sort']/option[@selected]")[0].get("value") == "date"


def test_a_collection_facet_filters_and_its_chip_removes_it(client, archive):
    tree = _tree(client, "/collections/testa-kolekcija")
    link = [a.get("href") for a in tree.xpath(f"//nav[{_c('facets')}]//a") if "1930–1939" in a.text_content()][0]
    assert urlsplit(link).path == "/collections/testa-kolekcija"
    narrowed = _tree(client, link)
    assert [t.text_content() for t in narrowed.xpath(f"//span[{_c('card-title')}]")] == [
        "Ūdriņu dzirnavas", "Ezerkalnes skola"]
    chip = narrowed.xpath(f"//ul[{_c('chips')}]//a")[0]
    assert "1930–1939" in chip.text_content()
    assert len(_tree(client, chip.get("href")).xpath(f"//span[{_c('card-title')}]")) == 3


def test_collection_sort_and_filters_keep_to_the_collection(client, archive):
    tree = _tree(client, "/collections/testa-kolekcija?sort=-date&collection=fotoalbums&type=Text")
    assert [t.text_content() for t in tree.xpath(f"//span[{_c('card-title')}]")] == [
        "Ezerkalnes skola", "Nedatēta vēstule"]
    assert "fotoalbums" not in tree.xpath(f"//section[{_c('active-filters')}]")[0].text_content()


# --- Valid HTML -------------------------------------------------------------------------------

@pytest.mark.skipif(not VNU.exists() or shutil.which("java") is None,
                    reason="the Nu Html Checker needs npm's vnu-jar and Java (scripts/setup test)")
def test_browse_pages_are_valid_html(client, archive, tmp_path):
    urls = {"places": "/places", "time": "/time", "collection": "/collections/testa-kolekcija",
            "collection-filtered": "/collections/fotoalbums?decade=1950&type=StillImage&year_from=1900",
            "places-en": "/places?lang=en", "time-lt": "/time?lang=lt"}
    files = []
    for name, url in urls.items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(client.get(url).get_data(as_text=True), "utf-8")
    files.append(REPO / "heritage" / "static" / "heritage.css")
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--also-check-css",
                          *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    problems = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
                for m in messages if m["type"] == "error" or m.get("subType") == "warning"]
    assert problems == []


# --- In a real browser ------------------------------------------------------------------------

def _tile_png() -> bytes:
    import io

    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def tile_server():
    """A local tile server on 127.0.0.1 that answers every path with one PNG and notes the paths."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str] = []
    png = _tile_png()

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory, tile_server):
    """Two servers over one seeded archive: map tiles off, and tiles from ``tile_server``."""
    from heritage import create_app
    from heritage.services.database import upgrade_schema

    settings = archive_settings(tmp_path_factory.mktemp("browse"))
    with create_app(settings).app_context():
        upgrade_schema()
        seed_places(DEMO_PLACES)
        for title, place, date in (("Skola", "Ezerkalne", "1938"), ("Dzirnavas", "Ūdriņi", "1935"),
                                   ("Ferma", "Zīlēni", "1958")):
            make_item(title=title, coverage=place, date=date)
    tiles = {"HERITAGE_MAP_TILES": tile_server[0] + "/osm/{z}/{x}/{y}.png",
             "HERITAGE_MAP_ATTRIBUTION": "Testa flīzes"}
    with served(settings) as plain, served({**settings, **tiles}) as tiled:
        yield {"plain": plain, "tiles": tiled}


def _open(browser, url: str, **context):
    """The page at ``url``, the URLs it requested and its console errors."""
    page, _response, requested, errors = visit(browser, url, **context)
    return page, requested, errors


def test_map_draws_keyboard_reachable_markers_without_tiles(sites, browser):
    page, requested, errors = _open(browser, sites["plain"] + "/places")
    assert errors == []
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(sites["plain"]).netloc}
    assert page.locator(".place-map-canvas").is_visible()
    markers = page.locator(".leaflet-marker-icon")
    assert markers.count() == 3
    assert sorted(markers.evaluate_all("ms => ms.map(m => m.title)")) == [
        "Ezerkalne (1 vienība)", "Zīlēni (1 vienība)", "Ūdriņi (1 vienība)"]
    assert page.locator(".leaflet-tile").count() == 0
    marker = page.locator('.leaflet-marker-icon[title^="Ūdriņi"]')
    marker.focus()
    page.keyboard.press("Enter")  # Leaflet opens a focused marker's popup from the keyboard
    link = page.locator(".leaflet-popup-content a")
    assert link.inner_text() == "Ūdriņi"
    with page.expect_navigation():
        link.click()
    assert page.locator(".results h2 a").all_inner_texts() == ["Dzirnavas"]


def test_map_tiles_come_from_the_configured_address(sites, browser, tile_server):
    base, asked = tile_server
    page, requested, errors = _open(browser, sites["tiles"] + "/places")
    assert errors == []
    tile_requests = [url for url in requested if url.startswith(base)]
    assert tile_requests and all(urlsplit(url).path.startswith("/osm/") for url in tile_requests)
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(sites["tiles"]).netloc,
                                                           urlsplit(base).netloc}
    assert asked and page.locator(".leaflet-tile-loaded").count() > 0
    assert "Testa flīzes" in page.locator(".leaflet-control-attribution").inner_text()


@pytest.mark.parametrize("path", ["/places", "/time"])
def test_browse_pages_fit_a_phone(sites, browser, path):
    page, _, errors = _open(browser, sites["plain"] + path, viewport={"width": 360, "height": 740})
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
