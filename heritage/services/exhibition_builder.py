"""Building exhibitions in the staff workspace: every change checked, audited and committed.

Each function takes plain values and ``by``, the person acting, and writes the change and
its audit entries in one transaction. Reordering comes in two forms: a one-step move (the
"move up / move down" buttons) and a whole new order (drag and drop), in
:mod:`heritage.services.exhibition_order`.
"""
from __future__ import annotations

import re
from typing import Sequence

from sqlalchemy import select

from ..errors import ExhibitionNotFound, InvalidInput
from ..extensions import db
from ..models import (BLOCK_KINDS, Collection, Exhibition, ExhibitionBlock, ExhibitionBlockItem,
                      ExhibitionPage, Item, ItemValue, User, utcnow)
from . import audit
from .accounts import get_branch, require
from .exhibitions import LANG, RESERVED_PAGE_SLUGS, check_slug

#: Kinds that cannot be saved without items, with the fewest and most items they take.
ITEM_COUNTS = {"item": (1, 1), "gallery": (1, None)}
_ITEM_REF = re.compile(r"^#?(\d{1,12})$")


# --- finding --------------------------------------------------------------------------------

def all_exhibitions() -> list[Exhibition]:
    """Every exhibition, drafts and published, newest change first."""
    return list(db.session.scalars(select(Exhibition).order_by(Exhibition.updated_at.desc(),
                                                               Exhibition.title)))


def get_exhibition(slug: str) -> Exhibition:
    """The exhibition with ``slug`` whatever its status, or :class:`ExhibitionNotFound`."""
    found = db.session.scalar(select(Exhibition).where(Exhibition.slug == slug))
    if found is None:
        raise ExhibitionNotFound(f"no exhibition {slug!r}")
    return found


def _get(model, row_id: int, what: str):
    found = db.session.get(model, row_id)
    if found is None:
        raise ExhibitionNotFound(f"no {what} #{row_id}")
    return found


def get_page(page_id: int) -> ExhibitionPage:
    """The exhibition page with this id, or :class:`ExhibitionNotFound`."""
    return _get(ExhibitionPage, page_id, "exhibition page")


def get_block(block_id: int) -> ExhibitionBlock:
    """The block with this id, or :class:`ExhibitionNotFound`."""
    return _get(ExhibitionBlock, block_id, "exhibition block")


def get_entry(entry_id: int) -> ExhibitionBlockItem:
    """The item-in-a-block with this id, or :class:`ExhibitionNotFound`."""
    return _get(ExhibitionBlockItem, entry_id, "block item")


def all_collections() -> list[Collection]:
    """Every collection, by title, to choose an exhibition's collections from."""
    return list(db.session.scalars(select(Collection).order_by(Collection.title)))


def find_items(text: str, limit: int = 20) -> list[Item]:
    """Items (not deleted) whose title contains ``text``, or the item whose id it is."""
    text = (text or "").strip()
    if not text:
        return []
    found = _ITEM_REF.match(text)
    if found:
        item = db.session.get(Item, int(found.group(1)))
        return [item] if item is not None and item.status != "deleted" else []
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(db.session.scalars(
        select(Item).join(ItemValue).where(ItemValue.element == "title",
                                           ItemValue.value.ilike(pattern, escape="\\"),
                                           Item.status != "deleted")
        .order_by(Item.id).limit(limit)).unique())


# --- exhibitions ----------------------------------------------------------------------------

def _text(value: str, field_name: str, limit: int = 500) -> str:
    text = (value or "").strip()
    if not text or len(text) > limit:
        raise InvalidInput(f"{field_name} {value!r} is not valid: give 1 to {limit} characters")
    return text


def _free_slug(slug: str, current: Exhibition | None = None) -> str:
    check_slug(slug)
    other = db.session.scalar(select(Exhibition.id).where(Exhibition.slug == slug))
    if other is not None and (current is None or other != current.id):
        raise InvalidInput(f"exhibition slug {slug!r} is already taken; choose another")
    return slug


def new_exhibition(slug: str, title: str, by: User, *, summary: str = "",
                   lang: str = "lv") -> Exhibition:
    """A new draft exhibition with no pages yet, committed."""
    require(by, "exhibitions")
    exhibition = Exhibition(slug=_free_slug((slug or "").strip()),
                            title=_text(title, "exhibition title"), summary=(summary or "").strip(),
                            lang=_lang(lang), status="draft", branch_id=by.branch_id)
    db.session.add(exhibition)
    db.session.flush()
    audit.record("create", "exhibition", exhibition.id, by=by, field="slug", new=exhibition.slug)
    db.session.commit()
    return exhibition


def _lang(lang: str) -> str:
    lang = (lang or "").strip()
    if not LANG.match(lang):
        raise InvalidInput(f"exhibition language {lang!r} is not valid: use a code such as "
                           "'lv', 'lt' or 'ltg'")
    return lang


