"""OCR correction and transcription: the queue of pages, the page editor, the original text."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...errors import InvalidInput
from ...services import corrections, media_store
from ...services.corrections import EditConflict
from . import staff_view

bp = Blueprint("staff_ocr", __name__, url_prefix="/staff/ocr")

QUEUE_LENGTH = 50


@bp.get("/")
@staff_view("correct_text")
def index():
    """Pages that most need correction, pages to transcribe, and the latest corrections."""
    collection = request.args.get("collection") or None
    return render_template(
        "staff/ocr/index.html", collection=collection,
        collections=corrections.collections_with_pages(),
        to_correct=corrections.pages_to_correct(current_user, collection, limit=QUEUE_LENGTH),
        to_transcribe=corrections.pages_to_correct(current_user, collection, with_text=False,
                                                   limit=QUEUE_LENGTH),
        recent=corrections.recent_corrections(current_user),
        per_person=corrections.corrections_per_person())


@bp.get("/<int:item_id>/<int:sequence>")
@staff_view("correct_text")
def edit(item_id: int, sequence: int):
    """The page image beside its editable text."""
    item, page = corrections.page_for(item_id, sequence, current_user)
    return _editor(item, page, page.ocr_text)


@bp.post("/<int:item_id>/<int:sequence>")
@staff_view("correct_text")
def save(item_id: int, sequence: int):
    """Save the corrected text, or put the original OCR back (``action=revert``)."""
    text, version = request.form.get("text", ""), request.form.get("version", "")
    try:
        if request.form.get("action") == "revert":
            corrections.revert_to_original(item_id, sequence, version, current_user)
            flash(_("The original OCR text is back on page %(page)d.", page=sequence), "success")
        else:
            corrections.save_correction(item_id, sequence, text, version, current_user)
            flash(_("Page %(page)d saved. Thank you!", page=sequence), "success")
    except EditConflict as conflict:
        item, page = corrections.page_for(item_id, sequence, current_user)
        return _editor(item, page, text, conflict=conflict, status=409)
    except InvalidInput as error:
        item, page = corrections.page_for(item_id, sequence, current_user)
        return _editor(item, page, text, error=str(error), status=400)
    return redirect(_after_save(item_id, sequence))


def _after_save(item_id: int, sequence: int) -> str:
    """Where a save leads: the next page of the item when asked, else the same page."""
    if request.form.get("then") == "next":
        item, _page = corrections.page_for(item_id, sequence, current_user)
        later = [p.sequence for p in item.pages if p.sequence > sequence
                 and corrections.may_correct(current_user, item, p)]
        if later:
            return url_for(".edit", item_id=item_id, sequence=later[0])
        return url_for(".index")
    return url_for(".edit", item_id=item_id, sequence=sequence)


def _editor(item, page, text: str, *, conflict: EditConflict | None = None,
            error: str | None = None, status: int = 200):
    """The editor page; after a conflict it holds the person's text and the newer one."""
    pages = [p.sequence for p in item.pages if corrections.may_correct(current_user, item, p)]
    here = pages.index(page.sequence) if page.sequence in pages else 0
    return render_template(
        "staff/ocr/edit.html", item=item, page=page, text=text,
        version=corrections.text_version(page.ocr_text), conflict=conflict, error=error,
        corrector=corrections.corrector_of(page),
        previous=pages[here - 1] if here > 0 else None,
        following=pages[here + 1] if here + 1 < len(pages) else None), status


@bp.get("/<int:item_id>/<int:sequence>/original")
@staff_view("correct_text")
def original(item_id: int, sequence: int):
    """The machine's original reading beside the current text, with a way back to it."""
    item, page = corrections.page_for(item_id, sequence, current_user)
    return render_template("staff/ocr/original.html", item=item, page=page,
                           version=corrections.text_version(page.ocr_text),
                           corrector=corrections.corrector_of(page))


@bp.get("/<int:item_id>/<int:sequence>/image.jpg")
@staff_view("correct_text")
def image(item_id: int, sequence: int):
    """The page's web-size image for the editor, whatever the item's public access."""
    _item, page = corrections.page_for(item_id, sequence, current_user)
    response = send_file(media_store().open(page.image_key), mimetype="image/jpeg",
                         download_name=f"{item_id}-{sequence}.jpg", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # closed material stays off shared caches
    return response
