"""/exhibitions, /api/exhibitions and the home page's featured exhibitions."""
from __future__ import annotations

import lxml.html
import pytest

from heritage.services.exhibitions import add_block, add_page, create_exhibition
from heritage.services.items import withdraw_item
from heritage.services.places import PlaceEntry, seed_places
from tests.factories import make_item
from tests.web.test_api_catalogue import assert_documented
from tests.web.test_html_quality import needs_vnu, nu_html_problems

SECRET = "slepenais"
EXHIBITION = "/exhibitions/ezers-un-dzirnavas"
EVIL_TEXT = ("## Dzirnavu vēsture\n\nDzirnavas celtas 1870. gadā. <script>alert('teksts')</script>\n\n"
             "[klikšķini](javascript:alert('saite')) <img src=x onerror=alert('bilde')>")
EVIL_CAPTION = "Dzirnavas <script>alert('paraksts')</script> <b onmouseover=alert(1)>1937</b>"


@pytest.fixture
def story(app):
    """A published, featured exhibition of three pages with hidden items and hostile text in it."""
    seed_places([PlaceEntry("Ūdriņi", "ciems", "", 56.1, 27.1)])
    items = {
        "mill": make_item(title="Ūdrupes dzirnavas", coverage="Ūdriņi", date="1937"),
        "school": make_item(title="Ezerkalnes skola", coverage="Ūdriņi", date="1938"),
        "letter": make_item(title="Vēstule no Sibīrijas", access_level="reading_room", date="1949",
                            texts=(f"{SECRET} vēstules teksts",)),
        "staff": make_item(title=f"{SECRET} lieta", access_level="staff"),
        "withdrawn": make_item(title=f"{SECRET} atsaukts"),
    }
    withdraw_item(items["withdrawn"].id)
    ids = {name: item.id for name, item in items.items()}
    found = create_exhibition(
        "ezers-un-dzirnavas", "Ezers un dzirnavas", summary="Stāsts par Ūdrupes dzirnavām.",
        credits="Sagatavoja [Ezerkalnes bibliotēka](https://biblioteka.example.lv).",
        featured=True, publish=True, collections=["testa-kolekcija"], cover_item_id=ids["mill"])
    first = add_page(found, "dzirnavas", "Dzirnavas")
    add_block(first, "text", EVIL_TEXT)
    add_block(first, "item", "", [(ids["mill"], EVIL_CAPTION)])
    add_block(first, "item", "", [(ids["staff"], f"{SECRET} paraksts")])
    add_block(first, "gallery", "### Galerija", [(ids["school"], "Skola 1938. gadā"),
                                                 (ids["letter"], "Vēstule"),
                                                 (ids["withdrawn"], f"{SECRET} galerijā")])
    add_block(first, "map", "Kur tas notika")
    add_block(first, "timeline")
    second = add_page(found, "skola", "Skola")
    add_block(second, "text", "Skolas stāsts.")
    third = add_page(found, "svetki", "Ļaudis un svētki")
    add_block(third, "item", "", [(ids["school"], "Skola svētkos")])
    create_exhibition("melnraksts", "Melnraksts")
    return ids


def find(node, css_class: str, inner: str | None = None) -> list:
    """Elements with ``css_class`` under ``node``, or the ``inner`` XPath step inside them."""
    found = f"descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]"
    return node.xpath(f"{found}//{inner}" if inner else found)


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def assert_harmless(html: str) -> None:
    """No script of the page's own, no event handler and no javascript: link came through."""
    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [name for name in element.attrib if name.startswith("on")], element.attrib
        assert not element.get("href", "").strip().lower().startswith("javascript")
        if element.tag == "script":
            assert element.get("src") and "alert" not in (element.text or "")
    assert "<script>alert" not in html and "<img src=x" not in html


def test_list_shows_published_exhibitions_with_cover_and_summary(client, story):
    html = html_of(client, "/exhibitions")
    tree = lxml.html.fromstring(html)
    assert [a.text for a in find(tree, "exhibition-card", "a")] == ["Ezers un dzirnavas"]
    assert "Stāsts par Ūdrupes dzirnavām." in html and "Melnraksts" not in html
    cover = find(tree, "exhibition-card", "img")[0]
    assert cover.get("alt") == "Ūdrupes dzirnavas"
    assert cover.get("src") == f"/items/{story['mill']}/pages/1/thumb.jpg"
    assert client.get(cover.get("src")).status_code == 200


def test_no_exhibitions_yet(client, app):
    assert "No exhibitions have been published yet." in html_of(client, "/exhibitions?lang=en")


def test_exhibition_address_opens_its_first_page(client, story):
    response = client.get(EXHIBITION)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{EXHIBITION}/dzirnavas")


