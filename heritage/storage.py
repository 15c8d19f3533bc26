"""The media store: where original files and derivatives live, addressed by keys.

Keys are relative, slash-separated paths such as ``originals/3f/a2/3fa2….tif``; a key never
escapes the store's root.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import MediaMissing


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


class LocalMediaStore:
    """Files under one folder on the local disk (the embedded default)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        parts = PurePosixPath(key).parts
        if not parts or key.startswith("/") or ".." in parts:
            raise ValueError(f"invalid media key {key!r}")
        return self.root.joinpath(*parts)

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

    def _prepare(self, key: str) -> Path:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


def media_store_for(config: dict) -> LocalMediaStore:
    """The media store an application's configuration names."""
    return LocalMediaStore(config["HERITAGE_MEDIA_ROOT"])
