"""Tests for dublin_core.validate and the message catalogue in dublin_core.messages."""

import string

import pytest

from dublin_core import Problem, Record, message, validate_record
from dublin_core.edtf import explanation_key
from dublin_core.messages import EXPLANATIONS, LABELS, MESSAGES, MONTH_NAMES, SEASON_NAMES, explain, field_label
from dublin_core.model import NAMES
from dublin_core.validate import CHECKS, RIGHTS_STATEMENTS

LANGS = ("lv", "lt", "en")


def titled(**values: str) -> Record:
    """A record with a title plus the given single values."""
    record = Record()
    record.add("title", "Ventspils osta")
    for name, text in values.items():
        record.add(name, text)
    return record


def problems_of(name: str, text: str) -> list[tuple[str, str, str | None]]:
    """(code, severity, suggestion) of the problems of one value in an otherwise valid record."""
    return [(p.code, p.severity, p.param("suggestion")) for p in validate_record(titled(**{name: text}))]


CASES = [
    # dates: date, created, issued
    ("date", "1935", []),
    ("date", "1934/1936", []),
    ("date", "193X~", []),
    ("date", "1935-06-12T10:30:00Z", []),
    ("date", "ap 1935", [("date_suggestion", "error", "1935~")]),
    ("date", "12.04.1935.", [("date_suggestion", "error", "1935-04-12")]),
    ("created", "1930-tie gadi", [("date_suggestion", "error", "193X")]),
    ("issued", "pirms 1940", [("date_suggestion", "error", "../1940")]),
    ("date", "1935-02-30", [("date_invalid", "error", None)]),
    ("date", "30. gadi", [("date_invalid", "error", None)]),
    ("created", "nezināms", [("date_invalid", "error", None)]),
    # temporal: free text allowed
    ("temporal", "Pirmais pasaules karš", []),
    ("temporal", "Pirmais pasaules karš, 1914-1918", []),
    ("temporal", "1914/1918", []),
    ("temporal", "1930-tie gadi", [("temporal_suggestion", "warning", "193X")]),
    ("temporal", "1935-13-45", [("temporal_date_like", "warning", None)]),
    # languages
    ("language", "lv", []),
    ("language", "ltg", []),
    ("language", "lav", [("language_suggestion", "error", "lv")]),
    ("language", "lit", [("language_suggestion", "error", "lt")]),
    ("language", "LV", [("language_suggestion", "error", "lv")]),
    ("language", "lv-LV", [("language_suggestion", "error", "lv")]),
    ("language", "latviešu", [("language_suggestion", "error", "lv")]),
    ("language", "Lietuvių", [("language_suggestion", "error", "lt")]),
    ("language", "русский", [("language_suggestion", "error", "ru")]),
    ("language", "xx", [("language_unknown", "error", None)]),
    # types
    ("type", "StillImage", []),
    ("type", "http://purl.org/dc/dcmitype/Text", []),
    ("type", "stillimage", [("type_suggestion", "error", "StillImage")]),
    ("type", "Still Image", [("type_suggestion", "error", "StillImage")]),
    ("type", "teksts", [("type_suggestion", "error", "Text")]),
    ("type", "attēls", [("type_suggestion", "error", "StillImage")]),
    ("type", "Fotogrāfija", [("type_suggestion", "error", "StillImage")]),
    ("type", "fotografija", [("type_suggestion", "error", "StillImage")]),
    ("type", "skaņa", [("type_suggestion", "error", "Sound")]),
    ("type", "skaņas ieraksts", [("type_suggestion", "error", "Sound")]),
    ("type", "video", [("type_suggestion", "error", "MovingImage")]),
    ("type", "nuotrauka", [("type_suggestion", "error", "StillImage")]),
    ("type", "gleznas", [("type_unknown", "error", None)]),
    # rights and licence
    ("rights", "Visas tiesības aizsargātas", []),
    ("rights", "http://rightsstatements.org/vocab/InC/1.0/", []),
    ("rights", "http://rightsstatements.org/vocab/NoC-OKLR/1.0/", []),
    ("rights", "https://rightsstatements.org/vocab/InC/1.0/",
     [("rights_suggestion", "error", "http://rightsstatements.org/vocab/InC/1.0/")]),
    ("rights", "http://rightsstatements.org/page/InC-EDU/1.0/?language=lv",
     [("rights_suggestion", "error", "http://rightsstatements.org/vocab/InC-EDU/1.0/")]),
    ("rights", "http://rightsstatements.org/vocab/inc/1.0",
     [("rights_suggestion", "error", "http://rightsstatements.org/vocab/InC/1.0/")]),
    ("rights", "http://rightsstatements.org/vocab/InC-XX/1.0/", [("rights_unknown_uri", "error", None)]),
    ("rights", "http://rightsstatements.org/vocab/InC/2.0/", [("rights_unknown_uri", "error", None)]),
    ("license", "https://creativecommons.org/licenses/by-sa/4.0/", []),
    ("license", "http://creativecommons.org/licenses/by-nc/3.0/lv/", []),
    ("license", "https://creativecommons.org/publicdomain/zero/1.0/", []),
    ("license", "https://creativecommons.org/publicdomain/mark/1.0/", []),
    ("license", "https://creativecommons.org/licenses/by/4.0/deed.lv",
     [("rights_suggestion", "error", "https://creativecommons.org/licenses/by/4.0/")]),
    ("license", "https://creativecommons.org/licenses/by/4.0",
     [("rights_suggestion", "error", "https://creativecommons.org/licenses/by/4.0/")]),
    ("license", "https://creativecommons.org/licenses/by-xx/4.0/", [("rights_unknown_uri", "error", None)]),
    ("license", "https://example.org/licence", [("rights_other_uri", "warning", None)]),
    ("license", "CC BY 4.0", []),
    # not checked
    ("accessRights", "https://example.org/x", []),
    ("description", "1935-02-30", []),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_validation_cases(name, text, expected):
    assert problems_of(name, text) == expected


def test_missing_title_is_an_error_and_comes_first():
    record = Record()
    record.add("alternative", "Cits nosaukums")
    record.add("date", "ap 1935")
    problems = validate_record(record)
    assert problems[0] == Problem("title", "", "title_missing", "error")
    assert [p.code for p in problems] == ["title_missing", "date_suggestion"]


def test_problems_follow_record_order_and_repeat_per_value():
    record = titled(type="teksts", language="lav")
    record.add("language", "lit")
    record.add("date", "xx")
    assert [(p.element, p.value) for p in validate_record(record)] == [
        ("date", "xx"), ("type", "teksts"), ("language", "lav"), ("language", "lit"),
    ]


def test_valid_record_has_no_problems():
    record = titled(date="1935~", type="StillImage", language="lv", created="1934",
                    rights="http://rightsstatements.org/vocab/NoC-NC/1.0/")
    assert validate_record(record) == []


def test_problem_params_and_hashability():
    (problem,) = validate_record(titled(date="ap 1935"))
    assert problem.params == (("suggestion", "1935~"), ("explanation", "approximate_year"))
    assert problem.param("missing") is None
    assert hash(problem) == hash(Problem(*vars(problem).values()))


def test_rights_statement_ids_are_the_twelve():
    assert len(RIGHTS_STATEMENTS) == 12
    for rid in RIGHTS_STATEMENTS:
        assert problems_of("rights", f"http://rightsstatements.org/vocab/{rid}/1.0/") == []


def test_checked_elements():
    assert set(CHECKS) == {"date", "created", "issued", "temporal", "language", "type", "rights", "license"}


# --- messages ------------------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    """The names used in ``{...}`` fields of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_has_a_message_in_every_language_with_the_same_placeholders():
    codes = set(MESSAGES["en"])
    for lang in LANGS:
        assert set(MESSAGES[lang]) == codes, lang
        for code in codes:
            assert placeholders(MESSAGES[lang][code]) == placeholders(MESSAGES["en"][code]), (lang, code)
            assert placeholders(MESSAGES[lang][code]) >= {"field"}, (lang, code)


def test_every_code_the_validator_emits_has_a_message():
    emitted = {code for _, _, expected in CASES for code, _, _ in expected} | {"title_missing"}
    assert emitted == set(MESSAGES["en"])


def test_every_explanation_has_the_same_placeholders_in_every_language():
    for lang in LANGS:
        assert set(EXPLANATIONS[lang]) == set(EXPLANATIONS["en"])
        for key, template in EXPLANATIONS[lang].items():
            assert placeholders(template) == placeholders(EXPLANATIONS["en"][key]), (lang, key)
        assert len(MONTH_NAMES[lang][0]) == len(MONTH_NAMES[lang][1]) == 12
        assert len(SEASON_NAMES[lang]) == 4


def test_every_element_and_term_has_a_label_in_every_language():
    for lang in LANGS:
        assert set(LABELS[lang]) == set(NAMES), lang
    assert [field_label(e, "lv") for e in NAMES[:15]] == [
        "Nosaukums", "Autors", "Temats", "Apraksts", "Izdevējs", "Līdzautors", "Datums", "Veids",
        "Formāts", "Identifikators", "Avots", "Valoda", "Saistība", "Vieta", "Tiesības",
    ]


def test_the_example_sentence():
    (problem,) = validate_record(titled(date="ap 1935"))
    assert message(problem) == "Datums „ap 1935” nav standarta formā. Vai domājāt „1935~” (ap 1935. gadu)?"
    assert message(problem, "lv") == message(problem)


@pytest.mark.parametrize("lang", ["fr", "", None, "xx-YY"])
def test_unknown_language_falls_back_to_english(lang):
    (problem,) = validate_record(titled(type="teksts"))
    assert message(problem, lang) == "Type “teksts” is not a DCMI Type term. Did you mean “Text”?"


def test_language_with_region_uses_its_catalogue():
    (problem,) = validate_record(titled(type="teksts"))
    assert message(problem, "lt-LT") == message(problem, "lt")
    assert message(problem, "lt").startswith("Tipas „teksts“")


@pytest.mark.parametrize(("name", "text"), [(c[0], c[1]) for c in CASES if c[2]] + [("title", "")])
@pytest.mark.parametrize("lang", LANGS)
def test_every_message_renders_naming_field_value_and_suggestion(name, text, lang):
    record = titled(**{name: text}) if name != "title" else Record()
    for problem in validate_record(record):
        sentence = message(problem, lang)
        assert field_label(problem.element, lang) in sentence
        assert problem.value in sentence
        assert (problem.param("suggestion") or "") in sentence
        assert "{" not in sentence and "}" not in sentence


@pytest.mark.parametrize(
    ("edtf", "lv", "lt", "en"),
    [
        ("1935", "1935. gads", "1935 metai", "the year 1935"),
        ("1935~", "ap 1935. gadu", "apie 1935 m.", "circa 1935"),
        ("1935?", "varbūt 1935. gads", "galbūt 1935 m.", "perhaps 1935"),
        ("1935%", "1935. gads, aptuveni un nav droši zināms", "1935 metai, apytiksliai ir tiksliai nežinoma",
         "the year 1935, approximate and uncertain"),
        ("1935-04", "1935. gada aprīlis", "1935 m. balandis", "April 1935"),
        ("1935-04-12", "1935. gada 12. aprīlis", "1935 m. balandžio 12 d.", "12 April 1935"),
        ("1935-04-12~", "1935. gada 12. aprīlis, aptuveni", "1935 m. balandžio 12 d., apytiksliai",
         "12 April 1935, approximate"),
        ("1935-21", "1935. gada pavasaris", "1935 m. pavasaris", "spring 1935"),
        ("193X", "1930. gadi", "1930-ieji", "the 1930s"),
        ("193X~", "ap 1930. gadiem", "apie 1930-uosius", "circa the 1930s"),
        ("18XX", "XIX gadsimts, 1800–1899", "XIX amžius, 1800–1899", "century XIX, 1800–1899"),
        ("1934/1936", "no 1934 līdz 1936", "nuo 1934 iki 1936", "from 1934 to 1936"),
        ("../1940", "līdz 1940", "iki 1940", "up to 1940"),
        ("1945/..", "no 1945", "nuo 1945", "from 1945 on"),
    ],
)
def test_explain(edtf, lv, lt, en):
    assert (explain(edtf, "lv"), explain(edtf, "lt"), explain(edtf, "en")) == (lv, lt, en)
    assert explanation_key(edtf)
