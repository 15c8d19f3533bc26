"""Tests for dublin_core.json."""

import json

import pytest

from dublin_core import DublinCoreError, Record, Value, from_json, to_json
from dublin_core.errors import UnknownElementError


def record() -> Record:
    """Values in Latvian, Lithuanian, Russian and Latgalian, with terms."""
    r = Record()
    r.add("spatial", "Rēzekne", lang="ltg")
    r.add("title", "Rēzeknes Māra", lang="lv")
    r.add("title", "Rėzeknės Marija", lang="lt")
    r.add("title", "Резекненская Мара", lang="ru")
    r.add("date", "1939")
    r.add("created", "1938~")
    return r


def test_shape_is_to_dict_and_text_is_not_escaped():
    text = to_json(record())
    assert json.loads(text) == record().to_dict()
    assert "Резекненская" in text and "\\u" not in text
    assert list(json.loads(text)) == ["title", "date", "created", "spatial"]


def test_indent_option():
    assert to_json(record(), indent=2).startswith('{\n  "title": [\n')


@pytest.mark.parametrize("encode", [str, lambda s: s.encode("utf-8"), lambda s: s.encode("utf-8-sig")])
def test_round_trip_from_str_and_bytes(encode):
    assert from_json(encode(to_json(record()))) == record()


def test_plain_strings_missing_and_null_lang_and_blank_values():
    r = from_json('{"creator": ["Ulmanis", {"text": "Ozols"}, {"text": "Bērziņš", "lang": null}, {"text": "  "}]}')
    assert r.get("creator") == [Value("Ulmanis"), Value("Ozols"), Value("Bērziņš")]
    assert from_json("{}") == Record()


@pytest.mark.parametrize(
    ("text", "pattern", "line"),
    [
        ("", r"invalid JSON at line 1, column 1: Expecting value", 1),
        ('{\n"title": [\n{"text": "x"}\n]', r"invalid JSON at line 4, column 2", 4),
        ("{'title': []}", r"invalid JSON at line 1, column 2", 1),
        ('["title"]', "a record must be a JSON object, not array", None),
        ('"title"', "a record must be a JSON object, not string", None),
        ('{"title": "x"}', "title must be an array of values, not string", None),
        ('{"title": [1]}', r"title\[0\] must be an object or a string, not number", None),
        ('{"title": ["a", null]}', r"title\[1\] must be an object or a string, not null", None),
        ('{"title": [{"lang": "lv"}]}', r"title\[0\].text must be a string", None),
        ('{"title": [{"text": 5}]}', r"title\[0\].text must be a string", None),
        ('{"title": [{"text": "x", "lang": 1}]}', r"title\[0\].lang must be a string or null", None),
        ('{"title": [{"text": "x", "language": "lv"}]}', r"title\[0\] has unknown keys language", None),
    ],
)
def test_bad_json(text, pattern, line):
    with pytest.raises(DublinCoreError, match=pattern) as excinfo:
        from_json(text)
    assert excinfo.value.line == line


def test_unknown_element_lists_valid_names():
    with pytest.raises(UnknownElementError, match="valid elements: title.*DCMI terms: alternative"):
        from_json('{"author": []}')


def test_invalid_utf8_and_wrong_type():
    with pytest.raises(DublinCoreError, match="must be UTF-8"):
        from_json(b'{"title": ["\xff"]}')
    with pytest.raises(TypeError, match="from_json expects str or bytes"):
        from_json({"title": []})  # type: ignore[arg-type]
