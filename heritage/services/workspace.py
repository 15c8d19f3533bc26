"""What the staff overview shows: the work waiting, in the signed-in person's branch or all."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import Contribution, Item, Job, User
from . import audit
from .accounts import branch_scope, may


@dataclass
class Overview:
    """Counts of the work waiting, and the latest changes."""

    by_status: dict[str, int]
    contributions_waiting: int
    jobs_running: int
    recent: list


def overview(user: User) -> Overview:
    """The overview for ``user``: their branch's items (or all), and what waits for them."""
    statement = select(Item.status, func.count(Item.id)).where(Item.status != "deleted")
    branch = branch_scope(user)
    if branch is not None:
        statement = statement.where(Item.branch_id == branch)
    by_status = dict(db.session.execute(statement.group_by(Item.status)).all())
    waiting = db.session.scalar(select(func.count(Contribution.id))
                                .where(Contribution.status == "new")) if may(user, "moderate") else 0
    running = db.session.scalar(select(func.count(Job.id)).where(
        Job.status.in_(("queued", "running")), *( [Job.branch_id == branch] if branch else [])))
    recent = audit.recent_entries(15, user_id=None if may(user, "all_branches") else user.id)
    return Overview(by_status, waiting or 0, running or 0, recent)
