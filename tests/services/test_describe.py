"""The description form read into Dublin Core, checked, and saved with versions and audit."""
from __future__ import annotations

import pytest

from heritage.errors import NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry, Item, ItemVersion
from heritage.services import describe
from heritage.services.collections import ensure_collection
from tests.factories import make_item, make_user


def form(**fields) -> describe.DescriptionForm:
    """A form as a browser sends it: every field a list of values."""
    data = {"collection": ["ezermalas-vestis"]}
    data.update({key: value if isinstance(value, list) else [value] for key, value in fields.items()})
    return describe.form_from_mapping(data)


CLIPPING = dict(title="Skola svin jubileju", creator="Bērziņa, Laura", type="Text",
                isPartOf="Ezermalas Vēstis", issue="92", issued="1962. gada 3. jūnijs", page="2")


@pytest.fixture
def librarian(app):
    ensure_collection("ezermalas-vestis", "Ezermalas Vēstis")
    db.session.commit()
    return make_user("cataloguer")


@pytest.mark.parametrize("typed,edtf", [
    ("ap. 1938", "1938~"), ("1930-tie gadi", "193X"), ("1938. gada 5. maijs", "1938-05-05"),
    ("1938?", "1938?"), ("1930/1935", "1930/1935"), ("1938", "1938"),
])
def test_dates_as_typed_are_stored_as_edtf(typed, edtf):
    checked = describe.check(form(title="Salidojums", date=typed))
    assert checked.problems == []
    assert checked.record.first("date") == edtf
    assert checked.dates["date-0"][0] == edtf


@pytest.mark.parametrize("fields,field,code", [
    ({"title": ""}, "title-0", "title_missing"),
    ({"date": "kaut kad sen"}, "date-0", "date_invalid"),
    ({"issued": "vakar"}, "issued-0", "date_invalid"),
    ({"description": "Teksts", "description.lang": "xx"}, "description-0-lang", "lang_unknown"),
    ({"language": "klingonu"}, "language-0", "language_unknown"),
    ({"type": "Fotokartīte"}, "type-0", "type_unknown"),
    ({"type": "foto"}, "type-0", "type_unknown"),
    ({"title": "Ā" * 501}, "title-0", "too_long"),
    ({"publisher": "x" * 1001}, "publisher-0", "too_long"),
    ({"page": "otrā", "isPartOf": "Ezermalas Vēstis"}, "page", "page_invalid"),
    ({"isPartOf": "", "issue": "12"}, "isPartOf-0", "newspaper_missing"),
    ({"rights": "https://rightsstatements.org/vocab/InC/9.9/"}, "rights-0", "rights_unknown"),
])
def test_each_bad_value_is_reported_with_its_field(fields, field, code):
    given = {"title": "Salidojums", **fields}
    if not given["title"]:
        del given["title"]
    problems = describe.check(form(**given)).problems
    assert [(p.field, p.code) for p in problems] == [(field, code)]


def test_a_type_typed_in_latvian_gets_a_suggestion():
    problem = describe.check(form(title="x", type="foto")).problems[0]
    assert problem.param("suggestion") == "StillImage"


def test_language_names_are_read_into_codes():
    checked = describe.check(form(title="x", language=["latviešu", "rus"]))
    assert [v.text for v in checked.record.get("language")] == ["lv", "ru"]


def test_values_keep_their_language_tags_and_blank_rows_are_dropped():
    checked = describe.check(form(title=["Ezera dzirnavas", "Ežero malūnas", ""],
                                  **{"title.lang": ["lv", "lt", "ru"]}))
    assert [(v.text, v.lang) for v in checked.record.get("title")] == [
        ("Ezera dzirnavas", "lv"), ("Ežero malūnas", "lt")]


def test_a_clipping_gets_source_and_citation():
    checked = describe.check(form(**CLIPPING))
    record = checked.record
    assert record.first("isPartOf") == "Ezermalas Vēstis"
    assert record.first("issued") == "1962-06-03"
    assert record.first("source") == "Ezermalas Vēstis. Nr. 92, 2. lpp."
    assert checked.citation == ("Bērziņa, Laura. Skola svin jubileju. Ezermalas Vēstis. "
                                "Nr. 92 (1962., 3. jūnijs), 2. lpp.")
    assert record.first("bibliographicCitation") == checked.citation


def test_a_citation_typed_by_hand_is_kept():
    checked = describe.check(form(**CLIPPING, bibliographicCitation="Mana atsauce"))
    assert [v.text for v in checked.record.get("bibliographicCitation")] == ["Mana atsauce"]


def test_create_and_edit_round_trip_with_versions_and_audit(librarian):
    item = describe.create_item(form(**CLIPPING, branch="ezerkalne",
                                     subject=["Skolas", "Jubilejas"]), librarian)
    assert (item.status, item.branch.slug, item.created_by_id) == ("draft", "ezerkalne", librarian.id)
    again = describe.form_from_item(item)
    assert (again.issue, again.page) == ("92", "2")
    assert again.entries("source") == [] and again.entries("bibliographicCitation") == []
    assert [e.text for e in again.entries("subject")] == ["Skolas", "Jubilejas"]
    again.values["title"] = [describe.Entry("Skola svin 50 gadu jubileju", "lv")]
    again.page = "3"
    describe.save_item(item.id, again, librarian)
    db.session.expire_all()
    saved = db.session.get(Item, item.id)
    assert saved.record.first("source") == "Ezermalas Vēstis. Nr. 92, 3. lpp."
    assert "3. lpp." in saved.record.first("bibliographicCitation")
    assert db.session.query(ItemVersion).filter_by(item_id=item.id).count() == 1
    entry = db.session.query(AuditEntry).filter_by(object_id=item.id, action="edit", field="title").one()
    assert (entry.old, entry.new) == ("Skola svin jubileju", "Skola svin 50 gadu jubileju [lv]")
    assert db.session.query(AuditEntry).filter_by(object_id=item.id, action="create",
                                                  field="subject").count() == 1


def test_values_the_form_does_not_show_are_kept(librarian):
    item = make_item(collection="ezermalas-vestis", branch="ezerkalne", spatial="Zīlēni",
                     provenance="Dāvinājums, 1998")
    describe.save_item(item.id, describe.form_from_item(item), librarian)
    db.session.expire_all()
    record = db.session.get(Item, item.id).record
    assert record.first("spatial") == "Zīlēni" and record.first("provenance") == "Dāvinājums, 1998"


def test_a_cataloguer_may_not_edit_or_place_items_of_another_branch(librarian):
    other = make_item(collection="ezermalas-vestis", branch="zileni")
    with pytest.raises(NotAllowed):
        describe.save_item(other.id, describe.form_from_item(other), librarian)
    make_user("cataloguer", "other-librarian", branch="zileni")
    with pytest.raises(describe.DescriptionInvalid) as refused:
        describe.create_item(form(title="x", branch="zileni"), librarian)
    assert [p.code for p in refused.value.problems] == ["branch_refused"]


def test_an_unknown_collection_is_reported_with_the_other_problems(librarian):
    data = form(date="nezinu")
    data.collection = "nav-tadas"
    with pytest.raises(describe.DescriptionInvalid) as refused:
        describe.create_item(data, librarian)
    assert [p.code for p in refused.value.problems] == ["title_missing", "date_invalid",
                                                        "collection_unknown"]
    assert db.session.query(Item).count() == 0
