"""Reading scans with Pillow, preparing them for OCR, and making web derivatives.

>>> from PIL import Image
>>> page = Image.new("L", (100, 40), 200)
>>> otsu_threshold(page.histogram()) in range(0, 256)
True
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

SCAN_SUFFIXES = {".tif": "image/tiff", ".tiff": "image/tiff", ".jpg": "image/jpeg",
                 ".jpeg": "image/jpeg", ".png": "image/png", ".jp2": "image/jp2",
                 ".webp": "image/webp", ".bmp": "image/bmp", ".gif": "image/gif"}
WEB_LONG_SIDE = 1600
THUMB_LONG_SIDE = 320
OCR_DPI = 300
MAX_PIXELS = 200_000_000  # a 600-dpi A2 sheet; larger is a broken header, not a scan

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class UnreadableScan(Exception):
    """The file is not an image heritage can read; the message says what to do."""


@dataclass
class Frame:
    """One page image of a scan file (TIFFs may hold several)."""

    index: int
    image: Image.Image
    dpi: float | None


def is_scan(path: Path) -> bool:
    """Whether the file's name marks it as a scan heritage ingests."""
    return path.suffix.lower() in SCAN_SUFFIXES


def mime_type(path: Path) -> str:
    """The MIME type for a scan file, from its suffix."""
    return SCAN_SUFFIXES.get(path.suffix.lower(), "application/octet-stream")


def read_frames(path: Path) -> Iterator[Frame]:
    """Every frame of a scan, fully decoded; :class:`UnreadableScan` with advice otherwise."""
    if path.stat().st_size == 0:
        raise UnreadableScan("the file is empty (0 bytes): scan it again or remove it from the folder")
    try:
        with Image.open(path) as image:
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                yield Frame(index, _normalise_mode(image.copy()), _dpi(image))
    except UnidentifiedImageError:
        raise UnreadableScan("not an image Pillow can read: save the scan as TIFF, JPEG or PNG "
                             "and ingest it again") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableScan(f"the image is damaged or incomplete ({exc}): scan it again or "
                             "copy it from the scanner once more") from None


def _dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    return value if value and value > 20 else None


def _normalise_mode(image: Image.Image) -> Image.Image:
    """Convert 16-bit, bilevel, palette, CMYK and transparent images to 8-bit L or RGB."""
    image.load()
    if image.mode.startswith("I;16"):
        image = image.convert("I")
    if image.mode == "I":
        return image.point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("L" if image.mode == "1" else "RGB")


def prepare_for_ocr(frame: Frame) -> Image.Image:
    """Grayscale, scaled to about 300 dpi, evened out and binarised for Tesseract."""
    gray = ImageOps.grayscale(frame.image)
    if frame.dpi and frame.dpi < OCR_DPI * 0.8:
        scale = OCR_DPI / frame.dpi
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)),
                           Image.Resampling.LANCZOS)
    gray = gray.filter(ImageFilter.MedianFilter(3))
    gray = ImageOps.autocontrast(gray, cutoff=1)
    threshold = otsu_threshold(gray.histogram())
    return gray.point(lambda v: 255 if v > threshold else 0, mode="L")


def otsu_threshold(histogram: list[int]) -> int:
    """The gray level that best separates ink from paper (Otsu's method)."""
    total = sum(histogram)
    weighted_total = sum(level * count for level, count in enumerate(histogram))
    background = weighted = 0
    best_level, best_variance = 127, -1.0
    for level, count in enumerate(histogram):
        background += count
        foreground = total - background
        if background == 0:
            continue
        if foreground == 0:
            break
        weighted += level * count
        mean_bg = weighted / background
        mean_fg = (weighted_total - weighted) / foreground
        variance = background * foreground * (mean_bg - mean_fg) ** 2
        if variance > best_variance:
            best_level, best_variance = level, variance
    return best_level


def jpeg_derivative(image: Image.Image, long_side: int, quality: int = 85) -> bytes:
    """A JPEG of the image scaled down so its longer side is at most ``long_side``."""
    copy = image.convert("RGB") if image.mode not in ("RGB", "L") else image.copy()
    copy.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
