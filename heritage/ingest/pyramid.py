"""Image pyramids: the levels and tiles a deep-zoom viewer asks for, cut with Pillow.

Level ``max_level`` is the full-size page; each level below halves it (rounding up), down to
level 0, one pixel. Tiles have no overlap, so the same tiles serve Deep Zoom (DZI) now and
IIIF Image API level-0 tiles (scale factors 1, 2, 4 …) later.

>>> pyramid = Pyramid(1400, 900)
>>> pyramid.max_level, pyramid.level_size(pyramid.max_level), pyramid.level_size(10)
(11, (1400, 900), (700, 450))
>>> pyramid.tile_grid(11), pyramid.tile_box(11, 2, 1)
((3, 2), (1024, 512, 1400, 900))
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Iterator

from lxml import etree
from PIL import Image

TILE_SIZE = 512
TILE_QUALITY = 85
DZI_NS = "http://schemas.microsoft.com/deepzoom/2008"

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Pyramid:
    """The geometry of one image's pyramid: its size and tile size."""

    width: int
    height: int
    tile_size: int = TILE_SIZE

    @property
    def max_level(self) -> int:
        """The level at which the image is full size (Deep Zoom numbering)."""
        return math.ceil(math.log2(max(self.width, self.height, 1)))

    def level_size(self, level: int) -> tuple[int, int]:
        """The image's size at ``level``."""
        scale = 2 ** (self.max_level - level)
        return max(1, -(-self.width // scale)), max(1, -(-self.height // scale))

    def tile_grid(self, level: int) -> tuple[int, int]:
        """How many columns and rows of tiles ``level`` has."""
        width, height = self.level_size(level)
        return -(-width // self.tile_size), -(-height // self.tile_size)

    def tile_box(self, level: int, col: int, row: int) -> Box | None:
        """The tile's box in the level's pixels, or None when there is no such tile."""
        if not 0 <= level <= self.max_level:
            return None
        cols, rows = self.tile_grid(level)
        if not (0 <= col < cols and 0 <= row < rows):
            return None
        width, height = self.level_size(level)
        left, top = col * self.tile_size, row * self.tile_size
        return left, top, min(width, left + self.tile_size), min(height, top + self.tile_size)

    def dzi_xml(self, tile_format: str = "jpg") -> bytes:
        """The Deep Zoom descriptor of the pyramid."""
        root = etree.Element(f"{{{DZI_NS}}}Image", nsmap={None: DZI_NS},
                             TileSize=str(self.tile_size), Overlap="0", Format=tile_format)
        etree.SubElement(root, f"{{{DZI_NS}}}Size", Width=str(self.width), Height=str(self.height))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def levels(image: Image.Image, pyramid: Pyramid) -> Iterator[tuple[int, Image.Image]]:
    """Every level's image, the full size first, each halved from the one before."""
    current = image
    for level in range(pyramid.max_level, -1, -1):
        size = pyramid.level_size(level)
        if current.size != size:
            # halving by a 2×2 box average: as sharp as Lanczos at this step, and 5x faster
            reduced = current.reduce(2) if min(current.size) > 1 else current
            current = reduced if reduced.size == size else current.resize(size, Image.Resampling.BOX)
        yield level, current


def tiles(image: Image.Image, pyramid: Pyramid) -> Iterator[tuple[int, int, int, bytes]]:
    """Every tile of the pyramid as ``(level, col, row, JPEG bytes)``."""
    for level, picture in levels(image, pyramid):
        cols, rows = pyramid.tile_grid(level)
        for row in range(rows):
            for col in range(cols):
                yield level, col, row, jpeg(picture.crop(pyramid.tile_box(level, col, row)))


def jpeg(image: Image.Image, quality: int = TILE_QUALITY) -> bytes:
    """The image as a baseline JPEG (grey pages stay one channel)."""
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()
