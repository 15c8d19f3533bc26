"""The text-correction workspace: queue, editor, image, saving, conflicts, original and revert."""
from __future__ import annotations

import re

import pytest

from heritage.extensions import db
from heritage.models import Page
from heritage.services.corrections import text_version
from tests.conftest import REPO
from tests.factories import make_item
from tests.web.test_html_quality import needs_vnu, nu_html_problems

MACHINE = "Ezerkalnes skolā mācījās Qwrtzbaum bērni."
FIXED = "Ezerkalnes skolā mācījās Vilkabērzu bērni."


@pytest.fixture
def item(app):
    return make_item(title="Skolas vēsture", texts=(MACHINE, "Otrā lapa."), branch="ezerkalne")


def _page(item_id, sequence=1) -> Page:
    db.session.expire_all()
    return db.session.scalar(db.select(Page).filter_by(item_id=item_id, sequence=sequence))


def _version_in(html: str) -> str:
    return re.search(r'name="version" value="([0-9a-f]+)"', html).group(1)


def test_the_queue_lists_pages_and_recent_corrections(app, staff, item):
    photo = make_item(title="Fotogrāfija", texts=("",))
    volunteer = staff("volunteer", branch=None)
    html = volunteer.get("/staff/ocr/").get_data(as_text=True)
    assert f"/staff/ocr/{item.id}/1" in html and f"/staff/ocr/{photo.id}/1" in html
    volunteer.post(f"/staff/ocr/{item.id}/1", {"text": FIXED, "version": text_version(MACHINE)})
    html = volunteer.get("/staff/ocr/?lang=en").get_data(as_text=True)
    assert "Recent corrections" in html and volunteer.user.name in html


def test_the_queue_filters_by_collection(app, staff, item):
    other = make_item(collection="cita", title="Cita kolekcija")
    html = staff("volunteer", branch=None).get("/staff/ocr/?collection=cita").get_data(as_text=True)
    assert f"/staff/ocr/{other.id}/1" in html and f"/staff/ocr/{item.id}/1" not in html


