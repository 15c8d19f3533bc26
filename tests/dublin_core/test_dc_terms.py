"""Tests for the DCMI Terms refinements in dublin_core.model and their oai_dc dumb-down."""

import pytest
from lxml import etree

from dublin_core import ELEMENTS, REFINES, TERMS, Record, Value, from_oai_dc, to_oai_dc
from dublin_core.errors import UnknownElementError
from dublin_core.xml import DC_NS


def test_terms_and_refinements():
    assert TERMS == (
        "alternative", "abstract", "created", "issued", "extent", "medium", "spatial", "temporal",
        "isPartOf", "hasPart", "bibliographicCitation", "rightsHolder", "license", "accessRights",
        "provenance",
    )
    assert set(REFINES) == set(TERMS)
    assert REFINES["provenance"] is None
    assert {REFINES[t] for t in ("created", "issued")} == {"date"}
    assert all(parent in ELEMENTS for term, parent in REFINES.items() if term != "provenance")
    assert REFINES == {
        "alternative": "title", "abstract": "description", "created": "date", "issued": "date",
        "extent": "format", "medium": "format", "spatial": "coverage", "temporal": "coverage",
        "isPartOf": "relation", "hasPart": "relation", "bibliographicCitation": "identifier",
        "rightsHolder": "rights", "license": "rights", "accessRights": "rights", "provenance": None,
    }


@pytest.mark.parametrize("term", TERMS)
def test_every_term_can_be_added_and_read(term):
    record = Record()
    record.add(term, "  vērtība ", lang="lv")
    assert record.get(term) == [Value("vērtība", "lv")]
    assert record.first(term, "lv") == "vērtība"
    assert Record.from_dict(record.to_dict()) == record


def test_unknown_names_list_elements_and_terms():
    with pytest.raises(UnknownElementError) as excinfo:
        Record().add("tableOfContents", "x")
    message = str(excinfo.value)
    assert "valid elements: title, creator" in message
    assert "DCMI terms: alternative, abstract" in message and "provenance" in message


def test_items_list_elements_first_then_terms_in_terms_order():
    record = Record()
    record.add("provenance", "Dāvinājums")
    record.add("spatial", "Kuldīga")
    record.add("rights", "CC BY 4.0")
    record.add("created", "1935")
    record.add("title", "Ventas rumba")
    assert [name for name, _ in record.items()] == ["title", "rights", "created", "spatial", "provenance"]
    assert list(record.to_dict()) == ["title", "rights", "created", "spatial", "provenance"]


def baltic_qualified_record() -> Record:
    """A record using terms next to their parent elements."""
    record = Record()
    record.add("title", "Ventas rumba", lang="lv")
    record.add("alternative", "Kuldīgos krioklys", lang="lt")
    record.add("date", "1935")
    record.add("created", "1934")
    record.add("issued", "1935")          # same as dc:date: kept once
    record.add("coverage", "Kurzeme")
    record.add("temporal", "1930-tie gadi", lang="lv")
    record.add("spatial", "Kuldīga", lang="lv")
    record.add("extent", "1 fotogrāfija")
    record.add("license", "https://creativecommons.org/licenses/by/4.0/")
    record.add("rightsHolder", "Kuldīgas novada muzejs")
    record.add("provenance", "Dāvinājums, 1998")
    record.add("isPartOf", "Kuldīgas skati")
    record.add("bibliographicCitation", "Kuldīgas Vēstnesis, 1935, nr. 12")
    record.add("abstract", "Ūdenskritums", lang="lv")
    return record


def test_simple_dumbs_down_terms_after_the_elements_own_values():
    simple = baltic_qualified_record().simple()
    assert simple.to_dict() == {
        "title": [{"text": "Ventas rumba", "lang": "lv"}, {"text": "Kuldīgos krioklys", "lang": "lt"}],
        "description": [{"text": "Ūdenskritums", "lang": "lv"}],
        "date": [{"text": "1935", "lang": None}, {"text": "1934", "lang": None}],
        "format": [{"text": "1 fotogrāfija", "lang": None}],
        "identifier": [{"text": "Kuldīgas Vēstnesis, 1935, nr. 12", "lang": None}],
        "relation": [{"text": "Kuldīgas skati", "lang": None}],
        "coverage": [
            {"text": "Kurzeme", "lang": None}, {"text": "Kuldīga", "lang": "lv"},
            {"text": "1930-tie gadi", "lang": "lv"},
        ],
        "rights": [
            {"text": "Kuldīgas novada muzejs", "lang": None},
            {"text": "https://creativecommons.org/licenses/by/4.0/", "lang": None},
        ],
    }
    assert all(name in ELEMENTS for name, _ in simple.items())


def test_simple_of_a_plain_record_is_equal_and_a_copy():
    record = Record()
    record.add("title", "A")
    simple = record.simple()
    assert simple == record and simple is not record
    simple.add("title", "B")
    assert record.get("title") == [Value("A")]


def test_oai_dc_uses_the_dumb_down_and_stays_schema_valid(oai_dc_schema):
    record = baltic_qualified_record()
    root = to_oai_dc(record)
    oai_dc_schema.assertValid(root)
    assert all(etree.QName(child).namespace == DC_NS for child in root)
    assert b"provenance" not in etree.tostring(root) and "Dāvinājums" not in etree.tostring(root, encoding=str)
    assert from_oai_dc(etree.tostring(root)) == record.simple()


def test_record_with_only_provenance_is_empty_when_simple():
    record = Record()
    record.add("provenance", "x")
    assert record and not record.simple()
