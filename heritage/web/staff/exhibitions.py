"""The exhibition builder: exhibitions, their pages, blocks and items, preview and publishing.

Every change is a plain POST form (so it works without JavaScript and by keyboard);
staff-exhibitions.js adds drag and drop, which posts a whole new order to the JSON
``…/order`` endpoints. A form that fails is shown again with what was typed and the reason.
"""
from __future__ import annotations

import re

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ...errors import InvalidInput
from ...models import BLOCK_KINDS
from ...services import exhibition_builder as builder
from ...services import exhibition_order as order_service
from ...services.accounts import all_branches
from ...services.exhibitions import exhibition_page, exhibition_pages
from . import staff_view

bp = Blueprint("staff_exhibitions", __name__, url_prefix="/staff/exhibitions")

#: The start of a service's message → the form field it is about (for aria-invalid).
FIELDS = (("exhibition slug", "slug"), ("page slug", "slug"), ("exhibition title", "title"),
          ("page title", "title"), ("exhibition language", "lang"), ("cover item", "cover_item"),
          ("collection", "collections"), ("no branch", "branch"), ("block kind", "kind"),
          ("items", "items"), ("text", "body"))


def _problem(error: InvalidInput) -> dict:
    """The failed form's field and the reason, for the template."""
    text = str(error)
    field = next((name for prefix, name in FIELDS if text.startswith(prefix)), "")
    return {"field": field, "message": _("Not saved: %(reason)s", reason=text)}


# --- exhibitions ----------------------------------------------------------------------------

@bp.route("/")
@staff_view("exhibitions")
def index():
    """Every exhibition, drafts and published, and a form to start a new one."""
    return _index()


def _index(problem: dict | None = None):
    return render_template("staff/exhibitions/index.html", exhibitions=builder.all_exhibitions(),
                           form=request.form, problem=problem,
                           failed="new" if problem else ""), 400 if problem else 200


@bp.route("/new", methods=["POST"])
@staff_view("exhibitions")
def create():
    """Start a new draft exhibition."""
    form = request.form
    try:
        found = builder.new_exhibition(form.get("slug", ""), form.get("title", ""), current_user,
                                       summary=form.get("summary", ""), lang=form.get("lang", "lv"))
    except InvalidInput as error:
        return _index(_problem(error))
    flash(_("The exhibition is created as a draft. Add its pages next."), "success")
    return redirect(url_for(".edit", slug=found.slug))


@bp.route("/<slug>", methods=["GET", "POST"])
@staff_view("exhibitions")
def edit(slug: str):
    """An exhibition's description and its pages."""
    exhibition = builder.get_exhibition(slug)
    if request.method == "GET":
        return _edit_page(exhibition)
    form = request.form
    try:
        builder.update_exhibition(
            exhibition.id, current_user, slug=form.get("slug", ""), title=form.get("title", ""),
            summary=form.get("summary", ""), credits=form.get("credits", ""),
            lang=form.get("lang", ""), featured=form.get("featured") == "on",
            cover_item=form.get("cover_item", ""), collections=form.getlist("collections"),
            branch=form.get("branch", ""))
    except InvalidInput as error:
        return _edit_page(exhibition, "details", _problem(error))
    flash(_("The exhibition is saved."), "success")
    return redirect(url_for(".edit", slug=exhibition.slug))


def _edit_page(exhibition, failed: str = "", problem: dict | None = None):
    return render_template("staff/exhibitions/edit.html", exhibition=exhibition,
                           collections=builder.all_collections(), branches=all_branches(),
                           form=request.form if failed else {}, failed=failed,
                           problem=problem), 400 if problem else 200


@bp.route("/<slug>/status", methods=["POST"])
@staff_view("exhibitions")
def status(slug: str):
    """Publish the exhibition, or take it back to a draft."""
    exhibition = builder.get_exhibition(slug)
    publish = request.form.get("publish") == "1"
    builder.set_published(exhibition.id, publish, current_user)
    flash(_("The exhibition is published.") if publish
          else _("The exhibition is a draft again; the public no longer sees it."), "success")
    return redirect(url_for(".edit", slug=exhibition.slug))


@bp.route("/<slug>/pages", methods=["POST"])
@staff_view("exhibitions")
def add_page(slug: str):
    """Add a page at the end of the exhibition."""
    exhibition = builder.get_exhibition(slug)
    try:
        page = builder.new_page(exhibition.id, request.form.get("slug", ""),
                                request.form.get("title", ""), current_user)
    except InvalidInput as error:
        return _edit_page(exhibition, "new-page", _problem(error))
    flash(_("The page is added."), "success")
    return redirect(url_for(".page", page_id=page.id))


