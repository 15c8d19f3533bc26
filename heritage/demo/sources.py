"""Write the demo collection *sources*: folders of scans plus ``metadata.csv``.

This is the single entry point the ingest layer calls::

    from heritage.demo import write_demo_sources
    collections = write_demo_sources(Path("instance/demo-sources"))

For every collection it writes ``target/<slug>/`` containing one scan file
per single-image item, one sub-folder (``1.png``, ``2.png``, ...) per
multi-page item and a UTF-8 ``metadata.csv`` with a ``file`` column and
Omeka-style ``Dublin Core:*`` headings.  All content is invented (see
:mod:`heritage.demo.texts`).  The output is deterministic; running it again
overwrites the same files.
"""
from __future__ import annotations

import csv
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from PIL import Image

from dublin_core.cite import latvian_citation

from . import scans
from .texts import CLIPPINGS, MEMORY_STORY, PHOTO_RIGHTS, PHOTOS, Clipping, MemoryStory, Photo

__all__ = [
    "DemoCollection",
    "CSV_COLUMNS",
    "COLLECTION_SPECS",
    "latvian_citation",
    "write_demo_sources",
    "iter_pages",
]

IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"
HOLDING = "Ezerkalnes bibliotēkas novadpētniecības krājums (izdomāts demonstrācijas materiāls)"

CSV_COLUMNS = [
    "file",
    "Dublin Core:Title",
    "Dublin Core:Creator",
    "Dublin Core:Subject",
    "Dublin Core:Description",
    "Dublin Core:Date",
    "Dublin Core:Type",
    "Dublin Core:Language",
    "Dublin Core:Coverage",
    "Dublin Core:Source",
    "Dublin Core:Publisher",
    "Dublin Core:Rights",
]

@dataclass
class DemoCollection:
    slug: str  # e.g. "ezermalas-vestis"
    title: dict[str, str]  # {"lv": ..., "lt": ..., "en": ...}
    description: dict[str, str]  # same languages
    ocr_lang: str  # tesseract languages, e.g. "lav" or "lav+lit"
    folder: Path  # the folder written


# --------------------------------------------------------------------------
# Collections and rows
# --------------------------------------------------------------------------

_DEMO_NOTE = {
    "lv": "Izdomāts demonstrācijas materiāls.",
    "lt": "Išgalvota demonstracinė medžiaga.",
    "en": "Invented demonstration material.",
}

COLLECTION_SPECS: list[dict] = [
    {
        "slug": "ezermalas-vestis",
        "ocr_lang": "lav+lit",
        "title": {
            "lv": "Ezermalas Vēstis: laikrakstu izgriezumi",
            "lt": "„Ezermalas Vēstis“: laikraščių iškarpos",
            "en": "Ezermalas Vēstis: newspaper clippings",
        },
        "description": {
            "lv": "Izgriezumi par Ezerkalnes pagastu no novada laikraksta „Ezermalas Vēstis” "
                  "(padomju gados „Padomju Ezermala”) un kaimiņu Ežerēļu laikraksta "
                  "„Ežerėlių aidas”, 1933–2021. " + _DEMO_NOTE["lv"],
            "lt": "Iškarpos apie Ezerkalnės valsčių iš rajono laikraščio „Ezermalas Vēstis“ "
                  "(sovietmečiu „Padomju Ezermala“) ir kaimyninio laikraščio „Ežerėlių aidas“, "
                  "1933–2021. " + _DEMO_NOTE["lt"],
            "en": "Clippings about Ezerkalne parish from the regional paper Ezermalas Vēstis "
                  "(Padomju Ezermala in Soviet times) and the neighbouring Lithuanian paper "
                  "Ežerėlių aidas, 1933–2021. " + _DEMO_NOTE["en"],
        },
    },
    {
        "slug": "atminas-un-fotografijas",
        "ocr_lang": "lav",
        "title": {
            "lv": "Atmiņas un fotogrāfijas",
            "lt": "Atsiminimai ir nuotraukos",
            "en": "Memories and photographs",
        },
        "description": {
            "lv": "Ezerkalnes iedzīvotāju atmiņu stāsti un fotogrāfijas ar parakstiem, "
                  "1930. gadi – 2009. gads. " + _DEMO_NOTE["lv"],
            "lt": "Ezerkalnės gyventojų atsiminimai ir nuotraukos su parašais, "
                  "1930–2009 m. " + _DEMO_NOTE["lt"],
            "en": "Residents' memories and captioned photographs from Ezerkalne parish, "
                  "1930s–2009. " + _DEMO_NOTE["en"],
        },
    },
]


def _clipping_row(c: Clipping) -> dict[str, str]:
    return {
        "file": c.file,
        "Dublin Core:Title": c.title,
        "Dublin Core:Creator": c.author or "",
        "Dublin Core:Subject": "|".join(c.subjects),
        "Dublin Core:Description": c.summary,
        "Dublin Core:Date": c.date,
        "Dublin Core:Type": "Text",
        "Dublin Core:Language": c.language,
        "Dublin Core:Coverage": c.place,
        "Dublin Core:Source": latvian_citation(c.author, c.title, c.newspaper, c.issue, c.date, c.page),
        "Dublin Core:Publisher": c.newspaper,
        "Dublin Core:Rights": IN_COPYRIGHT,
    }


