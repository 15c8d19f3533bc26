"""Answering a reader's query: parsing, matching, filtering, facets, ranking and snippets.

What a reader may type (:func:`parse`)::

    kraslavas skola            every word, in any inflection and with or without diacritics
    skola OR skolotājs         either word (also ``|``); ``NOT word`` or ``-word`` excludes
    "krāslavas skolā"          this exact sequence of word forms (diacritics still forgiven)
    title:skola  place:Krāslava  creator:"Jānis Bērziņš"    one field (also lv/lt names)
    1935..1940  1935..  ..1940 items dated within, or overlapping, these years
    skol*  kr?slava            wildcards over the word forms of the index
    (skola OR ģimnāzija) 1949  grouping; a bare year also finds items dated that year

When the words find fewer than :data:`FUZZY_BELOW` items, each is retried allowing one or
two wrong letters (``Krasiava`` finds Krāslava); unknown words get a "did you mean" from
the index's own vocabulary.  Facets, filters, year ranges and sorting work on per-reader
NumPy arrays, so they cost the same whatever the query.
"""
from __future__ import annotations

import fnmatch
import html
import math
import re
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil
from typing import Mapping, Sequence

import numpy as np
from markupsafe import Markup
from rapidfuzz.distance import DamerauLevenshtein
from whoosh.index import Index

from ..errors import InvalidQuery
from .analyzers import WORD, document_languages, fold, query_stems, stems, words
from .engine import K1, IndexView, phrase_documents
from .schema import FACET_FIELDS, NO_END, NO_START, TEXT_FIELDS

SNIPPET_CHARS = 220
FUZZY_BELOW = 3
MOMENTS_SHOWN = 3  # moments of a found recording listed under its snippet
MOMENT_CHARS = 140
MAX_EXPANSION = 1000  # word forms a wildcard may expand to
FACETS = ("collection", "type", "place", "decade", "language", "newspaper")
SORTS = ("relevance", "date", "-date", "title")
FIELD_NAMES = {
    "title": "title", "nosaukums": "title", "pavadinimas": "title", "virsraksts": "title",
    "creator": "creator", "author": "creator", "autors": "creator", "autorius": "creator",
    "subject": "subject", "temats": "subject", "tema": "subject",
    "place": "place", "vieta": "place", "coverage": "place",
    "description": "description", "apraksts": "description", "aprasymas": "description",
    "text": "fulltext", "teksts": "fulltext", "tekstas": "fulltext", "fulltext": "fulltext",
}
FILTER_NAMES = {"collection": "collection", "kolekcija": "collection", "type": "type",
                "tips": "type", "language": "language", "valoda": "language",
                "kalba": "language", "newspaper": "newspaper", "laikraksts": "newspaper",
                "laikrastis": "newspaper", "branch": "branch", "decade": "decade"}
_YEARS = re.compile(r"^(\d{3,4})?\.\.(\d{3,4})?$")
_TOKENS = re.compile(r'''\s*(?:(?P<field>[^\W\d]\w*):(?=\S)|(?P<phrase>"[^"]*"?)|(?P<open>\()|(?P<close>\))
                         |(?P<word>[^\s()"]+))''', re.VERBOSE)


# --- Results --------------------------------------------------------------------------------

@dataclass
class Moment:
    """A place in a found recording where the query is spoken (a cue or an index segment)."""

    start: float
    snippet: str
    snippet_html: Markup

    def as_json(self) -> dict:
        return {"start": round(self.start, 3), "snippet": self.snippet}


@dataclass
class Hit:
    """One found item, with a plain and an HTML-highlighted snippet."""

    id: int
    title: str
    collection: str
    files: list[str]
    snippet: str
    snippet_html: Markup
    score: float
    date: str = ""
    type: str = ""
    moments: list[Moment] = field(default_factory=list)  # first matching moments, in time order
    moment_count: int = 0  # all matching moments of the recording

    def as_json(self) -> dict:
        """The hit as the CLI's and API's JSON shape."""
        return {"id": self.id, "title": self.title, "collection": self.collection,
                "files": self.files, "snippet": self.snippet, "score": round(self.score, 4),
                "date": self.date, "type": self.type,
                "moments": [m.as_json() for m in self.moments],
                "moment_count": self.moment_count}


@dataclass
class FacetCount:
    """One value of a facet and how many found items have it."""

    value: str
    count: int
    label: str = ""

    def as_json(self) -> dict:
        return {"value": self.value, "count": self.count, "label": self.label or self.value}


