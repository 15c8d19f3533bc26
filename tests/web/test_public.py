"""The public catalogue as a visitor meets it: pages, images, search, languages, errors."""
from __future__ import annotations

import pytest

from tests.factories import make_item


@pytest.fixture
def items(app):
    """A small published collection, a draft and a reading-room item."""
    return {
        "school": make_item(title="Krāslavas skola", texts=("Krāslavas skolā mācās 120 bērnu.",),
                            coverage="Krāslava", date="1935", subject=["skolas", "izglītība"]),
        "letters": make_item(title="Vēstules", texts=("Pirmā vēstule.", "Otrā vēstule no Sibīrijas.")),
        "draft": make_item(title="Nepublicēts melnraksts", status="draft"),
        "closed": make_item(title="Izsūtīto atmiņas", texts=("Slepens teksts par 1949. gadu.",),
                            access_level="reading_room", description="Atmiņas par izsūtījumu."),
    }


def test_home_lists_collections_and_recent_items_in_latvian(client, items):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="lv">' in html
    assert "Kolekcijas" in html and "testa-kolekcija" in html
    assert "Krāslavas skola" in html and "Nepublicēts" not in html


def test_collection_page_lists_published_items(client, items):
    html = client.get("/collections/testa-kolekcija").get_data(as_text=True)
    assert "Vēstules" in html and "Nepublicēts" not in html


def test_item_page_shows_description_image_and_text(client, items):
    item = items["school"]
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    assert "<h1>Krāslavas skola</h1>" in html
    assert "Vieta" in html and "Krāslava" in html and "izglītība" in html
    assert "Krāslavas skolā mācās 120 bērnu." in html
    assert f"/items/{item.id}/pages/1/web.jpg" in html


def test_multi_page_item_shows_the_chosen_page(client, items):
    html = client.get(f"/items/{items['letters'].id}?page=2").get_data(as_text=True)
    assert "Otrā vēstule no Sibīrijas." in html and "Pirmā vēstule." not in html


def test_page_images_are_served_as_jpeg(client, items):
    response = client.get(f"/items/{items['school'].id}/pages/1/thumb.jpg")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.data[:2] == b"\xff\xd8"


def test_reading_room_item_shows_description_but_not_text_or_image(client, items):
    item = items["closed"]
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    assert "Atmiņas par izsūtījumu." in html and "Slepens teksts" not in html
    assert client.get(f"/items/{item.id}/pages/1/web.jpg").status_code == 403


@pytest.mark.parametrize("url", [
    "/items/999999", "/collections/nav-tadas", "/items/{draft}", "/items/{draft}/pages/1/web.jpg",
    "/items/{school}?page=9", "/items/{school}/pages/7/web.jpg", "/items/{school}/pages/1/huge.jpg",
    "/collections/testa-kolekcija?page=99", "/language/de",
])
def test_missing_things_are_a_friendly_404(client, items, url):
    response = client.get(url.format(**{k: v.id for k, v in items.items()}))
    assert response.status_code == 404
    assert "Lapa nav atrasta" in response.get_data(as_text=True)


def test_search_page_highlights_matches_without_diacritics(client, items):
    html = client.get("/search?q=kraslavas").get_data(as_text=True)
    assert "Krāslavas skola" in html and "<mark" in html
    assert "Nepublicēts" not in html


def test_search_never_shows_restricted_text(client, items):
    html = client.get("/search?q=izsutijumu").get_data(as_text=True)
    assert "Izsūtīto atmiņas" in html and "Slepens" not in html


def test_search_with_nothing_found_says_so(client, items):
    html = client.get("/search?q=zirafe").get_data(as_text=True)
    assert "zirafe" in html and 'role="status"' in html


