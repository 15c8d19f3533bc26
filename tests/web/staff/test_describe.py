"""The description form in the workspace: create, edit, preview, problems, branches."""
from __future__ import annotations

import re

import pytest

from heritage.extensions import db
from heritage.models import AuditEntry, Item, ItemVersion
from heritage.services.collections import ensure_collection
from tests.factories import make_item
from tests.web.test_html_quality import needs_vnu, nu_html_problems
from tests.conftest import REPO

GOOD = {"collection": "ezermalas-vestis", "title": "Ezerkalnes pamatskolas salidojums, 1962",
        "title.lang": "lv", "creator": "Ozols, Jānis", "date": "ap. 1962", "type": "StillImage",
        "coverage": "Ezerkalne", "action": "save"}


@pytest.fixture
def collection(app):
    ensure_collection("ezermalas-vestis", "Ezermalas Vēstis")
    db.session.commit()


def test_a_cataloguer_creates_a_draft_in_their_branch_and_edits_it(collection, staff):
    librarian = staff("cataloguer")
    assert librarian.get("/staff/describe/new").status_code == 200
    response = librarian.post("/staff/describe/new", GOOD)
    assert response.status_code == 302
    item = db.session.query(Item).one()
    assert (item.status, item.branch.slug, item.created_by_id) == ("draft", "ezerkalne", librarian.user.id)
    assert item.record.first("date") == "1962~"
    page = librarian.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="Ezerkalnes pamatskolas salidojums, 1962"' in page
    assert "<code>1962~</code>" in page
    edited = librarian.post(f"/staff/describe/{item.id}", {**GOOD, "title": "Salidojums 1962. gadā"})
    assert edited.status_code == 302
    db.session.expire_all()
    assert db.session.get(Item, item.id).title() == "Salidojums 1962. gadā"
    assert db.session.query(ItemVersion).filter_by(item_id=item.id).count() == 1
    assert db.session.query(AuditEntry).filter_by(object_id=item.id, action="edit",
                                                  field="title").count() == 1


@pytest.mark.parametrize("change,field,words", [
    ({"title": ""}, "title-0", "write a title"),
    ({"date": "pirms kara kaut kad"}, "date-0", "is not a date we can read"),
    ({"title.lang": "xx"}, "title-0-lang", "language tag “xx”"),
    ({"type": "Bilde"}, "type-0", "“Bilde” is not a DCMI type"),
    ({"title": "Ā" * 600}, "title-0", "600 characters"),
])
def test_bad_input_is_explained_and_everything_typed_is_kept(collection, staff, change, field, words):
    librarian = staff("cataloguer")
    response = librarian.post("/staff/describe/new?lang=en", {**GOOD, "description": "Pie skolas",
                                                              **change})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert db.session.query(Item).count() == 0
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', page, re.S).group()
    assert f'href="#{field}"' in summary and words in summary
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', page)
    assert ">Pie skolas</textarea>" in page and 'value="Ozols, Jānis"' in page


def test_preview_shows_the_clipping_citation_without_saving(collection, staff):
    librarian = staff("cataloguer")
    response = librarian.post("/staff/describe/new", {
        "collection": "ezermalas-vestis", "title": "Skola svin jubileju", "creator": "Bērziņa, Laura",
        "type": "Text", "isPartOf": "Ezermalas Vēstis", "issue": "92",
        "issued": "1962. gada 3. jūnijs", "page": "2", "action": "preview"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ("Bērziņa, Laura. Skola svin jubileju. Ezermalas Vēstis. Nr. 92 (1962., 3. jūnijs), "
            "2. lpp.") in page
    assert "<code>1962-06-03</code>" in page
    assert db.session.query(Item).count() == 0


def test_another_branchs_item_is_refused(collection, staff):
    other = make_item(collection="ezermalas-vestis", branch="zileni", status="draft")
    librarian = staff("cataloguer")
    assert librarian.get(f"/staff/describe/{other.id}").status_code == 403
    assert librarian.post(f"/staff/describe/{other.id}", GOOD).status_code == 403
    assert staff("coordinator", branch=None).get(f"/staff/describe/{other.id}").status_code == 200


def test_a_missing_item_is_not_found(collection, staff):
    assert staff("cataloguer").get("/staff/describe/999").status_code == 404


def test_names_not_in_the_vocabularies_are_offered_for_adding(collection, staff):
    librarian = staff("cataloguer")
    response = librarian.post("/staff/describe/new", {**GOOD, "subject": "Salidojumi"})
    page = librarian.get(response.headers["Location"]).get_data(as_text=True)
    assert "/staff/vocabularies/persons/new?name=Ozols" in page
    assert "/staff/vocabularies/subjects/new?term=Salidojumi" in page


def test_the_edtf_hint_endpoint(staff):
    librarian = staff("cataloguer")
    assert librarian.get("/staff/describe/edtf?q=1930-tie+gadi").get_json()["edtf"] == "193X"
    assert librarian.get("/staff/describe/edtf?q=nezinu").get_json()["edtf"] is None


def test_fields_have_labels_help_and_examples(collection, staff):
    page = staff("cataloguer").get("/staff/describe/new?lang=en").get_data(as_text=True)
    for element in ("title", "creator", "subject", "date", "type", "language", "coverage",
                    "rights", "isPartOf", "issued", "bibliographicCitation"):
        assert f'<label for="{element}-0">' in page
        assert f'id="{element}-help"' in page
    assert "Ezerkalnes pamatskolas salidojums, 1962" in page
    assert 'data-suggest="/staff/vocabularies/suggest/persons"' in page


@needs_vnu
def test_the_form_is_valid_html(collection, staff, tmp_path):
    librarian = staff("cataloguer")
    bad = librarian.post("/staff/describe/new", {**GOOD, "date": "nezinu", "title": ""})
    pages = {"new": librarian.get("/staff/describe/new").get_data(as_text=True),
             "bad": bad.get_data(as_text=True)}
    css = (REPO / "heritage" / "static" / "staff-describe.css",)
    assert nu_html_problems(pages, tmp_path, css) == []
