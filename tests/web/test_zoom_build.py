"""`heritage zoom build`: every public page's pyramid cut ahead of time, bad originals reported."""
from __future__ import annotations

from heritage.cli import cli
from heritage.services import media_store
from heritage.services.zoom import page_pyramid, pyramid_prefix
from tests.factories import make_item


def _complete(page) -> bool:
    return media_store().exists(f"{pyramid_prefix(page, page_pyramid(page))}/complete")


def test_builds_public_pages_once_and_leaves_closed_ones(app, runner):
    public = make_item(title="Atvērts", texts=("Pirmā.", "Otrā."))
    closed = make_item(title="Lasītavā", access_level="reading_room", texts=("Tikai lasītavā.",))
    first = runner.invoke(cli, ["zoom", "build"])
    assert first.exit_code == 0, first.output
    assert "2 pyramids built, 0 already there, 0 failed" in first.output
    assert all(_complete(page) for page in public.pages) and not _complete(closed.pages[0])
    again = runner.invoke(cli, ["zoom", "build"])
    assert "0 pyramids built, 2 already there, 0 failed" in again.output


def test_one_collection_only(app, runner):
    make_item(collection="viena", title="Vienā", texts=("Vienas kolekcijas lapa.",))
    other = make_item(collection="otra", title="Otrā", texts=("Otras kolekcijas lapa.",))
    done = runner.invoke(cli, ["zoom", "build", "--collection", "viena"])
    assert "1 pyramids built" in done.output and not _complete(other.pages[0])


def test_an_unreadable_original_is_named_and_the_rest_still_built(app, runner, client):
    broken = make_item(title="Bojāts", texts=("Šī lapa tiks sabojāta.",))
    good = make_item(title="Vesels", texts=("Šī lapa paliks vesela.",))
    original = broken.media_files[0].storage_key
    media_store().put_bytes(original, b"not an image any more")
    done = runner.invoke(cli, ["zoom", "build"])
    assert done.exit_code == 1
    assert f"item #{broken.id} page 1" in done.output and "could not be read" in done.output
    assert "1 pyramids built, 0 already there, 1 failed" in done.output
    assert _complete(good.pages[0])
    # a reader asking for a tile of it gets a 'not found' page, not a server error
    assert client.get(f"/items/{broken.id}/pages/1/zoom_files/0/0_0.jpg").status_code == 404
