"""Uploading scans from the browser: the form, chunked sessions, and the job's progress page."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import BuildError

from ...errors import InvalidInput
from ...services import jobs, uploads
from . import staff_view

bp = Blueprint("staff_uploads", __name__, url_prefix="/staff/uploads")

#: The OCR languages offered (Tesseract names); any installed combination is accepted.
LANGUAGES = [("lav", "Latviešu"), ("lit", "Lietuvių"), ("rus", "Русский"), ("eng", "English"),
             ("lav+rus", "Latviešu + Русский"), ("lit+rus", "Lietuvių + Русский"),
             ("lav+eng", "Latviešu + English"), ("Fraktur", "Fraktur (lv, < 1940)")]
CHUNK_BYTES = 4 * 1024 * 1024  # what the page's script sends per request
STATUS_NAMES = {"queued": _l("waiting"), "running": _l("running"), "done": _l("finished"),
                "failed": _l("failed"), "cancelled": _l("cancelled")}
#: Which field an error message is about (its first words), to mark the field invalid.
ERROR_FIELDS = (("collection slug", "new_slug"), ("collection title", "new_title"),
                ("collection", "collection"), ("no collection", "collection"), ("files", "files"))


def _error_field(error: str | None) -> str | None:
    if not error:
        return None
    if "tesseract" in error.lower() or "language" in error.lower():
        return "lang"
    return next((name for start, name in ERROR_FIELDS if error.startswith(start)), "files")


def _item_url(item_id: int) -> str:
    """The staff page of an item (the public one while the staff items area is missing)."""
    try:
        return url_for("staff_items.show", item_id=item_id)
    except BuildError:
        return url_for("public.item", item_id=item_id)


@bp.context_processor
def _helpers() -> dict:
    return {"status_names": STATUS_NAMES, "item_url": _item_url}


def _form_page(error: str | None = None, status: int = 200, form=None):
    form = request.form if form is None else form
    return render_template("staff/uploads/new.html", form=form, error=error,
                           error_field=_error_field(error),
                           collections=uploads.collection_choices(), languages=LANGUAGES,
                           jobs=jobs.recent_jobs(current_user, limit=20),
                           max_mb=uploads.max_bytes() // 2**20, chunk_bytes=CHUNK_BYTES), status


@bp.route("/new", methods=["GET", "POST"])
@staff_view("upload")
def new():
    """The upload form; a sent form queues the ingest job and goes to its progress page."""
    if request.method == "GET":
        return _form_page()
    form = request.form
    files = [(f.filename, f.stream) for f in request.files.getlist("files") if f.filename]
    try:
        job = uploads.start_upload(files, by=current_user, collection=form.get("collection", ""),
                                   new_slug=form.get("new_slug", ""),
                                   new_title=form.get("new_title", ""), lang=form.get("lang", ""),
                                   sessions=form.getlist("session"))
    except InvalidInput as problem:
        return _form_page(str(problem), 400)
    return redirect(url_for(".job", job_id=job.id), 303)


@bp.route("/<int:job_id>")
@staff_view("upload")
def job(job_id: int):
    """A job's progress bar, and its per-file report when it has finished."""
    found = jobs.get_job(job_id, current_user)
    if found is None:
        return _missing()
    jobs.wake()  # a job queued again after a restart starts with the first look at it
    return render_template("staff/uploads/job.html", job=found, state=jobs.job_state(found))


@bp.route("/<int:job_id>.json")
@staff_view("upload")
def job_json(job_id: int):
    """The job's progress for the page's script: status, done, total, and the report at the end."""
    found = jobs.get_job(job_id, current_user)
    if found is None:
        return {"error": "no such job"}, 404
    return jobs.job_state(found)


@bp.route("/sessions", methods=["POST"])
@staff_view("upload")
def open_session():
    """Start a chunked upload of one file: JSON {name, size} in, {id, offset, …} out."""
    given = request.get_json(silent=True) or {}
    try:
        state = uploads.open_session(str(given.get("name", "")), int(given.get("size", -1)),
                                     current_user)
    except (InvalidInput, ValueError, TypeError) as problem:
        return {"error": str(problem)}, 400
    return state, 201, {"Upload-Offset": str(state["offset"])}


@bp.route("/sessions/<token>", methods=["GET", "HEAD"])
@staff_view("upload")
def session_state(token: str):
    """How many bytes of a chunked upload have arrived (also in the Upload-Offset header)."""
    try:
        state = uploads.session_state(token, current_user)
    except InvalidInput as problem:
        return {"error": str(problem)}, 404
    return state, 200, {"Upload-Offset": str(state["offset"]), "Cache-Control": "no-store"}


@bp.route("/sessions/<token>", methods=["PATCH", "PUT"])
@staff_view("upload")
def append_chunk(token: str):
    """Add a chunk that starts at the Upload-Offset header; 409 with the right offset if not."""
    try:
        offset = int(request.headers.get("Upload-Offset", ""))
        state = uploads.append_chunk(token, offset, request.stream, current_user)
    except uploads.ChunkOffsetMismatch as problem:
        return {"error": str(problem), "offset": problem.offset}, 409, \
            {"Upload-Offset": str(problem.offset)}
    except ValueError:
        return {"error": "Upload-Offset: give the byte offset the chunk starts at"}, 400
    except InvalidInput as problem:
        return {"error": str(problem)}, 400
    return state, 200, {"Upload-Offset": str(state["offset"])}


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A friendly page (or JSON for the script) when an upload passes HERITAGE_UPLOAD_MAX_MB."""
    message = _("The upload is larger than %(mb)d MB. Send fewer files at a time, or zip "
                "smaller folders.", mb=uploads.max_bytes() // 2**20)
    if request.endpoint in ("staff_uploads.append_chunk", "staff_uploads.open_session"):
        return {"error": message}, 413
    if not current_user.is_authenticated:
        return redirect(url_for("staff.login"))
    return _form_page(message, 413, form={})  # the form itself was too large to read


def _missing():
    return render_template("error.html", title=_("Page not found"),
                           message=_("There is no such upload."), status=404), 404
