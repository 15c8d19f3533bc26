"""IIIF Content Search API 2.0 and 1.0: the words a query finds in an item, boxed on its canvases.

The words are matched by the item page's own hit marking (:mod:`heritage.services.hits`):
folded Baltic diacritics, the stems of the item's languages, phrases and wildcards, exactly as
the main search marks them. Only pages open to the visitor are searched; a word box comes from
the page's ALTO, and a page with text but no ALTO is answered with whole-canvas hits.

The answer follows the specification's word-level example (§3.4.2): one ``painting``
annotation with a ``TextualBody`` per matching word in ``items``, and one ``contextualizing``
annotation with a ``TextQuoteSelector`` (prefix, exact, suffix) per hit in ``annotations``.
The same hits (:func:`results`) are also answered in the 1.0 shape (:func:`search1`), the only
one Mirador 4 reads: ``oa:Annotation`` resources and ``search:Hit`` hits (before, match, after).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml import etree

from ..errors import InvalidInput
from ..models import Item, Page
from . import access, media_store
from .hits import item_languages, marks_for
from .items import page_open, public_item

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
SEARCH_CONTEXT = "http://iiif.io/api/search/2/context.json"
PRESENTATION2_CONTEXT = "http://iiif.io/api/presentation/2/context.json"
SEARCH1_CONTEXT = "http://iiif.io/api/search/1/context.json"
SEARCH1_PROFILE = "http://iiif.io/api/search/1/search"
PAGE_SIZE = 100  # hits per AnnotationPage; more are reached by ``page``
CONTEXT_WORDS = 6  # words of an ALTO page shown before and after a hit
CONTEXT_CHARS = 60  # characters of a page's plain text shown before and after a hit
#: Motivations a ``motivation`` parameter may ask for and still get these hits.
MOTIVATIONS = {"painting", "contextualizing"}
#: Parameters the service reads; any other is reported in ``ignored``.
KNOWN_PARAMETERS = ("q", "page", "motivation")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Hit:
    """One matching word on a page: its box in page pixels (None: no ALTO) and its context."""

    sequence: int
    box: tuple[int, int, int, int] | None
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class SearchRequest:
    """A reader's search inside one item, as the web layer read it from the address."""

    item_id: int
    query: str
    page: int = 1
    motivations: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    reading_room: bool = False


def read_page(value: str | None) -> int:
    """The ``page`` parameter as a number from 1, or :class:`InvalidInput` naming it."""
    if value is None or value == "":
        return 1
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(f"page: {value!r} is not allowed; give a whole number from 1")
    return int(value)


def item_hits(item: Item, query: str, reading_room: bool = False) -> list[Hit]:
    """Every hit of ``query`` on the item's pages open to the visitor, page by page."""
    marks = marks_for(query)
    if marks is None:
        return []
    languages = item_languages(item)
    found: list[Hit] = []
    for page in item.pages:
        if page_open(item, page, reading_room):
            found += page_hits(page, lambda word: marks.matches(word, languages),
                               lambda text: marks.spans(text, languages))
    return found


def page_hits(page: Page, matches: Callable[[str], bool], spans: Callable) -> list[Hit]:
    """The hits of one page: from its ALTO words when it has them, else from its text."""
    if page.alto_key:
        with media_store().open(page.alto_key) as handle:
            return alto_hits(page.sequence, handle.read(), matches)
    text = page.ocr_text or ""
    return [Hit(page.sequence, None, text[start:end], _before(text, start), _after(text, end))
            for start, end, _form in spans(text)] if text else []


