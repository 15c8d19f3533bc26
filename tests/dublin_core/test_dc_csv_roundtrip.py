"""Tests for whole-file CSV in dublin_core.csv: write_csv, read_csv and term headings."""

import pytest

from dublin_core import DublinCoreError, Record, Value, read_csv, write_csv
from dublin_core.csv import element_for_heading, escape_value, parse_heading, record_from_row, split_values


def rows() -> list[tuple[str, Record]]:
    """Two described files with Latvian, Lithuanian and Russian values, repeats and awkward text."""
    first = Record()
    first.add("title", "Rīgas ostas skats", lang="lv")
    first.add("title", "Rygos uosto vaizdas", lang="lt")
    first.add("title", "Вид на Рижский порт", lang="ru")
    first.add("creator", "Jānis Rieksts")
    first.add("creator", "Ļevs Ņikitins")
    first.add("subject", "ostas | kuģi", lang="lv")           # a literal bar
    first.add("subject", "Daugava", lang="lv")
    first.add("description", 'Skats no "Daugavas" krasta;\notrā rindā, ar komatu', lang="lv")
    first.add("date", "193X")
    first.add("spatial", "Rīga", lang="lv")
    first.add("rights", "C:\\arhīvs\\")                        # backslashes, one at the end
    first.add("provenance", "a\\|b")                           # backslash before a bar
    second = Record()
    second.add("title", "Kauno rotušė", lang="lt")
    second.add("alternative", "Baltoji gulbė", lang="lt")
    second.add("creator", "Petras Kalpokas")
    second.add("date", "1935-04-12")
    second.add("created", "1934~")
    second.add("spatial", "Kaunas", lang="lt")
    second.add("isPartOf", "Kauno vaizdai")
    return [("riga/osta.tif", first), ("kaunas.jpg", second)]


@pytest.mark.parametrize("style", ["omeka", "simple"])
@pytest.mark.parametrize("key", ["file", "id"])
def test_round_trip(style, key):
    text = write_csv(rows(), style=style, key=key)
    assert read_csv(text, key=key) == rows()


def test_omeka_headings():
    header = write_csv(rows()).splitlines()[0]
    assert header == (
        "file,Dublin Core:Title @lv,Dublin Core:Title @lt,Dublin Core:Title @ru,Dublin Core:Creator,"
        "Dublin Core:Subject @lv,Dublin Core:Description @lv,Dublin Core:Date,Dublin Core:Rights,"
        "Dublin Core:Alternative Title @lt,Dublin Core:Date Created,Dublin Core:Spatial Coverage @lv,"
        "Dublin Core:Spatial Coverage @lt,Dublin Core:Is Part Of,Dublin Core:Provenance"
    )


def test_simple_headings_and_cells():
    text = write_csv(rows(), style="simple", key="id")
    lines = text.splitlines()
    assert lines[0] == (
        "id,title @lv,title @lt,title @ru,creator,subject @lv,description @lv,date,rights,"
        "alternative @lt,created,spatial @lv,spatial @lt,isPartOf,provenance"
    )
    assert lines[1].startswith("riga/osta.tif,Rīgas ostas skats,Rygos uosto vaizdas,Вид на Рижский порт,"
                               "Jānis Rieksts|Ļevs Ņikitins,ostas \\| kuģi|Daugava,")
    assert text.splitlines()[-1] == "kaunas.jpg,,Kauno rotušė,,Petras Kalpokas,,,1935-04-12,,Baltoji gulbė,1934~,,Kaunas,Kauno vaizdai,"


def test_untagged_records_round_trip_without_language_suffixes():
    record = Record()
    record.add("title", "Bauskas pils")
    record.add("subject", "pilis|muižas")
    text = write_csv([("b.jpg", record)])
    assert text.splitlines()[0] == "file,Dublin Core:Title,Dublin Core:Subject"
    assert read_csv(text) == [("b.jpg", record)]


def test_empty_input_rows():
    assert write_csv([]) == "file\r\n"
    assert read_csv(write_csv([])) == []
    assert read_csv(write_csv([("x.jpg", Record())])) == [("x.jpg", Record())]


def test_unknown_style_is_rejected():
    with pytest.raises(DublinCoreError, match="unknown CSV style 'excel'"):
        write_csv(rows(), style="excel")


