"""The search page as a reader meets it: facets, filter chips, years, order, pages, notices."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from flask import url_for

from heritage.web import public

FACETS_NAV = '//nav[@aria-label="Atlasīt rezultātus"]'


@pytest.fixture
def app(app_on_each_search_backend):
    """Every test here runs on both search backends (HERITAGE_SEARCH_BACKEND)."""
    return app_on_each_search_backend


@pytest.fixture
def archive(school_archive):
    return school_archive


def get_tree(client, url: str):
    """The page at ``url`` (which must answer 200) as an lxml tree."""
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.get_data(as_text=True))


def titles(tree) -> list[str]:
    return [a.text_content().strip() for a in tree.xpath('//ol[@class="results"]/li/h2/a')]


def facet_link(tree, label: str):
    """The facet link whose text starts with ``label``."""
    links = [a for a in tree.xpath(FACETS_NAV + "//a") if a.text_content().strip().startswith(label)]
    assert len(links) == 1, label
    return links[0]


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_facets_render_with_counts_and_readable_labels(client, archive):
    tree = get_tree(client, "/search?q=skola")
    assert sorted(titles(tree)) == ["Krāslavas skola", "Salidojums Dagdā", "Skolotājas atmiņas"]
    nav = tree.xpath(FACETS_NAV)
    assert len(nav) == 1
    text = " ".join(nav[0].text_content().split())
    assert "1930–1939 (2)" in text and "1960–1969 (1)" in text  # decades as year spans
    assert "Teksts (2)" in text and "Nekustīgs attēls (fotogrāfija) (1)" in text  # DCMI type labels
    assert "latviešu (2)" in text and "krievu (1)" in text  # language names, not codes
    assert "Dagda (2)" in text and "ezermalas-vestis (2)" in text
    assert [h.text for h in nav[0].xpath(".//h3")][:1] == ["Kolekcija"]


def test_clicking_a_facet_filters_and_shows_a_removable_chip(client, archive):
    tree = get_tree(client, "/search?q=skola")
    href = facet_link(tree, "1930–1939").get("href")
    assert query_of(href) == {"q": ["skola"], "decade": ["1930"]}
    filtered = get_tree(client, href)
    assert sorted(titles(filtered)) == ["Krāslavas skola", "Skolotājas atmiņas"]
    chips = filtered.xpath('//a[@aria-label="Noņemt filtru: 1930–1939"]')
    assert len(chips) == 1 and "✕" in chips[0].text_content()
    assert query_of(chips[0].get("href")) == {"q": ["skola"]}
    assert sorted(titles(get_tree(client, chips[0].get("href")))) == sorted(titles(tree))


def test_filters_combine_and_each_chip_removes_only_itself(client, archive):
    tree = get_tree(client, "/search?q=skola&decade=1930&place=Dagda")
    assert titles(tree) == ["Skolotājas atmiņas"]
    chip = tree.xpath('//a[@aria-label="Noņemt filtru: Dagda"]')[0]
    assert query_of(chip.get("href")) == {"q": ["skola"], "decade": ["1930"]}
    assert tree.xpath('//a[text()="Noņemt visus filtrus"]/@href') == ["/search?q=skola"]


def test_a_facet_value_already_chosen_links_to_its_removal(client, archive):
    tree = get_tree(client, "/search?q=skola&decade=1930")
    link = facet_link(tree, "Noņemt filtru: ✓ 1930–1939")
    assert query_of(link.get("href")) == {"q": ["skola"]}


def test_filters_alone_list_everything_that_matches(client, archive):
    tree = get_tree(client, "/search?place=Dagda")
    assert sorted(titles(tree)) == ["Salidojums Dagdā", "Skolotājas atmiņas"]
    assert "2 rezultāti" in tree.xpath('//p[@role="status"]')[0].text_content()


def test_year_range_form_narrows_the_results_and_keeps_its_values(client, archive):
    tree = get_tree(client, "/search")
    form = tree.xpath('//form[@role="search"]')[0]
    for name in ("q", "year_from", "year_to", "sort"):
        field = form.xpath(f'.//*[@name="{name}"]')[0]
        assert form.xpath(f'.//label[@for="{field.get("id")}"]'), name  # every field labelled
    tree = get_tree(client, "/search?q=skola&year_from=1936&year_to=1970")
    assert sorted(titles(tree)) == ["Salidojums Dagdā", "Skolotājas atmiņas"]
    assert tree.xpath('//input[@name="year_from"]/@value') == ["1936"]
    assert tree.xpath('//input[@name="year_to"]/@value') == ["1970"]
    assert tree.xpath('//a[@aria-label="Noņemt filtru: Gadi: 1936–1970"]/@href') == ["/search?q=skola"]


def test_the_search_form_keeps_the_chosen_filters(client, archive):
    tree = get_tree(client, "/search?q=skola&place=Dagda&decade=1930")
    hidden = {(i.get("name"), i.get("value")) for i in tree.xpath('//form//input[@type="hidden"]')}
    assert hidden == {("place", "Dagda"), ("decade", "1930")}


@pytest.mark.parametrize("sort, expected", [
    ("date", ["Krāslavas skola", "Skolotājas atmiņas", "Salidojums Dagdā"]),
    ("-date", ["Salidojums Dagdā", "Skolotājas atmiņas", "Krāslavas skola"]),
    ("title", ["Krāslavas skola", "Salidojums Dagdā", "Skolotājas atmiņas"]),
])
def test_sort_orders_the_results_and_is_selected_in_the_form(client, archive, sort, expected):
    tree = get_tree(client, f"/search?q=skola&sort={sort}")
    assert titles(tree) == expected
    assert tree.xpath('//select[@name="sort"]/option[@selected]/@value') == [sort]


def test_pagination_keeps_the_words_filters_years_and_order(client, app, archive):
    app.config["HERITAGE_PAGE_SIZE"] = 1
    url = "/search?q=skola&collection=ezermalas-vestis&language=lv&language=ru&year_from=1930&sort=-date"
    tree = get_tree(client, url)
    assert titles(tree) == ["Skolotājas atmiņas"]
    next_href = tree.xpath('//nav[@class="pagination"]//a[@rel="next"]/@href')[0]
    expected = {"q": ["skola"], "collection": ["ezermalas-vestis"], "language": ["lv", "ru"],
                "year_from": ["1930"], "sort": ["-date"]}
    assert query_of(next_href) == {**expected, "page": ["2"]}
    second = get_tree(client, next_href)
    assert titles(second) == ["Krāslavas skola"]
    assert query_of(second.xpath('//a[@rel="prev"]/@href')[0]) == {**expected, "page": ["1"]}


def test_a_misspelt_word_offers_did_you_mean(client, archive):
    tree = get_tree(client, "/search?q=skoal")
    link = tree.xpath('//p[@class="suggestion"]/a')
    assert len(link) == 1 and link[0].text.startswith("skol")  # a form of the word in the index
    assert query_of(link[0].get("href")) == {"q": [link[0].text]}
    assert sorted(titles(get_tree(client, link[0].get("href")))) == [
        "Krāslavas skola", "Salidojums Dagdā", "Skolotājas atmiņas"]


def test_did_you_mean_links_to_the_suggestion_keeping_the_filters(client, archive, monkeypatch):
    searching = public.search_items

    def with_suggestion(*args, **kwargs):
        found = searching(*args, **kwargs)
        found.suggestion = "skola"
        return found

    monkeypatch.setattr(public, "search_items", with_suggestion)
    tree = get_tree(client, "/search?q=skoal&decade=1930")
    paragraph = tree.xpath('//p[@class="suggestion"]')[0]
    assert " ".join(paragraph.text_content().split()) == "Vai jūs domājāt: skola?"
    assert query_of(paragraph.xpath(".//a/@href")[0]) == {"q": ["skola"], "decade": ["1930"]}


def test_an_ocr_damaged_word_finds_the_item_and_says_similar_words_are_shown(client, archive):
    tree = get_tree(client, "/search?q=Krasiava")
    assert "Krāslavas skola" in titles(tree)
    notice = tree.xpath('//p[contains(@class, "notice-fuzzy")]')
    assert len(notice) == 1 and "līdzīgiem vārdiem" in notice[0].text_content()
    assert not get_tree(client, "/search?q=skola").xpath('//p[contains(@class, "notice-fuzzy")]')


def test_snippets_keep_their_highlighting(client, archive):
    html = client.get("/search?q=kraslavas").get_data(as_text=True)
    assert '<mark class="hit">' in html


@pytest.mark.parametrize("args, message", [
    ("year_from=abc", "„abc“ laukā „No gada“ nav gads"),
    ("year_to=99999", "„99999“ laukā „Līdz gadam“ nav gads"),
    ("sort=bogus", "Secība „bogus“ nav zināma"),
    ("page=-1", "Lapas „-1“ nav"),
    ("page=abc", "Lapas „abc“ nav"),
    ("year_from=1970&year_to=1930", "Gadi 1970 un 1930 bija ierakstīti apgrieztā secībā"),
])
def test_bad_parameters_are_explained_in_the_interface_language(client, archive, args, message):
    response = client.get(f"/search?q=skola&{args}")
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    alert = tree.xpath('//*[@role="alert"]')
    assert len(alert) == 1 and message in " ".join(alert[0].text_content().split())
    assert titles(tree)  # the search still ran, without the bad value


def test_bad_parameters_are_explained_in_lithuanian_too(client, archive):
    client.set_cookie("heritage_lang", "lt")
    html = client.get("/search?q=skola&sort=bogus").get_data(as_text=True)
    assert "Rikiavimas „bogus“ nežinomas" in html


def test_a_page_past_the_end_says_so_and_links_to_the_first(client, archive):
    tree = get_tree(client, "/search?q=skola&decade=1930&page=9")
    notice = tree.xpath('//p[@class="notice"]')[0]
    assert "Šiem rezultātiem nav 9. lapas." in notice.text_content()
    assert query_of(notice.xpath(".//a/@href")[0]) == {"q": ["skola"], "decade": ["1930"]}


def test_unpublished_and_staff_only_items_never_appear(client, archive):
    for url in ("/search?q=skola", "/search?q=melnraksts", "/search?q=slepena",
                "/search?decade=1930", "/search?year_from=1936&year_to=1937"):
        tree = get_tree(client, url)
        assert not {"Skolas melnraksts", "Skolas slepenā lieta"} & set(titles(tree)), url
        assert "Skola, slepeni." not in tree.xpath("//main")[0].text_content(), url
    tree = get_tree(client, "/search?decade=1930")
    assert "1930–1939 (2)" in " ".join(tree.xpath(FACETS_NAV)[0].text_content().split())


def test_an_empty_search_explains_how_to_search(client, archive):
    tree = get_tree(client, "/search")
    assert not tree.xpath(FACETS_NAV) and not titles(tree)
    assert "kraslava" in tree.xpath("//main")[0].text_content()
    assert len(tree.xpath('//form[@role="search"]')) == 1  # the page's own form replaces the header's


@pytest.mark.parametrize("endpoint, args", [
    ("public.search_page", {"q": "Krāslavas skola", "decade": ["1930", "1940"], "sort": None}),
    ("public.search_page", {"q": "a&b=c #1", "place": ["Ežerėliai"]}),
    ("public.collection", {"slug": "ezermalas-vestis", "type": ["Text"], "year_from": 1930}),
    ("public.collection", {"slug": "ezermalas-vestis"}),
])
def test_facet_links_lead_where_url_for_does(app, endpoint, args):
    """The facets' fast link builder and Flask's url_for give the same address."""
    from heritage.web.display import query_url

    with app.test_request_context("/"):
        fast, flask_built = urlsplit(query_url(endpoint, **args)), urlsplit(url_for(endpoint, **args))
    assert fast.path == flask_built.path
    assert parse_qs(fast.query) == parse_qs(flask_built.query)
