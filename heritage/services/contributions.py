"""Residents' contributions ("talka"): receiving them, keeping them private, moderating them.

A contribution is never public: its files live under their own prefix of the media store
(``contributions/``) that no public route, search, API or OAI-PMH answer ever names. A
moderator either accepts it, which makes a *draft* item through the ingest path (its files as
pages, copied without their metadata, so no photo's GPS position reaches the public), or
rejects it with a note, which deletes its files and keeps the row as a record.
"""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import case, func, select

from dublin_core import Record

from ..errors import HeritageError, InvalidInput
from ..extensions import db
from ..ingest.pipeline import Unit, process_files
from ..models import Branch, Contribution, ContributionFile, Item, User, utcnow
from . import audit, media_store
from .accounts import get_branch, require
from .contribution_files import BadPhoto, check_photo, without_metadata
from .items import index_items

PREFIX = "contributions"
#: The collection accepted contributions are filed in (moved later by the cataloguer if need be).
COLLECTION = "iedzivotaju-atminas"
COLLECTION_TITLE = "Iedzīvotāju atmiņas un fotogrāfijas"
LIMITS = {"name": 200, "contact": 300, "title": 500, "place": 200, "date_text": 100,
          "story": 50_000}
MAX_FILES = 20


class ContributionRefused(InvalidInput):
    """The form cannot be accepted; ``problems`` lists every reason, by field."""

    def __init__(self, problems: list["Problem"]):
        super().__init__("; ".join(p.text for p in problems))
        self.problems = problems


class TooManyContributions(HeritageError):
    """The address sent HERITAGE_CONTRIBUTIONS_PER_HOUR contributions in the last hour."""


class ContributionNotFound(HeritageError):
    """No contribution has this number."""


@dataclass(frozen=True)
class Problem:
    """One reason the form was refused: the field, a code for the message, and the details."""

    field: str
    code: str
    text: str
    params: dict = field(default_factory=dict)


@dataclass
class Given:
    """What a resident wrote in the form (plain text, as typed)."""

    name: str = ""
    contact: str = ""
    title: str = ""
    story: str = ""
    place: str = ""
    date_text: str = ""
    consent_publish: bool = False
    consent_name: bool = False
    branch: str = ""  # a branch slug, or "" for "I do not know"


@dataclass
class GivenFile:
    """A file as sent: its name and its bytes (None when it was larger than allowed)."""

    name: str
    data: bytes | None


def client_key(address: str) -> str:
    """The address hashed with the application's secret: enough to count, never to read back."""
    secret = current_app.config["SECRET_KEY"]
    return hashlib.sha256(f"{secret}|{address}".encode()).hexdigest()


def check_rate(address: str) -> None:
    """Raise :class:`TooManyContributions` when the address has sent its hourly share."""
    since = utcnow() - timedelta(hours=1)
    sent = db.session.scalar(select(func.count(Contribution.id)).where(
        Contribution.client_key == client_key(address), Contribution.created_at >= since)) or 0
    if sent >= current_app.config["HERITAGE_CONTRIBUTIONS_PER_HOUR"]:
        raise TooManyContributions(f"{sent} contributions from this address in the last hour")


def max_bytes() -> int:
    """The most all the files of one contribution may weigh together."""
    return current_app.config["HERITAGE_CONTRIBUTION_MAX_MB"] * 1024 * 1024


def submit(given: Given, files: list[GivenFile], address: str) -> Contribution:
    """Receive a contribution into the moderation queue, or refuse it naming every problem."""
    check_rate(address)
    given = _cleaned(given)
    problems = _field_problems(given, files)
    photos, file_problems = _checked_files(files)
    problems += file_problems
    branch = _chosen_branch(given.branch, problems)
    if problems:
        raise ContributionRefused(problems)
    contribution = Contribution(
        name=given.name, contact=given.contact, title=given.title, story=given.story,
        place=given.place, date_text=given.date_text, consent_publish=True,
        consent_name=given.consent_name, branch_id=branch.id if branch else None,
        client_key=client_key(address), status="new")
    db.session.add(contribution)
    db.session.flush()
    for position, (given_file, photo) in enumerate(photos):
        contribution.files.append(ContributionFile(
            position=position, original_name=given_file.name[:500],
            storage_key=f"{PREFIX}/{contribution.id}/{position}{photo.suffix}",
            sha256=hashlib.sha256(given_file.data).hexdigest(), mime_type=photo.mime_type,
            size=len(given_file.data)))
    audit.record("create", "contribution", contribution.id, by=None, field="status", new="new")
    db.session.commit()
    _store_files(contribution, [f for f, _ in photos])
    return contribution


