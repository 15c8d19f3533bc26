"""Access levels: the one policy deciding who may read an item's description and its files.

Every public path (item page, lists, search, API, OAI-PMH, page images, downloads, zoom,
hits) asks this module; none compares access levels itself. The levels (see
:data:`heritage.models.ACCESS_LEVELS`):

- ``public``: everything, to everybody;
- ``metadata_only``: the description; the files never (not even in the reading room);
- ``reading_room``: the description; the files only from the reading-room networks;
- ``staff``: nothing public — the item (or file) answers as if it did not exist;
- ``embargo``: the description, the files closed until ``Item.embargo_until``; from that day
  on everything as public. The check is by date, so no re-save is needed when it ends.

A file (:class:`MediaFile`) may be closed further than its item, never opened further: its
level is the more closed of its own and its item's.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import AccessDenied, ItemNotFound

#: How closed each level is; a file's level is the most closed of its own and its item's.
#: An embargo closes the files even in the reading room, so it ranks above reading_room.
CLOSURE = {"public": 0, "reading_room": 1, "embargo": 2, "metadata_only": 3, "staff": 4}
#: Levels whose description the public may read (once the item is published).
DESCRIBED = ("public", "metadata_only", "reading_room", "embargo")


@dataclass(frozen=True)
class Closure:
    """Why files are closed to a visitor: the level, its reason and note, and until when."""

    level: str
    reason: str | None = None
    note: str = ""
    until: date | None = None  # the end of an embargo, when there is one


class FilesClosed(AccessDenied):
    """The item is described, but the visitor may not have this file (its closure says why)."""

    def __init__(self, message: str, closure: Closure) -> None:
        super().__init__(message)
        self.closure = closure


def embargo_over(until: date | None, today: date | None = None) -> bool:
    """Whether an embargo ending on ``until`` has ended (one without a date never ends)."""
    return until is not None and until <= (today or date.today())


def item_level(item, today: date | None = None) -> str:
    """The item's level as it applies today: an ended embargo is public."""
    level = item.access_level
    if level == "embargo" and embargo_over(item.embargo_until, today):
        return "public"
    return level if level in CLOSURE else "staff"  # an unknown level is read as the safest


def file_level(item, own: str | None, today: date | None = None) -> str:
    """The level of a file of ``item`` whose own level is ``own`` (None: as the item)."""
    level = item_level(item, today)
    if own is None:
        return level
    if own == "embargo" and embargo_over(item.embargo_until, today):
        own = "public"
    own = own if own in CLOSURE else "staff"
    return own if CLOSURE[own] > CLOSURE[level] else level


def is_described(item, today: date | None = None) -> bool:
    """Whether the public may read the item's description (published, not staff-only)."""
    return item.status == "published" and item_level(item, today) in DESCRIBED


def level_opens(level: str, reading_room: bool = False) -> bool:
    """Whether files of ``level`` may be sent to a visitor (in a reading room, or not)."""
    return level == "public" or (level == "reading_room" and reading_room)


def media_open(item, media, *, reading_room: bool = False, today: date | None = None) -> bool:
    """Whether the visitor may have this file of the item (its pages, text, ALTO, zoom)."""
    own = getattr(media, "access_level", None) if media is not None else None
    return level_opens(file_level(item, own, today), reading_room)


def any_file_open(item, *, reading_room: bool = False, today: date | None = None) -> bool:
    """Whether at least one file (or the item's own level, when it has none) is open."""
    if not item.media_files:
        return level_opens(item_level(item, today), reading_room)
    return any(media_open(item, m, reading_room=reading_room, today=today)
               for m in item.media_files)


def first_page_open(item, *, reading_room: bool = False, today: date | None = None) -> bool:
    """Whether the visitor may see the item's first page (a card's thumbnail)."""
    if not item.pages:
        return False
    page = item.pages[0]
    media = getattr(page, "media_file", page)  # a card's page carries its file's level itself
    return media_open(item, media, reading_room=reading_room, today=today)


def closure(item, media=None, *, reading_room: bool = False,
            today: date | None = None) -> Closure | None:
    """Why the item's (or this file's) files are closed to the visitor, or None when open."""
    own = getattr(media, "access_level", None) if media is not None else None
    level = file_level(item, own, today)
    if level_opens(level, reading_room):
        return None
    closed_by_file = own is not None and level != item_level(item, today)
    reason = (getattr(media, "access_reason", None) if closed_by_file else None) \
        or item.access_reason
    until = item.embargo_until if level == "embargo" else None
    return Closure(level, reason, item.access_note or "", until)


def check_media(item, media, *, reading_room: bool = False, today: date | None = None) -> None:
    """Raise :class:`ItemNotFound` for a staff-only file, :class:`FilesClosed` for a closed one."""
    found = closure(item, media, reading_room=reading_room, today=today)
    if found is None:
        return
    if found.level == "staff":
        raise ItemNotFound(f"no published item #{item.id} file")
    raise FilesClosed(_closed_message(item.id, found), found)


def _closed_message(item_id: int, found: Closure) -> str:
    """An English explanation for the API and logs (the HTML page says it translated)."""
    why = {"reading_room": "can be seen only in a library reading room",
           "metadata_only": "are not available online; only the description is public",
           "embargo": "are under embargo"}.get(found.level, "are closed")
    text = f"the files of item #{item_id} {why}"
    if found.level == "embargo":
        text += f" until {found.until.isoformat()}" if found.until else " until further notice"
    if found.reason:
        text += f" (reason: {found.reason.replace('_', ' ')})"
    return text


def index_access(item, today: date | None = None) -> str:
    """The access value the search index stores: the level today (an ended embargo is public).

    Re-indexing after an embargo ends (:func:`heritage.services.items.lift_embargoes`) makes
    the pages' text findable; until then the index errs on the closed side.
    """
    return item_level(item, today)


def searchable_pages(item, today: date | None = None) -> list:
    """The pages whose text public search may hold: those of files open to everybody."""
    return [page for page in item.pages
            if media_open(item, page.media_file, reading_room=False, today=today)]
