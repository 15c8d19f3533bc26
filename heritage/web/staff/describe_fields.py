"""The fields of the description form: label, help, example, widget, and problem messages.

Help and examples are English msgids, translated into Latvian and Lithuanian later; the
examples are drawn from Latvian local history so the form teaches by showing.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FieldSpec:
    """How one Dublin Core element is asked for on the form."""

    element: str
    label: object
    help: object
    example: str
    widget: str = "text"  # text, textarea, date, type, language
    repeatable: bool = True
    lang: bool = False  # whether each value carries a language tag
    suggest: str = ""  # the vocabulary offered while typing (persons, subjects, places)


FIELDS = (
    FieldSpec("title", _l("Title"), _l("What the item is, in the words of the item or your own. "
              "Add a second title row for the same title in another language."),
              "Ezerkalnes pamatskolas salidojums, 1962", lang=True),
    FieldSpec("alternative", _l("Other title"), _l("Another name the item is known by: a caption "
              "on the back, a headline's subtitle."), "Skolotāju kolektīvs pie skolas", lang=True),
    FieldSpec("creator", _l("Creator"), _l("Who made it: the photographer, author or artist. "
              "Surname first, then the given name. Choose from the list if the person is there."),
              "Ozols, Jānis", suggest="persons"),
    FieldSpec("contributor", _l("Contributor"), _l("Others who took part: an editor, a translator, "
              "the person who donated or explained the item."), "Bērziņa, Laura", suggest="persons"),
    FieldSpec("subject", _l("Subject"), _l("What the item is about: one topic, person or event "
              "per row. Prefer headings from the list."), "Skolas", lang=True, suggest="subjects"),
    FieldSpec("description", _l("Description"), _l("What a reader needs to know: who and what is "
              "shown, where, when and why it matters. Name people from left to right."),
              "Salidojuma dalībnieki pie skolas ieejas; pirmajā rindā skolotāja M. Kalniņa.",
              widget="textarea", lang=True),
    FieldSpec("publisher", _l("Publisher"), _l("Who published it: a newspaper's publisher, a "
              "printing house, a studio."), "Ezermalas apriņķa valde"),
    FieldSpec("date", _l("Date"), _l("When the item was made. Write it as you know it: an exact "
              "day, a year, \"ap. 1938\" (about), \"1938?\" (unsure), \"1930-tie gadi\" or a range "
              "\"1930/1935\". The standard form (EDTF) is shown beside it."),
              "1938. gada 5. maijs", widget="date", repeatable=False),
    FieldSpec("type", _l("Type"), _l("The kind of item, from the DCMI Type list: a photograph is "
              "Still image, a clipping or letter is Text."), "StillImage", widget="type",
              repeatable=False),
    FieldSpec("format", _l("Format"), _l("The physical or file format."), "fotogrāfija uz papīra"),
    FieldSpec("extent", _l("Size or extent"), _l("How big or how long: pages, centimetres, minutes."),
              "1 lp.; 9 × 13 cm"),
    FieldSpec("identifier", _l("Identifier"), _l("The library's inventory or shelf number."),
              "EZB-F-1962-014"),
    FieldSpec("source", _l("Source"), _l("Where the item comes from, when it is a copy or a part of "
              "something else kept elsewhere."), "Ezerkalnes skolas muzeja albums"),
    FieldSpec("language", _l("Language"), _l("The language of the item's text or speech. A "
              "photograph without text has none."), "lv", widget="language"),
    FieldSpec("relation", _l("Related item"), _l("Another item this one belongs with: the address "
              "or title of the related item."), "Salidojuma programma, 1962"),
    FieldSpec("coverage", _l("Place"), _l("Where it was made or what place it shows. Choose the "
              "village or parish from the list so it appears on the map."), "Ezerkalne",
              suggest="places"),
    FieldSpec("temporal", _l("Period"), _l("The time the item is about, when it differs from the "
              "date it was made: a period's name or a date."), "Otrais pasaules karš", lang=True),
    FieldSpec("rights", _l("Rights"), _l("Who may use it and how: a RightsStatements.org or Creative "
              "Commons address, or a sentence."), "http://rightsstatements.org/vocab/InC/1.0/",
              lang=True),
)

#: The newspaper clipping fieldset: the newspaper (isPartOf) and the issue's date (issued).
CLIPPING_FIELDS = (
    FieldSpec("isPartOf", _l("Newspaper or series"), _l("The newspaper, magazine, album or series "
              "the item is part of."), "Ezermalas Vēstis", repeatable=False),
    FieldSpec("issued", _l("Issue date"), _l("The date printed on the issue."), "1962. gada 3. jūnijs",
              widget="date", repeatable=False),
    FieldSpec("bibliographicCitation", _l("Citation"), _l("Leave empty for a clipping: the "
              "citation is written from the fields below. Type one only to replace it."),
              "Bērziņa, Laura. Skola svin jubileju. Ezermalas Vēstis. Nr. 92 (1962., 3. jūnijs), 2. lpp."),
)
#: Issue number and page, which are not elements of their own.
ISSUE_HELP = (_l("The number of the issue, as printed."), "92")
PAGE_HELP = (_l("The page the clipping is on, or a range."), "2")

ELEMENT_LABELS = {spec.element: spec.label for spec in FIELDS + CLIPPING_FIELDS}
ELEMENT_LABELS.update({"issue": _l("Issue number"), "page": _l("Page"),
                       "collection": _l("Collection"), "branch": _l("Branch")})

TYPE_NAMES = {"Collection": _l("Collection"), "Dataset": _l("Dataset"), "Event": _l("Event"),
              "Image": _l("Image"), "InteractiveResource": _l("Interactive resource"),
              "MovingImage": _l("Moving image (film, video)"), "PhysicalObject": _l("Physical object"),
              "Service": _l("Service"), "Software": _l("Software"),
              "Sound": _l("Sound (recording)"), "StillImage": _l("Still image (photograph, postcard, map)"),
              "Text": _l("Text (clipping, letter, book)")}
LANG_NAMES = {"lv": _l("Latvian"), "ltg": _l("Latgalian"), "lt": _l("Lithuanian"), "ru": _l("Russian"),
              "de": _l("German"), "pl": _l("Polish"), "en": _l("English")}
DATE_KINDS = {"year": _l("year"), "month": _l("month"), "day": _l("day"), "decade": _l("decade"),
              "century": _l("century"), "interval": _l("range"), "before": _l("before"),
              "after": _l("after"), "season": _l("season"), "approximate": _l("approximate"),
              "uncertain": _l("uncertain")}


def date_kind(key: str) -> str:
    """An EDTF explanation key ("approximate_year") in words ("year, approximate")."""
    words = [str(DATE_KINDS.get(part, part)) for part in key.split("_")]
    return ", ".join(words[-1:] + words[:-1])


def problem_message(problem) -> str:
    """A problem of the form in the interface language, naming the field and the value."""
    label = str(ELEMENT_LABELS.get(problem.element, problem.element))
    value, code = problem.value, problem.code
    if code == "title_missing":
        return _("%(field)s: write a title, for example “%(example)s”.", field=label,
                 example="Ezerkalnes pamatskolas salidojums, 1962")
    if code == "date_invalid":
        return _("%(field)s: “%(value)s” is not a date we can read. Write for example 1938, "
                 "1938-05-05, ap. 1938, 1938?, 1930-tie gadi or 1930/1935.", field=label, value=value)
    if code == "lang_unknown":
        return _("%(field)s: the language tag “%(value)s” is not known; choose one of %(choices)s.",
                 field=label, value=value, choices=problem.param("choices"))
    if code == "language_unknown":
        return _("%(field)s: “%(value)s” is not a language code we know; use one of %(choices)s.",
                 field=label, value=value, choices=problem.param("choices"))
    if code == "type_unknown":
        suggestion = problem.param("suggestion")
        if suggestion:
            return _("%(field)s: “%(value)s” is not a DCMI type; did you mean %(suggestion)s?",
                     field=label, value=value, suggestion=suggestion)
        return _("%(field)s: “%(value)s” is not a DCMI type; choose one of the list.",
                 field=label, value=value)
    if code == "rights_unknown":
        suggestion = problem.param("suggestion")
        if suggestion:
            return _("%(field)s: “%(value)s” is not the standard address; write %(suggestion)s.",
                     field=label, value=value, suggestion=suggestion)
        return _("%(field)s: “%(value)s” is not a RightsStatements.org or Creative Commons address "
                 "we know; write it as a sentence or check the address.", field=label, value=value)
    if code == "too_long":
        return _("%(field)s: the value has %(length)s characters; at most %(limit)s fit. "
                 "Shorten it or move details to the description.", field=label,
                 length=problem.param("length"), limit=problem.param("limit"))
    if code == "page_invalid":
        return _("%(field)s: “%(value)s” is not a page number; write for example 2 or 2–3.",
                 field=label, value=value)
    if code == "newspaper_missing":
        return _("%(field)s: an issue number or page needs the newspaper's name, for example "
                 "Ezermalas Vēstis.", field=label)
    if code == "collection_unknown":
        return _("%(field)s: choose one of the collections in the list.", field=label)
    if code == "branch_refused":
        return _("%(field)s: you may add items only to your own branch.", field=label)
    return _("%(field)s: “%(value)s” cannot be used.", field=label, value=value)
