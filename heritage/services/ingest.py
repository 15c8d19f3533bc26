"""Ingesting a folder of scans: every good file becomes part of an item, every bad one is named.

Each scan directly in the folder becomes one item and each subfolder one multi-page item. An
item is written in one transaction when all of its pages have been read, so an interrupted
ingest (even ``kill -9``) leaves only whole items behind, and running it again finishes the
rest: items already there (same files in the same order, by SHA-256) are not made twice, and
are published and indexed if the interrupted run had not got that far.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from flask import current_app

from dublin_core import Record
from dublin_core.messages import message
from dublin_core.validate import validate_record
from dublin_core.vocab import language_for_tesseract

from ..errors import CollectionNotFound, InvalidInput
from ..extensions import db
from ..ingest import ocr
from ..ingest.metadata import read_metadata
from ..ingest.pipeline import (NO_TEXT, FileResult, RecordingProgress, Unit, plan_folder,
                               process_files, sha256_of)
from ..models import Collection, Item, MediaFile, Page, utcnow
from ..storage import original_key
from . import media_store
from .collections import check_slug, ensure_collection, get_collection
from .items import find_by_checksums, index_items, save_ingested
from .recordings import add_recordings, recording_description

Progress = Callable[[int, int, int], None]  # files done, files in all, pages done
INDEX_BATCH = 100  # items written to the search index at a time


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
    no_text: list[str] = field(default_factory=list)

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
        if self.no_text:
            parts.append(f"{len(self.no_text)} pages with no text found")
        return "; ".join(parts)

    def table(self) -> list[tuple[str, str]]:
        """(outcome, count) rows for the end-of-batch summary table."""
        return [("ingested items", str(len(self.created))), ("pages read", str(self.pages)),
                ("already there", str(len(self.already))), ("failed files", str(len(self.failed))),
                ("skipped files", str(len(self.skipped))), ("pages: no text found", str(len(self.no_text))),
                ("warnings", str(len(self.warnings)))]


def check_ingest_language(lang: str) -> str:
    """The Tesseract language string if it is installed; else :class:`InvalidInput`."""
    try:
        return ocr.check_languages(lang)
    except ocr.OcrUnavailable as exc:
        raise InvalidInput(str(exc)) from None


@dataclass
class PlannedIngest:
    """What an ingest of a folder will do, before any file is read: see :func:`plan_ingest`."""

    folder: Path
    lang: str
    collection: Collection
    report: IngestReport  # files passed over, items already there, metadata warnings
    records: dict[str, Record]
    units: list[Unit]  # the items still to make


def plan_ingest(folder: str | Path, collection_slug: str, lang: str | None,
                publish: bool) -> PlannedIngest:
    """Check the folder and language, make the collection, read metadata.csv, and finish off
    the items an earlier run already made: one plan for a local ingest and a queued batch."""
    folder = check_folder(folder)
    lang = check_ingest_language(lang or collection_lang(collection_slug)
                                 or current_app.config["HERITAGE_OCR_LANG"])
    collection = ensure_collection(collection_slug, ocr_lang=lang)
    db.session.commit()
    report = IngestReport(collection=collection.slug)
    plan = plan_folder(folder)
    report.skipped = [(relative(path, folder), why) for path, why in plan.skipped]
    records = folder_records(plan.metadata, folder, {u.name for u in plan.units}, report)
    units = new_units(plan.units, collection, publish, report)
    return PlannedIngest(folder, lang, collection, report, records, units)


def ingest_folder(folder: str | Path, collection_slug: str, lang: str | None = None,
                  publish: bool = False, workers: int | None = None,
                  progress: Progress | None = None,
                  recording_progress: RecordingProgress | None = None) -> IngestReport:
    """Ingest every scan and recording of ``folder`` into the collection (created if needed).

    ``recording_progress(name, seconds done, duration)`` hears how far the access copies of a
    long recording have got.
    """
    planned = plan_ingest(folder, collection_slug, lang, publish)
    folder, lang, report, units = planned.folder, planned.lang, planned.report, planned.units
    batch = _Batch(planned.collection, planned.records, lang, folder, publish, report)
    workers = current_app.config["HERITAGE_OCR_WORKERS"] if workers is None else workers
    paths = [path for unit in units for path in unit.files]
    results = process_files(paths, lang, workers, media_store(),
                            current_app.config["HERITAGE_MAX_PIXELS"], recording_progress)
    _collect(units, results, batch, progress, len(paths))
    batch.flush_index()
    return report


def _collect(units: list[Unit], results, batch: "_Batch", progress: Progress | None, total: int) -> None:
    """Store each unit as soon as all of its files are processed (results come in order)."""
    done = pages = 0
    for unit in units:
        unit_results = []
        for _ in unit.files:
            result = next(results)
            unit_results.append(result)
            done, pages = done + 1, pages + len(result.pages)
            if progress:
                progress(done, total, pages)
        batch.store(unit, unit_results)


class _Batch:
    """Writes items one transaction each and indexes them a hundred at a time."""

    def __init__(self, collection: Collection, records: dict[str, Record], lang: str,
                 folder: Path, publish: bool, report: IngestReport):
        self.collection, self.records, self.lang = collection, records, lang
        self.folder, self.publish, self.report = folder, publish, report
        self.unindexed: list[Item] = []

    def store(self, unit: Unit, results: list[FileResult]) -> None:
        """Make the item of one unit, or name its bad files and make nothing."""
        item = store_unit(unit, results, self.collection, self.records.get(unit.name), self.lang,
                          self.publish, self.report, self._name)
        if item is not None:
            self._index(item)

    def _name(self, result: FileResult) -> str:
        return relative(result.path, self.folder)

    def _index(self, item: Item) -> None:
        self.unindexed.append(item)
        if len(self.unindexed) >= INDEX_BATCH:
            self.flush_index()

    def flush_index(self) -> None:
        """Write the items made since the last flush to the search index."""
        if self.unindexed:
            index_items(self.unindexed)
            self.unindexed = []


def store_unit(unit: Unit, results: list[FileResult], collection: Collection,
               record: Record | None, lang: str, publish: bool, report: IngestReport,
               name: Callable[[FileResult], str]) -> Item | None:
    """Make the item of one processed unit into ``report``; the new item (to index), or None.

    One function for the local ingest and the queue's unit jobs, so an item is made the same
    way wherever its pages were read. A unit with a bad file makes nothing and names the file.
    """
    for result in results:
        report.warnings += [f"{name(result)}: {w}" for w in result.warnings]
    bad = [r for r in results if r.error]
    for result in bad:
        why = result.error
        if len(unit.files) > 1:
            why += f" (item '{unit.name}' was not ingested: fix this page and run the ingest again)"
        report.failed.append((name(result), why))
    if bad:
        return None
    item, created = _new_item(unit, results, collection, record, lang, publish, report.warnings)
    if not created:  # another worker made it meanwhile
        report.already.append((unit.name, item.id))
        finish_interrupted([item], publish)
        return None
    # the description is kept as the librarian wrote it; what to correct is reported
    report.warnings += [f"{unit.name}: {message(problem, 'en')}"
                        for problem in validate_record(item.record)]
    report.created.append(item.id)
    report.pages += len(item.pages)
    report.no_text += [f"{name(r)} page {p.frame + 1}" for r in results
                       for p in r.pages if NO_TEXT in p.flags]
    return item


def collection_lang(slug: str) -> str | None:
    try:
        return get_collection(check_slug(slug)).ocr_lang
    except CollectionNotFound:
        return None


def check_folder(folder: str | Path) -> Path:
    path = Path(folder)
    if not path.is_dir():
        raise InvalidInput(f"{folder}: no such folder; give the folder that holds the scans")
    return path.resolve()


def relative(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


def folder_records(metadata: Path | None, folder: Path, names: set[str],
                    report: IngestReport) -> dict[str, Record]:
    if metadata is None:
        return {}
    described = read_metadata(metadata)
    for line, problem in described.problems:
        report.warnings.append(f"{metadata.name} line {line}: {problem}")
    for name in sorted(set(described.records) - names):
        report.warnings.append(f"{metadata.name}: '{name}' is described but not in {folder.name}/")
    return described.records


def new_units(units: list[Unit], collection: Collection, publish: bool,
               report: IngestReport) -> list[Unit]:
    """The units not yet in the collection; those already there are finished off."""
    fresh, finished = [], []
    for unit in units:
        try:
            checksums = [sha256_of(path) for path in unit.files]
        except OSError:  # unreadable: processing names the file and the reason
            fresh.append(unit)
            continue
        existing = find_by_checksums(collection, checksums)
        if existing is None:
            fresh.append(unit)
        else:
            report.already.append((unit.name, existing.id))
            finished.append(existing)
    finish_interrupted(finished, publish)
    return fresh


def finish_interrupted(items: list[Item], publish: bool) -> None:
    """Publish and index items an interrupted run had made but not yet published or indexed."""
    if publish:
        for item in items:
            if item.status == "draft":
                item.status, item.published_at = "published", utcnow()
        db.session.commit()
    if items:
        index_items(items)


def _new_item(unit: Unit, results: list[FileResult], collection: Collection,
              record: Record | None, lang: str, publish: bool,
              warnings: list[str] | None = None) -> tuple[Item, bool]:
    """Make the item of one unit; or, if another worker made it meanwhile, that one (and False)."""
    # The workers wrote the derivatives already; the original is copied in before the row is
    # committed. Keys are content addresses, so a file written for an item whose commit then
    # fails is harmless and is reused by the next run.
    _store_originals(results)
    # nothing reaches the database before save_ingested: a racing worker's item must fail
    # the one INSERT there, not a flush some query inside here would make
    with db.session.no_autoflush:
        item = Item(collection=collection, status="published" if publish else "draft",
                    access_level="public", published_at=utcnow() if publish else None)
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
                    ocr_lang=lang if page.source == "ocr" else None, text_source=page.source,
                    turned=page.turned, skew=page.skew, image_key=page.image_key,
                    thumbnail_key=page.thumbnail_key, alto_key=page.alto_key))
        # a recording's transcript and index come from the files beside it; their problems are
        # reported by file and line, and every good cue is kept
        found = add_recordings(item, results, unit.sidecars)
        if warnings is not None:
            warnings += found
    return save_ingested(item, [result.sha256 for result in results])


def _store_originals(results: list[FileResult]) -> None:
    store = media_store()
    for result in results:
        key = original_key(result.sha256, result.path.suffix)
        if not store.exists(key):
            store.put_file(key, result.path)


def _describe(unit: Unit, results: list[FileResult], record: Record | None, lang: str) -> Record:
    """The CSV's description, completed with a title, the format and the OCR languages."""
    described = Record.from_dict(record.to_dict()) if record else Record()
    if not described.get("title"):
        described.add("title", Path(unit.name).stem if len(unit.files) == 1 else unit.name)
    if not described.get("format"):
        for mime in dict.fromkeys(result.mime_type for result in results):
            described.add("format", mime)
    recording_description(described, results)
    if not described.get("language"):
        for code in _iso_languages(lang):
            described.add("language", code)
    return described


def _iso_languages(lang: str) -> list[str]:
    try:
        return language_for_tesseract(lang)
    except ValueError:  # a Tesseract model with no ISO 639 code (e.g. the Fraktur script model)
        return []
