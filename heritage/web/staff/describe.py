"""Describing items by hand: the new-item and edit forms, with help, examples and previews."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dublin_core import suggest_edtf

from ...services import describe
from ...services.accounts import may
from . import staff_view
from .describe_fields import (CLIPPING_FIELDS, FIELDS, ISSUE_HELP, LANG_NAMES, PAGE_HELP,
                              TYPE_NAMES, date_kind, problem_message)

bp = Blueprint("staff_describe", __name__, url_prefix="/staff/describe")


@bp.route("/new", methods=["GET", "POST"])
@staff_view("describe")
def new():
    """A new draft item: the form, a preview of it, or the item created."""
    if request.method == "GET":
        own = current_user.branch.slug if current_user.branch else ""
        return _page(describe.DescriptionForm(branch=own, collection=request.args.get("collection", "")))
    form = describe.form_from_mapping(request.form.to_dict(flat=False))
    if request.form.get("action") == "preview":
        return _page(form, checked=describe.check(form))
    try:
        item = describe.create_item(form, current_user)
    except describe.DescriptionInvalid as invalid:
        return _page(form, checked=invalid.checked, problems=invalid.problems), 400
    flash(_("The item “%(title)s” is saved as a draft.", title=item.title()), "success")
    return redirect(url_for("staff_describe.edit", item_id=item.id))


@bp.route("/<int:item_id>", methods=["GET", "POST"])
@staff_view("describe")
def edit(item_id: int):
    """An item's description: the form, a preview of the changes, or the changes saved."""
    item = describe.get_item(item_id, current_user)
    if request.method == "GET":
        form = describe.form_from_item(item)
        checked = describe.check(form)
        return _page(form, item=item, checked=checked, problems=checked.problems)
    form = describe.form_from_mapping(request.form.to_dict(flat=False))
    if request.form.get("action") == "preview":
        form.kept = describe.form_from_item(item).kept
        return _page(form, item=item, checked=describe.check(form))
    try:
        describe.save_item(item.id, form, current_user)
    except describe.DescriptionInvalid as invalid:
        return _page(form, item=item, checked=invalid.checked, problems=invalid.problems), 400
    flash(_("The description is saved."), "success")
    return redirect(url_for("staff_describe.edit", item_id=item.id))


@bp.route("/edtf")
@staff_view("describe")
def edtf():
    """The EDTF reading of a date as typed (``?q=ap. 1938``), for the form's live hint."""
    suggestion = suggest_edtf(request.args.get("q", ""))
    if suggestion is None:
        return {"edtf": None, "kind": ""}
    return {"edtf": suggestion.edtf, "kind": date_kind(suggestion.explanation_key)}


def _page(form, item=None, checked=None, problems=None):
    """Render the form with what was typed, the problems, dates read and the citation."""
    problems = problems if problems is not None else (checked.problems if checked else [])
    messages = [(problem.field, problem_message(problem)) for problem in problems]
    errors = {}
    for field_id, message in messages:
        errors.setdefault(field_id, []).append(message)
    dates = {key: (edtf, date_kind(kind)) for key, (edtf, kind) in (checked.dates if checked else {}).items()}
    unknown = describe.unknown_authorities(checked.record) if checked and item and not problems else {}
    return render_template(
        "staff/describe/form.html", form=form, item=item, fields=FIELDS,
        clipping_fields={spec.element: spec for spec in CLIPPING_FIELDS},
        issue_help=ISSUE_HELP, page_help=PAGE_HELP, type_names=TYPE_NAMES, lang_names=LANG_NAMES,
        messages=messages, errors=errors, dates=dates,
        citation=checked.citation if checked else None,
        unknown=unknown if may(current_user, "vocabularies") else {},
        collections=describe.collections(), branches=describe.branches_for(current_user),
        all_branches=may(current_user, "all_branches"))
