"""Citations: Latvian style for clippings and other items, RIS, BibTeX and CSL-JSON."""
from __future__ import annotations

import json

import pytest

from dublin_core import Record
from dublin_core.cite import Name, citation_from_record, latvian_citation

URL = "https://arhivs.example/items/123"
SOURCE = ("Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
          "Nr. 92 (2021., 3. decembris), 9. lpp.")


def record(**values: str | list[str]) -> Record:
    """A record of ``values`` (element -> text or texts)."""
    made = Record()
    for element, given in values.items():
        for text in [given] if isinstance(given, str) else given:
            made.add(element, text)
    return made


def clipping(**overrides: str | list[str]) -> Record:
    """A clipping as the demo archive describes one; ``overrides`` replace or drop (``""``) values."""
    values = {"title": "Bibliotēka digitalizē novada vēsturi", "creator": "Bērziņa, Laura",
              "date": "2021-12-03", "type": "Text", "publisher": "Ezermalas Vēstis", "source": SOURCE}
    values.update(overrides)
    return record(**{k: v for k, v in values.items() if v})


@pytest.mark.parametrize("overrides, expected", [
    ({}, SOURCE),
    ({"creator": ""}, "Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
                      "Nr. 92 (2021., 3. decembris), 9. lpp."),
    ({"creator": "Laura Bērziņa"}, SOURCE),
    ({"date": "1936-07"}, "Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
                          "Nr. 92 (1936., jūlijs), 9. lpp."),
    ({"date": "1936"}, "Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
                       "Nr. 92 (1936.), 9. lpp."),
    ({"date": ""}, "Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. Nr. 92, 9. lpp."),
    ({"date": "kaut kad"}, "Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
                           "Nr. 92, 9. lpp."),
    ({"creator": ["Ozols, Jānis", "Liepa, Anna"], "title": "Ķēķis un ūdens?", "publisher": "",
      "isPartOf": "Žagaru Ziņas", "source": "", "bibliographicCitation": "Nr. 3, 12. lpp.",
      "date": "1990-02-01"},
     "Ozols, Jānis, Anna Liepa. Ķēķis un ūdens? Žagaru Ziņas. Nr. 3 (1990., 1. februāris), 12. lpp."),
], ids=["author", "no-author", "natural-order-name", "month", "year", "no-date", "unreadable-date",
        "diacritics-isPartOf-bibliographicCitation"])
def test_latvian_citation_of_a_clipping(overrides, expected):
    citation = citation_from_record(clipping(**overrides), URL)
    assert citation.type == "article-newspaper"
    assert citation.latvian() == expected


def test_the_demo_source_is_the_same_function():
    from heritage.demo import sources
    assert sources.latvian_citation is latvian_citation


@pytest.mark.parametrize("values, kind, expected", [
    ({"title": "Skola", "creator": "Ozols, Jānis", "type": "StillImage", "coverage": "Ezerkalne",
      "date": "1938"}, "graphic",
     f"Ozols, Jānis. Skola [fotogrāfija]. Ezerkalne, 1938. Pieejams: {URL}"),
    ({"title": "Skola", "type": "StillImage", "date": "1950-tie gadi"}, "graphic",
     f"Skola [fotogrāfija]. Pieejams: {URL}"),
    ({"title": "Atmiņas par skolu", "creator": "Krūmiņa, Daina", "type": "Text", "date": "2009-05",
      "source": "Rokraksta pārrakstījums, 4 lp.", "spatial": "Ezerkalnes pagasts"}, "manuscript",
     f"Krūmiņa, Daina. Atmiņas par skolu [rokraksts]. Ezerkalnes pagasts, 2009. Pieejams: {URL}"),
    ({"title": "Intervija", "type": "Sound"}, "document", f"Intervija. Pieejams: {URL}"),
], ids=["photo", "photo-decade", "manuscript", "other"])
def test_latvian_citation_of_other_items(values, kind, expected):
    citation = citation_from_record(record(**values), URL)
    assert (citation.type, citation.latvian()) == (kind, expected)


