"""Controlled vocabularies: person authority records, subject headings and the gazetteer.

Suggestions match what staff type against the start of a name (or of any word in it, so
"janis" finds "Bērziņš, Jānis"), ignoring case and diacritics, variants included. The
vocabularies are small (hundreds to a few thousand entries per archive), so they are
matched in Python after one query rather than with database-specific collations.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dublin_core.edtf import is_valid_date, suggest_edtf

from ..errors import InvalidInput
from ..extensions import db
from ..models import Item, ItemValue, Person, Place, Subject, User
from ..search.analyzers import fold
from . import audit
from .accounts import require

KINDS = ("persons", "subjects", "places")
SUBJECT_LANGS = ("lv", "lt", "ru", "en", "ltg", "de", "pl")
#: Elements whose values name a person of the authority file.
PERSON_ELEMENTS = ("creator", "contributor", "subject")
MAX_NAME = 300


@dataclass(frozen=True)
class Suggestion:
    """One entry offered while typing: the value to put in the field, and how it is shown."""

    value: str
    label: str
    id: int
    matched: str = ""  # the variant that matched, when it was not the name itself

    def to_dict(self) -> dict:
        """The JSON shape the combobox reads."""
        return {"value": self.value, "label": self.label, "id": self.id, "matched": self.matched}


def _starts(names: list[str], wanted: str) -> str | None:
    """The first of ``names`` whose folded text, or one of its words, starts with ``wanted``."""
    for name in names:
        folded = fold(name)
        if folded.startswith(wanted) or any(word.startswith(wanted)
                                            for word in folded.replace(",", " ").split()):
            return name
    return None


def suggest(kind: str, query: str, limit: int = 10) -> list[Suggestion]:
    """Entries of vocabulary ``kind`` (persons, subjects, places) matching ``query`` by prefix."""
    if kind not in KINDS:
        raise InvalidInput(f"vocabulary {kind!r} is not one of {', '.join(KINDS)}")
    wanted = " ".join(fold(query).split())
    if not wanted:
        return []
    found = []
    for entry, names, value, label in _entries(kind):
        matched = _starts(names, wanted)
        if matched is not None:
            exact = fold(value).startswith(wanted)
            found.append((not exact, fold(value), Suggestion(
                value, label, entry.id, "" if matched == value else matched)))
    found.sort(key=lambda row: row[:2])
    return [row[2] for row in found[:limit]]


def _entries(kind: str):
    """(entry, names to match, value, label) for every entry of a vocabulary."""
    if kind == "persons":
        for person in db.session.scalars(select(Person).order_by(Person.name)):
            label = f"{person.name} ({person.dates})" if person.dates else person.name
            yield person, person.names, person.name, label
    elif kind == "subjects":
        for subject in db.session.scalars(select(Subject).order_by(Subject.term)):
            names = [subject.term, *_lines(subject.variants)]
            yield subject, names, subject.term, f"{subject.term} [{subject.lang}]"
    else:
        for place in db.session.scalars(select(Place).order_by(Place.name)):
            parent = f", {place.parent.name}" if place.parent else ""
            yield place, place.names, place.name, f"{place.name} ({place.kind}{parent})"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def known_names(kind: str) -> set[str]:
    """The folded names and variants of every entry of a vocabulary."""
    return {fold(name) for _entry, names, _value, _label in _entries(kind) for name in names}


def unknown_values(values: list[str], kind: str) -> list[str]:
    """Those of ``values`` that no entry of vocabulary ``kind`` names (once each, in order)."""
    known = known_names(kind)
    return list(dict.fromkeys(v for v in values if v.strip() and fold(v.strip()) not in known))


# --- persons ------------------------------------------------------------------------------

def persons(query: str = "") -> list[Person]:
    """Every person (or those matching ``query`` by prefix), by name."""
    if query.strip():
        ids = [s.id for s in suggest("persons", query, limit=10_000)]
        return [db.session.get(Person, i) for i in ids]
    return list(db.session.scalars(select(Person).order_by(Person.name)))


def get_person(person_id: int) -> Person:
    """The person with this id, or :class:`InvalidInput`."""
    person = db.session.get(Person, person_id)
    if person is None:
        raise InvalidInput(f"no person #{person_id}")
    return person


def _person_fields(name: str, dates: str, variants: str, note: str) -> dict[str, str]:
    """Checked and tidied person fields; life dates as typed are read into EDTF."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("name: write the name as catalogued, e.g. Bērziņš, Jānis")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"name: at most {MAX_NAME} characters")
    dates = dates.strip()
    if dates and not is_valid_date(dates):
        suggestion = suggest_edtf(dates)
        if suggestion is None:
            raise InvalidInput(f"dates: {dates!r} is not a date we can read; write e.g. 1901/1978")
        dates = suggestion.edtf
    return {"name": name, "dates": dates, "variants": "\n".join(_lines(variants)),
            "note": note.strip()}


def create_person(name: str, by: User, dates: str = "", variants: str = "", note: str = "") -> Person:
    """Add a person authority record."""
    require(by, "vocabularies")
    fields = _person_fields(name, dates, variants, note)
    person = Person(**fields)
    db.session.add(person)
    db.session.flush()
    audit.record_changes("person", person.id, {k: ("", v) for k, v in fields.items()}, by=by,
                         action="create")
    db.session.commit()
    return person


