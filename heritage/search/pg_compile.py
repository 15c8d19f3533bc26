"""Compiling a parsed query to SQL over ``search_document`` (see :mod:`.pg_query`).

A plain word becomes the OR of the lexemes its stems (in every language a reader may mean)
and its folded form have in the fields it may match; a phrase a ``<->`` chain of surface
forms; wildcards, the fuzzy fallback and "did you mean" read the index's vocabulary
(``ts_stat``), kept per process until the next committed write.  What the query asks to
highlight is gathered in the same :class:`heritage.search.query.Compiled` as Whoosh's.
"""
from __future__ import annotations

import bisect
import fnmatch
import math
import re
import threading
from dataclasses import dataclass
from typing import Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine

from .analyzers import fold, query_stems
from .pg_index import FIELD_CODES, RANK_WEIGHTS, generation, quote, tagged
from .query import (MAX_EXPANSION, All, Any, Compiled, Filter, Not, Phrase, Word, Years,
                    misreadings)
from .schema import TEXT_FIELDS

PUBLIC_ACCESS = ("public", "metadata_only", "reading_room", "embargo")
"""Access levels whose description is public (as IndexView.public)."""
EVERY_STATUS = ("published", "draft", "withdrawn")
FUZZY_WEIGHT = 0.3  # a misread form counts this much of a word the reader typed
RANK_FUNCTION = "ts_rank_cd"
"""Cover density: a word's occurrences near each other count more (positions are indexed)."""


# --- Vocabulary ---------------------------------------------------------------------------------

class Vocabulary:
    """Every lexeme of the index, by field tag, with how many documents have it."""

    def __init__(self, rows):
        self.by_tag: dict[str, dict[str, int]] = {}
        for word, ndoc in rows:
            tag, _, term = word.partition("/")
            self.by_tag.setdefault(tag, {})[term] = ndoc
        self.sorted = {tag: sorted(terms) for tag, terms in self.by_tag.items()}

    def terms(self, fieldname: str) -> dict[str, int]:
        return self.by_tag.get(FIELD_CODES[fieldname], {})

    def near(self, fieldname: str, word: str, distance: int, prefix: int = 0) -> list[str]:
        """Terms at most ``distance`` edits from ``word`` (as IndexView.near)."""
        found = process.extract(word, self.sorted.get(FIELD_CODES[fieldname], []),
                                scorer=DamerauLevenshtein.distance, score_cutoff=distance,
                                limit=None)
        return [term for term, _, _ in found if term[:prefix] == word[:prefix]]

    def expand_prefix(self, fieldname: str, prefix: str) -> list[str]:
        """The field's terms starting with ``prefix``, in order."""
        terms = self.sorted.get(FIELD_CODES[fieldname], [])
        start = bisect.bisect_left(terms, prefix)
        end = start
        while end < len(terms) and terms[end].startswith(prefix):
            end += 1
        return terms[start:end]


_vocabularies: dict[tuple, Vocabulary] = {}
_vocabulary_lock = threading.Lock()


def vocabulary(engine: Engine, connection) -> Vocabulary:
    """The vocabulary of the index's current generation, read once per process and generation."""
    key = (engine.url.render_as_string(hide_password=True), generation(connection))
    found = _vocabularies.get(key)
    if found is None:
        with _vocabulary_lock:
            found = _vocabularies.get(key)
            if found is None:
                rows = connection.execute(sql(
                    "SELECT word, ndoc FROM ts_stat('SELECT terms FROM search_document')")).all()
                found = Vocabulary(rows)
                for stale in [k for k in _vocabularies if k[0] == key[0]]:
                    del _vocabularies[stale]
                _vocabularies[key] = found
    return found


def forget_vocabularies() -> None:
    """Drop every cached vocabulary and count (tests; after the tables are recreated)."""
    with _vocabulary_lock:
        _vocabularies.clear()
        _counts.clear()


