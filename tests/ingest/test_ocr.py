"""Real Tesseract OCR through the pipeline: languages, orientation, ALTO, derivatives."""
from __future__ import annotations

import io

import pytest
from lxml import etree
from PIL import Image

from heritage.ingest import ocr
from heritage.ingest.alto import ALTO_NS
from heritage.ingest.pipeline import NO_TEXT, process_file
from heritage.storage import LocalMediaStore
from tests.factories import needs_tesseract, render_text, write_scan

pytestmark = needs_tesseract
SENTENCE = "Vecpils pagasta skolā šogad mācās divdesmit bērnu. Skolotāja stāsta par skolas simtgadi."


@pytest.fixture
def store(tmp_path):
    return LocalMediaStore(tmp_path / "media")


def alto_strings(store, page):
    """(CONTENT, box) of every String in the page's stored ALTO."""
    with store.open(page.alto_key) as handle:
        tree = etree.parse(handle)
    return [(s.get("CONTENT"), tuple(int(s.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT")))
            for s in tree.iter(f"{{{ALTO_NS}}}String")]


@pytest.mark.parametrize("lang, text, expected", [
    ("lav", SENTENCE, ["skolā", "mācās", "bērnu"]),
    ("lit", "Ežerėlio seniūnijos mokykla šventė šimtmetį.", ["seniūnijos", "šventė"]),
    ("rus", "Школа в деревне была открыта в 1911 году.", ["Школа", "деревне"]),
    ("lav+rus", "Skola Ezerkalnē. Школа в деревне.", ["Ezerkalnē", "Школа"]),
])
def test_recognises_each_language(tmp_path, store, lang, text, expected):
    result = process_file(write_scan(tmp_path / "lapa.png", text), lang, store)
    assert result.error is None
    page = result.pages[0]
    for word in expected:
        assert word in page.text
    assert page.confidence > 80 and page.source == "ocr"
    for key in (page.image_key, page.thumbnail_key):
        with store.open(key) as handle:
            assert handle.read(2) == b"\xff\xd8"


def test_alto_has_every_word_with_confidence(tmp_path, store):
    result = process_file(write_scan(tmp_path / "lapa.png", SENTENCE), "lav", store)
    words = [content for content, _ in alto_strings(store, result.pages[0])]
    assert "skolā" in words and "divdesmit" in words
    assert " ".join(words) == " ".join(result.pages[0].text.split())


def test_alto_boxes_of_a_tilted_low_resolution_scan_land_on_the_words(tmp_path, store):
    image = render_text(SENTENCE, width=1400, size=40)
    tilted = image.rotate(2.5, expand=True, fillcolor=240, resample=Image.Resampling.BICUBIC)
    small = tilted.resize((tilted.width * 2 // 3, tilted.height * 2 // 3))
    small.save(tmp_path / "sķībs.png", dpi=(200, 200))
    result = process_file(tmp_path / "sķībs.png", "lav", store)
    page = result.pages[0]
    assert abs(page.skew + 2.5) < 0.2 and "skolā" in page.text
    ink = small.convert("L")
    for content, (left, top, width, height) in alto_strings(store, page):
        assert 0 <= left and left + width <= small.width and top + height <= small.height
        box = ink.crop((left, top, left + width, top + height))
        assert box.getextrema()[0] < 100, f"no ink under {content!r}"  # the box covers the word


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_scans_come_back_upright(tmp_path, store, turn):
    render_text(SENTENCE * 3, width=1600).rotate(turn, expand=True).save(tmp_path / "griezts.png", dpi=(300, 300))
    result = process_file(tmp_path / "griezts.png", "lav", store)
    page = result.pages[0]
    assert page.turned == turn and "skolā" in page.text
    assert page.width > page.height  # the upright page is landscape like the rendered one
    with store.open(page.image_key) as handle:
        web = Image.open(io.BytesIO(handle.read()))
        assert web.width > web.height


def test_a_page_without_text_is_kept_and_flagged(tmp_path, store):
    Image.new("L", (800, 600), 250).save(tmp_path / "balta.png", dpi=(300, 300))
    result = process_file(tmp_path / "balta.png", "lav", store)
    assert result.error is None and result.pages[0].text == "" and result.pages[0].flags == [NO_TEXT]
    assert result.pages[0].confidence is None


def test_fraktur_model_is_available_for_pre_war_print(tmp_path):
    if "Fraktur" not in ocr.installed_languages():
        pytest.skip("tesseract-ocr-script-frak is not installed")
    result = process_file(write_scan(tmp_path / "vecs.png", "Ezerkalnes pagasta skola 1935"), "lav+Fraktur")
    assert result.error is None and "Ezerkalnes" in result.pages[0].text


def test_without_a_store_nothing_is_written(tmp_path):
    result = process_file(write_scan(tmp_path / "lapa.png", SENTENCE), "lav")
    assert result.pages[0].image_key == "" and result.pages[0].alto_key is None
    assert not (tmp_path / "media").exists()


def test_lines_and_paragraphs_from_words():
    def word(text, line):
        return ocr.Word(text, 90.0, (0, 0, 1, 1), line)
    words = [word("Pirmā", (1, 1, 1)), word("rinda", (1, 1, 1)), word("otrā", (1, 1, 2)), word("Jauns", (2, 1, 1))]
    assert ocr.lines_from_words(words) == "Pirmā rinda\notrā\n\nJauns"


@pytest.mark.parametrize("lang, message", [
    ("latvian", "tesseract-ocr-latvian"),
    ("lav rus", "not valid"),
    ("", "not valid"),
    ("lav+xyz", "tesseract-ocr-xyz"),
    ("lav,rus", "not valid"),
])
def test_bad_languages_are_explained(lang, message):
    with pytest.raises(ocr.OcrUnavailable, match=message):
        ocr.check_languages(lang)
