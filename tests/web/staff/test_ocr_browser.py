"""The correction editor in a real headless Chromium: axe-core WCAG checks and the shortcuts."""
from __future__ import annotations

import pytest

from heritage import create_app
from heritage.extensions import db
from heritage.models import Page
from heritage.services.database import upgrade_schema
from tests.factories import make_item, make_user
from tests.web.browsing import archive_settings, needs_chromium, served, signed_in_page
from tests.web.test_accessibility import AXE, BLOCKING, axe_violations, describe

pytestmark = [needs_chromium,
              pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not in node_modules")]
MACHINE = "Ezerkalnes skolā mācījās Qwrtzbaum bērni."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over one two-page item and a volunteer; (base URL, item id, settings)."""
    settings = archive_settings(tmp_path_factory.mktemp("ocr"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        item_id = make_item(title="Skolas vēsture", texts=(MACHINE, "Otrā lapa.")).id
        make_user("volunteer", "talkotajs", branch=None)
    with served(settings) as base:
        yield base, item_id, app


def _signed_in(browser, base):
    return signed_in_page(browser, base, "talkotajs")


def _text_of(app, item_id, sequence=1) -> str:
    with app.app_context():
        return db.session.scalar(db.select(Page.ocr_text).filter_by(item_id=item_id, sequence=sequence))


@pytest.mark.parametrize("path", ["/staff/ocr/", "/staff/ocr/{id}/1"])
def test_the_correction_pages_pass_axe(browser, site, path):
    base, item_id, _app = site
    page = _signed_in(browser, base)
    try:
        response = page.goto(base + path.format(id=item_id), wait_until="networkidle")
        assert response.status == 200
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    finally:
        page.context.close()
    assert not blocking, "\n".join(map(describe, blocking))


def test_ctrl_s_saves_and_ctrl_enter_saves_and_opens_the_next_page(browser, site):
    base, item_id, app = site
    page = _signed_in(browser, base)
    try:
        page.goto(f"{base}/staff/ocr/{item_id}/1", wait_until="networkidle")
        page.fill("#text", "Pirmā lapa, labota.")
        with page.expect_navigation():
            page.press("#text", "Control+s")
        assert _text_of(app, item_id) == "Pirmā lapa, labota."
        page.fill("#text", "Pirmā lapa, labota vēlreiz.")
        with page.expect_navigation():
            page.press("#text", "Control+Enter")
        assert page.url.endswith(f"/staff/ocr/{item_id}/2")
        assert _text_of(app, item_id) == "Pirmā lapa, labota vēlreiz."
    finally:
        page.context.close()