def test_first_page_shows_blocks_in_order_with_contents_and_links(client, story):
    html = html_of(client, f"{EXHIBITION}/dzirnavas")
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//h1")[0].text == "Dzirnavas"
    assert [b.get("class").split()[1] for b in find(tree, "exhibition-block")] == [
        "block-text", "block-item", "block-gallery", "block-map", "block-timeline"]
    assert [(h.tag, h.text) for h in find(tree, "block-text", "*[self::h2 or self::h3]")] == [
        ("h2", "Dzirnavu vēsture"), ("h2", "Galerija")]
    contents = find(tree, "exhibition-contents", "a")
    assert [a.text for a in contents] == ["Dzirnavas", "Skola", "Ļaudis un svētki"]
    assert contents[0].get("aria-current") == "page"
    assert [a.get("rel") for a in find(tree, "exhibition-pager", "a")] == ["next"]
    assert 'href="https://biblioteka.example.lv"' in html  # the credits, as Markdown
    assert find(tree, "exhibition-collections", "a")[0].get("href").endswith(
        "/collections/testa-kolekcija")
    assert find(tree, "print-link")[0].get("href") == f"{EXHIBITION}/print"
    assert "Stāsts par Ūdrupes dzirnavām." in html  # the summary, on the first page


def test_breadcrumbs_lead_home_through_the_exhibition(client, story):
    # the first request of a test fixes its interface language (the app context is shared)
    english = lxml.html.fromstring(html_of(client, f"{EXHIBITION}/dzirnavas?lang=en"))
    assert [li.text_content() for li in find(english, "breadcrumbs", "li")] == [
        "Home", "Exhibitions", "Ezers un dzirnavas", "Dzirnavas"]


def test_item_images_have_text_alternatives_and_link_to_the_item(client, story):
    tree = lxml.html.fromstring(html_of(client, f"{EXHIBITION}/dzirnavas"))
    figure = find(tree, "block-item", "figure")[0]
    image = figure.xpath(".//img")[0]
    assert image.get("src") == f"/items/{story['mill']}/pages/1/web.jpg"
    assert image.get("alt") == "Ūdrupes dzirnavas"
    assert figure.xpath(".//a")[0].get("href") == f"http://localhost/items/{story['mill']}"
    gallery = find(tree, "exhibit-gallery", "figure")
    assert [find(f, "exhibit-source", "a")[0].text for f in gallery] == [
        "Ezerkalnes skola", "Vēstule no Sibīrijas"]
    assert all(img.get("alt") for img in tree.xpath("//img"))
    assert not gallery[1].xpath(".//img")  # a reading-room item: its description, not its scan


def test_map_and_timeline_sum_up_the_page(client, story):
    tree = lxml.html.fromstring(html_of(client, f"{EXHIBITION}/dzirnavas"))
    places = find(tree, "place-list", "li")
    assert [li.xpath(".//a")[0].text for li in places] == ["Ūdriņi"]
    assert "2" in places[0].text_content()  # the mill and the school; the letter names no place
    decades = [span.text for span in find(tree, "decade-label")]
    assert decades == ["1930–1939", "1940–1949"]


def test_hidden_items_never_appear_on_the_page_print_view_or_api(client, story):
    for url in (f"{EXHIBITION}/dzirnavas", f"{EXHIBITION}/print", "/api/exhibitions/ezers-un-dzirnavas"):
        body = html_of(client, url)
        assert SECRET not in body, url
        for name in ("staff", "withdrawn"):
            assert f"/items/{story[name]}" not in body, url


def test_an_item_withdrawn_later_drops_out(client, story):
    withdraw_item(story["mill"])
    html = html_of(client, f"{EXHIBITION}/dzirnavas")
    assert f"/items/{story['mill']}" not in html and "alert('paraksts')" not in html
    found = client.get("/api/exhibitions/ezers-un-dzirnavas").get_json()
    ids = {entry["id"] for page in found["pages"] for block in page["blocks"]
           for entry in block["items"]}
    assert story["mill"] not in ids and story["school"] in ids


def test_markdown_and_captions_cannot_carry_script(client, story):
    html = html_of(client, f"{EXHIBITION}/dzirnavas")
    assert_harmless(html)
    assert "&lt;script&gt;alert(&#39;paraksts&#39;)&lt;/script&gt;" in html  # shown, not run
    assert_harmless(html_of(client, f"{EXHIBITION}/print"))


def test_later_pages_link_back(client, story):
    tree = lxml.html.fromstring(html_of(client, f"{EXHIBITION}/svetki"))
    assert [a.get("rel") for a in find(tree, "exhibition-pager", "a")] == ["prev"]
    assert "Stāsts par Ūdrupes dzirnavām." not in find(tree, "exhibition-header")[0].text_content()
    middle = lxml.html.fromstring(html_of(client, f"{EXHIBITION}/skola"))
    assert [a.get("rel") for a in find(middle, "exhibition-pager", "a")] == ["prev", "next"]