@dataclass
class SearchPage:
    """One page of results for a query, with facet counts over all of its results."""

    query: str
    total: int
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)
    years: tuple[int | None, int | None] | None = None

    @property
    def pages(self) -> int:
        """How many pages the results fill."""
        return max(1, ceil(self.total / self.page_size))

    def as_json(self) -> dict:
        """The page as the CLI's and API's JSON shape."""
        return {"query": self.query, "total": self.total, "page": self.page,
                "page_size": self.page_size, "pages": self.pages, "sort": self.sort,
                "filters": self.filters,
                "years": list(self.years) if self.years else None,
                "hits": [hit.as_json() for hit in self.hits],
                "facets": {name: [c.as_json() for c in counts]
                           for name, counts in self.facets.items()},
                "suggestion": self.suggestion, "fuzzy": self.fuzzy}


# --- Parsing ----------------------------------------------------------------------------------

@dataclass
class Word:
    text: str
    field: str | None = None  # a TEXT_FIELDS name, or None for all of them


@dataclass
class Phrase:
    words: list[str]
    field: str | None = None


@dataclass
class Filter:
    facet: str
    value: str


@dataclass
class Years:
    start: int | None
    end: int | None


@dataclass
class Not:
    node: object


@dataclass
class All:
    nodes: list


@dataclass
class Any:
    nodes: list


def parse(text: str):
    """The reader's query as a small tree of ``All``/``Any``/``Not``/``Word``/``Phrase``/...

    Never raises: whatever cannot be read as syntax is read as words.

    >>> parse('skola OR "Krāslavas ģimnāzija" -kolhozs 1935..1940')
    All(nodes=[Any(nodes=[Word(text='skola', field=None), Phrase(words=['kraslavas', 'gimnazija'], field=None)]), Not(node=Word(text='kolhozs', field=None)), Years(start=1935, end=1940)])
    >>> parse('vieta:Ezerkalne (')
    Word(text='Ezerkalne', field='place')
    """
    tokens = [m for m in _TOKENS.finditer(text) if m.lastgroup]
    node, _ = _parse_or(tokens, 0)
    return node


def _parse_or(tokens, i):
    """Words joined by nothing are ANDed; ``OR`` binds tighter, as in web search engines."""
    nodes = []
    while i < len(tokens) and tokens[i].lastgroup != "close":
        node, i = _parse_unary(tokens, i)
        options = [node]
        while i + 1 < len(tokens) and _is_or(tokens[i]):
            node, i = _parse_unary(tokens, i + 1)
            options.append(node)
        if i < len(tokens) and _is_or(tokens[i]):
            i += 1  # a trailing OR means nothing
        options = [o for o in options if o is not None]
        if options:
            nodes.append(_simplify(Any, options))
    return _simplify(All, nodes), i


def _is_or(token) -> bool:
    return token.lastgroup == "word" and token["word"] in ("OR", "|")


def _parse_unary(tokens, i):
    token = tokens[i]
    if token.lastgroup == "word" and token["word"] in ("AND", "&", "+"):
        return None, i + 1
    if token.lastgroup == "word" and token["word"] == "NOT":
        if i + 1 < len(tokens):
            node, i = _parse_unary(tokens, i + 1)
            return (Not(node) if node is not None else None), i
        return None, i + 1
    if token.lastgroup == "word" and token["word"].startswith("-") and len(token["word"]) > 1 \
            and not token["word"][1].isdigit():
        node = _word_node(token["word"][1:], None)
        return (Not(node) if node is not None else None), i + 1
    if token.lastgroup == "open":
        node, i = _parse_or(tokens, i + 1)
        if i < len(tokens) and tokens[i].lastgroup == "close":
            i += 1
        return node, i
    if token.lastgroup == "field":
        name = token["field"].lower()
        if i + 1 < len(tokens) and tokens[i + 1].lastgroup in ("word", "phrase"):
            value = tokens[i + 1]
            if name in FIELD_NAMES and value.lastgroup == "phrase":
                return _phrase_node(value["phrase"], FIELD_NAMES[name]), i + 2
            raw = value["word"] if value.lastgroup == "word" else value["phrase"].strip('"')
            if name in FIELD_NAMES:
                return _word_node(raw, FIELD_NAMES[name]), i + 2
            if name in FILTER_NAMES:
                return Filter(FILTER_NAMES[name], raw), i + 2
            if name in ("year", "gads", "metai", "date", "datums"):
                return _word_node(raw, None), i + 2
        return _word_node(token["field"], None), i + 1  # "word:" that is not a field
    if token.lastgroup == "phrase":
        return _phrase_node(token["phrase"], None), i + 1
    return _word_node(token["word"], None), i + 1


