"""Reading PDFs: born-digital text layers, scanned pages, bad files and page-by-page memory use."""
from __future__ import annotations

import gc
import unicodedata
import weakref

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from heritage.ingest.images import UnreadableScan
from heritage.ingest.pdf import is_pdf, read_pdf_frames
from tests.factories import FONT, needs_tesseract, render_text

PAGE_ONE = "Krāslavas skolā mācās bērni."
PAGE_TWO = "Jēkabpils ģimnāzijas bibliotēka, 1938. gads.\nŠķūnī glabājās ļoti vecas grāmatas."


def write_born_digital(path, texts, **encryption):
    """An A4 PDF with one page of real (embedded DejaVu) text per entry of ``texts``."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    if encryption:
        pdf.set_encryption(**encryption)
    for text in texts:
        pdf.add_page()
        pdf.set_font("DejaVu", size=14)
        pdf.multi_cell(0, 10, text)
    pdf.output(str(path))
    return path


def write_scanned(path, texts):
    """A PDF of page images only, as a scanner's 'scan to PDF' makes it."""
    pages = [render_text(text) for text in texts]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=300)
    return path


def minimal_pdf(*objects: bytes) -> bytes:
    """A hand-built PDF with a correct xref table around ``objects`` (object 1 is the catalog)."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_born_digital_pages_keep_their_latvian_text(tmp_path):
    path = write_born_digital(tmp_path / "avize.pdf", [PAGE_ONE, PAGE_TWO])
    frames = list(read_pdf_frames(path))
    assert [f.index for f in frames] == [0, 1]
    assert frames[0].text_layer == PAGE_ONE
    assert frames[1].text_layer == PAGE_TWO
    assert all(unicodedata.is_normalized("NFC", f.text_layer) for f in frames)
    for frame in frames:
        assert frame.dpi == 300
        assert frame.image.mode == "RGB"
        assert abs(frame.image.width - 2480) <= 2 and abs(frame.image.height - 3508) <= 2


def test_decomposed_diacritics_come_back_composed(tmp_path):
    decomposed = unicodedata.normalize("NFD", PAGE_ONE + " Ēriks un Ārija lasa.")
    path = write_born_digital(tmp_path / "nfd.pdf", [decomposed])
    assert next(read_pdf_frames(path)).text_layer == unicodedata.normalize("NFC", decomposed)


def test_dpi_sets_the_image_size(tmp_path):
    path = write_born_digital(tmp_path / "avize.pdf", [PAGE_ONE])
    frame = next(read_pdf_frames(path, dpi=150))
    assert frame.dpi == 150
    assert abs(frame.image.width - 1240) <= 2 and abs(frame.image.height - 1754) <= 2


def test_a_page_stamp_is_not_a_text_layer(tmp_path):
    path = write_born_digital(tmp_path / "zimogs.pdf", ["12. lpp."])
    assert next(read_pdf_frames(path)).text_layer is None


def test_scanned_pages_have_no_text_layer(tmp_path):
    path = write_scanned(tmp_path / "skenets.pdf", ["Pirmā lapa: skolā mācās bērni.", "Otrā lapa"])
    frames = list(read_pdf_frames(path))
    assert len(frames) == 2
    assert all(f.text_layer is None for f in frames)
    assert abs(frames[0].image.width - 1400) <= 2  # rendered at the scan's own 300 dpi


@needs_tesseract
def test_scanned_page_renders_sharp_enough_for_latvian_ocr(tmp_path):
    import pytesseract

    path = write_scanned(tmp_path / "skenets.pdf", ["Krāslavas skolā mācās bērni."])
    text = pytesseract.image_to_string(next(read_pdf_frames(path)).image, lang="lav")
    assert "skolā" in text or "mācās" in text


def test_is_pdf_looks_at_content_not_name(tmp_path):
    real = write_born_digital(tmp_path / "bez-nosaukuma.bin", [PAGE_ONE])
    fake = tmp_path / "foto.pdf"
    render_text("foto").save(fake, "PNG")
    assert is_pdf(real)
    assert not is_pdf(fake)
    assert not is_pdf(tmp_path / "nav.pdf")


def _encrypted(tmp_path):
    path = write_born_digital(tmp_path / "x.pdf", [PAGE_ONE], owner_password="owner", user_password="x")
    return path.read_bytes()


def _truncated(tmp_path):
    return write_born_digital(tmp_path / "x.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()[:300]


def _png(tmp_path):
    render_text("nav PDF").save(tmp_path / "x.png")
    return (tmp_path / "x.png").read_bytes()


BAD_INPUTS = {
    "encrypted": (_encrypted, "password-protected"),
    "truncated": (_truncated, "damaged or incomplete"),
    "garbage after header": (lambda _: b"%PDF-1.4\n" + b"nonsense " * 100, "damaged or incomplete"),
    "png named .pdf": (_png, "not a PDF"),
    "empty file": (lambda _: b"", "empty"),
    "zero pages": (lambda _: minimal_pdf(b"<< /Type /Catalog /Pages 2 0 R >>",
                                         b"<< /Type /Pages /Kids [] /Count 0 >>"), "no pages"),
    "page missing from page tree": (lambda _: minimal_pdf(b"<< /Type /Catalog /Pages 2 0 R >>",
                                                          b"<< /Type /Pages /Kids [] /Count 1 >>"),
                                    "page 1 of the PDF is damaged"),
}


@pytest.mark.parametrize("make, phrase", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_pdfs_raise_unreadable_scan_with_advice(tmp_path, make, phrase):
    path = tmp_path / "ievade.pdf"
    path.write_bytes(make(tmp_path))
    with pytest.raises(UnreadableScan, match=phrase) as caught:
        list(read_pdf_frames(path))
    message = str(caught.value)
    assert "\n" not in message and ":" in message  # one line: the reason, then what to do
    error = caught.value  # no raw PdfiumError chained into the librarian's report
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


def test_empty_pdf_after_an_encrypted_one_is_not_called_password_protected(tmp_path):
    # PDFium sets no error code for a PDF without pages, so pypdfium2 reports the previous one
    encrypted, empty = tmp_path / "slepens.pdf", tmp_path / "tukss.pdf"
    encrypted.write_bytes(_encrypted(tmp_path))
    empty.write_bytes(BAD_INPUTS["zero pages"][0](tmp_path))
    with pytest.raises(UnreadableScan, match="password-protected"):
        list(read_pdf_frames(encrypted))
    with pytest.raises(UnreadableScan, match="no pages"):
        list(read_pdf_frames(empty))


def test_a_page_over_the_pixel_limit_is_refused_before_rendering(tmp_path, monkeypatch):
    path = write_born_digital(tmp_path / "plakats.pdf", [PAGE_ONE])
    monkeypatch.setattr(pdfium.PdfPage, "render", lambda *a, **k: pytest.fail("rendered anyway"))
    with pytest.raises(UnreadableScan, match=r"page 1 would be 248\d×350\d pixels at 300 dpi, "
                                             r"over the limit of 1,000,000 \(HERITAGE_MAX_PIXELS\)"):
        list(read_pdf_frames(path, max_pixels=1_000_000))


def test_long_pdf_is_rendered_lazily_once_per_page_and_pages_are_freed(tmp_path, monkeypatch):
    path = write_born_digital(tmp_path / "gramata.pdf", [f"{PAGE_ONE} Lappuse {n}." for n in range(40)])
    calls = {"render": 0, "close": 0}

    def counting(name, original):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(pdfium.PdfPage, "render", counting("render", pdfium.PdfPage.render))
    monkeypatch.setattr(pdfium.PdfPage, "close", counting("close", pdfium.PdfPage.close))
    frames = read_pdf_frames(path, dpi=72)
    assert calls["render"] == 0  # nothing happens until the first page is asked for
    earlier = None
    for number, frame in enumerate(frames, start=1):
        assert calls == {"render": number, "close": number}  # one render per page, page closed
        assert frame.text_layer.endswith(f"Lappuse {number - 1}.")
        gc.collect()
        assert earlier is None or earlier() is None  # a dropped page is not kept alive by the reader
        earlier = weakref.ref(frame.image)
        del frame
    assert calls["render"] == 40
