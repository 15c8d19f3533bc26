"""Answering a reader's query from the PostgreSQL index, the way :mod:`.query` does from Whoosh.

The query is parsed by the same :func:`heritage.search.query.parse`; each word becomes the
OR of the lexemes its stems and folded form have in the fields it may match (see
:mod:`.pg_index`; those no document has are left out), each phrase a ``<->`` chain of
surface forms, and the tree one SQL condition of ``terms @@ tsquery`` tests, answered from
the GIN index (:func:`tune_for_words`).  Ranking adds, per word, its inverse document
frequency (counted once per generation of the index, :class:`.pg_compile.Counts`) times
``ts_rank_cd`` with the field weights, saturated like BM25's term frequency.  Snippets,
highlight marks and spoken moments come from the stored fields through the very functions
Whoosh hits use, so both backends show the same passages.  Wildcards, the fuzzy fallback
and "did you mean" read the index's vocabulary (``ts_stat``), kept per process until the
next committed write.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from rapidfuzz.distance import DamerauLevenshtein
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine

from .analyzers import fold
from .pg_compile import (Clause, QueryCompiler, document_count, forget_vocabularies, frequencies,
                         scope_conditions)
from .query import (FUZZY_BELOW, Compiled, FacetCount, QueryMarks, SearchPage, Word, Years, _hit,
                    begin_search, parse)

__all__ = ["search", "query_marks", "forget_vocabularies"]

@dataclass
class _Found:
    """A compiled query with its scope: the WHERE clause, parameters and score."""

    compiler: QueryCompiler
    where: str
    score: str | None
    params: dict = field(default_factory=dict)


def _prepare(engine, connection, tree, fuzzy: bool, prefix: str, published_only: bool,
             wanted: Mapping[str, Sequence[str]], years) -> tuple[_Found, Clause | None]:
    compiler = QueryCompiler(engine, connection, fuzzy, prefix)
    clause = compiler.run(tree)
    spans = ([Years(*years)] if years else []) + compiler.out.years
    scope = scope_conditions(compiler, published_only, {**compiler.out.filters, **wanted}, spans)
    where = " AND ".join(scope + ([clause.condition] if clause else []))
    score = None
    if clause is not None:
        if len({s.counted for s in compiler.scored}) > 1:
            score = compiler.score(_frequencies(connection, compiler),
                                   document_count(compiler.counts, connection))
        else:
            score = compiler.score(None, 0)
    return _Found(compiler, where, score, compiler.params), clause


def _frequencies(connection, compiler: QueryCompiler) -> dict[str, int]:
    """How many documents have each ranked term (its document frequency)."""
    wanted = {s.counted: compiler.params[s.counted] for s in compiler.scored}
    return frequencies(compiler.counts, connection, wanted) if wanted else {}


def _total(connection, found: _Found) -> int:
    return int(connection.execute(
        sql(f"SELECT count(*) FROM search_document WHERE {found.where}"), found.params).scalar())


def search(engine: Engine, text: str = "", page: int = 1, page_size: int = 20,
           published_only: bool = True, *, facets: Sequence[str] = (),
           filters: Mapping[str, Sequence[str]] | None = None,
           years: tuple[int | None, int | None] | None = None, sort: str = "relevance",
           fuzzy: bool = True, list_all: bool = False) -> SearchPage:
    """Find items for what a reader typed, as :func:`heritage.search.query.search` does."""
    result, tree, empty = begin_search(text, page, page_size, facets, filters, years, sort,
                                       list_all)
    if empty:
        return result
    wanted = result.filters
    with engine.connect() as connection:
        # one snapshot for counts, facets and the page, whatever other servers write meanwhile
        connection.execute(sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        if tree is not None:
            tune_for_words(connection)
        return _search(engine, connection, text, tree, wanted, years, result, facets,
                       published_only, fuzzy)


def tune_for_words(connection) -> None:
    """Planner settings for the rest of this transaction, for a query with words.

    * No sequential scans: ``terms`` (~8 KB a row) lives out of line (TOAST), and the planner
      does not count the cost of fetching it, so for a common word it scans the table and
      fetches every row's ``terms`` to test ``@@`` (270 ms at 20,000 documents) where the GIN
      index answers the same test without reading ``terms`` at all (15 ms).
    * No JIT: these statements are short, and compiling them costs more than it saves.
    * Memory enough to keep the matched rows of a common word out of temporary files.
    """
    for setting in ("enable_seqscan = off", "jit = off", "work_mem = '64MB'"):
        connection.execute(sql(f"SET LOCAL {setting}"))


def _search(engine, connection, text, tree, wanted, years, result: SearchPage, facets,
            published_only: bool, fuzzy: bool) -> SearchPage:
    found, clause = _prepare(engine, connection, tree, False, "s", published_only, wanted, years)
    compiled = found.compiler.out
    if clause is None and tree is not None and not (compiled.years or compiled.filters):
        return result  # only punctuation
    answer = _one_pass(connection, found, facets, result)
    if clause is not None:
        if fuzzy and compiled.plain and answer.total < FUZZY_BELOW:
            loose, _ = _prepare(engine, connection, tree, True, "f", published_only, wanted, years)
            widened = _one_pass(connection, loose, facets, result)
            if widened.total > answer.total:
                found, answer, result.fuzzy = loose, widened, True
                compiled = loose.compiler.out
        strict_total = 0 if result.fuzzy else answer.total  # fuzzy matches prove no word known
        result.suggestion = _suggestion(found.compiler, text, compiled, tree, strict_total)
    result.total = answer.total
    result.facets = _facet_counts(answer.facets, facets)
    result.hits = _hits(connection, answer.page, compiled, found.score is not None)
    return result


@dataclass
class _Answer:
    total: int
    facets: list  # [name=value, count]
    page: list  # [id, score] best first


def _order(result: SearchPage, scored: bool) -> str:
    if result.sort == "relevance" and scored:
        return "score DESC, id"
    if result.sort == "title":
        return 'sort_title COLLATE "C", id'
    direction = "DESC" if result.sort == "-date" else ""
    return f"sort_date = 0, sort_date {direction}, id"


def _one_pass(connection, found: _Found, facets: Sequence[str], result: SearchPage) -> _Answer:
    """The total, the facet counts and the page's ids, from one scan of the matching rows.

    Each row's ``terms`` is read (and decompressed) once, where three statements would read
    it three times.
    """
    order = _order(result, found.score is not None)
    counted = ("(SELECT json_agg(json_build_array(value, n)) FROM (SELECT value, count(*) AS n "
               "FROM matched CROSS JOIN LATERAL unnest(facets) AS value GROUP BY value) f)"
               if facets else "NULL")
    row = connection.execute(sql(
        f"WITH matched AS MATERIALIZED (SELECT id, facets, {found.score or '0'} AS score, "
        f"sort_date, sort_title FROM {_rows(found)}), "
        f"page AS (SELECT * FROM matched ORDER BY {order} LIMIT :_limit OFFSET :_offset) "
        f"SELECT (SELECT count(*) FROM matched), {counted}, "
        f"(SELECT json_agg(json_build_array(id, score) ORDER BY {order}) FROM page)"),
        {**found.params, "_limit": result.page_size,
         "_offset": (result.page - 1) * result.page_size}).one()
    return _Answer(int(row[0]), _fields(row[1]) or [], _fields(row[2]) or [])


def _rows(found: _Found) -> str:
    """The matched rows, as the FROM clause the score is computed over.

    Each ``ts_rank_cd`` call fetches the row's out-of-line ``terms`` again; when a score
    ranks several terms, the rows come from a subquery that fetches it once (``setweight``
    with no lexemes returns it unchanged, in memory) for the calls to share.
    """
    if len(found.compiler.scored) < 2:
        return f"search_document WHERE {found.where}"
    return (f"(SELECT id, facets, sort_date, sort_title, setweight(terms, 'D', '{{}}') AS terms "
            f"FROM search_document WHERE {found.where} OFFSET 0) AS fetched")


def _facet_counts(rows: list, facets: Sequence[str]) -> dict[str, list[FacetCount]]:
    """(value, count) of each asked facet over every result, most frequent first."""
    counts: dict[str, list[tuple[str, int]]] = {name: [] for name in facets}
    for key, count in rows:
        name, _, value = key.partition("=")
        if name in counts:
            counts[name].append((value, int(count)))
    return {name: [FacetCount(v, c, v) for v, c in sorted(pairs, key=lambda p: (-p[1], p[0]))]
            for name, pairs in counts.items()}


def _hits(connection, page: list, compiled: Compiled, scored: bool) -> list:
    """The page's hits, in its order, from their stored fields."""
    if not page:
        return []
    ids = [int(item_id) for item_id, _ in page]
    stored = dict(connection.execute(sql("SELECT id, stored FROM search_document "
                                         "WHERE id = ANY(:ids)"), {"ids": ids}).all())
    compiled.view = None  # the highlighter compares each word's stems itself
    return [_hit(_fields(stored[int(item_id)]), float(score) if scored else 0.0, compiled)
            for item_id, score in page]


