"""The oral-history facts of a recorded item: interviewees, interviewers, language, release.

The people are person authorities (:class:`~heritage.models.Person`); the Dublin Core record
follows them (interviewees as ``creator``, interviewers as ``contributor``), so OAI-PMH, search
and citations see who spoke. The release decides whether the interview may be published at
all; a restriction such as "closed until 2040" is the item's access level (an embargo), so it
is enforced wherever every other access level is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..errors import InvalidInput, ItemNotFound
from ..extensions import db
from ..models import CONSENT_STATUSES, Interview, InterviewPerson, Item, ItemValue, Person, User
from . import audit
from .accounts import require_item
from .items import index_items
from .versions import save_version

#: Releases under which an interview must stay unpublished
UNPUBLISHABLE = ("pending", "refused", "withdrawn")
#: Languages of interviews (ISO 639), with the dialects staff are offered for each
LANGUAGES = {"lv": ("augšzemnieku", "lībiskais", "vidus"), "ltg": (),
             "lt": ("dzūkų", "aukštaičių", "žemaičių", "suvalkiečių"), "ru": (), "et": (),
             "de": (), "pl": (), "be": ()}


def release_allows_publishing(item: Item) -> bool:
    """Whether the item's release lets it be published (items without an interview: yes)."""
    return item.interview is None or item.interview.consent not in UNPUBLISHABLE


def start_interview(item: Item) -> Interview:
    """Give a newly ingested recording its interview, with the people its record names."""
    if item.interview is not None:
        return item.interview
    item.interview = Interview(consent="unknown")
    record = item.record
    for role, element in (("interviewee", "creator"), ("interviewer", "contributor")):
        for position, value in enumerate(record.get(element)):
            item.interview.people.append(
                InterviewPerson(person=authority(value.text), role=role, position=position))
    return item.interview


def authority(name: str, dates: str = "") -> Person:
    """The person authority of this name (or a variant of it), made (with ``dates``) when there is none."""
    wanted = " ".join(name.split())
    unsaved = [p for p in db.session.new if isinstance(p, Person) and p.name == wanted]
    if unsaved:
        return unsaved[0]
    with db.session.no_autoflush:  # the item being made is not in the session yet
        found = db.session.scalar(select(Person).where(Person.name == wanted))
        if found is None:
            for person in db.session.scalars(select(Person).where(Person.variants.contains(wanted))):
                if wanted in person.names:
                    return person
    if found is None:
        found = Person(name=wanted, dates=dates)
        db.session.add(found)
    return found


@dataclass
class InterviewForm:
    """What the workspace's interview form sends."""

    interviewees: list[str] = field(default_factory=list)
    interviewers: list[str] = field(default_factory=list)
    language: str = "lv"
    dialect: str = ""
    consent: str = "unknown"
    consent_date: str = ""
    consent_note: str = ""


@dataclass
class InterviewProblem:
    """One wrong field of the interview form, with what to do."""

    field: str
    message: str


def check_form(form: InterviewForm) -> list[InterviewProblem]:
    """Every problem of the form at once (empty: it can be saved)."""
    problems = []
    if not [n for n in form.interviewees if n.strip()]:
        problems.append(InterviewProblem("interviewees", "name at least one interviewee, "
                                                         "e.g. Ozola, Anna"))
    if form.language not in LANGUAGES:
        problems.append(InterviewProblem("language", f"language {form.language!r} is not one of "
                                                     f"{', '.join(LANGUAGES)}"))
    if form.consent not in CONSENT_STATUSES:
        problems.append(InterviewProblem("consent", f"release {form.consent!r} is not one of "
                                                    f"{', '.join(CONSENT_STATUSES)}"))
    if form.consent_date.strip():
        try:
            date.fromisoformat(form.consent_date.strip())
        except ValueError:
            problems.append(InterviewProblem("consent_date", f"{form.consent_date!r} is not a date: "
                                                             "write YYYY-MM-DD, e.g. 2024-06-14"))
    if form.consent in ("signed", "restricted") and not form.consent_date.strip():
        problems.append(InterviewProblem("consent_date", "give the day the release was signed"))
    if form.consent == "restricted" and not form.consent_note.strip():
        problems.append(InterviewProblem("consent_note", "say what the release restricts, e.g. "
                                                         "closed until 2040; no names of neighbours"))
    return problems


class InterviewInvalid(InvalidInput):
    """The interview form has problems; nothing was saved."""

    def __init__(self, problems: list[InterviewProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def save_interview(item_id: int, form: InterviewForm, by: User) -> Interview:
    """Save the interview's people, language and release; versioned, audited and re-indexed."""
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    require_item(by, item)
    return record_interview(item, form, by)


def record_interview(item: Item, form: InterviewForm, by: User | None) -> Interview:
    """:func:`save_interview` without the permission check, for heritage's own work (the demo)."""
    problems = check_form(form)
    if item.status == "published" and form.consent in UNPUBLISHABLE:
        problems.append(InterviewProblem(
            "consent", f"the interview is published: withdraw it before recording the release as "
                       f"{form.consent}"))
    if problems:
        raise InterviewInvalid(problems)
    save_version(item, by, "before editing the interview")
    interview = item.interview or Interview()
    item.interview = interview
    before = _summary(interview)
    _set_people(interview, form)
    interview.dialect = form.dialect.strip()
    interview.consent = form.consent
    interview.consent_date = date.fromisoformat(form.consent_date) if form.consent_date.strip() else None
    interview.consent_note = form.consent_note.strip()
    _sync_record(item, interview, form.language)
    audit.record_changes("item", item.id, {f"interview.{k}": (before[k], v)
                                           for k, v in _summary(interview).items()},
                         by=by, action="interview")
    db.session.commit()
    index_items([item])
    return interview


def _set_people(interview: Interview, form: InterviewForm) -> None:
    people = []
    for role, names in (("interviewee", form.interviewees), ("interviewer", form.interviewers)):
        cleaned = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
        people += [InterviewPerson(person=authority(name), role=role, position=i)
                   for i, name in enumerate(cleaned)]
    interview.people = people


def _sync_record(item: Item, interview: Interview, language: str) -> None:
    """The Dublin Core record names the interview's people and language."""
    wanted = {"creator": interview.names("interviewee"),
              "contributor": interview.names("interviewer"), "language": [language]}
    kept = [v for v in item.values if v.element not in wanted]
    fresh = [ItemValue(element=element, value=text, lang=None)
             for element, texts in wanted.items() for text in texts]
    for position, value in enumerate(kept + fresh):
        value.position = position
    item.values = kept + fresh
    for recording in item.recordings:
        recording.language = language


def _summary(interview: Interview) -> dict[str, str]:
    return {"interviewees": "; ".join(interview.names("interviewee")) if interview.people else "",
            "interviewers": "; ".join(interview.names("interviewer")) if interview.people else "",
            "dialect": interview.dialect or "", "consent": interview.consent or "",
            "consent_date": interview.consent_date.isoformat() if interview.consent_date else "",
            "consent_note": interview.consent_note or ""}


def form_from_item(item: Item) -> InterviewForm:
    """The form filled from the item's interview (or empty, for an item without one)."""
    interview = item.interview
    languages = [v.value for v in item.values if v.element == "language"]
    if interview is None:
        return InterviewForm(language=languages[0] if languages else "lv")
    return InterviewForm(interview.names("interviewee"), interview.names("interviewer"),
                         languages[0] if languages else "lv", interview.dialect,
                         interview.consent,
                         interview.consent_date.isoformat() if interview.consent_date else "",
                         interview.consent_note)
