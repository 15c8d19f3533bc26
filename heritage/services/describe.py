"""Describing items by hand: the description form read into a Dublin Core record and back.

The form holds what staff typed (:class:`DescriptionForm`); :func:`check` reads it into a
:class:`dublin_core.Record`, normalising dates to EDTF and language names to codes, and
reports every problem at once as :class:`FieldProblem` codes the web layer words in the
interface language. A newspaper clipping's newspaper, issue, date and page are stored the
way :mod:`dublin_core.cite` and the newspapers pages read them: ``isPartOf`` (the
newspaper), ``issued`` (the issue's date), ``source`` ("Ezermalas Vēstis. Nr. 92, 9. lpp.")
and a generated ``bibliographicCitation``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Mapping, Sequence

from sqlalchemy import select

from dublin_core import Record, Value, citation_from_record, is_valid_date, suggest_edtf
from dublin_core.cite import _ISSUE, _PAGE
from dublin_core.edtf import explanation_key
from dublin_core.validate import CHECKS
from dublin_core.vocab import DCMI_TYPES, LANGUAGES

from ..errors import InvalidInput, ItemNotFound
from ..extensions import db
from ..models import Branch, Collection, Item, User
from . import audit
from .accounts import may, require, require_item
from .vocabularies import unknown_values

#: The elements the form shows, in the order it shows them.
FORM_ELEMENTS = ("title", "alternative", "creator", "contributor", "subject", "description",
                 "publisher", "date", "type", "format", "extent", "identifier", "source",
                 "language", "relation", "coverage", "temporal", "rights", "isPartOf", "issued",
                 "bibliographicCitation")
#: Elements whose values must be dates (typed forms are read into EDTF).
DATE_ELEMENTS = ("date", "issued")
#: Language tags a value may carry.
LANG_TAGS = tuple(LANGUAGES)
#: The longest value each element takes; others take :data:`DEFAULT_MAX`.
MAX_LENGTH = {"title": 500, "alternative": 500, "description": 20_000}
DEFAULT_MAX = 1_000
_PAGE_FORM = re.compile(r"\d+(?:\s*[–-]\s*\d+)?")


class DescriptionInvalid(InvalidInput):
    """The description form has problems; ``problems`` lists each, ``checked`` what was read."""

    def __init__(self, problems: list["FieldProblem"], checked: "Checked"):
        super().__init__("; ".join(f"{p.element}: {p.code} {p.value!r}" for p in problems))
        self.problems, self.checked = problems, checked


@dataclass
class Entry:
    """One value as typed, with its language tag ("" for none)."""

    text: str
    lang: str = ""


@dataclass
class DescriptionForm:
    """What the form holds: values by element, the clipping's issue and page, where it goes."""

    values: dict[str, list[Entry]] = field(default_factory=dict)
    issue: str = ""
    page: str = ""
    collection: str = ""
    branch: str = ""
    kept: list[tuple[str, Value]] = field(default_factory=list)  # elements the form does not show

    def entries(self, element: str) -> list[Entry]:
        """The values of ``element`` (empty list if none)."""
        return self.values.get(element, [])


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one field: its HTML id, element, code, the value and details."""

    field: str
    element: str
    code: str
    value: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        """A detail of the problem (e.g. ``suggestion``), or ""."""
        return dict(self.params).get(name, "")


@dataclass
class Checked:
    """The form read: its record, its problems, the EDTF of each date field, the citation."""

    record: Record
    problems: list[FieldProblem]
    dates: dict[str, tuple[str, str]]  # field id -> (EDTF, explanation key)
    citation: str | None


def form_from_mapping(data: Mapping[str, Sequence[str]]) -> DescriptionForm:
    """Read submitted fields (name -> list of values, as a form sends them) into a form."""
    form = DescriptionForm()
    for element in FORM_ELEMENTS:
        texts, langs = list(data.get(element, ())), list(data.get(f"{element}.lang", ()))
        entries = [Entry(text.strip(), (lang or "").strip())
                   for text, lang in zip_longest(texts, langs[:len(texts)], fillvalue="")
                   if text and text.strip()]
        if entries:
            form.values[element] = entries
    first = {key: (data.get(key) or [""])[0].strip() for key in ("issue", "page", "collection", "branch")}
    form.issue, form.page = first["issue"], first["page"]
    form.collection, form.branch = first["collection"], first["branch"]
    return form


def form_from_item(item: Item) -> DescriptionForm:
    """The form of an item as stored; generated clipping values become the clipping fields."""
    record = item.record
    form = DescriptionForm(collection=item.collection.slug,
                           branch=item.branch.slug if item.branch else "")
    for element, value in record.items():
        if element in FORM_ELEMENTS:
            form.values.setdefault(element, []).append(Entry(value.text, value.lang or ""))
        else:
            form.kept.append((element, value))
    _take_clipping(form, record)
    return form


def _take_clipping(form: DescriptionForm, record: Record) -> None:
    """Move the generated clipping source and citation out of the plain fields."""
    papers = [e.text for e in form.entries("isPartOf")]
    for entry in list(form.entries("source")):
        issue, page = _ISSUE.search(entry.text), _PAGE.search(entry.text)
        issue, page = issue.group(1) if issue else "", page.group(1) if page else ""
        if any(entry.text == clipping_source(paper, issue, page) for paper in papers):
            form.issue, form.page = issue, page
            form.values["source"].remove(entry)
            break
    generated = _citation(_without(record, "bibliographicCitation"))
    form.values["bibliographicCitation"] = [e for e in form.entries("bibliographicCitation")
                                            if e.text != generated]


def _without(record: Record, element: str) -> Record:
    copy = Record()
    for name, value in record.items():
        if name != element:
            copy.add(name, value.text, value.lang)
    return copy


def clipping_source(newspaper: str, issue: str, page: str) -> str:
    """The ``source`` of a clipping: "Ezermalas Vēstis. Nr. 92, 9. lpp."."""
    parts = [f"Nr. {issue}" if issue else "", f"{page}. lpp." if page else ""]
    return f"{newspaper.rstrip('.')}. " + ", ".join(p for p in parts if p)


def _citation(record: Record) -> str | None:
    """The Latvian citation of a clipping (None when the record is not one)."""
    if not record.get("isPartOf"):
        return None
    citation = citation_from_record(record, "")
    return citation.latvian() if citation.type == "article-newspaper" else None


def check(form: DescriptionForm) -> Checked:
    """Read the form into a record; every problem is reported, none stops the reading."""
    record, problems, dates = Record(), [], {}
    for element in FORM_ELEMENTS:
        for index, entry in enumerate(form.entries(element)):
            field_id = f"{element}-{index}"
            text, problem = _read_value(element, field_id, entry, dates)
            problems += problem
            record.add(element, text, entry.lang if entry.lang in LANG_TAGS else None)
    if not form.entries("title"):
        problems.insert(0, FieldProblem("title-0", "title", "title_missing"))
    problems += _clipping(form, record)
    citation = _citation(record)
    if citation and not record.get("bibliographicCitation"):
        record.add("bibliographicCitation", citation)
    for element, value in form.kept:
        record.add(element, value.text, value.lang)
    return Checked(record, problems, dates, citation)


def _read_value(element: str, field_id: str, entry: Entry,
                dates: dict) -> tuple[str, list[FieldProblem]]:
    """One value as it is to be stored, and its problems."""
    text, problems = entry.text, []
    if entry.lang and entry.lang not in LANG_TAGS:
        problems.append(FieldProblem(f"{field_id}-lang", element, "lang_unknown", entry.lang,
                                     (("choices", ", ".join(LANG_TAGS)),)))
    limit = MAX_LENGTH.get(element, DEFAULT_MAX)
    if len(text) > limit:
        problems.append(FieldProblem(field_id, element, "too_long", text[:60] + "…",
                                     (("limit", str(limit)), ("length", str(len(text))))))
    if element in DATE_ELEMENTS or element == "temporal":
        text, problem = _read_date(element, field_id, text, dates)
        problems += problem
    elif element == "language":
        text, problem = _read_language(field_id, text)
        problems += problem
    elif element in ("type", "rights"):
        found = CHECKS[element](element, text)
        if found is not None and found.severity == "error":
            problems.append(FieldProblem(field_id, element, f"{element}_unknown", text,
                                         (("suggestion", found.param("suggestion") or ""),
                                          ("choices", ", ".join(DCMI_TYPES)))))
    return text, problems


def _read_date(element: str, field_id: str, text: str, dates: dict) -> tuple[str, list[FieldProblem]]:
    """A date as EDTF; a period of time (temporal) may also be words ("Otrais pasaules karš")."""
    suggestion = suggest_edtf(text)
    if suggestion is not None:
        dates[field_id] = (suggestion.edtf, suggestion.explanation_key)
        return suggestion.edtf, []
    if element == "temporal":
        return text, []
    return text, [FieldProblem(field_id, element, "date_invalid", text)]


def _read_language(field_id: str, text: str) -> tuple[str, list[FieldProblem]]:
    """A language code; a name or a three-letter code is read into the code."""
    found = CHECKS["language"]("language", text)
    if found is None:
        return text, []
    if found.code == "language_suggestion":
        return found.param("suggestion"), []
    return text, [FieldProblem(field_id, "language", "language_unknown", text,
                               (("choices", ", ".join(LANG_TAGS)),))]


def _clipping(form: DescriptionForm, record: Record) -> list[FieldProblem]:
    """Check the issue and page, and add the clipping's ``source`` to ``record``."""
    problems = []
    if len(form.issue) > 40:
        problems.append(FieldProblem("issue", "issue", "too_long", form.issue[:40] + "…",
                                     (("limit", "40"), ("length", str(len(form.issue))))))
    if form.page and not _PAGE_FORM.fullmatch(form.page):
        problems.append(FieldProblem("page", "page", "page_invalid", form.page))
    if (form.issue or form.page) and not form.entries("isPartOf"):
        problems.append(FieldProblem("isPartOf-0", "isPartOf", "newspaper_missing"))
    elif form.issue or form.page:
        record.add("source", clipping_source(form.entries("isPartOf")[0].text, form.issue,
                                             re.sub(r"\s+", "", form.page)))
    return problems


