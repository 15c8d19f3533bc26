"""Reading search parameters from a request, for the search page and the search API alike.

The page is forgiving (a bad value is left out and the reader told why); the API is strict
(the first bad value is a 400 naming the parameter). Both read the same names:
``q``, ``page``, ``sort``, ``year_from``, ``year_to``, one repeated parameter per facet
(``decade=1930&decade=1940``), and in the API also ``page_size`` and ``facet``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from ..search.query import FACETS, SORTS

MAX_PAGE_SIZE = 100
YEARS = range(1, 10000)


class BadParameter(Exception):
    """A request parameter that cannot be used: in English for the API, translated for the page."""

    def __init__(self, parameter: str, value: str, message: str, reader_message="",
                 fallback: dict | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.value = value
        self.message = message  # for the API: names the parameter, the value and the remedy
        self.reader_message = reader_message  # for the page, in the interface language
        self.fallback = fallback or {}  # what the forgiving page uses instead


@dataclass(frozen=True)
class SearchParams:
    """What a search asks for, as read from the query string."""

    q: str = ""
    page: int = 1
    sort: str = "relevance"
    year_from: int | None = None
    year_to: int | None = None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page_size: int | None = None
    facets: tuple[str, ...] = FACETS

    @property
    def asked(self) -> bool:
        """Whether the reader asked for anything: words, a filter or years."""
        return bool(self.q or self.filters or self.years)

    @property
    def years(self) -> tuple[int | None, int | None] | None:
        """The year range for :func:`search_items`, or None when no year is given."""
        if self.year_from is None and self.year_to is None:
            return None
        return (self.year_from, self.year_to)

    def service_filters(self) -> dict[str, list[str]] | None:
        """The facet filters for :func:`search_items`."""
        return {name: list(values) for name, values in self.filters.items()} or None

    def url_args(self, **changes) -> dict:
        """Query-string arguments for a link to this search (page left out), with ``changes``."""
        state = replace(self, **changes)
        args = {"q": state.q or None, "sort": state.sort if state.sort != "relevance" else None,
                "year_from": state.year_from, "year_to": state.year_to,
                **{name: list(values) for name, values in state.filters.items()}}
        return {key: value for key, value in args.items() if value not in (None, "", [])}

    def adding(self, facet: str, value: str) -> dict:
        """Link arguments that also filter on ``facet`` = ``value`` (back to the first page)."""
        values = self.filters.get(facet, ())
        return self.url_args(filters={**self.filters, facet: (*values, value)})

    def removing(self, facet: str, value: str) -> dict:
        """Link arguments without the filter ``facet`` = ``value``."""
        kept = {name: tuple(v for v in values if (name, v) != (facet, value))
                for name, values in self.filters.items()}
        return self.url_args(filters={name: values for name, values in kept.items() if values})

    def without_years(self) -> dict:
        """Link arguments without the year range."""
        return self.url_args(year_from=None, year_to=None)

    def without_filters(self) -> dict:
        """Link arguments keeping only the words and the order."""
        return self.url_args(year_from=None, year_to=None, filters={})

    def with_query(self, text: str) -> dict:
        """Link arguments searching for ``text`` instead, with the same filters."""
        return self.url_args(q=text)


def read_params(args: MultiDict, *, api: bool = False) -> tuple[SearchParams, list[BadParameter]]:
    """The search parameters in ``args``, and the problems found.

    A bad value is replaced by its default (or, for reversed years, by the years swapped).
    """
    problems: list[BadParameter] = []

    def use(reader: Callable[..., dict], *given) -> dict:
        try:
            return reader(*given)
        except BadParameter as problem:
            problems.append(problem)
            return problem.fallback

    values: dict = {"q": " ".join(args.get("q", "").split()), "filters": _filters(args)}
    for reader in (_page, _sort, _year_from, _year_to) + ((_page_size, _facets) if api else ()):
        values.update(use(reader, args))
    values.update(use(_year_order, values.get("year_from"), values.get("year_to")))
    return SearchParams(**values), problems


def read_paging(args: MultiDict) -> tuple[int, int | None]:
    """``page`` and ``page_size`` for a paged API list; raises the first :class:`BadParameter`."""
    values = {**_page(args), **_page_size(args)}
    return values.get("page", 1), values.get("page_size")


def _filters(args: MultiDict) -> dict[str, tuple[str, ...]]:
    """Facet filters: each facet's non-empty values, once each, in the order given."""
    found = {}
    for name in FACETS:
        values = tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
        if values:
            found[name] = values
    return found


def _page(args: MultiDict) -> dict:
    raw = args.get("page", "").strip()
    if not raw:
        return {}
    number = _whole_number(raw)
    if number is None or number < 1:
        raise BadParameter(
            "page", raw, f"page must be a whole number of 1 or more, not {raw!r}; "
            "leave it out for the first page.",
            _l('There is no page "%(value)s", so the first page is shown.', value=raw))
    return {"page": number}


def _sort(args: MultiDict) -> dict:
    raw = args.get("sort", "").strip()
    if not raw:
        return {}
    if raw not in SORTS:
        raise BadParameter(
            "sort", raw, f"sort must be one of {', '.join(SORTS)}, not {raw!r}.",
            _l('The order "%(value)s" is unknown, so the best matches are shown first.', value=raw))
    return {"sort": raw}


def _year_from(args: MultiDict) -> dict:
    return {"year_from": _year(args, "year_from")}


def _year_to(args: MultiDict) -> dict:
    return {"year_to": _year(args, "year_to")}


def _year_order(start: int | None, end: int | None) -> dict:
    if start is not None and end is not None and start > end:
        raise BadParameter(
            "year_from", str(start), f"year_from ({start}) is after year_to ({end}); "
            "put the earlier year in year_from.",
            _l("The years %(start)s and %(end)s were the wrong way round, so they were swapped.",
               start=start, end=end), fallback={"year_from": end, "year_to": start})
    return {}


def _year(args: MultiDict, name: str) -> int | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    year = _whole_number(raw)
    if year is None or year not in YEARS:
        label = _l("From year") if name == "year_from" else _l("To year")
        raise BadParameter(
            name, raw, f"{name} must be a year in digits from 1 to 9999, e.g. 1935, not {raw!r}.",
            _l('"%(value)s" in "%(field)s" is not a year, so it was left out. Type the year in '
               'digits, for example 1935.', value=raw, field=label))
    return year


def _page_size(args: MultiDict) -> dict:
    raw = args.get("page_size", "").strip()
    if not raw:
        return {}
    size = _whole_number(raw)
    if size is None or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadParameter(
            "page_size", raw, f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}, "
            f"not {raw!r}; ask for further pages with page.")
    return {"page_size": size}


def _facets(args: MultiDict) -> dict:
    names = tuple(dict.fromkeys(n.strip() for n in args.getlist("facet") if n.strip()))
    unknown = [name for name in names if name not in FACETS]
    if unknown:
        raise BadParameter(
            "facet", unknown[0], f"facet must name one of {', '.join(FACETS)}, not "
            f"{unknown[0]!r}; repeat the parameter to count several facets.")
    return {"facets": names} if names else {}


def _whole_number(text: str) -> int | None:
    """``text`` as an int if it is written in ASCII digits (with an optional minus), else None."""
    digits = text[1:] if text.startswith("-") else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 9:
        return None
    return int(text)
