"""The metadata.csv beside the scans: Omeka-style and simple headings, Excel's habits."""
from __future__ import annotations

import pytest

from heritage.ingest.metadata import read_metadata


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "metadata.csv"
    path.write_text(text, encoding)
    return path


def test_omeka_headings_and_repeated_values(tmp_path):
    path = write(tmp_path, "file,Dublin Core:Title,Dublin Core:Subject,Dublin Core:Date\n"
                           "skola.png,Vecpils skola,skolas|izglītība,ap 1935\n")
    found = read_metadata(path)
    record = found.records["skola.png"]
    assert record.first("title") == "Vecpils skola"
    assert [v.text for v in record.get("subject")] == ["skolas", "izglītība"]
    assert record.first("date") == "ap 1935"
    assert found.problems == []


def test_excel_semicolons_and_bom_with_simple_headings(tmp_path):
    path = write(tmp_path, "Fails;nosaukums;vieta\nkoris.jpg;Kora jubileja;Ezerkalne\n", "utf-8-sig")
    record = read_metadata(path).records["koris.jpg"]
    assert record.first("title") == "Kora jubileja" and record.first("coverage") == "Ezerkalne"


@pytest.mark.parametrize("text, line, message", [
    ("title,date\nx,1935\n", 1, "no 'file' column"),
    ("file,title\n,Bez faila\n", 2, "'file' cell is empty"),
    ("file,title\na.png,Viens\na.png,Divi\n", 3, "described twice"),
])
def test_problems_name_the_line(tmp_path, text, line, message):
    found = read_metadata(write(tmp_path, text))
    assert any(n == line and message in m for n, m in found.problems), found.problems


def test_a_quoted_description_keeps_its_line_breaks(tmp_path):
    path = write(tmp_path, 'file,description\nskola.png,"Pirmā rinda\notrā rinda"\nkoris.png,Koris\n')
    found = read_metadata(path)
    assert found.records["skola.png"].first("description") == "Pirmā rinda\notrā rinda"
    assert found.records["koris.png"].first("description") == "Koris"
