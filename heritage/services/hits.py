"""A reader's search hits inside one item: marked OCR text, word boxes on the image, hit pages.

The words are matched exactly as the search results mark them (:func:`heritage.search.query.
query_marks`): folded diacritics, the stems of the item's languages, phrases and wildcards.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from markupsafe import Markup

from ..models import Item, Page
from ..search.analyzers import document_languages
from ..search.query import QueryMarks
from . import media_store, search_backend
from .items import open_page, page_open

MAX_QUERY = 500  # characters of a query read from an address; longer ones are cut
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class WordBox:
    """A matching ALTO word and its box in page pixels."""

    x: int
    y: int
    w: int
    h: int
    word: str

    def as_json(self) -> dict:
        """The box as hits.json gives it."""
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h, "word": self.word}


@dataclass
class PageReading:
    """What the item page shows of a query: the page's text marked, and the pages with hits."""

    paragraphs: list[Markup] = field(default_factory=list)
    hit_pages: list[tuple[int, int]] = field(default_factory=list)  # (sequence, hits)
    hits_here: int = 0


def item_languages(item: Item) -> tuple[str, ...]:
    """The stemming languages of the item's ``dc:language`` values."""
    return document_languages(",".join(v.text for v in item.record.get("language")))


def marks_for(query: str) -> QueryMarks | None:
    """The marks of a reader's query, or None when it names no words."""
    query = (query or "").strip()[:MAX_QUERY]
    return search_backend().query_marks(query) if query else None


def page_reading(item: Item, page: Page, query: str, reading_room: bool = False) -> PageReading:
    """The page's OCR text in paragraphs with hits marked, and the hit count of every open page."""
    if not page_open(item, page, reading_room) or not page.has_text:
        return PageReading()
    marks = marks_for(query)
    paragraphs = page.ocr_text.split("\n\n")
    if marks is None:
        return PageReading([Markup.escape(p) for p in paragraphs])
    languages = item_languages(item)
    # closed pages are not counted: a hit count would tell what their text says
    counts = [(p.sequence, len(marks.spans(p.ocr_text, languages))) for p in item.pages
              if page_open(item, p, reading_room)]
    return PageReading([marks.mark(p, languages) for p in paragraphs],
                       [(sequence, n) for sequence, n in counts if n],
                       dict(counts).get(page.sequence, 0))


def page_hits(item_id: int, sequence: int, query: str, *, reading_room: bool = False) -> dict:
    """The page's size and the ALTO word boxes that match ``query``, in page pixels."""
    item, page = open_page(item_id, sequence, reading_room=reading_room)
    marks = marks_for(query)
    boxes = []
    if marks is not None and page.alto_key:
        with media_store().open(page.alto_key) as handle:
            alto = handle.read()
        boxes = matching_boxes(alto, marks, item_languages(item))
    return {"width": page.width, "height": page.height, "hits": [b.as_json() for b in boxes]}


def matching_boxes(alto: bytes, marks: QueryMarks, languages: tuple[str, ...]) -> list[WordBox]:
    """The boxes of the ALTO words (any ALTO version) that the query matches."""
    root = etree.fromstring(alto, _PARSER)
    found = []
    for string in root.iter("{*}String"):
        # a word hyphenated across lines is matched whole (SUBS_CONTENT), both halves boxed
        word = string.get("SUBS_CONTENT") or string.get("CONTENT") or ""
        if word and marks.matches(word, languages):
            found.append(WordBox(*(round(float(string.get(name, 0)))
                                   for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT")),
                                 string.get("CONTENT") or word))
    return found
