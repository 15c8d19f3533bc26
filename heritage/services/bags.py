"""BagIt export and import of a collection: masters, derivatives, DC XML, ALTO, checksums.

A bag holds ``data/collection.json`` and, per item, ``data/items/<id>/item.json`` (all that
restores the item exactly), ``dc.xml`` (oai_dc), ``originals/<position>-<name>`` and
``derivatives/<store key>``; ``bagit.py --validate`` accepts it.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import bagit
from flask import current_app

from dublin_core import to_oai_dc_string

from .. import __version__
from ..errors import InvalidInput
from ..extensions import db
from ..models import (Cue, Interview, InterviewPerson, Item, ItemValue, MediaFile, Page,
                      Recording, Segment, content_key)
from . import media_store
from .collections import ensure_collection, get_collection
from .items import find_by_checksums, index_items
from ..ingest.pipeline import sha256_of
from .interviews import authority

FORMAT = "heritage-bag/1"
_MEDIA_FIELDS = ("position", "original_name", "storage_key", "sha256", "mime_type", "size",
                 "width", "height", "access_level", "access_reason")
_PAGE_FIELDS = ("sequence", "frame", "width", "height", "ocr_text", "original_ocr_text",
                "ocr_confidence", "ocr_lang", "text_source", "turned", "skew", "image_key",
                "thumbnail_key", "alto_key")
_RECORDING_FIELDS = ("kind", "duration", "container", "codec", "channels", "sample_rate", "width",
                     "height", "bit_rate", "access_copies", "peaks_key", "poster_key", "language",
                     "transcript_source")
_CUE_FIELDS = ("position", "start", "end", "speaker", "text")
_SEGMENT_FIELDS = ("position", "start", "end", "title", "partial_transcript", "synopsis",
                   "keywords", "subjects", "latitude", "longitude", "place")


@dataclass
class ExportSummary:
    """What an export wrote."""

    path: Path
    items: int = 0
    files: int = 0
    payload_bytes: int = 0


@dataclass
class ImportReport:
    """What an import did: counts, and one outcome per item of the bag."""

    collection: str
    created: int = 0
    already_there: int = 0
    files_stored: int = 0
    files_present: int = 0
    outcomes: list[dict] = field(default_factory=list)  # {"bag_id", "outcome", "item_id"}

    def as_json(self) -> dict:
        return {"collection": self.collection, "created": self.created,
                "already_there": self.already_there, "files_stored": self.files_stored,
                "files_present": self.files_present, "outcomes": self.outcomes}


# ---------------------------------------------------------------- export

def export_collection(slug: str, target: Path) -> Path:
    """Write collection ``slug`` (all items but deleted ones) as a BagIt bag in ``target``."""
    return export_collection_summary(slug, target).path


def export_collection_summary(slug: str, target: Path) -> ExportSummary:
    """:func:`export_collection`, with item and file counts and the payload size."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInput(f"{target} exists and is not an empty folder")
    collection = get_collection(slug)
    items = [i for i in sorted(collection.items, key=lambda i: i.id) if i.status != "deleted"]
    target.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(path=target, items=len(items))
    _write_json(target / "collection.json", {
        "format": FORMAT, "slug": collection.slug, "title": collection.title,
        "description": collection.description, "ocr_lang": collection.ocr_lang,
        "items": [item.id for item in items]})
    for item in items:
        _export_item(item, target / "items" / str(item.id), summary)
    bagit.make_bag(str(target), _bag_info(collection, len(items)), checksums=["sha256"])
    return summary


def _bag_info(collection, count: int) -> dict:
    return {"Source-Organization": current_app.config["HERITAGE_SITE_NAME"],
            "Bagging-Date": date.today().isoformat(),
            "External-Description": f"Collection {collection.slug!r}: {collection.title} "
                                    f"({count} items)",
            "External-Identifier": f"collection:{collection.slug}",
            "Bag-Count": "1 of 1",
            "Bag-Software-Agent": f"heritage {__version__} with bagit-python"}


def _export_item(item: Item, folder: Path, summary: ExportSummary) -> None:
    store = media_store()
    folder.mkdir(parents=True)
    _write_json(folder / "item.json", item_document(item))
    (folder / "dc.xml").write_bytes(to_oai_dc_string(item.record))
    for media in item.media_files:
        _copy_out(store, media.storage_key, folder / "originals" / _original_name(media), summary)
    for key in _derivative_keys(item):
        _copy_out(store, key, folder / "derivatives" / PurePosixPath(key), summary)


