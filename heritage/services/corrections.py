"""OCR correction and transcription: staff and volunteers fix the text of page images.

Who may correct a page's text:

* coordinators and administrators: every page of every item that is not deleted;
* cataloguers: every page of their own branch's items that are not deleted, and other
  branches' pages as a volunteer may;
* volunteers: pages of draft, review and published items, except pages whose file is
  staff-only or still under embargo (closed material stays with the staff).

A correction keeps the machine's reading in ``Page.original_ocr_text`` (set at the first
correction only, so later corrections never overwrite it); both texts are searched. Every
correction and revert is in the audit log (object_type "page", field "ocr_text", action
"correct" or "revert"), which is where the statistics count corrections per person.

Two people may open the same page; the form carries :func:`text_version` of the text it
started from, and a save over a newer text is refused with :class:`EditConflict` so that
neither text is lost.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..errors import InvalidInput, ItemNotFound, NotAllowed
from ..extensions import db
from ..models import AuditEntry, Collection, Item, Page, User, utcnow
from . import access, audit
from .accounts import may, may_edit_item

#: Item statuses whose pages volunteers may correct.
VOLUNTEER_STATUSES = ("draft", "review", "published")
#: File levels closed to volunteers.
VOLUNTEER_CLOSED = ("staff", "embargo")
#: The longest text a page may hold (a dense newspaper page is about 60,000 characters).
MAX_TEXT = 200_000


class EditConflict(InvalidInput):
    """Somebody saved the page's text after this form was opened; nothing was written."""

    def __init__(self, page: Page, corrector: User | None):
        self.page, self.corrector = page, corrector
        who = corrector.name if corrector else "somebody"
        super().__init__(f"page {page.sequence} of item #{page.item_id} was changed by {who} "
                         "after you opened it; your text was not saved")


def text_version(text: str | None) -> str:
    """A short fingerprint of a page text, carried by the form to notice concurrent saves."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:16]


def may_correct(user: User | None, item: Item, page: Page | None = None) -> bool:
    """Whether ``user`` may correct the text of ``page`` (or of any open page of ``item``)."""
    if not may(user, "correct_text") or item.status == "deleted":
        return False
    if may(user, "all_branches") or may_edit_item(user, item):
        return True
    if item.status not in VOLUNTEER_STATUSES:
        return False
    own = page.media_file.access_level if page is not None and page.media_file else None
    return access.file_level(item, own) not in VOLUNTEER_CLOSED


def page_for(item_id: int, sequence: int, by: User) -> tuple[Item, Page]:
    """The item and page ``by`` may correct; :class:`ItemNotFound` or :class:`NotAllowed` else."""
    item = db.session.get(Item, item_id)
    page = next((p for p in item.pages if p.sequence == sequence), None) if item else None
    if item is None or page is None or item.status == "deleted":
        raise ItemNotFound(f"item #{item_id} has no page {sequence}")
    if not may_correct(by, item, page):
        raise NotAllowed(f"the role {by.role!r} may not correct the text of item #{item_id}")
    return item, page


def clean_text(text: str) -> str:
    """The text as stored: Unix line ends, no trailing spaces at line ends or final blank lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = "\n".join(line.rstrip() for line in lines).strip("\n")
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(f"text: {len(cleaned)} characters is more than a page may hold "
                           f"({MAX_TEXT}); check that you pasted only this page's text")
    return cleaned


def save_correction(item_id: int, sequence: int, text: str, version: str, by: User) -> Page:
    """Replace a page's text with ``text``; the first correction keeps the machine's reading.

    ``version`` is :func:`text_version` of the text the person started from; when the page
    changed since, :class:`EditConflict` is raised and nothing is written.
    """
    item, page = page_for(item_id, sequence, by)
    text = clean_text(text)
    if text == page.ocr_text:  # nothing to write, even when somebody saved the same text first
        return page
    _check_version(page, version)
    audit.record("correct", "page", page.id, by=by, field="ocr_text", old=page.ocr_text, new=text)
    if page.original_ocr_text is None:
        page.original_ocr_text = page.ocr_text
    page.ocr_text, page.text_source = text, "corrected"
    page.corrected_at, page.corrected_by_id = utcnow(), by.id
    db.session.commit()
    _reindex(item)
    return page


