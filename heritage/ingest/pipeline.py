"""Planning a folder into items, and processing scan files into pages.

``plan_folder`` decides what becomes an item: each scan directly in the folder is one item,
each subfolder one multi-page item (pages in natural order), and each audio or video recording
one item, with its transcript and index files (same name: ``x.vtt``, ``x.index.csv``) beside it.
``process_file`` reads one file, prepares and OCRs each page (or probes a recording and makes its
access copies), and writes the derivatives (web image, thumbnail, ALTO; Opus/MP3/MP4 and the
waveform) to the media store itself, returning only small results: so a process pool can run it
over a thousand files with flat memory.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from PIL import Image

from ..processes import process_context
from ..storage import LocalMediaStore, derivative_key, recording_key
from . import alto, av, images, ocr, pdf
from .preprocess import prepare

METADATA_FILE = "metadata.csv"
#: Files beside a recording that describe it: its transcript and its index (OHMS style)
TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".txt")
INDEX_SUFFIXES = (".index.csv", ".csv", ".ohms.xml", ".xml")
RecordingProgress = Callable[[str, float, float], None]  # file name, seconds done, duration
NO_TEXT = "no text found"
SIDEWAYS = 0.5  # share of tall word boxes that means the text runs up or down the page
DOUBTFUL = 60.0  # mean confidence below which the page may be upside down


@dataclass
class Unit:
    """What becomes one item: a name and its page files in order."""

    name: str
    files: list[Path]
    sidecars: list[Path] = field(default_factory=list)  # a recording's transcript and index


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
class RecordingResult:
    """A recording as probed, and where its access copies and waveform are stored."""

    kind: str
    duration: float
    container: str
    codec: str
    channels: int | None
    sample_rate: int | None
    width: int | None
    height: int | None
    bit_rate: int | None
    extent: str
    format_description: str
    access_copies: list[dict] = field(default_factory=list)  # key, mime_type, label
    peaks_key: str | None = None
    poster_key: str | None = None


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
    recording: RecordingResult | None = None


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
    entries = [e for e in sorted(folder.iterdir(), key=lambda p: natural_key(p.name))
               if not e.name.startswith(".") and e != metadata]
    recordings = {e.stem.casefold(): Unit(e.name, [e]) for e in entries
                  if e.is_file() and av.is_recording(e)}
    for entry in entries:
        if entry.is_dir():
            pages, passed = _scans_in(entry)
            skipped.extend(passed)
            if pages:
                units.append(Unit(entry.name, pages))
            else:
                skipped.append((entry, "the subfolder holds no scans (TIFF, JPEG, PNG, PDF …)"))
        elif images.is_scan(entry):
            units.append(Unit(entry.name, [entry]))
        elif av.is_recording(entry):
            units.append(recordings[entry.stem.casefold()])
        elif (owner := recordings.get(sidecar_stem(entry.name))) is not None:
            owner.sidecars.append(entry)
        else:
            skipped.append((entry, "not a file type heritage reads "
                                   f"({images.suffix_list()} {av.suffix_list()})"))
    return FolderPlan(units, skipped, metadata)


def sidecar_stem(name: str) -> str:
    """The name of the recording a transcript or index file belongs to (casefolded), or "".

    >>> sidecar_stem("Ozola_2024.vtt"), sidecar_stem("ozola_2024.index.csv"), sidecar_stem("a.png")
    ('ozola_2024', 'ozola_2024', '')
    """
    lowered = name.casefold()
    for suffix in TRANSCRIPT_SUFFIXES + INDEX_SUFFIXES:
        if lowered.endswith(suffix):
            return lowered[: -len(suffix)]
    return ""


def is_index_file(name: str) -> bool:
    """Whether a sidecar is an index (CSV or OHMS XML) rather than a transcript."""
    return name.casefold().endswith((".csv", ".xml"))


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
    with open(path, "rb") as handle:
        return sha256_of_stream(handle)


def sha256_of_stream(handle) -> str:
    """The SHA-256 checksum of everything left in an open binary file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(block)
    return digest.hexdigest()


