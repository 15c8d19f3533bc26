"""Person and subject vocabularies, and suggestions by prefix without case or diacritics."""
from __future__ import annotations

import pytest

from heritage.errors import InvalidInput, NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry, Person
from heritage.services import vocabularies
from heritage.services.demo import _seed_demo_places
from tests.factories import make_item, make_user


@pytest.fixture
def librarian(app):
    return make_user("cataloguer")


@pytest.fixture
def people(librarian):
    return {"berzins": vocabularies.create_person("Bērziņš, Jānis", librarian, dates="1901/1978",
                                                  variants="Berzins, Janis\nBirzinš, Jonas"),
            "ozols": vocabularies.create_person("Ozols, Kārlis", librarian, dates="ap. 1890")}


@pytest.mark.parametrize("query,expected", [
    ("Bērz", ["Bērziņš, Jānis"]),
    ("berz", ["Bērziņš, Jānis"]),        # without diacritics
    ("BERZIN", ["Bērziņš, Jānis"]),      # case
    ("jan", ["Bērziņš, Jānis"]),         # a word inside the name
    ("birzin", ["Bērziņš, Jānis"]),      # a variant
    ("jonas", ["Bērziņš, Jānis"]),
    ("karl", ["Ozols, Kārlis"]),
    ("zz", []),
    ("", []),
])
def test_persons_are_suggested_by_prefix(people, query, expected):
    assert [s.value for s in vocabularies.suggest("persons", query)] == expected


def test_a_variant_match_says_which_variant(people):
    found = vocabularies.suggest("persons", "birz")[0]
    assert found.matched == "Birzinš, Jonas" and found.label == "Bērziņš, Jānis (1901/1978)"


def test_life_dates_are_read_into_edtf_and_creation_is_audited(people):
    assert people["ozols"].dates == "1890~"
    assert db.session.query(AuditEntry).filter_by(object_type="person", object_id=people["ozols"].id,
                                                  action="create", field="name").count() == 1


@pytest.mark.parametrize("fields,start", [
    ({"name": "  "}, "name:"),
    ({"name": "X" * 301}, "name:"),
    ({"name": "Kalniņa, Marta", "dates": "kādreiz sen"}, "dates:"),
])
def test_bad_person_fields_are_refused(librarian, fields, start):
    with pytest.raises(InvalidInput, match=f"^{start}"):
        vocabularies.create_person(by=librarian, **fields)
    assert db.session.query(Person).count() == 0


def test_volunteers_may_not_change_vocabularies(app):
    with pytest.raises(NotAllowed):
        vocabularies.create_person("Kalniņa, Marta", make_user("volunteer"))


def test_subjects_are_unique_per_language_and_suggested(librarian):
    vocabularies.create_subject("Skolas", librarian, variants="Pamatskolas")
    vocabularies.create_subject("Mokyklos", librarian, lang="lt")
    with pytest.raises(InvalidInput, match="^term:"):
        vocabularies.create_subject("Skolas", librarian)
    with pytest.raises(InvalidInput, match="^language:"):
        vocabularies.create_subject("Skola", librarian, lang="xx")
    assert [s.value for s in vocabularies.suggest("subjects", "pamat")] == ["Skolas"]
    assert [s.value for s in vocabularies.suggest("subjects", "mok")] == ["Mokyklos"]


def test_places_come_from_the_gazetteer(app):
    _seed_demo_places()
    assert [s.value for s in vocabularies.suggest("places", "udrini")] == ["Ūdriņi"]
    assert [s.value for s in vocabularies.suggest("places", "azark")] == ["Ezerkalne"]
    assert vocabularies.suggest("places", "ezerk")[0].value == "Ezerkalne"
    assert vocabularies.unknown_values(["Ezerkalne", "Ezerkalnes ciems", "Atlantīda"], "places") == ["Atlantīda"]


def test_unknown_vocabulary_is_refused(app):
    with pytest.raises(InvalidInput):
        vocabularies.suggest("animals", "x")


def test_merging_persons_renames_items_and_keeps_names_as_variants(people, librarian):
    duplicate = vocabularies.create_person("Berziņš, J.", librarian)
    item = make_item(creator="Berziņš, J.", subject="Skolas")
    keep, changed = vocabularies.merge_persons(people["berzins"].id, duplicate.id, librarian)
    assert [i.id for i in changed] == [item.id]
    db.session.expire_all()
    assert item.record.first("creator") == "Bērziņš, Jānis"
    assert "Berziņš, J." in keep.names
    assert db.session.get(Person, duplicate.id) is None
    assert db.session.query(AuditEntry).filter_by(object_type="item", object_id=item.id,
                                                  action="merge", old="Berziņš, J.").count() == 1
