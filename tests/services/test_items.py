"""The item service's bookkeeping that harvesters and caches rely on."""
from __future__ import annotations

from dublin_core import Record
from heritage.services.items import update_item
from tests.factories import make_item


def test_editing_only_the_description_moves_the_items_datestamp(app):
    """OAI-PMH harvesters ask for records changed since a date: an edited description must show."""
    item = make_item(title="Vecais nosaukums")
    before = item.updated_at
    record = Record()
    record.add("title", "Jaunais nosaukums", "lv")
    assert update_item(item.id, record).updated_at > before