class Counts:
    """What one generation of the index says about lexemes and tsqueries, as they are asked.

    Which lexemes some document has, how many documents match a tsquery, how many documents
    there are: none of it changes until the next committed write moves the generation, so a
    process asks each once per generation instead of once per query (at 20,000 documents a
    count of a common word's rows is a GIN scan of ~10 ms, and every ranked query needs one
    per term).
    """

    LIMIT = 100_000  # entries kept per generation before starting again (a bound on memory)

    def __init__(self):
        self.present: dict[str, bool] = {}
        self.frequency: dict[str, int] = {}
        self.documents: int | None = None

    def full(self) -> bool:
        return len(self.present) + len(self.frequency) > self.LIMIT


_counts: dict[tuple, Counts] = {}


def counts(engine: Engine, connection) -> Counts:
    """The counts cache of the index's current generation (as :func:`vocabulary`)."""
    key = (engine.url.render_as_string(hide_password=True), generation(connection))
    with _vocabulary_lock:
        found = _counts.get(key)
        if found is None or found.full():
            for stale in [k for k in _counts if k[0] == key[0]]:
                del _counts[stale]
            found = _counts[key] = Counts()
    return found


def present_lexemes(known: Counts, connection, lexemes: Sequence[str]) -> list[str]:
    """The ``lexemes`` some document has, in order (one GIN probe each, cached per generation).

    A word's tsquery names its stems in every language and field it may match, most of which
    no document has; ``ts_rank_cd`` walks every query item at every matched position, so
    ranking with only the lexemes that occur costs half as much and ranks alike (an absent
    lexeme neither matches nor adds to a cover).
    """
    asked = [lexeme for lexeme in dict.fromkeys(lexemes) if lexeme not in known.present]
    if asked:
        found = set(connection.execute(sql(
            "SELECT u.lexeme FROM unnest(CAST(:lexemes AS text[]), CAST(:queries AS text[])) "
            "AS u(lexeme, query) WHERE EXISTS (SELECT 1 FROM search_document "
            "WHERE terms @@ CAST(u.query AS tsquery))"),
            {"lexemes": asked, "queries": [quote(lexeme) for lexeme in asked]}).scalars())
        known.present.update((lexeme, lexeme in found) for lexeme in asked)
    return [lexeme for lexeme in lexemes if known.present[lexeme]]


def frequencies(known: Counts, connection, queries: Mapping[str, str]) -> dict[str, int]:
    """How many documents match each tsquery of ``queries`` (parameter name -> tsquery text)."""
    asked = sorted({q for q in queries.values() if q not in known.frequency})
    if asked:
        values = connection.execute(sql(
            "SELECT (SELECT count(*) FROM search_document WHERE terms @@ CAST(q AS tsquery)) "
            "FROM unnest(CAST(:queries AS text[])) WITH ORDINALITY AS u(q, n) ORDER BY n"),
            {"queries": asked}).scalars().all()
        known.frequency.update(zip(asked, (int(v) for v in values)))
    return {name: known.frequency[query] for name, query in queries.items()}


def document_count(known: Counts, connection) -> int:
    """How many documents the index holds (once per generation)."""
    if known.documents is None:
        known.documents = int(connection.execute(
            sql("SELECT count(*) FROM search_document")).scalar())
    return known.documents


def _excluded(clause: "Clause") -> str:
    """The rows ``clause`` does not hold for, as the complement of the ids it holds for.

    ``NOT (terms @@ q)`` would fetch every candidate row's ``terms`` (out of line, ~8 KB) to
    test it; the ids matching ``q`` come from the GIN index alone, once, as a hashed set.
    """
    return f"id NOT IN (SELECT id FROM search_document WHERE {clause.condition})"


# --- Compiling the tree to SQL --------------------------------------------------------------------

@dataclass
class Clause:
    """A boolean SQL condition over ``search_document``."""

    condition: str


@dataclass
class _Scored:
    query: str  # the parameter holding the tsquery
    factor: float
    counted: str  # the parameter whose document frequency gives the idf


