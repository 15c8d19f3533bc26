"""The newspaper browse as a researcher meets it: title → year → issue → clippings."""
from __future__ import annotations

import lxml.html
import pytest

from tests.factories import make_item

PAPER = "Ezermalas Vēstis"


def clipping(title, issue=92, date="2021-12-03", page=9, **overrides):
    """A published clipping of Ezermalas Vēstis cited the Latvian way (issue ``None``: no "Nr.")."""
    number = f"Nr. {issue} " if issue is not None else ""
    values = {"publisher": PAPER, "date": date, "type": "Text",
              "source": f"{title}. {PAPER}. {number}(2021., 3. decembris), {page}. lpp."}
    return make_item(title=title, texts=("Raksta teksts.",), **{**values, **overrides})


@pytest.fixture
def clippings(app):
    """Clippings of two issues, one without a number, and ones the public must not see listed."""
    return {
        "library": clipping("Bibliotēka digitalizē novada vēsturi"),
        "front": clipping("Novada svētki", page=1),
        "closed": clipping("Atmiņas lasītavā", page=3, access_level="reading_room"),
        "staff": clipping("Tikai darbiniekiem", page=2, access_level="staff"),
        "draft": clipping("Melnraksts", page=4, status="draft"),
        "earlier": clipping("Rudens gadatirgus", issue=91, date="2021-11-26", page=2),
        "unnumbered": clipping("Pielikums bez numura", issue=None, date="2021-12-24", page=1),
    }


def tree(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.get_data(as_text=True))


def breadcrumbs(page):
    return [" ".join(li.text_content().split()) for li in page.xpath("//nav[@class='breadcrumbs']//li")]


def test_the_navigation_links_the_newspapers(client, clippings):
    page = tree(client, "/")
    assert page.xpath("//header//nav//a[@href='/newspapers']/text()") == ["Laikraksti"]


def test_newspapers_list_titles_with_counts_and_years(client, clippings):
    page = tree(client, "/newspapers")
    assert page.xpath("//h1/text()") == ["Laikraksti"]
    assert page.xpath("//main//a[@href='/newspapers/ezermalas-vestis']/text()") == [PAPER]
    text = page.text_content()
    assert "5 izgriezumi" in text and "2021" in text
    assert breadcrumbs(page)[1:] == ["Laikraksti"]


def test_a_newspaper_lists_its_years_with_issue_counts(client, clippings):
    page = tree(client, "/newspapers/ezermalas-vestis")
    assert page.xpath("//h1/text()") == [PAPER]
    assert page.xpath("//main//ul/li/a/@href") == ["/newspapers/ezermalas-vestis/2021"]
    assert "3 numuri, 5 izgriezumi" in " ".join(page.text_content().split())
    assert breadcrumbs(page)[1:] == ["Laikraksti", PAPER]


def test_a_year_lists_its_issues_by_date(client, clippings):
    page = tree(client, "/newspapers/ezermalas-vestis/2021")
    links = page.xpath("//main//ul/li/a")
    assert [(a.get("href"), a.text_content()) for a in links] == [
        ("/newspapers/ezermalas-vestis/2021/91", "Nr. 91 — 2021. gada 26. novembris"),
        ("/newspapers/ezermalas-vestis/2021/92", "Nr. 92 — 2021. gada 3. decembris"),
        ("/newspapers/ezermalas-vestis/2021/2021-12-24", "2021. gada 24. decembris")]
    assert "3 izgriezumi" in page.text_content()
    assert breadcrumbs(page)[1:] == ["Laikraksti", PAPER, "2021"]


def test_an_issue_lists_its_clippings_by_page_with_thumbnails_if_public(client, clippings):
    page = tree(client, "/newspapers/ezermalas-vestis/2021/92")
    assert " ".join(page.xpath("//h1")[0].text_content().split()) == \
        f"{PAPER}, Nr. 92 — 2021. gada 3. decembris"
    items = page.xpath("//ol[@class='clippings']/li")
    assert [li.xpath(".//h2/a/text()")[0] for li in items] == [
        "Novada svētki", "Atmiņas lasītavā", "Bibliotēka digitalizē novada vēsturi"]
    assert items[0].xpath(".//h2/a/@href") == [f"/items/{clippings['front'].id}"]
    assert "1. lpp." in items[0].text_content() and "9. lpp." in items[2].text_content()
    assert items[0].xpath(".//img/@src") == [f"/items/{clippings['front'].id}/pages/1/thumb.jpg"]
    assert items[1].xpath(".//img") == [] and "lasītavā" in items[1].text_content()
    assert breadcrumbs(page)[1:] == ["Laikraksti", PAPER, "2021", "Nr. 92 — 2021. gada 3. decembris"]


def test_staff_only_and_draft_clippings_are_never_listed(client, clippings):
    for url in ("/newspapers", "/newspapers/ezermalas-vestis", "/newspapers/ezermalas-vestis/2021",
                "/newspapers/ezermalas-vestis/2021/92"):
        html = client.get(url).get_data(as_text=True)
        assert "Tikai darbiniekiem" not in html and "Melnraksts" not in html


def test_an_unnumbered_clipping_is_found_under_its_date(client, clippings):
    page = tree(client, "/newspapers/ezermalas-vestis/2021/2021-12-24")
    assert page.xpath("//ol[@class='clippings']//h2/a/text()") == ["Pielikums bez numura"]


def test_pages_in_lithuanian(client, clippings):
    page = tree(client, "/newspapers/ezermalas-vestis/2021/92?lang=lt")
    assert page.xpath("//header//nav//a[@href='/newspapers']/text()") == ["Laikraščiai"]
    assert "9 p." in page.text_content()


@pytest.mark.parametrize("url", [
    "/newspapers/nav-tada", "/newspapers/nav-tada/2021", "/newspapers/ezermalas-vestis/1999",
    "/newspapers/ezermalas-vestis/2021/999", "/newspapers/ezermalas-vestis/2020/92",
    "/newspapers/ezermalas-vestis/gads", "/newspapers/tikai-darbiniekiem",
])
def test_unknown_newspaper_year_or_issue_is_not_found(client, clippings, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Lapa nav atrasta" in response.get_data(as_text=True)


def test_no_newspapers_yet(client, app):
    page = tree(client, "/newspapers")
    assert "Laikrakstu izgriezumi vēl nav publicēti." in page.text_content()
