"""Tests for dublin_core.xml: oai_dc serialisation, schema validity and safe parsing."""

import time

import pytest
from lxml import etree

from dublin_core import DublinCoreError, Record, Value, to_oai_dc, to_oai_dc_string
from dublin_core.xml import DC_NS, OAI_DC_NS, XSI_NS, from_oai_dc

NS = {"oai_dc": OAI_DC_NS, "dc": DC_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def baltic_record() -> Record:
    """A record with Latvian, Lithuanian and Russian values in several elements."""
    record = Record()
    record.add("rights", "CC BY-NC 4.0")
    record.add("title", "Ģimenes foto pie Ķemeru ūdenstorņa: ā č ē ģ ī ķ ļ ņ š ū ž", lang="lv")
    record.add("title", "Šeimos nuotrauka: ą ę ė į ų", lang="lt")
    record.add("title", "Семейное фото у водонапорной башни", lang="ru")
    record.add("creator", "Jānis Čakste")
    record.add("creator", "Ļevs Ņikitins", lang="ru")
    record.add("subject", "Latgolys kulturvēsture", lang="ltg")
    record.add("date", "1925")
    record.add("language", "lv")
    record.add("identifier", "urn:heritage:item:42")
    record.add("description", "Ūdenstornis & <apkārtne> \"Ķemeri\" 'ā'", lang="lv")
    return record


def test_round_trip_preserves_values_languages_and_diacritics():
    record = baltic_record()
    data = to_oai_dc_string(record)
    assert from_oai_dc(data) == record
    assert "ā č ē ģ ī ķ ļ ņ š ū ž".encode() in data
    assert "ą ę ė į ų".encode() in data


def test_string_output_is_utf8_with_declaration_and_pretty_printed():
    data = to_oai_dc_string(baltic_record())
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    assert b"\n  <dc:title" in data
    data.decode("utf-8")


def test_output_is_valid_against_the_official_xsd(oai_dc_schema):
    doc = to_oai_dc(baltic_record())
    oai_dc_schema.assertValid(doc)
    oai_dc_schema.assertValid(etree.fromstring(to_oai_dc_string(baltic_record())))


def test_empty_record_is_still_valid(oai_dc_schema):
    root = to_oai_dc(Record())
    oai_dc_schema.assertValid(root)
    assert len(root) == 0


def test_schema_fixture_really_rejects_invalid_documents(oai_dc_schema):
    root = to_oai_dc(baltic_record())
    etree.SubElement(root, f"{{{DC_NS}}}author").text = "not a DC element"
    assert not oai_dc_schema.validate(root)


def test_root_has_namespaces_and_schema_location():
    root = to_oai_dc(Record())
    assert root.tag == f"{{{OAI_DC_NS}}}dc"
    assert root.prefix == "oai_dc"
    assert root.nsmap["dc"] == DC_NS
    assert root.get(f"{{{XSI_NS}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )


def test_repeated_values_become_repeated_elements_with_xml_lang():
    root = to_oai_dc(baltic_record())
    creators = root.xpath("dc:creator", namespaces=NS)
    assert [c.text for c in creators] == ["Jānis Čakste", "Ļevs Ņikitins"]
    assert [c.get(XML_LANG) for c in creators] == [None, "ru"]
    assert root.xpath("dc:title[@xml:lang='lt']/text()", namespaces=NS) == ["Šeimos nuotrauka: ą ę ė į ų"]
    assert root.xpath("count(dc:*)", namespaces=NS) == 11


def test_children_follow_elements_order():
    root = to_oai_dc(baltic_record())
    names = [etree.QName(child).localname for child in root]
    assert names == [
        "title", "title", "title", "creator", "creator", "subject", "description",
        "date", "identifier", "language", "rights",
    ]


def test_special_characters_are_escaped_not_injected():
    root = etree.fromstring(to_oai_dc_string(baltic_record()))
    assert root.xpath("dc:description/text()", namespaces=NS) == ["Ūdenstornis & <apkārtne> \"Ķemeri\" 'ā'"]
    assert root.xpath("count(//apkārtne)") == 0


def test_text_that_xml_cannot_carry_raises_dublin_core_error():
    record = Record({"description": [Value("OCR page\x0cnext page")]})
    with pytest.raises(DublinCoreError, match="dc:description"):
        to_oai_dc(record)


def test_parse_inherits_xml_lang_from_root_and_ignores_comments():
    data = (
        f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}" xml:lang="lt">'
        "<!-- harvested --><dc:title>Trakų pilis</dc:title>"
        '<dc:title xml:lang="lv">Traku pils</dc:title><dc:date>  </dc:date>'
        "</oai_dc:dc>"
    ).encode()
    record = from_oai_dc(data)
    assert record.get("title") == [Value("Trakų pilis", "lt"), Value("Traku pils", "lv")]
    assert record.get("date") == []


def test_parse_honours_declared_encoding():
    data = (
        f'<?xml version="1.0" encoding="ISO-8859-13"?>'
        f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}"><dc:title>Rīga</dc:title></oai_dc:dc>'
    ).encode("iso-8859-13")
    assert from_oai_dc(data).first("title") == "Rīga"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;</dc:title></oai_dc:dc>
