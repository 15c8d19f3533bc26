"""IIIF Image API 3.0: a page's pixels, region by region, size by size, cut from its pyramid.

Every image is one page, ``<item_id>-<sequence>``. Answers are made from the page's deep-zoom
pyramid (:mod:`heritage.services.zoom`), never from the full-resolution original: the
smallest level that still gives the asked size is read tile by tile, pasted, cropped and
scaled. A request for exactly one pyramid tile as a viewer asks for it (default quality,
JPEG, no turn) is answered with the stored tile's bytes, decoding nothing. Anything else is
rendered once and kept in the media store under the page's derivatives, keyed by the
original's sha and the canonical request, so the second asker reads a file.
"""
from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from PIL import Image, ImageOps, features

from ..errors import InvalidInput, ItemNotFound
from ..ingest.pyramid import Pyramid
from ..models import Page
from . import media_store
from .items import open_page
from .page_files import key_etag
from .zoom import ensure_pyramid, page_pyramid, pyramid_prefix, tile_key

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
PROFILE = "level2"
PROFILE_URI = "http://iiif.io/api/image/3/level2.json"
MAX_AREA = 40_000_000  # pixels of one answer (announced as maxArea)
SIZES_UP_TO = 1600  # the pyramid levels listed under "sizes" (what a thumbnail needs)
QUALITIES = ("default", "color", "gray", "bitonal")
FORMATS = {"jpg": ("JPEG", "image/jpeg"), "png": ("PNG", "image/png")}
if features.check("webp"):
    FORMATS["webp"] = ("WEBP", "image/webp")
EXTRA_FEATURES = ["mirroring", "regionByPct", "regionByPx", "regionSquare", "rotationArbitrary",
                  "rotationBy90s", "sizeByConfinedWh", "sizeByH", "sizeByPct", "sizeByW",
                  "sizeByWh", "sizeUpscaling"]
_ID = re.compile(r"^([1-9][0-9]{0,9})-([1-9][0-9]{0,5})$")
_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"


class InvalidImageRequest(InvalidInput):
    """A region, size, rotation, quality or format the Image API does not allow (a 400)."""


@dataclass(frozen=True)
class ImageRequest:
    """A validated request: the region in full-size pixels, the answer's size, turn, look, type."""

    region: tuple[int, int, int, int]
    width: int
    height: int
    mirror: bool
    rotation: float
    quality: str
    fmt: str

    @property
    def canonical(self) -> str:
        """The request's canonical path (region/size/rotation/quality.format)."""
        x, y, w, h = self.region
        turn = f"{'!' if self.mirror else ''}{self.rotation:g}"
        return f"{x},{y},{w},{h}/{self.width},{self.height}/{turn}/{self.quality}.{self.fmt}"


@dataclass(frozen=True)
class ImageAnswer:
    """What to send: a stored file (``key``) with its type and strong ETag."""

    key: str
    mimetype: str
    etag: str
    canonical: str = ""  # the request's canonical path, for a Link rel="canonical"


# --- parsing -------------------------------------------------------------------------------

def parse_image_id(image_id: str) -> tuple[int, int]:
    """``12-3`` → (item 12, page 3); anything else is no image here."""
    match = _ID.match(image_id)
    if match is None:
        raise ItemNotFound(f"there is no IIIF image {image_id!r}; image ids are <item>-<page>")
    return int(match[1]), int(match[2])


def _bad(parameter: str, value: str, allowed: str) -> InvalidImageRequest:
    return InvalidImageRequest(f"invalid {parameter} {value!r}: {allowed}")


def parse_region(value: str, width: int, height: int) -> tuple[int, int, int, int]:
    """The region in the image's pixels, cropped to the image (400 when nothing is left)."""
    allowed = "use full, square, x,y,w,h or pct:x,y,w,h with w and h above 0, inside the image"
    if value == "full":
        return 0, 0, width, height
    if value == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    if value.startswith("pct:"):
        numbers = _numbers(value[4:], 4, "region", value, allowed)
        x, y, w, h = (n / 100 for n in numbers)
        box = (round(x * width), round(y * height), round(w * width), round(h * height))
    elif re.fullmatch(r"[0-9]+,[0-9]+,[0-9]+,[0-9]+", value):
        box = tuple(int(n) for n in value.split(","))
    else:
        raise _bad("region", value, allowed)
    x, y, w, h = box
    if w <= 0 or h <= 0 or x >= width or y >= height:
        raise _bad("region", value, allowed + f" (the image is {width}×{height})")
    return x, y, min(w, width - x), min(h, height - y)


def _numbers(text: str, count: int, parameter: str, value: str, allowed: str) -> list[float]:
    parts = text.split(",")
    if len(parts) != count or not all(re.fullmatch(_NUMBER, p) for p in parts):
        raise _bad(parameter, value, allowed)
    return [float(p) for p in parts]


