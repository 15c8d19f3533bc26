"""Reading PDF files with PDFium (pypdfium2): one rendered :class:`Frame` per page.

Born-digital pages keep their own text in ``Frame.text_layer``; scanned pages
(no usable text layer) get ``text_layer=None`` so the caller runs OCR on them.
Pages are opened, rendered once and closed one at a time, so a 500-page PDF
holds only the page being worked on in native memory.

>>> from pathlib import Path
>>> is_pdf(Path(__file__))
False
"""
from __future__ import annotations

import math
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from heritage.ingest.images import MAX_PIXELS, PDF_MAGIC, Frame, UnreadableScan

POINTS_PER_INCH = 72
MIN_TEXT_CHARS = 20  # fewer real characters than this is a scan (maybe with a page stamp)
MAX_JUNK_SHARE = 0.1  # more unmappable characters than this is a font without a Unicode map

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def is_pdf(path: Path) -> bool:
    """Whether the file's content (not its name) starts like a PDF."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False


def read_pdf_frames(path: Path, dpi: int = 300, max_pixels: int = MAX_PIXELS) -> Iterator[Frame]:
    """Every page of a PDF rendered at ``dpi``, lazily; :class:`UnreadableScan` with advice otherwise."""
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi}")
    _check_is_pdf(path)
    with _open_document(path) as document:
        page_count = len(document)
        if page_count == 0:
            raise _no_pages()
        for index in range(page_count):
            yield _read_page(document, index, dpi, max_pixels)


def read_pdf_frame(path: Path, index: int, dpi: int = 300, max_pixels: int = MAX_PIXELS) -> Frame:
    """One page of a PDF rendered at ``dpi``, as :func:`read_pdf_frames` renders it."""
    _check_is_pdf(path)
    with _open_document(path) as document:
        if not 0 <= index < len(document):
            raise UnreadableScan(f"the PDF has no page {index + 1}")
        return _read_page(document, index, dpi, max_pixels)


def page_text(page: pdfium.PdfPage) -> str | None:
    """The page's own text layer, cleaned, or None when it holds no real text (a scan)."""
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_bounded()
    finally:
        textpage.close()
    text = normalise_text(raw)
    return text if _is_real_text(text) else None


def normalise_text(text: str) -> str:
    """Line endings as \\n, PDFium's hyphen marks as '-', no control characters, NFC, stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    text = _CONTROL_CHARS.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


def _check_is_pdf(path: Path) -> None:
    if path.stat().st_size == 0:
        raise UnreadableScan("the file is empty (0 bytes): copy or export the PDF again")
    if not is_pdf(path):
        raise UnreadableScan("the file is not a PDF, although its name says so: open it to see "
                             "what it is, then save it as PDF, TIFF, JPEG or PNG and ingest it again")


def _open_document(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _no_pages() if _has_no_pages(path) else _open_error(exc) from None


def _has_no_pages(path: Path) -> bool:
    """Whether PDFium opens the file but finds no pages, which pypdfium2 reports as a load failure.

    PDFium does not set an error code in that case, so the code pypdfium2 reports is a stale
    one from an earlier document; opening the file again by hand is the only reliable test.
    """
    raw = pdfium_c.FPDF_LoadDocument(os.fsencode(path), None)
    if not raw:
        return False
    try:
        return pdfium_c.FPDF_GetPageCount(raw) < 1
    finally:
        pdfium_c.FPDF_CloseDocument(raw)


def _open_error(exc: pdfium.PdfiumError) -> UnreadableScan:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD or (code is None and "password" in str(exc).lower()):
        return UnreadableScan("the PDF is password-protected: save an unprotected copy (open it "
                              "with the password and print or export it to a new PDF) and ingest that")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return UnreadableScan("the PDF uses an encryption PDFium cannot open: save an unprotected "
                              "copy (print or export it to a new PDF) and ingest that")
    if code == pdfium_c.FPDF_ERR_FILE:
        return UnreadableScan("the PDF could not be opened for reading: check the file is not "
                              "locked or still copying, then ingest it again")
    return UnreadableScan(f"the PDF is damaged or incomplete ({_reason(exc)}): copy or download it "
                          "again, or open and re-save it in a PDF viewer, and ingest the new copy")


def _no_pages() -> UnreadableScan:
    return UnreadableScan("the PDF has no pages: export it again from the program that made it, "
                          "or ingest the scans themselves")


def _read_page(document: pdfium.PdfDocument, index: int, dpi: int, max_pixels: int) -> Frame:
    try:
        page = document[index]
    except pdfium.PdfiumError as exc:
        raise _page_error(index, exc) from None
    try:
        width, height = _pixel_size(page, dpi)
        if width * height > max_pixels:
            raise UnreadableScan(
                f"page {index + 1} would be {width}×{height} pixels at {dpi} dpi, over the limit of "
                f"{max_pixels:,} (HERITAGE_MAX_PIXELS): check the page size in a PDF viewer, and "
                "ingest it at a lower dpi or raise the limit if the sheet really is that large")
        return Frame(index, _render(page, dpi), dpi, page_text(page))
    except pdfium.PdfiumError as exc:
        raise _page_error(index, exc) from None
    finally:
        page.close()


def _pixel_size(page: pdfium.PdfPage, dpi: int) -> tuple[int, int]:
    """The bitmap size PDFium will render, computed the way pypdfium2 does, before rendering."""
    width, height = page.get_size()
    scale = dpi / POINTS_PER_INCH
    return math.ceil(width * scale), math.ceil(height * scale)


def _render(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    """The page as an RGB PIL image; its pixels are copied out, so the bitmap can be freed."""
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
    try:
        image = bitmap.to_pil()
        return image.convert("RGB") if image.mode != "RGB" else image  # RGB is always a copy
    finally:
        bitmap.close()


def _page_error(index: int, exc: Exception) -> UnreadableScan:
    return UnreadableScan(f"page {index + 1} of the PDF is damaged ({_reason(exc)}): open and re-save "
                          "the PDF in a PDF viewer, or scan that page again, and ingest the new copy")


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _is_real_text(text: str) -> bool:
    visible = [ch for ch in text if not ch.isspace()]
    junk = sum(1 for ch in visible if ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    real = len(visible) - junk
    return real >= MIN_TEXT_CHARS and junk <= real * MAX_JUNK_SHARE
