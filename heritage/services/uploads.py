"""Uploads from the staff workspace: receiving files (whole or in chunks) and the ingest job.

An upload is kept in its own folder under HERITAGE_UPLOAD_DIR (``incoming/`` as it came) and
queued as a job. The job prepares the folder (unpacks zips, drops OS junk, refuses files whose
content does not match their name, sets aside files already in the archive), then hands it to
:func:`~heritage.services.ingest.ingest_folder`. Preparing is repeatable from ``incoming/``
and the ingest resumes by checksum, so a job killed half-way is simply run again.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import BinaryIO, Iterable

from flask import current_app
from sqlalchemy import select, update

from ..errors import InvalidInput, NotAllowed
from ..extensions import db
from ..ingest import images
from ..ingest.pipeline import natural_key, sha256_of
from ..models import Collection, Item, Job, MediaFile, User, utcnow
from . import audit, jobs
from .accounts import require
from .collections import check_slug, get_collection, ensure_collection
from .ingest import check_ingest_language, ingest_folder
from .items import index_items
from .upload_files import (ZipLimits, clean_name, content_problem, is_junk, remove_tree,
                           unpack_zip)

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,60}$")
COPY_BLOCK = 1024 * 1024


# --- receiving ---------------------------------------------------------------------------

def upload_root() -> Path:
    """The folder where uploads wait for (and during) their job."""
    return Path(current_app.config["HERITAGE_UPLOAD_DIR"])


def max_bytes() -> int:
    """The largest upload (all its files together) in bytes."""
    return current_app.config["HERITAGE_UPLOAD_MAX_MB"] * 1024 * 1024


def start_upload(files: Iterable[tuple[str, BinaryIO]], *, by: User, collection: str = "",
                 new_slug: str = "", new_title: str = "", lang: str = "lav",
                 sessions: Iterable[str] = ()) -> Job:
    """Keep the files (and finished chunked sessions) of one upload and queue its ingest job."""
    require(by, "upload")
    lang = check_ingest_language(lang.strip() or "lav")
    target = _choose_collection(collection.strip(), new_slug.strip(), new_title.strip(), lang)
    work = upload_root() / f"job-{secrets.token_hex(8)}"
    names = _receive(files, list(sessions), work / "incoming", by)
    target = ensure_collection(target[0], target[1], lang)
    job = jobs.enqueue("upload", {"collection": target.slug, "lang": lang, "files": names},
                       by=by, work_dir=str(work), collection_id=target.id)
    audit.record("create", "job", job.id, by=by, field="upload", new="\n".join(names))
    db.session.commit()
    jobs.wake()
    return job


def _choose_collection(existing: str, slug: str, title: str, lang: str) -> tuple[str, str | None]:
    """(slug, title for a new one): an existing collection, or a new slug that is free."""
    if existing:
        return get_collection(existing).slug, None
    if not slug:
        raise InvalidInput("collection: choose a collection, or give a short name and a title "
                           "for a new one")
    check_slug(slug)
    if db.session.scalar(select(Collection).where(Collection.slug == slug)):
        raise InvalidInput(f"collection slug {slug!r} is taken; choose that collection from the list")
    if not title:
        raise InvalidInput("collection title: give the new collection a title")
    return slug, title


def _receive(files: Iterable[tuple[str, BinaryIO]], sessions: list[str], incoming: Path,
             by: User) -> list[str]:
    """Write the files into ``incoming``; their names as kept (made unique)."""
    incoming.mkdir(parents=True, exist_ok=True)
    names, room = [], max_bytes()
    try:
        for raw_name, stream in files:
            target = _free_name(incoming, clean_name(raw_name))
            room -= _copy(stream, target, room, raw_name)
            names.append(target.name)
        for token in sessions:
            meta = _session(token, by)
            if meta["received"] != meta["size"]:
                raise InvalidInput(f"{meta['name']}: only {meta['received']} of {meta['size']} "
                                   "bytes arrived; send the rest and try again")
            target = _free_name(incoming, meta["name"])
            shutil.move(_session_dir(token) / "data", target)
            remove_tree(_session_dir(token))
            names.append(target.name)
    except InvalidInput:
        remove_tree(incoming.parent)
        raise
    if not names:
        remove_tree(incoming.parent)
        raise InvalidInput("files: choose at least one file or a zipped folder to upload")
    return names


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)`` … when two files of an upload have the same name."""
    target, number = folder / name, 1
    while target.exists():
        number += 1
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
    return target


def _copy(stream: BinaryIO, target: Path, room: int, label: str) -> int:
    written = 0
    with open(target, "wb") as out:
        while block := stream.read(COPY_BLOCK):
            written += len(block)
            if written > room:
                raise InvalidInput(f"{label}: the upload is larger than "
                                   f"{max_bytes() // 2**20} MB; send fewer files at a time")
            out.write(block)
    return written


def collection_choices() -> list[Collection]:
    """The collections an upload may go into, by title."""
    return list(db.session.scalars(select(Collection).order_by(Collection.title)))


