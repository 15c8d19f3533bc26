"""Newspapers: published clippings grouped by newspaper title → year → issue → clipping.

A clipping's newspaper, issue number and page are read the way its citation reads them
(:func:`dublin_core.cite.citation_from_record`): the newspaper is ``isPartOf``, else the
publisher of a text whose source or ``bibliographicCitation`` cites "Nr. 92" or "9. lpp.".
Only published items the public or the reading room may see are listed, never staff-only ones.
A clipping without an issue number is grouped under its date (an "issue" keyed by the date).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dublin_core.cite import citation_from_record

from ..errors import NewspaperNotFound
from ..extensions import db
from ..models import Item, ItemValue
from ..search.analyzers import fold
from .access import DESCRIBED
from .archive import item_stamp

#: Access levels whose descriptions anybody may browse (staff-only items are never listed).
LISTED_ACCESS = DESCRIBED  # the description is public (files are decided by services.access)
# the elements a clipping's newspaper, issue or page can come from
_CLIPPING_ELEMENTS = ("isPartOf", "source", "bibliographicCitation")


@dataclass
class Clipping:
    """One published clipping: its item, its page in the issue and its date (ISO, as known).

    The grouping is cached between requests, so it holds the item's id; ``item`` is loaded
    only for the clippings of the issue being shown.
    """

    item_id: int
    page: str | None
    date: str
    title: str
    item: Item | None = None

    @property
    def sort_key(self) -> tuple:
        """By first page (clippings without a page last), then by title."""
        first = re.match(r"\d+", self.page or "")
        return (int(first.group()) if first else 10**9, fold(self.title), self.item_id)


@dataclass
class Issue:
    """An issue of a newspaper: its number (if cited), its date and its clippings by page."""

    key: str
    year: int
    number: str | None
    date: str
    clippings: list[Clipping] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        """By date, then by the number's digits."""
        digits = re.match(r"\d+", self.number or "")
        return (self.date, int(digits.group()) if digits else 0, self.key)


@dataclass
class Year:
    """A year of a newspaper with how many issues and clippings it has."""

    year: int
    issues: int
    clippings: int


@dataclass
class Newspaper:
    """A newspaper title with its clippings' count and the years they span."""

    slug: str
    title: str
    count: int
    first_year: int
    last_year: int


