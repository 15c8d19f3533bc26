"""Moving an archive's media from the local folder to the S3 store, and probing a store.

:func:`migrate_to` copies every key of the local store (HERITAGE_MEDIA_ROOT) to the S3 store
that HERITAGE_S3_BUCKET and the other S3 settings describe, under the same key. It never
deletes anything locally; once it reports no failures, HERITAGE_MEDIA_BACKEND=s3 serves the
same archive.

Each copy is verified before it counts: its size, and for an original (whose key holds its
SHA-256) the SHA-256 read back from the bucket. A local original that no longer matches its
key is damaged: it is named and not copied, so a rotten file never becomes the only copy.
The SHA-256 of every uploaded file is kept as the object's metadata, so a second run (after
an interruption) skips what is already there and identical without reading it back.
"""
from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidInput, MediaMissing, MediaStoreUnavailable
from ..ingest.pipeline import sha256_of, sha256_of_stream
from ..storage import LocalMediaStore
from ..storage_s3 import S3MediaStore

_ORIGINAL = re.compile(r"originals/[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})(\.[^/]*)?")


@dataclass
class Migration:
    """What a migration did (or, in a dry run, would do)."""

    source: str
    target: str
    dry_run: bool = False
    copied: int = 0
    present: int = 0
    bytes_copied: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def keys(self) -> int:
        """Every key looked at."""
        return self.copied + self.present + len(self.failed)

    def as_dict(self) -> dict:
        """The report as --json prints it."""
        return {"source": self.source, "target": self.target, "dry_run": self.dry_run,
                "keys": self.keys, "copied": self.copied, "present": self.present,
                "bytes_copied": self.bytes_copied,
                "failed": [{"key": key, "reason": why} for key, why in self.failed]}


def migrate_to(source: LocalMediaStore, target: S3MediaStore, *, dry_run: bool = False,
               threads: int = 8,
               progress: Callable[[int, int], None] | None = None) -> Migration:
    """Copy every key of ``source`` into ``target``, verified; a report of what happened."""
    target.client()  # a missing bucket or refused credentials stop here, before any key
    keys = list(source.keys())
    report = Migration(source.where(), target.where(), dry_run)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = pool.map(lambda key: _migrate_key(source, target, key, dry_run), keys)
        for done, (key, outcome, size, why) in enumerate(outcomes, start=1):
            _count(report, key, outcome, size, why)
            if progress is not None:
                progress(done, len(keys))
    return report


def _count(report: Migration, key: str, outcome: str, size: int, why: str) -> None:
    if outcome == "failed":
        report.failed.append((key, why))
    elif outcome == "present":
        report.present += 1
    else:
        report.copied += 1
        report.bytes_copied += size


def _migrate_key(source: LocalMediaStore, target: S3MediaStore, key: str,
                 dry_run: bool) -> tuple[str, str, int, str]:
    """(key, "copied" | "present" | "failed", size, why it failed) for one key."""
    path = source._path(key)
    try:
        size, digest = path.stat().st_size, sha256_of(path)
        expected = expected_sha256(key)
        if expected is not None and digest != expected:
            return key, "failed", size, (f"the local file is damaged: its sha256 is {digest}, "
                                         f"its key says {expected}; restore it from the backup")
        if _identical(target, key, size, digest):
            return key, "present", size, ""
        if not dry_run:
            target.put_file(key, path, sha256=digest)
            _verify(target, key, size, expected)
        return key, "copied", size, ""
    except (OSError, MediaMissing, _CopyDiffers) as exc:
        return key, "failed", 0, str(exc)


def expected_sha256(key: str) -> str | None:
    """The SHA-256 an original's key names, or None for any other key.

    >>> expected_sha256("originals/3f/a2/" + "3fa2" + "0" * 60 + ".tif")[:6]
    '3fa200'
    >>> expected_sha256("derivatives/3f/a2/3fa2/0-web.jpg") is None
    True
    """
    found = _ORIGINAL.fullmatch(key)
    return found.group(1) if found else None


def _identical(target: S3MediaStore, key: str, size: int, digest: str) -> bool:
    """Whether ``target`` already holds these bytes under ``key``."""
    try:
        stored_size, stored_sha = target.head(key)
    except MediaMissing:
        return False
    if stored_size != size:
        return False
    if stored_sha is None:  # put there by heritage itself, not by a migration: read it
        with target.open(key) as handle:
            stored_sha = sha256_of_stream(handle)
    return stored_sha == digest


class _CopyDiffers(Exception):
    """The object read back is not what was sent."""


def _verify(target: S3MediaStore, key: str, size: int, expected: str | None) -> None:
    """Check the copy's size, and an original's SHA-256 read back from the bucket."""
    stored = target.size(key)
    if stored != size:
        raise _CopyDiffers(f"the copy in the bucket has {stored} bytes, the local file {size}; "
                           f"run the migration again")
    if expected is not None:
        with target.open(key) as handle:
            found = sha256_of_stream(handle)
        if found != expected:
            raise _CopyDiffers(f"the copy in the bucket reads back with sha256 {found}, not "
                               f"{expected}; run the migration again")


def probe(store) -> list[str]:
    """Write, read back and delete a small object in ``store``; the steps done, in order.

    Raises the store's errors (MediaStoreUnavailable names the bucket and what to check).
    """
    if isinstance(store, S3MediaStore):
        store.client()  # reach the endpoint, check the credentials and the bucket
    steps = [f"reached the {store.where()}"]
    key = f"heritage-check/{uuid.uuid4().hex}.txt"
    data = f"heritage media check {key}\n".encode()
    store.put_bytes(key, data)
    steps.append(f"wrote {key}")
    with store.open(key) as handle:
        if handle.read() != data:
            raise MediaStoreUnavailable(f"the {store.where()} gave back other bytes than were "
                                        f"written to {key}")
    steps.append("read it back intact")
    store.delete(key)
    if store.exists(key):
        raise MediaStoreUnavailable(f"{key} is still in the {store.where()} after it was deleted")
    if isinstance(store, LocalMediaStore):  # a folder stays behind where a bucket has none
        with contextlib.suppress(OSError):
            (store.root / "heritage-check").rmdir()
    steps.append("deleted it")
    return steps


def local_source(config) -> LocalMediaStore:
    """The local store a migration copies from: HERITAGE_MEDIA_ROOT, which must exist."""
    root = Path(config["HERITAGE_MEDIA_ROOT"])
    if not root.is_dir():
        raise InvalidInput(f"the local media folder {root} does not exist: set "
                           f"HERITAGE_MEDIA_ROOT to the folder that holds originals/ and "
                           f"derivatives/")
    return LocalMediaStore(root)
