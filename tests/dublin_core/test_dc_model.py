"""Tests for dublin_core.model."""

import pytest

from dublin_core import ELEMENTS, DublinCoreError, Record, Value
from dublin_core.errors import UnknownElementError


def test_elements_are_the_fifteen_dcmes_elements_in_order():
    assert ELEMENTS == (
        "title", "creator", "subject", "description", "publisher", "contributor", "date",
        "type", "format", "identifier", "source", "language", "relation", "coverage", "rights",
    )


def test_add_strips_whitespace_and_ignores_blank_text():
    record = Record()
    record.add("title", "  Daugavpils cietoksnis\n")
    record.add("title", " \t\n")
    record.add("subject", "")
    assert record.get("title") == [Value("Daugavpils cietoksnis")]
    assert record.get("subject") == []
    assert "subject" not in record.to_dict()


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.add("author", "x"),
        lambda r: r.add("Title", "x"),
        lambda r: r.add("dc:title", "x"),
        lambda r: r.get("tableOfContents"),
        lambda r: r.first("Spatial"),
        lambda r: Record({"creator": [Value("x")], "bogus": [Value("y")]}),
        lambda r: Record.from_dict({"dcterms:alternative": [{"text": "x"}]}),
    ],
    ids=["add", "add-capitalised", "add-prefixed", "get", "first", "constructor", "from_dict"],
)
def test_unknown_element_is_rejected_with_a_helpful_message(call):
    with pytest.raises(ValueError) as excinfo:
        call(Record())
    assert isinstance(excinfo.value, UnknownElementError)
    message = str(excinfo.value)
    assert "unknown Dublin Core element" in message
    assert "title, creator, subject" in message and "rights" in message


def test_constructor_rejects_values_that_are_not_value_objects():
    with pytest.raises(DublinCoreError, match="expected a Value"):
        Record({"title": ["plain string"]})


def test_first_prefers_requested_language_then_untagged_then_any():
    record = Record()
    record.add("title", "Вид на Ригу", lang="ru")
    record.add("title", "Skats uz Rīgu", lang="lv")
    record.add("title", "Riga view")
    assert record.first("title", lang="lv") == "Skats uz Rīgu"
    assert record.first("title", lang="LV") == "Skats uz Rīgu"
    assert record.first("title", lang="lt") == "Riga view"
    assert record.first("title") == "Riga view"
    assert record.first("creator") is None


def test_first_falls_back_to_any_value_and_matches_region_subtags():
    record = Record()
    record.add("title", "Vilniaus gatvė", lang="lt-LT")
    assert record.first("title", lang="lt") == "Vilniaus gatvė"
    assert record.first("title", lang="lv") == "Vilniaus gatvė"


def test_items_follow_elements_order_not_insertion_order():
    record = Record()
    record.add("rights", "CC BY 4.0")
    record.add("date", "1938")
    record.add("creator", "Anna")
    record.add("title", "Tirgus laukums")
    record.add("creator", "Pēteris")
    assert [(e, v.text) for e, v in record.items()] == [
        ("title", "Tirgus laukums"),
        ("creator", "Anna"),
        ("creator", "Pēteris"),
        ("date", "1938"),
        ("rights", "CC BY 4.0"),
    ]


def test_dict_round_trip_keeps_languages_and_order():
    record = Record()
    record.add("title", "Šiaulių katedra", lang="lt")
    record.add("subject", "Baznīcas", lang="lv")
    record.add("subject", "Церкви", lang="ru")
    data = record.to_dict()
    assert data == {
        "title": [{"text": "Šiaulių katedra", "lang": "lt"}],
        "subject": [{"text": "Baznīcas", "lang": "lv"}, {"text": "Церкви", "lang": "ru"}],
    }
    assert Record.from_dict(data) == record


def test_from_dict_accepts_plain_strings_and_missing_lang():
    record = Record.from_dict({"creator": ["Ulmanis", {"text": "Ozols"}]})
    assert record.get("creator") == [Value("Ulmanis"), Value("Ozols")]


def test_equality_is_by_value():
    a, b = Record(), Record()
    a.add("title", "X", lang="lv")
    b.add("title", "X", lang="lv")
    assert a == b
    b.add("title", "Y")
    assert a != b
    assert Record({"title": []}) == Record()


def test_truthiness_and_is_empty():
    record = Record()
    assert not record and record.is_empty()
    record.add("description", "   ")
    assert not record
    record.add("description", "Foto")
    assert record and not record.is_empty()


def test_get_returns_a_copy():
    record = Record()
    record.add("title", "A")
    record.get("title").append(Value("B"))
    assert record.get("title") == [Value("A")]


def test_value_normalises_empty_lang_and_rejects_non_text():
    assert Value("x", "").lang is None
    with pytest.raises(DublinCoreError):
        Value(42)  # type: ignore[arg-type]
