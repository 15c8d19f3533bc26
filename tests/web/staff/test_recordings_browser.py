"""The recording pages in a real headless Chromium: axe-core checks, the time stamp and line links."""
from __future__ import annotations

import pytest

from heritage import create_app
from heritage.extensions import db
from heritage.models import Item
from heritage.services.database import upgrade_schema
from heritage.services.ingest import ingest_folder
from tests.factories import make_user
from tests.recordings import interview_folder, needs_av, spoken_interview  # noqa: F401
from tests.web.browsing import archive_settings, needs_chromium, served, signed_in_page
from tests.web.test_accessibility import AXE, BLOCKING, axe_violations, describe

pytestmark = [needs_chromium, needs_av,
              pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not in node_modules")]


@pytest.fixture(scope="module")
def site(tmp_path_factory, spoken_interview):
    """The production server over the ingested interview and a coordinator: (base, item, recording)."""
    root = tmp_path_factory.mktemp("recordings")
    settings = archive_settings(root)
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        assert ingest_folder(interview_folder(spoken_interview, root / "in"), "atminas",
                             workers=1).ok
        item = db.session.scalars(db.select(Item)).one()
        ids = item.id, item.recordings[0].id
        make_user("coordinator", "koordinatore", branch=None)
    with served(settings) as base:
        yield base, *ids


@pytest.mark.parametrize("path", ["recording", "interview", "recordings/{rid}/transcript",
                                  "recordings/{rid}/index"])
def test_the_recording_pages_pass_axe(browser, site, path):
    base, item_id, recording_id = site
    page = signed_in_page(browser, base, "koordinatore")
    try:
        url = f"{base}/staff/items/{item_id}/" + path.format(rid=recording_id)
        assert page.goto(url, wait_until="networkidle").status == 200
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    finally:
        page.context.close()
    assert not blocking, "\n".join(map(describe, blocking))


def test_insert_current_time_writes_the_players_time_at_the_cursor(browser, site):
    base, item_id, recording_id = site
    page = signed_in_page(browser, base, "koordinatore")
    try:
        page.goto(f"{base}/staff/items/{item_id}/recordings/{recording_id}/transcript",
                  wait_until="networkidle")
        page.wait_for_function("document.getElementById('player').readyState >= 1")
        page.evaluate("document.getElementById('player').currentTime = 2.5")
        page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 2.5) < 0.01")
        page.evaluate("(() => { const t = document.getElementById('text');"
                      " t.setSelectionRange(6, 6); })()")  # just after "WEBVTT"
        page.click("#insert-time")
        assert page.input_value("#text").startswith("WEBVTT00:00:02.500")
    finally:
        page.context.close()


def test_a_problem_link_selects_its_line(browser, site):
    base, item_id, recording_id = site
    page = signed_in_page(browser, base, "koordinatore")
    try:
        page.goto(f"{base}/staff/items/{item_id}/recordings/{recording_id}/transcript?lang=en",
                  wait_until="networkidle")
        page.fill("#text", "WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nAtpakaļ.\n")
        with page.expect_navigation():
            page.click("form.transcript-form button[type=submit]")
        page.click("a[data-line='3']")
        selected = page.evaluate("(() => { const t = document.getElementById('text');"
                                 " return [document.activeElement.id,"
                                 " t.value.slice(t.selectionStart, t.selectionEnd)]; })()")
        assert selected == ["text", "00:00:03.000 --> 00:00:02.000"]
    finally:
        page.context.close()