# --- chunked sessions --------------------------------------------------------------------

def open_session(name: str, size: int, by: User) -> dict:
    """Start a chunked upload of one file of ``size`` bytes; its id and received offset (0)."""
    require(by, "upload")
    name = clean_name(name)
    if size < 0 or size > max_bytes():
        raise InvalidInput(f"{name}: {size} bytes is more than the {max_bytes() // 2**20} MB "
                           "an upload may have")
    forget_stale_sessions()
    token = secrets.token_urlsafe(24)
    folder = _session_dir(token)
    folder.mkdir(parents=True)
    (folder / "data").touch()
    (folder / "meta.json").write_text(json.dumps({"name": name, "size": size, "user": by.id}))
    return session_state(token, by)


#: A chunked upload nobody has added to for this long is given up, and its bytes deleted.
STALE_SESSION_SECONDS = 2 * 24 * 3600


def forget_stale_sessions(now: float | None = None) -> int:
    """Delete chunked uploads left unfinished for two days; how many were deleted."""
    import shutil
    import time

    root = upload_root() / "sessions"
    now = time.time() if now is None else now
    gone = 0
    for folder in root.iterdir() if root.is_dir() else ():
        data = folder / "data"
        last = data.stat().st_mtime if data.exists() else folder.stat().st_mtime
        if now - last > STALE_SESSION_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            gone += 1
    return gone


def session_state(token: str, by: User) -> dict:
    """A chunked upload's id, file name, size and how many bytes have arrived."""
    meta = _session(token, by)
    return {"id": token, "name": meta["name"], "size": meta["size"], "offset": meta["received"]}


def append_chunk(token: str, offset: int, stream: BinaryIO, by: User) -> dict:
    """Add the bytes that start at ``offset``; a wrong offset is refused with the right one."""
    meta = _session(token, by)
    if offset != meta["received"]:
        raise ChunkOffsetMismatch(meta["received"])
    data = _session_dir(token) / "data"
    with open(data, "ab") as out:
        room = meta["size"] - offset
        while block := stream.read(COPY_BLOCK):
            if len(block) > room:
                out.truncate(offset)
                raise InvalidInput(f"{meta['name']}: more bytes than the {meta['size']} announced")
            out.write(block)
            room -= len(block)
            offset += len(block)
    return session_state(token, by)


class ChunkOffsetMismatch(InvalidInput):
    """A chunk did not start where the received bytes end; ``offset`` says where to go on."""

    def __init__(self, offset: int):
        super().__init__(f"the upload continues at byte {offset}")
        self.offset = offset


def _session_dir(token: str) -> Path:
    if not _TOKEN.match(token or ""):
        raise InvalidInput(f"upload session {token!r} is not known")
    return upload_root() / "sessions" / token


def _session(token: str, by: User) -> dict:
    folder = _session_dir(token)
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        raise InvalidInput(f"upload session {token!r} is not known (finished or expired); "
                           "start the upload again") from None
    if meta["user"] != by.id:
        raise NotAllowed("this upload session belongs to another person")
    meta["received"] = (folder / "data").stat().st_size
    return meta


# --- the job ------------------------------------------------------------------------------

def run_upload_job(job: Job, progress) -> None:
    """Prepare the upload's folder (once) and ingest it; the job's report names every file."""
    params, work = json.loads(job.params), Path(job.work_dir)
    state = json.loads(job.report or "{}")
    if state.get("stage") == "done":  # killed after finishing, before the status was written
        return
    if state.get("stage") != "prepared":
        state = prepare_upload(job)
    result = ingest_folder(work / "folder", params["collection"], params["lang"],
                           publish=False, progress=progress,
                           recording_progress=_recording_message(job.id))
    entries = state["entries"] + _claim_items(job, result, state)
    entries += [{"name": name, "outcome": "failed", "reason": why} for name, why in result.failed]
    entries += [{"name": name, "outcome": "skipped", "reason": why} for name, why in result.skipped]
    db.session.refresh(job)
    job.report = json.dumps({"stage": "done", "entries": entries, "warnings": result.warnings,
                             "summary": result.summary()})
    job.message = result.summary()
    db.session.commit()
    remove_tree(work)


def _recording_message(job_id: int):
    """Writes how far a long recording's access copies have got into the job's message."""
    last = [0.0]

    def report(name: str, done: float, duration: float) -> None:
        now = time.monotonic()
        if now - last[0] < 2 and done < duration:
            return
        last[0] = now
        percent = int(100 * done / duration) if duration else 100
        db.session.execute(update(Job).where(Job.id == job_id).values(
            message=f"{name}: making the listening copies, {percent}%", heartbeat_at=utcnow()))
        db.session.commit()
    return report


