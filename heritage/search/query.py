"""Answering a reader's query: parsing, filtering to what the public may see, snippets."""
from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil

from markupsafe import Markup
from whoosh.highlight import ContextFragmenter, Formatter, HtmlFormatter, get_text
from whoosh.index import Index
from whoosh.qparser import MultifieldParser
from whoosh.query import Query, Term

from .schema import SEARCHED_FIELDS

SNIPPET_CHARS = 220


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

    def as_json(self) -> dict:
        """The hit as the CLI's and API's JSON shape."""
        return {"id": self.id, "title": self.title, "collection": self.collection,
                "files": self.files, "snippet": self.snippet, "score": round(self.score, 4)}


@dataclass
class SearchPage:
    """One page of results for a query."""

    query: str
    total: int
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many pages the results fill."""
        return max(1, ceil(self.total / self.page_size))


class PlainFormatter(Formatter):
    """Snippet fragments as plain text, joined with an ellipsis."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return get_text(text, token, replace)


def parse(ix: Index, text: str) -> Query:
    """The Whoosh query for what a reader typed: all words must match, in any field."""
    parser = MultifieldParser(SEARCHED_FIELDS, schema=ix.schema)
    return parser.parse(text)


def search(ix: Index, text: str, page: int = 1, page_size: int = 20,
           published_only: bool = True) -> SearchPage:
    """Find items matching ``text``; by default only published ones."""
    result = SearchPage(query=text, total=0, page=max(1, page), page_size=page_size)
    if not text.strip():
        return result
    query = parse(ix, text)
    only = Term("status", "published") if published_only else None
    with ix.searcher() as searcher:
        found = searcher.search(query, limit=result.page * page_size, filter=only, terms=True)
        found.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        result.total = len(found)
        start = (result.page - 1) * page_size
        result.hits = [_hit(found[i]) for i in range(start, min(found.scored_length(), start + page_size))]
    return result


def _hit(found) -> Hit:
    fields = found.fields()
    plain, html = _snippets(found, fields)
    return Hit(id=int(fields["id"]), title=fields.get("title", ""),
               collection=fields.get("collection", ""), files=list(fields.get("files") or []),
               snippet=plain, snippet_html=html, score=found.score,
               date=fields.get("date") or "", type=fields.get("type", ""))


def _snippets(found, fields) -> tuple[str, Markup]:
    """Highlighted fragments of the full text (public items only) or the description."""
    sources = ("fulltext", "description") if fields.get("access") == "public" else ("description",)
    for name in sources:
        if fields.get(name) and found.results.has_matched_terms():
            found.results.formatter = PlainFormatter()
            plain = " ".join(found.highlights(name, top=2).split())
            if plain:
                found.results.formatter = HtmlFormatter(tagname="mark", classname="hit", between=" … ")
                return plain, Markup(found.highlights(name, top=2))
    fallback = _opening(fields.get("description") or fields.get("fulltext", "")
                        if fields.get("access") == "public" else fields.get("description", ""))
    return fallback, Markup.escape(fallback)


def _opening(text: str) -> str:
    """The first words of ``text``, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
