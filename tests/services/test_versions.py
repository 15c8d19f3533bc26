"""Item versions: snapshots before changes, diffs, and restoring round trips."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from dublin_core import Record
from heritage.errors import InvalidInput, ItemNotFound, NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry
from heritage.services import bulk, search_index, versions
from heritage.services.collections import ensure_collection
from tests.factories import make_item, make_user


def _values(item):
    return [(v.element, v.value, v.lang, v.position) for v in item.values]


def test_save_version_keeps_values_with_lang_and_position_and_access(app):
    item = make_item(status="draft", branch="ezerkalne", subject=["Skolas", "Bērni"])
    item.access_level, item.access_reason, item.embargo_until = "embargo", "privacy", date(2040, 1, 1)
    version = versions.save_version(item, make_user("cataloguer"), "test")
    db.session.commit()
    saved = json.loads(version.snapshot)
    assert saved["values"][0] == {"element": "title", "value": "Vecpils skola", "lang": "lv", "position": 0}
    assert [v["value"] for v in saved["values"] if v["element"] == "subject"] == ["Skolas", "Bērni"]
    assert (saved["status"], saved["access_level"], saved["access_reason"], saved["embargo_until"],
            saved["collection"]) == ("draft", "embargo", "privacy", "2040-01-01", "testa-kolekcija")
    assert [versions.save_version(item, None).number for _ in range(2)] == [2, 3]


def test_restore_round_trip(app):
    user = make_user("cataloguer")
    item = make_item(status="draft", branch="ezerkalne", subject="Skolas")
    original = _values(item)
    ensure_collection("albums")
    edit = bulk.check_batch("title", "replace", "Jauns nosaukums", lang="lv")
    bulk.apply_batch([item.id], edit, user)
    bulk.run_bulk([item.id], "move", user, collection="albums")
    assert item.title() == "Jauns nosaukums" and item.collection.slug == "albums"
    first = versions.versions_of(item.id)[-1]
    assert first.number == 1
    rows = {row.field: (row.old, row.new) for row in versions.diff(first, item)}
    assert rows == {"title": ("Vecpils skola [lv]", "Jauns nosaukums [lv]"),
                    "collection": ("testa-kolekcija", "albums")}

    versions.restore_version(item.id, 1, user)
    assert _values(item) == original and item.collection.slug == "testa-kolekcija"
    assert versions.diff(first, item) == []
    newest = versions.versions_of(item.id)[0]
    assert newest.number == 3 and "restoring version 1" in newest.note
    assert json.loads(newest.snapshot)["collection"] == "albums"  # the state it replaced
    audited = {(e.field, e.old, e.new) for e in db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "restore"))}
    assert ("title", "Jauns nosaukums [lv]", "Vecpils skola [lv]") in audited
    assert ("collection", "albums", "testa-kolekcija") in audited
    assert ("version", "", "1") in audited
    with search_index().searcher() as searcher:
        assert searcher.document(id=str(item.id))["title"] == "Vecpils skola"


def test_restore_keeps_the_workflow_state(app):
    user = make_user("coordinator", branch=None)
    item = make_item(status="draft", branch="ezerkalne")
    versions.save_version(item, user)
    item.status = "published"
    db.session.commit()
    versions.restore_version(item.id, 1, user)
    assert item.status == "published"


@pytest.mark.parametrize("number, error", [(7, ItemNotFound)])
def test_restoring_a_missing_version(app, number, error):
    item = make_item(status="draft", branch="ezerkalne")
    with pytest.raises(error):
        versions.restore_version(item.id, number, make_user("cataloguer"))


def test_another_branch_may_not_restore(app):
    item = make_item(status="draft", branch="kalnciems")
    versions.save_version(item, None)
    db.session.commit()
    with pytest.raises(NotAllowed):
        versions.restore_version(item.id, 1, make_user("cataloguer"))


def test_restore_refuses_a_removed_collection(app):
    user = make_user("cataloguer")
    item = make_item(status="draft", branch="ezerkalne", collection="gone")
    version = versions.save_version(item, user)
    snap = json.loads(version.snapshot)
    snap["collection"] = "no-such-collection"
    version.snapshot = json.dumps(snap)
    db.session.commit()
    with pytest.raises(InvalidInput, match="no-such-collection"):
        versions.restore_version(item.id, 1, user)
    db.session.rollback()
    assert len(versions.versions_of(item.id)) == 1


def test_diff_shows_value_changes(app):
    item = make_item(status="draft", branch="ezerkalne")
    version = versions.save_version(item, None)
    record = Record()
    record.add("title", "Cits", "lv")
    item.set_record(record)
    db.session.commit()
    assert [(r.field, r.old, r.new) for r in versions.diff(version, item)] == [
        ("title", "Vecpils skola [lv]", "Cits [lv]")]
