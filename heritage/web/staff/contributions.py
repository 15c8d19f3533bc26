"""The staff workspace: moderating residents' contributions (accept as a draft item, or reject)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...errors import InvalidInput
from ...services import contributions as service
from ...services import media_store
from ...services.accounts import all_branches
from . import staff_view

bp = Blueprint("staff_contributions", __name__, url_prefix="/staff/contributions")

STATUSES = ("new", "accepted", "rejected")


def _contribution(contribution_id: int):
    try:
        return service.get(contribution_id, current_user)
    except service.ContributionNotFound:
        abort(404)


@bp.get("/")
@staff_view("moderate")
def index():
    """The queue: contributions waiting for a moderator first, then those already decided."""
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    return render_template("staff/contributions/index.html", status=status,
                           contributions=service.queue(current_user, status), statuses=STATUSES)


@bp.get("/<int:contribution_id>")
@staff_view("moderate")
def detail(contribution_id: int):
    """One contribution: the story, the photos, the contact, the consents and the decision."""
    return _detail(_contribution(contribution_id))


def _detail(contribution, error: str | None = None, status: int = 200):
    return render_template("staff/contributions/detail.html", contribution=contribution,
                           branches=all_branches(), error=error, form=request.form), status


@bp.get("/<int:contribution_id>/files/<int:position>")
@staff_view("moderate")
def file(contribution_id: int, position: int):
    """A contribution's photo as it was given (staff only; never cached)."""
    try:
        found = service.staff_file(contribution_id, position, current_user)
    except service.ContributionNotFound:
        abort(404)
    response = send_file(media_store().open(found.storage_key), mimetype=found.mime_type,
                         download_name=found.original_name, conditional=False)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.post("/<int:contribution_id>/accept")
@staff_view("moderate")
def accept(contribution_id: int):
    """Make a draft item of the contribution in the chosen branch."""
    contribution = _contribution(contribution_id)
    try:
        item = service.accept(contribution.id, current_user, request.form.get("branch") or None,
                              request.form.get("note", ""))
    except InvalidInput as problem:
        return _detail(contribution, _("It could not be accepted: %(reason)s", reason=str(problem)), 400)
    flash(_("Accepted: draft item #%(id)d was made. Describe it and send it for review.",
            id=item.id), "success")
    return redirect(url_for("staff_contributions.detail", contribution_id=contribution.id))


@bp.post("/<int:contribution_id>/reject")
@staff_view("moderate")
def reject(contribution_id: int):
    """Reject the contribution with a note; its files are deleted."""
    contribution = _contribution(contribution_id)
    try:
        service.reject(contribution.id, current_user, request.form.get("note", ""))
    except InvalidInput as problem:
        text = str(problem)
        message = (_("Write a note saying why it is rejected; it is kept for the record.")
                   if text.startswith("note") else text)
        return _detail(contribution, message, 400)
    flash(_("Rejected; its photos were deleted."), "success")
    return redirect(url_for("staff_contributions.index"))
