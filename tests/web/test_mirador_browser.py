"""Mirador, the IIIF viewer from the npm registry, opening a heritage manifest in Chromium.

The screenshot goes to test-artifacts/mirador.png at the repository root, for a person to
look at. The page's own answers (404s, locale, no-script text) are checked without a browser.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema
from heritage.web.i18n import LOCALE_COOKIE
from tests.factories import make_alto_item, make_item
from tests.web.browsing import archive_settings, needs_chromium, served

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "Vecpils dzirnavu grāmata"
MIRADOR_OWN_NOTICE = "Accessing element.ref was removed in React 19."
TEXTS = ("Vecpils dzirnavās malēja miltus visam pagastam.",
         "Dzirnavnieks stāstīja teikas par upes velnu.")
ALTO_TITLE = "Upes dzirnavas"
ALTO_LINES = ("Vecās dzirnavās pie upes malēja miltus",
              "visam pagastam, un dzirnavnieks stāstīja teikas")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over an archive with a two-page item and a one-page item with
    ALTO word boxes; yields the URL and the two ids."""
    settings = archive_settings(tmp_path_factory.mktemp("mirador-site"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        item_id = make_item(title=TITLE, texts=TEXTS).id
        alto_id = make_alto_item(ALTO_LINES, title=ALTO_TITLE, width=1200, size=40).id
    with served(settings) as base:
        yield base, item_id, alto_id


@needs_chromium
def test_mirador_opens_the_manifest_and_shows_the_first_canvas(site, browser):
    base, item_id, _ = site
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.add_cookies([{"name": LOCALE_COOKIE, "value": "en", "url": base}])
    page = context.new_page()
    answers, errors = [], []
    page.on("response", lambda response: answers.append((response.url, response.status)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/items/{item_id}/mirador")
    # Mirador's window: its title bar names the item, and OpenSeadragon draws the canvas
    page.locator(".mirador-window-top-bar", has_text=TITLE).first.wait_for(timeout=30_000)
    page.locator(".mirador-window .openseadragon-canvas canvas").first.wait_for(timeout=30_000)
    image = re.compile(rf"/iiif/3/{item_id}-1/[^/]+/[^/]+/[^/]+/[^/]+\.(jpg|png|webp)")
    for _ in range(40):  # the first tiles arrive after the canvas is drawn
        if any(image.search(urlsplit(url).path) and status == 200 for url, status in answers):
            break
        page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(ARTIFACTS / "mirador.png"))

    paths = [(urlsplit(url).path, status) for url, status in answers]
    assert (f"/iiif/3/items/{item_id}/manifest.json", 200) in paths
    assert any(image.search(path) and status == 200 for path, status in paths), paths
    assert page.get_by_role("link", name=re.compile("Back to the item")).get_attribute("href") \
        == f"/items/{item_id}"
    assert page.title().startswith(TITLE)
    assert {urlsplit(url).netloc for url, _ in answers} == {urlsplit(base).netloc}
    # Mirador 4.0.0's own bundle logs one React 19 deprecation notice; anything else is ours
    assert [e for e in errors if not e.startswith(MIRADOR_OWN_NOTICE)] == [], errors


@needs_chromium
def test_mirador_searches_the_item_and_highlights_the_hit(site, browser):
    """Mirador 4 reads only Content Search 0/1: its search panel asks /search1 and marks the
    word's ALTO box on the canvas (the page image is grey, so coloured pixels are the mark)."""
    from io import BytesIO

    from PIL import Image

    base, _, item_id = site
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.add_cookies([{"name": LOCALE_COOKIE, "value": "en", "url": base}])
    page = context.new_page()
    answers, errors = [], []
    page.on("response", lambda response: answers.append((response.url, response.status)))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/items/{item_id}/mirador")
    page.locator(".mirador-window-top-bar", has_text=ALTO_TITLE).first.wait_for(timeout=30_000)
    page.locator(".mirador-window .openseadragon-canvas canvas").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Toggle sidebar").click()
    page.get_by_role("tab", name="Search").click()
    box = page.locator("input[id^='search-']")
    box.fill("dzirnavas")
    box.press("Enter")
    # the hit is listed with the words around it (Content Search 1.0 before/match/after)
    hit = page.locator("li", has=page.locator("strong", has_text="dzirnavās")).first
    hit.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # OpenSeadragon zooms to the selected hit and draws its box
    page.screenshot(path=str(ARTIFACTS / "mirador-search.png"))

    searched = [(urlsplit(url), status) for url, status in answers if "/search1" in url]
    assert searched and all(status == 200 for _, status in searched)
    assert searched[0][0].path == f"/iiif/3/items/{item_id}/search1"
    assert "q=dzirnavas" in searched[0][0].query
    assert "dzirnavās" in hit.inner_text()
    canvas = page.locator(".mirador-window .openseadragon-canvas").first
    shot = Image.open(BytesIO(canvas.screenshot())).convert("RGB")
    coloured = sum(1 for r, g, b in shot.getdata() if max(r, g, b) - min(r, g, b) > 40)
    assert coloured > 200, "no search highlight drawn on the canvas"
    assert errors == [], errors


def test_mirador_page_names_the_manifest_and_explains_without_script(client, app):
    item = make_item(title=TITLE, texts=TEXTS)
    html = client.get(f"/items/{item.id}/mirador").get_data(as_text=True)
    manifest = f"http://localhost/iiif/3/items/{item.id}/manifest.json"
    assert f'data-manifest="{manifest}"' in html
    assert "/vendor/mirador/mirador.min.js" in html
    assert "<noscript>" in html and f'href="{manifest}"' in html
    assert f'href="/items/{item.id}"' in html
    assert f"<title>{TITLE}" in html


@pytest.mark.parametrize("locale,language", [("lt", "lt"), ("en", "en"), ("lv", "en")])
def test_mirador_speaks_the_locale_when_it_can(client, app, locale, language):
    item = make_item(title=TITLE, texts=TEXTS)
    client.set_cookie(LOCALE_COOKIE, locale)
    html = client.get(f"/items/{item.id}/mirador").get_data(as_text=True)
    assert f'data-language="{language}"' in html


@pytest.mark.parametrize("status,level", [("draft", "public"), ("published", "staff")])
def test_mirador_page_only_for_public_items(client, app, status, level):
    item = make_item(status=status, access_level=level)
    assert client.get(f"/items/{item.id}/mirador").status_code == 404
    assert client.get("/items/999999/mirador").status_code == 404


def test_mirador_bundle_is_served(client, app):
    if not (Path(__file__).resolve().parents[2] / "node_modules/mirador/dist/mirador.min.js").exists():
        pytest.skip("npm ci has not installed mirador (scripts/setup)")
    response = client.get("/vendor/mirador/mirador.min.js")
    assert response.status_code == 200 and b"Mirador" in response.get_data()[:2000]
    assert client.get("/vendor/mirador/mirador.min.js.map").status_code == 404
