"""Photos given by residents: checked by their content, and copied without their metadata.

A resident's phone photo often carries where it was taken (EXIF GPS), the phone's make and
the owner's name. The archive keeps the file exactly as it came, staff-only; what becomes an
item's file is a copy with every metadata block left out and the image data untouched (JPEG
and PNG are rewritten segment by segment, so no quality is lost; a TIFF is written again
losslessly from its pixels).
"""
from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..ingest import images  # importing it turns Pillow's own pixel guard off: we check ourselves
from .upload_files import sniff

#: The kinds a resident may send, by what the file's first bytes are.
ACCEPTED = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"),
            "TIFF": ("image/tiff", ".tif")}
#: ISO-BMFF brands of HEIC/HEIF photos (iPhones' default), refused with advice of their own.
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
#: JPEG segments that hold metadata: APP1 (EXIF, XMP), APP12, APP13 (IPTC), COM.
_JPEG_METADATA = {0xE1, 0xEC, 0xED, 0xFE}
#: PNG chunks that hold metadata (eXIf, and text chunks where XMP and EXIF dumps live).
_PNG_METADATA = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BadPhoto(Exception):
    """A given file is not a photo the archive accepts; ``code`` says why, for the message."""

    def __init__(self, code: str, text: str, **params):
        super().__init__(text)
        self.code, self.params = code, params


@dataclass(frozen=True)
class CheckedPhoto:
    """A photo that opened and decoded fully: its kind, MIME type, file ending and size."""

    kind: str
    mime_type: str
    suffix: str
    width: int
    height: int


def check_photo(name: str, data: bytes, max_pixels: int = images.MAX_PIXELS) -> CheckedPhoto:
    """Check a file by its content (JPEG, PNG or TIFF, fully decodable, not too many pixels)."""
    kind = sniff(data[:64])
    if kind not in ACCEPTED:
        if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
            raise BadPhoto("heic", f"{name}: HEIC photos are not accepted; save it as JPEG", name=name)
        raise BadPhoto("not_image", f"{name}: not a JPEG, PNG or TIFF photo", name=name)
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                _check_pixels(name, image.size, max_pixels)
                image.load()  # decoding the whole image is the only proof it is not damaged
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError):
        raise BadPhoto("damaged", f"{name}: the image is damaged or incomplete", name=name) from None
    mime_type, suffix = ACCEPTED[kind]
    return CheckedPhoto(kind, mime_type, suffix, width, height)


def _check_pixels(name: str, size: tuple[int, int], max_pixels: int) -> None:
    """Refuse an image over the limit before decoding it (a decompression bomb)."""
    width, height = size
    if width * height > max_pixels:
        raise BadPhoto("too_many_pixels", f"{name}: {width}×{height} pixels is over the limit "
                       f"of {max_pixels} (HERITAGE_MAX_PIXELS)", name=name,
                       width=width, height=height)


def without_metadata(data: bytes, kind: str) -> bytes:
    """The photo with every metadata block (EXIF with GPS, XMP, IPTC, comments) left out."""
    if kind == "JPEG":
        return _jpeg_without_metadata(data)
    if kind == "PNG":
        return _png_without_metadata(data)
    return _tiff_without_metadata(data)


def _jpeg_without_metadata(data: bytes) -> bytes:
    """Copy a JPEG's segments up to the image data, leaving out the metadata segments."""
    out, at = [data[:2]], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the compressed image follows, copied as it is
            break
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if marker not in _JPEG_METADATA:
            out.append(data[at:at + 2 + length])
        at += 2 + length
    out.append(data[at:])
    return b"".join(out)


def _png_without_metadata(data: bytes) -> bytes:
    """Copy a PNG's chunks, leaving out the metadata chunks."""
    out, at = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        kind = data[at + 4:at + 8]
        end = at + 12 + length  # length, type, data, CRC
        if kind not in _PNG_METADATA:
            out.append(data[at:end])
        at = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _tiff_without_metadata(data: bytes) -> bytes:
    """A TIFF written again from its pixels alone (keeping resolution and colour profile)."""
    frames = []
    with Image.open(io.BytesIO(data)) as image:
        dpi = image.info.get("dpi")
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            # a plain copy of the pixels: no tags, no EXIF, no XMP come along
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P":
                clean.putpalette(image.getpalette())
            frames.append(clean)
            icc = image.info.get("icc_profile")
    extra = {"dpi": dpi} if dpi else {}
    if icc:
        extra["icc_profile"] = icc
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", compression="tiff_lzw", save_all=len(frames) > 1,
                   append_images=frames[1:], **extra)
    return buffer.getvalue()


def has_gps(path_or_data: Path | bytes) -> bool:
    """Whether an image carries EXIF GPS data (for checks and tests)."""
    source = io.BytesIO(path_or_data) if isinstance(path_or_data, bytes) else path_or_data
    with Image.open(source) as image:
        exif = image.getexif()
        return 0x8825 in exif and bool(exif.get_ifd(0x8825))
