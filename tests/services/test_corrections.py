"""OCR correction: the original is kept, both texts are found, reverts, conflicts, roles, audit."""
from __future__ import annotations

import pytest

from heritage.errors import InvalidInput, ItemNotFound, NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry, Page
from heritage.services import audit, corrections
from heritage.services.corrections import EditConflict, text_version
from heritage.services.search import search_items
from tests.factories import make_item, make_user

MACHINE = "Ezerkalnes skolā 1938. gadā mācījās Qwrtzbaum bērni."
FIXED = "Ezerkalnes skolā 1938. gadā mācījās Vilkabērzu bērni."


def _found(word: str) -> set[int]:
    return {hit.id for hit in search_items(word).hits}


@pytest.fixture
def item(app):
    return make_item(title="Skolas vēsture", texts=(MACHINE, "Otrā lapa."), branch="ezerkalne")


@pytest.fixture
def volunteer(app):
    return make_user("volunteer", branch=None)


def _save(item, text, by, sequence=1):
    page = item.pages[sequence - 1]
    return corrections.save_correction(item.id, sequence, text, text_version(page.ocr_text), by)


def test_a_correction_keeps_the_original_and_records_who_and_when(item, volunteer):
    page = _save(item, FIXED, volunteer)
    assert page.ocr_text == FIXED
    assert page.original_ocr_text == MACHINE
    assert page.text_source == "corrected"
    assert page.corrected_by_id == volunteer.id and page.corrected_at is not None


def test_a_second_correction_keeps_the_first_machine_reading(item, volunteer):
    _save(item, FIXED, volunteer)
    page = _save(item, FIXED + " Beigas.", make_user("cataloguer"))
    assert page.original_ocr_text == MACHINE
    assert page.ocr_text.endswith("Beigas.")


def test_search_finds_words_of_the_corrected_and_of_the_original_text(item, volunteer):
    assert item.id not in _found("Vilkabērzu")
    _save(item, FIXED, volunteer)
    assert item.id in _found("Vilkabērzu")
    assert item.id in _found("Qwrtzbaum")


def test_revert_puts_the_machine_reading_back_and_forgets_the_correction(item, volunteer):
    page = _save(item, FIXED, volunteer)
    page = corrections.revert_to_original(item.id, 1, text_version(page.ocr_text), volunteer)
    assert page.ocr_text == MACHINE
    assert page.original_ocr_text is None and page.text_source == "ocr"
    assert page.corrected_by_id is None
    assert item.id not in _found("Vilkabērzu")
    assert [e.action for e in audit.entries_for("page", page.id)] == ["revert", "correct"]


def test_revert_of_an_uncorrected_page_is_refused(item, volunteer):
    with pytest.raises(InvalidInput, match="not been corrected"):
        corrections.revert_to_original(item.id, 1, text_version(MACHINE), volunteer)


def test_saving_over_a_newer_correction_is_refused_and_nothing_is_lost(item, volunteer):
    started_from = text_version(MACHINE)
    other = make_user("cataloguer")
    corrections.save_correction(item.id, 1, FIXED, started_from, other)
    with pytest.raises(EditConflict) as refused:
        corrections.save_correction(item.id, 1, MACHINE + " mans labojums", started_from, volunteer)
    assert refused.value.corrector.id == other.id
    page = db.session.get(Page, item.pages[0].id)
    assert page.ocr_text == FIXED and page.original_ocr_text == MACHINE


def test_saving_the_same_text_as_the_newer_one_is_not_a_conflict(item, volunteer):
    started_from = text_version(MACHINE)
    corrections.save_correction(item.id, 1, FIXED, started_from, make_user("cataloguer"))
    page = corrections.save_correction(item.id, 1, FIXED, started_from, volunteer)
    assert page.corrected_by_id != volunteer.id


def test_the_audit_entry_holds_the_old_and_new_text(item, volunteer):
    page = _save(item, FIXED, volunteer)
    [entry] = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == "page"))
    assert (entry.action, entry.object_id, entry.field) == ("correct", page.id, "ocr_text")
    assert (entry.old, entry.new, entry.user_id) == (MACHINE, FIXED, volunteer.id)


