"""Serialise records as OAI-PMH ``oai_dc`` or qualified DC (``qdc``) XML and parse such XML safely.

``oai_dc`` carries the 15 elements only: records with DCMI Terms are dumbed
down with ``Record.simple()`` first.  ``qdc`` (the OCLC qualified DC schema
used by OAI-PMH harvesters) keeps the terms as ``dcterms:*`` elements.

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

Qualified DC keeps the terms:

>>> r.add("spatial", "Kaunas", lang="lt")
>>> print(to_qdc_string(r).decode().splitlines()[4].strip())
<dcterms:spatial xml:lang="lt">Kaunas</dcterms:spatial>
>>> from_qdc(to_qdc_string(r)) == r
True
>>> from_oai_dc(to_oai_dc_string(r)).get("coverage")
[Value(text='Kaunas', lang='lt')]
"""

from __future__ import annotations

from lxml import etree

from dublin_core.errors import DublinCoreError
from dublin_core.model import ELEMENTS, TERMS, Record, Value

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
OAI_DC_SCHEMA_LOCATION = f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NSMAP = {"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}

QDC_NS = "http://worldcat.org/xmlschemas/qdc-1.0/"
QDC_SCHEMA = "http://worldcat.org/xmlschemas/qdc/1.0/qdc-1.0.xsd"
DCTERMS_NS = "http://purl.org/dc/terms/"
QDC_NSMAP = {"qdc": QDC_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}

#: Largest document :func:`from_oai_dc` accepts, in bytes.
MAX_INPUT_BYTES = 10 * 1024 * 1024

_XML_LANG = f"{{{XML_NS}}}lang"
_ROOT_TAG = f"{{{OAI_DC_NS}}}dc"
_QDC_ROOT_TAG = f"{{{QDC_NS}}}qualifieddc"


def to_oai_dc(record: Record) -> etree._Element:
    """Build an ``<oai_dc:dc>`` element with one ``dc:*`` child per value of ``record.simple()``."""
    root = etree.Element(_ROOT_TAG, nsmap=NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", OAI_DC_SCHEMA_LOCATION)
    for element, value in record.simple().items():
        _add_child(root, DC_NS, element, value)
    return root


def _add_child(root: etree._Element, namespace: str, name: str, value: Value) -> None:
    """Append ``<ns:name xml:lang=...>text</ns:name>`` to ``root``."""
    child = etree.SubElement(root, f"{{{namespace}}}{name}")
    _set_text(child, name, value.text, "dc" if namespace == DC_NS else "dcterms")
    if value.lang:
        child.set(_XML_LANG, value.lang)


def to_qdc(record: Record) -> etree._Element:
    """Build a ``<qdc:qualifieddc>`` element: ``dc:*`` for elements, ``dcterms:*`` for terms."""
    root = etree.Element(_QDC_ROOT_TAG, nsmap=QDC_NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{QDC_NS} {QDC_SCHEMA}")
    for name, value in record.items():
        _add_child(root, DC_NS if name in ELEMENTS else DCTERMS_NS, name, value)
    return root


def to_qdc_string(record: Record) -> bytes:
    """Serialise a record as pretty-printed UTF-8 qualified DC XML with a declaration."""
    return etree.tostring(to_qdc(record), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _set_text(child: etree._Element, element: str, text: str, prefix: str = "dc") -> None:
    """Set element text, turning lxml's complaint about illegal characters into our error."""
    try:
        child.text = text
    except ValueError as exc:
        raise DublinCoreError(f"{prefix}:{element} value cannot be written as XML: {exc}") from exc


def to_oai_dc_string(record: Record) -> bytes:
    """Serialise a record as pretty-printed UTF-8 ``oai_dc`` XML with a declaration."""
    return etree.tostring(to_oai_dc(record), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _safe_parser() -> etree.XMLParser:
    """Return a parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def _parse(data: bytes, max_bytes: int, kind: str = "oai_dc") -> etree._ElementTree:
    """Parse bytes into a tree, enforcing the size limit and rejecting DTDs."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"from_{kind} expects bytes, not {type(data).__name__}")
    if len(data) > max_bytes:
        raise DublinCoreError(f"{kind} document is {len(data)} bytes; the limit is {max_bytes} bytes")
    try:
        tree = etree.ElementTree(etree.fromstring(bytes(data), _safe_parser()))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        reason = exc.msg.rsplit(f", line {line}", 1)[0]
        raise DublinCoreError(f"malformed XML at line {line}, column {column}: {reason}", line=line) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DublinCoreError(f"DOCTYPE declarations are not allowed in {kind} documents", line=1)
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



def _qdc_value_of(child: etree._Element, root_lang: str | None) -> tuple[str, str, str | None]:
    """Return ``(name, text, lang)`` for one ``dc:*`` or ``dcterms:*`` child of qdc, or raise."""
    qname = etree.QName(child)
    known = ELEMENTS if qname.namespace == DC_NS else ELEMENTS + TERMS if qname.namespace == DCTERMS_NS else ()
    if qname.localname not in known:
        raise DublinCoreError(f"unexpected element {qname.text} in qdc:qualifieddc", line=child.sourceline)
    prefix = "dc" if qname.namespace == DC_NS else "dcterms"
    if len(child):
        raise DublinCoreError(f"{prefix}:{qname.localname} must contain only text", line=child.sourceline)
    return qname.localname, child.text or "", child.get(_XML_LANG, root_lang)


def from_qdc(data: bytes, *, max_bytes: int = MAX_INPUT_BYTES) -> Record:
    """Parse a qualified DC (``qdc:qualifieddc``) document safely; ``dcterms:title`` counts as title."""
    root = _parse(data, max_bytes, "qdc").getroot()
    if root.tag != _QDC_ROOT_TAG:
        raise DublinCoreError(
            f"root element must be qdc:qualifieddc ({_QDC_ROOT_TAG}), not {root.tag}", line=root.sourceline
        )
    record = Record()
    for child in root.iterchildren(tag=etree.Element):
        record.add(*_qdc_value_of(child, root.get(_XML_LANG)))
    return record
