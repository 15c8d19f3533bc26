"""heritage.services.exhibition_builder: the checks, the order rules and the audit trail."""
from __future__ import annotations

import pytest

from heritage.errors import InvalidInput, NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry
from heritage.services import exhibition_builder as builder
from heritage.services import exhibition_order as order_service
from tests.factories import make_item, make_user


@pytest.fixture
def built(app):
    """A coordinator, and a draft with two pages; the first has a gallery of two items."""
    by = make_user("coordinator", branch=None)
    one, two = make_item(title="Viens"), make_item(title="Divi")
    exhibition = builder.new_exhibition("ezers", "Ezers", by)
    first = builder.new_page(exhibition.id, "a", "A", by)
    builder.new_page(exhibition.id, "b", "B", by)
    gallery = builder.new_block(first.id, "gallery", "", f"{one.id} {two.id}", by)
    return {"by": by, "exhibition": exhibition, "gallery": gallery, "items": (one, two)}


def test_a_cataloguer_may_not_build(app, built):
    cataloguer = make_user("cataloguer")
    with pytest.raises(NotAllowed):
        builder.new_exhibition("cits", "Cits", cataloguer)


def test_move_stays_within_the_list(app, built):
    pages = built["exhibition"].pages
    order_service.move("page", pages[0].id, -1, built["by"])  # already first: nothing to do
    assert [p.slug for p in pages] == ["a", "b"]
    order_service.move("page", pages[0].id, +1, built["by"])
    assert [p.slug for p in built["exhibition"].pages] == ["b", "a"]
    entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "reorder")).one()
    assert (entry.object_type, entry.field) == ("exhibition", "page order")


@pytest.mark.parametrize("order, unknown, missing, duplicates", [
    ("not a list", ["'not a list'"], "ALL", []),
    ([], [], "ALL", []),
    (["1", None], ["1", None], "ALL", []),
    ("DUPLICATE", [], [], "FIRST"),
    ("EXTRA", [424242], [], []),
])
def test_a_new_order_must_name_every_row_once(app, built, order, unknown, missing, duplicates):
    ids = [entry.id for entry in built["gallery"].entries]
    order = {"DUPLICATE": ids + ids[:1], "EXTRA": ids + [424242]}.get(order, order) \
        if isinstance(order, str) else order
    with pytest.raises(order_service.BadOrder) as bad:
        order_service.reorder("entry", built["gallery"].id, order, built["by"])
    assert bad.value.unknown == unknown
    assert bad.value.missing == (ids if missing == "ALL" else missing)
    assert bad.value.duplicates == (ids[:1] if duplicates == "FIRST" else duplicates)


@pytest.mark.parametrize("kind, refs, message", [
    ("item", "", "at least 1 item"),
    ("item", "ONE TWO", "shows 1 item, not 2"),
    ("gallery", "", "at least 1 item"),
    ("gallery", "12345", "'12345'"),
    ("text", "", "text ''"),
])
def test_blocks_that_need_items_are_refused_without_them(app, built, kind, refs, message):
    one, two = built["items"]
    refs = refs.replace("ONE", str(one.id)).replace("TWO", str(two.id))
    page = built["exhibition"].pages[1]
    with pytest.raises(InvalidInput, match=message):
        builder.new_block(page.id, kind, "", refs, built["by"])
    assert page.blocks == []


def test_an_item_block_takes_no_second_item(app, built):
    one, two = built["items"]
    block = builder.new_block(built["exhibition"].pages[1].id, "item", "", str(one.id), built["by"])
    with pytest.raises(InvalidInput, match="use a gallery"):
        builder.add_items(block.id, str(two.id), built["by"])


def test_find_items_by_title_or_number(app, built):
    one, _two = built["items"]
    assert [i.id for i in builder.find_items("vien")] == [one.id]
    assert [i.id for i in builder.find_items(f"#{one.id}")] == [one.id]
    assert builder.find_items("100%_") == [] and builder.find_items("") == []
