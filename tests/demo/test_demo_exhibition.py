"""The demo exhibition: its items are demo items, and it builds, rebuilds and fails loudly."""
from __future__ import annotations

import pytest

from heritage.demo import exhibition as demo
from heritage.demo.texts import CLIPPINGS, MEMORY_STORY, PHOTOS
from heritage.errors import InvalidInput
from heritage.models import BLOCK_KINDS
from heritage.services.demo import build_demo_exhibition
from heritage.services.exhibitions import get_public_exhibition, public_exhibitions
from tests.factories import make_item


def test_every_item_it_names_is_a_demo_item():
    demo_titles = {c.title for c in CLIPPINGS} | {p.title for p in PHOTOS} | {MEMORY_STORY.title}
    assert set(demo.item_titles()) | {demo.COVER} <= demo_titles


def test_it_has_three_pages_with_every_kind_of_block():
    assert [page.title for page in demo.PAGES] == [
        "Ūdensdzirnavas un ezers", "Skola", "Ļaudis un svētki"]
    assert {block.kind for page in demo.PAGES for block in page.blocks} == set(BLOCK_KINDS)


@pytest.fixture
def demo_items(app):
    """An item for each title the exhibition names, in the demo's two collections."""
    for number, title in enumerate(demo.item_titles()):
        make_item(collection=demo.COLLECTIONS[number % 2], title=title, texts=(title,))


def test_build_publishes_and_features_it_and_a_rebuild_replaces_it(demo_items):
    assert build_demo_exhibition().startswith("Exhibition 'ezerkalnes-stasti' built: 3 pages")
    build_demo_exhibition()
    found = get_public_exhibition(demo.SLUG)
    assert [e.slug for e in public_exhibitions()] == [demo.SLUG]
    assert found.featured and [page.slug for page in found.pages] == [
        "udensdzirnavas-un-ezers", "skola", "laudis-un-svetki"]
    assert found.cover_item.title() == demo.COVER
    assert sorted(c.slug for c in found.collections) == sorted(demo.COLLECTIONS)


def test_a_missing_item_fails_the_build_naming_it(app):
    make_item(title="Ūdrupes ūdensdzirnavas")
    with pytest.raises(InvalidInput, match="Ūdrupes dzirnavās jauna turbīna"):
        build_demo_exhibition()
    assert public_exhibitions() == []


def test_an_archive_built_before_exhibitions_gets_the_exhibition_once(demo_items, tmp_path):
    from heritage.services.demo import build_demo

    first = list(build_demo(tmp_path / "sources"))
    assert any("already built" in line for line in first)
    assert any(line.startswith("Exhibition 'ezerkalnes-stasti' built") for line in first)
    again = list(build_demo(tmp_path / "sources"))
    assert not any(line.startswith("Exhibition") for line in again)
    assert get_public_exhibition(demo.SLUG).featured