def prepare_upload(job: Job) -> dict:
    """Unpack, sniff and check for duplicates; what was set aside is kept in the job's report."""
    work = Path(job.work_dir)
    folder = work / "folder"
    remove_tree(folder)
    folder.mkdir(parents=True)
    entries = _gather(work / "incoming", folder, work / "unpacked", _zip_limits())
    entries += _drop_bad_content(folder)
    checksums = _checksums(folder)
    entries += _drop_duplicates(folder, checksums)
    state = {"stage": "prepared", "entries": entries, "checksums": checksums}
    job.report = json.dumps(state)
    db.session.commit()
    return state


def _zip_limits() -> ZipLimits:
    config = current_app.config
    return ZipLimits(config["HERITAGE_ZIP_MAX_FILES"],
                     config["HERITAGE_ZIP_MAX_UNPACKED_MB"] * 1024 * 1024,
                     config["HERITAGE_ZIP_MAX_RATIO"])


def _gather(incoming: Path, folder: Path, unpacked: Path, limits: ZipLimits) -> list[dict]:
    """Put the files of ``incoming`` in ``folder``, unpacking zips; refused zips are reported."""
    entries = []
    for path in sorted(incoming.iterdir(), key=lambda p: natural_key(p.name)):
        if is_junk([path.name]):
            continue
        if path.suffix.lower() != ".zip":
            _link(path, folder / path.name)
            continue
        remove_tree(unpacked)
        try:
            result = unpack_zip(path, unpacked, limits)
        except InvalidInput as problem:
            entries.append({"name": path.name, "outcome": "refused", "reason": str(problem)})
            continue
        entries += [{"name": f"{path.name}: {name}", "outcome": "refused", "reason": why}
                    for name, why in result.refused]
        _merge(unpacked, folder)
    remove_tree(unpacked)
    return entries


def _link(source: Path, target: Path) -> None:
    """Hard-link when possible (incoming/ stays whole for a rerun without doubling the disk)."""
    target = _free_name(target.parent, target.name)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _merge(source: Path, folder: Path) -> None:
    for entry in sorted(source.iterdir()):
        target = folder / entry.name
        if entry.is_dir() and target.is_dir():
            _merge(entry, target)
        else:
            shutil.move(entry, _free_name(folder, entry.name))


def _drop_bad_content(folder: Path) -> list[dict]:
    """Delete OS junk silently, and files whose content is not what their name says, reported."""
    entries = []
    for path in sorted(folder.rglob("*"), key=lambda p: natural_key(str(p))):
        relative = path.relative_to(folder)
        if is_junk(relative.parts):
            remove_tree(path) if path.is_dir() else path.unlink(missing_ok=True)
        elif path.is_file() and (why := content_problem(path)):
            path.unlink()
            entries.append({"name": str(relative), "outcome": "refused", "reason": why})
    return entries


def _checksums(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): sha256_of(path)
            for path in sorted(folder.rglob("*"), key=lambda p: natural_key(str(p)))
            if path.is_file() and images.is_scan(path)}


def _drop_duplicates(folder: Path, checksums: dict[str, str]) -> list[dict]:
    """Set aside files (and subfolders) whose checksums are already an item's files."""
    entries = []
    for unit in sorted({name.split("/")[0] for name in checksums}, key=natural_key):
        names = [n for n in checksums if n == unit or n.startswith(unit + "/")]
        item = _item_with([checksums[n] for n in names], whole=len(names) > 1)
        if item is None:
            continue
        path = folder / unit
        remove_tree(path) if path.is_dir() else path.unlink()
        entries += [{"name": name, "outcome": "duplicate", "item": item.id,
                     "collection": item.collection.slug, "collection_title": item.collection.title}
                    for name in names]
    return entries


def _item_with(shas: list[str], whole: bool) -> Item | None:
    """An item (not deleted) holding this file; for a folder, exactly these files in order."""
    items = db.session.scalars(select(Item).join(MediaFile).where(
        MediaFile.sha256 == shas[0], Item.status != "deleted").order_by(Item.id)).unique().all()
    for item in items:
        if not whole or [m.sha256 for m in item.media_files] == shas:
            return item
    return None


def _claim_items(job: Job, result, state: dict) -> list[dict]:
    """Give the job's new items the uploader's branch and name, audit them; an entry per file.

    Items "already there" are this job's own from an interrupted run: files already in the
    archive were set aside before the ingest began.
    """
    ids = result.created + [item_id for _name, item_id in result.already]
    names_by_sha: dict[str, list[str]] = {}
    for name, sha in state["checksums"].items():
        names_by_sha.setdefault(sha, []).append(name)
    items, entries = [db.session.get(Item, item_id) for item_id in ids], []
    by = db.session.get(User, job.user_id) if job.user_id else None
    for item in items:
        if item.created_by_id is None:
            item.branch_id, item.created_by_id = job.branch_id, job.user_id
            audit.record("create", "item", item.id, by=by, field="upload", new=f"job #{job.id}")
        for media in item.media_files:
            entries += [{"name": name, "outcome": "ingested", "item": item.id}
                        for name in names_by_sha.get(media.sha256, [media.original_name])]
    db.session.commit()
    if items:
        index_items(items)
    return entries

