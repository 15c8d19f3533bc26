"""The catalogue in a real headless Chromium: no request leaves the server, images load,
the keyboard reaches the content, and the layout holds on a phone."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema
from tests.factories import fetch_when_up, free_port, make_item

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra (scripts/setup test)")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup test)")
# Without these, Chromium phones home at start and this machine's closed network refuses it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A waitress server over a seeded archive; yields its base URL and the item ids."""
    root = tmp_path_factory.mktemp("site")
    env = {"HERITAGE_INSTANCE": str(root / "instance"), "HERITAGE_MEDIA_ROOT": str(root / "media"),
           "HERITAGE_MAP_TILES": ""}
    app = create_app(env)
    with app.app_context():
        upgrade_schema()
        ids = {"clipping": make_item(title="Krāslavas skola", coverage="Krāslava", date="1935",
                                     type="Text", language="lv",
                                     texts=("Krāslavas skolā mācās bērni.", "Otrā lapa.")).id,
               "closed": make_item(title="Slēgts", access_level="reading_room").id}
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("heritage")), "serve", "--port", str(port)],
                              env=dict(os.environ, **env), stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    fetch_when_up(base)
    yield base, ids
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _visit(browser, url: str, **context):
    """Open ``url``; return the page, every requested URL and the console errors."""
    page = browser.new_context(**context).new_page()
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="networkidle")
    return page, response, requested, errors


@pytest.mark.parametrize("path", ["/", "/collections/testa-kolekcija", "/items/{clipping}",
                                  "/items/{clipping}?page=2", "/items/{closed}", "/search?q=kraslavas",
                                  "/search?q=skola&decade=1930&year_from=1900",
                                  "/?lang=lt", "/items/999"])
def test_pages_ask_nothing_of_other_hosts_and_all_images_load(site, browser, path):
    base, ids = site
    page, response, requested, errors = _visit(browser, base + path.format(**ids))
    assert response.status in (200, 404)
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(base).netloc}
    if response.status == 404:  # the browser reports the page's own status; nothing else may fail
        errors.remove("Failed to load resource: the server responded with a status of 404 (NOT FOUND)")
    assert errors == []
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0


def test_first_tab_reaches_the_skip_link_and_it_leads_to_the_content(site, browser):
    base, ids = site
    page, *_ = _visit(browser, f"{base}/items/{ids['clipping']}")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().left]")
    assert focused[0] == "Pāriet uz saturu" and focused[1] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@pytest.mark.parametrize("path", ["/items/{clipping}", "/search?q=skola&decade=1930&year_from=1900"])
def test_phone_width_has_no_sideways_scrolling(site, browser, tmp_path, path):
    base, ids = site
    page, *_ = _visit(browser, base + path.format(**ids), viewport={"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert (tmp_path / "phone.png").stat().st_size > 10_000


def test_search_form_submits_from_the_keyboard(site, browser):
    base, _ = site
    page, *_ = _visit(browser, base + "/")
    page.get_by_label("Meklēt arhīvā").fill("kraslavas skola")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search?q=kraslavas+skola" in page.url
    assert page.locator("mark").first.inner_text() in ("Krāslavas", "skolā")


def test_facets_and_filter_chips_work_from_the_keyboard(site, browser):
    base, _ = site
    page, *_ = _visit(browser, base + "/search?q=skola")
    facet = page.get_by_role("navigation", name="Atlasīt rezultātus").get_by_role("link", name="1930–1939 (1)")
    facet.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # the focus is visible
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "decade=1930" in page.url
    chip = page.get_by_role("link", name="Noņemt filtru: 1930–1939", exact=True)
    chip.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "decade" not in page.url and "q=skola" in page.url