def test_print_view_holds_every_page(client, story):
    tree = lxml.html.fromstring(html_of(client, f"{EXHIBITION}/print"))
    assert [h.text for h in find(tree, "exhibition-print-page", "h2")] == [
        "Dzirnavas", "Skola", "Ļaudis un svētki"]
    assert [h.text for h in find(tree, "block-text", "h3")] == ["Dzirnavu vēsture", "Galerija"]
    assert "Skolas stāsts." in tree.text_content() and "Skola svētkos" in tree.text_content()
    assert find(tree, "exhibition-address", "a")[0].get("href") == f"http://localhost{EXHIBITION}"


@pytest.mark.parametrize("url", [
    "/exhibitions/melnraksts", "/exhibitions/melnraksts/print", "/exhibitions/nav-tadas",
    f"{EXHIBITION}/nav-tadas", "/exhibitions/nav-tadas/dzirnavas",
])
def test_drafts_unknown_exhibitions_and_pages_are_not_found(client, story, url):
    assert client.get(url).status_code == 404


def test_an_exhibition_without_pages_shows_its_summary(client, app):
    create_exhibition("tuksa", "Tukša izstāde", summary="Drīzumā.", publish=True)
    html = html_of(client, "/exhibitions/tuksa?lang=en")
    assert "Drīzumā." in html and "This exhibition has no pages yet." in html


def test_home_features_the_exhibition(client, story):
    tree = lxml.html.fromstring(html_of(client, "/"))
    section = tree.xpath('//section[@aria-labelledby="exhibitions-heading"]')[0]
    assert [a.text for a in section.xpath(".//h3/a")] == ["Ezers un dzirnavas"]


def test_home_without_featured_exhibitions_has_no_such_section(client, app):
    assert "exhibitions-heading" not in html_of(client, "/")


# --- The API ----------------------------------------------------------------------------------

def test_api_lists_published_exhibitions(client, story):
    found = client.get("/api/exhibitions").get_json()
    assert [e["slug"] for e in found["exhibitions"]] == ["ezers-un-dzirnavas"]
    first = found["exhibitions"][0]
    assert first["page_count"] == 3 and first["featured"] is True and first["lang"] == "lv"
    assert first["links"] == {
        "self": "http://localhost/api/exhibitions/ezers-un-dzirnavas",
        "html": f"http://localhost{EXHIBITION}", "print": f"http://localhost{EXHIBITION}/print"}


def test_api_exhibition_has_pages_blocks_items_and_safe_html(client, story):
    response = client.get("/api/exhibitions/ezers-un-dzirnavas")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    found = response.get_json()
    assert [page["slug"] for page in found["pages"]] == ["dzirnavas", "skola", "svetki"]
    blocks = found["pages"][0]["blocks"]
    assert [block["kind"] for block in blocks] == ["text", "item", "gallery", "map", "timeline"]
    text = blocks[0]["body"]
    assert text["source"] == EVIL_TEXT
    assert "<script" not in text["html"] and "&lt;script&gt;" in text["html"]
    assert "javascript" not in text["html"].replace("(javascript:alert", "")
    assert blocks[1]["items"] == [{
        "id": story["mill"], "caption": EVIL_CAPTION,  # plain text: the reader escapes it
        "links": {"self": f"http://localhost/api/items/{story['mill']}",
                  "html": f"http://localhost/items/{story['mill']}"}}]
    assert [entry["id"] for entry in blocks[3]["items"]] == [
        story["mill"], story["school"], story["letter"]]
    assert found["credits"]["html"].startswith('<p>Sagatavoja <a href="https://biblioteka')
    assert found["collections"][0]["slug"] == "testa-kolekcija"


@pytest.mark.parametrize("url", ["/api/exhibitions/melnraksts", "/api/exhibitions/nav-tadas"])
def test_api_drafts_and_unknown_exhibitions_are_a_json_404(client, story, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "exhibition_not_found"


@pytest.mark.parametrize("url, schema", [
    ("/api/exhibitions", "ExhibitionList"),
    ("/api/exhibitions/ezers-un-dzirnavas", "Exhibition"),
    ("/api/exhibitions/nav-tadas", "Error"),
])
def test_api_answers_match_the_documented_schemas(client, story, url, schema):
    assert_documented(client.get(url).get_json(), schema)


# --- Valid HTML -------------------------------------------------------------------------------

@needs_vnu
def test_exhibition_pages_are_valid_html(client, story, tmp_path):
    create_exhibition("tuksa", "Tukša izstāde", summary="Drīzumā.", publish=True)
    urls = {"exhibitions": "/exhibitions", "home-featured": "/",
            "exhibition-first": f"{EXHIBITION}/dzirnavas", "exhibition-middle": f"{EXHIBITION}/skola",
            "exhibition-last": f"{EXHIBITION}/svetki", "exhibition-print": f"{EXHIBITION}/print",
            "exhibition-empty": "/exhibitions/tuksa", "exhibition-missing": "/exhibitions/nav"}
    pages = {name: client.get(url).get_data(as_text=True) for name, url in urls.items()}
    assert nu_html_problems(pages, tmp_path) == []
