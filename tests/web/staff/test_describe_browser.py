"""The vocabulary combobox of the description form in a real headless Chromium."""
from __future__ import annotations

import pytest

from heritage import create_app
from heritage.services import vocabularies
from heritage.services.database import upgrade_schema
from tests.factories import make_user
from tests.web.browsing import archive_settings, needs_chromium, served, signed_in_page

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over an archive with one cataloguer and one person."""
    settings = archive_settings(tmp_path_factory.mktemp("describe-site"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        user = make_user("cataloguer", "anna")
        vocabularies.create_person("Bērziņš, Jānis", user, dates="1901/1978")
    with served(settings) as base:
        yield base


def test_the_combobox_suggests_and_is_driven_by_keyboard(site, browser):
    page = signed_in_page(browser, site, "anna")
    page.goto(site + "/staff/describe/new")
    creator = page.locator("#creator-0")
    assert creator.get_attribute("role") == "combobox"
    creator.type("berz")
    page.wait_for_selector("ul.suggestions li[role=option]")
    assert creator.get_attribute("aria-expanded") == "true"
    creator.press("ArrowDown")
    active = creator.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    creator.press("Enter")
    assert creator.input_value() == "Bērziņš, Jānis"
    assert creator.get_attribute("aria-expanded") == "false"
    assert page.url.endswith("/staff/describe/new")  # Enter chose; it did not submit