def _store_files(contribution: Contribution, files: list[GivenFile]) -> None:
    """Write the files after the commit; if the store fails, the contribution is taken back."""
    store = media_store()
    try:
        for row, given_file in zip(contribution.files, files, strict=True):
            store.put_bytes(row.storage_key, given_file.data)
    except OSError:
        for row in contribution.files:
            store.delete(row.storage_key)
        db.session.delete(contribution)
        db.session.commit()
        raise


def _cleaned(given: Given) -> Given:
    return Given(**{name: value.strip() if isinstance(value, str) else value
                    for name, value in vars(given).items()})


def _field_problems(given: Given, files: list[GivenFile]) -> list[Problem]:
    problems = []
    if not given.name:
        problems.append(Problem("name", "required", "name: write your name"))
    if not given.contact:
        problems.append(Problem("contact", "required", "contact: write an e-mail address or phone number"))
    elif not _looks_like_contact(given.contact):
        problems.append(Problem("contact", "contact", f"contact {given.contact!r}: not an e-mail "
                                "address or phone number"))
    if not given.story and not files:
        problems.append(Problem("story", "empty", "story: write a story or choose photos"))
    if not given.consent_publish:
        problems.append(Problem("consent_publish", "consent", "consent: the archive may only take "
                                "what it may publish"))
    for name, limit in LIMITS.items():
        if len(getattr(given, name)) > limit:
            problems.append(Problem(name, "too_long", f"{name}: longer than {limit} characters",
                                    {"limit": limit}))
    return problems


def _looks_like_contact(contact: str) -> bool:
    """An e-mail address (something@domain.tld) or a phone number (six digits or more)."""
    if "@" in contact:
        local, _, domain = contact.rpartition("@")
        return bool(local) and "." in domain.strip(".") and " " not in contact
    return sum(ch.isdigit() for ch in contact) >= 6


