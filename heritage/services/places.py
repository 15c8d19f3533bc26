"""Browsing by place and time: the gazetteer, map points and decade bars.

Items name places as people typed them (``dc:coverage``, ``dcterms:spatial``); the gazetteer
(:class:`heritage.models.Place`) matches those names, or a variant spelling, without regard
to case or diacritics, and gives them coordinates. Decades come from the items' dates the way
the search index reads them, so a bar's count and the search it links to agree.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from flask import url_for
from sqlalchemy import select

from ..errors import InvalidInput
from ..extensions import db
from ..models import PLACE_KINDS, Item, Place
from ..search.analyzers import fold
from ..search.index import date_fields
from .search import search_items

CSV_COLUMNS = ("name", "kind", "parent", "latitude", "longitude", "variants")
VARIANT_SEPARATOR = "|"  # variants in one CSV cell; the database keeps one per line


@dataclass(frozen=True)
class MapPoint:
    """A place on a map: its name, coordinates, how many items name it, and their search."""

    name: str
    lat: float
    lon: float
    count: int
    url: str


@dataclass(frozen=True)
class DecadeBar:
    """A decade on a timeline: ``label`` "1930–1939", ``decade`` "1930", the count and its search."""

    label: str
    decade: str
    count: int
    url: str


@dataclass(frozen=True)
class PlaceEntry:
    """One gazetteer entry to seed or import; ``parent`` is the parent's name ("" for none)."""

    name: str
    kind: str = "other"
    parent: str = ""
    latitude: float | None = None
    longitude: float | None = None
    variants: tuple[str, ...] = ()


@dataclass
class PlaceGroup:
    """Map points under one heading (a novads or pagasts, or none) for the places page."""

    heading: str
    points: list[MapPoint] = field(default_factory=list)


# --- The gazetteer ---------------------------------------------------------------------------

def gazetteer() -> dict[str, Place]:
    """Every place by its folded name and variants; a name beats another place's variant."""
    places = db.session.scalars(select(Place).order_by(Place.id)).all()
    found: dict[str, Place] = {}
    for place in places:
        for variant in place.names[1:]:
            found.setdefault(fold(variant), place)
    names: dict[str, Place] = {}
    for place in places:  # of two places with one name (in different parents), the older wins
        names.setdefault(fold(place.name), place)
    return {**found, **names}


def find_place(name: str, places: Mapping[str, Place] | None = None) -> Place | None:
    """The gazetteer's place called ``name`` or with it as a variant, ignoring case and diacritics.

    A value like "Ezerkalne, Ezerkalnes pagasts" is looked up whole, then part by part.
    """
    places = gazetteer() if places is None else places
    for candidate in [name, *name.replace(";", ",").split(",")]:
        found = places.get(fold(candidate.strip()))
        if found is not None:
            return found
    return None


def seed_places(entries: Iterable[PlaceEntry]) -> tuple[int, int]:
    """Add or update gazetteer entries (parents before children); returns (added, updated).

    Idempotent: an entry with the same name under the same parent is updated, not repeated.
    All or nothing: on a bad entry nothing is kept and :class:`InvalidInput` says why.
    """
    known = gazetteer()  # kept up to date here, not re-read for every entry of a long file
    added = updated = 0
    try:
        for entry in entries:
            place, is_new = _seed_one(entry, known)
            added, updated = added + is_new, updated + (not is_new and _changed(place, entry))
            _apply(place, entry)
            for name in place.names[1:]:
                known.setdefault(fold(name), place)
            known.setdefault(fold(place.name), place)
    except InvalidInput:
        db.session.rollback()
        raise
    db.session.commit()
    return added, updated


def _seed_one(entry: PlaceEntry, known: Mapping[str, Place]) -> tuple[Place, bool]:
    """The place ``entry`` describes, and whether it is new (added to the session and flushed)."""
    _check_entry(entry)
    parent = _parent(entry.parent, known)
    parent_id = parent.id if parent else None
    place = db.session.scalar(select(Place).where(Place.name == entry.name,
                                                  Place.parent_id.is_(None) if parent_id is None
                                                  else Place.parent_id == parent_id))
    if place is not None:
        return place, False
    place = Place(name=entry.name, parent_id=parent_id, kind=entry.kind, variants="")
    db.session.add(place)
    db.session.flush()  # later entries may name this one as their parent
    return place, True


def _apply(place: Place, entry: PlaceEntry) -> None:
    """Give ``place`` the kind, coordinates and variants of ``entry``."""
    place.kind, place.latitude, place.longitude = entry.kind, entry.latitude, entry.longitude
    place.variants = "\n".join(entry.variants)