def update_exhibition(exhibition_id: int, by: User, *, slug: str, title: str, summary: str = "",
                      credits: str = "", lang: str = "lv", featured: bool = False,
                      cover_item: str = "", collections: Sequence[str] = (),
                      branch: str = "") -> Exhibition:
    """Change an exhibition's description; ``cover_item`` is an item id (empty for none)."""
    require(by, "exhibitions")
    exhibition = _get(Exhibition, exhibition_id, "exhibition")
    new = {"slug": _free_slug((slug or "").strip(), exhibition),
           "title": _text(title, "exhibition title"), "summary": (summary or "").strip(),
           "credits": (credits or "").strip(), "lang": _lang(lang), "featured": bool(featured)}
    cover = _item_ref(cover_item, "cover item") if (cover_item or "").strip() else None
    chosen = [_collection(s) for s in collections]
    place = get_branch(branch) if branch else None
    audit.record_changes("exhibition", exhibition.id, {
        **{name: (getattr(exhibition, name), value) for name, value in new.items()},
        "cover_item": (exhibition.cover_item_id, cover.id if cover else None),
        "collections": (sorted(c.slug for c in exhibition.collections), sorted(c.slug for c in chosen)),
        "branch": (exhibition.branch_id, place.id if place else None)}, by=by)
    for name, value in new.items():
        setattr(exhibition, name, value)
    exhibition.cover_item, exhibition.collections = cover, chosen
    exhibition.branch_id = place.id if place else None
    db.session.commit()
    return exhibition


def _collection(slug: str) -> Collection:
    found = db.session.scalar(select(Collection).where(Collection.slug == slug))
    if found is None:
        raise InvalidInput(f"collection {slug!r} does not exist")
    return found


def _item_ref(text: str, field_name: str = "item") -> Item:
    found = _ITEM_REF.match((text or "").strip())
    item = db.session.get(Item, int(found.group(1))) if found else None
    if item is None or item.status == "deleted":
        raise InvalidInput(f"{field_name} {text!r} is not an item id of this archive; "
                           "give a number such as 12, or search by title")
    return item


def set_published(exhibition_id: int, publish: bool, by: User) -> Exhibition:
    """Publish a draft or take a published exhibition back to a draft."""
    require(by, "exhibitions")
    exhibition = _get(Exhibition, exhibition_id, "exhibition")
    status = "published" if publish else "draft"
    audit.record_changes("exhibition", exhibition.id, {"status": (exhibition.status, status)},
                         by=by, action="status")
    exhibition.status = status
    if publish:
        exhibition.published_at = exhibition.published_at or utcnow()
    db.session.commit()
    return exhibition


# --- pages ----------------------------------------------------------------------------------

def _page_slug(exhibition: Exhibition, slug: str, current: ExhibitionPage | None = None) -> str:
    slug = (slug or "").strip()
    check_slug(slug, "page slug")
    if slug in RESERVED_PAGE_SLUGS:
        raise InvalidInput(f"page slug {slug!r} is reserved; choose another")
    if any(page.slug == slug and page is not current for page in exhibition.pages):
        raise InvalidInput(f"page slug {slug!r} is already used in this exhibition; choose another")
    return slug


def new_page(exhibition_id: int, slug: str, title: str, by: User) -> ExhibitionPage:
    """A new last page of the exhibition, committed."""
    require(by, "exhibitions")
    exhibition = _get(Exhibition, exhibition_id, "exhibition")
    page = ExhibitionPage(slug=_page_slug(exhibition, slug), title=_text(title, "page title"),
                          position=len(exhibition.pages))
    exhibition.pages.append(page)
    db.session.flush()
    audit.record("create", "exhibition_page", page.id, by=by, field="slug", new=page.slug)
    db.session.commit()
    return page


def update_page(page_id: int, slug: str, title: str, by: User) -> ExhibitionPage:
    """Rename a page or change its slug."""
    require(by, "exhibitions")
    page = get_page(page_id)
    new_slug, new_title = _page_slug(page.exhibition, slug, page), _text(title, "page title")
    audit.record_changes("exhibition_page", page.id, {"slug": (page.slug, new_slug),
                                                      "title": (page.title, new_title)}, by=by)
    page.slug, page.title = new_slug, new_title
    db.session.commit()
    return page


def delete_page(page_id: int, by: User) -> Exhibition:
    """Delete a page with its blocks; the exhibition it was in."""
    require(by, "exhibitions")
    page = get_page(page_id)
    exhibition = page.exhibition
    audit.record("delete", "exhibition_page", page.id, by=by, field="slug", old=page.slug)
    exhibition.pages.remove(page)
    renumber(exhibition.pages)
    db.session.commit()
    return exhibition


# --- blocks ---------------------------------------------------------------------------------

def parse_item_refs(text: str) -> tuple[list[Item], list[str]]:
    """The items named by ids in ``text`` (spaces or commas between), and the refs that are not."""
    items, bad = [], []
    for ref in re.split(r"[\s,;]+", text or ""):
        if not ref:
            continue
        found = _ITEM_REF.match(ref)
        item = db.session.get(Item, int(found.group(1))) if found else None
        if item is None or item.status == "deleted":
            bad.append(ref)
        else:
            items.append(item)
    return items, bad


