"""Related items: shared subjects, places and people, public items only, best first."""
from __future__ import annotations

import pytest

from heritage.services.related import related_items
from tests.factories import make_item


def test_items_sharing_more_and_weightier_values_come_first(app):
    mill = make_item(title="Dzirnavas", subject=["Dzirnavas", "Ezerkalne"], coverage="Ezerkalne")
    same_subject_and_place = make_item(title="Dzirnavnieks", subject="Dzirnavas", coverage="Ezerkalne")
    same_place = make_item(title="Skola", coverage="Ezerkalne")
    same_subject = make_item(title="Vējdzirnavas", subject="Dzirnavas")
    make_item(title="Nesaistīts", subject="Kori", coverage="Zīlēni")
    found = [card.id for card in related_items(mill)]
    assert found[0] == same_subject_and_place.id
    assert found.index(same_subject.id) < found.index(same_place.id)  # a subject weighs more than a place
    found = related_items(mill)
    assert [i.title() for i in found] == ["Dzirnavnieks", "Vējdzirnavas", "Skola"]


@pytest.mark.parametrize("status, access", [("draft", "public"), ("published", "staff"),
                                            ("withdrawn", "public")])
def test_items_the_public_may_not_read_are_never_related(app, status, access):
    mill = make_item(title="Dzirnavas", subject="Dzirnavas")
    make_item(title="Slēpts", subject="Dzirnavas", status=status, access_level=access)
    assert related_items(mill) == []


def test_an_item_without_subjects_places_or_people_has_no_related_items(app):
    lonely = make_item(title="Bez apraksta")
    make_item(title="Cits", subject="Dzirnavas")
    assert related_items(lonely) == []


def test_reading_room_items_are_related_by_their_description(app):
    mill = make_item(title="Dzirnavas", subject="Dzirnavas")
    closed = make_item(title="Lasītavā", subject="Dzirnavas", access_level="reading_room")
    assert [(card.id, card.access_level) for card in related_items(mill)] == [(closed.id, "reading_room")]


def test_the_limit_is_kept(app):
    mill = make_item(title="Dzirnavas", subject="Dzirnavas")
    for n in range(6):
        make_item(title=f"Dzirnavas {n}", subject="Dzirnavas")
    assert len(related_items(mill, limit=4)) == 4


def test_cards_carry_what_an_item_card_shows(app):
    mill = make_item(title="Dzirnavas", subject="Dzirnavas")
    make_item(title="Dzirnavnieks", subject="Dzirnavas", date="1937", coverage="Ezerkalne",
              description="Par dzirnavnieku.", texts=("Pirmā lapa.", "Otrā lapa."))
    [card] = related_items(mill)
    assert card.title("lv") == "Dzirnavnieks" and card.record.first("date") == "1937"
    assert card.record.first("coverage") == "Ezerkalne"
    assert card.record.first("description") == "Par dzirnavnieku."
    assert [page.sequence for page in card.pages] == [1] and card.pages[0].width == 800
    assert card.record.get("subject") == []  # only what a card shows is read
