"""Recordings in the workspace: an item's recordings and interview, the transcript and index editors.

The transcript is transcription work ("correct_text", which volunteers do); the interview and
the index are cataloguing ("describe"). The services check the branch and item rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...errors import InvalidInput
from ...ingest import transcripts
from ...ingest.segment_index import CSV_COLUMNS
from ...ingest.speech import SpeechUnavailable
from ...ingest.timing import clock
from ...models import CONSENT_STATUSES
from ...services import interviews, recordings, workflow
from ...services.interviews import InterviewForm, InterviewInvalid
from ...services.recordings import TranscriptInvalid
from ..public import _send
from . import staff_view
from .messages import explain

bp = Blueprint("staff_recordings", __name__, url_prefix="/staff/items")

EMPTY_TRANSCRIPT = "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n"
#: What each release status means, for the overview and the form's help.
CONSENT_LABELS = {"unknown": _l("Not known yet"), "pending": _l("Asked for, not yet signed"),
                  "signed": _l("Signed"), "restricted": _l("Signed, with restrictions"),
                  "refused": _l("Refused"), "withdrawn": _l("Withdrawn")}
CONSENT_HELP = {
    "unknown": _l("Nobody has recorded the release yet. The interview may be published; record "
                  "the release as soon as you know it."),
    "pending": _l("The release form has been given but not signed. The interview cannot be "
                  "published until it is signed."),
    "signed": _l("The interviewee agreed to publication. The interview may be published."),
    "restricted": _l("Signed with conditions (for example, closed until 2040). Say what they are in "
                     "the note and set the item's access to carry them out (an embargo until a "
                     "date)."),
    "refused": _l("The interviewee did not agree. The interview stays in the archive for staff "
                  "only and cannot be published."),
    "withdrawn": _l("The interviewee took the agreement back. The interview cannot be published; "
                    "withdraw it if it is published."),
}
FIELD_LABELS = {"interviewees": _l("Interviewees"), "interviewers": _l("Interviewers"),
                "language": _l("Language"), "dialect": _l("Dialect"), "consent": _l("Release"),
                "consent_date": _l("Day the release was signed"), "consent_note": _l("Release note")}
KIND_LABELS = {"audio": _l("Sound"), "video": _l("Video")}
SOURCE_LABELS = {"import": _l("imported from a file"), "manual": _l("typed in the workspace"),
                 "speech": _l("speech-to-text, to be checked")}


@bp.context_processor
def _labels() -> dict:
    return {"consent_labels": CONSENT_LABELS, "consent_help": CONSENT_HELP,
            "field_labels": FIELD_LABELS, "kind_labels": KIND_LABELS,
            "source_labels": SOURCE_LABELS, "clock": clock}


# --- the overview --------------------------------------------------------------------------------

@bp.get("/<int:item_id>/recording")
@staff_view("describe")
def overview(item_id: int):
    """The item's recordings, its interview and release, and the ways to transcribe and index it."""
    item = workflow.staff_item(item_id, current_user)
    speech, speech_problem = None, None
    try:
        speech = recordings.speech_backend()
    except SpeechUnavailable as problem:
        speech_problem = str(problem)
    return render_template("staff/recordings/overview.html", item=item,
                           recordings=recordings.item_recordings(item.id),
                           copies=recordings.access_copies, speech=speech,
                           speech_problem=speech_problem)


@bp.post("/<int:item_id>/recordings/<int:recording_id>/transcribe")
@staff_view("describe")
def transcribe(item_id: int, recording_id: int):
    """Start speech-to-text of one recording as a background job."""
    try:
        job = recordings.start_transcription(item_id, recording_id, current_user)
    except InvalidInput as problem:
        flash(explain(problem), "error")
    else:
        flash(_("Speech-to-text has started (job #%(id)d). The transcript appears here when it "
                "is done; correct it in the transcript editor.", id=job.id), "success")
    return redirect(url_for(".overview", item_id=item_id))


@bp.get("/<int:item_id>/recordings/<int:recording_id>/copies/<int:number>")
@staff_view("correct_text")
def copy(item_id: int, recording_id: int, number: int):
    """An access copy for the workspace player, closed or not; Range requests get 206."""
    response = _send(recordings.staff_access_copy(item_id, recording_id, number, current_user))
    response.headers["Cache-Control"] = "private, no-store"  # closed material stays off shared caches
    return response


# --- the interview -------------------------------------------------------------------------------

