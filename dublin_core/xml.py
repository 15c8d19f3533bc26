"""Serialise records as OAI-PMH ``oai_dc`` XML and parse such XML safely.

>>> from dublin_core.model import Record
>>> r = Record()
>>> r.add("title", "Kauno pilis", lang="lt")
>>> r.add("creator", "Jonas Jonaitis")
>>> data = to_oai_dc_string(r)
>>> data.splitlines()[0]
b"<?xml version='1.0' encoding='UTF-8'?>"
>>> print(data.decode().splitlines()[2].strip())
<dc:title xml:lang="lt">Kauno pilis</dc:title>
>>> from_oai_dc(data) == r
True
>>> from_oai_dc(b"<record>\\n<title></record>")
Traceback (most recent call last):
...
dublin_core.errors.DublinCoreError: malformed XML at line 2, column 17: Opening and ending tag mismatch: title line 2 and record
"""

from __future__ import annotations

from lxml import etree

from dublin_core.errors import DublinCoreError
from dublin_core.model import ELEMENTS, Record

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
OAI_DC_SCHEMA_LOCATION = f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NSMAP = {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}

#: Largest document :func:`from_oai_dc` accepts, in bytes.
MAX_INPUT_BYTES = 10 * 1024 * 1024

_XML_LANG = f"{{{XML_NS}}}lang"
_ROOT_TAG = f"{{{OAI_DC_NS}}}dc"


def to_oai_dc(record: Record) -> etree._Element:
    """Build an ``<oai_dc:dc>`` element with one ``dc:*`` child per value, in ELEMENTS order."""
    root = etree.Element(_ROOT_TAG, nsmap=NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", OAI_DC_SCHEMA_LOCATION)
    for element, value in record.items():
        child = etree.SubElement(root, f"{{{DC_NS}}}{element}")
        _set_text(child, element, value.text)
        if value.lang:
            child.set(_XML_LANG, value.lang)
    return root


def _set_text(child: etree._Element, element: str, text: str) -> None:
    """Set element text, turning lxml's complaint about illegal characters into our error."""
    try:
        child.text = text
    except ValueError as exc:
        raise DublinCoreError(f"dc:{element} value cannot be written as XML: {exc}") from exc


def to_oai_dc_string(record: Record) -> bytes:
    """Serialise a record as pretty-printed UTF-8 ``oai_dc`` XML with a declaration."""
    return etree.tostring(to_oai_dc(record), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _safe_parser() -> etree.XMLParser:
    """Return a parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def _parse(data: bytes, max_bytes: int) -> etree._ElementTree:
    """Parse bytes into a tree, enforcing the size limit and rejecting DTDs."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"from_oai_dc expects bytes, not {type(data).__name__}")
    if len(data) > max_bytes:
        raise DublinCoreError(f"oai_dc document is {len(data)} bytes; the limit is {max_bytes} bytes")
    try:
        tree = etree.ElementTree(etree.fromstring(bytes(data), _safe_parser()))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        reason = exc.msg.rsplit(f", line {line}", 1)[0]
        raise DublinCoreError(f"malformed XML at line {line}, column {column}: {reason}", line=line) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DublinCoreError("DOCTYPE declarations are not allowed in oai_dc documents", line=1)
    return tree


def _value_of(child: etree._Element, root_lang: str | None) -> tuple[str, str, str | None]:
    """Return ``(element, text, lang)`` for one ``dc:*`` child, or raise."""
    qname = etree.QName(child)
    if qname.namespace != DC_NS or qname.localname not in ELEMENTS:
        raise DublinCoreError(f"unexpected element {qname.text} in oai_dc:dc", line=child.sourceline)
    if len(child):
        raise DublinCoreError(f"dc:{qname.localname} must contain only text", line=child.sourceline)
    return qname.localname, child.text or "", child.get(_XML_LANG, root_lang)


def from_oai_dc(data: bytes, *, max_bytes: int = MAX_INPUT_BYTES) -> Record:
    """Parse an ``oai_dc`` document safely into a :class:`Record`."""
    root = _parse(data, max_bytes).getroot()
    if root.tag != _ROOT_TAG:
        raise DublinCoreError(f"root element must be oai_dc:dc ({_ROOT_TAG}), not {root.tag}", line=root.sourceline)
    record = Record()
    for child in root.iterchildren(tag=etree.Element):
        record.add(*_value_of(child, root.get(_XML_LANG)))
    return record
