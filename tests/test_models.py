"""Item.title reads the values directly and must agree with the Dublin Core record's rule."""
from __future__ import annotations

import pytest

from heritage.models import Item, ItemValue

TITLES = [
    [("Ezera dzirnavas", "lv"), ("Ežero malūnas", "lt"), ("EV-1938", None)],
    [("  Ar atstarpēm  ", "lv-LV"), ("Untagged", None)],
    [("Только русский", "ru")],
    [("Untagged first", None), ("Latviski", "lv")],
    [("   ", "lv"), ("Bez tukšā", None)],
    [],
]


@pytest.mark.parametrize("titles", TITLES)
@pytest.mark.parametrize("lang", [None, "lv", "lt", "LV", "en", "ru"])
def test_title_follows_the_records_rule(titles, lang):
    item = Item(id=7)
    item.values = [ItemValue(element="title", value=text, lang=tag, position=n)
                   for n, (text, tag) in enumerate(titles)]
    assert item.title(lang) == (item.record.first("title", lang) or "#7")