@bp.route("/<int:item_id>/interview", methods=["GET", "POST"])
@staff_view("describe")
def interview(item_id: int):
    """The interview form: its people, language and dialect, and the release."""
    item = workflow.staff_item(item_id, current_user)
    form, problems = interviews.form_from_item(item), []
    if request.method == "POST":
        form = _interview_form()
        try:
            interviews.save_interview(item.id, form, current_user)
        except InterviewInvalid as invalid:
            problems = invalid.problems
        else:
            flash(_("The interview is saved."), "success")
            return redirect(url_for(".overview", item_id=item.id))
    return render_template("staff/recordings/interview.html", item=item, form=form,
                           problems={p.field: p.message for p in problems},
                           languages=interviews.LANGUAGES, statuses=CONSENT_STATUSES), \
        422 if problems else 200


def _interview_form() -> InterviewForm:
    """The form as sent: one name a line (and any repeated inputs)."""
    def names(field: str) -> list[str]:
        return [line.strip() for value in request.form.getlist(field)
                for line in value.splitlines() if line.strip()]
    get = request.form.get
    return InterviewForm(names("interviewees"), names("interviewers"), get("language", "lv"),
                         get("dialect", ""), get("consent", "unknown"), get("consent_date", ""),
                         get("consent_note", ""))


# --- the transcript and the index ------------------------------------------------------------------

@dataclass(frozen=True)
class _Editor:
    """One of the two text editors of a recording: what it shows, saves and imports."""

    endpoint: str
    template: str
    index: bool  # the index is cataloguing; the transcript is transcription
    text_of: Callable
    save: Callable
    import_file: Callable
    saved: str
    extra: Callable


def _transcript_text(recording) -> str:
    return (transcripts.write_webvtt(recordings.cue_entries(recording)) if recording.cues
            else EMPTY_TRANSCRIPT)


TRANSCRIPT = _Editor(".transcript", "staff/recordings/transcript.html", False, _transcript_text,
                     recordings.save_transcript_text, recordings.import_transcript,
                     _l("The transcript is saved."),
                     lambda recording: {"copies": recordings.access_copies(recording)})
INDEX = _Editor(".index", "staff/recordings/index.html", True,
                lambda recording: transcripts.write_index_csv(recordings.segment_entries(recording)),
                recordings.save_index_csv, recordings.import_index, _l("The index is saved."),
                lambda recording: {"columns": CSV_COLUMNS})


@bp.route("/<int:item_id>/recordings/<int:recording_id>/transcript", methods=["GET", "POST"])
@staff_view("correct_text")
def transcript(item_id: int, recording_id: int):
    """The transcript as WebVTT beside the player; save the text or import a file."""
    return _edit(TRANSCRIPT, item_id, recording_id)


@bp.route("/<int:item_id>/recordings/<int:recording_id>/index", methods=["GET", "POST"])
@staff_view("describe")
def index(item_id: int, recording_id: int):
    """The index as CSV (one segment a row); save the text or import CSV or OHMS XML."""
    return _edit(INDEX, item_id, recording_id)


def _edit(editor: _Editor, item_id: int, recording_id: int):
    recording = recordings.staff_recording(item_id, recording_id, current_user, index=editor.index)
    text = editor.text_of(recording)
    if request.method == "GET":
        return _page(editor, recording, text)
    if request.form.get("action") == "import":
        return _import(editor, recording, text)
    text = request.form.get("text", "")
    try:
        editor.save(item_id, recording_id, text, current_user)
    except TranscriptInvalid as invalid:
        return _page(editor, recording, text, problems=invalid.problems, status=422)
    flash(str(editor.saved), "success")
    return redirect(url_for(editor.endpoint, item_id=item_id, recording_id=recording_id))


def _page(editor: _Editor, recording, text: str, *, problems=(), imported=(), status: int = 200):
    return render_template(editor.template, item=recording.item, recording=recording, text=text,
                           problems=problems, imported=imported, **editor.extra(recording)), status


def _import(editor: _Editor, recording, text: str):
    """Import an uploaded file with the editor's service; the problems are listed on its page."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(editor, recording, text, imported=[_("Choose a file to import.")], status=400)
    data = upload.read(recordings.MAX_TRANSCRIPT_BYTES + 1)
    try:
        problems = editor.import_file(recording.item_id, recording.id, upload.filename, data,
                                      current_user, keep_good=request.form.get("keep_good") == "1")
    except TranscriptInvalid as invalid:
        return _page(editor, recording, text, imported=[str(p) for p in invalid.problems],
                     status=422)
    except InvalidInput as problem:
        return _page(editor, recording, text, imported=[explain(problem)], status=400)
    if problems:
        flash(_("%(name)s is imported without the lines named below.", name=upload.filename),
              "success")
        fresh = recordings.get_recording(recording.item_id, recording.id)
        return _page(editor, fresh, editor.text_of(fresh), imported=[str(p) for p in problems])
    flash(_("%(name)s is imported.", name=upload.filename), "success")
    return redirect(url_for(editor.endpoint, item_id=recording.item_id, recording_id=recording.id))