# --- placing and saving ---------------------------------------------------------------------

def collections() -> list[Collection]:
    """Every collection, by title (a new item goes into one of them)."""
    return list(db.session.scalars(select(Collection).order_by(Collection.title)))


def branches_for(user: User) -> list[Branch]:
    """The branches ``user`` may put items in: every one, or only their own."""
    if may(user, "all_branches"):
        return list(db.session.scalars(select(Branch).order_by(Branch.is_regional.desc(), Branch.name)))
    return [user.branch] if user.branch else []


def _placement(form: DescriptionForm, by: User) -> tuple[Collection | None, Branch | None, list[FieldProblem]]:
    """The chosen collection and branch, or problems naming them."""
    problems = []
    collection = db.session.scalar(select(Collection).where(Collection.slug == form.collection))
    if collection is None:
        problems.append(FieldProblem("collection", "collection", "collection_unknown", form.collection))
    allowed = {b.slug: b for b in branches_for(by)}
    branch = allowed.get(form.branch) if form.branch else (by.branch if by.branch in allowed.values() else None)
    if form.branch and branch is None:
        problems.append(FieldProblem("branch", "branch", "branch_refused", form.branch))
    return collection, branch, problems


def create_item(form: DescriptionForm, by: User) -> Item:
    """A new draft item described by ``form``, in the chosen collection and branch."""
    require(by, "describe")
    checked = check(form)
    collection, branch, placement = _placement(form, by)
    if checked.problems or placement:
        raise DescriptionInvalid(checked.problems + placement, checked)
    item = Item(collection=collection, status="draft", branch=branch, created_by_id=by.id)
    item.set_record(checked.record)
    db.session.add(item)
    db.session.flush()
    audit.record("create", "item", item.id, by=by, field="collection", new=collection.slug)
    audit.record_changes("item", item.id, _changes(Record(), checked.record), by=by, action="create")
    db.session.commit()
    from .items import index_items  # items imports search machinery; keep this module light
    index_items([item])
    return item