def _check_entry(entry: PlaceEntry) -> None:
    """Raise :class:`InvalidInput` for an entry the gazetteer cannot hold."""
    if not entry.name.strip():
        raise InvalidInput("a place needs a name")
    if entry.kind not in PLACE_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(PLACE_KINDS)}, not {entry.kind!r}")
    if (entry.latitude is None) != (entry.longitude is None):
        raise InvalidInput(f"{entry.name}: give both latitude and longitude, or neither")


def _parent(name: str, known: Mapping[str, Place]) -> Place | None:
    """The parent place called ``name`` (a name or a variant), or None for no parent."""
    if not name.strip():
        return None
    parent = find_place(name, known)
    if parent is None:
        raise InvalidInput(f"the parent place {name!r} is not in the gazetteer; "
                           "list parents before the places inside them")
    return parent


def _changed(place: Place, entry: PlaceEntry) -> bool:
    return (place.kind, place.latitude, place.longitude, place.variants) != (
        entry.kind, entry.latitude, entry.longitude, "\n".join(entry.variants))


# --- CSV import ------------------------------------------------------------------------------

def read_places_csv(text: str) -> list[PlaceEntry]:
    """Gazetteer entries from CSV text with a header ``name,kind,parent,latitude,longitude,variants``.

    Variants are separated by ``|``. Raises :class:`InvalidInput` naming the line and the bad value.
    """
    return [entry for _, entry in _csv_rows(text)]


def _csv_rows(text: str) -> list[tuple[int, PlaceEntry]]:
    """(line number, entry) for each row of a gazetteer CSV."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
        raise InvalidInput(f"line 1: the header must be {','.join(CSV_COLUMNS)}")
    unknown = [f for f in reader.fieldnames if f.strip() not in CSV_COLUMNS]
    if unknown:
        raise InvalidInput(f"line 1: unknown column {unknown[0]!r}; the columns are "
                           f"{','.join(CSV_COLUMNS)}")
    rows = []
    for row in reader:
        row = {k.strip() if k is not None else None: v for k, v in row.items()}
        rows.append((reader.line_num, _csv_entry(row, reader.line_num)))
    return rows


def _csv_entry(row: dict, line: int) -> PlaceEntry:
    """One CSV row as an entry; a bad value is an error naming ``line``."""
    if None in row:
        raise InvalidInput(f"line {line}: more values than the header has columns")
    name = (row.get("name") or "").strip()
    if not name:
        raise InvalidInput(f"line {line}: the name is empty")
    kind = (row.get("kind") or "").strip() or "other"
    if kind not in PLACE_KINDS:
        raise InvalidInput(f"line {line}: kind {kind!r} is not one of {', '.join(PLACE_KINDS)}")
    latitude = _coordinate(row.get("latitude"), "latitude", 90, line)
    longitude = _coordinate(row.get("longitude"), "longitude", 180, line)
    if (latitude is None) != (longitude is None):
        raise InvalidInput(f"line {line}: give both latitude and longitude for {name!r}, or neither")
    variants = tuple(v.strip() for v in (row.get("variants") or "").split(VARIANT_SEPARATOR)
                     if v.strip())
    return PlaceEntry(name, kind, (row.get("parent") or "").strip(), latitude, longitude, variants)


def _coordinate(raw: str | None, label: str, limit: float, line: int) -> float | None:
    """A latitude or longitude in decimal degrees (a decimal comma is forgiven), or None."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = None
    if value is None or not -limit <= value <= limit:
        raise InvalidInput(f"line {line}: {label} {text!r} is not a number of degrees "
                           f"from -{limit} to {limit}, e.g. 56.12")
    return value


def import_places_csv(text: str) -> tuple[int, int]:
    """Read and seed a gazetteer CSV, all or nothing; returns (added, updated)."""
    rows = _csv_rows(text)
    _check_parents(rows)
    return seed_places(entry for _, entry in rows)


def _check_parents(rows: Sequence[tuple[int, PlaceEntry]]) -> None:
    """Raise, naming the line, when a parent is neither in the gazetteer nor on an earlier line."""
    known = set(gazetteer())
    for line, entry in rows:
        if entry.parent and fold(entry.parent) not in known:
            raise InvalidInput(f"line {line}: the parent {entry.parent!r} is neither in the "
                               "gazetteer nor on an earlier line")
        known.update(fold(name) for name in (entry.name, *entry.variants))


# --- Map points ------------------------------------------------------------------------------

def place_names(item: Item) -> list[str]:
    """The place names an item's record gives, coverage and spatial alike, once each."""
    record = item.record.simple()  # dcterms:spatial folds into dc:coverage
    return list(dict.fromkeys(v.text.strip() for v in record.get("coverage") if v.text.strip()))