def _word_node(raw: str, field_name: str | None):
    years = _YEARS.match(raw)
    if years and (years[1] or years[2]):
        return Years(int(years[1]) if years[1] else None, int(years[2]) if years[2] else None)
    if "*" in raw or "?" in raw:
        pattern = fold(raw).strip(".,;:!»«„“”'")
        if len(pattern.split("*")[0].split("?")[0]) >= 2:
            return Word(pattern, field_name)
    found = WORD.findall(raw)
    if not found:
        return None
    return _simplify(All, [Word(w, field_name) for w in found])


def _phrase_node(raw: str, field_name: str | None):
    found = words(raw.strip('"'))
    if not found:
        return None
    return Phrase(found, field_name)


def _simplify(kind, nodes):
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else kind(nodes)


# --- Searchers --------------------------------------------------------------------------------

_views: dict[tuple, IndexView] = {}
_views_lock = threading.Lock()
KEEP_VIEWS = 2  # generations of one index kept open (a slow query may still use the older)


def _index_key(ix: Index) -> tuple:
    folder = getattr(ix.storage, "folder", None)
    return (str(folder),) if folder else (id(ix),)


def _view(ix: Index) -> IndexView:
    """The process's :class:`IndexView` of the index's newest generation, made once, leased.

    All threads share it: its arrays, its posting cache and its reader (used under the
    view's lock). Views of older generations are retired, all but the last one, and a
    retired view's reader is closed once no search holds a lease on it: closing it under a
    search still reading it (staff publishing while readers search) broke that search.
    Every call must be paired with :func:`_release`; :func:`_leased` does both.
    """
    place = _index_key(ix)
    generation = ix.latest_generation()
    with _views_lock:
        view = _views.get((*place, generation))
        if view is None:
            reader = ix.reader()
            key = (*place, reader.generation())
            view = _views.get(key)
            if view is None:
                view = _views[key] = IndexView(reader)
            else:
                reader.close()
            older = sorted(k for k in _views if k[:-1] == place and k != key)
            for stale in older[:max(0, len(older) - KEEP_VIEWS + 1)]:
                _retire(_views.pop(stale))
        _leases[view] = _leases.get(view, 0) + 1
    try:
        return view.warm()
    except BaseException:
        _release(view)
        raise


_leases: dict[IndexView, int] = {}  # views in use: how many searches hold each
_retired: set[IndexView] = set()  # views no longer current, closed when their last lease ends


def _retire(view: IndexView) -> None:
    """Close ``view`` now if nothing uses it, else when its last lease ends (under _views_lock)."""
    if _leases.get(view):
        _retired.add(view)
    else:
        view.reader.close()


def _release(view: IndexView) -> None:
    """End one lease on ``view``; close it if it was retired and this was the last."""
    with _views_lock:
        left = _leases.get(view, 1) - 1
        if left > 0:
            _leases[view] = left
            return
        _leases.pop(view, None)
        if view in _retired:
            _retired.discard(view)
            view.reader.close()


@contextmanager
def _leased(ix: Index):
    """The current view of ``ix``, kept open until the block ends."""
    view = _view(ix)
    try:
        yield view
    finally:
        _release(view)


def forget_searchers() -> None:
    """Close every view of every index (tests; after an index folder is replaced)."""
    with _views_lock:
        for view in [*_views.values(), *_retired]:
            view.reader.close()
        _views.clear()
        _retired.clear()
        _leases.clear()


# --- Evaluating -------------------------------------------------------------------------------

@dataclass
class Compiled:
    """What a query asked for, beyond its matches: constraints and what to highlight."""

    years: list[Years] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    patterns: list[str] = field(default_factory=list)
    plain: list[Word] = field(default_factory=list)
    seen: dict[tuple, str | None] = field(default_factory=dict)  # the highlighter's verdicts
    markers: dict[tuple[str, ...], re.Pattern | None] = field(default_factory=dict)
    view: IndexView | None = None


