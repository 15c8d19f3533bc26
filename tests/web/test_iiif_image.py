"""IIIF Image API 3.0: info.json, every parameter good and bad, the tile fast path, caching, access."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from heritage.extensions import db
from heritage.models import MediaFile, Page
from heritage.services import media_store
from heritage.services.iiif_image import parse_image_id
from heritage.services.zoom import page_pyramid, tile_key
from heritage.storage import derivative_key, original_key
from tests.factories import _store_scan, make_item

WIDTH, HEIGHT = 1200, 1600


def picture(width: int = WIDTH, height: int = HEIGHT) -> Image.Image:
    """A colour page whose quarters differ, so mirroring and turning can be told apart."""
    image = Image.new("RGB", (width, height), (240, 240, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 2, height // 2), fill=(200, 30, 30))
    draw.rectangle((width // 2, height // 2, width, height), fill=(30, 30, 200))
    return image


def make_image_item(image: Image.Image | None = None, access_level: str = "public",
                    status: str = "published", **values) -> int:
    """A one-page item whose page is ``image``; its id."""
    image = image or picture()
    item = make_item(texts=(), access_level=access_level, status=status, **values)
    sha, data = _store_scan(image)
    media = MediaFile(position=0, original_name="1.png", storage_key=original_key(sha, ".png"),
                      sha256=sha, mime_type="image/png", size=len(data), width=image.width,
                      height=image.height)
    item.media_files.append(media)
    item.pages.append(Page(media_file=media, sequence=1, width=image.width, height=image.height,
                           ocr_text="", image_key=derivative_key(sha, 0, "web"),
                           thumbnail_key=derivative_key(sha, 0, "thumb")))
    db.session.commit()
    return item.id


@pytest.fixture
def image_id(app):
    return f"{make_image_item()}-1"


def fetch(client, image_id: str, path: str, **kwargs):
    return client.get(f"/iiif/3/{image_id}/{path}", **kwargs)


def opened(response) -> Image.Image:
    assert response.status_code == 200, response.get_data(as_text=True)
    return Image.open(io.BytesIO(response.data))


def test_info_json(client, image_id):
    response = fetch(client, image_id, "info.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/ld+json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert 'rel="profile"' in response.headers["Link"]
    info = response.json
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"http://localhost/iiif/3/{image_id}"
    assert (info["type"], info["protocol"]) == ("ImageService3", "http://iiif.io/api/image")
    assert info["profile"] in ("level1", "level2")
    assert (info["width"], info["height"]) == (WIDTH, HEIGHT)
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
    assert {"width": 300, "height": 400} in info["sizes"]
    assert all(max(s["width"], s["height"]) <= 1600 for s in info["sizes"])
    assert "png" in info["extraFormats"] and "gray" in info["extraQualities"]
    assert info["maxArea"] > 0


def test_base_uri_redirects_to_info(client, image_id):
    response = client.get(f"/iiif/3/{image_id}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/iiif/3/{image_id}/info.json")


@pytest.mark.parametrize("region, size, expected", [
    ("full", "max", (1200, 1600)),
    ("square", "max", (1200, 1200)),
    ("100,200,300,400", "max", (300, 400)),
    ("1000,1400,500,500", "max", (200, 200)),  # partly outside: cropped
    ("pct:10,10,50,25", "max", (600, 400)),
    ("full", "600,", (600, 800)),
    ("full", ",400", (300, 400)),
    ("full", "!300,300", (225, 300)),
    ("full", "300,300", (300, 300)),
    ("full", "pct:50", (600, 800)),
    ("0,0,100,100", "^250,", (250, 250)),
    ("full", "^pct:150", (1800, 2400)),
    ("512,512,512,512", "max", (512, 512)),
])
def test_region_and_size(client, image_id, region, size, expected):
    assert opened(fetch(client, image_id, f"{region}/{size}/0/default.jpg")).size == expected


def test_upscaled_max_is_bounded_by_max_area(client, image_id, monkeypatch):
    monkeypatch.setattr("heritage.services.iiif_image.MAX_AREA", 250_000)
    assert fetch(client, image_id, "info.json").json["maxArea"] == 250_000
    assert opened(fetch(client, image_id, "0,0,100,200/^max/0/default.jpg")).size == (353, 707)
    assert opened(fetch(client, image_id, "full/max/0/default.jpg")).size == (433, 577)


def test_rotation_by_90s_swaps_sides(client, image_id):
    assert opened(fetch(client, image_id, "full/300,/90/default.jpg")).size == (400, 300)
    assert opened(fetch(client, image_id, "full/300,/180/default.png")).size == (300, 400)


def test_mirroring_flips_left_and_right(client, image_id):
    plain = opened(fetch(client, image_id, "full/300,/0/default.png")).convert("RGB")
    mirrored = opened(fetch(client, image_id, "full/300,/!0/default.png")).convert("RGB")
    assert plain.getpixel((20, 20))[0] > 150 and mirrored.getpixel((20, 20))[0] < 150 + 100
    assert mirrored.getpixel((279, 20)) == pytest.approx(plain.getpixel((20, 20)), abs=8)
    assert mirrored.getpixel((20, 20)) == pytest.approx(plain.getpixel((279, 20)), abs=8)


def test_arbitrary_rotation(client, image_id):
    turned = opened(fetch(client, image_id, "0,0,100,100/max/45/default.png"))
    assert turned.size[0] in (141, 142)


@pytest.mark.parametrize("quality, mode", [("gray", "L"), ("bitonal", "1"), ("color", "RGB"),
                                           ("default", "RGB")])
def test_qualities(client, image_id, quality, mode):
    got = opened(fetch(client, image_id, f"full/200,/0/{quality}.png"))
    assert got.mode == mode
    assert got.format == "PNG"


def test_bitonal_jpeg_is_black_and_white(client, image_id):
    got = opened(fetch(client, image_id, "full/200,/0/bitonal.jpg"))
    assert got.format == "JPEG" and got.mode == "L"


@pytest.mark.parametrize("path, parameter", [
    ("0,0,0,10/max/0/default.jpg", "region"),
    ("abc/max/0/default.jpg", "region"),
    ("5000,0,10,10/max/0/default.jpg", "region"),  # entirely outside
    ("pct:0,0,0,10/max/0/default.jpg", "region"),
    ("full/0,/0/default.jpg", "size"),
    ("full/,0/0/default.jpg", "size"),
    ("full/1300,/0/default.jpg", "size"),  # larger than the region without ^
    ("full/pct:200/0/default.jpg", "size"),
    ("full/!2000,3000/0/default.jpg", "size"),
    ("full/wide/0/default.jpg", "size"),
    ("full/^100000,100000/0/default.jpg", "size"),  # over maxArea
    ("full/max/360/default.jpg", "rotation"),
    ("full/max/-90/default.jpg", "rotation"),
    ("full/max/x/default.jpg", "rotation"),
    ("full/max/0/sepia.jpg", "quality"),
    ("full/max/0/default.gif", "format"),
])
def test_bad_parameters_are_400_naming_them(client, image_id, path, parameter):
    response = fetch(client, image_id, path)
    assert response.status_code == 400
    assert f"invalid {parameter}" in response.json["error"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("image_id", ["nope", "1-0", "999-1", "a-b"])
def test_unknown_images_are_404(client, app, image_id):
    assert fetch(client, image_id, "info.json").status_code == 404
    assert fetch(client, image_id, "full/max/0/default.jpg").status_code == 404


def test_missing_page_is_404(client, image_id):
    item_id, _ = parse_image_id(image_id)
    assert fetch(client, f"{item_id}-2", "info.json").status_code == 404


@pytest.mark.parametrize("path, level, col, row", [
    ("512,0,512,512/512,512/0/default.jpg", 11, 1, 0),
    ("1024,1536,176,64/176,64/0/default.jpg", 11, 2, 3),
    ("0,1024,1024,576/512,288/0/default.jpg", 10, 0, 1),
    ("full/300,400/0/default.jpg", 9, 0, 0),
    ("full/300,/0/default.jpg", 9, 0, 0),
])
def test_a_viewers_tile_is_the_stored_tile(app, client, image_id, path, level, col, row):
    response = fetch(client, image_id, path)
    assert response.status_code == 200
    item_id, _ = parse_image_id(image_id)
    page = db.session.get(Page, db.session.query(Page.id).filter_by(item_id=item_id).scalar())
    with media_store().open(tile_key(page, page_pyramid(page), level, col, row)) as stored:
        assert response.data == stored.read()


def test_link_headers_name_profile_and_canonical_request(client, image_id):
    response = fetch(client, image_id, "full/600,/0/default.jpg")
    link = response.headers["Link"]
    assert '<http://iiif.io/api/image/3/level2.json>;rel="profile"' in link
    assert f'<http://localhost/iiif/3/{image_id}/full/600,800/0/default.jpg>;rel="canonical"' in link


def test_rendered_answers_are_kept_and_carry_etags(client, image_id):
    first = fetch(client, image_id, "100,100,700,700/350,/0/gray.png")
    assert first.status_code == 200 and first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public")
    again = fetch(client, image_id, "100,100,700,700/350,/0/gray.png")
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    same = fetch(client, image_id, "100,100,700,700/350,350/0/gray.png")  # same canonical
    assert same.headers["ETag"] == first.headers["ETag"]
    unchanged = fetch(client, image_id, "100,100,700,700/350,/0/gray.png",
                      headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and not unchanged.data


def test_metadata_only_gives_no_pixels(app, client):
    image_id = f"{make_image_item(access_level='metadata_only')}-1"
    for path in ("info.json", "full/max/0/default.jpg", "0,0,512,512/512,512/0/default.jpg"):
        response = fetch(client, image_id, path)
        assert response.status_code == 403
        assert response.content_type.startswith("application/ld+json")
        assert response.json["level"] == "metadata_only" and response.json["reason"]
        assert response.json["heading"]["en"]


def test_staff_and_draft_items_are_404(app, client):
    for made in (make_image_item(access_level="staff"), make_image_item(status="draft")):
        assert fetch(client, f"{made}-1", "info.json").status_code == 404
        assert fetch(client, f"{made}-1", "full/max/0/default.jpg").status_code == 404


def test_reading_room_only_inside(app, client):
    image_id = f"{make_image_item(access_level='reading_room')}-1"
    outside = fetch(client, image_id, "full/200,/0/default.jpg")
    assert outside.status_code == 403 and outside.json["level"] == "reading_room"
    app.config["HERITAGE_READING_ROOM_IPS"] = ["10.1.0.0/16"]
    inside = fetch(client, image_id, "full/200,/0/default.jpg",
                   environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert inside.status_code == 200
    assert "private" in inside.headers["Cache-Control"]
    assert "public" not in inside.headers["Cache-Control"]
    info = fetch(client, image_id, "info.json", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert info.status_code == 200 and "private" in info.headers["Cache-Control"]