"""

SMALL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x "EXPANDED">]>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&x;</dc:title></oai_dc:dc>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&xxe;</dc:title></oai_dc:dc>
"""

WRONG_ROOT = b"""<?xml version="1.0"?>
<record xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>X</dc:title></record>"""

DC_ROOT_WRONG_NAMESPACE = b"""<dc xmlns="http://purl.org/dc/elements/1.1/"><title>X</title></dc>"""

UNKNOWN_CHILD = b"""<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>X</dc:title>
  <dc:author>Y</dc:author>
</oai_dc:dc>"""

NESTED_CHILD = b"""<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>X<b>bold</b></dc:title></oai_dc:dc>"""

MALFORMED = b"""<?xml version="1.0"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
           xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Unclosed
</oai_dc:dc>"""


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (MALFORMED, r"malformed XML at line 5\b", 5),
        (b"", r"malformed XML at line 1\b", 1),
        (b"not xml at all", r"malformed XML at line 1\b", 1),
        (b"<a>\n\n<b>&undefined;</b></a>", r"malformed XML at line 3\b", 3),
        (SMALL_ENTITY, "DOCTYPE declarations are not allowed", 1),
        (EXTERNAL_ENTITY, "DOCTYPE declarations are not allowed", 1),
        (WRONG_ROOT, "root element must be oai_dc:dc", 2),
        (DC_ROOT_WRONG_NAMESPACE, "root element must be oai_dc:dc", 1),
        (UNKNOWN_CHILD, r"unexpected element \{http://purl.org/dc/elements/1.1/\}author", 4),
        (NESTED_CHILD, "dc:title must contain only text", 2),
    ],
    ids=[
        "malformed", "empty", "not-xml", "undefined-entity", "internal-entity",
        "external-entity", "wrong-root", "dc-root-wrong-namespace", "unknown-child", "nested-child",
    ],
)
def test_bad_documents_raise_dublin_core_error(data, message, line):
    with pytest.raises(DublinCoreError, match=message) as excinfo:
        from_oai_dc(data)
    assert excinfo.value.line == line


def test_billion_laughs_is_rejected_quickly_without_expansion():
    started = time.perf_counter()
    with pytest.raises(DublinCoreError) as excinfo:
        from_oai_dc(BILLION_LAUGHS)
    assert time.perf_counter() - started < 2
    assert "lollol" not in str(excinfo.value)


@pytest.mark.parametrize("data", [SMALL_ENTITY, EXTERNAL_ENTITY])
def test_safe_parser_never_substitutes_entities(data):
    from dublin_core.xml import _safe_parser

    root = etree.fromstring(data, _safe_parser())
    text = "".join(root.find(f"{{{DC_NS}}}title").itertext())
    assert "EXPANDED" not in text and "root:" not in text


def test_oversized_input_is_rejected_before_parsing():
    head = f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}"><dc:description>'.encode()
    data = head + b"a" * (10 * 1024 * 1024) + b"</dc:description></oai_dc:dc>"
    with pytest.raises(DublinCoreError, match=r"the limit is 10485760 bytes"):
        from_oai_dc(data)


def test_size_limit_is_configurable():
    data = to_oai_dc_string(baltic_record())
    with pytest.raises(DublinCoreError, match="limit"):
        from_oai_dc(data, max_bytes=100)
    assert from_oai_dc(data, max_bytes=len(data)) == baltic_record()


def test_text_input_is_refused():
    with pytest.raises(TypeError, match="expects bytes"):
        from_oai_dc(to_oai_dc_string(Record()).decode())  # type: ignore[arg-type]
