"""Fixity: re-read every master in the media store and compare it with its SHA-256 at ingest.

Each run is a :class:`FixityCheck`; each master re-read is a dated :class:`FixityEvent`
(ok, missing or damaged). Events are committed in batches so that a run killed half-way
keeps what it found. Deleted items' files are checked too: they are still kept.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from ..errors import CollectionNotFound, InvalidInput, MediaMissing
from ..extensions import db
from ..models import Collection, FixityCheck, FixityEvent, Item, MediaFile, utcnow
from ..ingest.pipeline import sha256_of_stream
from . import media_store

BATCH = 200  # commit every this many events


def run_check(*, collection: str | None = None, note: str = "",
              progress: Callable[[int, int], None] | None = None) -> FixityCheck:
    """Re-read every master (or one collection's), record one event each; the finished check."""
    masters = _masters(collection)
    check = FixityCheck(note=note or (f"collection {collection}" if collection else "all"))
    db.session.add(check)
    db.session.commit()
    for done, (media_id, key, expected) in enumerate(masters, start=1):
        outcome, found = _verify(key, expected)
        db.session.add(FixityEvent(check=check, media_file_id=media_id, at=utcnow(), key=key,
                                   outcome=outcome, expected=expected, found=found))
        check.checked += 1
        check.missing += outcome == "missing"
        check.damaged += outcome == "damaged"
        if done % BATCH == 0:
            db.session.commit()
        if progress is not None:
            progress(done, len(masters))
    check.finished_at = utcnow()
    db.session.commit()
    return check


def _masters(collection: str | None) -> list[tuple[int, str, str]]:
    """(id, key, sha256) of every master to check, in id order; small rows, not models."""
    query = select(MediaFile.id, MediaFile.storage_key, MediaFile.sha256).order_by(MediaFile.id)
    if collection is not None:
        found = db.session.scalar(select(Collection.id).where(Collection.slug == collection))
        if found is None:
            raise CollectionNotFound(f"no collection {collection!r}: check the slug")
        query = query.join(Item, Item.id == MediaFile.item_id).where(Item.collection_id == found)
    return [tuple(row) for row in db.session.execute(query)]


def _verify(key: str, expected: str) -> tuple[str, str]:
    """The outcome of re-reading ``key`` and the SHA-256 found ('' when the file is missing)."""
    found = file_sha256(key)
    if found is None:
        return "missing", ""
    return ("ok" if found == expected else "damaged"), found


def file_sha256(key: str) -> str | None:
    """The SHA-256 of the stored file under ``key``, read in 1 MiB blocks; None when missing."""
    try:
        with media_store().open(key) as handle:
            return sha256_of_stream(handle)
    except (MediaMissing, FileNotFoundError):
        return None


def check_summary(check_id: int) -> dict:
    """A check's counts, timing, bytes read and its problems named by item and file."""
    check = db.session.get(FixityCheck, check_id)
    if check is None:
        raise InvalidInput(f"no fixity check #{check_id}; `heritage fixity history` lists them")
    read = db.session.scalar(
        select(func.coalesce(func.sum(MediaFile.size), 0))
        .join(FixityEvent, FixityEvent.media_file_id == MediaFile.id)
        .where(FixityEvent.check_id == check_id, FixityEvent.outcome != "missing"))
    seconds = ((check.finished_at - check.started_at).total_seconds()
               if check.finished_at else None)
    return {"check": check.id, "started_at": check.started_at, "finished_at": check.finished_at,
            "seconds": seconds, "bytes": int(read or 0), "checked": check.checked,
            "ok": check.checked - check.missing - check.damaged,
            "missing": _problems(check_id, "missing"), "damaged": _problems(check_id, "damaged")}


def _problems(check_id: int, outcome: str) -> list[dict]:
    """The events of one outcome in a check, with the item and file they belong to."""
    events = db.session.scalars(
        select(FixityEvent).where(FixityEvent.check_id == check_id, FixityEvent.outcome == outcome)
        .order_by(FixityEvent.id))
    return [_problem(event) for event in events]


def _problem(event: FixityEvent) -> dict:
    media = event.media_file
    return {"key": event.key, "expected": event.expected, "found": event.found,
            "at": event.at.isoformat(), "media_file": event.media_file_id,
            "item": media.item_id if media else None,
            "title": media.item.title() if media else "",
            "file": media.original_name if media else ""}


def last_events(media_file_id: int, limit: int = 10) -> list[FixityEvent]:
    """The latest fixity events of one master, newest first."""
    return list(db.session.scalars(
        select(FixityEvent).where(FixityEvent.media_file_id == media_file_id)
        .order_by(FixityEvent.at.desc(), FixityEvent.id.desc()).limit(limit)))


def history(limit: int = 20) -> list[FixityCheck]:
    """The latest fixity checks, newest first."""
    return list(db.session.scalars(
        select(FixityCheck).order_by(FixityCheck.started_at.desc(), FixityCheck.id.desc())
        .limit(limit)))
