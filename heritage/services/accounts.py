"""Staff accounts and branch libraries: creating them, signing in, and what each role may do.

Passwords are hashed with argon2id. Wrong passwords are counted per account; after
``HERITAGE_LOGIN_ATTEMPTS`` in a row the account is locked for
``HERITAGE_LOGIN_LOCKOUT_MINUTES``, and every sign-in (good or bad) is in the audit log.
"""
from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import select

from ..errors import InvalidInput, LoginRefused, NotAllowed
from ..extensions import db
from ..models import ROLES, Branch, Item, User, utcnow
from . import audit

_hasher = PasswordHasher()  # argon2id with the library's current recommended costs
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MIN_PASSWORD = 10
#: A hash to verify against when the name is unknown, so a wrong name costs the same time.
_DUMMY_HASH = _hasher.hash("not a password of anybody")

#: What each role may do. "own branch" limits are applied by :func:`may_edit_item`.
PERMISSIONS: dict[str, set[str]] = {
    "admin": {"describe", "review", "publish", "correct_text", "exhibitions", "moderate",
              "statistics", "users", "vocabularies", "upload", "all_branches"},
    "coordinator": {"describe", "review", "publish", "correct_text", "exhibitions", "moderate",
                    "statistics", "vocabularies", "upload", "all_branches"},
    "cataloguer": {"describe", "correct_text", "upload", "statistics", "vocabularies"},
    "volunteer": {"correct_text"},
}


def may(user: User | None, action: str) -> bool:
    """Whether ``user``'s role allows ``action`` (one of the names in :data:`PERMISSIONS`)."""
    return user is not None and user.active and action in PERMISSIONS.get(user.role, set())


def require(user: User | None, action: str) -> None:
    """Raise :class:`NotAllowed` unless ``user`` may do ``action``."""
    if not may(user, action):
        raise NotAllowed(f"the role {getattr(user, 'role', 'anonymous')!r} may not {action}")


def may_edit_item(user: User | None, item: Item) -> bool:
    """Cataloguers edit their own branch's items; coordinators and admins every branch's."""
    if not may(user, "describe"):
        return False
    return may(user, "all_branches") or (item.branch_id is not None
                                         and item.branch_id == user.branch_id)


def require_item(user: User | None, item: Item) -> None:
    """Raise :class:`NotAllowed` unless ``user`` may edit ``item``."""
    if not may_edit_item(user, item):
        raise NotAllowed(f"item #{item.id} belongs to another branch")


def branch_scope(user: User) -> int | None:
    """The branch whose material ``user`` works on, or None for every branch."""
    return None if may(user, "all_branches") else user.branch_id


# --- branches ---------------------------------------------------------------------------

def create_branch(slug: str, name: str, place: str = "", is_regional: bool = False,
                  by: User | None = None) -> Branch:
    """Add a branch library; the slug is its short name in addresses and files."""
    slug = slug.strip().lower()
    if not _SLUG.match(slug):
        raise InvalidInput(f"branch slug {slug!r}: use lower-case letters, digits and hyphens, "
                           "e.g. ezerkalne")
    if not name.strip():
        raise InvalidInput("branch name: write the library's name, e.g. Ezerkalnes bibliotēka")
    if db.session.scalar(select(Branch).where(Branch.slug == slug)):
        raise InvalidInput(f"branch slug {slug!r} is taken; choose another")
    branch = Branch(slug=slug, name=name.strip(), place=place.strip(), is_regional=is_regional)
    db.session.add(branch)
    db.session.flush()
    audit.record("create", "branch", branch.id, by=by, field="name", new=branch.name)
    db.session.commit()
    return branch


def ensure_branch(slug: str, name: str, place: str = "", is_regional: bool = False) -> Branch:
    """The branch with ``slug``, created when missing (the demo and imports use it)."""
    branch = db.session.scalar(select(Branch).where(Branch.slug == slug))
    return branch or create_branch(slug, name, place, is_regional)


