"""Opening the Whoosh index and writing item documents to it.

A *document* is the plain dict :func:`heritage.services.items.search_document` makes of an
item (title, creator, ..., fulltext, collection, type, language, date, newspaper, branch,
files, status, access, and a recording's moments: ``[(start seconds, text), ...]``); :func:`document_fields` turns it into the index's fields.

Every write is one Whoosh commit: new segment files first, then the table of contents is
renamed into place, so a process killed during a commit leaves the previous generation
readable, and the next writer clears the half-written files away.
"""
from __future__ import annotations

import hashlib
from array import array
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter, W3Segment
from whoosh.util import IDCHARS
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index
from whoosh.writing import CLEAR

from dublin_core.edtf import parse_edtf, suggest_edtf
from dublin_core.errors import DublinCoreError

from .analyzers import document_languages, fold
from .bulk import BulkSegmentWriter, bulk_replace
from .schema import LANGUAGE_MARK, NO_END, NO_START, PART_MARK, ItemSchema

WRITER_TIMEOUT = 30.0  # seconds to wait for another process's write lock
WIDEST_DECADES = 5  # a date spanning more decades than this is not counted under any
_STEMMED = ("title", "creator", "subject", "place", "description", "other", "fulltext")


class IndexCodec(W3Codec):
    """Whoosh's codec without per-posting length statistics.

    Whoosh looks up the document's field length for every posting at flush time to record
    the shortest and longest document of each posting block; that lookup was a third of
    the build time.  Without it, block-skipping bounds assume the shortest possible length,
    which is still an upper bound, so top-N results stay exact (only less is skipped).
    """

    length_stats = False

    def __init__(self, blocklimit: int = 1024, compression: int = 1, inlinelimit: int = 1):
        # zlib level 1: a third of level 3's time for posting blocks a few per cent larger
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def new_segment(self, storage, indexname):
        return IndexSegment(self, indexname)

    def postings_writer(self, dbfile, byteids=False):
        return ArrayBlockWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return ArrayBlockMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class ArrayBlockWriter(W3PostingsWriter):
    """Posting blocks holding their ids, weights and variable values as plain bytes.

    Whoosh pickles a block's ids and weights as tuples of 128 Python numbers (protocol 2,
    which writes even an ``array`` as a list): unpickling those was most of the time of
    reading a long posting list.  Here they are little-endian 32-bit arrays in bytes, and
    variable-size values (word positions) one bytes string with their lengths, which
    :class:`ArrayBlockMatcher` and :mod:`heritage.search.engine` read back in one step.
    """

    def _mini_ids(self):
        ids = np.asarray(self._ids, dtype=np.int64)
        return np.diff(ids, prepend=0).astype("<u4").tobytes()

    def _mini_weights(self):
        weights = np.asarray(self._weights, dtype="<f4")
        if (weights == weights[0]).all():
            return None if weights[0] == 1.0 else float(weights[0])
        return weights.tobytes()

    def _mini_values(self):
        fixed = self._format.fixed_value_size()
        if fixed is not None and fixed >= 0:
            return super()._mini_values()
        values = self._values  # a list, where Whoosh's own blocks have a tuple of values
        return [b"".join(values), np.fromiter(map(len, values), "<u4", len(values)).tobytes()]


class ArrayBlockMatcher(W3LeafMatcher):
    """Whoosh's block matcher for :class:`ArrayBlockWriter`'s blocks (and Whoosh's own)."""

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        if isinstance(ids, bytes):
            self._ids = np.cumsum(np.frombuffer(ids, "<u4"), dtype=np.int64).tolist()
        else:
            super()._read_ids()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        if isinstance(weights, bytes):
            self._weights = array("f", np.frombuffer(weights, "<f4").tolist())
        else:
            super()._read_weights()

    def _read_values(self):
        if self._data is None:
            self._read_data()
        values = self._data[2]
        if isinstance(values, list):
            blob, sizes = values
            ends = np.cumsum(np.frombuffer(sizes, "<u4")).tolist()
            self._values = tuple(blob[start:end] for start, end in zip([0, *ends[:-1]], ends))
        else:
            super()._read_values()


class IndexSegment(W3Segment):
    """A segment named from the OS's randomness, not the ``random`` module's.

    Whoosh names segments with ``random.choice``; a program that seeds ``random`` (test
    generators do, for every example) would then give two segments one name, and the second
    commit fails.
    """

    @classmethod
    def _random_id(cls, size=16):
        return "".join(secrets.choice(IDCHARS) for _ in range(size))


def open_index(folder: str | Path) -> Index:
    """Open the index in ``folder``, creating it (and the folder) on first use."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(folder)):
        return whoosh_index.open_dir(str(folder))
    return whoosh_index.create_in(str(folder), ItemSchema())


def is_current(ix: Index) -> bool:
    """Tell whether ``ix`` was made with this version's schema (else it must be rebuilt)."""
    current = ItemSchema()
    return ix.schema.names() == current.names() and all(
        type(ix.schema[name]) is type(current[name]) for name in current.names())


