"""The audit log: who changed what, when, which field, from which value to which.

Services call :func:`record` inside their own transaction, so a change and its entry are
committed together or not at all.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import AuditEntry, User

#: Longest old or new value kept in full; longer ones are cut with a note of their length.
VALUE_LIMIT = 20_000


def record(action: str, object_type: str, object_id: int | None, *, by: User | None,
           field: str = "", old: Any = "", new: Any = "") -> AuditEntry:
    """Add an entry to the session (the caller commits it with the change it describes)."""
    entry = AuditEntry(action=action, object_type=object_type, object_id=object_id,
                       user_id=by.id if by is not None else None, field=field,
                       old=_text(old), new=_text(new))
    db.session.add(entry)
    return entry


def record_changes(object_type: str, object_id: int, changes: dict[str, tuple[Any, Any]], *,
                   by: User | None, action: str = "edit") -> None:
    """One entry per changed field of ``changes`` ({field: (old, new)}); unchanged ones are skipped."""
    for field, (old, new) in changes.items():
        if _text(old) != _text(new):
            record(action, object_type, object_id, by=by, field=field, old=old, new=new)


def entries_for(object_type: str, object_id: int, limit: int = 200) -> list[AuditEntry]:
    """The newest entries about one object, newest first."""
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.object_type == object_type,
                                 AuditEntry.object_id == object_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


def recent_entries(limit: int = 100, user_id: int | None = None) -> list[AuditEntry]:
    """The newest entries of the whole archive (or of one person), newest first."""
    statement = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if user_id is not None:
        statement = statement.where(AuditEntry.user_id == user_id)
    return list(db.session.scalars(statement.limit(limit)))


AUDIT_PAGE = 50


def search_entries(*, username: str = "", object_type: str = "", action: str = "",
                   object_id: int | None = None, page: int = 1,
                   branch_id: int | None = None) -> tuple[list[AuditEntry], int]:
    """One page of entries matching the filters (newest first), and how many match.

    With ``branch_id``, only entries by that branch's people are shown.
    """
    from sqlalchemy import func

    statement = select(AuditEntry)
    if username:
        statement = statement.join(User, User.id == AuditEntry.user_id).where(
            User.username == username.strip().lower())
    if branch_id is not None:
        statement = statement.where(AuditEntry.user_id.in_(
            select(User.id).where(User.branch_id == branch_id)))
    for column, value in ((AuditEntry.object_type, object_type), (AuditEntry.action, action)):
        if value:
            statement = statement.where(column == value)
    if object_id is not None:
        statement = statement.where(AuditEntry.object_id == object_id)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    entries = db.session.scalars(statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                 .offset((max(page, 1) - 1) * AUDIT_PAGE).limit(AUDIT_PAGE))
    return list(entries), total


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        text = "\n".join(str(v) for v in value)
    else:
        text = str(value)
    if len(text) > VALUE_LIMIT:
        return text[:VALUE_LIMIT] + f"\n[… {len(text)} characters in all]"
    return text
