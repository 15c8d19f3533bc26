"""Queries against a fresh index of each backend: matching, filtering, snippets, pages."""
from __future__ import annotations

import pytest


def doc(id, title, fulltext="", status="published", access="public", **fields):
    base = {"id": str(id), "title": title, "fulltext": fulltext, "collection": "avize",
            "files": [f"{id}.png"], "status": status, "access": access, "date": "1935"}
    base.update(fields)
    return base


@pytest.fixture
def ix(make_backend):
    index = make_backend()
    index.replace_all([
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
    assert sorted(hit.id for hit in ix.search(query).hits) == ids


def test_drafts_are_found_only_when_asked(ix):
    assert 3 not in [h.id for h in ix.search("sapulce").hits]
    assert [h.id for h in ix.search("sapulce", published_only=False).hits] == [3]


def test_snippet_marks_the_matched_word_in_html_and_plain(ix):
    hit = ix.search("kraslavas").hits[0]
    assert "<mark" in hit.snippet_html and "Krāslavas" in hit.snippet_html
    assert "<" not in hit.snippet and "Krāslavas" in hit.snippet


def test_restricted_full_text_never_reaches_the_snippet(ix):
    hit = ix.search("vestule").hits[0]
    assert hit.id == 4
    assert "izsūtījuma" in hit.snippet and "Deportācija" not in hit.snippet


def test_html_in_text_is_escaped(ix):
    ix.write([doc(6, "Skripts", "teksts <script>alert(1)</script> beigas")])
    html = str(ix.search("teksts").hits[0].snippet_html)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_pages_of_results(ix):
    ix.write([doc(100 + n, f"Avīze {n}", "kopīgs vārds") for n in range(25)])
    first, last = ix.search("kopigs", page=1, page_size=10), ix.search("kopigs", page=3, page_size=10)
    assert first.total == 25 and first.pages == 3 and len(first.hits) == 10 and len(last.hits) == 5
    assert not {h.id for h in first.hits} & {h.id for h in last.hits}


def test_empty_query_finds_nothing_quietly(ix):
    assert ix.search("   ").total == 0


def test_list_all_lists_every_public_item_in_the_chosen_order_with_facets(ix):
    listed = ix.search("", list_all=True, sort="title", facets=("place",))
    assert [hit.id for hit in listed.hits] == [2, 5, 1, 4]  # the draft is not public
    assert [(c.value, c.count) for c in listed.facets["place"]] == [("Ezerkalne", 1)]
    assert ix.search("  ", list_all=True, page_size=2, page=2).total == 4


def test_json_shape(ix):
    assert set(ix.search("dzirnavas").hits[0].as_json()) == {"id", "title", "collection", "files", "date", "type",
                                                               "snippet", "score", "moments", "moment_count"}


def test_query_marks_mark_what_the_search_matched(ix):
    marks = ix.query_marks("kraslavas skola")
    assert str(marks.mark("Krāslavas skolā bija <b>", ("lv",))) == (
        '<mark class="hit">Krāslavas</mark> <mark class="hit">skolā</mark> bija &lt;b&gt;')
    assert ix.query_marks("Krasiava").matches("Krāslavas", ("lv",))  # widened like the search
    assert ix.query_marks("  ()  ") is None
