"""Reading scans: formats, modes and the messages for files that cannot be read."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from heritage.ingest import images
from tests.factories import render_text


def test_multi_page_tiff_gives_one_frame_per_page(tmp_path):
    pages = [render_text("pirmā lapa"), render_text("otrā lapa"), render_text("trešā lapa")]
    path = tmp_path / "mape.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300), compression="tiff_lzw")
    frames = list(images.read_frames(path))
    assert [f.index for f in frames] == [0, 1, 2]
    assert all(f.dpi == pytest.approx(300) for f in frames)


def test_sixteen_bit_grayscale_is_scaled_not_clipped(tmp_path):
    path = tmp_path / "16bit.tif"
    Image.new("I;16", (40, 20), 30000).save(path)
    frame = next(images.read_frames(path))
    assert frame.image.mode == "L"
    assert 100 < frame.image.getpixel((0, 0)) < 130  # 30000 / 256 ≈ 117, not 255


def test_transparent_png_is_flattened_on_white(tmp_path):
    path = tmp_path / "alpha.png"
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(path)
    assert next(images.read_frames(path)).image.getpixel((5, 5)) == (255, 255, 255)


def _truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    render_text("izgriezums").save(buffer, "JPEG")
    return buffer.getvalue()[:2000]


@pytest.mark.parametrize("name, content, expected", [
    ("tukss.jpg", b"", "empty (0 bytes)"),
    ("teksts.png", "Šis nav attēls".encode(), "not an image"),
    ("nogriezts.jpg", _truncated_jpeg(), "damaged or incomplete"),
    ("html.tif", b"<html><body>404</body></html>", "not an image"),
])
def test_unreadable_scans_are_explained(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(images.UnreadableScan, match=expected.replace("(", r"\(").replace(")", r"\)")):
        list(images.read_frames(path))


def test_jpeg_derivative_fits_the_long_side():
    data = images.jpeg_derivative(Image.new("RGB", (4000, 1000), "white"), 1600)
    assert Image.open(io.BytesIO(data)).size == (1600, 400)
