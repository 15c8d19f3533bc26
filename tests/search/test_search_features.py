"""The reader's query language, facets, sorting, fuzzy fallback and "did you mean"."""
from __future__ import annotations

import pytest

from heritage.errors import InvalidQuery
from heritage.search.query import FACETS, parse


def doc(id, title, fulltext="", **fields):
    base = {"id": str(id), "title": title, "fulltext": fulltext, "collection": "avize",
            "files": [f"{id}.png"], "status": "published", "access": "public", "date": "",
            "language": "lv", "type": "Text"}
    base.update(fields)
    return base


DOCS = [
    doc(1, "Krāslavas skolā jauns skolotājs", "Krāslavas pamatskolā sāka strādāt jauns skolotājs.",
        date="1936-09-01", place="Krāslava", newspaper="Ezermalas Vēstis", creator="Anna Kalniņa"),
    doc(2, "Skolas kora koncerts", "Skolu kori dziedāja pagasta namā; skolām bija jauni tērpi.",
        date="1938-05-12", place="Ezerkalne", newspaper="Ezermalas Vēstis"),
    doc(3, "Izsūtīšana", "1949. gada 25. martā no Ezerkalnes izveda 40 ģimenes.",
        date="1989-03-25", place="Ezerkalne", newspaper="Novada Ziņas", subject="deportācija"),
    doc(4, "Ežerėlio mokykla", "Ežerėlio seniūnijos mokykloje mokėsi 80 vaikų.",
        date="1937", place="Ežerėlis", language="lt", collection="kraštotyra"),
    doc(5, "Школа в Краславе", "В школах Краславы учились дети на русском языке.",
        date="1935/1941", language="ru", place="Krāslava"),
    doc(6, "Latgolys školā", "Latgolys vydsškolom beja daudz školuotuoju.", date="1932",
        language="ltg", place="Rēzekne"),
    doc(7, "Piena kombināts", "Piensaimniecība Krāslavā 1959. gadā pārstrādāja pienu.",
        date="1959", place="Krāslava", type="Text", newspaper="Novada Ziņas"),
    doc(8, "Foto: skolas ēka", "", description="Krāslavas skolas ēka no dārza puses.",
        date="1936", type="StillImage", place="Krāslava", collection="foto"),
    doc(9, "Melnraksts par Krāslavu", "Krāslavas skola", status="draft"),
    doc(10, "Darbinieku saraksts", "Krāslavas skolotāji", access="staff"),
]


@pytest.fixture(scope="module")
def ix(make_backend):
    index = make_backend()
    index.replace_all(DOCS)
    return index


def ids(page):
    return sorted(hit.id for hit in page.hits)


@pytest.mark.parametrize("query, expected", [
    ("kraslavas skola", [1, 8]),                 # undiacritised, inflected: skolā, skolas
    ("skolam", [1, 2, 6, 8]),                    # skolām ~ skolā ~ skolas ~ skolu; ltg školā
    ('"kraslavas skola"', [1]),                  # folded surface forms in sequence
    ('"krāslavas skolas"', [8]),                 # exact inflection: not "Krāslavas skolā"
    ('"skolas ēka"', [8]),
    ("koris OR piens", [2, 7]),
    ("kraslava -skola", [5, 7]),
    ("kraslava NOT skolotajs", [5, 7, 8]),
    ("(koris OR piens) 1959", [7]),
    ("title:skola", [1, 2, 6, 8]),
    ("place:ezerkalne", [2, 3]),
    ("vieta:Ežerėlis", [4]),
    ('creator:"anna kalnina"', [1]),
    ("subject:deportacija", [3]),
    ("deportacija 1949", [3]),                   # the year is in the text
    ("kraslava 1936..1937", [1, 5, 8]),          # 5 is dated 1935/1941
    ("kraslava 1950..", [7]),
    ("krasl*", [1, 5, 7, 8]),
    ("kr?slavas", [1, 8]),
    ("mokykla", [4]), ("seniunija", [4]), ("mokyklos", [4]),
    ("школа", [5]), ("школы", [5]), ("краслава", [5]),
    ("latgola", [6]), ("vydsskola", [6]),
    ("collection:foto", [8]),
    ("newspaper:\"Novada Ziņas\" piens", [7]),
])
def test_query_language(ix, query, expected):
    assert ids(ix.search(query, page_size=50, fuzzy=False)) == expected


@pytest.mark.parametrize("query", ['"', "(", "OR", "NOT", "title:", "-", "..", '"" ()', "* ?"])
def test_malformed_queries_never_raise(ix, query):
    assert ix.search(query).total >= 0