def save_item(item_id: int, form: DescriptionForm, by: User) -> Item:
    """Replace an item's description with ``form`` (a version is saved first; all audited)."""
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    require_item(by, item)
    form.kept = form_from_item(item).kept  # never from the request: those are not on the form
    checked = check(form)
    collection, _branch, placement = _placement(form, by)
    placement = [p for p in placement if p.element == "collection"]
    if checked.problems or placement:
        raise DescriptionInvalid(checked.problems + placement, checked)
    from .items import update_item
    from .versions import save_version

    save_version(item, by, "before editing the description")
    audit.record_changes("item", item.id, _changes(item.record, checked.record), by=by)
    if collection.id != item.collection_id:
        audit.record("edit", "item", item.id, by=by, field="collection",
                     old=item.collection.slug, new=collection.slug)
        item.collection = collection
    return update_item(item.id, checked.record)


def _lines(record: Record, element: str) -> str:
    return "\n".join(v.text + (f" [{v.lang}]" if v.lang else "") for v in record.get(element))


def _changes(before: Record, after: Record) -> dict[str, tuple[str, str]]:
    """{element: (old lines, new lines)} for every element either record has."""
    elements = dict.fromkeys(e for e, _v in [*before.items(), *after.items()])
    return {e: (_lines(before, e), _lines(after, e)) for e in elements}


def get_item(item_id: int, by: User) -> Item:
    """An item ``by`` may edit, or :class:`ItemNotFound` / :class:`NotAllowed`."""
    item = db.session.get(Item, item_id)
    if item is None or item.status == "deleted":
        raise ItemNotFound(f"no item #{item_id}")
    require_item(by, item)
    return item


def unknown_authorities(record: Record) -> dict[str, list[str]]:
    """Names, subjects and places of ``record`` not yet in their vocabularies, by vocabulary."""
    texts = {"persons": [v.text for e in ("creator", "contributor") for v in record.get(e)],
             "subjects": [v.text for v in record.get("subject")],
             "places": [v.text for v in record.get("coverage")]}
    found = {kind: unknown_values(values, kind) for kind, values in texts.items()}
    return {kind: values for kind, values in found.items() if values}


def describe_date(edtf: str) -> str:
    """The explanation key of a valid EDTF date ("" when it is not one)."""
    return explanation_key(edtf) if is_valid_date(edtf) else ""