def misreadings(near, form: str, stems: Sequence[str], fields: Sequence[str]):
    """(field, term) of the index's words one or two letters away from a word and its stems.

    ``near(fieldname, word, distance, prefix=0)`` is the index's vocabulary lookup (each
    backend has its own). The exact form is compared whole; stems of five letters or more
    with their first letter free (a long s read as f), in the title and page text.
    """
    for found in near("exact", form, 1 if len(form) <= 5 else 2):
        if found != form:
            yield "exact", found
    for stem in stems:
        if len(stem) < 5 or ":" in stem:
            continue
        for fieldname in ("title", "fulltext"):
            if fieldname not in fields:
                continue
            for found in near(fieldname, stem, 1 if len(stem) <= 5 else 2, prefix=1):
                if found != stem:
                    yield fieldname, found


class _Evaluator:
    """Turns the query tree into (present, score) arrays over every document of the view."""

    def __init__(self, view: IndexView, fuzzy: bool):
        self.view = view
        self.fuzzy = fuzzy
        self.out = Compiled()

    def run(self, node) -> tuple[np.ndarray, np.ndarray] | None:
        return self._node(node, positive=True)

    def _zeros(self) -> np.ndarray:
        return np.zeros(self.view.size, dtype=np.float32)

    def _node(self, node, positive: bool):
        if node is None:
            return None
        if isinstance(node, All):
            present, score = None, self._zeros()
            for child in node.nodes:
                inner = self._node(child.node if isinstance(child, Not) else child,
                                   positive and not isinstance(child, Not))
                if inner is None:
                    continue
                mask = ~inner[0] if isinstance(child, Not) else inner[0]
                present = mask if present is None else present & mask
                if not isinstance(child, Not):
                    score += inner[1]
            return None if present is None else (present, score)
        if isinstance(node, Any):
            results = [r for r in (self._node(n, positive) for n in node.nodes) if r is not None]
            if not results:
                return None
            present = np.logical_or.reduce([r[0] for r in results])
            return present, np.add.reduce([r[1] for r in results])
        if isinstance(node, Not):
            inner = self._node(node.node, False)
            return None if inner is None else (~inner[0], self._zeros())
        if isinstance(node, Years):
            if positive:
                self.out.years.append(node)
            return None
        if isinstance(node, Filter):
            if positive:
                self.out.filters.setdefault(node.facet, []).append(node.value)
                return None
            return self.view.facet_mask(node.facet, [node.value], fold), self._zeros()
        if isinstance(node, Phrase):
            return self._phrase(node, positive)
        return self._word(node, positive)

    def _add(self, score: np.ndarray, fieldname: str, term: str, boost: float = 1.0) -> None:
        ids, scores = self.view.term_scores(fieldname, term, boost)
        if len(ids):
            score[ids] += scores

    def _word(self, node: Word, positive: bool):
        if "*" in node.text or "?" in node.text:
            return self._wildcard(node, positive)
        stems = query_stems(node.text)
        form = fold(node.text)
        fields = (node.field,) if node.field else TEXT_FIELDS
        score = self._zeros()
        for fieldname in fields:
            for stem in stems:
                self._add(score, fieldname, stem)
        if node.field is None:
            self._add(score, "exact", form, 0.5)
        present = score > 0
        if node.field is None and node.text.isdigit() and 1000 <= int(node.text) <= 2100:
            present |= self.view.years_mask(int(node.text), int(node.text))
        if positive:
            self.out.stems.update(stems)
            self.out.forms.add(form)
            self.out.plain.append(node)
            if self.fuzzy and len(form) >= 4 and not form.isdigit():
                self._misread(score, form, stems, fields)
                present = score > 0
        return present, score

    def _misread(self, score: np.ndarray, form: str, stems: Sequence[str],
                 fields: Sequence[str]) -> None:
        """Add word forms and stems one or two letters away: OCR damage read through.

        Stems are compared too, so ``dzirnavas`` still finds a scan's ``dzimavu`` (rn read
        as m, in another case), and the first letter may differ (a long s read as f).
        """
        for fieldname, near in misreadings(self.view.near, form, stems, fields):
            self._add(score, fieldname, near, 0.3)
            (self.out.forms if fieldname == "exact" else self.out.stems).add(near)

    def _wildcard(self, node: Word, positive: bool):
        fieldname = node.field or "exact"
        prefix = re.split(r"[*?]", node.text, maxsplit=1)[0]
        matcher = re.compile(fnmatch.translate(node.text))
        score = self._zeros()
        expanded = 0
        for text in self.view.expand_prefix(fieldname, prefix):
            if matcher.match(text):
                self._add(score, fieldname, text)
                if positive and fieldname == "exact":
                    self.out.forms.add(text)  # the words it stands for, to highlight
                expanded += 1
                if expanded >= MAX_EXPANSION:
                    break
        if positive and fieldname != "exact":
            self.out.patterns.append(node.text)
        return score > 0, score

    def _phrase(self, node: Phrase, positive: bool):
        if positive:
            self.out.forms.update(node.words)
        score = self._zeros()
        if len(node.words) == 1:
            self._add(score, "exact", node.words[0])
            present = score > 0
        else:
            docs, freq = phrase_documents(self.view, "exact", node.words)
            idf = sum(math.log(1 + (self.view.count - self.view.doc_frequency("exact", w) + 0.5)
                               / (self.view.doc_frequency("exact", w) + 0.5)) for w in node.words)
            score[docs] = idf * freq * (K1 + 1) / (freq + K1)
            present = score > 0
        if node.field is not None:
            for word in node.words:
                within = self._zeros()
                for stem in query_stems(word):
                    self._add(within, node.field, stem)
                present &= within > 0
        return present, score


