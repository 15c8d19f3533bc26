"""The vocabulary pages and the suggestion endpoint the comboboxes call."""
from __future__ import annotations

import pytest

from heritage.extensions import db
from heritage.models import Person, Subject
from heritage.services import vocabularies
from heritage.services.demo import _seed_demo_places
from tests.factories import make_user


@pytest.fixture
def people(app):
    by = make_user("coordinator", "koord", branch=None)
    vocabularies.create_person("Bērziņš, Jānis", by, dates="1901/1978", variants="Berzins, Janis")
    vocabularies.create_person("Kalniņa, Marta", by)
    vocabularies.create_subject("Skolas", by, variants="Pamatskolas")


@pytest.mark.parametrize("kind,query,expected", [
    ("persons", "Bērz", ["Bērziņš, Jānis"]),
    ("persons", "berz", ["Bērziņš, Jānis"]),
    ("persons", "KALNINA", ["Kalniņa, Marta"]),
    ("persons", "marta", ["Kalniņa, Marta"]),
    ("subjects", "pamat", ["Skolas"]),
    ("places", "zilen", ["Zīlēni"]),
    ("places", "ūdrupes", ["Ūdriņi"]),
])
def test_suggestions_ignore_case_and_diacritics_and_find_variants(people, staff, kind, query, expected):
    _seed_demo_places()
    response = staff("cataloguer").get(f"/staff/vocabularies/suggest/{kind}?q={query}")
    assert response.status_code == 200
    assert [s["value"] for s in response.get_json()["suggestions"]] == expected


def test_an_unknown_vocabulary_is_404(staff):
    assert staff("cataloguer").get("/staff/vocabularies/suggest/animals?q=x").status_code == 404


def test_pages_list_persons_subjects_and_places(people, staff):
    _seed_demo_places()
    librarian = staff("cataloguer")
    assert "Bērziņš, Jānis" in librarian.get("/staff/vocabularies/persons?q=berz").get_data(as_text=True)
    assert "Kalniņa" not in librarian.get("/staff/vocabularies/persons?q=berz").get_data(as_text=True)
    assert "Skolas" in librarian.get("/staff/vocabularies/subjects").get_data(as_text=True)
    assert "Ezerkalnes pagasts" in librarian.get("/staff/vocabularies/places").get_data(as_text=True)
    assert librarian.get("/staff/vocabularies/").status_code == 200


def test_a_person_is_added_from_the_form_link_and_edited(app, staff):
    librarian = staff("cataloguer")
    page = librarian.get("/staff/vocabularies/persons/new?name=Ozols,+Jānis").get_data(as_text=True)
    assert 'value="Ozols, Jānis"' in page
    assert librarian.post("/staff/vocabularies/persons/new", {
        "name": "Ozols, Jānis", "dates": "ap. 1900", "variants": "Ozols, J."}).status_code == 302
    person = db.session.query(Person).one()
    assert person.dates == "1900~"
    assert librarian.post(f"/staff/vocabularies/persons/{person.id}",
                          {"name": "Ozols, Jānis Kārlis", "dates": "1900/1970"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, person.id).name == "Ozols, Jānis Kārlis"


@pytest.mark.parametrize("form,words", [
    ({"name": ""}, "Name:"),
    ({"name": "Ozols, Jānis", "dates": "sen"}, "Life dates: “sen”"),
])
def test_bad_person_forms_are_explained_and_kept(app, staff, form, words):
    response = staff("cataloguer").post("/staff/vocabularies/persons/new?lang=en", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and words in page and 'role="alert"' in page
    assert f'value="{form["name"]}"' in page
    assert db.session.query(Person).count() == 0


def test_subjects_are_added_and_duplicates_refused(app, staff):
    librarian = staff("cataloguer")
    assert librarian.post("/staff/vocabularies/subjects/new",
                          {"term": "Salidojumi", "lang": "lv"}).status_code == 302
    assert librarian.post("/staff/vocabularies/subjects/new",
                          {"term": "Salidojumi", "lang": "lv"}).status_code == 400
    assert db.session.query(Subject).count() == 1


def test_persons_are_merged_from_the_page(people, staff):
    keep, drop = (db.session.query(Person).filter_by(name=n).one()
                  for n in ("Bērziņš, Jānis", "Kalniņa, Marta"))
    response = staff("coordinator", branch=None).post(
        f"/staff/vocabularies/persons/{drop.id}/merge", {"into": str(keep.id)})
    assert response.status_code == 302
    assert db.session.query(Person).count() == 1


def test_volunteers_have_no_vocabularies(staff):
    volunteer = staff("volunteer")
    assert volunteer.get("/staff/vocabularies/").status_code == 403
    assert volunteer.get("/staff/vocabularies/suggest/persons?q=b").status_code == 403
