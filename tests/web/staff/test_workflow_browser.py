"""The whole staff path in headless Chromium against the production server: a cataloguer
uploads a scan, describes it and submits it; the coordinator publishes it; a resident finds
it in search."""
from __future__ import annotations

import re

import pytest

from heritage import create_app
from heritage.services.database import upgrade_schema
from tests.conftest import REPO
from tests.factories import make_user, write_scan
from tests.web.browsing import archive_settings, needs_chromium, served, signed_in_page

pytestmark = needs_chromium
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over an empty archive with a cataloguer and a coordinator."""
    settings = archive_settings(tmp_path_factory.mktemp("workflow-site"), HERITAGE_JOB_WORKERS="1")
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        make_user("cataloguer", "marta", branch="dzirnupe")
        make_user("coordinator", "inga", branch=None)
    with served(settings) as base:
        yield base


def test_upload_describe_review_publish_and_find(site, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    scan = write_scan(tmp_path / "dzirnavas.png", "Dzirnupes dzirnavas maļ graudus 1938. gadā.")

    # the cataloguer uploads the scan into a new collection
    marta = signed_in_page(browser, site, "marta")
    marta.goto(site + "/staff/uploads/new")
    marta.fill("#new_slug", "dzirnupes-mape")
    marta.fill("#new_title", "Dzirnupes mape")
    marta.set_input_files("#files", str(scan))
    marta.click("form.staff-form button[type=submit]")
    marta.wait_for_url(re.compile(r".*/staff/uploads/\d+$"))
    link = marta.locator("a", has_text=re.compile(r"#\d+")).first
    link.wait_for(timeout=120_000)  # the job ends with a link to the new item
    marta.screenshot(path=str(ARTIFACTS / "workflow-upload-report.png"), full_page=True)
    item_id = int(re.search(r"#(\d+)", link.inner_text()).group(1))

    # she describes it
    marta.goto(f"{site}/staff/describe/{item_id}")
    marta.fill("#title-0", "Dzirnupes ūdensdzirnavas")
    marta.fill("#date-0", "ap. 1938")
    marta.click("button[name=action][value=save]")
    marta.wait_for_load_state("networkidle")
    assert "Dzirnupes ūdensdzirnavas" in marta.content()

    # and submits it for review
    marta.goto(f"{site}/staff/items/{item_id}")
    marta.click("button[name=action][value=submit]")
    marta.wait_for_load_state("networkidle")

    # the coordinator finds it in the review queue and publishes it
    inga = signed_in_page(browser, site, "inga")
    inga.goto(site + "/staff/items/review")
    inga.click(f"a[href$='/staff/items/{item_id}']")
    inga.wait_for_url(re.compile(rf".*/staff/items/{item_id}$"))
    inga.screenshot(path=str(ARTIFACTS / "workflow-review.png"), full_page=True)
    inga.click("button[name=action][value=publish]")
    inga.wait_for_load_state("networkidle")

    # a resident finds it, without diacritics, and opens it
    resident = browser.new_context().new_page()
    resident.goto(site + "/search?q=udensdzirnavas")
    result = resident.locator("a", has_text="Dzirnupes ūdensdzirnavas").first
    result.wait_for()
    resident.screenshot(path=str(ARTIFACTS / "workflow-found.png"), full_page=True)
    result.click()
    resident.wait_for_load_state("networkidle")
    assert f"/items/{item_id}" in resident.url
    assert "1938" in resident.content()
