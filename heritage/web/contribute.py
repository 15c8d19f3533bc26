"""Residents' contributions ("talka"): the public form and its thank-you page."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..services import contributions as service
from ..services.accounts import all_branches
from ..services.places import gazetteer
from .network import client_address

bp = Blueprint("contribute", __name__, url_prefix="/contribute")

#: What each refusal code says to the resident (the file's name and limits filled in).
MESSAGES = {
    ("name", "required"): _l("Please write your name."),
    ("contact", "required"): _l("Please write an e-mail address or a phone number, so the library can ask you about the photos."),
    ("contact", "contact"): _l("This does not look like an e-mail address (name@example.lv) or a phone number; please check it."),
    ("story", "empty"): _l("Please write your story or choose at least one photo."),
    ("consent_publish", "consent"): _l("Please tick the box to agree that the archive may publish what you send; without it the archive cannot accept it."),
    ("branch", "branch"): _l("Please choose a library from the list."),
    ("photos", "too_large"): _l("The photos are too large together: at most %(limit)d MB. Send fewer photos, or smaller ones, at a time."),
    ("photos", "too_many_files"): _l("Please send at most %(limit)d photos at a time."),
    ("photos", "heic"): _l("%(name)s is a HEIC photo, which the archive cannot accept. Save it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible) and choose it again."),
    ("photos", "not_image"): _l("%(name)s is not a JPEG, PNG or TIFF photo. Choose a photo in one of these formats."),
    ("photos", "damaged"): _l("%(name)s could not be opened: the image is damaged or incomplete. Copy it again from your phone or camera and choose it again."),
    ("photos", "too_many_pixels"): _l("%(name)s is too large an image (%(width)d×%(height)d pixels). Choose a smaller copy of it."),
}
TOO_LONG = _l("This is longer than %(limit)d characters; please shorten it.")


def _message(problem: service.Problem) -> str:
    """The resident's message for one problem, in the interface language."""
    if problem.code == "too_long":
        return str(TOO_LONG) % problem.params
    template = MESSAGES.get((problem.field, problem.code))
    return str(template) % problem.params if template else problem.text


def _given() -> service.Given:
    form = request.form
    return service.Given(
        name=form.get("name", ""), contact=form.get("contact", ""), title=form.get("title", ""),
        story=form.get("story", ""), place=form.get("place", ""),
        date_text=form.get("date_text", ""), consent_publish=form.get("consent_publish") == "yes",
        consent_name=form.get("consent_name") == "yes", branch=form.get("branch", ""))


def _files() -> list[service.GivenFile]:
    """The chosen files, read up to the limit (a larger one is marked, not read whole)."""
    limit, files = service.max_bytes(), []
    for upload in request.files.getlist("photos"):
        if not upload.filename:
            continue  # the empty file field of a form sent without photos
        data = upload.stream.read(limit + 1)
        files.append(service.GivenFile(upload.filename, data if len(data) <= limit else None))
    return files


def _render_form(errors: dict[str, list[str]] | None = None, status: int = 200):
    places = sorted({place.name for place in gazetteer().values()}, key=str.casefold)
    return render_template("contribute/form.html", form=request.form, errors=errors or {},
                           branches=all_branches(), places=places,
                           max_mb=current_app.config["HERITAGE_CONTRIBUTION_MAX_MB"]), status


@bp.get("/")
def form():
    """The form a resident shares photos and memories with."""
    return _render_form()


@bp.post("/")
def send():
    """Receive the form: thank the resident, or show the form again saying what to fix."""
    try:
        if (request.content_length or 0) > service.max_bytes() + 1024 * 1024:
            problem = service.Problem("photos", "too_large", "too large",
                                      {"limit": current_app.config["HERITAGE_CONTRIBUTION_MAX_MB"]})
            raise service.ContributionRefused([problem])
        service.submit(_given(), _files(), client_address())
    except service.TooManyContributions:
        return _too_many()
    except service.ContributionRefused as refused:
        errors: dict[str, list[str]] = {}
        for problem in refused.problems:
            errors.setdefault(problem.field, []).append(_message(problem))
        return _render_form(errors, 400)
    return redirect(url_for("contribute.thanks"))


@bp.get("/thanks")
def thanks():
    """Thank the resident and say what happens next."""
    return render_template("contribute/thanks.html")


def _too_many():
    return render_template(
        "error.html", title=_("Please wait a little"), status=429,
        message=_("Many contributions have been sent from your connection in the last hour. "
                  "Thank you! Please try again in an hour, or bring the photos to your library.")), 429


@bp.errorhandler(413)
def _too_large(error):
    """A body over the site-wide upload limit: the same friendly words as for too large photos."""
    limit = current_app.config["HERITAGE_CONTRIBUTION_MAX_MB"]
    return render_template(
        "error.html", title=_("The photos are too large"), status=413,
        message=_("The photos are too large together: at most %(limit)d MB. Send fewer photos, "
                  "or smaller ones, at a time.", limit=limit)), 413