@pytest.mark.parametrize("overrides, ty", [
    ({}, "NEWS"), ({"type": "StillImage", "source": "", "publisher": ""}, "ART"),
    ({"source": ""}, "MANSCPT"), ({"type": "Sound", "source": ""}, "GEN"),
])
def test_ris_types_and_crlf_line_endings(overrides, ty):
    ris = citation_from_record(clipping(**overrides), URL).ris()
    assert ris.startswith(f"TY  - {ty}\r\n") and ris.endswith("ER  - \r\n")
    assert "\n" not in ris.replace("\r\n", "")
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in ris.split("\r\n")[:-1])


def test_ris_fields_of_a_clipping():
    lines = citation_from_record(clipping(), URL).ris().split("\r\n")
    for line in ("AU  - Bērziņa, Laura", "T2  - Ezermalas Vēstis", "IS  - 92", "SP  - 9",
                 "PY  - 2021", "DA  - 2021/12/03/", f"UR  - {URL}"):
        assert line in lines


def test_bibtex_of_a_clipping():
    entry = citation_from_record(clipping(), URL).bibtex()
    assert entry.startswith("@article{heritage123,\n") and entry.endswith("}\n")
    for field in ("  author = {Bērziņa, Laura},", "  title = {{Bibliotēka digitalizē novada vēsturi}},",
                  "  journal = {Ezermalas Vēstis},", "  number = {92},", "  pages = {9},",
                  "  year = {2021},", "  month = dec,", f"  url = {{{URL}}},"):
        assert field in entry.splitlines()


@pytest.mark.parametrize("title, escaped", [
    ("50% & 2_3 #1", r"50\% \& 2\_3 \#1"),
    ("{a} $b$", r"\{a\} \$b\$"),
    ("a~b^c\\d", r"a\textasciitilde{}b\textasciicircum{}c\textbackslash{}d"),
    ("Ķekava ūdenī", "Ķekava ūdenī"),
])
def test_bibtex_escapes_latex_special_characters(title, escaped):
    entry = citation_from_record(clipping(title=title), URL).bibtex()
    assert f"  title = {{{{{escaped}}}}}," in entry.splitlines()


def test_bibtex_of_a_photo_is_misc_with_a_literal_organisation():
    values = {"title": "Skola", "creator": "Ezerkalnes bibliotēka", "type": "StillImage"}
    entry = citation_from_record(record(**values), URL, key="heritage7").bibtex()
    assert entry.startswith("@misc{heritage7,\n")
    assert "  author = {{Ezerkalnes bibliotēka}}," in entry.splitlines()


@pytest.mark.parametrize("overrides, issued", [
    ({}, {"date-parts": [[2021, 12, 3]]}),
    ({"date": "1936-07"}, {"date-parts": [[1936, 7]]}),
    ({"date": "ap 1935"}, {"date-parts": [[1935]], "circa": True}),
    ({"date": ""}, None),
])
def test_csl_json(overrides, issued):
    data = json.loads(citation_from_record(clipping(**overrides), URL).csl_json())
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert {"id", "type", "title", "URL"} <= item.keys()
    assert (item["id"], item["type"], item["URL"]) == ("heritage123", "article-newspaper", URL)
    assert item["author"] == [{"family": "Bērziņa", "given": "Laura"}]
    assert (item["container-title"], item["issue"], item["page"]) == ("Ezermalas Vēstis", "92", "9")
    assert item.get("issued") == issued
    assert all(value not in (None, "", []) for value in item.values())


@pytest.mark.parametrize("text, name", [
    ("Bērziņa, Laura", Name("Bērziņa", "Laura")),
    ("Laura Bērziņa", Name("Bērziņa", "Laura")),
    ("Ulmanis", Name("Ulmanis", literal=True)),
    ("Ezerkalnes bibliotēka", Name("Ezerkalnes bibliotēka", literal=True)),
])
def test_names(text, name):
    assert Name.parse(text) == name


def test_a_photo_source_with_an_inventory_number_is_not_a_clipping():
    values = {"title": "Skola", "type": "Text", "source": "Krājums, inv. Nr. 12"}
    assert citation_from_record(record(**values), URL).type == "manuscript"