def parse_size(value: str, region_w: int, region_h: int) -> tuple[int, int]:
    """The answer's width and height for a size parameter, per the spec's upscaling rules."""
    allowed = ("use max, w,, ,h, pct:n, w,h or !w,h (each with ^ to allow upscaling), "
               f"above 0 and within maxArea {MAX_AREA}")
    upscale = value.startswith("^")
    spec = value[1:] if upscale else value
    if spec == "max":
        scale = min(1.0, math.sqrt(MAX_AREA / (region_w * region_h)))
        if upscale:
            scale = math.sqrt(MAX_AREA / (region_w * region_h))
        w, h = max(1, int(region_w * scale)), max(1, int(region_h * scale))
    elif spec.startswith("pct:"):
        if not re.fullmatch(_NUMBER, spec[4:]):
            raise _bad("size", value, allowed)
        pct = float(spec[4:])
        w, h = round(region_w * pct / 100), round(region_h * pct / 100)
        if pct <= 0 or w < 1 or h < 1:
            raise _bad("size", value, allowed)
    else:
        w, h = _size_numbers(spec, value, allowed, region_w, region_h)
    if w < 1 or h < 1:
        raise _bad("size", value, allowed)
    if not upscale and (w > region_w or h > region_h):
        raise _bad("size", value, f"{w}×{h} is larger than the region ({region_w}×{region_h}); "
                                  "ask with ^ to upscale")
    if w * h > MAX_AREA:
        raise _bad("size", value, allowed)
    return w, h


def _size_numbers(spec: str, value: str, allowed: str, region_w: int, region_h: int):
    confined = spec.startswith("!")
    match = re.fullmatch(r"([0-9]*),([0-9]*)", spec[1:] if confined else spec)
    if match is None or not (match[1] or match[2]) or (confined and not (match[1] and match[2])):
        raise _bad("size", value, allowed)
    w, h = int(match[1] or 0), int(match[2] or 0)
    if (match[1] and w == 0) or (match[2] and h == 0):
        raise _bad("size", value, allowed)
    if confined:
        scale = min(w / region_w, h / region_h)
        return max(1, round(region_w * scale)), max(1, round(region_h * scale))
    if not match[2]:
        return w, max(1, round(region_h * w / region_w))
    if not match[1]:
        return max(1, round(region_w * h / region_h)), h
    return w, h


def parse_rotation(value: str) -> tuple[bool, float]:
    """(mirror, clockwise degrees 0 ≤ d < 360)."""
    mirror = value.startswith("!")
    text = value[1:] if mirror else value
    if not re.fullmatch(_NUMBER, text) or float(text) >= 360:
        raise _bad("rotation", value, "use degrees from 0 to below 360, optionally after ! to mirror")
    return mirror, float(text)


def parse_request(region: str, size: str, rotation: str, quality: str, fmt: str,
                  width: int, height: int) -> ImageRequest:
    """Validate every parameter against an image of ``width``×``height``."""
    box = parse_region(region, width, height)
    w, h = parse_size(size, box[2], box[3])
    mirror, degrees = parse_rotation(rotation)
    if quality not in QUALITIES:
        raise _bad("quality", quality, f"use one of {', '.join(QUALITIES)}")
    if fmt not in FORMATS:
        raise _bad("format", fmt, f"use one of {', '.join(FORMATS)}")
    return ImageRequest(box, w, h, mirror, degrees, quality, fmt)


# --- info.json -----------------------------------------------------------------------------

def scale_factors(pyramid: Pyramid) -> list[int]:
    """The pyramid's levels as scale factors, from full size down to the level of one tile."""
    factors, scale = [], 1
    while True:
        factors.append(scale)
        w, h = pyramid.level_size(pyramid.max_level - len(factors) + 1)
        if max(w, h) <= pyramid.tile_size:
            return factors
        scale *= 2


def image_info(image_id: str, base_id: str, *, reading_room: bool = False) -> dict:
    """The ``info.json`` of a page the visitor may see (``base_id``: its IIIF base URI)."""
    item_id, sequence = parse_image_id(image_id)
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    pyramid = page_pyramid(page)
    factors = scale_factors(pyramid)
    sizes = [{"width": w, "height": h}
             for w, h in (pyramid.level_size(pyramid.max_level - i) for i in range(len(factors)))
             if max(w, h) <= SIZES_UP_TO]
    return {"@context": CONTEXT, "id": base_id, "type": "ImageService3", "protocol": PROTOCOL,
            "profile": PROFILE, "width": page.width, "height": page.height, "maxArea": MAX_AREA,
            "sizes": sorted(sizes, key=lambda s: s["width"]),
            "tiles": [{"width": pyramid.tile_size, "height": pyramid.tile_size,
                       "scaleFactors": factors}],
            "extraQualities": ["color", "gray", "bitonal"],
            "extraFormats": [f for f in FORMATS if f != "jpg"],
            "extraFeatures": EXTRA_FEATURES}


# --- pixels --------------------------------------------------------------------------------

