"""Writing the index fast: postings grouped per term and written a block at a time, on all cores.

Whoosh's writer puts every posting in a sorting pool as a tuple, sorts them all and hands
them to the codec one at a time; for 400-odd postings a clipping that was most of the
build.  :class:`BulkSegmentWriter` keeps each term's postings together as they arrive (a
segment's documents arrive in document order, so they are already sorted), sorts only the
terms, and fills the codec's posting blocks (128 postings) a block at a time.  The files it
writes are ordinary Whoosh segments: readers, merges and later writers do not know.

:func:`bulk_replace` indexes batches of documents in worker processes, each writing its own
segments, and commits them together in place of everything the index held.
"""
from __future__ import annotations

import os
from array import array
from itertools import islice
from typing import Any, Iterable

from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.writing import SegmentWriter

from ..processes import process_context

SEGMENT_DOCUMENTS = 12_500  # documents of one worker's segment (about 400 MB of postings)


class TermPool:
    """Postings of one segment, grouped by (field, term) in document order."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes], tuple[array, array, list]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple) -> None:
        fieldname, btext, docnum, weight, value = item
        found = self.terms.get((fieldname, btext))
        if found is None:
            found = self.terms[(fieldname, btext)] = (array("I"), array("f"), [])
            self.fieldnames.add(fieldname)
        found[0].append(docnum)
        found[1].append(weight)
        if value:
            found[2].append(value)

    def cleanup(self) -> None:
        self.terms = {}


class BulkSegmentWriter(SegmentWriter):
    """A Whoosh segment writer with a :class:`TermPool` and block-at-a-time postings."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document`` with postings going straight to the pool's arrays.

        (No per-document boosts, term vectors or spelling fields: heritage's schema has none.)
        """
        self._check_state()
        schema, perdoc, docnum = self.schema, self.perdocwriter, self.docnum
        terms, fieldnames = self.pool.terms, self.pool.fieldnames
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        found = terms.get((name, tbytes))
                        if found is None:
                            found = terms[(name, tbytes)] = (array("I"), array("f"), [])
                            fieldnames.add(name)
                        found[0].append(docnum)
                        found[1].append(weight)
                        if vbytes:
                            found[2].append(vbytes)
                        length += freq
                    if not field.scorable:
                        length = 0
                stored = fields.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer = self.fieldwriter
        current = None
        for key in sorted(self.pool.terms):
            fieldname, btext = key
            if fieldname != current:
                if current is not None:
                    writer.finish_field()
                writer.start_field(fieldname, self.schema[fieldname])
                current = fieldname
            writer.start_term(btext)
            _fill_blocks(writer._postwriter, *self.pool.terms[key])
            writer.finish_term()
        if current is not None:
            writer.finish_field()
        writer.close()


def _fill_blocks(postings, docs: array, weights: array, values: list) -> None:
    """Hand a term's postings to the codec's writer a full block at a time.

    The last block stays in the writer: ``finish_term`` writes it and marks it the last,
    exactly as after the same postings added one by one.
    """
    size = postings._blocklimit
    for start in range(0, len(docs), size):
        end = start + size
        postings._ids = docs[start:end]
        postings._weights = weights[start:end]
        postings._values = values[start:end]
        postings._maxweight = max(postings._weights)
        postings._minlength, postings._maxlength = None, 0
        if end < len(docs):
            postings._write_block()


def _worker(folder: str, jobs, results) -> None:
    """In a worker process: index the batches of documents that arrive on ``jobs``.

    A new segment starts every :data:`SEGMENT_DOCUMENTS` documents, which bounds the
    memory a worker holds; at the end (a ``None`` job) the segments go back on ``results``.
    """
    from .index import IndexCodec, document_fields

    ix = whoosh_index.open_dir(folder)
    segments, writer = [], None
    try:
        while (batch := jobs.get()) is not None:
            for document in batch:
                if writer is None:
                    writer = BulkSegmentWriter(ix, _lk=False, codec=IndexCodec())
                writer.add_document(**document_fields(document))
                if writer.docnum >= SEGMENT_DOCUMENTS:
                    segments.append(writer._finalize_segment())
                    writer = None
        if writer is not None:
            segments.append(writer._finalize_segment())
        # not writer._finish(): the workers share the index's temporary folder, and the
        # parent writer removes it when it commits
        results.put(("done", segments))
    except BaseException as error:  # the parent re-raises it
        results.put(("failed", f"{type(error).__name__}: {error}"))


def bulk_replace(ix: Index, documents: Iterable[dict[str, Any]], procs: int | None = None,
                 batch: int = 200) -> int:
    """Replace everything ``ix`` holds with ``documents``, indexed on ``procs`` processes.

    The documents go out in batches to whichever worker is free; each worker writes
    segments of up to :data:`SEGMENT_DOCUMENTS` documents.  Readers see the old generation
    until the commit; if anything fails, nothing is committed.
    """
    from .index import WRITER_TIMEOUT, IndexCodec

    procs = procs or os.cpu_count() or 1
    context = process_context(__name__)
    jobs, results = context.Queue(procs * 2), context.Queue()
    writer = BulkSegmentWriter(ix, codec=IndexCodec(), timeout=WRITER_TIMEOUT)
    workers = [context.Process(target=_worker, args=(ix.storage.folder, jobs, results), daemon=True)
               for _ in range(procs)]
    count, segments = 0, []
    try:
        for worker in workers:
            worker.start()
        remaining = iter(documents)
        for chunk in iter(lambda: list(islice(remaining, batch)), []):
            count += len(chunk)
            jobs.put(chunk)
        for _ in workers:
            jobs.put(None)
        for _ in workers:
            outcome, found = results.get()
            if outcome != "done":
                raise RuntimeError(f"an indexing process failed: {found}")
            segments.extend(found)
        for worker in workers:
            worker.join()
    except BaseException:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
        writer.cancel()
        raise
    writer._close_segment()
    writer._commit_toc(segments)  # only these: the old segments are dropped
    writer._finish()
    return count