def _bad_refs(bad: list[str]) -> InvalidInput:
    return InvalidInput(f"items: {', '.join(repr(b) for b in bad)} "
                        f"{'is not an item id' if len(bad) == 1 else 'are not item ids'} "
                        "of this archive; give numbers such as 12, or search by title")


def _check_count(kind: str, count: int) -> None:
    fewest, most = ITEM_COUNTS.get(kind, (0, None))
    if count < fewest:
        raise InvalidInput(f"items: a {kind} block needs at least {fewest} item; "
                           "give an item id or search by title")
    if most is not None and count > most:
        raise InvalidInput(f"items: a {kind} block shows {most} item, not {count}; "
                           "use a gallery block for several")


def new_block(page_id: int, kind: str, body: str, item_refs: str, by: User) -> ExhibitionBlock:
    """A new last block of the page; ``item_refs`` are item ids, all of which must exist."""
    require(by, "exhibitions")
    page = get_page(page_id)
    if kind not in BLOCK_KINDS:
        raise InvalidInput(f"block kind {kind!r} is not one of {', '.join(BLOCK_KINDS)}")
    items, bad = parse_item_refs(item_refs)
    if bad:
        raise _bad_refs(bad)
    if kind == "text":
        _text(body, "text", 100_000)
        items = []  # a text block has no items; ids typed by mistake are not kept
    _check_count(kind, len(items))
    block = ExhibitionBlock(kind=kind, body=(body or "").strip(), position=len(page.blocks),
                            entries=[ExhibitionBlockItem(item=item, position=n)
                                     for n, item in enumerate(items)])
    page.blocks.append(block)
    db.session.flush()
    audit.record("create", "exhibition_block", block.id, by=by, field="kind", new=kind)
    audit.record_changes("exhibition_block", block.id, {"body": ("", block.body),
                                                        "items": ("", [i.id for i in items])}, by=by)
    db.session.commit()
    return block


def update_block(block_id: int, body: str, by: User) -> ExhibitionBlock:
    """Change a block's Markdown text (a text block's must not be empty)."""
    require(by, "exhibitions")
    block = get_block(block_id)
    body = (body or "").strip()
    if block.kind == "text":
        _text(body, "text", 100_000)
    audit.record_changes("exhibition_block", block.id, {"body": (block.body, body)}, by=by)
    block.body = body
    db.session.commit()
    return block


def delete_block(block_id: int, by: User) -> ExhibitionPage:
    """Delete a block with its items; the page it was on."""
    require(by, "exhibitions")
    block = get_block(block_id)
    page = block.page
    audit.record("delete", "exhibition_block", block.id, by=by, field="kind", old=block.kind)
    page.blocks.remove(block)
    renumber(page.blocks)
    db.session.commit()
    return page


# --- items in blocks ------------------------------------------------------------------------

def add_items(block_id: int, item_refs: str, by: User) -> tuple[list[Item], list[str]]:
    """Add the items named in ``item_refs`` at the end; the items added and the refs refused."""
    require(by, "exhibitions")
    block = get_block(block_id)
    if block.kind == "text":
        raise InvalidInput("items: a text block has no items; add an item or gallery block")
    items, bad = parse_item_refs(item_refs)
    if not items and not bad:
        raise InvalidInput("items: give an item id such as 12, or search by title")
    _check_count(block.kind, len(block.entries) + len(items))
    for item in items:
        block.entries.append(ExhibitionBlockItem(item=item, position=len(block.entries)))
    if items:
        audit.record("add_item", "exhibition_block", block.id, by=by, field="items",
                     new=[item.id for item in items])
        db.session.commit()
    return items, bad


def update_caption(entry_id: int, caption: str, by: User) -> ExhibitionBlockItem:
    """Change the exhibition's own caption of one item."""
    require(by, "exhibitions")
    entry = get_entry(entry_id)
    caption = (caption or "").strip()
    audit.record_changes("exhibition_block", entry.block_id,
                         {f"item #{entry.item_id} caption": (entry.caption, caption)}, by=by)
    entry.caption = caption
    db.session.commit()
    return entry


def remove_item(entry_id: int, by: User) -> ExhibitionBlock:
    """Take an item out of its block (not the last of a block that needs one)."""
    require(by, "exhibitions")
    entry = get_entry(entry_id)
    block = entry.block
    if len(block.entries) <= ITEM_COUNTS.get(block.kind, (0, None))[0]:
        raise InvalidInput(f"items: a {block.kind} block needs at least one item; add another "
                           "first, or delete the whole block")
    audit.record("remove_item", "exhibition_block", block.id, by=by, field="items",
                 old=entry.item_id)
    block.entries.remove(entry)
    renumber(block.entries)
    db.session.commit()
    return block


def renumber(rows: list) -> None:
    """Number ``rows`` 0, 1, 2 … in their list order (after a removal or a new order)."""
    for position, row in enumerate(rows):
        row.position = position
