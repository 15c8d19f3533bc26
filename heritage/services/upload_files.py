"""What an upload may hold: file names, junk files, content sniffing and zipped folders.

Every check names the file (or zip entry) and says what to do. Zips are checked from their
directory before a byte is unpacked (paths leaving the folder, symlinks, too many entries, a
too large total, a suspicious compression ratio), and the real bytes are counted again while
unpacking, since a zip's directory can lie.
"""
from __future__ import annotations

import shutil
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InvalidInput

#: Files an operating system leaves behind; skipped without a word.
JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "__macosx", ".spotlight-v100", ".trashes"}
#: Descriptions of the scans, read by the ingest; text, so there is nothing to sniff.
METADATA_NAMES = {"metadata.csv"}
#: Content kinds by what a file's first bytes are, with the name endings each may have.
KIND_SUFFIXES = {
    "TIFF": {".tif", ".tiff"}, "JPEG": {".jpg", ".jpeg", ".jpe"}, "PNG": {".png"},
    "PDF": {".pdf"}, "JPEG 2000": {".jp2", ".j2k", ".jpf", ".jpx"}, "WebP": {".webp"},
    "BMP": {".bmp"}, "GIF": {".gif"},
    "WAV": {".wav"}, "FLAC": {".flac"}, "MP3": {".mp3"}, "Ogg": {".ogg", ".oga", ".ogv", ".opus"},
    "MP4": {".mp4", ".m4a", ".m4v", ".mov"}, "Matroska": {".mkv", ".mka", ".webm"},
    "ZIP": {".zip"},
}
#: A recording's transcript and index, uploaded beside it under its name (ozola.vtt for
#: ozola.wav); text, so they are checked for being text rather than sniffed
SIDECAR_SUFFIXES = {".vtt", ".srt", ".txt", ".csv", ".xml"}
ACCEPTED_SUFFIXES = set().union(*KIND_SUFFIXES.values(), SIDECAR_SUFFIXES)
HEAD = 64  # bytes read to tell a file's kind
ZIP_MIN_RATIO_SIZE = 1024 * 1024  # smaller entries may compress well without being a bomb
COPY_BLOCK = 1024 * 1024


def sniff(head: bytes) -> str | None:
    """The kind of content these first bytes begin, or None when heritage does not know it."""
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "TIFF"
    if head[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if head[:5] == b"%PDF-":
        return "PDF"
    if head[:12] == b"\x00\x00\x00\x0cjP  \r\n\x87\n" or head[:4] == b"\xff\x4f\xff\x51":
        return "JPEG 2000"
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE"):
        return "WebP" if head[8:12] == b"WEBP" else "WAV"
    return _sniff_more(head)


def _sniff_more(head: bytes) -> str | None:
    starts = {b"BM": "BMP", b"GIF87a": "GIF", b"GIF89a": "GIF", b"fLaC": "FLAC", b"ID3": "MP3",
              b"OggS": "Ogg", b"\x1a\x45\xdf\xa3": "Matroska", b"PK\x03\x04": "ZIP",
              b"PK\x05\x06": "ZIP"}
    for start, kind in starts.items():
        if head.startswith(start):
            return kind
    if head[4:8] == b"ftyp":
        return "MP4"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame
        return "MP3"
    return None


def content_problem(path: Path) -> str | None:
    """Why a file cannot go on (not an accepted kind, or content not matching its name); None if fine."""
    if path.name.lower() in METADATA_NAMES:
        return None
    suffix = path.suffix.lower()
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    kind = sniff(head[:HEAD])
    if suffix in SIDECAR_SUFFIXES:
        return None if _is_text(head) else (
            f"the file is named {suffix} but is not text: a transcript or index must be plain "
            "text (WebVTT, SRT, CSV, OHMS XML); save it as UTF-8 text and upload it")
    if suffix not in ACCEPTED_SUFFIXES:
        return (f"'{suffix or path.name}' files are not accepted: upload scans (TIFF, JPEG, PNG, "
                "PDF, JPEG 2000, WebP), recordings (WAV, FLAC, MP3, Ogg, M4A, MP4, MKV) and "
                "their transcripts (.vtt, .srt, .txt) and indexes (.csv, OHMS .xml)")
    if kind is None:
        return (f"the file is named {suffix} but its content is not a file type heritage knows; "
                "it may be damaged: export it again and upload it")
    if suffix not in KIND_SUFFIXES[kind]:
        return (f"the file is named {suffix} but its content is {kind}: rename it to "
                f"{sorted(KIND_SUFFIXES[kind])[0]} (or export it again) and upload it")
    return None


def _is_text(head: bytes) -> bool:
    """Whether the first bytes of a file look like text (UTF-8 or UTF-16 with its mark)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a letter cut at the end of what was read
    return True


def clean_name(name: str) -> str:
    """A file name as kept: NFC-normalised, without any folder, or :class:`InvalidInput`."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/")).split("/")[-1].strip()
    if base in ("", ".", "..") or "\x00" in base:
        raise InvalidInput(f"file name {name!r} cannot be used: rename the file and upload it again")
    return base


