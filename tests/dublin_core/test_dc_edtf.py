"""Tests for dublin_core.edtf: parsing EDTF/W3CDTF, year ranges and suggestions from typed dates."""

import datetime

import pytest

from dublin_core import DublinCoreError, EdtfDate, Suggestion, is_valid_date, parse_edtf, suggest_edtf, year_range
from dublin_core.edtf import explanation_key

D = datetime.date


@pytest.mark.parametrize(
    ("text", "lower", "upper", "uncertain", "approximate", "precision"),
    [
        ("1935", D(1935, 1, 1), D(1935, 12, 31), False, False, "year"),
        ("1935-06", D(1935, 6, 1), D(1935, 6, 30), False, False, "month"),
        ("1936-02", D(1936, 2, 1), D(1936, 2, 29), False, False, "month"),
        ("1935-06-12", D(1935, 6, 12), D(1935, 6, 12), False, False, "day"),
        ("1936-02-29", D(1936, 2, 29), D(1936, 2, 29), False, False, "day"),
        ("1935-06-12T10:30:00Z", D(1935, 6, 12), D(1935, 6, 12), False, False, "day"),
        ("1935-06-12T10:30:00+02:00", D(1935, 6, 12), D(1935, 6, 12), False, False, "day"),
        ("1935-06-12T10:30+02:00", D(1935, 6, 12), D(1935, 6, 12), False, False, "day"),
        ("1935-06-12T10:30:00.25-05:00", D(1935, 6, 12), D(1935, 6, 12), False, False, "day"),
        ("1935-06-12T23:59:59", D(1935, 6, 12), D(1935, 6, 12), False, False, "day"),
        ("1935~", D(1935, 1, 1), D(1935, 12, 31), False, True, "year"),
        ("1935?", D(1935, 1, 1), D(1935, 12, 31), True, False, "year"),
        ("1935%", D(1935, 1, 1), D(1935, 12, 31), True, True, "year"),
        ("1935-06~", D(1935, 6, 1), D(1935, 6, 30), False, True, "month"),
        ("1935-06-12?", D(1935, 6, 12), D(1935, 6, 12), True, False, "day"),
        ("193X", D(1930, 1, 1), D(1939, 12, 31), False, False, "decade"),
        ("193X~", D(1930, 1, 1), D(1939, 12, 31), False, True, "decade"),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), False, False, "century"),
        ("1935-XX", D(1935, 1, 1), D(1935, 12, 31), False, False, "year"),
        ("1935-XX-XX", D(1935, 1, 1), D(1935, 12, 31), False, False, "year"),
        ("1935-06-XX", D(1935, 6, 1), D(1935, 6, 30), False, False, "month"),
        ("1935-21", D(1935, 3, 1), D(1935, 5, 31), False, False, "month"),
        ("1935-22", D(1935, 6, 1), D(1935, 8, 31), False, False, "month"),
        ("1935-23", D(1935, 9, 1), D(1935, 11, 30), False, False, "month"),
        ("1935-24", D(1935, 12, 1), D(1936, 2, 29), False, False, "month"),
        ("1934/1936", D(1934, 1, 1), D(1936, 12, 31), False, False, "interval"),
        ("1934-05/1936", D(1934, 5, 1), D(1936, 12, 31), False, False, "interval"),
        ("1934-05-03/1934-05-03", D(1934, 5, 3), D(1934, 5, 3), False, False, "interval"),
        ("1934~/1936?", D(1934, 1, 1), D(1936, 12, 31), True, True, "interval"),
        ("193X/194X", D(1930, 1, 1), D(1949, 12, 31), False, False, "interval"),
        ("../1940", None, D(1940, 12, 31), False, False, "interval"),
        ("1945/..", D(1945, 1, 1), None, False, False, "interval"),
        ("/1940", None, D(1940, 12, 31), False, False, "interval"),
        ("1945/", D(1945, 1, 1), None, False, False, "interval"),
        ("0001", D(1, 1, 1), D(1, 12, 31), False, False, "year"),
        (" 1935 ", D(1935, 1, 1), D(1935, 12, 31), False, False, "year"),
    ],
)
def test_parse_valid_dates(text, lower, upper, uncertain, approximate, precision):
    date = parse_edtf(text)
    assert date == EdtfDate(text.strip(), lower, upper, uncertain, approximate, precision)
    assert is_valid_date(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1935-02-30", "day 30 does not exist in 1935-02"),
        ("1935-02-29", "day 29 does not exist"),
        ("1935-13", "month 13 does not exist"),
        ("1935-00", "month 00 does not exist"),
        ("1935-06-00", "day 00 does not exist"),
        ("1935-25", "month 25 does not exist"),
        ("1935-21-05", "a season cannot have a day"),
        ("1936/1934", "the interval ends before it starts"),
        ("1935-06-12/1935-06-11", "the interval ends before it starts"),
        ("../..", "an interval needs at least one date"),
        ("/", "an interval needs at least one date"),
        ("1934/1935/1936", "exactly one '/'"),
        ("0000", "before AD 1"),
        ("000X", "before AD 1"),
        ("193X-06", "cannot have a month"),
        ("1935-XX-12", "an unspecified month cannot have a known day"),
        ("1935-06-12T25:00:00Z", "not a valid time"),
        ("1935-06-12T10:30:00+15:00", "not a valid time zone"),
        ("1935T10:30:00Z", "a time needs a full date"),
        ("1935-06-12T10:30:00Z~", "cannot be qualified"),
        ("", "empty"),
        ("   ", "empty"),
        ("ap 1935", "not a recognised date form"),
        ("12.04.1935", "not a recognised date form"),
        ("193x", "not a recognised date form"),
        ("1X35", "not a recognised date form"),
        ("35", "not a recognised date form"),
        ("19355", "not a recognised date form"),
        ("-1935", "not a recognised date form"),
        ("1935-6-1", "not a recognised date form"),
        ("1935~?", "not a recognised date form"),
        ("garbage", "not a recognised date form"),
    ],
)
def test_parse_rejects_invalid_dates(text, reason):
    with pytest.raises(DublinCoreError, match="invalid date") as excinfo:
        parse_edtf(text)
    assert reason in str(excinfo.value)
    assert repr(text) in str(excinfo.value)
    assert not is_valid_date(text)


