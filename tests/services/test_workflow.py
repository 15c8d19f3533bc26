"""The item workflow: who may take which step from which state, comments, audit, index."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from heritage.errors import InvalidInput, NotAllowed
from heritage.extensions import db
from heritage.models import AuditEntry, ItemVersion, ReviewComment
from heritage.services import search_index, workflow
from tests.factories import make_item, make_user

#: (role, step, from state, to state or None when refused, why refused)
TABLE = [
    ("cataloguer", "submit", "draft", "review", None),
    ("cataloguer", "publish", "review", None, NotAllowed),
    ("cataloguer", "withdraw", "published", None, NotAllowed),
    ("cataloguer", "return", "review", None, NotAllowed),
    ("cataloguer", "redraft", "withdrawn", "draft", None),
    ("coordinator", "submit", "draft", "review", None),
    ("coordinator", "publish", "review", "published", None),
    ("coordinator", "return", "review", "draft", None),
    ("coordinator", "withdraw", "published", "withdrawn", None),
    ("coordinator", "redraft", "withdrawn", "draft", None),
    ("admin", "publish", "review", "published", None),
    ("volunteer", "submit", "draft", None, NotAllowed),
    # steps from the wrong state
    ("coordinator", "publish", "draft", None, InvalidInput),
    ("coordinator", "withdraw", "review", None, InvalidInput),
    ("coordinator", "submit", "published", None, InvalidInput),
    ("cataloguer", "redraft", "published", None, InvalidInput),
    ("coordinator", "return", "draft", None, InvalidInput),
    ("coordinator", "archive", "draft", None, InvalidInput),
]


def _user(role):
    return make_user(role, branch=None if role in ("admin", "coordinator") else "ezerkalne")


@pytest.mark.parametrize("role, step, start, end, refusal", TABLE)
def test_the_transition_table(app, role, step, start, end, refusal):
    user = _user(role)
    item = make_item(status=start, branch="ezerkalne")
    comment = "Fix the date" if step == "return" else ""
    if refusal:
        with pytest.raises(refusal):
            workflow.transition(item.id, step, user, comment)
        db.session.rollback()
        assert db.session.get(type(item), item.id).status == start
        assert db.session.scalars(select(ItemVersion)).all() == []
        return
    workflow.transition(item.id, step, user, comment)
    assert item.status == end
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.field == "status"))
    assert (entry.object_id, entry.old, entry.new, entry.user_id) == (item.id, start, end, user.id)
    comment_row = db.session.scalar(select(ReviewComment))
    assert (comment_row.action, comment_row.body) == (step, comment)
    assert [v.number for v in db.session.scalars(select(ItemVersion))] == [1]


def test_an_illegal_step_names_the_state(app):
    item = make_item(status="draft", branch="ezerkalne")
    with pytest.raises(InvalidInput, match="is draft"):
        workflow.transition(item.id, "publish", _user("coordinator"))


def test_a_cataloguer_may_not_submit_another_branchs_item(app):
    item = make_item(status="draft", branch="kalnciems")
    with pytest.raises(NotAllowed):
        workflow.transition(item.id, "submit", _user("cataloguer"))


def test_returning_needs_a_comment(app):
    item = make_item(status="review", branch="ezerkalne")
    with pytest.raises(InvalidInput, match="comment"):
        workflow.transition(item.id, "return", _user("coordinator"), "  ")


def test_first_publish_sets_published_at_and_later_ones_keep_it(app):
    coordinator = _user("coordinator")
    item = make_item(status="review", branch="ezerkalne")
    workflow.transition(item.id, "publish", coordinator)
    first = item.published_at
    assert first is not None
    for step in ("withdraw", "redraft", "submit", "publish"):
        workflow.transition(item.id, step, coordinator)
    assert item.published_at == first
    assert [c.action for c in workflow.comments_for(item.id)] == [
        "publish", "withdraw", "redraft", "submit", "publish"]


def test_the_index_follows_the_status(app):
    item = make_item(status="review", branch="ezerkalne")
    workflow.transition(item.id, "publish", _user("coordinator"))
    with search_index().searcher() as searcher:
        assert searcher.document(id=str(item.id))["status"] == "published"


def test_available_steps_depend_on_role_and_state(app):
    item = make_item(status="review", branch="ezerkalne")
    assert [s.action for s in workflow.available_steps(_user("cataloguer"), item)] == []
    assert [s.action for s in workflow.available_steps(_user("coordinator"), item)] == ["return", "publish"]


def test_comments_are_kept_in_order(app):
    user = _user("cataloguer")
    item = make_item(status="draft", branch="ezerkalne")
    workflow.add_comment(item.id, user, "Photo from 1938?")
    workflow.transition(item.id, "submit", user, "Ready")
    assert [(c.action, c.body) for c in workflow.comments_for(item.id)] == [
        ("comment", "Photo from 1938?"), ("submit", "Ready")]
    with pytest.raises(InvalidInput):
        workflow.add_comment(item.id, user, "")
