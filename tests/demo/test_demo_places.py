"""The demo gazetteer: every demo place is on the map, seeded also into already-built demos."""
from __future__ import annotations

from sqlalchemy import func, select

from heritage.demo.places import DEMO_PLACES
from heritage.demo.texts import CLIPPINGS, MEMORY_STORY, NEIGHBOUR, PARISH, PHOTOS
from heritage.extensions import db
from heritage.models import Place
from heritage.services import demo
from heritage.services.places import find_place, seed_places


def test_every_place_the_demo_names_has_coordinates(app):
    seed_places(DEMO_PLACES)
    named = {c.place for c in CLIPPINGS} | {p.place for p in PHOTOS} | {MEMORY_STORY.place}
    named |= {*PARISH.villages, *NEIGHBOUR.villages, PARISH.name, NEIGHBOUR.name}
    for name in named:
        place = find_place(name)
        assert place is not None and place.latitude is not None, name


def test_demo_places_lie_where_the_story_puts_them(app):
    seed_places(DEMO_PLACES)
    for name in PARISH.villages:
        place = find_place(name)
        assert 56.0 <= place.latitude <= 56.3 and 26.8 <= place.longitude <= 27.4, name
        assert place.parent.name == PARISH.name and place.parent.parent.name == PARISH.municipality
    assert abs(find_place("Ežerėliai").latitude - 55.9) < 0.1


def test_an_already_built_demo_gets_the_gazetteer_too(app, tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "demo_is_built", lambda slugs: 28)
    monkeypatch.setattr(demo, "_demo_exhibition_exists", lambda: True)
    lines = list(demo.build_demo(tmp_path))
    assert any("already built (28 items)" in line for line in lines)
    assert db.session.scalar(select(func.count(Place.id))) == len(DEMO_PLACES)
    assert "0 places added" in list(demo.build_demo(tmp_path))[0]