def test_a_long_text_is_cut_in_the_audit_log_but_kept_whole_on_the_page(item, volunteer):
    long_text = "vārds " * (audit.VALUE_LIMIT // 3)
    page = _save(item, long_text, volunteer)
    entry = audit.entries_for("page", page.id)[0]
    assert page.ocr_text == long_text.strip()
    assert len(entry.new) < len(page.ocr_text) and "characters in all" in entry.new


def test_unchanged_text_writes_nothing(item, volunteer):
    page = _save(item, MACHINE + "\r\n", volunteer)
    assert page.text_source == "ocr" and audit.entries_for("page", page.id) == []


@pytest.mark.parametrize("status, level, allowed", [
    ("published", "public", True), ("draft", "public", True), ("review", "reading_room", True),
    ("published", "metadata_only", True), ("published", "staff", False),
    ("published", "embargo", False), ("withdrawn", "public", False), ("deleted", "public", False),
])
def test_what_volunteers_may_correct(app, volunteer, status, level, allowed):
    item = make_item(status=status, access_level=level, branch="dzirnupe")
    if level == "embargo":
        from datetime import date
        item.embargo_until = date(2999, 1, 1)
        db.session.commit()
    page = item.pages[0]
    assert corrections.may_correct(volunteer, item, page) is allowed
    if not allowed:
        with pytest.raises((NotAllowed, ItemNotFound)):
            corrections.save_correction(item.id, 1, "x", text_version(page.ocr_text), volunteer)


def test_a_staff_only_file_of_an_open_item_is_closed_to_volunteers(app, volunteer):
    item = make_item(texts=("Pirmā.", "Otrā."))
    item.media_files[1].access_level = "staff"
    db.session.commit()
    assert corrections.may_correct(volunteer, item, item.pages[0])
    assert not corrections.may_correct(volunteer, item, item.pages[1])


def test_cataloguers_correct_their_branch_staff_only_items_and_coordinators_all(app):
    own = make_item(access_level="staff", branch="ezerkalne")
    other = make_item(access_level="staff", branch="dzirnupe")
    cataloguer = make_user("cataloguer", branch="ezerkalne")
    coordinator = make_user("coordinator", branch=None)
    assert corrections.may_correct(cataloguer, own, own.pages[0])
    assert not corrections.may_correct(cataloguer, other, other.pages[0])
    assert corrections.may_correct(coordinator, other, other.pages[0])


def test_the_queue_puts_the_least_confident_pages_first_and_empty_pages_apart(app, volunteer):
    good = make_item(title="Laba", texts=("Skaidrs teksts.",))
    bad = make_item(title="Slikta", texts=("N3s4protams.",))
    photo = make_item(title="Foto", texts=("",))
    hidden = make_item(title="Slepena", texts=("Slepens.",), access_level="staff")
    good.pages[0].ocr_confidence, bad.pages[0].ocr_confidence = 95.0, 40.0
    hidden.pages[0].ocr_confidence = 10.0
    db.session.commit()
    queue = [q.item.id for q in corrections.pages_to_correct(volunteer)]
    assert queue == [bad.id, good.id]
    assert [q.item.id for q in corrections.pages_to_correct(volunteer, with_text=False)] == [photo.id]
    assert corrections.pages_to_correct(volunteer, "nav-tadas") == []


def test_corrected_pages_leave_the_queue_and_count_for_their_corrector(item, volunteer):
    _save(item, FIXED, volunteer)
    _save(item, FIXED + " Vēl.", volunteer)
    assert [q.page.sequence for q in corrections.pages_to_correct(volunteer)] == [2]
    assert corrections.corrections_per_person() == [(volunteer.name, 1)]
    [recent] = corrections.recent_corrections(volunteer, limit=1)
    assert recent.person.id == volunteer.id and recent.page.sequence == 1
