"""The deep-zoom viewer in a real headless Chromium: from a search to a zoomed-in hit box.

Screenshots go to test-artifacts/ at the repository root, for a person to look at.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema
from heritage.web.i18n import LOCALE_COOKIE
from tests.factories import make_alto_item
from tests.web.browsing import archive_settings, needs_chromium, served

pytestmark = needs_chromium
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# the hit sits mid-line, so zooming in on the centre keeps it in view
LINES = ("Atmiņas par ezeru un laivām, ko stāstīja vecie ļaudis",
         "Rudens vakarā ezera krastā Žvejnieki gaidīja vēju un",
         "rītos zivis veda uz tirgu pāri laukiem un mežiem")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over an archive with one page that has an ALTO; yields URL and id."""
    settings = archive_settings(tmp_path_factory.mktemp("viewer-site"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        item_id = make_alto_item(LINES, title="Ezera zvejnieki").id
    with served(settings) as base:
        yield base, item_id


def _english_page(browser, base: str, **context):
    """A new page whose interface is English (the labels the assertions name)."""
    browser_context = browser.new_context(**context)
    browser_context.add_cookies([{"name": LOCALE_COOKIE, "value": "en", "url": base}])
    return browser_context.new_page()


def _inside(box: dict, frame: dict) -> bool:
    """Whether ``box`` lies (at least partly) within ``frame``."""
    return (box["x"] < frame["x"] + frame["width"] and frame["x"] < box["x"] + box["width"]
            and box["y"] < frame["y"] + frame["height"] and frame["y"] < box["y"] + box["height"])


def test_search_open_zoom_and_see_the_hit(site, browser):
    base, item_id = site
    ARTIFACTS.mkdir(exist_ok=True)
    page = _english_page(browser, base, viewport={"width": 1280, "height": 900})
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/search?q=zvejnieki", wait_until="networkidle")
    page.screenshot(path=str(ARTIFACTS / "viewer-search.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("link", name="Ezera zvejnieki").click()
    assert urlsplit(page.url).path == f"/items/{item_id}" and "q=zvejnieki" in page.url

    viewer = page.locator(".viewer")
    hit = page.locator(".hit-box").first
    hit.wait_for(state="attached", timeout=15_000)
    viewer.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.locator(".viewer-fallback").is_hidden()  # the script replaced the plain image
    assert page.locator("mark", has_text="Žvejnieki").is_visible()
    page.screenshot(path=str(ARTIFACTS / "viewer-item.png"))
    before = hit.bounding_box()["width"]

    zoom_in = page.get_by_role("button", name="Zoom in")  # an accessible name, reachable by Tab
    zoom_in.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)  # OpenSeadragon animates the zoom
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(ARTIFACTS / "viewer-zoomed.png"))

    box, frame = hit.bounding_box(), viewer.bounding_box()
    assert box["width"] > before * 1.5  # it was really zoomed
    window = {"x": 0, "y": 0, **page.viewport_size}
    assert hit.is_visible() and _inside(box, frame) and _inside(box, window)
    # the viewer read the item's IIIF manifest and zoomed through its image service's tiles
    assert any(urlsplit(url).path == f"/iiif/3/items/{item_id}/manifest.json" for url in requested)
    assert any(f"/iiif/3/{item_id}-1/" in url and url.endswith("/default.jpg") for url in requested)
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(base).netloc}
    assert errors == []


def test_canvas_is_labelled_and_zooms_from_the_keyboard(site, browser):
    base, item_id = site
    page = _english_page(browser, base)
    page.goto(f"{base}/items/{item_id}?q=zvejnieki", wait_until="networkidle")
    canvas = page.get_by_role("application")
    assert "+" in canvas.get_attribute("aria-label")
    hit = page.locator(".hit-box").first
    hit.wait_for(state="attached")
    before = hit.bounding_box()["width"]
    canvas.focus()
    page.keyboard.down("+")  # OpenSeadragon zooms for as long as the key is held
    page.wait_for_timeout(800)
    page.keyboard.up("+")
    page.wait_for_timeout(1000)
    assert hit.bounding_box()["width"] > before * 1.2
    for name in ("Zoom in", "Zoom out", "Whole page", "Next hit"):
        assert page.get_by_role("button", name=name).is_visible()
