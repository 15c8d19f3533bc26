"""Evaluating queries over the Whoosh index with NumPy: whole posting lists at a time.

Whoosh keeps the index on disk (segments, term dictionaries, posting blocks, stored
fields); its own matchers walk postings one document at a time in Python, which at
100,000 clippings and a word found in half of them costs hundreds of milliseconds.  Here
each posting list is decoded a block at a time into arrays (and kept in a bounded cache),
and a query becomes array arithmetic over every document of the index at once: BM25
scores added, presence masks combined with ``&``/``|``/``~``, phrases found by
intersecting (document, position) keys, facets counted with ``bincount``.

:class:`IndexView` is what one open reader knows; build one per searcher generation.
"""
from __future__ import annotations

import math
import threading
from collections import OrderedDict
from typing import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher

from .analyzers import stems
from .schema import FACET_FIELDS, TEXT_FIELDS

K1 = 1.2
B = 0.75  # length normalisation, for the page text only; short fields saturate without it
CACHE_BYTES = 256 * 2 ** 20  # decoded posting lists kept per view


class IndexView:
    """Arrays over every document of one reader: who may be seen, facets, dates, postings."""

    def __init__(self, reader):
        self.reader = reader
        # One view serves every thread of a process; Whoosh's readers seek and read shared
        # files, so whatever touches the reader holds this lock (built arrays are read freely).
        self.lock = threading.RLock()
        self._warm = False
        self.size = reader.doc_count_all()
        self.leaves = [(leaf, offset) for leaf, offset in reader.leaf_readers()]
        self.live = np.ones(self.size, dtype=bool)
        for leaf, offset in self.leaves:
            deleted = list(leaf.deleted_docs_set) if leaf.has_deletions() else []
            self.live[np.asarray(deleted, dtype=np.int64) + offset] = False
        self.count = int(self.live.sum())
        self._facets: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        self._columns: dict[str, np.ndarray] = {}
        self._cache: OrderedDict[tuple, tuple] = OrderedDict()
        self._cached_bytes = 0
        # every level whose description is public (services.access.DESCRIBED); the page text
        # of all but "public" is never indexed (search.index.document_fields)
        self.public = self.mask_of("status", ["published"]) & self.mask_of(
            "access", ["public", "metadata_only", "reading_room", "embargo"])
        self.everything = self.mask_of("status", ["published", "draft", "withdrawn"])

    def warm(self) -> "IndexView":
        """Read now what any query may need, so no reader pays for it: columns, facets, words.

        Costs about a second at 100,000 documents, once per index generation.
        """
        if self._warm or not self.size:
            return self
        with self.lock:
            for name in ("year_start", "year_end", "sort_date", "text_length"):
                self.column(name)
            for name in FACET_FIELDS:
                self.facet(name)
            for fieldname in ("exact", "title", "fulltext"):
                self.vocabulary(fieldname)
            self.forms_by_stem("lv")
            self._warm = True
            return self

    def stored_fields(self, docnum: int) -> dict:
        with self.lock:
            return self.reader.stored_fields(docnum)

    # --- postings ---------------------------------------------------------------------------

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Live document numbers with the term, and the term's weight in each."""
        return self._cached(("p", fieldname, term), lambda: self._decode(fieldname, term, False))

    def positions(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """For every occurrence of the term: its document number and word position."""
        return self._cached(("x", fieldname, term), lambda: self._decode(fieldname, term, True))

    def doc_frequency(self, fieldname: str, term: str) -> int:
        return len(self.postings(fieldname, term)[0])

    def _cached(self, key, decode):
        with self.lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
            found = decode()
            self._cache[key] = found
            self._cached_bytes += sum(a.nbytes for a in found)
            while self._cached_bytes > CACHE_BYTES and len(self._cache) > 1:
                _, dropped = self._cache.popitem(last=False)
                self._cached_bytes -= sum(a.nbytes for a in dropped)
            return found

    def _decode(self, fieldname: str, term: str, positions: bool):
        firsts, seconds = [], []
        btext = term.encode("utf-8")
        for leaf, offset in self.leaves:
            if (fieldname, btext) not in leaf:
                continue
            fieldobj = leaf.schema[fieldname]
            matcher = leaf._terms.matcher(fieldname, btext, fieldobj.format)  # no deletion filter
            for ids, weights, values in _blocks(matcher, positions):
                ids = ids + offset
                if positions:
                    counts, words = _positions(values)
                    firsts.append(np.repeat(ids, counts))
                    seconds.append(words)
                else:
                    firsts.append(ids)
                    seconds.append(weights)
        if not firsts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64 if positions else np.float32)
        first, second = np.concatenate(firsts), np.concatenate(seconds)
        keep = self.live[first]
        return (first, second) if keep.all() else (first[keep], second[keep])

    # --- vocabulary -------------------------------------------------------------------------

    def near(self, fieldname: str, word: str, distance: int, prefix: int = 0) -> list[str]:
        """Terms of the field at most ``distance`` edits from ``word`` (transpositions count one).

        >>> from whoosh.filedb.filestore import RamStorage
        >>> from heritage.search.index import replace_all
        >>> from heritage.search.schema import ItemSchema
        >>> ix = RamStorage().create_index(ItemSchema())
        >>> _ = replace_all(ix, [{"id": "1", "title": "Krāslavas skola", "status": "published",
        ...                       "access": "public"}])
        >>> IndexView(ix.reader()).near("exact", "krasiava", 2)
        ['kraslavas']
        """
        vocabulary = self.vocabulary(fieldname)
        found = process.extract(word, vocabulary, scorer=DamerauLevenshtein.distance,
                                score_cutoff=distance, limit=None)
        return [term for term, _, _ in found if term[:prefix] == word[:prefix]]

    def forms_by_stem(self, language: str) -> dict[str, list[str]]:
        """Every folded word form of the index under its stem in ``language`` (to highlight)."""
        key = f"_forms_{language}"
        if key not in self._columns:
            by_stem: dict[str, list[str]] = {}
            for form in self.vocabulary("exact"):
                for stem in stems(form, (language,)):
                    by_stem.setdefault(stem, []).append(form)
            self._columns[key] = by_stem
        return self._columns[key]

    def vocabulary(self, fieldname: str) -> list[str]:
        """Every term of the field (for the fuzzy fallback and "did you mean")."""
        key = f"_vocabulary_{fieldname}"
        if key not in self._columns:
            with self.lock:
                words = [t.decode("utf-8") for t in self.reader.lexicon(fieldname)]
            self._columns[key] = words
        return self._columns[key]

    def has_term(self, fieldname: str, term: str) -> bool:
        with self.lock:
            return (fieldname, term) in self.reader

    def expand_prefix(self, fieldname: str, prefix: str) -> list[str]:
        """The field's terms starting with ``prefix``."""
        with self.lock:
            return [t.decode("utf-8") if isinstance(t, bytes) else t
                    for t in self.reader.expand_prefix(fieldname, prefix)]

    # --- scoring ----------------------------------------------------------------------------

    def term_scores(self, fieldname: str, term: str, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """BM25 scores of the term's documents (BM25F-style: the field boost is in the weight)."""
        ids, weights = self.postings(fieldname, term)
        if not len(ids):
            return ids, weights
        idf = math.log(1 + (self.count - len(ids) + 0.5) / (len(ids) + 0.5))
        if fieldname in ("fulltext", "exact"):
            lengths = self.column("text_length")
            norm = K1 * ((1 - B) + B * lengths[ids] / max(1.0, self.average_length))
        else:
            norm = K1
        return ids, (boost * idf * weights * (K1 + 1) / (weights + norm)).astype(np.float32)

    @property
    def average_length(self) -> float:
        if "_average" not in self._columns:
            lengths = self.column("text_length")[self.live]
            self._columns["_average"] = np.array([lengths.mean() if len(lengths) else 1.0])
        return float(self._columns["_average"][0])

    # --- masks, facets, columns -------------------------------------------------------------

    def mask_of(self, fieldname: str, terms: Iterable[str]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for term in terms:
            mask[self.postings(fieldname, term)[0]] = True
        return mask

    def facet(self, name: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The facet's values, and (document, value number) pairs of live documents."""
        if name not in self._facets:
            fieldname = FACET_FIELDS[name]
            values, docs, which = [], [], []
            with self.lock:
                terms = list(self.reader.lexicon(fieldname))
            for number, term in enumerate(terms):
                with self.lock:
                    ids, _ = self._decode(fieldname, term.decode("utf-8"), False)
                values.append(term.decode("utf-8"))
                docs.append(ids)
                which.append(np.full(len(ids), number, dtype=np.int32))
            self._facets[name] = (
                values, np.concatenate(docs) if docs else np.zeros(0, np.int64),
                np.concatenate(which) if which else np.zeros(0, np.int32))
        return self._facets[name]

    def counts(self, name: str, matched: np.ndarray) -> list[tuple[str, int]]:
        """(value, count) of a facet over the matched documents, most frequent first."""
        values, docs, which = self.facet(name)
        if not values:
            return []
        counts = np.bincount(which[matched[docs]], minlength=len(values))
        order = sorted(np.flatnonzero(counts), key=lambda i: (-counts[i], values[i]))
        return [(values[i], int(counts[i])) for i in order]

    def facet_mask(self, name: str, wanted: Iterable[str], fold) -> np.ndarray:
        values, docs, which = self.facet(name)
        folded = {fold(v) for v in wanted}
        chosen = [i for i, value in enumerate(values) if fold(value) in folded]
        mask = np.zeros(self.size, dtype=bool)
        mask[docs[np.isin(which, chosen)]] = True
        return mask

    def column(self, name: str) -> np.ndarray:
        """A column's value for every document: years, sortable date, text length, title."""
        if name not in self._columns:
            with self.lock:
                values = list(self.reader.column_reader(name)) if self.size else []
            dtype = object if name == "sort_title" else np.int64
            self._columns[name] = np.array(values, dtype=dtype)
        return self._columns[name]

    def years_mask(self, start: int | None, end: int | None) -> np.ndarray:
        first, last = self.column("year_start"), self.column("year_end")
        mask = first <= last  # dated at all
        if start is not None:
            mask &= last >= start
        if end is not None:
            mask &= first <= end
        return mask


def _blocks(matcher, values: bool):
    """(ids, weights, values or None) of each posting block of one segment's term.

    Reads the blocks Whoosh's block matcher would read (its file offsets, its pickled and
    compressed block data) but decodes the ids and weights with NumPy instead of stepping
    through them; small posting lists inlined in the term dictionary come as one block.
    """
    if isinstance(matcher, ListMatcher):
        ids = np.asarray(matcher._ids, dtype=np.int64)
        weights = (np.asarray(matcher._weights, dtype=np.float32) if matcher._weights is not None
                   else np.ones(len(ids), dtype=np.float32))
        yield ids, weights, (matcher._values or ()) if values else None
        return
    if not isinstance(matcher, W3LeafMatcher):  # pragma: no cover - another codec
        raise TypeError(f"cannot read postings from {type(matcher).__name__}")
    while matcher.is_active():
        matcher._read_data()
        deltas, weights, stored = matcher._data
        if isinstance(deltas, bytes):  # heritage's array blocks (see index.ArrayBlockWriter)
            ids = np.cumsum(np.frombuffer(deltas, "<u4"), dtype=np.int64)
        else:  # Whoosh's own: a tuple of deltas
            ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
        if weights is None:
            weights = np.ones(len(ids), dtype=np.float32)
        elif isinstance(weights, float):
            weights = np.full(len(ids), weights, dtype=np.float32)
        elif isinstance(weights, bytes):
            weights = np.frombuffer(weights, "<f4")
        else:
            weights = np.asarray(weights, dtype=np.float32)
        yield ids, weights, stored if values else None
        matcher._next_block()


def _positions(values) -> tuple[np.ndarray, np.ndarray]:
    """How many positions each posting of a block has, and all of them in order.

    A value is a big-endian count and the positions as 32-bit integers (``WordPositions``);
    heritage's blocks keep a block's values as one string and their sizes.
    """
    if isinstance(values, list):
        blob, sizes = values
        sizes = np.frombuffer(sizes, "<u4").astype(np.int64)
    else:
        blob = b"".join(values)
        sizes = np.fromiter(map(len, values), np.int64, len(values))
    words = np.frombuffer(blob, "=u4")
    headers = np.cumsum(sizes // 4) - sizes // 4  # the count word opening each value
    keep = np.ones(len(words), dtype=bool)
    keep[headers] = False
    return sizes // 4 - 1, words[keep].astype(np.int64)


def phrase_documents(view: IndexView, fieldname: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Documents where ``words`` occur one after another, and how often."""
    keys = None
    span = len(words)
    for i, word in enumerate(words):
        docs, places = view.positions(fieldname, word)
        if not len(docs):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        these = (docs << 32) | (places + (span - i))
        keys = these if keys is None else np.intersect1d(keys, these, assume_unique=True)
        if not len(keys):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.unique(keys >> 32, return_counts=True)


__all__ = ["IndexView", "phrase_documents", "TEXT_FIELDS"]