def is_junk(parts: tuple[str, ...] | list[str]) -> bool:
    """Whether a path (its parts) is an operating system's leftover, such as __MACOSX or .DS_Store."""
    return any(part.lower() in JUNK_NAMES or part.startswith("._") for part in parts)


@dataclass
class ZipLimits:
    """How much a zipped folder may hold."""

    max_files: int
    max_bytes: int
    max_ratio: int


@dataclass
class Unpacked:
    """What unpacking a zip left out: nested zips and encrypted entries, with the reason."""

    refused: list[tuple[str, str]]


def check_zip(archive: zipfile.ZipFile, label: str, limits: ZipLimits) -> None:
    """Refuse a zip (naming the entry) that could write outside its folder or is a zip bomb."""
    entries = archive.infolist()
    if len(entries) > limits.max_files:
        raise InvalidInput(f"{label}: holds {len(entries)} entries, more than the "
                           f"{limits.max_files} allowed; split it into smaller zips")
    total = 0
    for info in entries:
        _check_entry_path(info, label)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_MIN_RATIO_SIZE and ratio > limits.max_ratio:
            raise InvalidInput(f"{label}: entry '{info.filename}' unpacks {ratio:.0f} times larger "
                               f"than it is packed (at most {limits.max_ratio} allowed); this looks "
                               "like a zip bomb and the zip was refused")
    if total > limits.max_bytes:
        raise InvalidInput(f"{label}: unpacks to {total // 2**20} MB, more than the "
                           f"{limits.max_bytes // 2**20} MB allowed; split it into smaller zips")


def _check_entry_path(info: zipfile.ZipInfo, label: str) -> None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
        raise InvalidInput(f"{label}: entry '{info.filename}' points outside the folder "
                           "(an absolute path or '..'); the zip was refused")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise InvalidInput(f"{label}: entry '{info.filename}' is a symbolic link; links are not "
                           "accepted and the zip was refused: zip the files themselves")


def unpack_zip(path: Path, dest: Path, limits: ZipLimits) -> Unpacked:
    """Check and unpack a zip into ``dest``; a single top folder is unpacked as the folder itself."""
    label = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InvalidInput(f"{label}: not a readable zip; zip the folder again and upload it") from None
    with archive:
        check_zip(archive, label, limits)
        members = [info for info in archive.infolist() if not info.is_dir()
                   and not is_junk(PurePosixPath(info.filename).parts)]
        prefix = _common_folder(members)
        refused, written = [], 0
        for info in members:
            relative = PurePosixPath(*PurePosixPath(info.filename).parts[prefix:])
            relative = PurePosixPath(*[clean_name(part) for part in relative.parts])
            why = _entry_refusal(info, relative)
            if why:
                refused.append((str(relative), why))
                continue
            written += _extract(archive, info, dest / relative, limits.max_bytes - written, label)
    return Unpacked(refused)


def _common_folder(members: list[zipfile.ZipInfo]) -> int:
    """1 when every entry sits in one top folder (a zipped folder), else 0."""
    tops = {PurePosixPath(info.filename).parts[0] for info in members}
    deep = all(len(PurePosixPath(info.filename).parts) > 1 for info in members)
    return 1 if len(tops) == 1 and deep and members else 0


def _entry_refusal(info: zipfile.ZipInfo, relative: PurePosixPath) -> str | None:
    if info.flag_bits & 0x1:
        return "the entry is password-protected; zip it again without a password"
    if relative.suffix.lower() == ".zip":
        return "a zip inside the zip is not opened: unpack it and upload its files"
    return None


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, room: int,
             label: str) -> int:
    """Copy one entry out counting real bytes: neither its stated size nor the total may be passed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    allowed, written = min(info.file_size, room), 0
    try:
        with archive.open(info) as source, open(target, "wb") as out:
            while block := source.read(COPY_BLOCK):
                written += len(block)
                if written > allowed:
                    raise zipfile.BadZipFile("larger than stated")
                out.write(block)
    except (zipfile.BadZipFile, EOFError, OSError):  # zipfile also checks sizes and CRCs
        target.unlink(missing_ok=True)
        raise InvalidInput(f"{label}: entry '{info.filename}' is damaged or unpacks to more than "
                           "the zip says or than is allowed; the zip was refused") from None
    return written


def remove_tree(path: Path) -> None:
    """Delete a folder and everything in it, if it is there."""
    shutil.rmtree(path, ignore_errors=True)
