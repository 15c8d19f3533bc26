"""Controlled vocabularies: persons, subjects and places, and suggestions while typing."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...errors import InvalidInput
from ...services import vocabularies
from . import staff_view
from .describe_fields import LANG_NAMES

bp = Blueprint("staff_vocabularies", __name__, url_prefix="/staff/vocabularies")


@bp.route("/")
@staff_view("vocabularies")
def index():
    """The vocabularies and how many entries each has."""
    return render_template("staff/vocabularies/index.html",
                           counts={"persons": len(vocabularies.persons()),
                                   "subjects": len(vocabularies.subjects()),
                                   "places": len(vocabularies.places())})


@bp.route("/suggest/<kind>")
@staff_view("describe")
def suggest(kind: str):
    """Entries of a vocabulary matching ``?q=`` by prefix, ignoring case and diacritics (JSON)."""
    if kind not in vocabularies.KINDS:
        return {"error": f"no vocabulary {kind!r}; use one of {', '.join(vocabularies.KINDS)}"}, 404
    query = request.args.get("q", "")[:200]
    return {"kind": kind, "query": query,
            "suggestions": [s.to_dict() for s in vocabularies.suggest(kind, query)]}


@bp.route("/persons")
@staff_view("vocabularies")
def persons():
    """Every person authority record (or those a search finds)."""
    query = request.args.get("q", "")
    return render_template("staff/vocabularies/persons.html", persons=vocabularies.persons(query),
                           query=query)


@bp.route("/persons/new", methods=["GET", "POST"])
@staff_view("vocabularies")
def new_person():
    """Add a person (the description form links here with ``?name=``)."""
    return _person_form(None)


@bp.route("/persons/<int:person_id>", methods=["GET", "POST"])
@staff_view("vocabularies")
def edit_person(person_id: int):
    """Change a person's record."""
    try:
        person = vocabularies.get_person(person_id)
    except InvalidInput:
        return _not_found()
    return _person_form(person)


def _person_form(person):
    form, error = request.form, None
    if request.method == "POST":
        fields = {key: form.get(key, "") for key in ("name", "dates", "variants", "note")}
        try:
            if person is None:
                vocabularies.create_person(by=current_user, **fields)
            else:
                vocabularies.update_person(person.id, current_user, **fields)
        except InvalidInput as problem:
            error = _vocabulary_message(problem)
        else:
            flash(_("The person %(name)s is saved.", name=fields["name"].strip()), "success")
            return redirect(url_for("staff_vocabularies.persons"))
    others = [p for p in vocabularies.persons() if person is None or p.id != person.id]
    return render_template("staff/vocabularies/person_form.html", person=person, form=form,
                           error=error, prefill=request.args.get("name", ""),
                           others=others if person else []), 400 if error else 200


@bp.route("/persons/<int:person_id>/merge", methods=["POST"])
@staff_view("vocabularies")
def merge_person(person_id: int):
    """Fold this duplicate person into the one chosen; items are changed to name that one."""
    try:
        keep, items = vocabularies.merge_persons(int(request.form.get("into") or 0), person_id,
                                                 current_user)
    except (InvalidInput, ValueError):
        flash(_("Choose the person to merge this one into."), "error")
        return redirect(url_for("staff_vocabularies.persons"))
    flash(_("Merged into %(name)s; %(count)d items changed.", name=keep.name, count=len(items)),
          "success")
    return redirect(url_for("staff_vocabularies.edit_person", person_id=keep.id))


@bp.route("/subjects")
@staff_view("vocabularies")
def subjects():
    """Every subject heading (or those a search finds)."""
    query = request.args.get("q", "")
    return render_template("staff/vocabularies/subjects.html",
                           subjects=vocabularies.subjects(query), query=query)


@bp.route("/subjects/new", methods=["GET", "POST"])
@staff_view("vocabularies")
def new_subject():
    """Add a subject heading (the description form links here with ``?term=``)."""
    return _subject_form(None)


@bp.route("/subjects/<int:subject_id>", methods=["GET", "POST"])
@staff_view("vocabularies")
def edit_subject(subject_id: int):
    """Change a subject heading."""
    try:
        subject = vocabularies.get_subject(subject_id)
    except InvalidInput:
        return _not_found()
    return _subject_form(subject)


def _subject_form(subject):
    form, error = request.form, None
    if request.method == "POST":
        fields = {key: form.get(key, "") for key in ("term", "lang", "variants", "scope_note")}
        try:
            if subject is None:
                vocabularies.create_subject(by=current_user, **fields)
            else:
                vocabularies.update_subject(subject.id, current_user, **fields)
        except InvalidInput as problem:
            error = _vocabulary_message(problem)
        else:
            flash(_("The subject %(term)s is saved.", term=fields["term"].strip()), "success")
            return redirect(url_for("staff_vocabularies.subjects"))
    return render_template("staff/vocabularies/subject_form.html", subject=subject, form=form,
                           error=error, prefill=request.args.get("term", ""),
                           lang_names=LANG_NAMES), 400 if error else 200


@bp.route("/places")
@staff_view("vocabularies")
def places():
    """The gazetteer: novads, pagasts and ciems with their variants."""
    return render_template("staff/vocabularies/places.html", places=vocabularies.places())


def _not_found():
    return render_template("error.html", title=_("Page not found"),
                           message=_("There is no such entry."), status=404), 404


def _vocabulary_message(problem: InvalidInput) -> str:
    """The service's reason, in the interface language, by the field it names."""
    text = str(problem)
    known = {
        "name:": _("Name: write the name as catalogued, surname first, for example "
                   "Bērziņš, Jānis (at most 300 characters)."),
        "dates:": _("Life dates: “%(value)s” is not a date we can read; write for example "
                    "1901/1978, 1901/.. or ap. 1901.", value=request.form.get("dates", "")),
        "term:": _("Term: write the heading, for example Skolas; the same term in the same "
                   "language may be there only once (at most 300 characters)."),
        "language:": _("Language: choose one of the languages in the list."),
    }
    return next((message for prefix, message in known.items() if text.startswith(prefix)), text)
