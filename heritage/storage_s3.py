"""The S3 media store: the same keys and methods as the local store, in an S3-compatible bucket.

Objects are named ``<prefix><key>`` with the content-addressed keys of :mod:`heritage.storage`,
so several archives can share a bucket and a store migrated from disk keeps its keys. An S3
PUT (single or multipart) is atomic: readers see the whole object or none, which is what the
local store gets from write-then-rename.

Credentials come from boto3's default chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``,
``AWS_PROFILE``, an instance role …), never from heritage's settings.  The client is made on
first use, and the first use also checks the bucket once (``HeadBucket``): a missing bucket,
refused credentials or an endpoint that does not answer become one
:class:`~heritage.errors.MediaStoreUnavailable` naming the bucket, the endpoint and what to
check — and a missing bucket is never mistaken for a missing file (S3 answers both with 404).
"""
from __future__ import annotations

import io
import os
import re
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import BinaryIO, Iterable, Iterator

from .config import SettingError
from .errors import MediaMissing, MediaStoreUnavailable
from .storage import check_key

#: Bytes of each ranged GET's read buffer when a stored file is read through :meth:`open`.
READ_BUFFER = 1024 * 1024
_MISSING = {"404", "NoSuchKey", "NotFound"}
_DENIED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
           "InvalidToken", "AllAccessDisabled"}
_NO_BUCKET = {"NoSuchBucket"}


