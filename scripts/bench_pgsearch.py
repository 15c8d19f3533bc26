#!/usr/bin/env python3
"""Search backends side by side: the Whoosh index and the PostgreSQL index, in one run.

The same generated clippings and the same query set as ``scripts/bench_search.py`` (its
generator and queries are imported, seeded alike) are indexed by both backends of
``heritage.search.backend``: Whoosh ``replace_all`` in a temporary folder on ``--procs``
processes, and PostgreSQL ``replace_all`` (one transaction) into ``--database-url`` or, by
default, a private PostgreSQL server started for the run (``tests/servers.py``, fsync off,
as the tests run it).  Each query then runs on both, alternating which goes first; the
figures are wall times of one ``backend.search(q, page_size=20, facets=FACETS, filters=...)``
in ms (snippets included), per kind and overall, and the mean number of items found.

The machines are shared and noisy: read the ratio between the two columns, measured a
moment apart.  The figures are information: the script exits 0 whatever they are, 1 if a
backend raised.

Usage::

    .venv/bin/python scripts/bench_pgsearch.py [--docs 2000] [--queries 200] [--seed S]
                                               [--database-url postgresql+psycopg://...]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing: heritage is importable
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import (KINDS, PAGE_SIZE, WARMUP, Corpus, Timings, _timed,  # noqa: E402
                          generate_documents, load_sentences, make_queries)


def build(backend, documents) -> tuple[float, int]:
    """Seconds to fill ``backend`` with ``documents``, and how many it took."""
    started = time.perf_counter()
    count = backend.replace_all(documents)
    return time.perf_counter() - started, count


def searcher(backend, facets):
    def run(query):
        found = backend.search(query.text, page_size=PAGE_SIZE, facets=facets,
                               filters=query.filters)
        return found.total, found.fuzzy
    return run


def time_both(queries, warmup, engines) -> list[Timings]:
    """Each query on every engine, alternating the order; warm-up queries untimed."""
    timings = [Timings(name) for name, _ in engines]
    pairs = list(zip(timings, (run for _, run in engines)))
    for query in warmup:
        for t, run in pairs:
            _timed(t, run, query, record=False)
    for k, query in enumerate(queries):
        for t, run in (pairs if k % 2 == 0 else pairs[::-1]):
            _timed(t, run, query)
    return timings


def report(timings: list[Timings], queries) -> None:
    names = " ".join(f"{t.engine + ' p50/p95/mean ms':>30} {'hits':>7}" for t in timings)
    print(f"{'kind':<8} {'n':>4} {names}")
    for kind in [*KINDS, "all"]:
        picked = [i for i, q in enumerate(queries) if kind == "all" or q.kind == kind]
        if not picked:
            continue
        cells = " ".join(f"{t.percentile(50, picked):>9.1f} /{t.percentile(95, picked):>7.1f} /"
                         f"{t.mean(picked):>8.1f}   {t.mean_hits(picked):>7.1f}" for t in timings)
        print(f"{kind:<8} {len(picked):>4} {cells}")
    for t in timings:
        for error in t.errors[:5]:
            print(f"ERROR     {t.engine}: {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="clippings (default 2,000)")
    parser.add_argument("--queries", type=int, default=200, help="timed queries (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 1,
                        help="processes for the Whoosh build (default: all cores)")
    parser.add_argument("--database-url", help="an empty PostgreSQL database to use "
                        "(default: a private server started for the run)")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.queries < 1:
        parser.error("--docs and --queries must be at least 1")

    from sqlalchemy import create_engine

    from heritage.search.backend import PostgresBackend, WhooshBackend
    from heritage.search.query import FACETS

    sentences, source = load_sentences()
    corpus = Corpus(sentences)
    queries = make_queries(corpus, WARMUP + args.queries, args.seed)
    warmup, queries = queries[:WARMUP], queries[WARMUP:]
    print(f"corpus    {args.docs:,} generated clippings ({source}), seed {args.seed}; "
          f"{args.queries} queries after {WARMUP} warm-up; page size {PAGE_SIZE}, all facets")
    server = None
    with tempfile.TemporaryDirectory(prefix="bench-pgsearch-") as tmp:
        url = args.database_url
        if not url:
            from tests.servers import PostgresServer

            home = Path(tempfile.mkdtemp(prefix="bench-pgsearch-server-"))
            os.chmod(home, 0o755)  # run as root, the server runs as the postgres user
            server = PostgresServer(home / "postgres")
            server.start()
            url = server.database("bench")
        try:
            engine = create_engine(url)
            whoosh = WhooshBackend.open(Path(tmp) / "whoosh")
            postgres = PostgresBackend(engine)
            w_seconds, count = build(WithProcs(whoosh, args.procs),
                                     generate_documents(corpus, args.docs, args.seed))
            p_seconds, _ = build(postgres, generate_documents(corpus, args.docs, args.seed))
            print(f"build     whoosh {w_seconds:.1f} s ({count / w_seconds:,.0f} docs/s, "
                  f"{args.procs} procs); postgres {p_seconds:.1f} s "
                  f"({count / p_seconds:,.0f} docs/s, one transaction)")
            timings = time_both(queries, warmup, [("whoosh", searcher(whoosh, FACETS)),
                                                  ("postgres", searcher(postgres, FACETS))])
            report(timings, queries)
            engine.dispose()
        finally:
            if server is not None:
                server.stop()
                shutil.rmtree(server.folder.parent, ignore_errors=True)
    return 1 if any(t.errors for t in timings) else 0


class WithProcs:
    """A backend whose replace_all uses ``procs`` processes (Whoosh's bulk build)."""

    def __init__(self, backend, procs: int):
        self.backend, self.procs = backend, procs

    def replace_all(self, documents):
        return self.backend.replace_all(documents, procs=self.procs)


if __name__ == "__main__":
    sys.exit(main())