def _copy_out(store, key: str, path: Path, summary: ExportSummary) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with store.open(key) as source, open(path, "wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    summary.files += 1
    summary.payload_bytes += path.stat().st_size


def _original_name(media: MediaFile) -> str:
    # a name is a label only; keep it from reaching outside the folder
    name = PurePosixPath(media.original_name.replace("\\", "/")).name or "file"
    return f"{media.position}-{name}"


def _derivative_keys(item: Item) -> list[str]:
    """Every stored derivative of the item, each once, in a stable order."""
    keys = []
    for page in item.pages:
        keys += [page.image_key, page.thumbnail_key, page.alto_key]
    for recording in item.recordings:
        keys += [copy["key"] for copy in json.loads(recording.access_copies or "[]")]
        keys += [recording.peaks_key, recording.poster_key]
    return list(dict.fromkeys(k for k in keys if k))


def item_document(item: Item) -> dict:
    """All an import needs to restore ``item`` exactly, as JSON-ready data."""
    positions = {media.id: media.position for media in item.media_files}
    return {
        "format": FORMAT, "id": item.id, "status": item.status,
        "access_level": item.access_level, "access_reason": item.access_reason,
        "access_note": item.access_note, "embargo_until": _iso(item.embargo_until),
        "created_at": _iso(item.created_at), "published_at": _iso(item.published_at),
        "values": [{"element": v.element, "value": v.value, "lang": v.lang, "position": v.position}
                   for v in item.values],
        "media_files": [_fields(m, _MEDIA_FIELDS) | {"bag_path": f"originals/{_original_name(m)}"}
                        for m in item.media_files],
        "pages": [_fields(p, _PAGE_FIELDS) | {"media_position": positions[p.media_file_id]}
                  for p in item.pages],
        "recordings": [_recording_document(r, positions) for r in item.recordings],
        "interview": _interview_document(item.interview),
    }


def _recording_document(recording: Recording, positions: dict) -> dict:
    return _fields(recording, _RECORDING_FIELDS) | {
        "media_position": positions[recording.media_file_id],
        "cues": [_fields(c, _CUE_FIELDS) for c in recording.cues],
        "segments": [_fields(s, _SEGMENT_FIELDS) for s in recording.segments]}


def _interview_document(interview: Interview | None) -> dict | None:
    if interview is None:
        return None
    return {"dialect": interview.dialect, "consent": interview.consent,
            "consent_date": _iso(interview.consent_date), "consent_note": interview.consent_note,
            "people": [{"name": p.person.name, "dates": p.person.dates, "role": p.role,
                        "position": p.position} for p in interview.people]}


# ---------------------------------------------------------------- import

def import_bag(path: Path, *, collection: str | None = None) -> ImportReport:
    """Restore the items of a bag made by :func:`export_collection` into ``collection``.

    The bag is validated first (a bad one is refused with bagit's message); an item whose
    originals are already in the collection is reported "already there", not duplicated.
    """
    path = Path(path)
    meta = _validated_collection(path)
    target = ensure_collection(collection or meta["slug"], meta.get("title"), meta.get("ocr_lang"))
    if not collection and not target.description:
        target.description = meta.get("description") or ""
    report = ImportReport(collection=target.slug)
    created = []
    for bag_id in meta["items"]:
        folder = path / "data" / "items" / str(bag_id)
        document = json.loads((folder / "item.json").read_text("utf-8"))
        existing = find_by_checksums(target, [m["sha256"] for m in document["media_files"]]) \
            if document["media_files"] else None
        if existing is not None:
            report.already_there += 1
            report.outcomes.append({"bag_id": bag_id, "outcome": "already there",
                                    "item_id": existing.id})
            continue
        # the files go in before the rows: a row must never name a file the store lacks,
        # and content-addressed keys make a half-finished import harmless to repeat
        _restore_files(folder, document, report)
        item = _restore_item(document, target)
        created.append(item)
        report.created += 1
        report.outcomes.append({"bag_id": bag_id, "outcome": "created", "item": item})
    db.session.commit()
    for outcome in report.outcomes:
        if "item" in outcome:
            outcome["item_id"] = outcome.pop("item").id
    if created:
        index_items(created)
    return report


def _validated_collection(path: Path) -> dict:
    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as exc:
        raise InvalidInput(f"{path} is not a bag: {exc}") from None
    try:
        bag.validate()
    except bagit.BagError as exc:
        message = _bag_message(exc)
        if "Oxum" in message:
            message = "; ".join([message] + _changed_files(bag, path))
        raise InvalidInput(f"{path} is not a valid bag: {message}") from None
    meta = json.loads((path / "data" / "collection.json").read_text("utf-8"))
    if meta.get("format") != FORMAT:
        raise InvalidInput(f"{path} is a bag, but not one made by heritage ({FORMAT})")
    return meta


def _bag_message(exc: bagit.BagError) -> str:
    details = getattr(exc, "details", None) or []
    return "; ".join(str(d) for d in details) or str(exc)


def _changed_files(bag: bagit.Bag, path: Path) -> list[str]:
    """Payload files whose SHA-256 differs from the manifest's.

    bagit stops at the Payload-Oxum (total size) check when a file's size changed, and so
    never names the file; a librarian needs the name.
    """
    changed = []
    for name, hashes in sorted(bag.entries.items()):
        if name.startswith("data/") and "sha256" in hashes:
            file = path / name
            if not file.is_file():
                changed.append(f"{name} is missing")
            elif sha256_of(file) != hashes["sha256"]:
                changed.append(f"{name} does not match its sha256 checksum")
    return changed


def _restore_files(folder: Path, document: dict, report: ImportReport) -> None:
    store = media_store()
    for media in document["media_files"]:
        source = folder / media["bag_path"]
        if sha256_of(source) != media["sha256"]:
            raise InvalidInput(f"{source} does not match the checksum its item.json records")
        _put(store, media["storage_key"], source, report)
    derivatives = folder / "derivatives"
    for source in sorted(p for p in derivatives.rglob("*") if p.is_file()):
        _put(store, source.relative_to(derivatives).as_posix(), source, report)


def _put(store, key: str, source: Path, report: ImportReport) -> None:
    if store.exists(key):
        report.files_present += 1
    else:
        store.put_file(key, source)
        report.files_stored += 1


def _restore_item(document: dict, collection) -> Item:
    item = Item(collection=collection, status=document["status"],
                access_level=document["access_level"], access_reason=document["access_reason"],
                access_note=document["access_note"] or "",
                embargo_until=_date(document["embargo_until"]),
                created_at=_datetime(document["created_at"]),
                published_at=_datetime(document["published_at"]))
    if document["media_files"]:  # found again by its files, as an ingested item is
        item.content_key = content_key([m["sha256"] for m in document["media_files"]])
    item.values = [ItemValue(**value) for value in document["values"]]
    media = {}
    for fields in document["media_files"]:
        media[fields["position"]] = MediaFile(**{k: fields[k] for k in _MEDIA_FIELDS})
        item.media_files.append(media[fields["position"]])
    for fields in document["pages"]:
        item.pages.append(Page(media_file=media[fields["media_position"]],
                               **{k: fields[k] for k in _PAGE_FIELDS}))
    for fields in document["recordings"]:
        item.recordings.append(_restore_recording(fields, media))
    if document.get("interview"):
        item.interview = _restore_interview(document["interview"])
    db.session.add(item)
    db.session.flush()
    return item


def _restore_recording(fields: dict, media: dict) -> Recording:
    recording = Recording(media_file=media[fields["media_position"]],
                          **{k: fields[k] for k in _RECORDING_FIELDS})
    recording.cues = [Cue(**cue) for cue in fields["cues"]]
    recording.segments = [Segment(**segment) for segment in fields["segments"]]
    return recording


def _restore_interview(fields: dict) -> Interview:
    interview = Interview(dialect=fields["dialect"], consent=fields["consent"],
                          consent_date=_date(fields["consent_date"]),
                          consent_note=fields["consent_note"])
    for person in fields["people"]:
        interview.people.append(InterviewPerson(person=authority(person["name"], person["dates"]),
                                                role=person["role"], position=person["position"]))
    return interview


# ---------------------------------------------------------------- helpers

def _fields(row, names: tuple[str, ...]) -> dict:
    return {name: getattr(row, name) for name in names}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")