# --- Searching --------------------------------------------------------------------------------

def search(ix: Index, text: str = "", page: int = 1, page_size: int = 20,
           published_only: bool = True, *, facets: Sequence[str] = (),
           filters: Mapping[str, Sequence[str]] | None = None,
           years: tuple[int | None, int | None] | None = None, sort: str = "relevance",
           fuzzy: bool = True, list_all: bool = False) -> SearchPage:
    """Find items for what a reader typed; by default only what the public may see.

    An empty query finds nothing, unless it has filters or years, or ``list_all`` asks for
    every item (to browse the archive, or count its facets); such lists are in date order.
    """
    result, tree, empty = begin_search(text, page, page_size, facets, filters, years, sort,
                                       list_all)
    if empty:
        return result
    wanted = result.filters
    with _leased(ix) as view:
        return _search(view, text, tree, wanted, years, result, facets, published_only, fuzzy)


def checked_request(facets: Sequence[str], filters: Mapping[str, Sequence[str]] | None,
                    sort: str) -> dict[str, list[str]]:
    """The non-empty filters of a search, after checking every facet, filter and sort name.

    Shared by both backends, so a wrong name is explained the same way whichever is in use.
    """
    for name in facets:
        if name not in FACET_FIELDS:
            raise InvalidQuery(f"unknown facet {name!r}; facets are: {', '.join(FACET_FIELDS)}")
    for name in (filters or {}):
        if name not in FACET_FIELDS:
            raise InvalidQuery(f"unknown filter {name!r}; filters are: {', '.join(FACET_FIELDS)}")
    if sort not in SORTS:
        raise InvalidQuery(f"unknown sort {sort!r}; choose one of: {', '.join(SORTS)}")
    wanted = {k: [str(v) for v in vs if str(v).strip()] for k, vs in (filters or {}).items()}
    return {k: vs for k, vs in wanted.items() if vs}


def begin_search(text: str, page: int, page_size: int, facets: Sequence[str],
                 filters: Mapping[str, Sequence[str]] | None,
                 years: tuple[int | None, int | None] | None, sort: str,
                 list_all: bool) -> tuple[SearchPage, object, bool]:
    """Check a search request: its empty page, its parsed query, and whether it asks nothing
    (no words, filters or years, and not a list of everything). Every backend starts here."""
    wanted = checked_request(facets, filters, sort)
    result = SearchPage(query=text, total=0, page=max(1, page), page_size=page_size,
                        sort=sort, filters=wanted, years=years)
    tree = parse(text or "")
    return result, tree, tree is None and not wanted and not years and not list_all


def _search(view: IndexView, text: str, tree, wanted: dict, years, result: SearchPage,
            facets, published_only: bool, fuzzy: bool) -> SearchPage:
    """The body of :func:`search`, on a view it holds a lease on."""
    evaluator = _Evaluator(view, fuzzy=False)
    found = evaluator.run(tree)
    compiled = evaluator.out
    if found is None and tree is not None and not (compiled.years or compiled.filters):
        return result  # only punctuation
    mask = (view.public if published_only else view.everything).copy()
    for name, values in {**compiled.filters, **wanted}.items():
        mask &= view.facet_mask(name, values, fold)
    for span in ([Years(*years)] if years else []) + compiled.years:
        mask &= view.years_mask(span.start, span.end)
    scores = None
    matched = mask
    if found is not None:
        matched, scores = found[0] & mask, found[1]
        if fuzzy and compiled.plain and matched.sum() < FUZZY_BELOW:
            loose = _Evaluator(view, fuzzy=True)
            widened = loose.run(tree)
            if widened is not None and (widened[0] & mask).sum() > matched.sum():
                matched, scores, result.fuzzy = widened[0] & mask, widened[1], True
                compiled = loose.out
        result.suggestion = _suggestion(view, text, compiled)
    result.total = int(matched.sum())
    result.facets = {name: [FacetCount(v, c, v) for v, c in view.counts(name, matched)]
                     for name in facets}
    if result.total:
        compiled.view = view
        result.hits = _ranked(view, compiled, matched, scores, result)
    return result


