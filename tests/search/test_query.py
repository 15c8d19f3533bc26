"""Queries against an in-memory index: matching, filtering, snippets, pages."""
from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage

from heritage.search.index import replace_all, write_documents
from heritage.search.query import search
from heritage.search.schema import ItemSchema


def doc(id, title, fulltext="", status="published", access="public", **fields):
    base = {"id": str(id), "title": title, "fulltext": fulltext, "collection": "avize",
            "files": [f"{id}.png"], "status": status, "access": access, "date": "1935"}
    base.update(fields)
    return base


@pytest.fixture
def ix():
    index = RamStorage().create_index(ItemSchema())
    replace_all(index, [
        doc(1, "Krāslavas skolā jauns skolotājs", "Krāslavas pamatskolā sāka strādāt jauns skolotājs."),
        doc(2, "Dzirnavas pie upes", "Ūdensdzirnavas uzcēla 1911. gadā.", place="Ezerkalne"),
        doc(3, "Melnraksts par skolu", "Krāslavas skolā notika sapulce.", status="draft"),
        doc(4, "Vēstule no Sibīrijas", "Deportācija 1949. gadā; vēstule <script>alert(1)</script>.",
            access="reading_room", description="Vēstule no izsūtījuma."),
        doc(5, "Ežerėlio mokykla", "Ežerėlio seniūnijos mokykla šventė šimtmetį."),
    ])
    return index


@pytest.mark.parametrize("query, ids", [
    ("kraslavas skola", [1]),
    ("KRĀSLAVAS", [1]),
    ("udensdzirnavas", [2]),
    ("ezerkalne", [2]),
    ("place:ezerkalne", [2]),
    ("title:dzirnavas", [2]),
    ("seniunijos mokykla", [5]),
    ("skolotajs OR dzirnavas", [1, 2]),
    ('"jauns skolotajs"', [1]),
    ("krasl*", [1]),
    ("kraslavas NOT skolotajs", []),
    ("nekas tāds", []),
])
def test_matching(ix, query, ids):
    assert sorted(hit.id for hit in search(ix, query).hits) == ids


def test_drafts_are_found_only_when_asked(ix):
    assert 3 not in [h.id for h in search(ix, "sapulce").hits]
    assert [h.id for h in search(ix, "sapulce", published_only=False).hits] == [3]


def test_snippet_marks_the_matched_word_in_html_and_plain(ix):
    hit = search(ix, "kraslavas").hits[0]
    assert "<mark" in hit.snippet_html and "Krāslavas" in hit.snippet_html
    assert "<" not in hit.snippet and "Krāslavas" in hit.snippet


def test_restricted_full_text_never_reaches_the_snippet(ix):
    hit = search(ix, "vestule").hits[0]
    assert hit.id == 4
    assert "izsūtījuma" in hit.snippet and "Deportācija" not in hit.snippet


def test_html_in_text_is_escaped(ix):
    write_documents(ix, [doc(6, "Skripts", "teksts <script>alert(1)</script> beigas")])
    html = str(search(ix, "teksts").hits[0].snippet_html)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_pages_of_results(ix):
    write_documents(ix, [doc(100 + n, f"Avīze {n}", "kopīgs vārds") for n in range(25)])
    first, last = search(ix, "kopigs", page=1, page_size=10), search(ix, "kopigs", page=3, page_size=10)
    assert first.total == 25 and first.pages == 3 and len(first.hits) == 10 and len(last.hits) == 5
    assert not {h.id for h in first.hits} & {h.id for h in last.hits}


def test_empty_query_finds_nothing_quietly(ix):
    assert search(ix, "   ").total == 0


def test_list_all_lists_every_public_item_in_the_chosen_order_with_facets(ix):
    listed = search(ix, "", list_all=True, sort="title", facets=("place",))
    assert [hit.id for hit in listed.hits] == [2, 5, 1, 4]  # the draft is not public
    assert [(c.value, c.count) for c in listed.facets["place"]] == [("Ezerkalne", 1)]
    assert search(ix, "  ", list_all=True, page_size=2, page=2).total == 4


def test_json_shape(ix):
    assert set(search(ix, "dzirnavas").hits[0].as_json()) == {"id", "title", "collection", "files", "date", "type",
                                                               "snippet", "score", "moments", "moment_count"}