def test_the_editor_shows_the_image_the_text_and_the_shortcuts(app, staff, item):
    response = staff("volunteer", branch=None).get(f"/staff/ocr/{item.id}/1?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'src="/staff/ocr/{item.id}/1/image.jpg"' in html
    assert MACHINE in html and 'name="csrf_token"' in html
    assert "Keyboard shortcuts" in html and "shortcuts-help\"" in html
    assert _version_in(html) == text_version(MACHINE)


def test_saving_corrects_the_page_and_keeps_the_original(app, staff, item):
    volunteer = staff("volunteer", branch=None)
    response = volunteer.post(f"/staff/ocr/{item.id}/1", {"text": FIXED, "version": text_version(MACHINE)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/ocr/{item.id}/1")
    page = _page(item.id)
    assert (page.ocr_text, page.original_ocr_text, page.text_source) == (FIXED, MACHINE, "corrected")


def test_save_and_next_opens_the_next_page(app, staff, item):
    response = staff("volunteer", branch=None).post(
        f"/staff/ocr/{item.id}/1", {"text": FIXED, "version": text_version(MACHINE), "then": "next"})
    assert response.headers["Location"].endswith(f"/staff/ocr/{item.id}/2")


def test_a_stale_save_is_refused_and_shows_both_texts(app, staff, item):
    first, second = staff("volunteer", "pirmais", branch=None), staff("volunteer", "otrais", branch=None)
    started = _version_in(second.get(f"/staff/ocr/{item.id}/1").get_data(as_text=True))
    first.post(f"/staff/ocr/{item.id}/1", {"text": FIXED, "version": text_version(MACHINE)})
    mine = MACHINE + " Mans papildinājums."
    response = second.post(f"/staff/ocr/{item.id}/1?lang=en", {"text": mine, "version": started})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'role="alert"' in html and "pirmais" in html
    assert FIXED in html and mine in html
    assert _version_in(html) == text_version(FIXED)  # saving again is a deliberate choice
    assert _page(item.id).ocr_text == FIXED


def test_the_original_view_and_revert(app, staff, item):
    volunteer = staff("volunteer", branch=None)
    volunteer.post(f"/staff/ocr/{item.id}/1", {"text": FIXED, "version": text_version(MACHINE)})
    html = volunteer.get(f"/staff/ocr/{item.id}/1/original").get_data(as_text=True)
    assert MACHINE in html and FIXED in html and 'value="revert"' in html
    response = volunteer.post(f"/staff/ocr/{item.id}/1", {"action": "revert", "version": _version_in(html)})
    assert response.status_code == 302
    page = _page(item.id)
    assert page.ocr_text == MACHINE and page.original_ocr_text is None


@pytest.mark.parametrize("data, message", [
    ({"action": "revert"}, "has not been corrected"),
    ({"text": "x" * 200_001}, "more than a page may hold"),
])
def test_bad_saves_are_explained(app, staff, item, data, message):
    data = {"version": text_version(MACHINE), **data}
    response = staff("volunteer", branch=None).post(f"/staff/ocr/{item.id}/1?lang=en", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html and 'role="alert"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="text-error ' in html


def test_the_staff_image_is_sent_for_a_staff_only_item_to_its_cataloguer(app, staff):
    closed = make_item(access_level="staff", branch="ezerkalne")
    response = staff("cataloguer").get(f"/staff/ocr/{closed.id}/1/image.jpg")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.data[:2] == b"\xff\xd8" and "no-store" in response.headers["Cache-Control"]
    assert app.test_client().get(f"/items/{closed.id}/pages/1/web.jpg").status_code == 404


@pytest.mark.parametrize("url", ["/staff/ocr/{id}/1", "/staff/ocr/{id}/1/image.jpg",
                                 "/staff/ocr/{id}/1/original"])
def test_volunteers_are_refused_staff_only_items(app, staff, url):
    closed = make_item(access_level="staff", branch="ezerkalne")
    assert staff("volunteer", branch=None).get(url.format(id=closed.id)).status_code == 403


def test_a_volunteer_cannot_save_a_staff_only_page(app, staff):
    closed = make_item(access_level="staff", texts=("Slepens.",))
    response = staff("volunteer", branch=None).post(
        f"/staff/ocr/{closed.id}/1", {"text": "x", "version": text_version("Slepens.")})
    assert response.status_code == 403 and _page(closed.id).ocr_text == "Slepens."


def test_a_missing_page_is_not_found(app, staff, item):
    assert staff("coordinator", branch=None).get(f"/staff/ocr/{item.id}/9").status_code == 404


def test_a_save_without_the_csrf_token_is_refused(app, staff, item):
    volunteer = staff("volunteer", branch=None)
    response = volunteer.client.post(f"/staff/ocr/{item.id}/1", data={"text": FIXED})
    assert response.status_code == 400 and _page(item.id).ocr_text == MACHINE


@needs_vnu
def test_the_correction_pages_are_valid_html(app, staff, item, tmp_path):
    make_item(title="Fotogrāfija", texts=("",))
    volunteer = staff("volunteer", branch=None)
    started = text_version(MACHINE)
    volunteer.post(f"/staff/ocr/{item.id}/1", {"text": FIXED, "version": started})
    pages = {name: volunteer.get(url).get_data(as_text=True) for name, url in {
        "queue": "/staff/ocr/", "editor": f"/staff/ocr/{item.id}/1",
        "editor-uncorrected": f"/staff/ocr/{item.id}/2", "original": f"/staff/ocr/{item.id}/1/original",
        "original-uncorrected": f"/staff/ocr/{item.id}/2/original"}.items()}
    pages["conflict"] = volunteer.post(f"/staff/ocr/{item.id}/1", {"text": "Cits.", "version": started}
                                       ).get_data(as_text=True)
    error = volunteer.post(f"/staff/ocr/{item.id}/2", {"text": "x" * 200_001, "version": "x"})
    assert error.status_code == 400
    pages["error"] = error.get_data(as_text=True)
    css = (REPO / "heritage" / "static" / "staff-ocr.css",)
    assert nu_html_problems(pages, tmp_path, css) == []


def test_the_public_item_page_shows_the_corrected_text_with_a_note(app, client, staff, item):
    before = client.get(f"/items/{item.id}?lang=en").get_data(as_text=True)
    assert "Text corrected by volunteers" not in before
    staff("volunteer", branch=None).post(f"/staff/ocr/{item.id}/1",
                                         {"text": FIXED, "version": text_version(MACHINE)})
    html = client.get(f"/items/{item.id}?lang=en").get_data(as_text=True)
    assert "Vilkabērzu" in html and "Text corrected by volunteers" in html