def alto_hits(sequence: int, alto: bytes, matches: Callable[[str], bool]) -> list[Hit]:
    """The ALTO words (any ALTO version) that ``matches`` accepts, with the words around them."""
    words = []
    for string in etree.fromstring(alto, _PARSER).iter("{*}String"):
        shown = string.get("CONTENT") or ""
        # a word hyphenated across lines is matched whole (SUBS_CONTENT), both halves boxed
        whole = string.get("SUBS_CONTENT") or shown
        box = tuple(round(float(string.get(name, 0))) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
        words.append((shown or whole, whole, box))
    hits = []
    for n, (shown, whole, box) in enumerate(words):
        if whole and matches(whole):
            before = " ".join(w[0] for w in words[max(0, n - CONTEXT_WORDS):n])
            after = " ".join(w[0] for w in words[n + 1:n + 1 + CONTEXT_WORDS])
            hits.append(Hit(sequence, box, shown, before + " " if before else "",
                            " " + after if after else ""))
    return hits


def _before(text: str, start: int) -> str:
    """Up to :data:`CONTEXT_CHARS` of ``text`` before ``start``, from a word's beginning."""
    cut = text[max(0, start - CONTEXT_CHARS):start]
    if start > CONTEXT_CHARS and " " in cut:
        cut = cut[cut.index(" ") + 1:]
    return " ".join(cut.split("\n")) if cut else ""


def _after(text: str, end: int) -> str:
    """Up to :data:`CONTEXT_CHARS` of ``text`` after ``end``, to a word's end."""
    cut = text[end:end + CONTEXT_CHARS]
    if end + CONTEXT_CHARS < len(text) and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return " ".join(cut.split("\n")) if cut else ""


def searchable_item(item_id: int, reading_room: bool = False) -> Item:
    """A public item whose pages the visitor may search.

    Raises :class:`~heritage.errors.ItemNotFound` for an unknown, unpublished or staff-only
    item and :class:`~heritage.services.access.FilesClosed` when none of its pages is open
    (searching closed text would tell what it says).
    """
    item = public_item(item_id)
    if not item.pages:
        access.check_media(item, None, reading_room=reading_room)
    elif not any(page_open(item, p, reading_room) for p in item.pages):
        access.check_media(item, item.pages[0].media_file, reading_room=reading_room)
    return item


@dataclass(frozen=True)
class Addresses:
    """The absolute addresses a response names, given by the web layer."""

    root: str  # the site's root URL, ending in "/"
    request: str  # the address asked for: the AnnotationPage's id
    page: Callable[[int | None], str]  # the address of result page n (None: the collection)

    def canvas(self, item_id: int, sequence: int) -> str:
        """A page's canvas id, as the manifest gives it."""
        return f"{self.root}iiif/3/items/{item_id}/canvas/{sequence}"


@dataclass(frozen=True)
class Results:
    """One page of the hits a request finds: the common ground of the 1.0 and 2.0 answers."""

    item: Item
    total: int  # hits in all the result pages
    page: int  # this page, from 1
    last: int  # the number of result pages (at least 1)
    shown: list[tuple[int, Hit]]  # the hits of this page, each with its number among all

    @property
    def start(self) -> int:
        """The number of the first hit shown (``startIndex``)."""
        return (self.page - 1) * PAGE_SIZE


def results(request: SearchRequest) -> Results:
    """The hits of ``request`` on its result page; both API versions answer from these."""
    item = searchable_item(request.item_id, request.reading_room)
    # "sc:painting" (1.0) and "painting" (2.0) ask for the same annotations
    asked = {m.rpartition(":")[2] for m in request.motivations}
    wanted = not asked or MOTIVATIONS & asked
    hits = item_hits(item, request.query, request.reading_room) if wanted else []
    last = max(1, -(-len(hits) // PAGE_SIZE))
    if request.page > last:
        raise InvalidInput(f"page: {request.page} is not allowed; this search has "
                           f"{last} page{'s' if last > 1 else ''} of results")
    first = (request.page - 1) * PAGE_SIZE
    return Results(item, len(hits), request.page, last,
                   list(enumerate(hits))[first:first + PAGE_SIZE])


def search(request: SearchRequest, addresses: Addresses) -> dict:
    """The Content Search 2.0 AnnotationPage answering ``request``."""
    found = results(request)
    item, shown, last = found.item, found.shown, found.last
    answer: dict = {"@context": [PRESENTATION_CONTEXT, SEARCH_CONTEXT], "id": addresses.request,
                    "type": "AnnotationPage"}
    if last > 1:
        answer.update(_paging(found.page, last, found.total, addresses))
    if request.ignored:
        answer["ignored"] = list(request.ignored)
    answer["items"] = [_word(item.id, n, hit, addresses) for n, hit in shown]
    if shown:
        answer["annotations"] = [{
            "type": "AnnotationPage",
            "partOf": _collection(found.total, last, addresses),
            "items": [_context(item.id, n, hit, addresses) for n, hit in shown]}]
    return answer


def search1(request: SearchRequest, addresses: Addresses) -> dict:
    """The Content Search 1.0 ``sc:AnnotationList`` answering ``request``.

    Mirador (up to 4.x) and other Presentation 2 viewers read only this version: one
    ``oa:Annotation`` painting the word's text on its box per hit in ``resources``, and one
    ``search:Hit`` with the words before and after it in ``hits``.
    """
    found = results(request)
    item = found.item
    answer: dict = {"@context": [PRESENTATION2_CONTEXT, SEARCH1_CONTEXT],
                    "@id": addresses.request, "@type": "sc:AnnotationList"}
    within: dict = {"@type": "sc:Layer", "total": found.total}
    if found.last > 1:
        within.update(first=addresses.page(1), last=addresses.page(found.last))
        if found.page < found.last:
            answer["next"] = addresses.page(found.page + 1)
        if found.page > 1:
            answer["prev"] = addresses.page(found.page - 1)
        answer["startIndex"] = found.start
    answer["within"] = within
    if request.ignored:
        answer["ignored"] = list(request.ignored)
    answer["resources"] = [_word1(item.id, n, hit, addresses) for n, hit in found.shown]
    answer["hits"] = [_hit1(item.id, n, hit, addresses) for n, hit in found.shown]
    return answer


def _target(item_id: int, hit: Hit, addresses: Addresses) -> str:
    """The canvas of a hit, with its word's box when the page has ALTO."""
    target = addresses.canvas(item_id, hit.sequence)
    if hit.box is not None:
        target += "#xywh=" + ",".join(str(v) for v in hit.box)
    return target


def _word1(item_id: int, n: int, hit: Hit, addresses: Addresses) -> dict:
    """The 1.0 annotation of one hit: the word painted on its box of the canvas."""
    return {"@id": _annotation_id(item_id, n, hit, addresses), "@type": "oa:Annotation",
            "motivation": "sc:painting",
            "resource": {"@type": "cnt:ContentAsText", "chars": hit.exact},
            "on": _target(item_id, hit, addresses)}


def _hit1(item_id: int, n: int, hit: Hit, addresses: Addresses) -> dict:
    """The 1.0 ``search:Hit`` of one word: its annotation and the text around it."""
    found = {"@type": "search:Hit", "annotations": [_annotation_id(item_id, n, hit, addresses)],
             "match": hit.exact}
    if hit.prefix:
        found["before"] = hit.prefix
    if hit.suffix:
        found["after"] = hit.suffix
    return found


def _collection(total: int, last: int, addresses: Addresses) -> dict:
    """The AnnotationCollection of all the results, with their count."""
    return {"id": addresses.page(None), "type": "AnnotationCollection", "total": total,
            "first": {"id": addresses.page(1), "type": "AnnotationPage"},
            "last": {"id": addresses.page(last), "type": "AnnotationPage"}}


def _paging(page: int, last: int, total: int, addresses: Addresses) -> dict:
    """``partOf``, ``next`` and ``prev`` of result page ``page`` of ``last``."""
    links: dict = {"partOf": _collection(total, last, addresses), "startIndex": (page - 1) * PAGE_SIZE}
    if page < last:
        links["next"] = {"id": addresses.page(page + 1), "type": "AnnotationPage"}
    if page > 1:
        links["prev"] = {"id": addresses.page(page - 1), "type": "AnnotationPage"}
    return links


def _annotation_id(item_id: int, n: int, hit: Hit, addresses: Addresses) -> str:
    return f"{addresses.canvas(item_id, hit.sequence)}/search-hit/{n + 1}"


def _word(item_id: int, n: int, hit: Hit, addresses: Addresses) -> dict:
    """The content annotation of one hit: the word, on its box of the canvas."""
    return {"id": _annotation_id(item_id, n, hit, addresses), "type": "Annotation",
            "motivation": "painting",
            "body": {"type": "TextualBody", "value": hit.exact, "format": "text/plain"},
            "target": _target(item_id, hit, addresses)}


def _context(item_id: int, n: int, hit: Hit, addresses: Addresses) -> dict:
    """The search-specific annotation of one hit: the words before and after it."""
    selector = {"type": "TextQuoteSelector", "exact": hit.exact}
    if hit.prefix:
        selector["prefix"] = hit.prefix
    if hit.suffix:
        selector["suffix"] = hit.suffix
    return {"id": f"{_annotation_id(item_id, n, hit, addresses)}/context", "type": "Annotation",
            "motivation": "contextualizing",
            "target": {"type": "SpecificResource",
                       "source": _annotation_id(item_id, n, hit, addresses),
                       "selector": [selector]}}