def _marker(compiled: Compiled, languages: tuple[str, ...]) -> re.Pattern | None:
    """One expression for the folded forms the query matches in a text of ``languages``.

    The forms come from the index's vocabulary under the stems the document's languages
    give them, so this finds in a folded text exactly the words the index matched.
    """
    if languages in compiled.markers:
        return compiled.markers[languages]
    marker = None
    if not compiled.patterns and compiled.view is not None:  # wildcards: word by word
        forms = set(compiled.forms)
        for language in languages:
            by_stem = compiled.view.forms_by_stem(language)
            for stem in compiled.stems:
                forms.update(by_stem.get(stem, ()))
        if forms:
            alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
            marker = re.compile(rf"(?<![\w\u0300-\u036f])(?<!\w[-'’])(?:{alternatives})"
                                rf"(?![\w\u0300-\u036f]|[-'’]\w)")
    compiled.markers[languages] = marker
    return marker


def _ranked(view: IndexView, compiled: Compiled, matched: np.ndarray,
            scores: np.ndarray | None, result: SearchPage) -> list[Hit]:
    start = (result.page - 1) * result.page_size
    if start >= result.total:
        return []
    ids = np.flatnonzero(matched)
    wanted = start + result.page_size
    if result.sort == "relevance" and scores is not None:
        keys = -scores[ids]
        if len(ids) > wanted:
            top = np.argpartition(keys, wanted - 1)[:wanted]
            ids, keys = ids[top], keys[top]
        order = np.lexsort((ids, keys))
    elif result.sort == "title":
        titles = view.column("sort_title")[ids]
        order = sorted(range(len(ids)), key=lambda i: (titles[i], ids[i]))
    else:
        dates = view.column("sort_date")[ids]
        direction = -dates if result.sort == "-date" else dates
        order = np.lexsort((ids, direction, dates == 0))
    chosen = [int(ids[i]) for i in list(order)[start:wanted]]
    return [_hit(view.stored_fields(docnum),
                 float(scores[docnum]) if scores is not None else 0.0, compiled)
            for docnum in chosen]


def _suggestion(view: IndexView, text: str, compiled: Compiled) -> str | None:
    """The query with unknown words replaced by the likeliest known word form."""
    replaced = text
    changed = False
    for node in compiled.plain:
        if "*" in node.text or "?" in node.text or node.text.isdigit():
            continue
        stems = query_stems(node.text)
        if any(view.has_term(f, s) for f in TEXT_FIELDS for s in stems):
            continue
        folded = fold(node.text)
        options = [o for o in view.near("exact", folded, 2, prefix=1) if o != folded]
        if not options:
            continue
        best = max(options, key=lambda o: (-DamerauLevenshtein.distance(folded, o),
                                           view.doc_frequency("exact", o), o))
        replaced = re.sub(rf"(?<!\w){re.escape(node.text)}(?!\w)", best, replaced, count=1)
        changed = True
    return replaced if changed else None


# --- Hits and snippets ------------------------------------------------------------------------

def _hit(fields: dict, score: float, compiled: Compiled) -> Hit:
    plain, marked = snippet(fields, compiled)
    moments, count = spoken_moments(fields, compiled)
    return Hit(id=int(fields["id"]), title=fields.get("title", ""),
               collection=fields.get("collection", ""), files=list(fields.get("files") or []),
               snippet=plain, snippet_html=marked, score=float(score),
               date=fields.get("date") or "", type=fields.get("type", "").replace("\n", ", "),
               moments=moments, moment_count=count)


