"""The staff workspace: the list of items, the review queue, one item's workspace page,
workflow steps, bulk actions, batch edits of one field, and versions with restore."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from dublin_core.model import NAMES

from ...errors import InvalidInput
from ...models import ACCESS_LEVELS, ACCESS_REASONS
from ...services import audit, bulk, item_list, versions, workflow
from ...services.accounts import all_branches, may
from . import staff_view
from .messages import ACCESS_LABELS, STATUS_LABELS, explain

bp = Blueprint("staff_items", __name__, url_prefix="/staff/items")

REASON_LABELS = {"privacy": _l("Privacy"), "copyright": _l("Copyright"),
                 "donor_terms": _l("Donor's terms"), "other": _l("Other")}
STEP_LABELS = {"submit": _l("Submit for review"), "return": _l("Return to draft"),
               "publish": _l("Publish"), "withdraw": _l("Withdraw"), "redraft": _l("Back to draft"),
               "comment": _l("Comment")}
BULK_LABELS = {"submit": _l("Submit for review"), "publish": _l("Publish"), "withdraw": _l("Withdraw"),
               "move": _l("Move to collection"), "access": _l("Set access"),
               "subject": _l("Add a subject")}
MODE_LABELS = {"replace": _l("Replace all values with"), "add": _l("Add the value"),
               "find_replace": _l("Find and replace text")}


@bp.context_processor
def _labels() -> dict:
    return {"status_labels": STATUS_LABELS, "access_labels": ACCESS_LABELS,
            "reason_labels": REASON_LABELS, "step_labels": STEP_LABELS, "bulk_labels": BULK_LABELS,
            "mode_labels": MODE_LABELS, "access_levels": ACCESS_LEVELS,
            "access_reasons": ACCESS_REASONS, "elements": NAMES}


@bp.route("/")
@staff_view("describe")
def index():
    """The items of the person's branch (or all), filtered, one page at a time."""
    page = request.args.get("page", "1")
    filters = item_list.ItemFilters(status=request.args.get("status", ""),
                                    collection=request.args.get("collection", ""),
                                    branch=request.args.get("branch", ""),
                                    text=request.args.get("q", ""),
                                    page=int(page) if page.isdigit() else 0)
    error, result = None, None
    try:
        result = item_list.list_items(current_user, filters)
    except InvalidInput as problem:
        error = explain(problem)
    return render_template("staff/items/index.html", filters=filters, result=result, error=error,
                           collections=item_list.all_collections(),
                           branches=all_branches() if may(current_user, "all_branches") else []), \
        400 if error else 200


@bp.route("/review")
@staff_view("review")
def review_queue():
    """Items waiting for review, the longest waiting first."""
    return render_template("staff/items/review.html", items=item_list.review_queue(current_user))


@bp.route("/<int:item_id>")
@staff_view("describe")
def show(item_id: int):
    """One item's workspace: description, state, comments, steps, history and versions."""
    item = workflow.staff_item(item_id, current_user)
    return render_template("staff/items/show.html", item=item,
                           steps=workflow.available_steps(current_user, item),
                           comments=workflow.comments_for(item.id),
                           history=audit.entries_for("item", item.id),
                           versions=versions.versions_of(item.id))


@bp.route("/<int:item_id>/step", methods=["POST"])
@staff_view("describe")
def step(item_id: int):
    """Take a workflow step (submit, return, publish, withdraw, back to draft)."""
    action = request.form.get("action", "")
    try:
        workflow.transition(item_id, action, current_user, request.form.get("comment", ""))
    except InvalidInput as problem:
        flash(_("Not done: %(reason)s", reason=explain(problem)), "error")
    else:
        flash(_("Done: %(step)s.", step=STEP_LABELS.get(action, action)), "success")
    return redirect(url_for(".show", item_id=item_id))


@bp.route("/<int:item_id>/comment", methods=["POST"])
@staff_view("describe")
def comment(item_id: int):
    """Leave a review comment without changing the item's state."""
    try:
        workflow.add_comment(item_id, current_user, request.form.get("comment", ""))
    except InvalidInput:
        flash(_("Write the comment first."), "error")
    else:
        flash(_("Comment saved."), "success")
    return redirect(url_for(".show", item_id=item_id) + "#comments")


@bp.route("/<int:item_id>/versions/<int:number>")
@staff_view("describe")
def version(item_id: int, number: int):
    """A saved version compared with the item now, and a button to restore it."""
    item = workflow.staff_item(item_id, current_user)
    saved = versions.get_version(item.id, number)
    return render_template("staff/items/version.html", item=item, version=saved,
                           rows=versions.diff(saved, item))


@bp.route("/<int:item_id>/versions/<int:number>/restore", methods=["POST"])
@staff_view("describe")
def restore(item_id: int, number: int):
    """Put a saved version back (the present state is saved as a version first)."""
    try:
        versions.restore_version(item_id, number, current_user)
    except InvalidInput as problem:
        flash(_("Not restored: %(reason)s", reason=explain(problem)), "error")
        return redirect(url_for(".version", item_id=item_id, number=number))
    flash(_("Version %(number)d is restored.", number=number), "success")
    return redirect(url_for(".show", item_id=item_id))


@bp.route("/bulk", methods=["POST"])
@staff_view("describe")
def bulk_action():
    """Do one action on the ticked items; report what was done and refused, item by item."""
    form = request.form
    action = form.get("action", "")
    try:
        ids = bulk.check_ids(form.getlist("ids"))
        access = bulk.check_access(form.get("access_level", ""), form.get("access_reason", ""),
                                   form.get("embargo_until", ""), form.get("access_note", "")) \
            if action == "access" else None
        outcomes = bulk.run_bulk(ids, action, current_user, comment=form.get("comment", ""),
                                 collection=form.get("collection", ""), access=access,
                                 subject=form.get("subject", ""), lang=form.get("subject_lang", ""))
    except InvalidInput as problem:
        return render_template("staff/items/bulk_result.html", error=explain(problem), outcomes=[],
                               action=action), 400
    return render_template("staff/items/bulk_result.html", error=None, outcomes=outcomes,
                           action=action)


@bp.route("/batch-edit", methods=["POST"])
@staff_view("describe")
def batch_edit():
    """Change one Dublin Core element across the ticked items: form, preview, then apply."""
    form = request.form
    try:
        ids = bulk.check_ids(form.getlist("ids"))
    except InvalidInput as problem:
        return render_template("staff/items/batch_edit.html", ids=[], error=explain(problem),
                               form=form, preview=None, applied=None), 400
    if "element" not in form:  # arrived from the list: only the selection so far
        return render_template("staff/items/batch_edit.html", ids=ids, error=None, form=form,
                               preview=None, applied=None)
    try:
        edit = bulk.check_batch(form.get("element", ""), form.get("mode", ""),
                                form.get("value", ""), form.get("find", ""), form.get("lang", ""))
    except InvalidInput as problem:
        return render_template("staff/items/batch_edit.html", ids=ids, error=explain(problem),
                               form=form, preview=None, applied=None), 400
    if form.get("confirm") == "apply":
        return render_template("staff/items/batch_edit.html", ids=ids, error=None, form=form,
                               preview=None, applied=bulk.apply_batch(ids, edit, current_user))
    return render_template("staff/items/batch_edit.html", ids=ids, error=None, form=form,
                           preview=bulk.preview_batch(ids, edit, current_user), applied=None)