def update_person(person_id: int, by: User, *, name: str, dates: str = "", variants: str = "",
                  note: str = "") -> Person:
    """Change a person's name, life dates, variants or note (items keep their own text)."""
    require(by, "vocabularies")
    person = get_person(person_id)
    fields = _person_fields(name, dates, variants, note)
    audit.record_changes("person", person.id,
                         {k: (getattr(person, k), v) for k, v in fields.items()}, by=by)
    for key, value in fields.items():
        setattr(person, key, value)
    db.session.commit()
    return person


def merge_persons(keep_id: int, drop_id: int, by: User) -> tuple[Person, list[Item]]:
    """Fold a duplicate person into another: its names become variants, items name the kept one.

    Returns the kept person and the items whose values changed (the caller re-indexes them).
    """
    require(by, "vocabularies")
    if keep_id == drop_id:
        raise InvalidInput("merge: choose another person to merge into")
    keep, drop = get_person(keep_id), get_person(drop_id)
    folded = {fold(n) for n in drop.names}
    values = db.session.scalars(select(ItemValue).where(ItemValue.element.in_(PERSON_ELEMENTS))).all()
    changed = [v for v in values if fold(v.value.strip()) in folded and v.value != keep.name]
    for value in changed:
        audit.record("merge", "item", value.item_id, by=by, field=value.element,
                     old=value.value, new=keep.name)
        value.value = keep.name
    names = [n for n in keep.names[1:] + drop.names if fold(n) != fold(keep.name)]
    audit.record("merge", "person", keep.id, by=by, field="variants", old=keep.variants,
                 new="\n".join(dict.fromkeys(names)))
    keep.variants = "\n".join(dict.fromkeys(names))
    if drop.note and drop.note not in keep.note:
        keep.note = "\n".join(part for part in (keep.note, drop.note) if part)
    audit.record("delete", "person", drop.id, by=by, field="name", old=drop.name,
                 new=f"merged into #{keep.id}")
    db.session.delete(drop)
    db.session.commit()
    items = list({v.item_id: v.item for v in changed}.values())
    if items:
        from .items import index_items  # late: items is a heavier module than this one
        index_items(items)
    return keep, items


# --- subjects -----------------------------------------------------------------------------

def subjects(query: str = "") -> list[Subject]:
    """Every subject heading (or those matching ``query`` by prefix), by term."""
    if query.strip():
        return [db.session.get(Subject, s.id) for s in suggest("subjects", query, limit=10_000)]
    return list(db.session.scalars(select(Subject).order_by(Subject.term, Subject.lang)))


def get_subject(subject_id: int) -> Subject:
    """The subject heading with this id, or :class:`InvalidInput`."""
    subject = db.session.get(Subject, subject_id)
    if subject is None:
        raise InvalidInput(f"no subject #{subject_id}")
    return subject


def _subject_fields(term: str, lang: str, variants: str, scope_note: str,
                    subject_id: int | None = None) -> dict[str, str]:
    """Checked and tidied subject fields; a term is unique within its language."""
    term = " ".join(term.split())
    if not term:
        raise InvalidInput("term: write the heading, e.g. Skolas")
    if len(term) > MAX_NAME:
        raise InvalidInput(f"term: at most {MAX_NAME} characters")
    if lang not in SUBJECT_LANGS:
        raise InvalidInput(f"language: {lang!r} is not one of {', '.join(SUBJECT_LANGS)}")
    taken = db.session.scalar(select(Subject).where(Subject.term == term, Subject.lang == lang))
    if taken is not None and taken.id != subject_id:
        raise InvalidInput(f"term: {term!r} [{lang}] is already in the vocabulary")
    return {"term": term, "lang": lang, "variants": "\n".join(_lines(variants)),
            "scope_note": scope_note.strip()}


def create_subject(term: str, by: User, lang: str = "lv", variants: str = "",
                   scope_note: str = "") -> Subject:
    """Add a subject heading."""
    require(by, "vocabularies")
    fields = _subject_fields(term, lang, variants, scope_note)
    subject = Subject(**fields)
    db.session.add(subject)
    db.session.flush()
    audit.record_changes("subject", subject.id, {k: ("", v) for k, v in fields.items()}, by=by,
                         action="create")
    db.session.commit()
    return subject


def update_subject(subject_id: int, by: User, *, term: str, lang: str = "lv", variants: str = "",
                   scope_note: str = "") -> Subject:
    """Change a subject heading's term, language, variants or scope note."""
    require(by, "vocabularies")
    subject = get_subject(subject_id)
    fields = _subject_fields(term, lang, variants, scope_note, subject.id)
    audit.record_changes("subject", subject.id,
                         {k: (getattr(subject, k), v) for k, v in fields.items()}, by=by)
    for key, value in fields.items():
        setattr(subject, key, value)
    db.session.commit()
    return subject


def places() -> list[Place]:
    """The gazetteer, by name (the places service seeds and imports it)."""
    return list(db.session.scalars(select(Place).order_by(Place.name)))
