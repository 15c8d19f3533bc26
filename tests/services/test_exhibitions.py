"""heritage.services.exhibitions: building exhibitions, and what the public sees of them."""
from __future__ import annotations

import pytest

from heritage.errors import ExhibitionNotFound, InvalidInput
from heritage.services.exhibitions import (add_block, add_page, cover_item, create_exhibition,
                                           delete_exhibition, exhibition_page, exhibition_pages,
                                           featured_exhibitions, get_public_exhibition,
                                           item_titled, public_exhibitions, publish_exhibition)
from heritage.services.items import delete_item, withdraw_item
from tests.factories import make_item


@pytest.fixture
def items(app):
    """A public, a reading-room, a staff-only, a withdrawn, a draft and a deleted item."""
    made = {
        "mill": make_item(title="Ūdrupes dzirnavas", coverage="Ūdriņi", date="1937"),
        "school": make_item(title="Ezerkalnes skola", coverage="Ezerkalne", date="1938"),
        "letter": make_item(title="Vēstule", access_level="reading_room", date="1949"),
        "staff": make_item(title="Slepenā lieta", access_level="staff"),
        "withdrawn": make_item(title="Atsaukts"),
        "draft": make_item(title="Melnraksts", status="draft"),
        "deleted": make_item(title="Dzēsts"),
    }
    withdraw_item(made["withdrawn"].id)
    delete_item(made["deleted"].id)
    return {name: item.id for name, item in made.items()}


@pytest.fixture
def in_request(app):
    """A request context: map points and decade bars link to searches."""
    with app.test_request_context():
        yield


@pytest.fixture
def exhibition(items):
    """A published exhibition of two pages, with every hidden kind of item in its blocks."""
    found = create_exhibition("ezers", "Ezers un dzirnavas", summary="Stāsts.", publish=True,
                              collections=["testa-kolekcija"])
    first = add_page(found, "dzirnavas", "Dzirnavas")
    add_block(first, "text", "# Dzirnavas\n\nTeksts.")
    add_block(first, "item", "", [(items["mill"], "Dzirnavas 1937. gadā")])
    add_block(first, "item", "Šis pazudīs.", [(items["staff"], "slepeni")])
    add_block(first, "gallery", "", [(items["school"], "Skola"), (items["letter"], "Vēstule"),
                                     (items["withdrawn"], "atsaukts"), (items["draft"], "nav")])
    add_block(first, "map")
    add_block(first, "timeline", "", [items["withdrawn"]])
    second = add_page(found, "skola", "Skola")
    add_block(second, "timeline", "", [items["school"], items["mill"]])
    return found


def test_public_exhibitions_list_published_featured_first(exhibition):
    create_exhibition("melnraksts", "Melnraksts")
    featured = create_exhibition("svetki", "Svētki", featured=True, publish=True)
    assert [e.slug for e in public_exhibitions()] == ["svetki", "ezers"]
    assert featured_exhibitions(5) == [featured]
    assert featured_exhibitions(0) == []


def test_drafts_and_unknown_exhibitions_are_not_found(exhibition):
    draft = create_exhibition("melnraksts", "Melnraksts")
    for slug in ("melnraksts", "nav-tadas"):
        with pytest.raises(ExhibitionNotFound, match=slug):
            get_public_exhibition(slug)
    publish_exhibition(draft)
    assert get_public_exhibition("melnraksts") == draft
    assert draft.published_at is not None


def test_page_has_its_neighbours_and_an_unknown_page_is_not_found(exhibition, in_request):
    first = exhibition_page(exhibition, "dzirnavas")
    second = exhibition_page(exhibition, "skola")
    assert (first.number, first.previous, first.next.slug) == (1, None, "skola")
    assert (second.number, second.previous.slug, second.next) == (2, "dzirnavas", None)
    with pytest.raises(ExhibitionNotFound, match="no page 'nav'"):
        exhibition_page(exhibition, "nav")
    assert [shown.page.slug for shown in exhibition_pages(exhibition)] == ["dzirnavas", "skola"]


def test_hidden_items_drop_out_and_images_only_for_public_items(exhibition, items, in_request):
    blocks = exhibition_page(exhibition, "dzirnavas").blocks
    assert [block.kind for block in blocks] == ["text", "item", "gallery", "map"]
    shown = {entry.item.id: entry for block in blocks for entry in block.entries}
    assert set(shown) == {items["mill"], items["school"], items["letter"]}
    assert shown[items["mill"]].image and shown[items["mill"]].caption == "Dzirnavas 1937. gadā"
    assert shown[items["mill"]].alt == "Ūdrupes dzirnavas"
    assert not shown[items["letter"]].image  # its description is public, its pages are not


