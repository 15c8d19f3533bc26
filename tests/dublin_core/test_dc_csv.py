"""Tests for dublin_core.csv."""

import csv
import io

import pytest

from dublin_core import Record, Value
from dublin_core.csv import element_for_heading, record_from_row


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Dublin Core:Title", "title"),
        ("dublin core:creator", "creator"),
        ("Dublin Core: Subject", "subject"),
        ("dc:title", "title"),
        ("DC:Description", "description"),
        ("dcterms:title", "title"),
        ("dcterms:rights", "rights"),
        ("Title", "title"),
        ("title", "title"),
        (" TITLE ", "title"),
        ("\ufeffIdentifier", "identifier"),
        ("nosaukums", "title"),
        ("Autors", "creator"),
        ("temats", "subject"),
        ("apraksts", "description"),
        ("datums", "date"),
        ("veids", "type"),
        ("valoda", "language"),
        ("vieta", "coverage"),
        ("tiesības", "rights"),
        ("Tiesibas", "rights"),
        ("izdevējs", "publisher"),
        ("avots", "source"),
        ("file", None),
        ("Item Type", None),
        ("dc:author", None),
        ("dc:nosaukums", None),
        ("tags", None),
        ("", None),
        (None, None),
    ],
)
def test_element_for_heading(heading, expected):
    assert element_for_heading(heading) == expected


def test_record_from_row_splits_pipes_and_ignores_other_columns():
    row = {
        "Dublin Core:Title": "Rēzeknes Māras piemineklis",
        "autors": "Kārlis Jansons | Leons Tomašickis|",
        "Dublin Core:Subject": "pieminekļi|Latgale",
        "datums": "1939",
        "file": "https://example.org/mara.jpg",
        "tags": "skulptūra",
    }
    record = record_from_row(row, lang="lv")
    assert record.get("creator") == [Value("Kārlis Jansons", "lv"), Value("Leons Tomašickis", "lv")]
    assert [v.text for v in record.get("subject")] == ["pieminekļi", "Latgale"]
    assert record.get("date") == [Value("1939")]
    assert set(record.to_dict()) == {"title", "creator", "subject", "date"}


def test_record_from_row_without_lang_leaves_values_untagged():
    record = record_from_row({"Title": "Kauno rotušė"})
    assert record.get("title") == [Value("Kauno rotušė")]


def test_record_from_row_with_csv_dictreader_ragged_rows():
    text = "Title,Creator,file\nKlaipėdos uostas,Jonas|Petras\nVilnius,Ona,v.jpg,EXTRA\n"
    rows = list(csv.DictReader(io.StringIO(text)))
    first, second = (record_from_row(row, lang="lt") for row in rows)
    assert [v.text for v in first.get("creator")] == ["Jonas", "Petras"]
    assert second.first("title") == "Vilnius"


def test_empty_row_gives_empty_record():
    assert record_from_row({"file": "x.jpg", "Title": " | "}) == Record()