def newspaper_slug(title: str) -> str:
    """A stable ASCII slug of a newspaper title, diacritics folded.

    >>> newspaper_slug("Ezermalas Vēstis"), newspaper_slug("„Ežerėlių aidas“")
    ('ezermalas-vestis', 'ezereliu-aidas')
    """
    folded = unicodedata.normalize("NFKD", fold(title)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    # a title in another script (Cyrillic) folds to nothing: name it by a hash instead
    return slug or "laikraksts-" + hashlib.sha1(fold(title).encode()).hexdigest()[:8]


def issue_key(number: str | None, date: str) -> str:
    """An issue's part of the address: its number as a slug, or else its date.

    >>> issue_key("92", "2021-12-03"), issue_key("12/13", "2021"), issue_key(None, "2021-12-03")
    ('92', '12-13', '2021-12-03')
    """
    if number:
        return re.sub(r"[^0-9a-z]+", "-", fold(number)).strip("-") or date
    return date


@dataclass
class _Title:
    """Everything found of one newspaper while grouping (its spellings and issues)."""

    spellings: Counter = field(default_factory=Counter)
    issues: dict[tuple[int, str], Issue] = field(default_factory=dict)


def _listed_clippings():
    """Published, browsable items that may be clippings, with their values loaded."""
    may_cite = select(ItemValue.item_id).where(ItemValue.element.in_(_CLIPPING_ELEMENTS))
    return db.session.scalars(
        select(Item).where(Item.status == "published", Item.access_level.in_(LISTED_ACCESS),
                           Item.id.in_(may_cite))
        .options(selectinload(Item.values)).order_by(Item.id)).all()


# database URL -> (the archive's change stamp, its clippings grouped): reading every clipping's
# citation takes about half a second at 3,000 clippings, and it changes only when items do
_CACHE: dict[str, tuple[tuple, dict[str, _Title]]] = {}


def _grouped() -> dict[str, _Title]:
    """The grouping of :func:`_group`, reused while no item has changed."""
    key, stamp = str(db.engine.url), item_stamp()
    cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp:
        cached = _CACHE[key] = (stamp, _group())
    return cached[1]


def _group() -> dict[str, _Title]:
    """Every listed clipping with a date, grouped by newspaper slug and (year, issue key)."""
    titles: dict[str, _Title] = {}
    for item in _listed_clippings():
        citation = citation_from_record(item.record, f"/items/{item.id}")
        if citation.type != "article-newspaper" or not citation.container_title:
            continue
        if not citation.date_parts:  # an undated clipping belongs to no year
            continue
        found = titles.setdefault(newspaper_slug(citation.container_title), _Title())
        found.spellings[citation.container_title] += 1
        year, date = citation.date_parts[0], citation.iso_date
        key = issue_key(citation.issue, date)
        issue = found.issues.setdefault((year, key), Issue(key, year, citation.issue, date))
        # clippings may disagree on the date: keep the most precise, then the earliest
        issue.date = min(issue.date, date, key=lambda d: (-len(d), d))
        issue.clippings.append(Clipping(item.id, citation.page, date, citation.title))
    for found in titles.values():
        for issue in found.issues.values():
            issue.clippings.sort(key=lambda clipping: clipping.sort_key)
    return titles


def _newspaper(slug: str, found: _Title) -> Newspaper:
    years = [year for year, _key in found.issues]
    count = sum(len(issue.clippings) for issue in found.issues.values())
    # the most used spelling names the newspaper (ties: alphabetically first)
    title = min(found.spellings.items(), key=lambda pair: (-pair[1], pair[0]))[0]
    return Newspaper(slug, title, count, min(years), max(years))


def _one(slug: str) -> tuple[Newspaper, _Title]:
    found = _grouped().get(slug)
    if found is None:
        raise NewspaperNotFound(f"no published clippings of newspaper {slug!r}")
    return _newspaper(slug, found), found


def newspaper_titles() -> list[Newspaper]:
    """Every newspaper with published clippings, alphabetically."""
    papers = [_newspaper(slug, found) for slug, found in _grouped().items()]
    return sorted(papers, key=lambda paper: (fold(paper.title), paper.slug))


def newspaper_years(slug: str) -> tuple[Newspaper, list[Year]]:
    """A newspaper and its years, oldest first, with their issue and clipping counts."""
    paper, found = _one(slug)
    years: dict[int, Year] = {}
    for (year, _key), issue in found.issues.items():
        entry = years.setdefault(year, Year(year, 0, 0))
        entry.issues += 1
        entry.clippings += len(issue.clippings)
    return paper, [years[year] for year in sorted(years)]


def newspaper_issues(slug: str, year: int) -> tuple[Newspaper, list[Issue]]:
    """A newspaper and its issues of ``year`` by date (their clippings by page, then title)."""
    paper, found = _one(slug)
    issues = sorted((issue for (y, _k), issue in found.issues.items() if y == year),
                    key=lambda issue: issue.sort_key)
    if not issues:
        raise NewspaperNotFound(f"no published clippings of {slug!r} from {year}")
    return paper, issues


def issue_clippings(slug: str, year: int, key: str) -> tuple[Newspaper, Issue]:
    """A newspaper and one issue with its clippings by page, then title (their pages loaded)."""
    paper, found = _one(slug)
    issue = found.issues.get((year, key))
    if issue is None:
        raise NewspaperNotFound(f"no issue {key!r} of {slug!r} in {year}")
    shown = replace(issue, clippings=list(issue.clippings))
    items = {item.id: item for item in db.session.scalars(
        select(Item).where(Item.id.in_([c.item_id for c in shown.clippings]))
        .options(selectinload(Item.values), selectinload(Item.pages)))}
    shown.clippings = [replace(c, item=items[c.item_id]) for c in shown.clippings
                       if c.item_id in items]
    return paper, shown
