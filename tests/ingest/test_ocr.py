"""Real Tesseract OCR of rendered Latvian, Lithuanian and Russian text."""
from __future__ import annotations

import pytest

from heritage.ingest import images, ocr
from heritage.ingest.pipeline import process_file
from tests.factories import needs_tesseract, write_scan


@needs_tesseract
@pytest.mark.parametrize("lang, text, expected", [
    ("lav", "Vecpils pagasta skolā šogad mācās divdesmit bērnu.", ["skolā", "mācās", "bērnu"]),
    ("lit", "Ežerėlio seniūnijos mokykla šventė šimtmetį.", ["seniūnijos", "šventė"]),
    ("rus", "Школа в деревне была открыта в 1911 году.", ["Школа", "деревне"]),
])
def test_recognises_each_language(tmp_path, lang, text, expected):
    path = write_scan(tmp_path / "lapa.png", text)
    result = process_file(path, lang)
    assert result.error is None
    page = result.pages[0]
    for word in expected:
        assert word in page.text
    assert page.confidence is not None and page.confidence > 50
    assert page.web_jpeg[:2] == b"\xff\xd8" and page.thumb_jpeg[:2] == b"\xff\xd8"


@needs_tesseract
def test_paragraphs_are_separated_by_a_blank_line():
    words = [(1, 1, 1, "Pirmā"), (1, 1, 1, "rinda"), (1, 1, 2, "otrā"), (2, 1, 1, "Jauns")]
    assert ocr.lines_from_words(words) == "Pirmā rinda\notrā\n\nJauns"


@pytest.mark.parametrize("lang, message", [
    ("latvian", "not installed"),
    ("lav rus", "not valid"),
    ("", "not valid"),
    ("lav+xyz", "tesseract-ocr-xyz"),
])
@needs_tesseract
def test_bad_languages_are_explained(lang, message):
    with pytest.raises(ocr.OcrUnavailable, match=message):
        ocr.check_languages(lang)


@needs_tesseract
def test_blank_page_gives_empty_text_not_an_error(tmp_path):
    from PIL import Image
    path = tmp_path / "balta.png"
    Image.new("L", (800, 600), 250).save(path, dpi=(300, 300))
    result = process_file(path, "lav")
    assert result.error is None and result.pages[0].text == ""
    assert result.pages[0].confidence is None


def test_scan_suffixes_cover_the_scanner_formats():
    for suffix in (".tif", ".tiff", ".jpg", ".jpeg", ".png"):
        assert suffix in images.SCAN_SUFFIXES