class S3MediaStore:
    """Files in one S3-compatible bucket, under an optional key prefix."""

    def __init__(self, bucket: str, *, prefix: str = "", endpoint_url: str | None = None,
                 region: str | None = None, multipart_mb: int = 64):
        if not bucket:
            raise SettingError("HERITAGE_S3_BUCKET is empty: name the bucket of the S3 media store")
        if multipart_mb < 5:
            raise SettingError(f"HERITAGE_S3_MULTIPART_MB={multipart_mb} is too small: S3 parts "
                             f"are at least 5 MB; write 5 or more")
        if endpoint_url and not re.fullmatch(r"https?://[^/\s]+/?", endpoint_url):
            raise SettingError(f"HERITAGE_S3_ENDPOINT_URL={endpoint_url!r} is not a server "
                             f"address: write it as http(s)://host:port, or leave it empty for AWS")
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url or None
        self.region = region or None
        self.multipart_bytes = multipart_mb * 1024 * 1024
        self._client = None
        self._lock = threading.Lock()

    # a store is handed to the ingest's worker processes: they make their own client
    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_client", "_lock")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _client=None, _lock=threading.Lock())

    def __repr__(self) -> str:
        return f"S3MediaStore({self.where()})"

    def where(self) -> str:
        """The bucket, prefix and endpoint, as messages name them."""
        return (f"bucket {self.bucket!r}{f' (prefix {self.prefix!r})' if self.prefix else ''} "
                f"at {self.endpoint_url or 'AWS S3'}")

    # --- the media store interface ---------------------------------------------------------

    def exists(self, key: str) -> bool:
        """Whether an object is stored under ``key``."""
        try:
            self.size(key)
        except MediaMissing:
            return False
        return True

    def put_file(self, key: str, source, *, sha256: str | None = None) -> None:
        """Upload a local file under ``key`` (multipart past HERITAGE_S3_MULTIPART_MB).

        ``sha256``, when known, is kept as the object's ``x-amz-meta-sha256``, so a later
        run of ``heritage media migrate`` can tell an identical copy without reading it.
        """
        with open(source, "rb") as handle:
            if os.fstat(handle.fileno()).st_size < self.multipart_bytes:
                self._put_object(key, handle, sha256)
            else:
                self.put_stream(key, handle, sha256=sha256)

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (one PUT: derivatives and tiles are small)."""
        if len(data) < self.multipart_bytes:
            self._put_object(key, data, None)
        else:
            self.put_stream(key, io.BytesIO(data))

    def put_many(self, items: Iterable[tuple[str, bytes]], threads: int = 16) -> None:
        """Store many small files (a page's pyramid tiles) several PUTs at a time."""
        pending: deque = deque()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for key, data in items:
                pending.append(pool.submit(self.put_bytes, key, data))
                if len(pending) >= threads * 4:  # the tiles wait in memory: keep them few
                    pending.popleft().result()
            for future in pending:
                future.result()

    def put_stream(self, key: str, stream: BinaryIO, *, sha256: str | None = None) -> None:
        """Store everything read from ``stream`` under ``key``; the object appears only when whole.

        The size is not known beforehand, so boto3's transfer manager sends it, in parts
        when it is larger than HERITAGE_S3_MULTIPART_MB.
        """
        name = self._name(key)
        extra = {"Metadata": {"sha256": sha256}} if sha256 else None
        with self._translated(key):
            self.client().upload_fileobj(stream, self.bucket, name, Config=self._transfer(),
                                         ExtraArgs=extra)

    def _put_object(self, key: str, body, sha256: str | None) -> None:
        name = self._name(key)
        extra = {"Metadata": {"sha256": sha256}} if sha256 else {}
        with self._translated(key):
            self.client().put_object(Bucket=self.bucket, Key=name, Body=body, **extra)

    def open(self, key: str) -> BinaryIO:
        """A seekable, buffered reader of the object: ranged GETs, never the whole file in memory.

        The first window is asked for at once, so opening and reading a small file (a page
        image, a tile) is one request, and a missing one is :class:`MediaMissing` here.
        """
        reader = _ObjectReader(self, key)
        reader.start()
        return io.BufferedReader(reader, READ_BUFFER)

    def size(self, key: str) -> int:
        """Size in bytes of the stored object; :class:`MediaMissing` when there is none."""
        return self.head(key)[0]

    def head(self, key: str) -> tuple[int, str | None]:
        """The object's size and the SHA-256 recorded when it was uploaded (None if none was)."""
        name = self._name(key)
        with self._translated(key):
            answer = self.client().head_object(Bucket=self.bucket, Key=name)
        return answer["ContentLength"], answer.get("Metadata", {}).get("sha256")

    def delete(self, key: str) -> None:
        """Remove the stored object if it is there."""
        name = self._name(key)
        with self._translated(key):
            self.client().delete_object(Bucket=self.bucket, Key=name)

    def keys(self) -> Iterator[str]:
        """Every key stored under this store's prefix, in S3's (lexical) order."""
        pages = self.client().get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix)
        with self._translated(""):
            for page in pages:
                for found in page.get("Contents", ()):
                    yield found["Key"][len(self.prefix):]

    def presigned_url(self, key: str, *, seconds: int, mimetype: str, filename: str,
                      attachment: bool) -> str:
        """A URL that GETs the object directly from the bucket for ``seconds``, typed and named.

        Only for files the caller has already found open to everyone: whoever has the URL can
        fetch the file until it expires.
        """
        disposition = _content_disposition(filename, attachment)
        with self._translated(key):
            return self.client().generate_presigned_url(
                "get_object", ExpiresIn=seconds,
                Params={"Bucket": self.bucket, "Key": self._name(key),
                        "ResponseContentType": mimetype,
                        "ResponseContentDisposition": disposition})

    # --- the client, the bucket check and the errors ---------------------------------------

    def client(self):
        """The boto3 S3 client, made (and the bucket checked) on first use in this process."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    try:
                        client = self._new_client()
                    except ValueError as exc:  # botocore's word for a malformed endpoint URL
                        raise MediaStoreUnavailable(
                            f"HERITAGE_S3_ENDPOINT_URL={self.endpoint_url!r} is not usable "
                            f"({exc}): write it as http(s)://host:port") from None
                    self._check_bucket(client)
                    self._client = client
        return self._client

    def _new_client(self):
        import boto3
        from botocore.config import Config

        config = Config(connect_timeout=10, read_timeout=60, retries={"max_attempts": 5,
                                                                       "mode": "standard"})
        return boto3.session.Session().client("s3", endpoint_url=self.endpoint_url,
                                              region_name=self.region, config=config)

    def _check_bucket(self, client) -> None:
        with self._translated(None):
            client.head_bucket(Bucket=self.bucket)

    def _transfer(self):
        from boto3.s3.transfer import TransferConfig

        return TransferConfig(multipart_threshold=self.multipart_bytes,
                              multipart_chunksize=self.multipart_bytes, use_threads=True)

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    @contextmanager
    def _translated(self, key: str | None):
        """Turn botocore's errors into MediaMissing (for ``key``) or MediaStoreUnavailable."""
        from botocore.exceptions import (BotoCoreError, ClientError, NoCredentialsError,
                                         NoRegionError, PartialCredentialsError)

        try:
            yield
        except ClientError as exc:
            raise self._client_error(exc, key) from None
        except (NoCredentialsError, PartialCredentialsError):
            raise MediaStoreUnavailable(
                f"no S3 credentials for the media store ({self.where()}): set AWS_ACCESS_KEY_ID "
                f"and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in heritage's environment") from None
        except NoRegionError:
            raise MediaStoreUnavailable(
                f"no region for the S3 media store ({self.where()}): set HERITAGE_S3_REGION or "
                f"AWS_DEFAULT_REGION (e.g. eu-north-1)") from None
        except BotoCoreError as exc:  # the endpoint does not answer, a timeout, a bad URL
            raise MediaStoreUnavailable(
                f"the S3 media store ({self.where()}) cannot be reached: {exc}. Check "
                f"HERITAGE_S3_ENDPOINT_URL, the network and that the server is running") from None

    def _client_error(self, exc, key: str | None) -> Exception:
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        if code in _NO_BUCKET or (key is None and code in _MISSING):
            return MediaStoreUnavailable(
                f"the S3 media store's bucket does not exist ({self.where()}): create it, or "
                f"check HERITAGE_S3_BUCKET and HERITAGE_S3_ENDPOINT_URL")
        if code in _MISSING and key:
            return MediaMissing(f"media file {key!r} is missing from the S3 {self.where()}")
        if code in _DENIED:
            return MediaStoreUnavailable(
                f"the S3 media store refused access ({self.where()}, {code}): check "
                f"AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and that they may list, read, write "
                f"and delete in the bucket")
        message = error.get("Message") or code or str(exc)
        return MediaStoreUnavailable(f"the S3 media store ({self.where()}) answered an error "
                                     f"for {key or 'the bucket'!r}: {message}")


