"""The catalogue in a real headless Chromium: no request leaves the server, images load,
the keyboard reaches the content, and the layout holds on a phone."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema
from tests.factories import make_item
from tests.web.browsing import archive_settings, needs_chromium, served, visit

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over a seeded archive; yields its base URL and the item ids."""
    settings = archive_settings(tmp_path_factory.mktemp("site"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        ids = {"clipping": make_item(title="Krāslavas skola", coverage="Krāslava", date="1935",
                                     type="Text", language="lv",
                                     texts=("Krāslavas skolā mācās bērni.", "Otrā lapa.")).id,
               "closed": make_item(title="Slēgts", access_level="reading_room").id}
    with served(settings) as base:
        yield base, ids


@pytest.mark.parametrize("path", ["/", "/collections/testa-kolekcija", "/items/{clipping}",
                                  "/items/{clipping}?page=2", "/items/{closed}", "/search?q=kraslavas",
                                  "/search?q=skola&decade=1930&year_from=1900",
                                  "/?lang=lt", "/items/999"])
def test_pages_ask_nothing_of_other_hosts_and_all_images_load(site, browser, path):
    base, ids = site
    page, response, requested, errors = visit(browser, base + path.format(**ids))
    assert response.status in (200, 404)
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(base).netloc}
    if response.status == 404:  # the browser reports the page's own status; nothing else may fail
        errors.remove("Failed to load resource: the server responded with a status of 404 (NOT FOUND)")
    assert errors == []
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0


def test_first_tab_reaches_the_skip_link_and_it_leads_to_the_content(site, browser):
    base, ids = site
    page, *_ = visit(browser, f"{base}/items/{ids['clipping']}")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().left]")
    assert focused[0] == "Pāriet uz saturu" and focused[1] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@pytest.mark.parametrize("path", ["/items/{clipping}", "/search?q=skola&decade=1930&year_from=1900"])
def test_phone_width_has_no_sideways_scrolling(site, browser, tmp_path, path):
    base, ids = site
    page, *_ = visit(browser, base + path.format(**ids), viewport={"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert (tmp_path / "phone.png").stat().st_size > 10_000


def test_search_form_submits_from_the_keyboard(site, browser):
    base, _ = site
    page, *_ = visit(browser, base + "/")
    page.get_by_label("Meklēt arhīvā").fill("kraslavas skola")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search?q=kraslavas+skola" in page.url
    assert page.locator("mark").first.inner_text() in ("Krāslavas", "skolā")


def test_facets_and_filter_chips_work_from_the_keyboard(site, browser):
    base, _ = site
    page, *_ = visit(browser, base + "/search?q=skola")
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