def process_file(path: Path, lang: str, store: LocalMediaStore | None = None,
                 max_pixels: int = images.MAX_PIXELS) -> FileResult:
    """Checksum, read, OCR and store the derivatives of every page of one file.

    With no ``store`` nothing is written (``heritage ocr`` only wants the text). A recording
    is probed and, with a store, gets its access copies and waveform instead of pages.
    """
    if av.is_recording(path):
        return process_recording(path, store)
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


def process_recording(path: Path, store: LocalMediaStore | None = None,
                      progress: RecordingProgress | None = None) -> FileResult:
    """Checksum and probe an audio or video master; with a store, make and keep its access copies.

    The master is only read. Copies already in the store (an interrupted ingest run again)
    are not made twice: their keys name the master's checksum.
    """
    result = FileResult(path=path)
    try:
        result.size = path.stat().st_size
        result.sha256 = sha256_of(path)
        probe = av.probe(path)
        result.mime_type = probe.mime_type
        warning = av.sniff_warning(path, probe)
        # av names the file in its messages; the report puts the name in front itself
        result.warnings += [warning.removeprefix(f"{path.name}: ")] if warning else []
        result.recording = RecordingResult(
            probe.kind, probe.duration, probe.container, probe.codec, probe.channels,
            probe.sample_rate, probe.width, probe.height, probe.bit_rate, probe.extent(),
            probe.format_description())
        if store is not None:
            _store_recording(path, probe, result, store, progress)
    except av.UnreadableRecording as exc:
        result.error, result.recording = str(exc).removeprefix(f"{path.name}: "), None
    except OSError as exc:
        result.error = f"could not be read ({exc}); check the file and try again"
        result.recording = None
    return result


def _store_recording(path: Path, probe, result: FileResult, store: LocalMediaStore,
                     progress: RecordingProgress | None) -> None:
    recording, sha = result.recording, result.sha256
    manifest_key = recording_key(sha, "access.json")
    if store.exists(manifest_key):  # made by an earlier run: the copies are all there
        with store.open(manifest_key) as handle:
            made = json.load(handle)
        recording.access_copies = made["copies"]
        recording.peaks_key, recording.poster_key = made["peaks"], made["poster"]
        return
    report = (lambda done, total: progress(path.name, done, total)) if progress else None
    with tempfile.TemporaryDirectory(prefix="heritage-av-") as tmp:
        for copy in av.make_access_copies(path, probe, Path(tmp), report):
            key = recording_key(sha, f"access{copy.suffix}")
            store.put_file(key, copy.path)
            recording.access_copies.append(
                {"key": key, "mime_type": copy.mime_type, "label": copy.label})
        poster = av.poster_frame(path, probe, Path(tmp) / "poster.jpg")
        if poster is not None:
            recording.poster_key = recording_key(sha, "poster.jpg")
            store.put_file(recording.poster_key, poster)
    recording.peaks_key = recording_key(sha, "peaks.json")
    store.put_bytes(recording.peaks_key, json.dumps(av.waveform_peaks(path)).encode())
    # written last: its presence says every copy above is complete
    store.put_bytes(manifest_key, json.dumps(
        {"copies": recording.access_copies, "peaks": recording.peaks_key,
         "poster": recording.poster_key}).encode())


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
                  max_pixels: int = images.MAX_PIXELS,
                  progress: RecordingProgress | None = None) -> Iterator[FileResult]:
    """Process files in ``workers`` processes (0: one per core), yielding results in order.

    Recordings are processed here, between the scans' results: ffmpeg is already a process
    of its own (and uses several cores), and here it can report how far a long file has got.
    """
    paths = list(paths)
    workers = workers or os.cpu_count() or 1
    scans = [path for path in paths if not av.is_recording(path)]
    if workers == 1 or len(scans) <= 1:
        for path in paths:
            yield (process_recording(path, store, progress) if av.is_recording(path)
                   else process_file(path, lang, store, max_pixels))
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(scans)), mp_context=process_context(__name__)) as pool:
        futures = {path: pool.submit(process_file, path, lang, store, max_pixels) for path in scans}
        for path in paths:
            yield (process_recording(path, store, progress) if av.is_recording(path)
                   else futures[path].result())
