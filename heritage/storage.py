"""The media store: where original files and derivatives live, addressed by keys.

Keys are relative, slash-separated paths such as ``originals/3f/a2/3fa2….tif``; a key never
escapes the store's root. Two stores have the same methods (exists, put_file, put_bytes,
put_many, put_stream, open, size, delete, keys, where): :class:`LocalMediaStore` here, a
folder on disk, and :class:`~heritage.storage_s3.S3MediaStore`, a bucket;
HERITAGE_MEDIA_BACKEND picks one.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO, Iterable, Iterator

from .config import SettingError
from .errors import MediaMissing

if TYPE_CHECKING:
    from .storage_s3 import S3MediaStore


def original_key(sha256: str, suffix: str) -> str:
    """The content-addressed key of an original file."""
    return f"originals/{sha256[:2]}/{sha256[2:4]}/{sha256}{suffix.lower()}"


def derivative_key(sha256: str, frame: int, kind: str) -> str:
    """The key of a derivative (``web`` or ``thumb`` JPEG) of one frame of an original."""
    return f"derivatives/{sha256[:2]}/{sha256[2:4]}/{sha256}/{frame}-{kind}.jpg"


def recording_key(sha256: str, name: str) -> str:
    """The key of something made of a recording master: ``access.opus``, ``peaks.json`` ...

    >>> recording_key("3fa2e0", "access.mp3")
    'derivatives/3f/a2/3fa2e0/access.mp3'
    """
    return f"derivatives/{sha256[:2]}/{sha256[2:4]}/{sha256}/{name}"


#: The media backends HERITAGE_MEDIA_BACKEND may name.
BACKENDS = ("local", "s3")
#: A write in progress: tempfile's name for the file renamed onto its key when complete.
_UNFINISHED = re.compile(r"tmp[a-z0-9_]{8}")


def check_key(key: str) -> str:
    """``key`` when it is a relative, slash-separated path that stays inside the store.

    >>> check_key("../etc/passwd")
    Traceback (most recent call last):
    ValueError: invalid media key '../etc/passwd'
    """
    parts = PurePosixPath(key).parts
    if not parts or key.startswith("/") or ".." in parts:
        raise ValueError(f"invalid media key {key!r}")
    return key


class LocalMediaStore:
    """Files under one folder on the local disk (the embedded default)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*PurePosixPath(check_key(key)).parts)

    def where(self) -> str:
        """The folder, as messages name it."""
        return f"folder {self.root}"

    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""
        return self._path(key).is_file()

    def put_file(self, key: str, source: str | os.PathLike) -> None:
        """Copy a local file into the store under ``key`` (atomically)."""
        with open(source, "rb") as handle:
            self.put_stream(key, handle)

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (atomically)."""
        target = self._prepare(key)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, target)

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store many small files (a page's pyramid tiles), one after another."""
        for key, data in items:
            self.put_bytes(key, data)

    def put_stream(self, key: str, stream: BinaryIO) -> None:
        """Store everything read from ``stream`` under ``key`` (atomically)."""
        target = self._prepare(key)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
            shutil.copyfileobj(stream, tmp, 1024 * 1024)
        os.replace(tmp.name, target)

    def open(self, key: str) -> BinaryIO:
        """Open the stored file for reading; :class:`MediaMissing` when it is not there."""
        try:
            return open(self._path(key), "rb")
        except FileNotFoundError:
            raise MediaMissing(f"media file {key!r} is missing from {self.root}") from None

    def size(self, key: str) -> int:
        """Size in bytes of the stored file."""
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise MediaMissing(f"media file {key!r} is missing from {self.root}") from None

    def delete(self, key: str) -> None:
        """Remove the stored file if it is there."""
        self._path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        """Every stored key, in sorted order; files still being written are left out, and so
        are files directly in the root (a README: every key has a folder)."""
        if not self.root.is_dir():
            return
        for folder, subfolders, files in os.walk(self.root):
            subfolders.sort()
            for name in sorted(files) if Path(folder) != self.root else ():
                if not _UNFINISHED.fullmatch(name):
                    yield Path(folder, name).relative_to(self.root).as_posix()

    def _prepare(self, key: str) -> Path:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


def check_media_settings(config) -> None:
    """Raise ValueError naming the setting when the media store settings cannot work.

    Only the settings are checked (no network): the S3 bucket itself is checked on first use
    and by ``heritage media check``.
    """
    backend = config.get("HERITAGE_MEDIA_BACKEND", "local")
    if backend not in BACKENDS:
        raise SettingError(f"HERITAGE_MEDIA_BACKEND={backend!r} is not a media backend: write "
                         f"{' or '.join(BACKENDS)}")
    delivery = config.get("HERITAGE_S3_DELIVERY", "stream")
    if delivery not in ("stream", "presigned"):
        raise SettingError(f"HERITAGE_S3_DELIVERY={delivery!r} is not a way of delivery: write "
                         f"stream or presigned")
    if config.get("HERITAGE_S3_PRESIGN_SECONDS", 300) not in range(1, 7 * 24 * 3600 + 1):
        raise SettingError(f"HERITAGE_S3_PRESIGN_SECONDS={config['HERITAGE_S3_PRESIGN_SECONDS']!r}"
                         f" must be from 1 to 604800 (a week, S3's longest)")
    if backend == "s3":
        s3_store(config)  # the bucket name and the part size


def s3_store(config) -> S3MediaStore:
    """The S3 store HERITAGE_S3_BUCKET and the other S3 settings describe (whatever the
    backend setting says: the migration copies into it while the archive is still local)."""
    from .storage_s3 import S3MediaStore

    return S3MediaStore(config.get("HERITAGE_S3_BUCKET") or "",
                        prefix=config.get("HERITAGE_S3_PREFIX") or "",
                        endpoint_url=config.get("HERITAGE_S3_ENDPOINT_URL") or None,
                        region=config.get("HERITAGE_S3_REGION") or None,
                        multipart_mb=config.get("HERITAGE_S3_MULTIPART_MB", 64))


def media_store_for(config) -> LocalMediaStore | S3MediaStore:
    """The media store an application's configuration names (HERITAGE_MEDIA_BACKEND)."""
    check_media_settings(config)
    if config.get("HERITAGE_MEDIA_BACKEND", "local") == "s3":
        return s3_store(config)
    return LocalMediaStore(config["HERITAGE_MEDIA_ROOT"])
