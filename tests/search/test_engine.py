"""The NumPy reading of Whoosh's postings agrees with Whoosh's own matchers."""
from __future__ import annotations

import numpy as np
import pytest

from heritage.search.engine import IndexView, phrase_documents
from heritage.search.index import open_index, write_documents


def doc(n: int, text: str) -> dict:
    return {"id": str(n), "title": f"Ziņa {n}", "fulltext": text, "collection": "avize",
            "status": "published", "access": "public", "language": "lv", "type": "Text"}


@pytest.fixture
def ix(tmp_path):
    """Three segments (one with deletions) and posting lists longer than one block."""
    index = open_index(tmp_path / "index")
    write_documents(index, [doc(n, "skola skolā " * (n % 4) + "pagasts") for n in range(300)])
    write_documents(index, [doc(n, "skolas pagasts ezers") for n in range(300, 450)])
    write_documents(index, [doc(n, "ezers") for n in range(0, 450, 7)])  # replaces: deletions
    return index


@pytest.mark.parametrize("fieldname, term", [
    ("fulltext", "skol"), ("fulltext", "pagast"), ("fulltext", "ezer"), ("exact", "skola"),
    ("title", "zin"), ("status", "published"), ("fulltext", "nav"),
])
def test_postings_match_whooshs_matchers(ix, fieldname, term):
    with ix.searcher() as searcher:
        view = IndexView(searcher.reader())
        ids, weights = view.postings(fieldname, term)
        expected = list(searcher.reader().postings(fieldname, term).items_as("weight")) \
            if (fieldname, term) in searcher.reader() else []
        assert ids.tolist() == [i for i, _ in expected]
        assert np.allclose(weights, [w for _, w in expected])


def test_positions_and_phrases(ix):
    with ix.searcher() as searcher:
        view = IndexView(searcher.reader())
        docs, places = view.positions("exact", "skola")
        reader = searcher.reader()
        expected = [(d, p) for d, ps in reader.postings("exact", "skola").items_as("positions")
                    for p in ps]
        assert list(zip(docs.tolist(), places.tolist())) == expected
        found, counts = phrase_documents(view, "exact", ["skola", "skola"])
        stored = {d: searcher.stored_fields(d)["fulltext"] for d in found.tolist()}
        assert stored and all("skola skolā" in text for text in stored.values())
        # folded, "skola skolā" ×k is 2k words "skola": 2k - 1 overlapping pairs
        assert set(counts.tolist()) == {1, 3, 5}


def test_deleted_documents_are_not_live(ix):
    with ix.searcher() as searcher:
        view = IndexView(searcher.reader())
        assert view.count == searcher.doc_count() == 450
        assert view.size == searcher.doc_count_all() > 450
        assert view.public.sum() == 450


def test_an_empty_index_answers_every_kind_of_query(tmp_path, make_backend):
    from heritage.search.query import FACETS

    ix = make_backend(tmp_path / "empty")
    for query in ("skola", '"a b"', "skol*", "1935..1940", "vieta:Krāslava", "-skola"):
        found = ix.search(query, facets=FACETS, sort="date")
        assert (found.total, found.hits) == (0, [])
        assert all(counts == [] for counts in found.facets.values())


def test_threads_share_one_view_while_the_index_changes(tmp_path, make_backend):
    """A web server's threads search while staff publish: no errors, never a mixed state."""
    import threading

    index = make_backend(tmp_path / "shared")
    index.write([doc(n, "pagasts skola") for n in range(200)])
    errors, totals = [], []

    def reader():
        try:
            for _ in range(25):
                found = index.search("pagasts", page_size=5)
                totals.append(found.total)
                assert all(hit.snippet for hit in found.hits)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for n in range(200, 210):
        index.write([doc(n, "pagasts jauns")])
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(totals) <= set(range(200, 211)) and index.search("pagasts").total == 210


def test_a_view_in_use_is_closed_only_when_its_last_search_ends(tmp_path):
    """Publishing makes new generations; a search still reading an old one must finish."""
    from whoosh.reading import ReaderClosed

    from heritage.search import query

    index = open_index(tmp_path / "leased")
    write_documents(index, [doc(n, "pagasts skola") for n in range(5)])
    with query._leased(index) as old:
        for n in range(5, 10):  # more generations than are kept open
            write_documents(index, [doc(n, "pagasts jauns")])
            assert query.search(index, "pagasts").total == n + 1
        assert old.stored_fields(0)["id"]  # still readable under its lease
    with pytest.raises(ReaderClosed):
        old.stored_fields(0)  # retired, and now closed
    assert query.search(index, "pagasts").total == 10
