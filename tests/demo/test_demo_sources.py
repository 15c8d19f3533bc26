"""Tests for the invented demo collection sources (heritage.demo)."""
from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from heritage import demo
from heritage.demo import scans, sources, texts
from heritage.demo.ocr_check import page_errors
from heritage.demo import DemoCollection, write_demo_sources

LV_DIACRITICS = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
LT_ONLY = set("ąęėįųĄĘĖĮŲ")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    target = tmp_path_factory.mktemp("demo-sources")
    collections = write_demo_sources(target)
    return target, collections, _hashes(target)


def _rows(collection: DemoCollection) -> list[dict[str, str]]:
    with open(collection.folder / "metadata.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_public_api_is_reexported():
    assert demo.write_demo_sources is sources.write_demo_sources
    assert demo.DemoCollection is sources.DemoCollection


def test_collections_and_item_count(written):
    target, collections, _ = written
    assert len(collections) >= 2
    assert len({c.slug for c in collections}) == len(collections)
    total = 0
    for c in collections:
        assert isinstance(c, DemoCollection)
        assert c.folder == target / c.slug and c.folder.is_dir()
        assert set(c.title) >= {"lv", "lt", "en"} and set(c.description) >= {"lv", "lt", "en"}
        assert all(c.title.values()) and all(c.description.values())
        assert re.fullmatch(r"[a-z]{3}(\+[a-z]{3})*", c.ocr_lang)
        total += len(_rows(c))
    assert total >= 24
    assert any("lit" in c.ocr_lang for c in collections)


def test_csv_rows_match_folder_contents(written):
    _, collections, _ = written
    for c in collections:
        with open(c.folder / "metadata.csv", encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == sources.CSV_COLUMNS
        assert header[0] == "file" and all(h.startswith("Dublin Core:") for h in header[1:])
        named = [r["file"] for r in _rows(c)]
        assert len(named) == len(set(named))
        on_disk = {p.name for p in c.folder.iterdir() if p.name != "metadata.csv"}
        assert set(named) == on_disk
        for name in named:
            path = c.folder / name
            assert name.isascii()
            assert path.is_dir() or path.suffix.lower() in IMAGE_SUFFIXES


def test_csv_values(written):
    _, collections, _ = written
    rows = [r for c in collections for r in _rows(c)]
    assert {r["Dublin Core:Type"] for r in rows} == {"Text", "StillImage"}
    assert {r["Dublin Core:Language"] for r in rows} == {"lv", "lt"}
    clippings = [r for r in rows if r["Dublin Core:Publisher"]]
    assert len(clippings) >= 16
    for r in rows:
        assert r["Dublin Core:Title"] and r["Dublin Core:Coverage"] and r["Dublin Core:Date"]
        assert r["Dublin Core:Rights"]
        assert "|" in r["Dublin Core:Subject"]
    for r in clippings:
        assert r["Dublin Core:Rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", r["Dublin Core:Date"])
        src = r["Dublin Core:Source"]
        assert re.search(r"\. Nr\. \d+ \(\d{4}\., (\d{1,2}\. )?[a-zāēīū]+\), \d+\. lpp\.$", src), src
        assert r["Dublin Core:Publisher"] in src and r["Dublin Core:Title"] in src
        if r["Dublin Core:Creator"]:
            assert re.fullmatch(r"[^,]+, [^,]+", r["Dublin Core:Creator"])
            assert src.startswith(r["Dublin Core:Creator"] + ". ")
    approx = {r["Dublin Core:Date"] for r in rows if r["Dublin Core:Type"] == "StillImage"}
    assert "ap 1935" in approx and "1950-tie gadi" in approx
    assert sum(r["Dublin Core:Language"] == "lt" for r in rows) in (2, 3)


def test_citation_example():
    assert sources.latvian_citation(
        "Bērziņa, Laura", "Bibliotēka digitalizē novada vēsturi", "Ezermalas Vēstis",
        92, "2021-12-03", 9,
    ) == ("Bērziņa, Laura. Bibliotēka digitalizē novada vēsturi. Ezermalas Vēstis. "
          "Nr. 92 (2021., 3. decembris), 9. lpp.")


def test_multipage_item_pages_in_order(written):
    _, collections, _ = written
    folders = [p for c in collections for p in c.folder.iterdir() if p.is_dir()]
    assert folders, "expected at least one multi-page item"
    for folder in folders:
        pages = sorted(folder.iterdir(), key=lambda p: int(p.stem))
        assert [p.name for p in pages] == [f"{n}.png" for n in range(1, len(pages) + 1)]
        assert len(pages) >= 3


def test_images_have_300_dpi(written):
    target, _, _ = written
    images = [p for p in target.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert len(images) >= 26
    assert {p.suffix for p in images} >= {".png", ".jpg"}
    for path in images:
        with Image.open(path) as im:
            dpi = im.info.get("dpi")
            assert dpi and round(dpi[0]) == 300 and round(dpi[1]) == 300, path
            assert 1000 <= im.width <= 1900, path


def test_latvian_and_lithuanian_texts_have_diacritics():
    lv_texts = [c.title + " " + c.body for c in texts.CLIPPINGS if c.language == "lv"]
    lv_texts += texts.MEMORY_STORY.pages + [texts.MEMORY_STORY.title]
    lv_texts += [p.title + " " + p.description for p in texts.PHOTOS]
    lv_texts += [c.summary for c in texts.CLIPPINGS]
    for text in lv_texts:
        assert LV_DIACRITICS & set(text), text
    all_lv = "".join(lv_texts)
    assert set("āčēģīķļņšūž") <= set(all_lv)
    lt_texts = [c.body for c in texts.CLIPPINGS if c.language == "lt"]
    for text in lt_texts:
        assert LT_ONLY & set(text), text
    assert set("ąčęėįšųūž") <= set("".join(lt_texts))
    for c in texts.CLIPPINGS:
        assert 60 <= len(c.body.split()) <= 160, c.file
    assert 400 <= sum(len(p.split()) for p in texts.MEMORY_STORY.pages) <= 600


def test_rendering_is_deterministic():
    clip = texts.CLIPPINGS[0]
    a, text_a = scans.render_clipping(clip)
    b, text_b = scans.render_clipping(clip)
    assert text_a == text_b and a.tobytes() == b.tobytes()
    c, _ = scans.render_clipping(clip, seed=1)
    assert c.tobytes() != a.tobytes()


def test_write_is_idempotent(written):
    target, _, before = written
    write_demo_sources(target)
    assert _hashes(target) == before


@pytest.mark.skipif(shutil.which("tesseract") is None,
                    reason="tesseract binary not on PATH; OCR round-trip check skipped")
def test_ingest_pipeline_reads_every_demo_page(written):
    """Every degraded demo scan, read by the real ingest pipeline, under 5% character errors."""
    target, _, _ = written
    rows = page_errors(target)
    assert len(rows) == 30
    worst = max(rows, key=lambda row: row[3])
    assert worst[3] < 0.05, worst
    assert sum(row[3] for row in rows) / len(rows) < 0.02