@pytest.mark.parametrize("code, word", [("lt", "Kolekcijos"), ("en", "Collections"), ("lv", "Kolekcijas")])
def test_language_switcher_remembers_the_choice(client, items, code, word):
    response = client.get(f"/language/{code}?next=/collections/testa-kolekcija")
    assert response.status_code == 302 and response.headers["Location"] == "/collections/testa-kolekcija"
    html = client.get("/").get_data(as_text=True)
    assert f'<html lang="{code}">' in html and word in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_bad_page_numbers_mean_the_first_page(client, items):
    assert client.get("/search?q=vestule&page=abc").status_code == 200
    assert client.get("/collections/testa-kolekcija?page=-3").status_code == 200


@pytest.mark.parametrize("action", ["withdraw", "delete"])
def test_withdrawn_and_deleted_items_leave_the_catalogue_and_search(client, items, action):
    from heritage.services.items import delete_item, withdraw_item
    item_id = items["school"].id
    (withdraw_item if action == "withdraw" else delete_item)(item_id)
    assert client.get(f"/items/{item_id}").status_code == 404
    assert client.get(f"/items/{item_id}/pages/1/web.jpg").status_code == 404
    assert "Krāslavas skola" not in client.get("/search?q=kraslavas").get_data(as_text=True)
    assert "Krāslavas skola" not in client.get("/").get_data(as_text=True)


def test_every_rights_statement_and_type_has_a_translated_label(app):
    from dublin_core.validate import RIGHTS_STATEMENTS
    from dublin_core.vocab import DCMI_TYPES
    from heritage.web.display import DCMI_TYPE_LABELS, RIGHTS_LABELS, rights_html
    assert set(RIGHTS_LABELS) == set(RIGHTS_STATEMENTS) and set(DCMI_TYPE_LABELS) == set(DCMI_TYPES)
    with app.test_request_context("/?lang=en"):
        link = str(rights_html("https://rightsstatements.org/page/InC-EDU/1.0/?language=lv"))
    assert link == ('<a href="http://rightsstatements.org/vocab/InC-EDU/1.0/" rel="license">'
                    "In copyright – educational use permitted</a>")


def test_staff_only_items_are_nowhere_on_the_public_site(client):
    """Neither its page, its citation, its images, its collection listing nor the home counts."""
    from tests.factories import make_item

    hidden = make_item(collection="darbinieku-mape", title="Darbinieku saraksts",
                       access_level="staff")
    for url in (f"/items/{hidden.id}", f"/items/{hidden.id}/cite.ris",
                f"/items/{hidden.id}/pages/1/thumb.jpg"):
        assert client.get(url).status_code == 404, url
    assert "Darbinieku saraksts" not in client.get("/collections/darbinieku-mape").get_data(True)
    home = client.get("/").get_data(True)
    assert "darbinieku-mape" not in home and "Darbinieku saraksts" not in home


def test_item_page_shows_the_values_in_the_visitors_language_and_related_items(client):
    """Descriptions in several languages: the visitor's, else Latvian; related items listed."""
    from flask_babel import refresh

    from heritage.services.items import update_item
    from tests.factories import make_item

    mill = make_item(title="Ūdensdzirnavas", subject="Dzirnavas")
    record = mill.record
    record.add("title", "Vandens malūnas", "lt")
    record.add("description", "Dzirnavas pie ezera.", "lv")
    record.add("description", "The mill by the lake.", "en")
    update_item(mill.id, record)
    make_item(title="Dzirnavnieks Kārlis", subject="Dzirnavas")

    english = client.get(f"/items/{mill.id}?lang=en").get_data(True)
    assert "The mill by the lake." in english and "Dzirnavas pie ezera." not in english
    refresh()  # the test app context outlives requests, and Flask-Babel keeps the locale in it
    lithuanian = client.get(f"/items/{mill.id}?lang=lt").get_data(True)
    assert "<h1>Vandens malūnas</h1>" in lithuanian
    assert "Dzirnavas pie ezera." in lithuanian and "The mill by the lake." not in lithuanian
    refresh()
    latvian = client.get(f"/items/{mill.id}").get_data(True)
    assert 'id="related-heading"' in latvian and "Dzirnavnieks Kārlis" in latvian
