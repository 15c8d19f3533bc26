"""Tests for qualified DC XML (qdc:qualifieddc) in dublin_core.xml."""

import pytest
from lxml import etree

from dublin_core import DCTERMS_NS, QDC_NS, QDC_SCHEMA, DublinCoreError, Record, Value, from_qdc, to_qdc, to_qdc_string
from dublin_core.xml import DC_NS, XSI_NS

NS = {"qdc": QDC_NS, "dc": DC_NS, "dcterms": DCTERMS_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def qualified_record() -> Record:
    """Elements and terms with Latvian, Lithuanian and Russian values."""
    record = Record()
    record.add("provenance", "Dāvinājums & <mantojums>")
    record.add("title", "Ģimenes foto pie Ķemeru ūdenstorņa", lang="lv")
    record.add("title", "Šeimos nuotrauka", lang="lt")
    record.add("alternative", "Семейное фото", lang="ru")
    record.add("creator", "Jānis Čakste")
    record.add("date", "1925")
    record.add("created", "1925-06~")
    record.add("spatial", "Ķemeri", lang="lv")
    record.add("spatial", "Kemeri", lang="lt")
    record.add("isPartOf", "urn:heritage:collection:3")
    record.add("license", "https://creativecommons.org/licenses/by/4.0/")
    return record


def test_constants():
    assert QDC_NS == "http://worldcat.org/xmlschemas/qdc-1.0/"
    assert QDC_SCHEMA == "http://worldcat.org/xmlschemas/qdc/1.0/qdc-1.0.xsd"
    assert DCTERMS_NS == "http://purl.org/dc/terms/"


def test_root_namespaces_and_schema_location():
    root = to_qdc(Record())
    assert root.tag == f"{{{QDC_NS}}}qualifieddc" and root.prefix == "qdc"
    assert root.nsmap == {"qdc": QDC_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    assert root.get(f"{{{XSI_NS}}}schemaLocation") == f"{QDC_NS} {QDC_SCHEMA}"
    assert len(root) == 0


def test_elements_as_dc_and_terms_as_dcterms_in_record_order():
    root = to_qdc(qualified_record())
    names = [(etree.QName(c).namespace, etree.QName(c).localname) for c in root]
    assert names == [
        (DC_NS, "title"), (DC_NS, "title"), (DC_NS, "creator"), (DC_NS, "date"),
        (DCTERMS_NS, "alternative"), (DCTERMS_NS, "created"), (DCTERMS_NS, "spatial"),
        (DCTERMS_NS, "spatial"), (DCTERMS_NS, "isPartOf"), (DCTERMS_NS, "license"),
        (DCTERMS_NS, "provenance"),
    ]
    assert root.xpath("dcterms:spatial/@xml:lang", namespaces=NS) == ["lv", "lt"]
    assert root.xpath("dcterms:alternative[@xml:lang='ru']/text()", namespaces=NS) == ["Семейное фото"]


def test_round_trip():
    record = qualified_record()
    data = to_qdc_string(record)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<qdc:qualifieddc")
    assert "Ģimenes foto pie Ķemeru ūdenstorņa".encode() in data
    assert b"&amp; &lt;mantojums&gt;" in data
    assert from_qdc(data) == record


def test_parse_accepts_dcterms_versions_of_the_elements_and_root_language():
    data = (
        f'<qdc:qualifieddc xmlns:qdc="{QDC_NS}" xmlns:dc="{DC_NS}" xmlns:dcterms="{DCTERMS_NS}" xml:lang="lt">'
        "<dcterms:title>Trakų pilis</dcterms:title><dc:title xml:lang='lv'>Traku pils</dc:title>"
        "<dcterms:temporal>  </dcterms:temporal><!-- x --><dcterms:spatial>Trakai</dcterms:spatial>"
        "</qdc:qualifieddc>"
    ).encode()
    record = from_qdc(data)
    assert record.get("title") == [Value("Trakų pilis", "lt"), Value("Traku pils", "lv")]
    assert record.get("spatial") == [Value("Trakai", "lt")]
    assert record.get("temporal") == []


def test_text_that_xml_cannot_carry_names_the_dcterms_element():
    record = Record()
    record.add("abstract", "page\x0cbreak")
    with pytest.raises(DublinCoreError, match="dcterms:abstract"):
        to_qdc(record)


HEAD = f'<qdc:qualifieddc xmlns:qdc="{QDC_NS}" xmlns:dc="{DC_NS}" xmlns:dcterms="{DCTERMS_NS}">'


@pytest.mark.parametrize(
    ("data", "pattern", "line"),
    [
        (b"", r"malformed XML at line 1", 1),
        ((HEAD + "\n<dc:title>x</dc:titel></qdc:qualifieddc>").encode(), r"malformed XML at line 2", 2),
        (b'<!DOCTYPE r [<!ENTITY x "EXPANDED">]>\n' + (HEAD + "<dc:title>&x;</dc:title></qdc:qualifieddc>").encode(),
         "DOCTYPE declarations are not allowed in qdc documents", 1),
        (b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
         + (HEAD + "<dc:title>&x;</dc:title></qdc:qualifieddc>").encode(), "DOCTYPE", 1),
        (f'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="{DC_NS}"/>'.encode(),
         "root element must be qdc:qualifieddc", 1),
        ((HEAD + "\n\n<dc:spatial>x</dc:spatial></qdc:qualifieddc>").encode(),
         r"unexpected element \{http://purl.org/dc/elements/1.1/\}spatial", 3),
        ((HEAD + "\n<dcterms:tableOfContents>x</dcterms:tableOfContents></qdc:qualifieddc>").encode(),
         "unexpected element", 2),
        ((HEAD + "\n<title>x</title></qdc:qualifieddc>").encode(), "unexpected element title", 2),
        ((HEAD + "\n<dcterms:spatial>x<b/></dcterms:spatial></qdc:qualifieddc>").encode(),
         "dcterms:spatial must contain only text", 2),
    ],
    ids=["empty", "malformed", "entity", "external-entity", "oai-dc-root", "spatial-in-dc-namespace",
         "unknown-term", "no-namespace", "nested"],
)
def test_bad_documents(data, pattern, line):
    with pytest.raises(DublinCoreError, match=pattern) as excinfo:
        from_qdc(data)
    assert excinfo.value.line == line


def test_size_limit_and_bytes_only():
    data = to_qdc_string(qualified_record())
    with pytest.raises(DublinCoreError, match="qdc document is .* the limit is 100 bytes"):
        from_qdc(data, max_bytes=100)
    assert from_qdc(data, max_bytes=len(data)) == qualified_record()
    with pytest.raises(TypeError, match="from_qdc expects bytes"):
        from_qdc(data.decode())  # type: ignore[arg-type]