def revert_to_original(item_id: int, sequence: int, version: str, by: User) -> Page:
    """Put the machine's original reading back as the page's text (the audit log keeps the rest)."""
    item, page = page_for(item_id, sequence, by)
    _check_version(page, version)
    if page.original_ocr_text is None:
        raise InvalidInput(f"page {sequence} of item #{item_id} has not been corrected; "
                           "there is nothing to revert")
    audit.record("revert", "page", page.id, by=by, field="ocr_text", old=page.ocr_text,
                 new=page.original_ocr_text)
    page.ocr_text, page.original_ocr_text = page.original_ocr_text, None
    page.text_source = "ocr"
    page.corrected_at, page.corrected_by_id = None, None
    db.session.commit()
    _reindex(item)
    return page


def _check_version(page: Page, version: str) -> None:
    if version != text_version(page.ocr_text):
        raise EditConflict(page, db.session.get(User, page.corrected_by_id)
                           if page.corrected_by_id else None)


def _reindex(item: Item) -> None:
    from .items import index_items  # items imports much of the archive; load it late

    index_items([item])


@dataclass(frozen=True)
class QueuedPage:
    """A page waiting for correction or transcription, with its item."""

    item: Item
    page: Page


def pages_to_correct(by: User, collection: str | None = None, *, with_text: bool = True,
                     limit: int = 50) -> list[QueuedPage]:
    """Uncorrected pages ``by`` may correct: with text, least confident OCR first; or
    (``with_text`` False) pages with no text at all, to transcribe."""
    empty = func.trim(Page.ocr_text) == ""
    statement = (select(Page).join(Page.item)
                 .where(Item.status != "deleted", Page.text_source != "corrected",
                        ~empty if with_text else empty)
                 .options(selectinload(Page.item).selectinload(Item.values),
                          selectinload(Page.media_file))
                 .order_by(Page.ocr_confidence.is_(None), Page.ocr_confidence, Item.id,
                           Page.sequence))
    if collection:
        statement = statement.join(Item.collection).where(Collection.slug == collection)
    queued = []
    # the role rules are applied here, not in SQL, so they are written once (may_correct)
    for page in db.session.scalars(statement.execution_options(yield_per=500)):
        if may_correct(by, page.item, page):
            queued.append(QueuedPage(page.item, page))
            if len(queued) >= limit:
                break
    return queued


@dataclass(frozen=True)
class RecentCorrection:
    """One correction or revert from the audit log, with its page and person."""

    entry: AuditEntry
    item: Item
    page: Page
    person: User | None

    @property
    def at(self) -> datetime:
        """When it was saved."""
        return self.entry.at


def recent_corrections(by: User, limit: int = 20) -> list[RecentCorrection]:
    """The newest corrections and reverts of pages ``by`` may correct, newest first."""
    statement = (select(AuditEntry, Page, User)
                 .join(Page, Page.id == AuditEntry.object_id)
                 .outerjoin(User, User.id == AuditEntry.user_id)
                 .where(AuditEntry.object_type == "page",
                        AuditEntry.action.in_(("correct", "revert")))
                 .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit * 5))
    found = []
    for entry, page, person in db.session.execute(statement):
        if may_correct(by, page.item, page):
            found.append(RecentCorrection(entry, page.item, page, person))
        if len(found) >= limit:
            break
    return found


def corrections_per_person(since: datetime | None = None) -> list[tuple[str, int]]:
    """(person, corrected pages) from the audit log, most first; a page counts once a person."""
    statement = (select(AuditEntry.user_id, AuditEntry.object_id)
                 .where(AuditEntry.object_type == "page", AuditEntry.action == "correct")
                 .distinct())
    if since is not None:
        statement = statement.where(AuditEntry.at >= since)
    counts = Counter(user_id for user_id, _page in db.session.execute(statement))
    names = {user.id: user.name for user in
             db.session.scalars(select(User).where(User.id.in_([i for i in counts if i])))}
    return sorted(((names.get(user_id, "—"), count) for user_id, count in counts.items()),
                  key=lambda pair: (-pair[1], pair[0]))


def collections_with_pages() -> list[Collection]:
    """The collections, by title, for the queue's filter."""
    return list(db.session.scalars(select(Collection).order_by(Collection.title)))


def corrector_of(page: Page) -> User | None:
    """Who made the page's current correction (None for machine text)."""
    return db.session.get(User, page.corrected_by_id) if page.corrected_by_id else None
