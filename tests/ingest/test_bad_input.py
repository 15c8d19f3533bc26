"""Every kind of bad input named with a one-line reason, while the rest of the batch goes on."""
from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from PIL import Image
from sqlalchemy import func, select

from heritage.extensions import db
from heritage.models import Item
from heritage.services.ingest import ingest_folder
from tests.factories import FONT, needs_tesseract, render_text, write_scan

pytestmark = needs_tesseract


def _jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    render_text("Nogriezts izgriezums par skolu.").save(buffer, "JPEG")
    return buffer.getvalue()


def _tiff_bytes() -> bytes:
    buffer = io.BytesIO()
    render_text("Nogriezta TIFF lapa.").save(buffer, "TIFF")  # uncompressed, as scanners write
    return buffer.getvalue()


def _encrypted_pdf(path):
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=14)
    pdf.cell(text="Slepens protokols")
    pdf.set_encryption(owner_password="vadiba", user_password="parole")
    pdf.output(str(path))


def write_bad(folder, case):
    """Write the bad file of ``case``; returns its name."""
    if case == "empty":
        (folder / "tukss.jpg").write_bytes(b"")
        return "tukss.jpg"
    if case == "truncated-jpeg":
        (folder / "nogriezts.jpg").write_bytes(_jpeg_bytes()[:3000])
        return "nogriezts.jpg"
    if case == "truncated-tiff":
        data = _tiff_bytes()
        (folder / "nogriezts.tif").write_bytes(data[:len(data) // 2])
        return "nogriezts.tif"
    if case == "not-an-image":
        (folder / "vestule.png").write_text("Šis ir teksts, nevis attēls.", "utf-8")
        return "vestule.png"
    if case == "unsupported":
        (folder / "apraksts.docx").write_bytes(b"PK\x03\x04 a Word document")
        return "apraksts.docx"
    if case == "unreadable":
        (folder / "tikla-disks.jpg").symlink_to(folder / "nav-vairs-diska.jpg")
        return "tikla-disks.jpg"
    if case == "bomb":
        Image.new("L", (2000, 1000), 255).save(folder / "milzis.png")  # over the 1 MP limit below
        return "milzis.png"
    if case == "encrypted-pdf":
        _encrypted_pdf(folder / "slepens.pdf")
        return "slepens.pdf"
    raise AssertionError(case)


@pytest.mark.parametrize("case, bucket, phrase", [
    ("empty", "failed", "empty (0 bytes)"),
    ("truncated-jpeg", "failed", "damaged or incomplete"),
    ("truncated-tiff", "failed", "damaged or incomplete"),
    ("not-an-image", "failed", "not an image or PDF"),
    ("unsupported", "skipped", "not a file type heritage reads"),
    ("unreadable", "failed", "cannot be read"),
    ("bomb", "failed", "over the limit of 1 MP (HERITAGE_MAX_PIXELS)"),
    ("encrypted-pdf", "failed", "password-protected"),
])
def test_bad_file_is_named_and_the_good_one_ingested(app, tmp_path, case, bucket, phrase):
    app.config["HERITAGE_MAX_PIXELS"] = 1_000_000
    folder = tmp_path / "mape"
    write_scan(folder / "laba.png", "Laba lapa par Ezerkalnes skolu.")
    name = write_bad(folder, case)
    report = ingest_folder(folder, "parbaude", lang="lav")
    reasons = dict(getattr(report, bucket))
    assert name in reasons and phrase in reasons[name], reasons
    assert "\n" not in reasons[name]
    assert len(report.created) == 1
    assert db.session.scalar(select(func.count(Item.id))) == 1
    assert report.ok == (bucket != "failed")


def test_wrong_extension_is_read_as_what_it_is_with_a_warning(app, tmp_path):
    folder = tmp_path / "mape"
    write_scan(folder / "izgriezums.jpg", "Ezerkalnes koris svinēja jubileju.", format="PNG")
    report = ingest_folder(folder, "parbaude", lang="lav")
    assert report.ok and len(report.created) == 1
    assert any("izgriezums.jpg" in w and "PNG but named .jpg" in w for w in report.warnings)
    item = db.session.get(Item, report.created[0])
    assert item.media_files[0].mime_type == "image/png"


def test_a_page_with_no_text_is_kept_and_flagged(app, tmp_path):
    folder = tmp_path / "mape"
    Image.new("RGB", (900, 600), (120, 140, 160)).save(folder / "debesis.jpg" if folder.mkdir() is None else None)
    report = ingest_folder(folder, "parbaude", lang="lav")
    assert report.ok and len(report.created) == 1
    assert report.no_text == ["debesis.jpg page 1"]
    assert not db.session.get(Item, report.created[0]).pages[0].has_text


def test_csv_row_naming_a_missing_file_is_a_warning(app, tmp_path):
    folder = tmp_path / "mape"
    write_scan(folder / "laba.png", "Laba lapa.")
    (folder / "metadata.csv").write_text("file,title\nlaba.png,Laba\npazudis.png,Pazudis\n", "utf-8")
    report = ingest_folder(folder, "parbaude", lang="lav")
    assert report.ok and any("'pazudis.png' is described but not in mape/" in w for w in report.warnings)


def test_born_digital_pdf_keeps_its_own_text_and_scanned_pdf_is_ocred(app, tmp_path):
    folder = tmp_path / "mape"
    folder.mkdir()
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    for text in ("Pagasta padomes lēmums par bibliotēku.", "Otrā lapa: ūdensdzirnavu remonts."):
        pdf.add_page()
        pdf.set_font("DejaVu", size=16)
        pdf.cell(text=text)
    pdf.output(str(folder / "lemums.pdf"))
    scans = [render_text("Skenēts izgriezums par Ezerkalnes skolu."), render_text("Otrā skenētā lapa.")]
    scans[0].save(folder / "skenets.pdf", save_all=True, append_images=scans[1:], resolution=300)
    report = ingest_folder(folder, "parbaude", lang="lav")
    assert report.ok and report.pages == 4
    born, scanned = (db.session.get(Item, i) for i in report.created)
    assert [p.text_source for p in born.pages] == ["text-layer", "text-layer"]
    assert born.pages[1].ocr_text == "Otrā lapa: ūdensdzirnavu remonts."
    assert [p.text_source for p in scanned.pages] == ["ocr", "ocr"] and "Ezerkalnes" in scanned.pages[0].ocr_text
    assert born.media_files[0].mime_type == "application/pdf"