def spoken_moments(fields: dict, compiled: Compiled, limit: int = MOMENTS_SHOWN,
                   ) -> tuple[list[Moment], int]:
    """The first ``limit`` moments of a recording where the query's words are said, and how many.

    Each moment's text is matched by the same rule as the snippet, so a hit found by a
    Lithuanian stem or a word typed without diacritics leads to the second it is spoken.
    """
    entries = fields.get("moments") or []
    if not entries or not (compiled.stems or compiled.forms or compiled.patterns):
        return [], 0
    languages = document_languages(fields.get("language", "").replace("\n", ","))
    marker = _marker(compiled, languages)
    found, count = [], 0
    for start, text in entries:
        spans = match_spans(text, compiled.stems, compiled.forms, compiled.patterns,
                            seen=compiled.seen, marker=marker, languages=languages)
        if spans:
            count += 1
            if len(found) < limit:
                plain, marked = _passages(text, spans, MOMENT_CHARS)
                found.append(Moment(float(start), plain, marked))
    found.sort(key=lambda m: m.start)
    return found, count


def snippet(fields: dict, compiled: Compiled) -> tuple[str, Markup]:
    """The best passage of the full text (or else the description), with matches marked.

    The full text of an item that is not public is never indexed, so it never shows here.
    """
    languages = document_languages(fields.get("language", "").replace("\n", ","))
    for name in ("fulltext", "description"):
        text = fields.get(name) or ""
        if text:
            found = highlight(text, compiled.stems, compiled.forms, compiled.patterns,
                              seen=compiled.seen, marker=_marker(compiled, languages),
                              languages=languages)
            if found:
                return found
    opening = _opening(fields.get("description") or fields.get("fulltext") or "")
    return opening, Markup.escape(opening)


def highlight(text: str, stems: set[str], forms: set[str], patterns: Sequence[str] = (),
              width: int = SNIPPET_CHARS, *, seen: dict[str, str | None] | None = None,
              marker: re.Pattern | None = None,
              languages: tuple[str, ...] = ("lv", "lt", "ltg")) -> tuple[str, Markup] | None:
    """Up to two passages of ``text`` around its matching words, plain and with ``<mark>``.

    A word matches when its folded form is one of ``forms`` or one of its stems in the
    text's ``languages`` is one of ``stems``; ``seen`` remembers verdicts across the hits of
    one query, and ``marker`` (see :func:`_marker`) finds them all at once.

    >>> plain, marked = highlight("Pagastā atvēra jaunu skolu. Skolā mācās 40 bērni.",
    ...                           set(query_stems("skola")), {"skola"})
    >>> str(marked)
    'Pagastā atvēra jaunu <mark class="hit">skolu</mark>. <mark class="hit">Skolā</mark> mācās 40 bērni.'
    """
    spans = match_spans(text, stems, forms, patterns, seen=seen, marker=marker,
                        languages=languages)
    return _passages(text, spans, width) if spans else None


def match_spans(text: str, stems: set[str], forms: set[str], patterns: Sequence[str] = (), *,
                seen: dict | None = None, marker: re.Pattern | None = None,
                languages: tuple[str, ...] = ("lv", "lt", "ltg")) -> list[tuple[int, int, str]]:
    """Every ``(start, end, folded form)`` of ``text``'s words that match, by :func:`highlight`'s rule."""
    folded = fold(text) if marker is not None else ""
    if marker is not None and len(folded) == len(text):  # one folded letter per letter
        return [(m.start(), m.end(), m.group()) for m in marker.finditer(folded)]
    compiled_patterns = [re.compile(fnmatch.translate(p)) for p in patterns]
    seen = {} if seen is None else seen
    hits = []
    for word in set(WORD.findall(text)):
        verdict = seen.get((word, languages), "")
        if verdict == "":
            folded, its_stems = _keys(word, languages)
            matched = folded in forms or not stems.isdisjoint(its_stems)
            if not matched and compiled_patterns:
                matched = any(p.match(folded) for p in compiled_patterns)
            verdict = seen[(word, languages)] = folded if matched else None
        if verdict is not None:
            hits.append(word)
    if not hits:
        return []
    hits.sort(key=len, reverse=True)
    wanted = re.compile(rf"(?<![\w\u0300-\u036f])(?:{'|'.join(map(re.escape, hits))})"
                        rf"(?![\w\u0300-\u036f]|[-'’]\w)")
    return [(m.start(), m.end(), seen[(m.group(), languages)]) for m in wanted.finditer(text)]


