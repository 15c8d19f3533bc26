"""Preparing a scan for Tesseract: resolution, illumination, noise, skew and borders.

The chain, each step cheap next to the OCR itself:

1. gray levels, with the paper flattened to white (yellowing, uneven light, show-through);
2. on a noisy page, grain smoothed at the scan's own resolution (a Gaussian: a median filter
   also erased the 1–2 px macrons and cedillas of 200-dpi Latvian, ā → a, ņ → n);
3. resolution brought to about 300 dpi — from the DPI tag, or, when there is none or it is
   implausible, from the measured height of the text lines;
4. skew measured (±10°) and straightened;
5. on a noisy page, what is left of the grain on the paper lifted to white;
6. dark scanner borders cleared.

Binarisation is adaptive through step 1: once the paper is flat, one global (Otsu) threshold
fits every part of the page, and Tesseract applies it for its layout analysis while its LSTM
recogniser reads the gray pixels, which it does better than a hard black-and-white copy. What
was done is kept in a :class:`Geometry`, so word boxes on the prepared image map back onto the
page image.

>>> geometry = Geometry(original=(1000, 500), scale=1.5, scaled=(1500, 750))
>>> geometry.to_original((150, 150, 300, 225))
(100, 100, 200, 150)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

TARGET_DPI = 300
# Ink height of a text line (accents to descenders) of 10 pt body text at 300 dpi: the size
# Tesseract reads best. Without a trustworthy DPI tag, a page is scaled as if its body text
# were 10 pt (measured: 200-dpi noisy pages left unscaled read at 18% CER, scaled at 1%).
TARGET_LINE_HEIGHT = 42
TRUSTED_DPI = (100, 1200)  # outside: a default written by software (72 dpi), not a scan's
RESCALE_OUTSIDE = (240, 450)  # inside this range the pixels are left as they are
MAX_SKEW = 10.0
MIN_SKEW = 0.2  # below this, rotating blurs more than it straightens
NOISY = 0.004  # share of isolated dark pixels above which a page is denoised
GRAIN_RADIUS = 1.0  # Gaussian radius (pixels at the scan's resolution) for noisy pages
PAPER_LIFT = 0.35  # on noisy pages, gray above Otsu + this share of the way to white is paper


@dataclass
class Geometry:
    """How the prepared image relates to the page image: scaled, then rotated by ``skew``."""

    original: tuple[int, int]
    scale: float = 1.0
    scaled: tuple[int, int] | None = None
    skew: float = 0.0  # degrees counter-clockwise, as PIL's rotate(expand=True)
    rotated: tuple[int, int] | None = None

    def to_original(self, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """Map a (left, top, right, bottom) box on the prepared image onto the page image."""
        corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
        points = [self._to_original(x, y) for x, y in corners]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        width, height = self.original
        return (max(0, round(min(xs))), max(0, round(min(ys))),
                min(width, round(max(xs))), min(height, round(max(ys))))

    def _to_original(self, x: float, y: float) -> tuple[float, float]:
        if self.skew and self.rotated and self.scaled:
            angle = math.radians(self.skew)
            dx, dy = x - self.rotated[0] / 2, y - self.rotated[1] / 2
            # PIL turns the picture counter-clockwise on screen; undoing that in y-down pixel
            # coordinates turns the offset from the centre the other way.
            x = dx * math.cos(angle) - dy * math.sin(angle) + self.scaled[0] / 2
            y = dx * math.sin(angle) + dy * math.cos(angle) + self.scaled[1] / 2
        return x / self.scale, y / self.scale


@dataclass
class Prepared:
    """The image to give Tesseract, and how it was made from the page image."""

    image: Image.Image
    geometry: Geometry
    denoised: bool = False


def prepare(image: Image.Image, dpi: float | None) -> Prepared:
    """Run the whole chain on one page image (any mode; the original is not changed)."""
    gray = flatten_background(np.asarray(image.convert("L")))
    geometry = Geometry(original=image.size)
    noisy = noise_level(gray) > NOISY
    page = Image.fromarray(gray)
    if noisy:
        page = page.filter(ImageFilter.GaussianBlur(GRAIN_RADIUS))
    geometry.scale = resolution_scale(dpi, np.asarray(page))  # measured after smoothing grain
    if geometry.scale != 1.0:
        size = (round(page.width * geometry.scale), round(page.height * geometry.scale))
        page = page.resize(size, Image.Resampling.BICUBIC)
    geometry.scaled = page.size
    geometry.skew = estimate_skew(page)
    if abs(geometry.skew) >= MIN_SKEW:
        page = page.rotate(geometry.skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    else:
        geometry.skew = 0.0
    geometry.rotated = page.size
    if noisy:
        page = lift_paper(page)
    return Prepared(clear_borders(page), geometry, noisy)


def lift_paper(page: Image.Image) -> Image.Image:
    """Stretch the gray levels so faint grain left on the paper becomes white."""
    gray = np.asarray(page)
    threshold = _otsu(gray)
    white = threshold + (255 - threshold) * PAPER_LIFT
    lifted = np.minimum(gray.astype(np.float32) * (255.0 / max(white, 1.0)), 255.0)
    return Image.fromarray(lifted.astype(np.uint8))


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness so yellowed or unevenly lit paper becomes white."""
    height, width = gray.shape
    block = max(8, min(height, width) // 40)  # about 2 mm at 300 dpi: larger than any letter
    small = Image.fromarray(gray).reduce(block).filter(ImageFilter.MaxFilter(5))
    paper = np.asarray(small.resize((width, height), Image.Resampling.BILINEAR)).astype(np.uint16)
    flat = (gray.astype(np.uint16) * 255) // np.maximum(paper, 1)
    return np.minimum(flat, 255).astype(np.uint8)


def resolution_scale(dpi: float | None, gray: np.ndarray) -> float:
    """The factor that brings the page to about 300 dpi (1.0 when it is close already)."""
    if dpi is None or not TRUSTED_DPI[0] <= dpi <= TRUSTED_DPI[1]:
        line_height = text_line_height(gray)
        if line_height is None:
            return 1.0
        dpi = TARGET_DPI * line_height / TARGET_LINE_HEIGHT
    if RESCALE_OUTSIDE[0] <= dpi <= RESCALE_OUTSIDE[1]:
        return 1.0
    return round(min(4.0, max(0.25, TARGET_DPI / dpi)), 3)


def text_line_height(gray: np.ndarray) -> float | None:
    """Median ink height of text lines, measured in vertical strips (columns differ)."""
    ink = gray < _otsu(gray)
    heights: list[int] = []
    strips = max(1, ink.shape[1] // 400)
    for strip in np.array_split(ink, strips, axis=1):
        profile = strip.mean(axis=1) > 0.01
        heights.extend(_run_lengths(profile))
    heights = [h for h in heights if h >= 4]
    return float(np.median(heights)) if len(heights) >= 3 else None


def _run_lengths(mask: np.ndarray) -> list[int]:
    """Lengths of the runs of True in a 1-D boolean array."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(edges[1::2] - edges[0::2])


def noise_level(gray: np.ndarray) -> float:
    """Share of dark pixels with no dark neighbour left, right, above or below (specks).

    Measured on the middle of the page (a quarter of its area): grain covers a scan evenly.
    """
    height, width = gray.shape
    gray = gray[height // 4: height - height // 4, width // 4: width - width // 4]
    ink = gray < _otsu(gray)
    inner = ink[1:-1, 1:-1]
    neighbours = ink[:-2, 1:-1] | ink[2:, 1:-1] | ink[1:-1, :-2] | ink[1:-1, 2:]
    return float(np.count_nonzero(inner & ~neighbours)) / max(1, inner.size)


def estimate_skew(page: Image.Image) -> float:
    """The angle (degrees, ±10) to rotate by so that text lines run level.

    Text lines make the row profile of the ink spiky when level; the angle whose profile has
    the largest sum of squares wins, searched coarsely then finely on a reduced copy.
    """
    small = page.reduce(max(1, page.width // 1000))
    gray = np.asarray(small)
    ys, xs = np.nonzero(gray < _otsu(gray))
    if len(ys) < 200:
        return 0.0
    if len(ys) > 60_000:
        pick = np.random.default_rng(0).choice(len(ys), 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    coarse = _best_angle(ys, xs, np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5))
    tilt = _best_angle(ys, xs, np.arange(coarse - 0.5, coarse + 0.51, 0.05))
    return round(-float(tilt), 2) + 0.0  # rotating back by the tilt levels the lines


def _best_angle(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> float:
    scores = []
    for angle in np.radians(angles):
        rows = np.round(ys * math.cos(angle) + xs * math.sin(angle)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        scores.append(float(np.dot(counts, counts)))
    return float(angles[int(np.argmax(scores))])


def clear_borders(page: Image.Image) -> Image.Image:
    """Whiten dark bands along the edges (scanner lid shadows, the edge of the glass)."""
    gray = np.array(page)
    dark = gray < 100
    for axis in (0, 1):
        share = dark.mean(axis=1 - axis)
        for edge in (range(len(share)), range(len(share) - 1, -1, -1)):
            for index in edge:
                if share[index] < 0.5:
                    break
                if axis == 0:
                    gray[index, :] = 255
                else:
                    gray[:, index] = 255
    return Image.fromarray(gray)


def _otsu(gray: np.ndarray) -> int:
    """Otsu's threshold of a uint8 array."""
    histogram = np.asarray(Image.fromarray(gray).histogram(), dtype=np.float64)  # C, not numpy
    levels = np.arange(256)
    weight_bg = np.cumsum(histogram)
    weight_fg = weight_bg[-1] - weight_bg
    sum_bg = np.cumsum(histogram * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_bg = sum_bg / weight_bg
        mean_fg = (sum_bg[-1] - sum_bg) / weight_fg
        variance = weight_bg * weight_fg * (mean_bg - mean_fg) ** 2
    # a page of one gray level (blank paper) has no split: nothing counts as ink
    return int(np.argmax(np.nan_to_num(variance, nan=-1.0))) if np.isfinite(variance).any() else 0