def _story_row(s: MemoryStory) -> dict[str, str]:
    return {
        "file": s.folder,
        "Dublin Core:Title": s.title,
        "Dublin Core:Creator": s.author,
        "Dublin Core:Subject": "|".join(s.subjects),
        "Dublin Core:Description": s.summary,
        "Dublin Core:Date": s.date,
        "Dublin Core:Type": "Text",
        "Dublin Core:Language": s.language,
        "Dublin Core:Coverage": s.place,
        "Dublin Core:Source": f"Rokraksta pārrakstījums, {len(s.pages)} lp. {HOLDING}",
        "Dublin Core:Publisher": "",
        "Dublin Core:Rights": "Publicēts ar autores atļauju; izmantošanai ārpus bibliotēkas "
                              "lūdzam sazināties ar bibliotēku.",
    }


def _photo_row(p: Photo) -> dict[str, str]:
    return {
        "file": p.file,
        "Dublin Core:Title": p.title,
        "Dublin Core:Creator": p.creator or "",
        "Dublin Core:Subject": "|".join(p.subjects),
        "Dublin Core:Description": p.description,
        "Dublin Core:Date": p.date,
        "Dublin Core:Type": "StillImage",
        "Dublin Core:Language": "lv",
        "Dublin Core:Coverage": p.place,
        "Dublin Core:Source": HOLDING,
        "Dublin Core:Publisher": "",
        "Dublin Core:Rights": PHOTO_RIGHTS,
    }


# --------------------------------------------------------------------------
# Rendering jobs
# --------------------------------------------------------------------------

def _render_clipping(index: int):
    return scans.render_clipping(CLIPPINGS[index])


def _render_story(number: int):
    return scans.render_story_page(MEMORY_STORY, number)


def _render_photo(index: int):
    return scans.render_photo(PHOTOS[index])


def _plan() -> list[tuple[str, str, list[dict[str, str]], list[tuple[str, Callable]]]]:
    """(slug, ocr_lang, csv rows, [(relative path, render job), ...]) per collection."""
    clip_jobs = [(c.file, partial(_render_clipping, i)) for i, c in enumerate(CLIPPINGS)]
    story_jobs = [(f"{MEMORY_STORY.folder}/{n}.png", partial(_render_story, n))
                  for n in range(1, len(MEMORY_STORY.pages) + 1)]
    photo_jobs = [(p.file, partial(_render_photo, i)) for i, p in enumerate(PHOTOS)]
    a, b = COLLECTION_SPECS
    return [
        (a["slug"], a["ocr_lang"], [_clipping_row(c) for c in CLIPPINGS], clip_jobs),
        (b["slug"], b["ocr_lang"], [_story_row(MEMORY_STORY)] + [_photo_row(p) for p in PHOTOS],
         story_jobs + photo_jobs),
    ]


def iter_pages() -> Iterator[tuple[str, str, Callable[[], tuple[Image.Image, str]]]]:
    """Yield ``(slug/relative path, ocr_lang, render)`` for every page image.

    ``render()`` returns ``(image, ground_truth_text)``; used by the OCR check.
    """
    for slug, lang, _rows, jobs in _plan():
        for rel, job in jobs:
            yield f"{slug}/{rel}", lang, job


def _run_job(args: tuple[Path, Callable]) -> str:
    path, job = args
    image, _text = job()
    scans.save_scan(image, path)
    return str(path)


def _clean_stale(folder: Path, expected: set[str]) -> None:
    """Remove scans left over from an older demo version (only our kinds of files)."""
    for entry in folder.iterdir():
        if entry.name in expected or entry.name == "metadata.csv":
            continue
        if entry.is_file() and entry.suffix.lower() in (".png", ".jpg", ".jpeg"):
            entry.unlink()
        elif entry.is_dir() and all(p.is_file() and p.stem.isdigit() for p in entry.iterdir()):
            shutil.rmtree(entry)


def write_demo_sources(target: Path, processes: int | None = None) -> list[DemoCollection]:
    """Render all demo collections under ``target/<slug>/``; return their descriptions.

    Idempotent: the same bytes are written on every run.  ``processes``
    defaults to ``min(2, cpu_count)``; ``processes=1`` renders in-process.
    """
    target = Path(target)
    plan = _plan()
    work: list[tuple[Path, Callable]] = []
    result: list[DemoCollection] = []
    specs = {s["slug"]: s for s in COLLECTION_SPECS}
    for slug, lang, rows, jobs in plan:
        folder = target / slug
        folder.mkdir(parents=True, exist_ok=True)
        expected = {r["file"] for r in rows}
        _clean_stale(folder, expected)
        for rel, job in jobs:
            work.append((folder / rel, job))
        for row in rows:
            if "/" not in row["file"] and not row["file"].lower().endswith((".png", ".jpg", ".jpeg")):
                (folder / row["file"]).mkdir(exist_ok=True)
        with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        spec = specs[slug]
        result.append(DemoCollection(slug=slug, title=dict(spec["title"]),
                                     description=dict(spec["description"]),
                                     ocr_lang=lang, folder=folder))
    if processes is None:
        processes = min(2, os.cpu_count() or 1)
    if processes > 1:
        with ProcessPoolExecutor(processes) as pool:
            list(pool.map(_run_job, work, chunksize=1))
    else:
        for item in work:
            _run_job(item)
    return result