class _ObjectReader(io.RawIOBase):
    """A stored object as a seekable raw file, read by ranged GETs.

    Each GET asks for a window from the current position: 1 MiB after a seek (a Range
    request, Pillow or lxml looking around), doubling up to 64 MiB while the reading goes on
    straight ahead (a download, a fixity check), so a short read never pulls a whole master
    and a long one needs few requests; a window read to its end hands its connection back.
    """

    FIRST_WINDOW, LARGEST_WINDOW = 1024 * 1024, 64 * 1024 * 1024

    def __init__(self, store: S3MediaStore, key: str):
        super().__init__()
        self.store, self.key, self.length = store, key, 0
        self.position = 0
        self._body, self._body_at, self._body_end, self._window = None, -1, -1, 0

    def start(self) -> None:
        """GET the first window, learning the object's size from its Content-Range."""
        from botocore.exceptions import ClientError

        self._window = self.FIRST_WINDOW
        with self.store._translated(self.key):
            try:
                answer = self.store.client().get_object(
                    Bucket=self.store.bucket, Key=self.store._name(self.key),
                    Range=f"bytes=0-{self._window - 1}")
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") != "InvalidRange":
                    raise
                self.length = 0  # an empty object has no byte 0 to start a range at
                return
        content_range = answer.get("ContentRange") or ""
        self.length = int(content_range.rsplit("/", 1)[1]) if "/" in content_range \
            else answer["ContentLength"]  # a server that ignored the Range sent it all
        end = min(self._window, self.length) if content_range else self.length
        self._body, self._body_at, self._body_end = answer["Body"], 0, end

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.length}[whence]
        if base + offset < 0:
            raise OSError(f"cannot seek to {base + offset} in {self.key!r}")
        self.position = base + offset
        return self.position

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self.length - self.position)
        if wanted <= 0:
            return 0
        if self._body is None or self._body_at != self.position or self.position >= self._body_end:
            self._open_window()
        with self.store._translated(self.key):
            data = self._body.read(min(wanted, self._body_end - self.position))
        if not data:
            raise OSError(f"the S3 media store ended {self.key!r} at byte {self.position} of "
                          f"{self.length}; try again")
        buffer[:len(data)] = data
        self.position += len(data)
        self._body_at = self.position
        return len(data)

    def _open_window(self) -> None:
        straight_on = self._body is not None and self._body_end == self.position
        self._window = min(self._window * 2, self.LARGEST_WINDOW) if straight_on \
            else self.FIRST_WINDOW
        self._drop_body()
        end = min(self.position + self._window, self.length)
        with self.store._translated(self.key):
            answer = self.store.client().get_object(
                Bucket=self.store.bucket, Key=self.store._name(self.key),
                Range=f"bytes={self.position}-{end - 1}")
        self._body, self._body_at, self._body_end = answer["Body"], self.position, end

    def _drop_body(self) -> None:
        if self._body is not None:
            self._body.close()
        self._body, self._body_at, self._body_end = None, -1, -1

    def close(self) -> None:
        self._drop_body()
        super().close()


def _content_disposition(filename: str, attachment: bool) -> str:
    """A Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    from urllib.parse import quote

    fallback = filename.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
