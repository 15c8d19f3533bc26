"""Reading scans with Pillow, checking them, and making web derivatives.

>>> is_scan(Path("mape/1935-skola.TIF")), is_scan(Path("piezimes.docx"))
(True, False)
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PIL import Image, UnidentifiedImageError

SCAN_SUFFIXES = {".tif": "image/tiff", ".tiff": "image/tiff", ".jpg": "image/jpeg",
                 ".jpeg": "image/jpeg", ".png": "image/png", ".jp2": "image/jp2",
                 ".j2k": "image/jp2", ".jpf": "image/jp2", ".webp": "image/webp",
                 ".bmp": "image/bmp", ".gif": "image/gif", ".pdf": "application/pdf"}
WEB_LONG_SIDE = 1600
THUMB_LONG_SIDE = 320
PDF_MAGIC = b"%PDF-"  # how every PDF file begins, whatever it is named
MAX_PIXELS = 180_000_000  # a 600-dpi A2 sheet is 139 MP; HERITAGE_MAX_PIXELS changes it

# heritage checks the pixel count itself (with a message naming the setting); Pillow's own
# guard would stop at a fixed limit with a message a librarian cannot act on.
Image.MAX_IMAGE_PIXELS = None


class UnreadableScan(Exception):
    """The file is not an image heritage can read; the message says what to do."""


@dataclass
class Frame:
    """One page image of a scan file (TIFFs may hold several)."""

    index: int
    image: Image.Image
    dpi: float | None
    text_layer: str | None = None  # a born-digital PDF page's own text


def is_scan(path: Path) -> bool:
    """Whether the file's name marks it as a scan heritage ingests."""
    return path.suffix.lower() in SCAN_SUFFIXES


def suffix_list() -> str:
    """The file name endings heritage reads, for messages."""
    return " ".join(sorted(SCAN_SUFFIXES))


def check_readable(path: Path) -> int:
    """The file's size if it can be read and is not empty; else :class:`UnreadableScan`."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise UnreadableScan(f"the file cannot be read ({exc.strerror or exc}): check that it is "
                             "still there and that heritage may read it") from None
    if size == 0:
        raise UnreadableScan("the file is empty (0 bytes): scan it again or remove it from the folder")
    return size


def sniff_type(path: Path) -> tuple[str, str | None]:
    """The MIME type from the file's content, and a warning when its name says otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(len(PDF_MAGIC))
    if head == PDF_MAGIC:
        found = "application/pdf"
    else:
        try:
            with Image.open(path) as image:
                found = Image.MIME.get(image.format or "", "application/octet-stream")
        except (UnidentifiedImageError, OSError, ValueError):
            raise UnreadableScan("not an image or PDF heritage can read: save the scan as TIFF, "
                                 "JPEG, PNG or PDF and ingest it again") from None
    named = SCAN_SUFFIXES.get(path.suffix.lower())
    if named and named != found:
        return found, (f"the file is {found.split('/')[-1].upper()} but named {path.suffix}: "
                       "read as what it is; rename it to avoid confusion")
    return found, None


def read_frames(path: Path, max_pixels: int = MAX_PIXELS) -> Iterator[Frame]:
    """Every frame of a scan, fully decoded; :class:`UnreadableScan` with advice otherwise."""
    size = check_readable(path)
    try:
        with Image.open(path) as image:
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                _check_pixels(image, index, max_pixels)
                _check_tiff_complete(image, index, size)
                yield Frame(index, _normalise_mode(image.copy()), _dpi(image))
    except UnidentifiedImageError:
        raise UnreadableScan("not an image Pillow can read: save the scan as TIFF, JPEG or PNG "
                             "and ingest it again") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableScan(f"the image is damaged or incomplete ({exc}): scan it again or "
                             "copy it from the scanner once more") from None


def _check_pixels(image: Image.Image, index: int, max_pixels: int) -> None:
    """Refuse a frame larger than the limit before decoding it (a decompression bomb)."""
    width, height = image.size
    if width * height > max_pixels:
        where = f"page {index + 1} is" if index else "the image is"
        raise UnreadableScan(f"{where} {width}×{height} pixels ({width * height / 1e6:.0f} MP), over the "
                             f"limit of {max_pixels / 1e6:.0f} MP (HERITAGE_MAX_PIXELS): check the file, "
                             "or raise the limit if the scan is genuinely that large")


def _check_tiff_complete(image: Image.Image, index: int, size: int) -> None:
    """Refuse a TIFF frame whose image data runs past the end of the file.

    libtiff decodes the strips that are there and leaves the rest blank without complaint, so
    a scan cut short by a failed copy would otherwise be ingested as if it were whole.
    """
    tags = getattr(image, "tag_v2", None)
    if tags is None:
        return
    offsets = tags.get(273) or tags.get(324) or ()  # StripOffsets or TileOffsets
    counts = tags.get(279) or tags.get(325) or ()  # StripByteCounts or TileByteCounts
    end = max((o + c for o, c in zip(offsets, counts, strict=False)), default=0)  # may differ if malformed
    if end > size:
        where = f"page {index + 1} is" if index else "the image is"
        raise UnreadableScan(f"the image is damaged or incomplete ({where} cut short: it needs "
                             f"{end} bytes, the file has {size}): copy it from the scanner again")


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


def jpeg_derivative(image: Image.Image, long_side: int, quality: int = 85) -> bytes:
    """A JPEG of the image scaled down so its longer side is at most ``long_side``."""
    copy = _fit(image, long_side)
    if copy.mode not in ("RGB", "L"):
        copy = copy.convert("RGB")
    buffer = io.BytesIO()
    # baseline JPEG: optimised or progressive encoding took 5x longer for 15% fewer bytes
    copy.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def web_derivatives(image: Image.Image) -> tuple[bytes, bytes]:
    """The web-size JPEG and the thumbnail of a page (the thumbnail made from the web copy)."""
    web = _fit(image, WEB_LONG_SIDE)
    return jpeg_derivative(web, WEB_LONG_SIDE), jpeg_derivative(web, THUMB_LONG_SIDE, 80)


def _fit(image: Image.Image, long_side: int) -> Image.Image:
    """The image scaled to ``long_side``: a box reduction by whole factors, then bicubic."""
    scale = long_side / max(image.size)
    if scale >= 1:
        return image
    factor = int(1 / scale)
    reduced = image.reduce(factor) if factor >= 2 else image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return reduced.resize(size, Image.Resampling.BICUBIC)
