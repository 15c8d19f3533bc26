"""IIIF's own Image API validator (the ``iiif-validator`` package) against a running heritage.

The validator checks pixels against its test image: 1000×1000, ten by ten squares of known
colours (the colours are in the package; the image itself is not shipped, so it is drawn
here from them). That image is stored as page 1 of a published item, and every level-1 test
of Image API 3.0 must pass against ``heritage serve``. Level-2 and level-3 results are
printed for information.
"""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from heritage import create_app
from heritage.services.database import upgrade_schema
from tests.web.browsing import archive_settings, served

validator = pytest.importorskip("iiif_validator.validator")


def validator_image() -> Image.Image:
    """The validator's test image: square (x, y) at 100x, 100y has colour ``colorInfo[x][y]``."""
    colours = validator.ValidationInfo().colorInfo
    image = Image.new("RGB", (1000, 1000))
    draw = ImageDraw.Draw(image)
    for x in range(10):
        for y in range(10):
            draw.rectangle((x * 100, y * 100, x * 100 + 99, y * 100 + 99), fill=colours[x][y])
    return image


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``heritage serve`` over an archive whose item's first page is the validator's image."""
    from tests.web.test_iiif_image import make_image_item

    settings = archive_settings(tmp_path_factory.mktemp("iiif-validator"))
    app = create_app(settings)
    with app.app_context():
        upgrade_schema()
        item_id = make_image_item(validator_image())
    with served(settings) as base:
        yield base.removeprefix("http://"), f"{item_id}-1"


def run_validator(server: str, identifier: str) -> dict[str, tuple[int, str | None]]:
    """Every Image API 3.0 test: its level and None when it passed, or what failed."""
    info = validator.ValidationInfo()
    suite = validator.TestSuite(info)
    results = {}
    for name, about in sorted(suite.list_tests("3.0").items()):
        result = validator.ImageAPI(identifier, server, prefix="iiif/3", version="3.0",
                                    debug=False)
        try:
            suite.run_test(name, result)
            failure = str(result.exception) if result.exception else None
        except Exception as error:  # a test that crashes on an answer it did not expect
            failure = f"{type(error).__name__}: {error}"
        results[name] = (about["level"], failure)
    return results


def test_every_level_1_test_passes(server):
    results = run_validator(*server)
    for name, (level, failure) in sorted(results.items(), key=lambda r: (r[1][0], r[0])):
        print(f"level {level} {name:28} {'pass' if failure is None else 'FAIL ' + failure}")
    failed = {name: failure for name, (level, failure) in results.items()
              if level <= 1 and failure is not None}
    assert not failed
    assert sum(1 for level, _ in results.values() if level <= 1) >= 20


def test_the_image_is_served_as_drawn(server):
    """A sanity check of the fixture itself: the top-left square has the first colour."""
    import urllib.request

    host, identifier = server
    with urllib.request.urlopen(f"http://{host}/iiif/3/{identifier}/0,0,100,100/max/0/default.png") as r:
        square = Image.open(io.BytesIO(r.read())).convert("RGB")
    expected = validator.ValidationInfo().colorInfo[0][0]
    assert square.getpixel((50, 50)) == pytest.approx(expected, abs=3)