def _fields(stored) -> dict:
    return json.loads(stored) if isinstance(stored, str) else stored


def _suggestion(compiler: QueryCompiler, text: str, compiled: Compiled, tree, total: int) -> str | None:
    """The query with unknown words replaced by the likeliest known word form (as Whoosh's)."""
    replaced, changed = text, False
    for node in compiled.plain:
        if "*" in node.text or "?" in node.text or node.text.isdigit():
            continue
        if total and isinstance(tree, Word):
            break  # the whole query is one word, and it found something: a known word
        if compiler.frequency(compiler.word_query.get(id(node), "")):
            continue  # a known word (its stems or form are in some document)
        vocabulary = compiler.vocabulary
        folded = fold(node.text)
        options = [o for o in vocabulary.near("exact", folded, 2, prefix=1) if o != folded]
        if not options:
            continue
        exact = vocabulary.terms("exact")
        best = max(options, key=lambda o: (-DamerauLevenshtein.distance(folded, o),
                                           exact.get(o, 0), o))
        replaced = re.sub(rf"(?<!\w){re.escape(node.text)}(?!\w)", best, replaced, count=1)
        changed = True
    return replaced if changed else None


def query_marks(engine: Engine, text: str) -> QueryMarks | None:
    """The marks of a reader's query (None when it names no words), as :func:`search` finds them."""
    tree = parse(text or "")
    if tree is None:
        return None
    with engine.connect() as connection:
        tune_for_words(connection)
        found, clause = _prepare(engine, connection, tree, False, "s", True, {}, None)
        if clause is None:
            return None
        compiled = found.compiler.out
        if compiled.plain:
            matched = _total(connection, found)
            if matched < FUZZY_BELOW:
                loose, _ = _prepare(engine, connection, tree, True, "f", True, {}, None)
                if _total(connection, loose) > matched:
                    compiled = loose.compiler.out
    compiled.view = None
    return QueryMarks(compiled)
