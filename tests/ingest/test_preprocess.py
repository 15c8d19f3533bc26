"""The preprocessing chain: resolution, paper, noise, skew, borders, and mapping boxes back."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from heritage.ingest import preprocess
from heritage.ingest.preprocess import Geometry, prepare
from tests.factories import render_text

TEXT = " ".join(["Vecpils pagasta skolā šogad mācās divdesmit bērnu, skolotāja stāsta par simtgadi."] * 12)


@pytest.fixture(scope="module")
def page():
    """A clean 300-dpi page of body text (line ink height about 27 px)."""
    return render_text(TEXT, width=1800, size=36)


@pytest.mark.parametrize("angle", [-9.0, -3.5, -1.2, 0.7, 2.0, 6.0])
def test_skew_is_measured_within_a_tenth_of_a_degree(page, angle):
    tilted = page.rotate(angle, expand=True, fillcolor=240, resample=Image.Resampling.BICUBIC)
    assert preprocess.estimate_skew(tilted) == pytest.approx(-angle, abs=0.1)


def test_level_page_is_not_rotated(page):
    prepared = prepare(page, 300)
    assert prepared.geometry.skew == 0.0 and prepared.image.size == page.size


@pytest.mark.parametrize("dpi, expected", [(300, 1.0), (400, 1.0), (200, 1.5), (150, 2.0), (600, 0.5)])
def test_dpi_tag_sets_the_scale(page, dpi, expected):
    assert preprocess.resolution_scale(dpi, np.asarray(page)) == expected


@pytest.mark.parametrize("shrink", [1.0, 2 / 3, 1 / 2])
def test_without_a_trustworthy_tag_the_text_height_sets_the_scale(page, shrink):
    small = np.asarray(page.resize((round(page.width * shrink), round(page.height * shrink))))
    for dpi in (None, 72):  # no tag, and office software's default
        scaled_line = preprocess.text_line_height(small) * preprocess.resolution_scale(dpi, small)
        assert 33 <= scaled_line <= 64  # read as 240-450 dpi for 10 pt text: left, or brought there


def test_yellowed_uneven_paper_becomes_white(page):
    gray = np.asarray(page).astype(np.float64)
    ramp = np.linspace(0.55, 0.95, gray.shape[1])[None, :]  # dark on the left, light on the right
    aged = (gray * ramp).astype(np.uint8)
    flat = preprocess.flatten_background(aged)
    paper = flat[np.asarray(page) > 200]
    assert np.median(paper) >= 245 and np.percentile(paper, 5) >= 225


def test_speckled_pages_are_denoised_and_clean_ones_are_not(page):
    noisy = np.array(page)
    rng = np.random.default_rng(1)
    noisy[rng.random(noisy.shape) < 0.02] = 0
    assert preprocess.noise_level(noisy) > preprocess.NOISY > preprocess.noise_level(np.asarray(page))
    assert prepare(Image.fromarray(noisy), 300).denoised and not prepare(page, 300).denoised


def test_dark_scanner_borders_are_cleared(page):
    framed = page.copy()
    draw = ImageDraw.Draw(framed)
    draw.rectangle((0, 0, framed.width, 30), fill=10)
    draw.rectangle((framed.width - 25, 0, framed.width, framed.height), fill=10)
    cleared = np.asarray(preprocess.clear_borders(framed))
    assert cleared[:30].min() == 255 and cleared[:, -25:].min() == 255
    assert cleared[40:, :-30].min() < 100  # the text is still there


@pytest.mark.parametrize("angle, scale", [(3.0, 1.5), (-4.5, 1.0), (9.0, 2.0), (0.0, 0.5)])
def test_boxes_map_back_onto_the_page(angle, scale):
    image = Image.new("L", (1200, 800), 255)
    ImageDraw.Draw(image).rectangle((900, 600, 920, 620), fill=0)
    scaled = image.resize((round(1200 * scale), round(800 * scale)))
    turned = scaled.rotate(angle, expand=True, fillcolor=255) if angle else scaled
    ys, xs = np.nonzero(np.asarray(turned) < 128)
    geometry = Geometry(original=image.size, scale=scale, scaled=scaled.size, skew=angle,
                        rotated=turned.size)
    left, top, right, bottom = geometry.to_original((xs.min(), ys.min(), xs.max(), ys.max()))
    # a turned square's bounding box is a few pixels larger: that is geometry, not error
    assert max(abs(left - 900), abs(top - 600), abs(right - 920), abs(bottom - 620)) <= 5