def test_non_text_is_rejected():
    with pytest.raises(DublinCoreError, match="must be text"):
        parse_edtf(1935)  # type: ignore[arg-type]
    assert not is_valid_date(None)  # type: ignore[arg-type]


def test_every_day_of_a_leap_and_a_common_year_parses():
    for year in (1935, 1936):
        day = D(year, 1, 1)
        while day.year == year:
            assert parse_edtf(day.isoformat()).lower == day
            day += datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1935", (1935, 1935)),
        ("1935-06-12", (1935, 1935)),
        ("193X", (1930, 1939)),
        ("19XX", (1900, 1999)),
        ("1934/1936", (1934, 1936)),
        ("1934-05/1936", (1934, 1936)),
        ("../1940", (None, 1940)),
        ("1945/..", (1945, None)),
        ("/1940", (None, 1940)),
        ("1945/", (1945, None)),
        ("1935-24", (1935, 1936)),
        ("1935~", (1935, 1935)),
    ],
)
def test_year_range(text, expected):
    assert year_range(text) == expected


def test_year_range_rejects_invalid_dates():
    with pytest.raises(DublinCoreError):
        year_range("1930-tie gadi")


SUGGESTIONS = [
    # approximate (lv, lt, international, ru)
    ("ap 1935", "1935~", "approximate_year"),
    ("ap. 1935", "1935~", "approximate_year"),
    ("apm. 1935", "1935~", "approximate_year"),
    ("apmēram 1935", "1935~", "approximate_year"),
    ("aptuveni 1935. gadā", "1935~", "approximate_year"),
    ("~1935", "1935~", "approximate_year"),
    ("c. 1935", "1935~", "approximate_year"),
    ("c.1935", "1935~", "approximate_year"),
    ("ca 1935", "1935~", "approximate_year"),
    ("ca. 1935", "1935~", "approximate_year"),
    ("circa 1935", "1935~", "approximate_year"),
    ("Apie 1935", "1935~", "approximate_year"),
    ("apie 1935 m.", "1935~", "approximate_year"),
    ("около 1935 г.", "1935~", "approximate_year"),
    ("ap. 1935. gadu", "1935~", "approximate_year"),
    ("ap 1930. gadu", "1930~", "approximate_year"),     # accusative singular: a year, not the 1930s
    # uncertain
    ("1935?", "1935?", "uncertain_year"),
    ("varbūt 1935", "1935?", "uncertain_year"),
    ("laikam 1935", "1935?", "uncertain_year"),
    ("galbūt 1935", "1935?", "uncertain_year"),
    ("1935. g.?", "1935?", "uncertain_year"),
    ("[1935?]", "1935?", "uncertain_year"),
    ("ap 1935?", "1935%", "approximate_uncertain_year"),
    # decades
    ("1930-tie gadi", "193X", "decade"),
    ("1930. gadi", "193X", "decade"),
    ("1930. gados", "193X", "decade"),
    ("1930-to gadu", "193X", "decade"),
    ("1930s", "193X", "decade"),
    ("1930's", "193X", "decade"),
    ("1930-ieji", "193X", "decade"),
    ("1930-aisiais", "193X", "decade"),
    ("1930-ųjų", "193X", "decade"),
    ("1930-е годы", "193X", "decade"),
    ("ap 1930-tie gadi", "193X~", "approximate_decade"),
    ("XX gs. 30. gadi", "193X", "decade"),
    ("XX a. 30-ieji", "193X", "decade"),
    # centuries
    ("XIX gs.", "18XX", "century"),
    ("19. gs.", "18XX", "century"),
    ("XIX gadsimts", "18XX", "century"),
    ("XIX a.", "18XX", "century"),
    ("XX amžius", "19XX", "century"),
    # intervals
    ("1934.–1936.", "1934/1936", "interval"),
    ("1934-1936", "1934/1936", "interval"),
    ("1934–1936", "1934/1936", "interval"),
    ("1934 — 1936", "1934/1936", "interval"),
    ("1934-36", "1934/1936", "interval"),
    ("no 1934 līdz 1936", "1934/1936", "interval"),
    ("no 1934. gada līdz 1936. gadam", "1934/1936", "interval"),
    ("nuo 1934 iki 1936", "1934/1936", "interval"),
    ("1935. gada aprīlis – 1936. gada maijs", "1935-04/1936-05", "interval"),
    ("ap 1934-1936", "1934~/1936~", "interval"),
    ("pirms 1940", "../1940", "before"),
    ("līdz 1940. gadam", "../1940", "before"),
    ("iki 1940", "../1940", "before"),
    ("до 1940 г.", "../1940", "before"),
    ("pēc 1945", "1945/..", "after"),
    ("po 1945", "1945/..", "after"),
    ("nuo 1945 m.", "1945/..", "after"),
    ("после 1945", "1945/..", "after"),
    # full dates, months, years
    ("1935. gada 12. aprīlis", "1935-04-12", "day"),
    ("1935. g. 12. aprīlī", "1935-04-12", "day"),
    ("1935. gada 12. aprīļa", "1935-04-12", "day"),
    ("12. aprīlis, 1935", "1935-04-12", "day"),
    ("12.04.1935", "1935-04-12", "day"),
    ("12.04.1935.", "1935-04-12", "day"),
    ("1.4.1935", "1935-04-01", "day"),
    ("12/04/1935", "1935-04-12", "day"),
    ("1935.04.12", "1935-04-12", "day"),
    ("1935 m. balandžio 12 d.", "1935-04-12", "day"),
    ("1940 m. sausio 3 d.", "1940-01-03", "day"),
    ("1941 m. birželio 14 d.", "1941-06-14", "day"),
    ("14 июня 1941 г.", "1941-06-14", "day"),
    ("1935. gada aprīlis", "1935-04", "month"),
    ("1935. gada martā", "1935-03", "month"),
    ("1935. gada februārī", "1935-02", "month"),
    ("1935. gada decembra", "1935-12", "month"),
    ("1935 m. gegužė", "1935-05", "month"),
    ("1935 m. vasario mėn.", "1935-02", "month"),
    ("1935 m. rugpjūčio mėn.", "1935-08", "month"),
    ("sept. 1935", "1935-09", "month"),
    ("04.1935", "1935-04", "month"),
    ("1935. gada pavasarī", "1935-21", "season"),
    ("1935. gada vasarā", "1935-22", "season"),
    ("1935 m. žiemą", "1935-24", "season"),
    ("1935. g.", "1935", "year"),
    ("1935.", "1935", "year"),
    ("1935. gadā", "1935", "year"),
    ("1935 m.", "1935", "year"),
    ("1935 г.", "1935", "year"),
    ("[1935]", "1935", "year"),
    # already EDTF: returned as is
    ("1935", "1935", "year"),
    ("1935-06", "1935-06", "month"),
    ("193X", "193X", "decade"),
    ("193x", "193X", "decade"),
    ("1934/1936", "1934/1936", "interval"),
    ("../1940", "../1940", "before"),
    ("1945/..", "1945/..", "after"),
    ("1935-06-12T10:30:00Z", "1935-06-12T10:30:00Z", "day"),
]