def image_file(image_id: str, region: str, size: str, rotation: str, quality: str, fmt: str, *,
               reading_room: bool = False) -> ImageAnswer:
    """The answer to an image request: a pyramid tile as stored, or a rendered, kept file."""
    item_id, sequence = parse_image_id(image_id)
    _, page = open_page(item_id, sequence, reading_room=reading_room)
    request = parse_request(region, size, rotation, quality, fmt, page.width, page.height)
    store, pyramid = media_store(), page_pyramid(page)
    ensure_pyramid(store, page, pyramid)
    canonical = request.canonical
    if request.region == (0, 0, page.width, page.height):
        canonical = "full" + canonical[canonical.index("/"):]
    tile = stored_tile(page, pyramid, request)
    if tile is not None:
        return ImageAnswer(tile, "image/jpeg", key_etag(tile), canonical)
    key = rendered_key(page, pyramid, request)
    if not store.exists(key):
        store.put_bytes(key, encode(render(page, pyramid, request), request))
    return ImageAnswer(key, FORMATS[request.fmt][1], key_etag(key), canonical)


def rendered_key(page: Page, pyramid: Pyramid, request: ImageRequest) -> str:
    """Where a rendered answer is kept: beside the page's tiles, named by the canonical request."""
    return f"{pyramid_prefix(page, pyramid)}/iiif/{request.canonical}"


def stored_tile(page: Page, pyramid: Pyramid, request: ImageRequest) -> str | None:
    """The key of the stored tile that *is* the answer, when the request is exactly one."""
    if (request.quality != "default" or request.fmt != "jpg" or request.mirror
            or request.rotation):
        return None
    x, y, w, h = request.region
    span = pyramid.tile_size
    for step in range(pyramid.max_level + 1):
        scale = 2 ** step
        box = pyramid.tile_box(pyramid.max_level - step, x // (span * scale), y // (span * scale))
        if (box is not None and x % (span * scale) == 0 and y % (span * scale) == 0
                and w == min(page.width - x, span * scale) and h == min(page.height - y, span * scale)
                and (request.width, request.height) == (box[2] - box[0], box[3] - box[1])):
            return tile_key(page, pyramid, pyramid.max_level - step, x // (span * scale),
                            y // (span * scale))
    return None


def render(page: Page, pyramid: Pyramid, request: ImageRequest) -> Image.Image:
    """The answer's pixels: the region read from the smallest sufficient level, scaled, turned."""
    x, y, w, h = request.region
    factor = min(w / request.width, h / request.height)
    step = 0
    while 2 ** (step + 1) <= factor and step < pyramid.max_level:
        step += 1
    scale, level = 2 ** step, pyramid.max_level - step
    exact = (x / scale, y / scale, (x + w) / scale, (y + h) / scale)
    level_w, level_h = pyramid.level_size(level)
    box = (int(exact[0]), int(exact[1]), min(level_w, math.ceil(exact[2])),
           min(level_h, math.ceil(exact[3])))
    canvas = _paste_tiles(page, pyramid, level, box)
    within = (exact[0] - box[0], exact[1] - box[1], min(exact[2], level_w) - box[0],
              min(exact[3], level_h) - box[1])
    if canvas.size == (request.width, request.height) and within == (0, 0, *canvas.size):
        image = canvas
    else:
        image = canvas.resize((request.width, request.height), Image.Resampling.LANCZOS, box=within)
    return _turn_and_tone(image, request)


def _paste_tiles(page: Page, pyramid: Pyramid, level: int, box) -> Image.Image:
    span, store = pyramid.tile_size, media_store()
    canvas = None
    for row in range(box[1] // span, (box[3] - 1) // span + 1):
        for col in range(box[0] // span, (box[2] - 1) // span + 1):
            with store.open(tile_key(page, pyramid, level, col, row)) as stored:
                tile = Image.open(stored)
                tile.load()
            if canvas is None:
                canvas = Image.new(tile.mode, (box[2] - box[0], box[3] - box[1]), "white")
            canvas.paste(tile, (col * span - box[0], row * span - box[1]))
    return canvas


def _turn_and_tone(image: Image.Image, request: ImageRequest) -> Image.Image:
    if request.mirror:
        image = ImageOps.mirror(image)
    if request.rotation:
        if request.rotation % 90 == 0:
            image = image.rotate(-request.rotation, expand=True)
        else:
            fill = "white" if image.mode in ("L", "RGB") else None
            image = image.rotate(-request.rotation, Image.Resampling.BICUBIC, expand=True,
                                 fillcolor=fill)
    if request.quality == "gray":
        image = image.convert("L")
    elif request.quality == "bitonal":
        image = image.convert("L").convert("1")
    elif request.quality == "color":
        image = image.convert("RGB")
    return image


def encode(image: Image.Image, request: ImageRequest) -> bytes:
    """The image in the asked format (JPEG cannot hold one-bit pixels: they go as 0/255 grey)."""
    name = FORMATS[request.fmt][0]
    if name != "PNG" and image.mode == "1":
        image = image.convert("L")
    buffer = io.BytesIO()
    options = {"quality": 85} if name in ("JPEG", "WEBP") else {"optimize": False, "compress_level": 3}
    image.save(buffer, name, **options)
    return buffer.getvalue()


__all__ = ["CONTEXT", "ImageAnswer", "ImageRequest", "InvalidImageRequest", "PROFILE_URI",
           "image_file", "image_info", "parse_image_id", "parse_request", "render",
           "rendered_key", "scale_factors", "stored_tile"]
