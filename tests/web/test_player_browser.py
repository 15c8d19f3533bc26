"""The player in a real headless Chromium: it starts at ?t=, follows the transcript, seeks from
the index in place, answers the keys, and passes axe-core's WCAG checks.

The screenshot goes to test-artifacts/player.png, for a person to look at.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from heritage import create_app
from heritage.extensions import db
from heritage.models import Item
from heritage.services.database import upgrade_schema
from heritage.services.ingest import ingest_folder
from tests.recordings import (DEPORTATION_LINE, SEGMENTS, interview_folder, needs_av,
                              spoken_interview)  # noqa: F401
from tests.web.browsing import archive_settings, needs_chromium, served
from tests.web.test_accessibility import AXE, BLOCKING, axe_violations, describe

pytestmark = [needs_chromium, needs_av,
              pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not in node_modules")]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
READY = "document.querySelector('[data-player] audio').readyState >= 1"


@pytest.fixture(scope="module")
def site(tmp_path_factory, spoken_interview):  # noqa: F811
    """The production server over the spoken interview: (base URL, item id, cue spans)."""
    root = tmp_path_factory.mktemp("player")
    settings = archive_settings(root)
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        report = ingest_folder(interview_folder(spoken_interview, root / "ozola"), "atminas",
                               publish=True, workers=1)
        assert report.ok and report.created, (report.failed, report.skipped)
        item_id = db.session.scalar(db.select(Item.id))
    with served(settings) as base:
        yield base, item_id, spoken_interview[1]


@pytest.fixture
def page(browser, site):
    """The item page opened at the deportation with the query izsutija, its media ready."""
    base, item_id, spans = site
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    start = spans[DEPORTATION_LINE][0]
    opened.goto(f"{base}/items/{item_id}?t={start:.1f}&q=izsutija", wait_until="networkidle")
    opened.wait_for_function(READY, timeout=10_000)
    yield opened
    context.close()
    assert not errors, errors


def _time(page) -> float:
    return page.evaluate("document.querySelector('[data-player] audio').currentTime")


def test_the_page_starts_at_t_and_marks_the_cue_said_there(page, site):
    _, _, spans = site
    start = spans[DEPORTATION_LINE][0]
    assert _time(page) == pytest.approx(start, abs=0.3)
    cue = page.locator("ol.transcript > li[aria-current='true']")
    cue.wait_for(timeout=5_000)
    assert cue.count() == 1
    assert cue.get_attribute("id").endswith(f"-cue-{DEPORTATION_LINE + 1}")
    assert "izsūtīja" in cue.inner_text()
    # the index part the moment belongs to is current too
    segment = page.locator("ol.segments > li[aria-current='true']")
    assert segment.count() == 1 and SEGMENTS[1][1] in segment.inner_text()
    assert page.locator(".player-keys").is_visible()
    assert page.locator(".follow-toggle").is_checked()


def test_an_index_link_seeks_in_place_and_keeps_t_in_the_address(page, site):
    _, _, spans = site
    before = page.url
    page.locator("ol.segments a.segment-link").first.click()
    page.wait_for_function("document.querySelector('[data-player] audio').currentTime < 0.5")
    assert _time(page) == pytest.approx(spans[SEGMENTS[0][0]][0], abs=0.3)
    assert urlsplit(page.url).path == urlsplit(before).path  # no navigation
    assert float(parse_qs(urlsplit(page.url).query)["t"][0]) == pytest.approx(0, abs=0.3)
    assert page.locator("ol.transcript > li").first.get_attribute("aria-current") == "true"
    page.evaluate("document.querySelector('[data-player] audio').pause()")


def test_keys_seek_and_change_the_speed_and_are_announced(page, site):
    page.evaluate("document.querySelector('[data-player] audio').pause()")
    page.evaluate("document.querySelector('[data-player] audio').currentTime = 2")
    page.wait_for_function("document.querySelector('[data-player] audio').currentTime === 2")
    page.locator("ol.transcript").focus()
    page.keyboard.press("l")
    assert _time(page) == pytest.approx(12, abs=0.3)
    page.keyboard.press("l")
    page.keyboard.press("l")  # clamped at the end, not past it
    duration = page.evaluate("document.querySelector('[data-player] audio').duration")
    assert _time(page) == pytest.approx(duration, abs=0.3)
    page.keyboard.press("j")
    assert _time(page) == pytest.approx(duration - 10, abs=0.3)
    page.keyboard.press("ArrowLeft")
    assert _time(page) == pytest.approx(duration - 15, abs=0.3)
    page.keyboard.press(".")
    assert page.evaluate("document.querySelector('[data-player] audio').playbackRate") == 1.25
    # said in the page's language: 1,25 in Latvian
    page.wait_for_function("/1[.,]25/.test(document.querySelector('.player-status').textContent)")
    page.keyboard.press(",")
    page.keyboard.press(",")
    assert page.evaluate("document.querySelector('[data-player] audio').playbackRate") == 0.75
    # typing in the interview's search box is typing, not a key of the player
    page.locator("section.interview-search input[type=search]").fill("")
    page.locator("section.interview-search input[type=search]").press("l")
    assert page.locator("section.interview-search input[type=search]").input_value() == "l"
    assert page.evaluate("document.querySelector('[data-player] audio').playbackRate") == 0.75


def test_unticking_follow_keeps_the_transcript_still(page, site):
    box = page.locator("ol.transcript")
    page.evaluate("document.querySelector('ol.transcript').style.maxHeight = '4rem'")
    page.locator(".follow-toggle").uncheck()
    page.evaluate("document.querySelector('ol.transcript').scrollTop = 0")
    page.evaluate("""() => { const a = document.querySelector('[data-player] audio');
                             a.currentTime = a.duration - 1; }""")
    page.wait_for_function("document.querySelector('ol.transcript > li:last-child')"
                           ".getAttribute('aria-current') === 'true'")
    assert box.evaluate("b => b.scrollTop") == 0
    page.locator(".follow-toggle").check()
    page.wait_for_function("document.querySelector('ol.transcript').scrollTop > 0")


def test_the_player_page_passes_axe_and_is_photographed(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(map(describe, blocking))
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("section.recording").screenshot(path=str(ARTIFACTS / "player.png"))


def test_the_player_fits_a_narrow_phone(browser, site):
    base, item_id, _ = site
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        narrow = context.new_page()
        narrow.goto(f"{base}/items/{item_id}?q=izsutija", wait_until="networkidle")
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
        narrow.screenshot(path=str(ARTIFACTS / "player-phone.png"), full_page=True)
    finally:
        context.close()
