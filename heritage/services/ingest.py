"""Ingesting a folder of scans: every good file becomes part of an item, every bad one is named.

Each scan directly in the folder becomes one item and each subfolder one multi-page item. An
item is created only when all of its pages could be read, so a rescanned page is picked up by
simply running the ingest again; items already ingested (same files, same order) are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from flask import current_app

from dublin_core import Record
from dublin_core.vocab import language_for_tesseract

from ..errors import CollectionNotFound, InvalidInput
from ..extensions import db
from ..ingest import ocr
from ..ingest.metadata import read_metadata
from ..ingest.pipeline import FileResult, Unit, plan_folder, process_files, sha256_of
from ..models import Collection, Item, MediaFile, Page
from ..storage import derivative_key, original_key
from . import media_store
from .collections import check_slug, ensure_collection, get_collection
from .items import find_by_checksums, index_items, publish as publish_items

Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What an ingest did: items made, pages read, files that failed or were passed over."""

    collection: str
    created: list[int] = field(default_factory=list)
    pages: int = 0
    already: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every scan was ingested (or had been before)."""
        return not self.failed

    def summary(self) -> str:
        """One line a librarian can read at a glance."""
        parts = [f"{len(self.created)} items ({self.pages} pages) ingested into '{self.collection}'"]
        if self.already:
            parts.append(f"{len(self.already)} already there")
        if self.failed:
            parts.append(f"{len(self.failed)} files failed")
        if self.skipped:
            parts.append(f"{len(self.skipped)} files skipped")
        return "; ".join(parts)


def check_ingest_language(lang: str) -> str:
    """The Tesseract language string if it is installed; else :class:`InvalidInput`."""
    try:
        return ocr.check_languages(lang)
    except ocr.OcrUnavailable as exc:
        raise InvalidInput(str(exc)) from None


def ingest_folder(folder: str | Path, collection_slug: str, lang: str | None = None,
                  publish: bool = False, workers: int | None = None,
                  progress: Progress | None = None) -> IngestReport:
    """Ingest every scan of ``folder`` into the collection (created if needed)."""
    folder = _check_folder(folder)
    lang = check_ingest_language(lang or _collection_lang(collection_slug)
                                 or current_app.config["HERITAGE_OCR_LANG"])
    collection = ensure_collection(collection_slug, ocr_lang=lang)
    db.session.commit()
    report = IngestReport(collection=collection.slug)
    plan = plan_folder(folder)
    report.skipped = [(_relative(path, folder), why) for path, why in plan.skipped]
    records = _folder_records(plan.metadata, folder, {u.name for u in plan.units}, report)
    units = _new_units(plan.units, collection, report)
    workers = current_app.config["HERITAGE_OCR_WORKERS"] if workers is None else workers
    results = _process(units, lang, workers, progress)
    items = [_store_unit(unit, results, collection, records.get(unit.name), lang, folder, report)
             for unit in units]
    items = [item for item in items if item is not None]
    if publish:
        publish_items(items)
    else:
        index_items(items)
    return report


def _collection_lang(slug: str) -> str | None:
    try:
        return get_collection(check_slug(slug)).ocr_lang
    except CollectionNotFound:
        return None


def _check_folder(folder: str | Path) -> Path:
    path = Path(folder)
    if not path.is_dir():
        raise InvalidInput(f"{folder}: no such folder; give the folder that holds the scans")
    return path.resolve()


def _relative(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


def _folder_records(metadata: Path | None, folder: Path, names: set[str],
                    report: IngestReport) -> dict[str, Record]:
    if metadata is None:
        return {}
    described = read_metadata(metadata)
    for line, message in described.problems:
        report.warnings.append(f"{metadata.name} line {line}: {message}")
    for name in sorted(set(described.records) - names):
        report.warnings.append(f"{metadata.name}: '{name}' is described but not in {folder.name}/")
    return described.records


def _new_units(units: list[Unit], collection: Collection, report: IngestReport) -> list[Unit]:
    """The units not yet in the collection; unreadable files are left to processing to name."""
    fresh = []
    for unit in units:
        try:
            checksums = [sha256_of(path) for path in unit.files]
        except OSError:
            fresh.append(unit)
            continue
        existing = find_by_checksums(collection, checksums)
        if existing is None:
            fresh.append(unit)
        else:
            report.already.append((unit.name, existing.id))
    return fresh


def _process(units: list[Unit], lang: str, workers: int,
             progress: Progress | None) -> dict[Path, FileResult]:
    paths = [path for unit in units for path in unit.files]
    results: dict[Path, FileResult] = {}
    for done, result in enumerate(process_files(paths, lang, workers), start=1):
        results[result.path] = result
        if progress:
            progress(done, len(paths))
    return results


def _store_unit(unit: Unit, results: dict[Path, FileResult], collection: Collection,
                record: Record | None, lang: str, folder: Path, report: IngestReport) -> Item | None:
    """Make the item of one unit, or name its bad files and make nothing."""
    unit_results = [results[path] for path in unit.files]
    bad = [r for r in unit_results if r.error]
    for result in bad:
        why = result.error
        if len(unit.files) > 1:
            why += f" (item '{unit.name}' was not ingested: fix this page and run the ingest again)"
        report.failed.append((_relative(result.path, folder), why))
    if bad:
        return None
    item = _new_item(unit, unit_results, collection, record, lang)
    report.created.append(item.id)
    report.pages += len(item.pages)
    return item


def _new_item(unit: Unit, results: list[FileResult], collection: Collection,
              record: Record | None, lang: str) -> Item:
    # Media first: keys are content addresses, so a file written for an item whose commit
    # then fails is harmless and is reused by the next run.
    _store_media(results)
    item = Item(collection=collection, status="draft", access_level="public")
    item.set_record(_describe(unit, results, record, lang))
    sequence = 0
    for position, result in enumerate(results):
        media = MediaFile(position=position, original_name=result.path.name,
                          storage_key=original_key(result.sha256, result.path.suffix),
                          sha256=result.sha256, mime_type=result.mime_type, size=result.size,
                          width=result.width, height=result.height)
        item.media_files.append(media)
        for page in result.pages:
            sequence += 1
            item.pages.append(Page(
                media_file=media, sequence=sequence, frame=page.frame, width=page.width,
                height=page.height, ocr_text=page.text, ocr_confidence=page.confidence,
                ocr_lang=lang, image_key=derivative_key(result.sha256, page.frame, "web"),
                thumbnail_key=derivative_key(result.sha256, page.frame, "thumb")))
    db.session.add(item)
    db.session.commit()
    return item


def _store_media(results: list[FileResult]) -> None:
    store = media_store()
    for result in results:
        key = original_key(result.sha256, result.path.suffix)
        if not store.exists(key):
            store.put_file(key, result.path)
        for page in result.pages:
            store.put_bytes(derivative_key(result.sha256, page.frame, "web"), page.web_jpeg)
            store.put_bytes(derivative_key(result.sha256, page.frame, "thumb"), page.thumb_jpeg)


def _describe(unit: Unit, results: list[FileResult], record: Record | None, lang: str) -> Record:
    """The CSV's description, completed with a title, the format and the OCR languages."""
    described = Record.from_dict(record.to_dict()) if record else Record()
    if not described.get("title"):
        described.add("title", Path(unit.name).stem if len(unit.files) == 1 else unit.name)
    if not described.get("format"):
        for mime in dict.fromkeys(result.mime_type for result in results):
            described.add("format", mime)
    if not described.get("language"):
        for code in _iso_languages(lang):
            described.add("language", code)
    return described


def _iso_languages(lang: str) -> list[str]:
    try:
        return language_for_tesseract(lang)
    except ValueError:  # a Tesseract model with no ISO 639 code (e.g. a script model)
        return []