def test_parse_keeps_or_tighter_than_and():
    tree = parse("a OR b c")
    assert type(tree).__name__ == "All" and type(tree.nodes[0]).__name__ == "Any"


@pytest.mark.parametrize("query", ["melnraksts", "darbinieku", "saraksts", "kraslavas skola"])
def test_drafts_and_staff_items_are_never_public(ix, query):
    assert not {9, 10} & set(ids(ix.search(query, page_size=50)))
    assert {9, 10} & set(ids(ix.search(query, page_size=50, published_only=False)))


def test_fuzzy_fallback_reads_through_ocr_damage(ix):
    page = ix.search("Krasiava piensaimnieciba")
    assert ids(page) == [7] and page.fuzzy
    assert ix.search("Krasiava piensaimnieciba", fuzzy=False).total == 0


def test_did_you_mean_comes_from_the_index_vocabulary(ix):
    page = ix.search("piensaimnieclba")
    assert page.suggestion == "piensaimnieciba"
    assert ix.search("piensaimnieciba").suggestion is None


def test_facets_count_every_result_not_just_the_page(ix):
    page = ix.search("kraslava", page_size=1, facets=FACETS)
    assert page.total == 4 and len(page.hits) == 1
    places = {c.value: c.count for c in page.facets["place"]}
    assert places == {"Krāslava": 4}
    assert {c.value: c.count for c in page.facets["decade"]} == {"1930": 3, "1940": 1, "1950": 1}
    assert {c.value: c.count for c in page.facets["type"]} == {"Text": 3, "StillImage": 1}


def test_filters_and_years_narrow_the_results(ix):
    assert ids(ix.search("kraslava", filters={"type": ["StillImage"]})) == [8]
    assert ids(ix.search("kraslava", filters={"place": ["krāslava"], "decade": ["1950"]})) == [7]
    assert ids(ix.search("kraslava", years=(1958, 1960))) == [7]
    assert ids(ix.search("", filters={"newspaper": ["Ezermalas Vēstis"]})) == [1, 2]
    assert ids(ix.search("", years=(None, 1933))) == [6]
    assert ids(ix.search("", years=(None, 1935))) == [5, 6]


@pytest.mark.parametrize("sort, order", [
    ("date", [5, 8, 1, 7]), ("-date", [7, 1, 8, 5]), ("title", [8, 1, 7, 5]),
])
def test_sorting(ix, sort, order):
    assert [hit.id for hit in ix.search("kraslava", sort=sort).hits] == order


def test_relevance_prefers_the_title(ix):
    assert ix.search("skola").hits[0].id in (1, 2, 6, 8)
    assert ix.search("piens").hits[0].id == 7


def test_pages_partition_the_results(ix):
    seen = [hit.id for n in (1, 2, 3) for hit in ix.search("skola OR kraslava", page=n, page_size=2).hits]
    assert len(seen) == len(set(seen)) == ix.search("skola OR kraslava").total


def test_snippets_mark_inflected_and_undiacritised_matches(ix):
    hit = ix.search("kraslava skola").hits[0]
    assert '<mark class="hit">Krāslavas</mark>' in str(hit.snippet_html)
    assert "<mark" not in hit.snippet


@pytest.mark.parametrize("kwargs, word", [
    ({"sort": "newest"}, "newest"), ({"facets": ["colour"]}, "colour"),
    ({"filters": {"shelf": ["A"]}}, "shelf"),
])
def test_unknown_names_are_explained(ix, kwargs, word):
    with pytest.raises(InvalidQuery, match=word):
        ix.search("skola", **kwargs)


@pytest.mark.parametrize("language, marked, unmarked", [
    ("lv", ["skolā", "Skolas"], ["skolotāju"]),      # not Lithuanian stems of Latvian words
    ("lt", ["Mokykloje"], ["mokytoja"]),
])
def test_snippets_mark_what_the_documents_language_matched(make_backend, language, marked, unmarked):
    text = {"lv": "Skolas pagalmā gaidīja skolotāju; skolā bija silti.",
            "lt": "Mokykloje dirbo mokytoja."}[language]
    index = make_backend()
    index.replace_all([doc(1, "Virsraksts", text, language=language)])
    html = str(index.search({"lv": "skola", "lt": "mokykla"}[language]).hits[0].snippet_html)
    for word in marked:
        assert f'<mark class="hit">{word}</mark>' in html
    for word in unmarked:
        assert f">{word}<" not in html and word in html