def _passages(text: str, spans: list, width: int) -> tuple[str, Markup]:
    """The best one or two windows around the matched spans, plain and marked."""
    windows = _windows(spans, width // 2)
    windows.sort(key=lambda w: (-len({s[2] for s in w}), -len(w), w[0][0]))
    chosen = sorted(windows[:2], key=lambda w: w[0][0])
    budget = width // len(chosen)
    plain_parts, html_parts = [], []
    for window in chosen:
        start, end = _expand(text, window[0][0], window[-1][1], budget)
        plain, marked = _mark(text, start, end, window)
        plain_parts.append(plain)
        html_parts.append(marked)
    lead = "… " if _expand(text, chosen[0][0][0], chosen[0][-1][1], budget)[0] > 0 else ""
    tail = " …" if _expand(text, chosen[-1][0][0], chosen[-1][-1][1], budget)[1] < len(text) else ""
    return (lead + " … ".join(plain_parts) + tail,
            Markup(html.escape(lead) + " … ".join(html_parts) + html.escape(tail)))


@lru_cache(maxsize=200_000)
def _keys(word: str, languages: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """A word's folded form and its stems in ``languages``, as the highlighter compares them."""
    return fold(word), stems(word.lower(), languages)


def _windows(spans, reach: int):
    windows, current = [], [spans[0]]
    for span in spans[1:]:
        if span[1] - current[0][0] <= reach:
            current.append(span)
        else:
            windows.append(current)
            current = [span]
    windows.append(current)
    return windows


def _expand(text: str, start: int, end: int, budget: int) -> tuple[int, int]:
    room = max(0, budget - (end - start)) // 2
    left, right = max(0, start - room), min(len(text), end + room)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else end
    return left, right


def _mark(text: str, start: int, end: int, spans) -> tuple[str, str]:
    plain = " ".join(text[start:end].split())
    pieces, at = [], start
    for s, e, _ in spans:
        if s < start or e > end:
            continue
        pieces.append(html.escape(text[at:s]))
        pieces.append(f'<mark class="hit">{html.escape(text[s:e])}</mark>')
        at = e
    pieces.append(html.escape(text[at:end]))
    return plain, " ".join("".join(pieces).split())


@dataclass
class QueryMarks:
    """What one query marks in a text, by the same rules as its search snippets."""

    compiled: Compiled

    def spans(self, text: str, languages: tuple[str, ...]) -> list[tuple[int, int, str]]:
        """The matching words of ``text`` (a text of ``languages``) as ``(start, end, form)``."""
        c = self.compiled
        return match_spans(text, c.stems, c.forms, c.patterns, seen=c.seen,
                           marker=_marker(c, languages), languages=languages)

    def matches(self, text: str, languages: tuple[str, ...]) -> bool:
        """Whether any word of ``text`` (an OCR word with its punctuation, say) matches."""
        return bool(self.spans(text, languages))

    def mark(self, text: str, languages: tuple[str, ...]) -> Markup:
        """All of ``text``, escaped, with every matching word in ``<mark class="hit">``."""
        return Markup(_mark(text, 0, len(text), self.spans(text, languages))[1])


def query_marks(ix: Index, text: str) -> QueryMarks | None:
    """The marks of a reader's query (None when it names no words), as :func:`search` finds them.

    As in :func:`search`, a query whose words find fewer than :data:`FUZZY_BELOW` items is
    widened to misread forms, so an item reached from fuzzy results still shows its hits.
    """
    tree = parse(text or "")
    if tree is None:
        return None
    view = _view(ix)
    try:
        marks = _query_marks(view, tree)
    except BaseException:
        _release(view)
        raise
    if marks is None:
        _release(view)
        return None
    # marking reads the view's vocabulary later: the lease ends when the marks are dropped
    weakref.finalize(marks, _release, view)
    return marks


def _query_marks(view: IndexView, tree) -> QueryMarks | None:
    evaluator = _Evaluator(view, fuzzy=False)
    found = evaluator.run(tree)
    if found is None:
        return None
    compiled = evaluator.out
    matched = int((found[0] & view.public).sum())
    if compiled.plain and matched < FUZZY_BELOW:
        loose = _Evaluator(view, fuzzy=True)
        widened = loose.run(tree)
        if widened is not None and int((widened[0] & view.public).sum()) > matched:
            compiled = loose.out
    compiled.view = view
    return QueryMarks(compiled)


def _opening(text: str) -> str:
    """The first words of ``text``, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


__all__ = ["FACETS", "SORTS", "FacetCount", "Hit", "Moment", "spoken_moments", "SearchPage", "parse", "search", "highlight",
           "match_spans", "QueryMarks", "query_marks", "forget_searchers", "NO_START", "NO_END"]
