"""Ingesting folders through the service: items, pages, media, metadata, bad files, re-runs."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from heritage.errors import InvalidInput
from heritage.extensions import db
from heritage.models import Item, MediaFile
from heritage.search.query import search
from heritage.services import media_store, search_index
from heritage.services.ingest import ingest_folder
from tests.factories import needs_tesseract, write_scan

pytestmark = needs_tesseract


@pytest.fixture
def folder(tmp_path):
    """A folder with two single scans, a 3-page subfolder and one empty (bad) file."""
    root = tmp_path / "mape"
    write_scan(root / "dzirnavas.jpg", "Pie upes stāv vecās ūdensdzirnavas, kuras uzcēla 1911. gadā.")
    write_scan(root / "koris.png", "Kultūras nama jauktais koris svinēja piecdesmito gadadienu.")
    for number, text in ((10, "Trešā lapa: atmiņas par kolhozu."), (2, "Otrā lapa: skolas gadi."),
                         (1, "Pirmā lapa: Ozolu ģimene.")):
        write_scan(root / "atminas" / f"{number}.png", text)
    (root / "tukss.jpg").write_bytes(b"")
    return root


def test_good_files_ingested_and_bad_one_named(app, folder):
    report = ingest_folder(folder, "parbaude", lang="lav", publish=True)
    assert [name for name, _ in report.failed] == ["tukss.jpg"]
    assert "empty" in report.failed[0][1]
    assert len(report.created) == 3 and report.pages == 5
    assert not report.ok and "1 files failed" in report.summary()


def test_subfolder_becomes_one_item_with_pages_in_natural_order(app, folder):
    ingest_folder(folder, "parbaude", lang="lav")
    item = db.session.scalar(select(Item).join(MediaFile).where(MediaFile.original_name == "10.png"))
    assert [m.original_name for m in item.media_files] == ["1.png", "2.png", "10.png"]
    assert [p.sequence for p in item.pages] == [1, 2, 3]
    assert "Pirmā lapa" in item.pages[0].ocr_text and "Trešā lapa" in item.pages[2].ocr_text
    assert item.title() == "atminas" and item.status == "draft"


def test_originals_are_kept_byte_for_byte_with_checksums(app, folder):
    ingest_folder(folder, "parbaude", lang="lav")
    media = db.session.scalar(select(MediaFile).where(MediaFile.original_name == "dzirnavas.jpg"))
    with media_store().open(media.storage_key) as stored:
        assert stored.read() == (folder / "dzirnavas.jpg").read_bytes()
    assert media.mime_type == "image/jpeg" and media.size == (folder / "dzirnavas.jpg").stat().st_size
    assert len(media.sha256) == 64 and (media.width, media.height) == (1400, media.height)
    assert media_store().exists(media.pages[0].image_key)


def test_running_again_adds_nothing_twice(app, folder):
    first = ingest_folder(folder, "parbaude", lang="lav")
    (folder / "tukss.jpg").unlink()
    write_scan(folder / "tukss.jpg", "Pārskenēts izgriezums par bibliotēku.")
    second = ingest_folder(folder, "parbaude", lang="lav")
    assert len(second.created) == 1 and len(second.already) == 3 and second.ok
    assert db.session.scalar(select(func.count(Item.id))) == len(first.created) + 1


def test_a_bad_page_keeps_its_whole_item_back(app, folder):
    (folder / "atminas" / "2.png").write_bytes(b"not a png")
    report = ingest_folder(folder, "parbaude", lang="lav")
    failed = dict(report.failed)
    assert "atminas/2.png" in failed and "run the ingest again" in failed["atminas/2.png"]
    assert len(report.created) == 2


def test_metadata_csv_describes_the_items(app, folder):
    (folder / "metadata.csv").write_text(
        "file,Dublin Core:Title,Dublin Core:Coverage,Dublin Core:Subject\n"
        "koris.png,Kora piecdesmitgade,Ezerkalne,kori|jubilejas\n"
        "neesoss.png,Nav tāda faila,,\n", "utf-8")
    report = ingest_folder(folder, "parbaude", lang="lav", publish=True)
    assert any("neesoss.png" in w for w in report.warnings)
    found = search(search_index(), "ezerkalne jubilejas")
    assert [hit.title for hit in found.hits] == ["Kora piecdesmitgade"]


def test_published_items_are_searchable_without_diacritics(app, folder):
    ingest_folder(folder, "parbaude", lang="lav", publish=True)
    found = search(search_index(), "udensdzirnavas")
    assert found.total == 1 and found.hits[0].files == ["dzirnavas.jpg"]


def test_drafts_are_not_in_public_search(app, folder):
    ingest_folder(folder, "parbaude", lang="lav")
    assert search(search_index(), "udensdzirnavas").total == 0


@pytest.mark.parametrize("path, slug, lang, message", [
    ("nav-tadas-mapes", "parbaude", "lav", "no such folder"),
    ("mape", "Pārbaude!", "lav", "slug 'Pārbaude!' is not valid"),
    ("mape", "parbaude", "latviesu", "tesseract-ocr-latviesu"),
    ("mape", "parbaude", "lav,rus", "not valid"),
])
def test_bad_arguments_are_explained(app, folder, path, slug, lang, message):
    with pytest.raises(InvalidInput, match=message):
        ingest_folder(folder.parent / path, slug, lang=lang)
    assert db.session.scalar(select(func.count(Item.id))) == 0


def test_multi_page_tiff_and_jpeg_2000_are_read_page_by_page(app, tmp_path):
    from tests.factories import render_text
    folder = tmp_path / "formati"
    folder.mkdir()
    pages = [render_text("Pirmā TIFF lapa par skolu."), render_text("Otrā TIFF lapa par dzirnavām.")]
    pages[0].save(folder / "mape.tif", save_all=True, append_images=pages[1:], dpi=(300, 300),
                  compression="tiff_lzw")
    render_text("JPEG 2000 skenējums par kori.").save(folder / "koris.jp2")
    report = ingest_folder(folder, "formati", lang="lav", publish=True)
    assert report.ok and report.pages == 3
    jp2, tiff = (db.session.get(Item, i) for i in report.created)  # natural order: koris, mape
    assert [p.frame for p in tiff.pages] == [0, 1] and "dzirnavām" in tiff.pages[1].ocr_text
    assert tiff.media_files[0].mime_type == "image/tiff" and len(tiff.media_files) == 1
    assert jp2.media_files[0].mime_type == "image/jp2" and "kori" in jp2.pages[0].ocr_text
    assert all(media_store().exists(p.alto_key) for p in tiff.pages)


def test_description_problems_are_reported_with_a_suggestion(app, tmp_path):
    folder = tmp_path / "mape"
    write_scan(folder / "foto.png", "Skolas ēka.")
    (folder / "metadata.csv").write_text("file,title,date,type\nfoto.png,Skola,ap 1935,foto\n", "utf-8")
    report = ingest_folder(folder, "parbaude", lang="lav")
    assert report.ok and len(report.created) == 1
    assert 'foto.png: Date “ap 1935” is not in the standard form. Did you mean “1935~” (circa 1935)?' in report.warnings
    assert any("foto.png: Type “foto”" in w and "StillImage" in w for w in report.warnings)
    assert db.session.get(Item, report.created[0]).record.first("date") == "ap 1935"  # kept as typed


def test_dcmi_terms_from_the_csv_are_searchable(app, tmp_path):
    folder = tmp_path / "mape"
    write_scan(folder / "foto.png", "Skolas ēka.")
    (folder / "metadata.csv").write_text(
        "file,title,Dublin Core:Alternative Title,dcterms:spatial,dcterms:abstract\n"
        "foto.png,Skola,Pamatskolas nams,Zīlēni,Fotogrāfija no skolotājas albuma\n", "utf-8")
    ingest_folder(folder, "parbaude", lang="lav", publish=True)
    for query in ("zileni", "pamatskolas", "albuma"):
        hits = search(search_index(), query).hits
        assert [hit.title for hit in hits] == ["Skola"], query