def _checked_files(files: list[GivenFile]) -> tuple[list, list[Problem]]:
    """The good photos with what was learnt of them, and a problem for every bad file."""
    limit, max_pixels = max_bytes(), current_app.config["HERITAGE_MAX_PIXELS"]
    problems, good = [], []
    if len(files) > MAX_FILES:
        return [], [Problem("photos", "too_many_files", f"photos: more than {MAX_FILES} files",
                            {"limit": MAX_FILES})]
    total = sum(len(f.data) for f in files if f.data is not None)
    if total > limit or any(f.data is None for f in files):
        return [], [Problem("photos", "too_large", f"photos: more than {limit // 2**20} MB together",
                            {"limit": limit // 2**20})]
    for given_file in files:
        try:
            good.append((given_file, check_photo(given_file.name, given_file.data, max_pixels)))
        except BadPhoto as bad:
            problems.append(Problem("photos", bad.code, str(bad), bad.params))
    return good, problems


def _chosen_branch(slug: str, problems: list[Problem]) -> Branch | None:
    if not slug:
        return None
    try:
        return get_branch(slug)
    except InvalidInput:
        problems.append(Problem("branch", "branch", f"branch {slug!r}: not one of the libraries"))
        return None


# --- moderation ----------------------------------------------------------------------------

def queue(by: User, status: str | None = None) -> list[Contribution]:
    """Contributions for moderators: new ones first (oldest waiting first), then the rest, newest first."""
    require(by, "moderate")
    statement = select(Contribution)
    if status:
        statement = statement.where(Contribution.status == status)
    waiting = case((Contribution.status == "new", 0), else_=1)
    return list(db.session.scalars(statement.order_by(
        waiting, case((Contribution.status == "new", Contribution.id), else_=-Contribution.id))))


def count_waiting() -> int:
    """How many contributions wait for a moderator."""
    return db.session.scalar(select(func.count(Contribution.id))
                             .where(Contribution.status == "new")) or 0


def get(contribution_id: int, by: User) -> Contribution:
    """One contribution, for a moderator."""
    require(by, "moderate")
    contribution = db.session.get(Contribution, contribution_id)
    if contribution is None:
        raise ContributionNotFound(f"no contribution #{contribution_id}")
    return contribution


def staff_file(contribution_id: int, position: int, by: User) -> ContributionFile:
    """A file of a contribution, for a moderator to look at."""
    contribution = get(contribution_id, by)
    found = next((f for f in contribution.files if f.position == position), None)
    if found is None:
        raise ContributionNotFound(f"contribution #{contribution_id} has no file {position}")
    return found


def _waiting(contribution_id: int, by: User) -> Contribution:
    contribution = get(contribution_id, by)
    if contribution.status != "new":
        raise InvalidInput(f"contribution #{contribution_id} was {contribution.status} already")
    return contribution


def reject(contribution_id: int, by: User, note: str) -> Contribution:
    """Refuse a contribution with a note; its files are deleted, the row is kept as a record."""
    contribution = _waiting(contribution_id, by)
    if not note.strip():
        raise InvalidInput("note: say why the contribution is rejected (kept for the record)")
    keys = [f.storage_key for f in contribution.files]
    audit.record("reject", "contribution", contribution.id, by=by, field="status",
                 old="new", new="rejected")
    audit.record("reject", "contribution", contribution.id, by=by, field="files",
                 old=[f.original_name for f in contribution.files], new="")
    contribution.status, contribution.review_note = "rejected", note.strip()
    contribution.reviewed_by_id, contribution.reviewed_at = by.id, utcnow()
    contribution.files = []
    db.session.commit()
    store = media_store()
    for key in keys:
        store.delete(key)
    return contribution


def accept(contribution_id: int, by: User, branch: str | None = None, note: str = "") -> Item:
    """Make a draft item of a contribution, in the chosen branch, and mark it accepted."""
    contribution = _waiting(contribution_id, by)
    target = get_branch(branch) if branch else (
        db.session.get(Branch, contribution.branch_id) if contribution.branch_id else None)
    item = _ingest(contribution)
    old_branch = item.branch_id
    item.branch_id, item.created_by_id = (target.id if target else None), by.id
    contribution.status, contribution.item_id = "accepted", item.id
    contribution.reviewed_by_id, contribution.reviewed_at = by.id, utcnow()
    contribution.review_note = note.strip()
    audit.record("accept", "contribution", contribution.id, by=by, field="status",
                 old="new", new="accepted")
    audit.record("create", "item", item.id, by=by, field="source",
                 new=f"contribution #{contribution.id}")
    audit.record_changes("item", item.id, {"branch": (old_branch, item.branch_id)}, by=by)
    db.session.commit()
    index_items([item])
    return item


def _ingest(contribution: Contribution) -> Item:
    """The contribution's files through the ingest pipeline (as one item), without metadata."""
    from .ingest import _new_item  # the one place items are made from processed files

    store, lang = media_store(), current_app.config["HERITAGE_OCR_LANG"]
    collection = _collection()
    with tempfile.TemporaryDirectory(prefix="contribution-") as folder:
        paths = [_clean_copy(store, row, Path(folder)) for row in contribution.files]
        results = list(process_files(paths, lang, 1, store, current_app.config["HERITAGE_MAX_PIXELS"]))
        failed = [f"{r.path.name}: {r.error}" for r in results if r.error]
        if failed:
            raise InvalidInput("the photos could not be processed: " + "; ".join(failed))
        item, _ = _new_item(Unit(_title(contribution), paths), results, collection,
                            describe(contribution), lang, publish=False)
        return item  # the same photos sent twice lead to the one item


def _collection():
    from .collections import ensure_collection

    return ensure_collection(COLLECTION, COLLECTION_TITLE)


def _clean_copy(store, row: ContributionFile, folder: Path) -> Path:
    """The file as given, without metadata, under a plain name, for the ingest to read."""
    with store.open(row.storage_key) as handle:
        data = handle.read()
    kind = {"image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF"}[row.mime_type]
    path = folder / f"{row.position + 1}{Path(row.storage_key).suffix}"
    path.write_bytes(without_metadata(data, kind))
    return path


def _title(contribution: Contribution) -> str:
    if contribution.title:
        return contribution.title
    first_line = contribution.story.strip().splitlines()[0] if contribution.story.strip() else ""
    return first_line[:120] or f"Iedzīvotāja atmiņas #{contribution.id}"


def describe(contribution: Contribution) -> Record:
    """The Dublin Core description a contribution starts its item with."""
    record = Record()
    record.add("title", _title(contribution))
    if contribution.story:
        record.add("description", contribution.story)
    if contribution.place:
        record.add("coverage", contribution.place)
    if contribution.date_text:
        record.add("date", contribution.date_text)
    if contribution.consent_name and contribution.name:
        record.add("contributor", contribution.name)
    record.add("type", "StillImage" if contribution.files else "Text")
    given = contribution.created_at.date().isoformat() if contribution.created_at else ""
    record.add("rights", f"Iedzīvotāja dāvinājums arhīvam ({given}, talka #{contribution.id}) "
                         "ar atļauju publicēt.")
    return record