def test_reads_semicolons_bom_bytes_and_mixed_headings():
    text = (
        "\ufeffFile;Dublin Core:Title;nosaukums @lt;dcterms:spatial;Spatial Coverage @ru;Tags;Datums\r\n"
        "a.jpg;Liepājas bāka;Liepojos švyturys;Liepāja;Лиепая;bākas;1868\r\n"
        "\r\n"
        'b.jpg;"Kuršu kāpas; Nida";;Nida|Neringa;;;\r\n'
    )
    for data in (text, text.encode("utf-8")):
        (a_key, a), (b_key, b) = read_csv(data)
        assert (a_key, b_key) == ("a.jpg", "b.jpg")
        assert a.get("title") == [Value("Liepājas bāka"), Value("Liepojos švyturys", "lt")]
        assert a.get("spatial") == [Value("Liepāja"), Value("Лиепая", "ru")]
        assert a.get("date") == [Value("1868")]
        assert b.get("title") == [Value("Kuršu kāpas; Nida")]
        assert b.get("spatial") == [Value("Nida"), Value("Neringa")]


def test_reads_tab_separated():
    (key, record), = read_csv("file\ttitle\tcreator\nx.jpg\tTukums\tA|B\n")
    assert key == "x.jpg" and [v.text for v in record.get("creator")] == ["A", "B"]


@pytest.mark.parametrize(
    ("text", "pattern", "line"),
    [
        ("", r"line 1: there is no 'file' column", 1),
        ("title,creator\nx,y\n", r"line 1: there is no 'file' column; the headings are: title, creator", 1),
        ("file,title\na.jpg,A\n,B\n", r"line 3: the 'file' cell is empty", 3),
        ('file,title\na.jpg,"two\nlines"\n  ,B\n', r"line 4: the 'file' cell is empty", 4),
        ("file,title\na.jpg,A,extra\n", r"line 2: 3 cells but only 2 headings", 2),
    ],
)
def test_errors_name_the_line(text, pattern, line):
    with pytest.raises(DublinCoreError, match=pattern) as excinfo:
        read_csv(text)
    assert excinfo.value.line == line


def test_trailing_empty_cells_and_short_rows_are_fine():
    result = read_csv("file,title,creator\na.jpg,A,,\nb.jpg\n")
    assert [key for key, _ in result] == ["a.jpg", "b.jpg"]
    assert result[1][1] == Record()


@pytest.mark.parametrize(
    "text", ["", "a", "a|b", "a\\|b", "\\", "a\\", "\\\\|", "|", "||", "C:\\dir\\file", "x\\\\y", "\\|\\|"]
)
def test_escape_then_split_gives_the_value_back(text):
    assert split_values(escape_value(text)) == [text]


def test_split_values():
    assert split_values("a|b\\|c|d\\e") == ["a", "b|c", "d\\e"]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Dublin Core:Spatial Coverage", "spatial"),
        ("Dublin Core:Temporal Coverage", "temporal"),
        ("Dublin Core:Date Created", "created"),
        ("Dublin Core:Date Issued", "issued"),
        ("Dublin Core:Alternative Title", "alternative"),
        ("Dublin Core:Is Part Of", "isPartOf"),
        ("Dublin Core:Has Part", "hasPart"),
        ("Dublin Core:Bibliographic Citation", "bibliographicCitation"),
        ("Dublin Core:Rights Holder", "rightsHolder"),
        ("Dublin Core:Access Rights", "accessRights"),
        ("Dublin Core:License", "license"),
        ("Dublin Core:Provenance", "provenance"),
        ("Dublin Core:Extent", "extent"),
        ("Dublin Core:Medium", "medium"),
        ("Dublin Core:Abstract", "abstract"),
        ("Dublin Core:Table Of Contents", None),
        ("dcterms:spatial", "spatial"),
        ("dcterms:isPartOf", "isPartOf"),
        ("DCTERMS:ISPARTOF", "isPartOf"),
        ("spatial", "spatial"),
        ("rightsHolder", "rightsHolder"),
        ("Date Created", "created"),
        ("kopsavilkums", "abstract"),
        ("Tiesību turētājs", "rightsHolder"),
        ("Title @lv", "title"),
        ("Dublin Core:Title @lt-LT", "title"),
        ("dcterms:tableOfContents", None),
        ("file @lv", None),
    ],
)
def test_term_headings(heading, expected):
    assert element_for_heading(heading) == expected


def test_parse_heading_returns_the_column_language():
    assert parse_heading("Dublin Core:Title @ru") == ("title", "ru")
    assert parse_heading("Datums") == ("date", None)
    assert parse_heading("e-mail @lv") is None


def test_record_from_row_uses_column_language_and_unescapes_bars():
    record = record_from_row({"Title @ru": "Рига", "Title": "Rīga", "Subject": "a\\|b|c", "created": "1935"}, lang="lv")
    assert record.get("title") == [Value("Рига", "ru"), Value("Rīga", "lv")]
    assert record.get("subject") == [Value("a|b", "lv"), Value("c", "lv")]
    assert record.get("created") == [Value("1935")]
