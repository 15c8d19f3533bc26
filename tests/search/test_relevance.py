"""Relevance of the public search: recall@3 and MRR over an invented corpus, lv, lt, ru and ltg.

The corpus and the queries live in :mod:`tests.search.relevance_corpus`.  Every query names the
item a librarian wants first; the test reports recall@3 (the item is among the first three hits)
and MRR (mean of 1/rank, 0 when it is not in the first ten) overall and per kind of query, and
fails below ``MIN_RECALL_AT_3``.  The table is printed in the terminal summary.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pytest

from tests.conftest import make_app
from heritage.services import search_backend
from heritage.services.database import upgrade_schema
from heritage.services.search import search_items
from tests.factories import make_item
from tests.search.relevance_corpus import BY_KEY, CORPUS, KINDS, RELEVANCE_QUERIES, CorpusItem

MIN_RECALL_AT_3 = 0.95
PAGE_SIZE = 10


@dataclass
class Corpus:
    """An application whose database and index hold the relevance corpus."""

    app: object
    ids: dict[str, int]
    keys: dict[int, str]

    def ranked_keys(self, query: str) -> list[str]:
        """Corpus keys of the first page of public results for ``query``, best first."""
        with self.app.app_context():
            page = search_items(query, page_size=PAGE_SIZE)
        return [self.keys.get(hit.id, f"#{hit.id}") for hit in page.hits]


@dataclass
class Outcome:
    """Where one query's expected item came."""

    query: str
    expected: str
    kind: str
    rank: int | None  # 1-based, None when not on the first page
    got: list[str]

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.rank if self.rank else 0.0

    @property
    def in_top3(self) -> bool:
        return self.rank is not None and self.rank <= 3


def _make_item_args(item: CorpusItem) -> dict:
    """Keyword arguments for ``make_item`` that store ``item``'s metadata and pages."""
    values = {"creator": item.creator, "subject": list(item.subjects), "spatial": list(item.place),
              "date": item.date, "language": item.language, "type": item.type}
    if item.description:
        values["description"] = item.description
    return dict(collection=item.collection, title=item.title, texts=item.pages,
                status=item.status, access_level=item.access, **values)


@pytest.fixture(scope="module")
def corpus(request, tmp_path_factory, backend_kind) -> Corpus:
    """The corpus, stored and indexed once per backend through the app factory.

    The PostgreSQL backend needs the application's database on PostgreSQL too.
    """
    database_url = None
    if backend_kind == "postgres":
        database_url = request.getfixturevalue("postgres_server").migrated_database()
    app = make_app(tmp_path_factory.mktemp("relevance"), database_url)
    app.config["HERITAGE_SEARCH_BACKEND"] = backend_kind
    with app.app_context():
        upgrade_schema()
        ids = {item.key: make_item(**_make_item_args(item)).id for item in CORPUS}
        assert search_backend().name == backend_kind
        assert len(search_backend().stamps()) == len(CORPUS)  # every item, drafts too
    return Corpus(app, ids, {number: key for key, number in ids.items()})


def _outcome(corpus: Corpus, query: str, expected: str, kind: str) -> Outcome:
    got = corpus.ranked_keys(query)
    rank = got.index(expected) + 1 if expected in got else None
    return Outcome(query, expected, kind, rank, got)


def _table(outcomes: list[Outcome]) -> list[str]:
    """Recall@3 and MRR per kind and overall, then every query that missed the first three."""
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    lines = [f"{'kind':<14} {'queries':>7} {'recall@3':>9} {'MRR':>6}"]
    for kind in [*KINDS, "all"]:
        rows = outcomes if kind == "all" else by_kind.get(kind, [])
        if rows:
            recall = sum(o.in_top3 for o in rows) / len(rows)
            mrr = sum(o.reciprocal_rank for o in rows) / len(rows)
            lines.append(f"{kind:<14} {len(rows):>7} {recall:>9.3f} {mrr:>6.3f}")
    misses = [o for o in outcomes if not o.in_top3]
    if misses:
        lines.append(f"queries whose item is not in the first 3 ({len(misses)}):")
    for o in misses:
        where = f"rank {o.rank}" if o.rank else f"not in first {PAGE_SIZE}"
        lines.append(f"  [{o.kind}] {o.query!r} -> {o.expected} ({where}); got {o.got[:5]}")
    return lines


def test_corpus_and_queries_are_well_formed():
    assert len(RELEVANCE_QUERIES) >= 60
    assert len({item.key for item in CORPUS}) == len(CORPUS)
    counts = defaultdict(int)
    for query, expected, kind in RELEVANCE_QUERIES:
        assert kind in KINDS, query
        assert BY_KEY[expected].status == "published" and BY_KEY[expected].access != "staff", query
        counts[kind] += 1
    minimum = {"inflected": 10, "undiacritised": 10, "phrase": 8, "ocr": 8, "lt": 8}
    assert all(counts[kind] >= n for kind, n in minimum.items()), dict(counts)


def test_recall_at_3_and_mrr(corpus, relevance_report, backend_kind):
    outcomes = [_outcome(corpus, *row) for row in RELEVANCE_QUERIES]
    lines = [f"backend: {backend_kind}", *_table(outcomes)]
    relevance_report.extend(lines)
    print("\n".join(lines))
    recall = sum(o.in_top3 for o in outcomes) / len(outcomes)
    assert recall >= MIN_RECALL_AT_3, "\n".join(lines)


@pytest.mark.parametrize("query, never", [
    # an exact phrase matches its own inflection only
    ('"lopu vagonos"', "kirsukalns-pieminas-akmens"),        # that text says "lopu vagoni"
    ('"jauktā kora"', "zilukalns-dirigents-lapins"),          # "jaukto kori"
    ('"kolhoza kantoris"', "lacupe-bibliotekas-vesture"),     # "kolhoza kantora"
    ('"lopu vagoni"', "lacupe-atminas-1949"),
    # staff-only items never reach the public, by any of their words
    ("Saulīte", "zilukalns-intervija-staff"),
    ("Tevrizas rajons", "zilukalns-intervija-staff"),
    ("izsūtījums Zīļukalns", "zilukalns-intervija-staff"),
    # unpublished drafts neither
    ("Sūnupes dzirnavu vēsture", "sunupe-dzirnavas-melnraksts"),
    ("dzirnavnieku dzimta Mūrnieki", "sunupe-dzirnavas-melnraksts"),
    # a reading-room item's page text is not searchable in public, only its description
    ("Parabeļas kalvē", "sibirijas-vestule-1951"),
    ("vilnas zeķes speķis", "sibirijas-vestule-1951"),
])
def test_must_not_match(corpus, query, never):
    assert never not in corpus.ranked_keys(query)


@pytest.mark.parametrize("query, expected", [
    ('"lopu vagoni"', "kirsukalns-pieminas-akmens"),
    ('"jaukto kori"', "zilukalns-dirigents-lapins"),
    ("Ozoliņa vēstule izsūtījums", "sibirijas-vestule-1951"),  # the reading-room description
])
def test_counterparts_do_match(corpus, query, expected):
    assert expected in corpus.ranked_keys(query)[:3]