def get_branch(slug: str) -> Branch:
    """The branch with ``slug``, or :class:`InvalidInput` naming the branches there are."""
    branch = db.session.scalar(select(Branch).where(Branch.slug == slug))
    if branch is None:
        known = ", ".join(b.slug for b in all_branches()) or "none yet"
        raise InvalidInput(f"no branch {slug!r}; the branches are: {known}")
    return branch


def all_branches() -> list[Branch]:
    """Every branch, the regional library first, then by name."""
    return list(db.session.scalars(select(Branch).order_by(Branch.is_regional.desc(), Branch.name)))


# --- accounts ---------------------------------------------------------------------------

def check_password(password: str) -> str:
    """A password good enough to keep, or :class:`InvalidInput` saying what is wrong."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password: use at least {MIN_PASSWORD} characters "
                           "(a short sentence is easy to remember)")
    if password.strip() != password or password.isdigit():
        raise InvalidInput("password: no spaces at the ends, and not only digits")
    return password


def create_user(username: str, password: str, role: str, branch: str | None = None, *,
                display_name: str = "", email: str = "", by: User | None = None,
                must_change: bool = False) -> User:
    """A new staff account. Cataloguers belong to a branch; ``must_change`` asks for a new
    password at the first sign-in (for a password an administrator chose)."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidInput(f"user name {username!r}: use 2–80 lower-case letters, digits, "
                           "dots, hyphens or underscores, e.g. anna.berzina")
    if role not in ROLES:
        raise InvalidInput(f"role {role!r} is not one of {', '.join(ROLES)}")
    if role == "cataloguer" and not branch:
        raise InvalidInput("branch: a cataloguer works for a branch; name it (e.g. --branch ezerkalne)")
    check_password(password)
    if db.session.scalar(select(User).where(User.username == username)):
        raise InvalidInput(f"user name {username!r} is taken")
    user = User(username=username, password_hash=_hasher.hash(password), role=role,
                branch=get_branch(branch) if branch else None,
                display_name=display_name.strip(), email=email.strip(),
                must_change_password=must_change)
    db.session.add(user)
    db.session.flush()
    audit.record("create", "user", user.id, by=by, field="role", new=role)
    db.session.commit()
    return user


def get_user(user_id: int) -> User | None:
    """The account with this id (None when there is none)."""
    return db.session.get(User, user_id)