def test_map_without_items_sums_up_the_page_and_timeline_counts_decades(exhibition, items, in_request):
    blocks = exhibition_page(exhibition, "dzirnavas").blocks
    assert [entry.item.id for entry in blocks[-1].entries] == [
        items["mill"], items["school"], items["letter"]]
    timeline = exhibition_page(exhibition, "skola").blocks[0]
    assert [(bar.decade, bar.count) for bar in timeline.bars] == [("1930", 2)]


def test_summaries_can_be_left_out(exhibition):
    block = exhibition_page(exhibition, "skola", summarise=False).blocks[0]
    assert block.bars == [] and len(block.entries) == 2


def test_cover_is_the_first_public_image_unless_one_is_chosen(exhibition, items):
    assert cover_item(exhibition).id == items["mill"]
    chosen = create_exhibition("ar-vaku", "Ar vāku", cover_item_id=items["school"])
    assert cover_item(chosen).id == items["school"]
    closed = create_exhibition("slegts", "Slēgts vāks", cover_item_id=items["letter"])
    assert cover_item(closed) is None


@pytest.mark.parametrize("kwargs, message", [
    ({"slug": "Ezers"}, "exhibition slug 'Ezers' is not valid"),
    ({"slug": "ezers un dzirnavas"}, "exhibition slug 'ezers un dzirnavas' is not valid"),
    ({"slug": "ezers--dzirnavas"}, "is not valid"),
    ({"slug": "-ezers"}, "is not valid"),
    ({"slug": "dzirnavās"}, "exhibition slug 'dzirnavās' is not valid"),
    ({"slug": ""}, "exhibition slug '' is not valid"),
    ({"slug": "a" * 81}, "is not valid"),
    ({"slug": "ezers"}, "exhibition slug 'ezers' is already taken"),
    ({"title": "  "}, "exhibition title '  ' is not valid"),
    ({"lang": "latviešu"}, "exhibition language 'latviešu' is not valid"),
    ({"lang": ""}, "exhibition language '' is not valid"),
    ({"cover_item_id": 999999}, "cover item #999999 does not exist"),
    ({"collections": ["nav-tadas"]}, "collection 'nav-tadas' does not exist"),
])
def test_bad_exhibitions_are_refused_naming_the_field(exhibition, kwargs, message):
    given = {"slug": "jauna", "title": "Jauna izstāde", **kwargs}
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        create_exhibition(given.pop("slug"), given.pop("title"), **given)


@pytest.mark.parametrize("slug, title, message", [
    ("Skola", "Skola", "page slug 'Skola' is not valid"),
    ("dzirnavas", "Atkal", "page slug 'dzirnavas' is already used"),
    ("print", "Drukāt", "page slug 'print' is reserved"),
    ("jauna", "", "page title '' is not valid"),
])
def test_bad_pages_are_refused_naming_the_field(exhibition, slug, title, message):
    with pytest.raises(InvalidInput, match=message):
        add_page(exhibition, slug, title)


@pytest.mark.parametrize("kind, body, entries, message", [
    ("video", "x", [], "block kind 'video' is not one of text, item, gallery, map, timeline"),
    ("text", "", [], "a text block needs a body"),
    ("text", "x", ["mill"], "a text block needs a body and no items"),
    ("item", "", [], "an item block shows exactly one item, not 0"),
    ("item", "", ["mill", "school"], "an item block shows exactly one item, not 2"),
    ("gallery", "", [], "a gallery block needs at least one item"),
    ("item", "", [999999], "item #999999 does not exist"),
    ("gallery", "", ["deleted"], "does not exist"),
])
def test_bad_blocks_are_refused_naming_the_field(exhibition, items, kind, body, entries, message):
    page = exhibition.pages[1]
    before = len(page.blocks)
    given = [items.get(entry, entry) for entry in entries]
    with pytest.raises(InvalidInput, match=message):
        add_block(page, kind, body, given)
    assert len(page.blocks) == before


def test_delete_exhibition_and_find_items_by_title(exhibition, items):
    assert item_titled("Ūdrupes dzirnavas").id == items["mill"]
    with pytest.raises(InvalidInput, match="matches 0 items"):
        item_titled("Dzēsts")  # deleted items have no title left, and never count
    assert delete_exhibition("ezers") is True
    assert delete_exhibition("ezers") is False
    assert public_exhibitions() == []