class QueryCompiler:
    """Turns the query tree into one SQL condition, its parameters and what it ranks by."""

    def __init__(self, engine: Engine, connection, fuzzy: bool, prefix: str):
        self.engine, self.connection = engine, connection
        self.fuzzy = fuzzy
        self.prefix = prefix
        self.params: dict[str, object] = {}
        self.scored: list[_Scored] = []
        self.word_query: dict[int, str] = {}  # id of a plain Word -> its tsquery parameter
        self.frequencies: dict[str, int] = {}
        self.out = Compiled()
        self._vocabulary: Vocabulary | None = None
        self._counts: Counts | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = vocabulary(self.engine, self.connection)
        return self._vocabulary

    @property
    def counts(self) -> Counts:
        if self._counts is None:
            self._counts = counts(self.engine, self.connection)
        return self._counts

    def param(self, value) -> str:
        name = f"{self.prefix}{len(self.params)}"
        self.params[name] = value
        return name

    def matches(self, lexemes: Sequence[str], joiner: str = " | ", known: bool = False) -> str:
        """The parameter name of a tsquery joining ``lexemes``.

        Alternatives no document has are left out (:func:`present_lexemes`) unless they are
        ``known`` (taken from the vocabulary); when none is left the first stays, so the
        tsquery still matches nothing.
        """
        if joiner == " | " and len(lexemes) > 1 and not known:
            lexemes = present_lexemes(self.counts, self.connection, lexemes) or lexemes[:1]
        return self.param(joiner.join(quote(lexeme) for lexeme in lexemes))

    def run(self, node) -> Clause | None:
        return self._node(node, positive=True)

    def _node(self, node, positive: bool) -> Clause | None:
        if node is None:
            return None
        if isinstance(node, All):
            parts = []
            for child in node.nodes:
                negated = isinstance(child, Not)
                inner = self._node(child.node if negated else child, positive and not negated)
                if inner is not None:
                    parts.append(_excluded(inner) if negated else inner.condition)
            return Clause("(" + " AND ".join(parts) + ")") if parts else None
        if isinstance(node, Any):
            parts = [r.condition for r in (self._node(n, positive) for n in node.nodes) if r]
            return Clause("(" + " OR ".join(parts) + ")") if parts else None
        if isinstance(node, Not):
            inner = self._node(node.node, False)
            return None if inner is None else Clause(_excluded(inner))
        if isinstance(node, Years):
            if positive:
                self.out.years.append(node)
            return None
        if isinstance(node, Filter):
            if positive:
                self.out.filters.setdefault(node.facet, []).append(node.value)
                return None
            return Clause(facet_condition(self, node.facet, [node.value]))
        if isinstance(node, Phrase):
            return self._phrase(node, positive)
        return self._word(node, positive)

    def _word(self, node: Word, positive: bool) -> Clause:
        if "*" in node.text or "?" in node.text:
            return self._wildcard(node, positive)
        stems = query_stems(node.text)
        form = fold(node.text)
        fields = (node.field,) if node.field else TEXT_FIELDS
        lexemes = [tagged(f, s) for f in fields for s in stems]
        counted = self.matches(lexemes + ([tagged("exact", form)] if node.field is None else []))
        self.word_query[id(node)] = counted
        wider = []
        if positive:  # a word that must not occur adds nothing to a score (nor in Whoosh)
            self.scored.append(_Scored(counted, 1.0, counted))
            self.out.stems.update(stems)
            self.out.forms.add(form)
            self.out.plain.append(node)
            if self.fuzzy and len(form) >= 4 and not form.isdigit():
                wider = self._misread(form, stems, fields)
        condition = f"terms @@ CAST(:{counted} AS tsquery)"
        if wider:
            misread = self.matches(wider, known=True)
            self.scored.append(_Scored(misread, FUZZY_WEIGHT, counted))
            condition = f"({condition} OR terms @@ CAST(:{misread} AS tsquery))"
        if node.field is None and node.text.isdigit() and 1000 <= int(node.text) <= 2100:
            year = self.param(int(node.text))
            condition = f"({condition} OR (year_start <= :{year} AND year_end >= :{year}))"
        return Clause(condition)

    def _misread(self, form: str, stems: Sequence[str], fields: Sequence[str]) -> list[str]:
        """Lexemes one or two letters away from the word and its stems (as Whoosh's _misread)."""
        found = []
        for fieldname, near in misreadings(self.vocabulary.near, form, stems, fields):
            found.append(tagged(fieldname, near))
            (self.out.forms if fieldname == "exact" else self.out.stems).add(near)
        return found

    def _wildcard(self, node: Word, positive: bool) -> Clause:
        fieldname = node.field or "exact"
        prefix = re.split(r"[*?]", node.text, maxsplit=1)[0]
        matcher = re.compile(fnmatch.translate(node.text))
        expanded = []
        for term in self.vocabulary.expand_prefix(fieldname, prefix):
            if matcher.match(term):
                expanded.append(term)
                if len(expanded) >= MAX_EXPANSION:
                    break
        if positive and fieldname == "exact":
            self.out.forms.update(expanded)
        if positive and fieldname != "exact":
            self.out.patterns.append(node.text)
        if not expanded:
            return Clause("FALSE")
        query = self.matches([tagged(fieldname, t) for t in expanded], known=True)
        if positive:
            self.scored.append(_Scored(query, 1.0, query))
        return Clause(f"terms @@ CAST(:{query} AS tsquery)")

    def _phrase(self, node: Phrase, positive: bool) -> Clause:
        if positive:
            self.out.forms.update(node.words)
        query = self.matches([tagged("exact", w) for w in node.words], " <-> ")
        if positive:
            self.scored.append(_Scored(query, 1.0, query))
        condition = f"terms @@ CAST(:{query} AS tsquery)"
        if node.field is not None:
            for word in node.words:
                within = self.matches([tagged(node.field, s) for s in query_stems(word)])
                condition += f" AND terms @@ CAST(:{within} AS tsquery)"
        return Clause(f"({condition})")

    def frequency(self, name: str) -> int:
        """How many documents match the tsquery parameter ``name`` (counted once)."""
        if not name:
            return 0
        if name not in self.frequencies:
            self.frequencies.update(frequencies(self.counts, self.connection,
                                                {name: self.params[name]}))
        return self.frequencies[name]

    # --- ranking ---------------------------------------------------------------------------

    def score(self, frequencies: dict[str, int] | None, count: int) -> str:
        """The SQL score: per ranked term, idf × saturated ts_rank_cd (BM25's shape).

        Without ``frequencies`` (a query of one term) every idf is 1: one idf would scale
        every document's score alike, so the order is the same without counting it.
        """
        self.frequencies = dict(frequencies or {})
        parts = []
        for scored in self.scored:
            df = self.frequencies.get(scored.counted, 0)
            idf = scored.factor if frequencies is None else \
                math.log(1 + (count - df + 0.5) / (df + 0.5)) * scored.factor
            weight = self.param(idf)
            parts.append(f":{weight} * {RANK_FUNCTION}('{RANK_WEIGHTS}', terms, "
                         f"CAST(:{scored.query} AS tsquery), 32)")
        return " + ".join(parts) if parts else "0"


def facet_condition(compiler: QueryCompiler, name: str, values: Sequence[str]) -> str:
    """Items with any of ``values`` (folded) in facet ``name``."""
    keys = compiler.param([f"{name}={fold(v)}" for v in values])
    return f"facet_keys && CAST(:{keys} AS text[])"


def scope_conditions(compiler: QueryCompiler, published_only: bool, filters: Mapping[str, Sequence[str]],
           spans: Sequence[Years]) -> list[str]:
    """What may be seen, then the filters and year ranges, as SQL conditions."""
    statuses = ["published"] if published_only else list(EVERY_STATUS)
    conditions = [f"status = ANY(CAST(:{compiler.param(statuses)} AS text[]))"]
    if published_only:
        conditions.append(f"access = ANY(CAST(:{compiler.param(list(PUBLIC_ACCESS))} AS text[]))")
    for name, values in filters.items():
        conditions.append(facet_condition(compiler, name, values))
    for span in spans:
        conditions.append("year_start <= year_end")
        if span.start is not None:
            conditions.append(f"year_end >= :{compiler.param(span.start)}")
        if span.end is not None:
            conditions.append(f"year_start <= :{compiler.param(span.end)}")
    return conditions
