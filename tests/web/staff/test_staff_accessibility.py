"""WCAG 2.1 A/AA checks with axe-core on every kind of workspace page, signed in, in Latvian,
and on the residents' contribution form."""
from __future__ import annotations

import pytest

from heritage import create_app
from heritage.extensions import db
from heritage.models import Contribution
from heritage.services import exhibitions
from heritage.services.database import upgrade_schema
from tests.factories import make_item, make_user
from tests.web.browsing import archive_settings, served, signed_in_page
from tests.web.test_accessibility import BLOCKING, axe_violations, describe
from tests.web.test_accessibility import pytestmark as AXE_SKIPS

pytestmark = AXE_SKIPS  # the same skips: no Chromium, no axe-core


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server over a small archive with one of everything the workspace shows."""
    settings = archive_settings(tmp_path_factory.mktemp("staff-a11y"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        admin = make_user("admin", "pieejamiba", branch=None)
        item = make_item(title="Dzirnavu ļaudis", texts=("Dzirnavās strādāja pieci vīri.",),
                         branch="ezerkalne", status="review", date="1938", type="Text")
        found = exhibitions.create_exhibition("dzirnavas", "Dzirnavas", summary="Par dzirnavām.")
        page = exhibitions.add_page(found, "sakums", "Sākums")
        exhibitions.add_block(page, "text", "Stāsts.")
        gift = Contribution(name="Anna", contact="anna@example.org", title="Skolas foto",
                            story="Mūsu skola 1962. gadā.", consent_publish=True)
        db.session.add(gift)
        db.session.commit()
        paths = ["/staff/", "/staff/items/", "/staff/items/review", f"/staff/items/{item.id}",
                 "/staff/describe/new", f"/staff/describe/{item.id}", "/staff/uploads/new",
                 "/staff/ocr/", f"/staff/ocr/{item.id}/1", "/staff/exhibitions/",
                 "/staff/exhibitions/dzirnavas", f"/staff/exhibitions/page/{page.id}",
                 "/staff/contributions/", f"/staff/contributions/{gift.id}",
                 "/staff/vocabularies/", "/staff/vocabularies/persons/new", "/staff/stats/",
                 "/staff/users/", f"/staff/users/{admin.id}", "/staff/audit/", "/staff/password"]
    with served(settings) as base:
        yield base, paths


@pytest.fixture(scope="module")
def signed_in(site, browser):
    """A browser context signed in as the administrator."""
    context = signed_in_page(browser, site[0], "pieejamiba").context
    yield context
    context.close()


def _check(page, path):
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe found on {path}:\n" + "\n".join(map(describe, blocking))


def test_every_workspace_page_kind(site, signed_in):
    base, paths = site
    failures = []
    for path in paths:
        page = signed_in.new_page()
        try:
            response = page.goto(base + path, wait_until="networkidle")
            assert response.status == 200, f"{path} answered {response.status}"
            _check(page, path)
        except AssertionError as failure:
            failures.append(str(failure))
        finally:
            page.close()
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("path", ["/staff/login", "/contribute/"])
def test_public_forms(site, browser, path):
    page = browser.new_context().new_page()
    try:
        assert page.goto(site[0] + path, wait_until="networkidle").status == 200
        _check(page, path)
    finally:
        page.context.close()