def stamp(document: dict[str, Any]) -> str:
    """A short fingerprint of a document, stored with it so stale entries can be found."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def date_fields(date: str) -> dict[str, Any]:
    """Year range, decades and a sortable day number of an EDTF date.

    >>> date_fields("1938-05-12")
    {'year_start': 1938, 'year_end': 1938, 'decade': '1930', 'sort_date': 19380512}
    >>> date_fields("1935/1941")["decade"], date_fields("")["year_start"]
    ('1930\\n1940', 9999)
    >>> date_fields("ap 1938")["year_start"], date_fields("1930-tie gadi")["decade"]
    (1938, '1930')
    """
    parsed = None
    if date.strip():
        try:
            parsed = parse_edtf(date)
        except DublinCoreError:  # what staff typed: "ap 1938", "1930-tie gadi", "1938. gada maijs"
            suggested = suggest_edtf(date)
            parsed = parse_edtf(suggested.edtf) if suggested else None
    if parsed is None or (parsed.lower is None and parsed.upper is None):
        return {"year_start": NO_END, "year_end": NO_START, "decade": "", "sort_date": 0}
    start = parsed.lower.year if parsed.lower else NO_START
    end = parsed.upper.year if parsed.upper else NO_END
    decades = ""
    if parsed.lower and parsed.upper and (end // 10 - start // 10) < WIDEST_DECADES:
        decades = "\n".join(str(d * 10) for d in range(start // 10, end // 10 + 1))
    first = parsed.lower or parsed.upper
    return {"year_start": start, "year_end": end, "decade": decades,
            "sort_date": first.year * 10000 + first.month * 100 + first.day}


def document_fields(document: dict[str, Any]) -> dict[str, Any]:
    """The index fields of one document (see the module docstring for its keys)."""
    languages = ",".join(document_languages(document.get("language", "")))
    fields: dict[str, Any] = {"id": str(document["id"]), "stamp": stamp(document)}
    parts = []
    for name in _STEMMED:
        text = document.get(name) or ""
        if name == "fulltext" and document.get("access") != "public":
            text = ""  # the words of a restricted item's pages must not be findable in public
        fields[name] = f"{languages}{LANGUAGE_MARK}{text}"
        fields[f"_stored_{name}"] = text
        parts.append(text)
    fields["exact"] = PART_MARK.join(parts)
    fields["text_length"] = sum(part.count(" ") + 1 for part in parts if part)
    for name in ("type", "language"):
        fields[name] = "\n".join(v.strip() for v in (document.get(name) or "").split(","))
    fields["collection"] = document.get("collection") or ""
    fields["place_value"] = document.get("place") or ""
    fields["newspaper"] = document.get("newspaper") or ""
    fields["branch"] = document.get("branch") or ""
    fields.update(date_fields(document.get("date") or ""))
    fields["sort_title"] = fold(document.get("title") or "").encode("utf-8")
    fields.update(status=document.get("status", ""), access=document.get("access", ""),
                  date=document.get("date") or "", files=list(document.get("files") or []))
    # the moments of a recording are its spoken words: like the full text, only when public
    moments = document.get("moments") or []
    fields["moments"] = [[float(t), str(text)] for t, text in moments] \
        if document.get("access") == "public" else []
    return fields


def write_documents(ix: Index, documents: Iterable[dict[str, Any]],
                    deleted_ids: Iterable[int] = ()) -> None:
    """Add or replace ``documents`` and remove ``deleted_ids``, in one commit."""
    writer = BulkSegmentWriter(ix, codec=IndexCodec(), timeout=WRITER_TIMEOUT)
    try:
        for item_id in deleted_ids:
            writer.delete_by_term("id", str(item_id))
        for document in documents:
            writer.update_document(**document_fields(document))
    except BaseException:
        writer.cancel()
        raise
    _commit(writer)


def _commit(writer, **options) -> None:
    """Commit ``writer``; if that fails, release its lock so the next writer is not locked out."""
    try:
        writer.commit(**options)
    except BaseException:
        if writer.writelock is not None:
            writer.writelock.release()
        raise


def replace_all(ix: Index, documents: Iterable[dict[str, Any]], procs: int | None = None) -> int:
    """Empty the index and fill it with ``documents`` on ``procs`` processes (default: all cores).

    The old generation stays readable (and is what searchers see) until the commit.
    Returns how many documents were written.
    """
    procs = procs or os.cpu_count() or 1
    if procs > 1 and isinstance(ix.storage, FileStorage):
        return bulk_replace(ix, documents, procs)
    writer = BulkSegmentWriter(ix, codec=IndexCodec(), timeout=WRITER_TIMEOUT)
    count = 0
    try:
        for document in documents:
            writer.add_document(**document_fields(document))
            count += 1
    except BaseException:
        writer.cancel()
        raise
    _commit(writer, mergetype=CLEAR)
    return count


def build_index(folder: str | Path, documents: Iterable[dict[str, Any]],
                procs: int | None = None) -> int:
    """Build a fresh index in ``folder`` (empty or new) from ``documents``; returns the count."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: build a new index in an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    return replace_all(whoosh_index.create_in(str(folder), ItemSchema()), documents, procs)


def recreate(folder: str | Path) -> Index:
    """Throw away the index in ``folder`` (e.g. one made by an older schema) and start afresh."""
    shutil.rmtree(folder, ignore_errors=True)
    return open_index(folder)
