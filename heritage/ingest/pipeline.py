"""Planning a folder into items, and processing scan files into pages.

``plan_folder`` decides what becomes an item: each scan directly in the folder is one item,
each subfolder one multi-page item (pages in natural order). ``process_file`` reads, OCRs and
makes derivatives for one file; it is a plain function so a process pool can run it.
"""
from __future__ import annotations

import hashlib
import os
import re
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import images, ocr

METADATA_FILE = "metadata.csv"


@dataclass
class Unit:
    """What becomes one item: a name and its page files in order."""

    name: str
    files: list[Path]


@dataclass
class PageResult:
    """One processed frame: OCR text and web derivatives."""

    frame: int
    width: int
    height: int
    text: str
    confidence: float | None
    web_jpeg: bytes
    thumb_jpeg: bytes


@dataclass
class FileResult:
    """A processed scan file, or the reason it could not be processed."""

    path: Path
    sha256: str = ""
    size: int = 0
    mime_type: str = ""
    width: int | None = None
    height: int | None = None
    pages: list[PageResult] = field(default_factory=list)
    error: str | None = None


@dataclass
class FolderPlan:
    """The units of a folder, and files that were passed over with the reason."""

    units: list[Unit]
    skipped: list[tuple[Path, str]]
    metadata: Path | None


def natural_key(name: str) -> list:
    """Sort key that puts ``2.png`` before ``10.png``.

    >>> sorted(["10.png", "2.png", "1.png"], key=natural_key)
    ['1.png', '2.png', '10.png']
    """
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def plan_folder(folder: Path) -> FolderPlan:
    """Decide the items of a folder: one per scan file, one per subfolder of scans."""
    units, skipped = [], []
    metadata = folder / METADATA_FILE if (folder / METADATA_FILE).is_file() else None
    for entry in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        if entry.name.startswith(".") or entry == metadata:
            continue
        if entry.is_dir():
            pages, passed = _scans_in(entry)
            skipped.extend(passed)
            if pages:
                units.append(Unit(entry.name, pages))
            else:
                skipped.append((entry, "the subfolder holds no scans (TIFF, JPEG, PNG …)"))
        elif images.is_scan(entry):
            units.append(Unit(entry.name, [entry]))
        else:
            skipped.append((entry, "not a scan type heritage reads (" + _suffix_list() + ")"))
    return FolderPlan(units, skipped, metadata)


def _scans_in(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    pages, skipped = [], []
    for entry in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and images.is_scan(entry):
            pages.append(entry)
        else:
            skipped.append((entry, "only scan files are read inside an item's subfolder"))
    return pages, skipped


def _suffix_list() -> str:
    return " ".join(sorted(images.SCAN_SUFFIXES))


def sha256_of(path: Path) -> str:
    """The SHA-256 checksum of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: Path, lang: str) -> FileResult:
    """Checksum, read, OCR and make derivatives of every frame of one scan file."""
    result = FileResult(path=path, mime_type=images.mime_type(path))
    try:
        result.size = path.stat().st_size
        result.sha256 = sha256_of(path)
        for frame in images.read_frames(path):
            result.pages.append(_process_frame(frame, lang))
    except images.UnreadableScan as exc:
        result.error = str(exc)
    except (OSError, RuntimeError, ocr.pytesseract.TesseractError) as exc:
        result.error = f"could not be processed ({exc}); check the file and try again"
    if result.pages:
        result.width, result.height = result.pages[0].width, result.pages[0].height
    return result


def _process_frame(frame: images.Frame, lang: str) -> PageResult:
    recognised = ocr.recognise(images.prepare_for_ocr(frame), lang)
    return PageResult(frame=frame.index, width=frame.image.width, height=frame.image.height,
                      text=recognised.text, confidence=recognised.confidence,
                      web_jpeg=images.jpeg_derivative(frame.image, images.WEB_LONG_SIDE),
                      thumb_jpeg=images.jpeg_derivative(frame.image, images.THUMB_LONG_SIDE, 80))


def process_files(paths: Iterable[Path], lang: str, workers: int) -> Iterator[FileResult]:
    """Process files in ``workers`` processes (0: one per core), yielding each as it finishes."""
    paths = list(paths)
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(paths) <= 1:
        for path in paths:
            yield process_file(path, lang)
        return
    # forkserver: forking a process that holds database connections or server threads is unsafe
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), mp_context=context) as pool:
        futures = [pool.submit(process_file, path, lang) for path in paths]
        for future in as_completed(futures):
            yield future.result()
