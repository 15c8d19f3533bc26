"""ALTO 4 XML for a page: blocks, lines and words with boxes and confidences.

Coordinates are pixels of the page image heritage shows (the upright page), so a viewer can
draw highlight boxes straight onto it.

>>> from heritage.ingest.ocr import Word
>>> xml = alto_xml([Word("skolā", 93.0, (10, 20, 60, 40), (1, 1, 1))], (800, 600), "1.png", "lav")
>>> b'CONTENT="skol\\xc4\\x81"' in xml and b'WC="0.93"' in xml
True
"""
from __future__ import annotations

from itertools import groupby
from typing import Callable

from lxml import etree

from .ocr import Word

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
ALTO_SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

Box = tuple[int, int, int, int]


def alto_xml(words: list[Word], page_size: tuple[int, int], file_name: str, lang: str,
             to_page: Callable[[Box], Box] = lambda box: box) -> bytes:
    """The ALTO document of one page; ``to_page`` maps OCR boxes onto the page image."""
    root = etree.Element(f"{{{ALTO_NS}}}alto", nsmap={None: ALTO_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{ALTO_NS} {ALTO_SCHEMA}")
    _description(root, file_name, lang)
    page = _sub(_sub(root, "Layout"), "Page", ID="page1", PHYSICAL_IMG_NR="1",
                WIDTH=page_size[0], HEIGHT=page_size[1])
    space = _sub(page, "PrintSpace", HPOS=0, VPOS=0, WIDTH=page_size[0], HEIGHT=page_size[1])
    mapped = [(word, to_page(word.box)) for word in words]
    for b, (_, block_words) in enumerate(groupby(mapped, key=lambda wb: wb[0].line[:2]), 1):
        block_words = list(block_words)
        block = _sub(space, "TextBlock", ID=f"block{b}", **_extent(box for _, box in block_words))
        for l, (_, line_words) in enumerate(groupby(block_words, key=lambda wb: wb[0].line), 1):
            _line(block, f"line{b}_{l}", list(line_words))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _description(root, file_name: str, lang: str) -> None:
    description = _sub(root, "Description")
    _sub(description, "MeasurementUnit").text = "pixel"
    _sub(_sub(description, "sourceImageInformation"), "fileName").text = file_name
    processing = _sub(description, "Processing", ID="ocr")
    _sub(processing, "processingStepDescription").text = "OCR"
    _sub(processing, "processingStepSettings").text = f"tesseract lang={lang}"
    _sub(_sub(processing, "processingSoftware"), "softwareName").text = "heritage (Tesseract OCR)"


def _line(block, line_id: str, words: list[tuple[Word, Box]]) -> None:
    line = _sub(block, "TextLine", ID=line_id, **_extent(box for _, box in words))
    for i, (word, box) in enumerate(words):
        if i:
            etree.SubElement(line, _q("SP"))
        _sub(line, "String", ID=f"{line_id}_w{i + 1}", CONTENT=word.text,
             WC=f"{word.confidence / 100:.2f}", **_extent([box]))


def _extent(boxes) -> dict[str, int]:
    boxes = list(boxes)
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return {"HPOS": left, "VPOS": top, "WIDTH": right - left, "HEIGHT": bottom - top}


def _sub(parent, tag: str, **attributes):
    return etree.SubElement(parent, _q(tag), {k: str(v) for k, v in attributes.items()})


def _q(tag: str) -> str:
    return f"{{{ALTO_NS}}}{tag}"
