"""The access policy: levels, single files closed further, embargo dates, the reading room."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from heritage.errors import ItemNotFound
from heritage.extensions import db
from heritage.models import Item
from heritage.services import access
from heritage.services.items import lift_embargoes, search_document
from heritage.services.search import search_items
from tests.factories import make_item

TODAY = date(2025, 6, 1)
PAST, FUTURE = TODAY - timedelta(days=1), TODAY + timedelta(days=30)


def item(level: str, until: date | None = None, reason: str | None = None, note: str = ""):
    return SimpleNamespace(id=7, status="published", access_level=level, embargo_until=until,
                           access_reason=reason, access_note=note, media_files=[], pages=[])


def media(level: str | None, reason: str | None = None):
    return SimpleNamespace(access_level=level, access_reason=reason)


@pytest.mark.parametrize("level, until, own, reading_room, opens", [
    ("public", None, None, False, True),
    ("public", None, "reading_room", False, False),
    ("public", None, "reading_room", True, True),
    ("public", None, "metadata_only", True, False),
    ("reading_room", None, None, False, False),
    ("reading_room", None, None, True, True),
    ("reading_room", None, "public", False, False),  # a file is never more open than its item
    ("metadata_only", None, None, True, False),
    ("metadata_only", None, "public", True, False),
    ("embargo", FUTURE, None, False, False),
    ("embargo", FUTURE, None, True, False),  # an embargo holds in the reading room too
    ("embargo", PAST, None, False, True),
    ("embargo", None, None, False, False),  # no end date: closed until further notice
    ("public", PAST, "embargo", False, True),
    ("public", FUTURE, "embargo", True, False),
    ("embargo", PAST, "reading_room", False, False),
])
def test_a_file_opens_only_when_item_and_file_both_allow_it(level, until, own, reading_room, opens):
    assert access.media_open(item(level, until), media(own), reading_room=reading_room,
                             today=TODAY) is opens


@pytest.mark.parametrize("level, own", [("staff", None), ("public", "staff"),
                                        ("reading_room", "staff"), ("staff", "public")])
def test_staff_only_items_and_files_are_not_found(level, own):
    with pytest.raises(ItemNotFound):
        access.check_media(item(level), media(own), reading_room=True, today=TODAY)


def test_a_closed_file_says_why_and_until_when():
    closed = item("embargo", FUTURE, reason="donor_terms", note="Dāvinātāja vēlēšanās.")
    with pytest.raises(access.FilesClosed) as raised:
        access.check_media(closed, media(None), today=TODAY)
    assert raised.value.closure == access.Closure("embargo", "donor_terms",
                                                  "Dāvinātāja vēlēšanās.", FUTURE)
    assert str(raised.value) == (f"the files of item #7 are under embargo until "
                                 f"{FUTURE.isoformat()} (reason: donor terms)")


def test_a_file_closed_on_its_own_gives_its_own_reason():
    found = access.closure(item("public", reason="copyright"), media("staff", "privacy"))
    assert (found.level, found.reason) == ("staff", "privacy")
    assert access.closure(item("public"), media(None)) is None


@pytest.mark.parametrize("level, until, expected", [
    ("public", None, "public"), ("embargo", FUTURE, "embargo"), ("embargo", PAST, "public"),
    ("reading_room", None, "reading_room"), ("bogus", None, "staff")])
def test_the_level_today(level, until, expected):
    assert access.item_level(item(level, until), TODAY) == expected
    assert access.is_described(item(level, until), TODAY) is (expected != "staff")


def test_the_index_holds_no_text_or_name_of_a_staff_only_file(app):
    found = make_item(title="Atmiņu stāsts", texts=("Atklāta lapa zvejnieki.",
                                                     "Privāta vēstule slepenvārds."))
    found.media_files[1].access_level = "staff"
    db.session.commit()
    document = search_document(found)
    assert "zvejnieki" in document["fulltext"] and "slepenvārds" not in document["fulltext"]
    assert document["files"] == ["1.png"]


def test_lift_embargoes_reindexes_only_ended_embargoes(app):
    ended = make_item(title="Beidzies embargo", texts=("Lapā vārds laivinieks.",),
                      access_level="embargo")
    waiting = make_item(title="Gaidošs embargo", texts=("Lapā vārds plostnieks.",),
                        access_level="embargo")
    ended.embargo_until = date.today() + timedelta(days=3)
    waiting.embargo_until = date.today() + timedelta(days=3)
    db.session.commit()
    assert lift_embargoes() == []
    # the day passes: the row is as it was, only the calendar moved
    db.session.get(Item, ended.id).embargo_until = date.today()
    db.session.commit()
    assert not search_items("laivinieks").hits
    assert lift_embargoes() == [ended.id]
    assert [hit.id for hit in search_items("laivinieks").hits] == [ended.id]
    assert not search_items("plostnieks").hits