@pytest.mark.parametrize(("typed", "edtf", "key"), SUGGESTIONS, ids=[row[0] for row in SUGGESTIONS])
def test_suggest_edtf(typed, edtf, key):
    assert suggest_edtf(typed) == Suggestion(edtf, key)
    assert is_valid_date(edtf)
    assert explanation_key(edtf) == key


@pytest.mark.parametrize(
    "typed",
    [
        "30. gadi",              # which century? never guess
        "30-ies gadi",
        "1935-tie gadi",          # not a decade start
        "1935-02-30",
        "30.02.1935",
        "1936–1934",              # reversed
        "pirms",
        "ap",
        "apmēram",
        "s.a.",
        "b.g.",
        "nezināms",
        "Pirmais pasaules karš",
        "aprīlis",
        "1935 1936",
        "12. 13. aprīlis 1935",
        "XXX gs.",
        "I gs.",
        "",
        "   ",
    ],
)
def test_suggest_edtf_returns_none_when_unsure(typed):
    assert suggest_edtf(typed) is None


def test_suggest_edtf_ignores_non_text():
    assert suggest_edtf(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("month", "forms"),
    [
        (1, ["janvāris", "janvāra", "janvārī", "sausis", "sausio", "января"]),
        (2, ["februāris", "februāra", "februārī", "vasaris", "vasario", "февраля"]),
        (3, ["marts", "marta", "martā", "kovas", "kovo", "марта"]),
        (4, ["aprīlis", "aprīļa", "aprīlī", "balandis", "balandžio", "апреля"]),
        (5, ["maijs", "maija", "maijā", "gegužė", "gegužės", "мая"]),
        (6, ["jūnijs", "jūnija", "jūnijā", "birželis", "birželio", "июня"]),
        (7, ["jūlijs", "jūlija", "jūlijā", "liepa", "liepos", "июля"]),
        (8, ["augusts", "augusta", "augustā", "rugpjūtis", "rugpjūčio", "августа"]),
        (9, ["septembris", "septembra", "septembrī", "rugsėjis", "rugsėjo", "сентября"]),
        (10, ["oktobris", "oktobra", "oktobrī", "spalis", "spalio", "октября"]),
        (11, ["novembris", "novembra", "novembrī", "lapkritis", "lapkričio", "ноября"]),
        (12, ["decembris", "decembra", "decembrī", "gruodis", "gruodžio", "декабря"]),
    ],
)
def test_month_names_in_every_case_form(month, forms):
    for form in forms:
        assert suggest_edtf(f"1935 {form}") == Suggestion(f"1935-{month:02d}", "month"), form
        assert suggest_edtf(f"1935. gada 5. {form}").edtf == f"1935-{month:02d}-05", form