def user_named(username: str) -> User:
    """The account with this user name, or :class:`InvalidInput`."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise InvalidInput(f"no user {username!r}")
    return user


def all_users() -> list[User]:
    """Every account, by user name."""
    return list(db.session.scalars(select(User).order_by(User.username)))


def authenticate(username: str, password: str, now: datetime | None = None) -> User:
    """The account when the password is right; :class:`LoginRefused` otherwise.

    The refusal says the same for an unknown name and a wrong password, and a locked
    account stays locked whatever password is given.
    """
    now = now or utcnow()
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        _verify(_DUMMY_HASH, password)
        raise LoginRefused("wrong user name or password")
    if user.locked_until is not None and _aware(user.locked_until) > now:
        audit.record("login_refused", "user", user.id, by=None, field="locked")
        db.session.commit()
        raise LoginRefused("this account is locked after too many wrong passwords; "
                           f"try again after {_aware(user.locked_until):%H:%M} UTC or ask an administrator")
    if not _verify(user.password_hash, password):
        _count_failure(user, now)
        raise LoginRefused("wrong user name or password")
    if not user.active:
        raise LoginRefused("this account is switched off; ask an administrator")
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    audit.record("login", "user", user.id, by=user)
    db.session.commit()
    return user


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _count_failure(user: User, now: datetime) -> None:
    user.failed_logins += 1
    audit.record("login_failed", "user", user.id, by=None, new=str(user.failed_logins))
    if user.failed_logins >= current_app.config["HERITAGE_LOGIN_ATTEMPTS"]:
        minutes = current_app.config["HERITAGE_LOGIN_LOCKOUT_MINUTES"]
        user.locked_until = now + timedelta(minutes=minutes)
        user.failed_logins = 0
        audit.record("locked", "user", user.id, by=None, new=user.locked_until.isoformat())
    db.session.commit()


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def change_password(user: User, old: str, new: str) -> None:
    """Set a new password after checking the old one."""
    if not _verify(user.password_hash, old):
        raise InvalidInput("current password: it is not right")
    check_password(new)
    user.password_hash = _hasher.hash(new)
    user.must_change_password = False
    audit.record("password", "user", user.id, by=user)
    db.session.commit()


def reset_password(user_id: int, by: User | None) -> str:
    """Give an account a new random password (shown once); it must be changed at sign-in.

    ``by`` None is the server's own operator at the command line.
    """
    if by is not None:
        require(by, "users")
    user = _account(user_id)
    password = secrets.token_urlsafe(12)
    user.password_hash = _hasher.hash(password)
    user.must_change_password = True
    user.failed_logins, user.locked_until = 0, None
    audit.record("password_reset", "user", user.id, by=by)
    db.session.commit()
    return password


def update_user(user_id: int, by: User, *, role: str | None = None, branch: str | None = None,
                active: bool | None = None, display_name: str | None = None,
                email: str | None = None) -> User:
    """Change an account's role, branch, name, address or whether it may sign in."""
    require(by, "users")
    user = _account(user_id)
    if role is not None and role not in ROLES:
        raise InvalidInput(f"role {role!r} is not one of {', '.join(ROLES)}")
    if user.id == by.id and ((role and role != "admin") or active is False):
        raise InvalidInput("you cannot take away your own administrator rights")
    new_branch = (get_branch(branch) if branch else None) if branch is not None else user.branch
    changes = {"role": (user.role, role or user.role),
               "branch": (_slug(user.branch), _slug(new_branch)),
               "active": (user.active, user.active if active is None else active),
               "display_name": (user.display_name, user.display_name if display_name is None else display_name.strip()),
               "email": (user.email, user.email if email is None else email.strip())}
    if changes["role"][1] == "cataloguer" and new_branch is None:
        raise InvalidInput("branch: a cataloguer works for a branch; choose one")
    audit.record_changes("user", user.id, changes, by=by)
    user.role, user.branch = changes["role"][1], new_branch
    user.active, user.display_name, user.email = (changes["active"][1], changes["display_name"][1],
                                                  changes["email"][1])
    db.session.commit()
    return user


def unlock_user(user_id: int, by: User) -> User:
    """Let a locked account sign in again at once."""
    require(by, "users")
    user = _account(user_id)
    audit.record("unlock", "user", user.id, by=by, field="locked_until",
                 old=user.locked_until.isoformat() if user.locked_until else "")
    user.locked_until, user.failed_logins = None, 0
    db.session.commit()
    return user


def is_locked(user: User, now: datetime | None = None) -> bool:
    """Whether the account is locked now after wrong passwords."""
    return user.locked_until is not None and _aware(user.locked_until) > (now or utcnow())


def update_branch(slug: str, by: User, *, name: str, place: str = "",
                  is_regional: bool = False) -> Branch:
    """Rename a branch, or change the place it serves or whether it is the regional library."""
    require(by, "users")
    branch = get_branch(slug)
    if not name.strip():
        raise InvalidInput("branch name: write the library's name, e.g. Ezerkalnes bibliotēka")
    audit.record_changes("branch", branch.id, {"name": (branch.name, name.strip()),
                                               "place": (branch.place, place.strip()),
                                               "is_regional": (branch.is_regional, is_regional)}, by=by)
    branch.name, branch.place, branch.is_regional = name.strip(), place.strip(), is_regional
    db.session.commit()
    return branch


def _slug(branch: Branch | None) -> str:
    return branch.slug if branch else ""


def _account(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise InvalidInput(f"no user #{user_id}")
    return user
