"""Zip guards and content sniffing of uploads, with real crafted zips and real files."""
from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from heritage.errors import InvalidInput
from heritage.services.upload_files import (ZipLimits, clean_name, content_problem, is_junk,
                                            sniff, unpack_zip)
from tests.factories import write_scan

LIMITS = ZipLimits(max_files=10, max_bytes=50 * 2**20, max_ratio=100)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def _zip(path: Path, entries: list[tuple[str, bytes]], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name) if name.startswith("/") else name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("entries, symlink, named", [
    ([("../evil.png", PNG)], None, "../evil.png"),
    ([("scans/../../evil.png", PNG)], None, "scans/../../evil.png"),
    ([("/tmp/evil.png", PNG)], None, "/tmp/evil.png"),
    ([("ok.png", PNG)], "link.png", "link.png"),
    ([("bomb.tif", b"\x00" * (4 * 2**20))], None, "bomb.tif"),
    ([(f"{n}.png", PNG) for n in range(11)], None, "11 entries"),
], ids=["dotdot", "nested-dotdot", "absolute", "symlink", "ratio-bomb", "too-many"])
def test_dangerous_zips_are_refused_naming_the_entry(tmp_path, entries, symlink, named):
    archive = _zip(tmp_path / "upload.zip", entries, symlink)
    with pytest.raises(InvalidInput) as refused:
        unpack_zip(archive, tmp_path / "out", LIMITS)
    assert named in str(refused.value) and "upload.zip" in str(refused.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))
    assert not (tmp_path / "evil.png").exists()


def test_total_unpacked_size_is_limited(tmp_path):
    archive = _zip(tmp_path / "big.zip", [("a.png", PNG + b"\x01" * 3000)])
    with pytest.raises(InvalidInput, match="MB allowed"):
        unpack_zip(archive, tmp_path / "out", ZipLimits(10, 1000, 100))


def test_zipped_folder_is_unpacked_without_its_top_folder_junk_or_nested_zips(tmp_path):
    archive = _zip(tmp_path / "vestis.zip", [
        ("Vēstis/1.png", PNG), ("Vēstis/skola/2.png", PNG), ("Vēstis/.DS_Store", b"x"),
        ("__MACOSX/Vēstis/._1.png", b"x"), ("Vēstis/Thumbs.db", b"x"),
        ("Vēstis/inner.zip", b"PK\x03\x04rest")])
    result = unpack_zip(archive, tmp_path / "out", LIMITS)
    found = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")
                   if p.is_file())
    assert found == ["1.png", "skola/2.png"]
    assert [name for name, _ in result.refused] == ["inner.zip"]


@pytest.mark.parametrize("name, data, problem", [
    ("scan.png", b"%PDF-1.4 not a png", "content is PDF"),
    ("scan.jpg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "content is PNG"),
    ("scan.tif", b"just some text, not an image", "not a file type heritage knows"),
    ("notes.docx", b"PK\x03\x04", "not accepted"),
    ("virus.exe", b"MZ\x90\x00", "not accepted"),
])
def test_content_not_matching_the_name_is_reported(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    assert problem in content_problem(path)


@pytest.mark.parametrize("name, head, kind", [
    ("a.tif", b"II*\x00", "TIFF"), ("a.jp2", b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000"),
    ("a.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP"), ("a.wav", b"RIFF\x00\x00\x00\x00WAVEfmt ", "WAV"),
    ("a.flac", b"fLaC\x00", "FLAC"), ("a.mp3", b"ID3\x04", "MP3"), ("a.mp3", b"\xff\xfb\x90", "MP3"),
    ("a.ogg", b"OggS\x00", "Ogg"), ("a.m4a", b"\x00\x00\x00\x20ftypM4A ", "MP4"),
    ("a.mkv", b"\x1a\x45\xdf\xa3", "Matroska"),
])
def test_accepted_kinds_are_recognised(tmp_path, name, head, kind):
    assert sniff(head) == kind
    (tmp_path / name).write_bytes(head + b"\x00" * 32)
    assert content_problem(tmp_path / name) is None


def test_real_scans_pass_sniffing(tmp_path):
    for suffix in (".png", ".jpg", ".tif", ".pdf"):
        path = write_scan(tmp_path / f"page{suffix}", "Ezerkalne")
        assert content_problem(path) is None, suffix


def test_names_are_nfc_and_junk_is_recognised():
    assert clean_name("Ve\u0304stis/Ska\u0304rds.png") == "Vēstis/Skārds.png".split("/")[-1]
    assert clean_name("C:\\scans\\1.png") == "1.png"
    with pytest.raises(InvalidInput):
        clean_name("..")
    assert is_junk(("__MACOSX", "a.png")) and is_junk((".DS_Store",)) and is_junk(("Thumbs.db",))
    assert not is_junk(("skola", "1.png"))


def test_chunked_uploads_left_for_two_days_are_given_up(app):
    import os
    import time

    from heritage.services import uploads
    from tests.factories import make_user

    user = make_user("cataloguer")
    old = uploads.open_session("vecs.tif", 100, user)["id"]
    fresh = uploads.open_session("jauns.tif", 100, user)["id"]
    data = uploads.upload_root() / "sessions" / old / "data"
    three_days_ago = time.time() - 3 * 24 * 3600
    os.utime(data, (three_days_ago, three_days_ago))
    assert uploads.forget_stale_sessions() == 1
    with pytest.raises(InvalidInput, match="not known"):
        uploads.session_state(old, user)
    assert uploads.session_state(fresh, user)["offset"] == 0