@bp.route("/<slug>/order", methods=["POST"])
@staff_view("exhibitions")
def order_pages(slug: str):
    """JSON: put the exhibition's pages in a new order."""
    return _order("page", builder.get_exhibition(slug).id)


def _order(kind: str, parent_id: int):
    body = request.get_json(silent=True)
    ids = body.get("order") if isinstance(body, dict) else None
    try:
        order = order_service.reorder(kind, parent_id, ids, current_user)
    except order_service.BadOrder as error:
        return jsonify(error=str(error), unknown=error.unknown, missing=error.missing,
                       duplicates=error.duplicates), 400
    return jsonify(order=order)


# --- preview --------------------------------------------------------------------------------

@bp.route("/<slug>/preview")
@staff_view("exhibitions")
def preview(slug: str):
    """The exhibition's first page as the public would see it, published or not."""
    exhibition = builder.get_exhibition(slug)
    if exhibition.pages:
        return redirect(url_for(".preview_page", slug=slug, page_slug=exhibition.pages[0].slug))
    return _preview(exhibition, "staff/exhibitions/preview.html", shown=None)


@bp.route("/<slug>/preview/print")
@staff_view("exhibitions")
def preview_print(slug: str):
    """The printable view of the exhibition, published or not."""
    exhibition = builder.get_exhibition(slug)
    return _preview(exhibition, "staff/exhibitions/preview_print.html",
                    pages=exhibition_pages(exhibition))


@bp.route("/<slug>/preview/<page_slug>")
@staff_view("exhibitions")
def preview_page(slug: str, page_slug: str):
    """One page of the exhibition exactly as the public page renders it, with a banner."""
    exhibition = builder.get_exhibition(slug)
    return _preview(exhibition, "staff/exhibitions/preview.html",
                    shown=exhibition_page(exhibition, page_slug))


def _preview(exhibition, template: str, **context):
    """Render a public template, its links to the public exhibition turned to the preview."""
    html = render_template(template, exhibition=exhibition, **context)
    public = url_for("exhibitions.exhibition", slug=exhibition.slug)
    preview_at = url_for(".preview", slug=exhibition.slug)
    # a draft's public addresses are 404s; links inside the preview stay in the preview
    html = re.sub(r'href="' + re.escape(public) + r'(?=["/])', 'href="' + preview_at, html)
    return Markup(html)


# --- pages ----------------------------------------------------------------------------------

@bp.route("/page/<int:page_id>", methods=["GET", "POST"])
@staff_view("exhibitions")
def page(page_id: int):
    """A page's title and slug, its blocks, their items, and a title search to find items."""
    found = builder.get_page(page_id)
    if request.method == "GET":
        return _page_editor(found)
    try:
        builder.update_page(found.id, request.form.get("slug", ""), request.form.get("title", ""),
                            current_user)
    except InvalidInput as error:
        return _page_editor(found, "page", _problem(error))
    flash(_("The page is saved."), "success")
    return redirect(url_for(".page", page_id=found.id))


def _page_editor(found, failed: str = "", problem: dict | None = None):
    query = request.args.get("q", "").strip()
    return render_template("staff/exhibitions/page.html", page=found, exhibition=found.exhibition,
                           kinds=BLOCK_KINDS, query=query, results=builder.find_items(query),
                           form=request.form if failed else {}, failed=failed,
                           problem=problem), 400 if problem else 200


@bp.route("/page/<int:page_id>/delete", methods=["GET", "POST"])
@staff_view("exhibitions")
def delete_page(page_id: int):
    """Ask, then delete a page with all its blocks."""
    found = builder.get_page(page_id)
    if request.method == "GET":
        return render_template("staff/exhibitions/delete_page.html", page=found,
                               exhibition=found.exhibition)
    exhibition = builder.delete_page(found.id, current_user)
    flash(_("The page is deleted."), "success")
    return redirect(url_for(".edit", slug=exhibition.slug))


@bp.route("/page/<int:page_id>/move", methods=["POST"])
@staff_view("exhibitions")
def move_page(page_id: int):
    """Move a page one place up or down."""
    moved = order_service.move("page", page_id, _offset(), current_user)
    flash(_("The page %(title)s is now number %(n)d.", title=moved.title, n=moved.position + 1),
          "success")
    return redirect(url_for(".edit", slug=moved.exhibition.slug, _anchor=f"page-{moved.id}"))


def _offset() -> int:
    return -1 if request.form.get("direction") == "up" else 1


