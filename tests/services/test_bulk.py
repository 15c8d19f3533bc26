"""Bulk actions and batch edits on a selection: per-item permission, outcomes, audit, versions."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from heritage.errors import InvalidInput
from heritage.extensions import db
from heritage.models import AuditEntry, ItemVersion
from heritage.services import bulk, search_index, versions
from heritage.services.collections import ensure_collection
from heritage.services.items import verify_index
from tests.factories import make_item, make_user


def _audit(field):
    return [(e.object_id, e.old, e.new) for e in db.session.scalars(
        select(AuditEntry).where(AuditEntry.field == field).order_by(AuditEntry.id))]


def test_publish_a_mix_of_allowed_and_refused_items(app):
    coordinator = make_user("coordinator", branch=None)
    ready = make_item(status="review", branch="ezerkalne", title="Gatavs")
    draft = make_item(status="draft", branch="ezerkalne", title="Melnraksts")
    outcomes = bulk.run_bulk([ready.id, draft.id, 9999], "publish", coordinator)
    assert [(o.item_id, o.done) for o in outcomes] == [(ready.id, True), (draft.id, False), (9999, False)]
    assert "is draft" in outcomes[1].message and "no item" in outcomes[2].message
    assert (ready.status, draft.status) == ("published", "draft")
    assert _audit("status") == [(ready.id, "review", "published")]


def test_a_cataloguer_is_refused_other_branches_items(app):
    cataloguer = make_user("cataloguer")
    own = make_item(status="draft", branch="ezerkalne")
    other = make_item(status="draft", branch="kalnciems")
    outcomes = bulk.run_bulk([own.id, other.id], "submit", cataloguer)
    assert [o.done for o in outcomes] == [True, False]
    assert "another branch" in outcomes[1].message
    assert (own.status, other.status) == ("review", "draft")
    refused = bulk.run_bulk([own.id], "publish", cataloguer)
    assert not refused[0].done and "may not publish" in refused[0].message


def test_move_to_collection_is_versioned_and_audited(app):
    user = make_user("cataloguer")
    item = make_item(status="draft", branch="ezerkalne")
    ensure_collection("albums", "Albumi")
    outcomes = bulk.run_bulk([item.id], "move", user, collection="albums")
    assert outcomes[0].done and item.collection.slug == "albums"
    assert _audit("collection") == [(item.id, "testa-kolekcija", "albums")]
    assert len(versions.versions_of(item.id)) == 1
    with search_index().searcher() as searcher:
        assert searcher.document(id=str(item.id))["collection"] == "albums"


def test_move_to_a_missing_collection_does_nothing(app):
    item = make_item(status="draft", branch="ezerkalne")
    with pytest.raises(InvalidInput, match="nav-tadas"):
        bulk.run_bulk([item.id], "move", make_user("cataloguer"), collection="nav-tadas")


def test_set_access_with_embargo(app):
    user = make_user("cataloguer")
    item = make_item(status="draft", branch="ezerkalne")
    choice = bulk.check_access("embargo", "privacy", "2045-05-01")
    outcomes = bulk.run_bulk([item.id], "access", user, access=choice)
    assert outcomes[0].done
    assert (item.access_level, item.access_reason, item.embargo_until) == ("embargo", "privacy", date(2045, 5, 1))
    assert _audit("access_level") == [(item.id, "public", "embargo")]
    assert _audit("embargo_until") == [(item.id, "", "2045-05-01")]
    again = bulk.run_bulk([item.id], "access", user, access=choice)
    assert not again[0].done and "already" in again[0].message


@pytest.mark.parametrize("level, reason, embargo, problem", [
    ("secret", "privacy", "", "access level 'secret'"),
    ("staff", "", "", "needs one of"),
    ("embargo", "privacy", "", "YYYY-MM-DD"),
    ("embargo", "privacy", "01.05.2045", "'01.05.2045'"),
    ("embargo", "privacy", "2001-01-01", "has passed"),
])
def test_bad_access_choices(level, reason, embargo, problem):
    with pytest.raises(InvalidInput, match=problem):
        bulk.check_access(level, reason, embargo)


def test_public_access_clears_the_reason():
    assert bulk.check_access("public", "privacy", "2045-01-01") == bulk.AccessChoice("public")


def test_add_a_subject(app):
    user = make_user("cataloguer")
    item = make_item(status="draft", branch="ezerkalne", subject="Skolas", description="Klase")
    outcomes = bulk.run_bulk([item.id], "subject", user, subject="Bērni", lang="lv")
    assert outcomes[0].done
    assert [(v.element, v.value, v.lang) for v in item.values] == [
        ("title", "Vecpils skola", "lv"), ("subject", "Skolas", None), ("subject", "Bērni", "lv"),
        ("description", "Klase", None)]
    assert [v.position for v in item.values] == [0, 1, 2, 3]
    assert _audit("subject") == [(item.id, "Skolas", "Skolas\nBērni")]
    twice = bulk.run_bulk([item.id], "subject", user, subject="Bērni")
    assert not twice[0].done


@pytest.mark.parametrize("raw, problem", [([], "tick at least one"), (["3", "x"], "'x'")])
def test_bad_selections(raw, problem):
    with pytest.raises(InvalidInput, match=problem):
        bulk.check_ids(raw)


def test_unknown_bulk_action(app):
    item = make_item(status="draft", branch="ezerkalne")
    with pytest.raises(InvalidInput, match="not one of"):
        bulk.run_bulk([item.id], "burn", make_user("cataloguer"))


# --- batch edit ---------------------------------------------------------------------------

@pytest.mark.parametrize("element, mode, value, find, problem", [
    ("colour", "replace", "x", "", "'colour'"),
    ("subject", "merge", "x", "", "'merge'"),
    ("subject", "replace", " ", "", "value"),
    ("subject", "add", "", "", "value"),
    ("subject", "find_replace", "x", "", "find"),
])
def test_bad_batch_edits(element, mode, value, find, problem):
    with pytest.raises(InvalidInput, match=problem):
        bulk.check_batch(element, mode, value, find)


def test_batch_preview_writes_nothing_and_apply_does(app):
    user = make_user("cataloguer")
    a = make_item(status="draft", branch="ezerkalne", title="A", subject=["Skola", "Skolotāji"])
    b = make_item(status="draft", branch="ezerkalne", title="B", subject="Baznīca")
    other = make_item(status="draft", branch="kalnciems", title="C", subject="Skola")
    edit = bulk.check_batch("subject", "find_replace", "Mācību iestāde", "Skola")
    preview = bulk.preview_batch([a.id, b.id, other.id], edit, user)
    assert [(c.old, c.new, c.changes) for c in preview[:2]] == [
        (("Skola", "Skolotāji"), ("Mācību iestāde", "Skolotāji"), True),
        (("Baznīca",), ("Baznīca",), False)]
    assert preview[2].refused and not preview[2].changes
    assert db.session.scalars(select(ItemVersion)).all() == []
    assert [v.value for v in a.values if v.element == "subject"] == ["Skola", "Skolotāji"]

    applied = bulk.apply_batch([a.id, b.id, other.id], edit, user)
    assert applied == preview
    assert [v.value for v in a.values if v.element == "subject"] == ["Mācību iestāde", "Skolotāji"]
    assert [v.value for v in other.values if v.element == "subject"] == ["Skola"]
    assert _audit("subject") == [(a.id, "Skola\nSkolotāji", "Mācību iestāde\nSkolotāji")]
    assert [v.item_id for v in db.session.scalars(select(ItemVersion))] == [a.id]
    assert verify_index().ok  # the changed item was re-indexed


def test_batch_replace_and_add(app):
    user = make_user("coordinator", branch=None)
    item = make_item(status="draft", branch="ezerkalne", rights="Visas tiesības")
    bulk.apply_batch([item.id], bulk.check_batch("rights", "replace", "CC BY 4.0"), user)
    assert [(v.value, v.lang) for v in item.values if v.element == "rights"] == [("CC BY 4.0", None)]
    bulk.apply_batch([item.id], bulk.check_batch("spatial", "add", "Ezerkalne", lang="lv"), user)
    assert [(v.value, v.lang) for v in item.values if v.element == "spatial"] == [("Ezerkalne", "lv")]
    assert _audit("rights") == [(item.id, "Visas tiesības", "CC BY 4.0")]
    assert _audit("spatial") == [(item.id, "", "Ezerkalne")]
