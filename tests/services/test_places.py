"""The gazetteer, map points and decade bars (heritage.services.places)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from heritage.cli import cli
from heritage.errors import InvalidInput
from heritage.extensions import db
from heritage.models import Place
from heritage.services.places import (PlaceEntry, archive_decades, archive_places, archive_undated,
                                      decade_bars, find_place, import_places_csv, map_points,
                                      place_groups, read_places_csv, seed_places)
from tests.factories import make_item

PARISH = (
    PlaceEntry("Ezermalas novads", "novads", "", 56.15, 27.10),
    PlaceEntry("Ezerkalnes pagasts", "pagasts", "Ezermalas novads", 56.16, 27.05),
    PlaceEntry("Ezerkalne", "ciems", "Ezerkalnes pagasts", 56.16, 27.05, ("Azarkolns",)),
    PlaceEntry("Ūdriņi", "ciems", "Ezerkalnes pagasts", 56.13, 27.14),
    PlaceEntry("Bez koordinātām", "ciems", "Ezerkalnes pagasts"),
)


@pytest.fixture
def parish(app):
    """The invented parish in the gazetteer."""
    seed_places(PARISH)


@pytest.fixture
def request_context(app):
    """Map points and bars carry URLs, so they are made inside a request."""
    with app.test_request_context("/"):
        yield


def _query(url: str) -> dict:
    parts = urlsplit(url)
    return {"path": parts.path, **parse_qs(parts.query)}


@pytest.mark.parametrize("typed", ["Ūdriņi", "udrini", "UDRIŅI", " Ūdriņi ", "Udrini, Ezerkalnes pagasts"])
def test_find_place_ignores_case_diacritics_and_a_trailing_parish(parish, typed):
    assert find_place(typed).name == "Ūdriņi"


def test_find_place_knows_variants_and_says_none_for_unknown_places(parish):
    assert find_place("azarkolns").name == "Ezerkalne"
    assert find_place("Rīga") is None and find_place("") is None


def test_a_name_beats_another_places_variant(parish):
    seed_places([PlaceEntry("Dzērves", "ciems", "Ezerkalnes pagasts", 56.1, 27.0, ("Ūdriņi",))])
    assert find_place("Udrini").name == "Ūdriņi"


def test_seeding_twice_adds_nothing_and_updates_changes(parish):
    assert seed_places(PARISH) == (0, 0)
    moved = PlaceEntry("Ūdriņi", "ciems", "Ezerkalnes pagasts", 56.2, 27.2, ("Ūdriņu ciems",))
    assert seed_places([moved]) == (0, 1)
    assert db.session.scalar(select(func.count(Place.id))) == len(PARISH)
    assert find_place("udrinu ciems").latitude == 56.2


def test_seeding_needs_parents_first(app):
    with pytest.raises(InvalidInput, match="parent"):
        seed_places([PlaceEntry("Ezerkalne", "ciems", "Nekurienes pagasts", 56.1, 27.0)])


def test_map_points_group_items_by_gazetteer_place_and_link_to_their_search(parish, request_context):
    make_item(title="Skola", coverage="Ezerkalne")
    make_item(title="Dzirnavas", coverage="udrini", spatial="Ūdriņi")  # one item, two spellings
    make_item(title="Ciems", spatial="Azarkolns")
    items = [make_item(title="Nekur", coverage="Rīga"), make_item(title="Bez", coverage="Bez koordinātām")]
    from heritage.models import Item
    points = map_points(db.session.scalars(select(Item)).all())
    assert [(p.name, p.count) for p in points] == [("Ezerkalne", 2), ("Ūdriņi", 1)]
    assert _query(points[0].url) == {"path": "/search", "place": ["Ezerkalne", "Azarkolns"]}
    assert _query(points[1].url) == {"path": "/search", "place": ["Ūdriņi"]}  # one spelling, folded
    assert (points[0].lat, points[0].lon) == (56.16, 27.05) and items


def test_decade_bars_read_dates_like_the_index_and_fill_empty_decades(app, request_context):
    items = [make_item(date="1935"), make_item(date="ap 1938"), make_item(date="1950-tie gadi"),
             make_item(date="1939/1941"), make_item(date=""), make_item(date="nezināms")]
    bars = decade_bars(items)
    assert [(b.label, b.decade, b.count) for b in bars] == [
        ("1930–1939", "1930", 3), ("1940–1949", "1940", 1), ("1950–1959", "1950", 1)]
    assert _query(bars[0].url) == {"path": "/search", "decade": ["1930"]}
    assert decade_bars([]) == []


def test_archive_places_and_decades_count_public_items_only(parish, request_context):
    make_item(title="Skola", coverage="Ezerkalne", date="1935")
    make_item(title="Lasītavā", coverage="Ezerkalne", date="1962", access_level="reading_room")
    make_item(title="Darbinieku", coverage="Ūdriņi", date="1937", access_level="staff")
    make_item(title="Melnraksts", coverage="Ūdriņi", date="1937", status="draft")
    make_item(title="Nedatēts", coverage="Ūdriņi")
    make_item(title="Plašs", date="1800/1990")  # too wide for any decade
    assert [(p.name, p.count) for p in archive_places()] == [("Ezerkalne", 2), ("Ūdriņi", 1)]
    assert [(b.decade, b.count) for b in archive_decades()] == [
        ("1930", 1), ("1940", 0), ("1950", 0), ("1960", 1)]
    assert archive_undated() == 2


def test_places_are_grouped_under_their_parish(parish, request_context):
    make_item(coverage="Ezerkalne")
    make_item(coverage="Ezermalas novads")
    groups = place_groups(archive_places())
    assert [(g.heading, [p.name for p in g.points]) for g in groups] == [
        ("Ezerkalnes pagasts", ["Ezerkalne"]), ("Ezermalas novads", ["Ezermalas novads"])]


CSV_HEADER = "name,kind,parent,latitude,longitude,variants\n"


def test_csv_import_adds_then_updates_nothing_twice(app):
    text = CSV_HEADER + ("Ezermalas novads,novads,,56.15,27.10,\n"
                         "Ezerkalne,ciems,Ezermalas novads,\"56,16\",27.05,Azarkolns|Ezerkalnes ciems\n")
    assert import_places_csv(text) == (2, 0)
    assert import_places_csv(text) == (0, 0)
    assert find_place("ezerkalnes ciems").latitude == 56.16


@pytest.mark.parametrize("row, message", [
    (",ciems,,56.1,27.0,", "line 2: the name is empty"),
    ("Ezerkalne,sādža,,56.1,27.0,", "line 2: kind 'sādža'"),
    ("Ezerkalne,ciems,,ziemeļi,27.0,", "line 2: latitude 'ziemeļi'"),
    ("Ezerkalne,ciems,,56.1,200,", "line 2: longitude '200'"),
    ("Ezerkalne,ciems,,91,27,", "line 2: latitude '91'"),
    ("Ezerkalne,ciems,,56.1,,", "line 2: give both latitude and longitude"),
    ("Ezerkalne,ciems,,56.1,27.0,,lieks", "line 2: more values"),
    ("Ezerkalne,ciems,Nekurienes pagasts,56.1,27.0,", "line 2: the parent 'Nekurienes pagasts'"),
])
def test_csv_import_names_the_line_and_the_bad_value_and_imports_nothing(app, row, message):
    with pytest.raises(InvalidInput) as error:
        import_places_csv(CSV_HEADER + row + "\n")
    assert message in str(error.value)
    assert db.session.scalar(select(func.count(Place.id))) == 0


@pytest.mark.parametrize("header", ["", "vārds,veids\n", "name,kind,population\n"])
def test_csv_import_explains_a_bad_header(app, header):
    with pytest.raises(InvalidInput, match="line 1"):
        read_places_csv(header + "Ezerkalne,ciems\n")


def test_bad_second_line_leaves_the_first_unimported(app):
    with pytest.raises(InvalidInput, match="line 3"):
        import_places_csv(CSV_HEADER + "Ezerkalne,ciems,,56.1,27.0,\nŪdriņi,ciems,,x,27.0,\n")
    assert find_place("Ezerkalne") is None


def test_cli_imports_a_csv_and_fails_with_one_clear_line(app, runner, tmp_path):
    good = tmp_path / "vietas.csv"
    good.write_text(CSV_HEADER + "Ezerkalne,ciems,,56.1,27.0,Azarkolns\n", "utf-8")
    result = runner.invoke(cli, ["places", "import", str(good)])
    assert result.exit_code == 0 and "1 places added, 0 updated" in result.output
    assert "0 places added" in runner.invoke(cli, ["places", "import", str(good)]).output
    bad = tmp_path / "slikti.csv"
    bad.write_text(CSV_HEADER + "Ūdriņi,ciems,,56.1,abc,\n", "utf-8")
    result = runner.invoke(cli, ["places", "import", str(bad)])
    assert result.exit_code == 1 and "line 2: longitude 'abc'" in result.output
