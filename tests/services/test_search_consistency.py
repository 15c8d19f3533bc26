"""The index follows every change in the same service call; the public never sees too much."""
from __future__ import annotations

import hashlib
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dublin_core import Record
from heritage.cli import cli
from heritage.extensions import db
from heritage.models import Item
from heritage.search.index import write_documents
from heritage.services import search_index
from heritage.services.items import (delete_item, publish_item, search_document, update_item,
                                     verify_index, withdraw_item)
from heritage.services.search import search_items
from tests.factories import make_item

_words = itertools.count(1)


def secret() -> str:
    """A word no other item has: letters only, so it is one token and one stem."""
    digest = hashlib.sha256(str(next(_words)).encode()).digest()
    # far apart from every other secret, so the fuzzy fallback cannot confuse two of them
    return "".join("bcdfghjklmnprstvz"[b % 17] + "aeiou"[b % 5] for b in digest[:6])


def found(word: str) -> set[int]:
    return {hit.id for hit in search_items(word, page_size=100).hits}


def test_publish_edit_withdraw_delete_reach_the_index_at_once(app):
    word, text_word, new_word = secret(), secret(), secret()
    item = make_item(title=f"Skola {word}", texts=(f"Teksts {text_word}",), status="draft")
    assert found(word) == set()
    publish_item(item.id)
    assert found(word) == found(text_word) == {item.id}
    record = Record()
    record.add("title", f"Skola {new_word}", "lv")
    update_item(item.id, record)
    assert found(word) == set() and found(new_word) == {item.id}
    update_item(item.id, record, access_level="reading_room")
    assert found(new_word) == {item.id} and found(text_word) == set()
    withdraw_item(item.id)
    assert found(new_word) == set()
    publish_item(item.id)
    delete_item(item.id)
    assert found(new_word) == set()
    assert verify_index().ok


STATUS = st.sampled_from(["draft", "published", "withdrawn"])
ACCESS = st.sampled_from(["public", "reading_room", "staff"])
ACTION = st.sampled_from(["publish", "withdraw", "delete", "public", "reading_room", "staff",
                          "retitle"])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.tuples(STATUS, ACCESS, st.lists(ACTION, max_size=3)),
                      min_size=1, max_size=5))
def test_no_unpublished_or_restricted_item_is_ever_found(app, items):
    """Random items, access levels and changes: public search shows exactly what it may."""
    expected = []
    for status, access, actions in items:
        title, text = secret(), secret()
        item = make_item(title=f"Vēsture {title}", texts=(f"Lapas teksts {text}",),
                         status=status, access_level=access)
        state = {"status": status, "access": access, "title": title}
        for action in actions:
            if state["status"] == "deleted":
                break
            if action == "publish":
                publish_item(item.id)
                state["status"] = "published"
            elif action == "withdraw":
                withdraw_item(item.id)
                state["status"] = "withdrawn"
            elif action == "delete":
                delete_item(item.id)
                state["status"] = "deleted"
            else:
                record = Record()
                state["title"] = secret() if action == "retitle" else state["title"]
                record.add("title", f"Vēsture {state['title']}", "lv")
                level = action if action in ("public", "reading_room", "staff") else None
                update_item(item.id, record, access_level=level)
                state["access"] = level or state["access"]
        expected.append((item.id, state, text))
    for item_id, state, text in expected:
        visible = state["status"] == "published" and state["access"] != "staff"
        assert found(state["title"]) == ({item_id} if visible else set()), state
        text_visible = visible and state["access"] == "public"
        assert found(text) == ({item_id} if text_visible else set()), state


def test_verify_finds_missing_stale_and_orphaned_entries(app, runner):
    kept, changed, dropped = (make_item(title=f"Vienums {secret()}") for _ in range(3))
    ghost = search_document(kept) | {"id": "999999"}
    write_documents(search_index(), [ghost], deleted_ids=[dropped.id])
    db.session.get(Item, changed.id).access_level = "reading_room"  # behind the service's back
    db.session.commit()
    report = verify_index()
    assert (report.missing, report.stale, report.orphaned) == ([dropped.id], [changed.id], [999999])
    result = runner.invoke(cli, ["index", "verify"])
    assert result.exit_code == 1
    assert f"1 missing from the index: #{dropped.id}" in result.output
    assert f"#{changed.id}" in result.output and "#999999" in result.output
    assert "heritage index rebuild" in result.output
    rebuilt = runner.invoke(cli, ["index", "rebuild"])
    assert rebuilt.exit_code == 0 and "indexed 3 items" in rebuilt.output
    again = runner.invoke(cli, ["index", "verify"])
    assert again.exit_code == 0 and "3 items checked" in again.output


def test_search_facets_from_the_cli(app, runner):
    word = secret()
    make_item(title=f"Avīze {word}", date="1938-05-12", coverage="Krāslava", type="Text")
    make_item(title=f"Foto {word}", date="1961", coverage="Krāslava", type="StillImage")
    result = runner.invoke(cli, ["search", word, "--json", "--facet", "decade", "--facet", "place"])
    import json
    data = json.loads(result.output)
    assert data["total"] == 2
    assert data["facets"]["decade"] == [{"value": "1930", "count": 1, "label": "1930"},
                                        {"value": "1960", "count": 1, "label": "1960"}]
    assert data["facets"]["place"] == [{"value": "Krāslava", "count": 2, "label": "Krāslava"}]
    text = runner.invoke(cli, ["search", word, "--facet", "decade"])
    assert "decade: 1930 (1), 1960 (1)" in text.output
    bad = runner.invoke(cli, ["search", word, "--facet", "colour"])
    assert bad.exit_code != 0 and "colour" in bad.output and "decade" in bad.output
