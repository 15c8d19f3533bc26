"""Planning a folder into items, and processing scan files into pages.

``plan_folder`` decides what becomes an item: each scan directly in the folder is one item,
each subfolder one multi-page item (pages in natural order). ``process_file`` reads one file,
prepares and OCRs each page, and writes the page's derivatives (web image, thumbnail, ALTO) to
the media store itself, returning only small results: so a process pool can run it over a
thousand files with flat memory.
"""
from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from PIL import Image

from ..processes import process_context
from ..storage import LocalMediaStore, derivative_key
from . import alto, images, ocr, pdf
from .preprocess import prepare

METADATA_FILE = "metadata.csv"
NO_TEXT = "no text found"
SIDEWAYS = 0.5  # share of tall word boxes that means the text runs up or down the page
DOUBTFUL = 60.0  # mean confidence below which the page may be upside down


@dataclass
class Unit:
    """What becomes one item: a name and its page files in order."""

    name: str
    files: list[Path]


@dataclass
class PageResult:
    """One page as read: its text, how it was read, and where its derivatives are stored."""

    frame: int
    width: int
    height: int
    text: str
    confidence: float | None
    source: str  # "ocr" or "text-layer" (a born-digital PDF's own text)
    turned: int = 0  # degrees the page was turned (counter-clockwise) to stand upright
    skew: float = 0.0
    image_key: str = ""
    thumbnail_key: str = ""
    alto_key: str | None = None

    @property
    def flags(self) -> list[str]:
        """Notes for the librarian: currently only that no text was found."""
        return [NO_TEXT] if not self.text.strip() else []


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
    warnings: list[str] = field(default_factory=list)


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
                skipped.append((entry, "the subfolder holds no scans (TIFF, JPEG, PNG, PDF …)"))
        elif images.is_scan(entry):
            units.append(Unit(entry.name, [entry]))
        else:
            skipped.append((entry, f"not a file type heritage reads ({images.suffix_list()})"))
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


def sha256_of(path: Path) -> str:
    """The SHA-256 checksum of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: Path, lang: str, store: LocalMediaStore | None = None,
                 max_pixels: int = images.MAX_PIXELS) -> FileResult:
    """Checksum, read, OCR and store the derivatives of every page of one file.

    With no ``store`` nothing is written (``heritage ocr`` only wants the text).
    """
    result = FileResult(path=path)
    try:
        result.size = images.check_readable(path)
        result.sha256 = sha256_of(path)
        result.mime_type, warning = images.sniff_type(path)
        result.warnings += [warning] if warning else []
        for frame in _frames(path, result.mime_type, max_pixels):
            result.pages.append(_process_frame(frame, lang, result.sha256, path.name, store))
    except images.UnreadableScan as exc:
        result.error, result.pages = str(exc), []
    except (OSError, RuntimeError, ocr.pytesseract.TesseractError) as exc:
        result.error, result.pages = f"could not be processed ({exc}); check the file and try again", []
    if result.pages:
        result.width, result.height = result.pages[0].width, result.pages[0].height
    return result


def _frames(path: Path, mime_type: str, max_pixels: int) -> Iterator[images.Frame]:
    if mime_type == "application/pdf":
        return pdf.read_pdf_frames(path, max_pixels=max_pixels)
    return images.read_frames(path, max_pixels=max_pixels)


def read_frame(path: Path, mime_type: str, index: int,
               max_pixels: int = images.MAX_PIXELS) -> images.Frame:
    """One frame of a scan file, decoded as ingest decoded it (for derivatives made later)."""
    if mime_type == "application/pdf":
        return pdf.read_pdf_frame(path, index, max_pixels=max_pixels)
    for frame in images.read_frames(path, max_pixels):
        if frame.index == index:
            return frame
    raise images.UnreadableScan(f"the file has no page {index + 1}")


def _process_frame(frame: images.Frame, lang: str, sha256: str, name: str,
                   store: LocalMediaStore | None) -> PageResult:
    if frame.text_layer:
        page = PageResult(frame.index, frame.image.width, frame.image.height, frame.text_layer,
                          None, "text-layer")
        upright, alto_xml = frame.image, None
    else:
        upright, page, alto_xml = _read_upright(frame, lang, name)
    if store is not None:
        _store_derivatives(store, page, upright, alto_xml, sha256)
    return page


def _read_upright(frame: images.Frame, lang: str, name: str):
    """OCR the page; if it reads as sideways or upside down, turn it upright and read again."""
    prepared = prepare(frame.image, frame.dpi)
    reading, image, turned = ocr.recognise(prepared.image, lang), frame.image, 0
    if _looks_turned(reading):
        turn = ocr.orientation(prepared.image)
        if turn:
            upright = frame.image.rotate(-turn, expand=True)
            again = prepare(upright, frame.dpi)
            second = ocr.recognise(again.image, lang)
            if second.quality() >= reading.quality() * 0.9:
                prepared, reading, image, turned = again, second, upright, turn
    page = PageResult(frame.index, image.width, image.height, reading.text, reading.confidence,
                      "ocr", turned, prepared.geometry.skew)
    alto_xml = alto.alto_xml(reading.words, image.size, name, lang, prepared.geometry.to_original)
    return image, page, alto_xml


def _looks_turned(reading: ocr.OcrResult) -> bool:
    words = [w for w in reading.words if len(w.text) > 3]
    if not words:
        return False  # an empty page or a photo: nothing to turn by
    tall = sum(1 for w in words if w.box[3] - w.box[1] > w.box[2] - w.box[0])
    return tall / len(words) > SIDEWAYS or (reading.confidence or 0) < DOUBTFUL


def _store_derivatives(store: LocalMediaStore, page: PageResult, image: Image.Image,
                       alto_xml: bytes | None, sha256: str) -> None:
    page.image_key = derivative_key(sha256, page.frame, "web")
    page.thumbnail_key = derivative_key(sha256, page.frame, "thumb")
    web, thumbnail = images.web_derivatives(image)
    store.put_bytes(page.image_key, web)
    store.put_bytes(page.thumbnail_key, thumbnail)
    if alto_xml is not None:
        page.alto_key = derivative_key(sha256, page.frame, "alto")
        store.put_bytes(page.alto_key, alto_xml)


def process_files(paths: Iterable[Path], lang: str, workers: int,
                  store: LocalMediaStore | None = None,
                  max_pixels: int = images.MAX_PIXELS) -> Iterator[FileResult]:
    """Process files in ``workers`` processes (0: one per core), yielding results in order."""
    paths = list(paths)
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(paths) <= 1:
        for path in paths:
            yield process_file(path, lang, store, max_pixels)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), mp_context=process_context(__name__)) as pool:
        futures = [pool.submit(process_file, path, lang, store, max_pixels) for path in paths]
        for future in futures:
            yield future.result()