def map_points(items: Iterable[Item]) -> list[MapPoint]:
    """The gazetteer places that ``items`` name, with coordinates, and how many items name each."""
    return _points((place_names(item), 1) for item in items)


def points_from_counts(counts: Mapping[str, int]) -> list[MapPoint]:
    """Map points from place name -> item count (a facet's counts), grouped by gazetteer place.

    An item naming one place in two spellings is counted under both; that is rare enough.
    """
    return _points(([name], count) for name, count in counts.items())


def _points(named: Iterable[tuple[Sequence[str], int]]) -> list[MapPoint]:
    """Map points from (names, count) pairs: each pair counts once for each place it names."""
    places = gazetteer()
    found: dict[int, Place] = {}
    counts: Counter = Counter()
    spellings: dict[int, set[str]] = {}
    for names, count in named:
        located = {}
        for name in names:
            place = find_place(name, places)
            if place is not None and place.latitude is not None and place.longitude is not None:
                located[place.id] = place
                spellings.setdefault(place.id, set()).add(name)
        for place_id, place in located.items():
            found[place_id] = place
            counts[place_id] += count
    points = [MapPoint(place.name, place.latitude, place.longitude, counts[place_id],
                       _place_url(place.name, spellings[place_id]))
              for place_id, place in found.items()]
    return sorted(points, key=lambda p: (-p.count, fold(p.name)))


def _place_url(name: str, spellings: Iterable[str]) -> str:
    """The search for items naming the place in any of the spellings the items use."""
    values = _distinct_folded([name, *sorted(spellings)])
    return url_for("public.search_page", place=values)


def _distinct_folded(values: Sequence[str]) -> list[str]:
    """``values`` without those equal to an earlier one but for case and diacritics."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(fold(value), value)
    return list(seen.values())


def archive_places() -> list[MapPoint]:
    """Map points for all public items, from the search index's place counts."""
    found = search_items("", list_all=True, facets=("place",), page_size=1)
    return points_from_counts({c.value: c.count for c in found.facets.get("place", [])})


def place_groups(points: Sequence[MapPoint]) -> list[PlaceGroup]:
    """``points`` under the name of the pagasts or novads they lie in (heading "" when unknown)."""
    places = gazetteer()
    groups: dict[str, PlaceGroup] = {}
    for point in points:
        heading = _region(places.get(fold(point.name)))
        groups.setdefault(heading, PlaceGroup(heading)).points.append(point)
    return sorted(groups.values(), key=lambda g: (g.heading == "", fold(g.heading)))


def _region(place: Place | None) -> str:
    """The name of the nearest pagasts or novads containing ``place`` (the place's own if it is one)."""
    seen = set()
    while place is not None and place.id not in seen:  # a cycle in bad data must not hang
        seen.add(place.id)
        if place.kind in ("pagasts", "novads"):
            return place.name
        place = place.parent
    return ""


# --- Decade bars -----------------------------------------------------------------------------

def item_decades(item: Item) -> list[str]:
    """The decades an item's date falls in, as the search index counts them ("1930", ...)."""
    date = item.record.simple().first("date") or ""
    return [d for d in date_fields(date)["decade"].split("\n") if d]


def decade_bars(items: Iterable[Item]) -> list[DecadeBar]:
    """How many of ``items`` fall in each decade, oldest first, empty decades between included."""
    return bars_from_counts(Counter(d for item in items for d in item_decades(item)))


def bars_from_counts(counts: Mapping[str, int]) -> list[DecadeBar]:
    """Decade bars from decade -> count, with the empty decades between the first and last."""
    decades = sorted(int(d) for d in counts if d.lstrip("-").isdigit())
    if not decades:
        return []
    return [DecadeBar(f"{d}–{d + 9}", str(d), counts.get(str(d), 0),
                      url_for("public.search_page", decade=str(d)))
            for d in range(decades[0], decades[-1] + 10, 10)]


def archive_decades() -> list[DecadeBar]:
    """Decade bars for all public items, from the search index's decade counts."""
    found = search_items("", list_all=True, facets=("decade",), page_size=1)
    return bars_from_counts({c.value: c.count for c in found.facets.get("decade", [])})


def archive_undated() -> int:
    """How many public items fall in no decade: undated, or dated too vaguely to place."""
    found = search_items("", list_all=True, facets=("decade",), page_size=1)
    decades = [count.value for count in found.facets.get("decade", [])]
    if not decades:
        return found.total
    return found.total - search_items("", filters={"decade": decades}, page_size=1).total