@bp.route("/page/<int:page_id>/blocks", methods=["POST"])
@staff_view("exhibitions")
def add_block(page_id: int):
    """Add a block of any kind at the end of the page."""
    found = builder.get_page(page_id)
    form = request.form
    try:
        block = builder.new_block(found.id, form.get("kind", ""), form.get("body", ""),
                                  form.get("items", ""), current_user)
    except InvalidInput as error:
        return _page_editor(found, "new-block", _problem(error))
    flash(_("The block is added."), "success")
    return redirect(url_for(".page", page_id=found.id, _anchor=f"block-{block.id}"))


@bp.route("/page/<int:page_id>/order", methods=["POST"])
@staff_view("exhibitions")
def order_blocks(page_id: int):
    """JSON: put the page's blocks in a new order."""
    return _order("block", builder.get_page(page_id).id)


# --- blocks and their items -----------------------------------------------------------------

@bp.route("/block/<int:block_id>", methods=["POST"])
@staff_view("exhibitions")
def edit_block(block_id: int):
    """Change a block's Markdown text."""
    block = builder.get_block(block_id)
    try:
        builder.update_block(block.id, request.form.get("body", ""), current_user)
    except InvalidInput as error:
        return _page_editor(block.page, f"block-{block.id}", _problem(error))
    flash(_("The block is saved."), "success")
    return _back_to(block)


def _back_to(block):
    return redirect(url_for(".page", page_id=block.page_id, _anchor=f"block-{block.id}"))


@bp.route("/block/<int:block_id>/delete", methods=["POST"])
@staff_view("exhibitions")
def delete_block(block_id: int):
    """Delete a block with its items."""
    found = builder.delete_block(block_id, current_user)
    flash(_("The block is deleted."), "success")
    return redirect(url_for(".page", page_id=found.id))


@bp.route("/block/<int:block_id>/move", methods=["POST"])
@staff_view("exhibitions")
def move_block(block_id: int):
    """Move a block one place up or down."""
    moved = order_service.move("block", block_id, _offset(), current_user)
    flash(_("The block is now number %(n)d.", n=moved.position + 1), "success")
    return _back_to(moved)


@bp.route("/block/<int:block_id>/items", methods=["POST"])
@staff_view("exhibitions")
def add_items(block_id: int):
    """Add items to a block by their ids; good ids are added, every bad one is reported."""
    block = builder.get_block(block_id)
    try:
        added, bad = builder.add_items(block.id, request.form.get("items", ""), current_user)
    except InvalidInput as error:
        return _page_editor(block.page, f"items-{block.id}", _problem(error))
    if added:
        flash(_("Added: %(ids)s.", ids=", ".join(f"#{item.id}" for item in added)), "success")
    if bad:
        flash(_("Not added, because they are not item ids of this archive: %(refs)s. Give "
                "numbers such as 12, or search by title.", refs=", ".join(bad)), "error")
    return _back_to(block)


@bp.route("/page/<int:page_id>/add-found", methods=["POST"])
@staff_view("exhibitions")
def add_found(page_id: int):
    """Add an item found by the title search to the block of this page chosen beside it."""
    found = builder.get_page(page_id)
    chosen = request.form.get("block", "")
    block = next((b for b in found.blocks if str(b.id) == chosen), None)
    if block is None:
        return _page_editor(found, "found", _problem(InvalidInput(
            f"block {chosen!r} is not a block of this page; choose one from the list")))
    return add_items(block.id)


@bp.route("/block/<int:block_id>/order", methods=["POST"])
@staff_view("exhibitions")
def order_items(block_id: int):
    """JSON: put a block's items in a new order."""
    return _order("entry", builder.get_block(block_id).id)


@bp.route("/entry/<int:entry_id>", methods=["POST"])
@staff_view("exhibitions")
def caption(entry_id: int):
    """Change an item's caption in its block."""
    entry = builder.update_caption(entry_id, request.form.get("caption", ""), current_user)
    flash(_("The caption is saved."), "success")
    return _back_to(entry.block)


@bp.route("/entry/<int:entry_id>/remove", methods=["POST"])
@staff_view("exhibitions")
def remove_item(entry_id: int):
    """Take an item out of its block."""
    entry = builder.get_entry(entry_id)
    block = entry.block
    try:
        builder.remove_item(entry.id, current_user)
    except InvalidInput as error:
        return _page_editor(block.page, f"items-{block.id}", _problem(error))
    flash(_("The item is taken out of the block."), "success")
    return _back_to(block)


@bp.route("/entry/<int:entry_id>/move", methods=["POST"])
@staff_view("exhibitions")
def move_item(entry_id: int):
    """Move an item one place up or down in its block."""
    moved = order_service.move("entry", entry_id, _offset(), current_user)
    flash(_("The item is now number %(n)d in its block.", n=moved.position + 1), "success")
    return _back_to(moved.block)
