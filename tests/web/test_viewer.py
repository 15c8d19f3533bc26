"""The item page's viewer: the Deep Zoom pyramid, search hits on the image and in the text,
downloads, HTTP caching, and the access rules for all of them."""
from __future__ import annotations

import io
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree, html
from PIL import Image, ImageChops, ImageStat

from heritage.ingest.pyramid import Pyramid
from heritage.services import zoom
from heritage.services.ingest import ingest_folder
from tests.factories import make_alto_item, make_item, needs_tesseract, write_scan
from tests.web.test_html_quality import needs_vnu, nu_html_problems

LINES = ("Rudens vakarā ezera krastā Žvejnieki gaidīja vēju",
         "Ežerėliai, dzirnavās malta labība, žvejnieku laivas")
DZI = "{http://schemas.microsoft.com/deepzoom/2008}"


@pytest.fixture
def lake(app):
    """A one-page public item, 2000 px wide (wider than the web image), with a true ALTO."""
    return make_alto_item(LINES)


def _page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return html.fromstring(response.get_data(as_text=True))


def _hits(client, item_id: int, query: str, sequence: int = 1) -> list[str]:
    response = client.get(f"/items/{item_id}/pages/{sequence}/hits.json", query_string={"q": query})
    assert response.status_code == 200
    return [hit["word"] for hit in response.get_json()["hits"]]


# --- the pyramid ------------------------------------------------------------------------------

def test_dzi_descriptor_is_valid_xml_with_the_full_resolution_size(client, lake):
    response = client.get(f"/items/{lake.id}/pages/1/zoom.dzi")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = etree.fromstring(response.data)
    assert root.tag == f"{DZI}Image" and root.get("TileSize") == "512" and root.get("Format") == "jpg"
    size = root.find(f"{DZI}Size")
    assert (int(size.get("Width")), int(size.get("Height"))) == (2000, lake.pages[0].height)


@pytest.mark.parametrize("level, col, row", [(0, 0, 0), (6, 0, 0), (11, 0, 0), (11, 3, 0), (10, 1, 0)])
def test_tiles_decode_to_the_size_their_level_gives(client, lake, level, col, row):
    pyramid = Pyramid(2000, lake.pages[0].height)
    response = client.get(f"/items/{lake.id}/pages/1/zoom_files/{level}/{col}_{row}.jpg")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    left, top, right, bottom = pyramid.tile_box(level, col, row)
    assert Image.open(io.BytesIO(response.data)).size == (right - left, bottom - top)


def test_full_size_tiles_are_cut_from_the_original_not_the_web_image(client, lake):
    tile = Image.open(io.BytesIO(client.get(f"/items/{lake.id}/pages/1/zoom_files/11/3_0.jpg").data))
    assert tile.width == 2000 - 3 * 512  # the 1600-px web image has no fourth column


@pytest.mark.parametrize("path", ["12/0_0", "11/4_0", "11/0_1", "0/1_0", "-1/0_0"])
def test_a_tile_outside_the_pyramid_is_not_found(client, lake, path):
    assert client.get(f"/items/{lake.id}/pages/1/zoom_files/{path}.jpg").status_code == 404


def test_the_pyramid_is_built_once_even_when_asked_twice_at_once(app, lake, monkeypatch):
    calls = []
    real = zoom.upright_image

    def slow(store, page):
        calls.append(page.id)
        time.sleep(0.3)  # long enough for the second request to arrive meanwhile
        return real(store, page)

    monkeypatch.setattr(zoom, "upright_image", slow)
    statuses = []

    def fetch(path):
        statuses.append(app.test_client().get(path).status_code)

    threads = [threading.Thread(target=fetch, args=(f"/items/{lake.id}/pages/1/zoom_files/{p}.jpg",))
               for p in ("11/0_0", "10/1_0")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fetch(f"/items/{lake.id}/pages/1/zoom_files/0/0_0.jpg")
    assert statuses == [200, 200, 200] and len(calls) == 1


# --- hits -------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, words", [
    ("zvejnieki", ["Žvejnieki", "žvejnieku"]),
    ("ŽVEJNIEKI", ["Žvejnieki", "žvejnieku"]),
    ("ezereliai", ["Ežerėliai,"]),
    ("dzirnavas", ["dzirnavās"]),
    ('"žvejnieku laivas"', ["žvejnieku", "laivas"]),
    ("vakara", ["vakarā"]),
    ("kolhozs", []),
    ("", []),
])
def test_hit_boxes_fold_diacritics_and_inflections_as_search_does(client, lake, query, words):
    assert _hits(client, lake.id, query) == words


def test_hit_boxes_are_the_words_alto_boxes_in_page_pixels(client, lake):
    answer = client.get(f"/items/{lake.id}/pages/1/hits.json?q=dzirnavas").get_json()
    assert (answer["width"], answer["height"]) == (2000, lake.pages[0].height)
    [hit] = answer["hits"]
    alto = etree.fromstring(client.get(f"/items/{lake.id}/pages/1/alto.xml").data)
    [string] = alto.xpath("//*[local-name()='String'][@CONTENT='dzirnavās']")
    assert [hit[k] for k in "xywh"] == [int(string.get(a)) for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]


def test_lithuanian_item_is_matched_with_lithuanian_stems(client, app):
    item = make_alto_item(("Ežerėlių seniūnijoje stovi malūnas",), language="lt")
    assert _hits(client, item.id, "ezereliu") == ["Ežerėlių"]
    assert _hits(client, item.id, "seniunija") == ["seniūnijoje"]


def test_ocr_text_marks_the_query_words(client, lake):
    page = _page(client, f"/items/{lake.id}?q=zvejnieki")
    assert page.xpath("//div[@class='ocr-text']//mark/text()") == ["Žvejnieki", "žvejnieku"]
    figure = page.xpath("//figure[@data-viewer]")[0]
    assert parse_qs(urlsplit(figure.get("data-hits")).query) == {"q": ["zvejnieki"]}


def test_without_a_query_nothing_is_marked_and_the_text_is_whole(client, lake):
    page = _page(client, f"/items/{lake.id}")
    assert page.xpath("//mark") == [] and not page.xpath("//figure/@data-hits")
    assert "dzirnavās malta" in page.xpath("string(//div[@class='ocr-text'])")


def test_marked_text_is_escaped(client, app):
    item = make_item(title="Zīmes", texts=("<script>x</script> skolā & dārzā",))
    page = client.get(f"/items/{item.id}?q=skola").get_data(as_text=True)
    assert "&lt;script&gt;x&lt;/script&gt; <mark class=\"hit\">skolā</mark> &amp; dārzā" in page


def test_multi_page_item_lists_its_hit_pages_and_keeps_the_query(client, app):
    item = make_item(title="Dzirnavu vēsture", texts=("Dzirnavās mala.", "Nekā te nav.",
                                                      "Dzirnavas un dzirnavnieks, dzirnavu dīķis."))
    page = _page(client, f"/items/{item.id}?page=2&q=dzirnavas")
    links = page.xpath("//nav[@class='hit-pages']//a")
    assert [parse_qs(urlsplit(a.get("href")).query) for a in links] == [
        {"page": ["1"], "q": ["dzirnavas"]}, {"page": ["3"], "q": ["dzirnavas"]}]
    assert "(1" in links[0].text_content() and "(2" in links[1].text_content()
    nav = page.xpath("//nav[@class='page-nav']//a[@rel]")
    assert [(a.get("rel"), parse_qs(urlsplit(a.get("href")).query)["page"]) for a in nav] == [
        ("prev", ["1"]), ("next", ["3"])]


def test_search_results_link_to_the_item_with_the_query(client, lake):
    page = _page(client, "/search?q=zvejnieki")
    [link] = page.xpath(f"//ol[@class='results']//a[starts-with(@href, '/items/{lake.id}')]")
    assert parse_qs(urlsplit(link.get("href")).query) == {"q": ["zvejnieki"]}


@needs_tesseract
def test_a_really_ingested_page_has_hit_boxes_and_a_pyramid(app, client, tmp_path):
    write_scan(tmp_path / "mape" / "zvejnieki.png", "Žvejnieki brauca ezerā. Vecās dzirnavās mala miltus.")
    report = ingest_folder(tmp_path / "mape", "ezeri", lang="lav", publish=True)
    [item_id] = report.created
    answer = client.get(f"/items/{item_id}/pages/1/hits.json?q=zvejnieki").get_json()
    assert [hit["word"].strip(".,") for hit in answer["hits"]] == ["Žvejnieki"]
    hit = answer["hits"][0]
    assert 0 <= hit["x"] < hit["x"] + hit["w"] <= answer["width"]
    assert 0 <= hit["y"] < hit["y"] + hit["h"] <= answer["height"]
    assert [h["word"] for h in client.get(f"/items/{item_id}/pages/1/hits.json?q=dzirnavas")
            .get_json()["hits"]] == ["dzirnavās"]
    dzi = etree.fromstring(client.get(f"/items/{item_id}/pages/1/zoom.dzi").data)
    size = dzi.find(f"{DZI}Size")
    pyramid = Pyramid(int(size.get("Width")), int(size.get("Height")))
    assert (pyramid.width, pyramid.height) == (1400, 180)  # the scan's own size
    tile = client.get(f"/items/{item_id}/pages/1/zoom_files/{pyramid.max_level}/0_0.jpg")
    assert tile.status_code == 200 and Image.open(io.BytesIO(tile.data)).size == (512, 180)


# --- downloads --------------------------------------------------------------------------------

def test_downloads_give_the_original_bytes_name_and_type(client, lake):
    page = _page(client, f"/items/{lake.id}")
    hrefs = page.xpath("//section[@class='downloads']//a/@href")
    assert hrefs == [f"/items/{lake.id}/files/0", f"/items/{lake.id}/pages/1/text.txt",
                     f"/items/{lake.id}/pages/1/alto.xml"]
    facts = page.xpath("string(//section[@class='downloads']//li[1])")
    assert "Žvejnieki 1.png" in facts and "image/png" in facts and "kB" in facts
    original = client.get(hrefs[0])
    assert original.mimetype == "image/png" and original.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert original.data == _stored(lake.media_files[0].storage_key)
    assert "attachment" in original.headers["Content-Disposition"]
    assert "filename*=UTF-8''%C5%BDvejnieki%201.png" in original.headers["Content-Disposition"]
    text = client.get(hrefs[1])
    assert text.mimetype == "text/plain" and text.get_data(as_text=True) == "\n".join(LINES)
    alto = client.get(hrefs[2])
    assert etree.fromstring(alto.data).tag.endswith("}alto")


def _stored(key: str) -> bytes:
    from heritage.services import media_store

    with media_store().open(key) as handle:
        return handle.read()


def test_a_missing_file_position_is_not_found(client, lake):
    assert client.get(f"/items/{lake.id}/files/5").status_code == 404


# --- access -----------------------------------------------------------------------------------

MEDIA_PATHS = ["zoom.dzi", "zoom_files/0/0_0.jpg", "hits.json?q=zvejnieki", "text.txt", "alto.xml",
               "web.jpg"]


@pytest.mark.parametrize("access, status", [("reading_room", 403), ("staff", 404)])
@pytest.mark.parametrize("path", MEDIA_PATHS + ["../files/0"])
def test_restricted_items_give_no_pixels_words_or_files(client, app, access, status, path):
    item = make_alto_item(LINES, access_level=access)
    url = f"/items/{item.id}/pages/1/{path}".replace("pages/1/../", "")
    response = client.get(url)
    assert response.status_code == status
    assert not response.mimetype.startswith("image/") and "Žvejnieki".encode() not in response.data


def test_a_draft_gives_nothing(client, app):
    item = make_alto_item(LINES)
    item.status = "draft"
    from heritage.extensions import db
    db.session.commit()
    for path in MEDIA_PATHS:
        assert client.get(f"/items/{item.id}/pages/1/{path}").status_code == 404


def test_reading_room_item_page_offers_no_viewer_downloads_or_hits(client, app):
    item = make_alto_item(LINES, access_level="reading_room")
    page = _page(client, f"/items/{item.id}?q=zvejnieki")
    assert page.xpath("//figure[@data-viewer]") == [] and page.xpath("//section[@class='downloads']") == []
    assert page.xpath("//mark") == [] and page.xpath("//nav[@class='hit-pages']") == []
    assert not page.xpath("//script[contains(@src, 'viewer.js')]")


def test_a_missing_page_is_not_found(client, lake):
    assert client.get(f"/items/{lake.id}/pages/2/zoom.dzi").status_code == 404
    assert client.get(f"/items/{lake.id}/pages/2/hits.json?q=x").status_code == 404


# --- HTTP caching -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["pages/1/web.jpg", "pages/1/thumb.jpg", "pages/1/zoom.dzi",
                                  "pages/1/zoom_files/11/1_0.jpg", "files/0", "pages/1/text.txt",
                                  "pages/1/alto.xml"])
def test_media_carry_a_strong_etag_and_answer_304_when_unchanged(client, lake, path):
    first = client.get(f"/items/{lake.id}/{path}")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and not etag.startswith("W/")
    assert "max-age=86400" in first.headers["Cache-Control"]
    again = client.get(f"/items/{lake.id}/{path}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    changed = client.get(f"/items/{lake.id}/{path}", headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


def test_the_original_etag_is_its_checksum(client, lake):
    etag = client.get(f"/items/{lake.id}/files/0").headers["ETag"]
    assert etag.strip('"').startswith(lake.media_files[0].sha256)


def test_a_cached_copy_does_not_outlive_a_restriction(client, app, lake):
    etag = client.get(f"/items/{lake.id}/pages/1/web.jpg").headers["ETag"]
    lake.access_level = "reading_room"
    from heritage.extensions import db
    db.session.commit()
    again = client.get(f"/items/{lake.id}/pages/1/web.jpg", headers={"If-None-Match": etag})
    assert again.status_code == 403


# --- HTML -------------------------------------------------------------------------------------

@needs_vnu
def test_item_pages_with_the_viewer_and_hits_are_valid_html(client, lake, tmp_path):
    pages = make_item(title="Dzirnavas", texts=("Dzirnavās mala.", "Nekā.", "Dzirnavas."))
    closed = make_alto_item(LINES, access_level="reading_room")
    urls = {"hits": f"/items/{lake.id}?q=zvejnieki", "no-hits": f"/items/{lake.id}?q=kolhozs",
            "hit-pages": f"/items/{pages.id}?page=2&q=dzirnavas",
            "closed": f"/items/{closed.id}?q=zvejnieki", "tricky": f"/items/{lake.id}?q=%22%3C%3E%22"}
    html_pages = {name: client.get(url).get_data(as_text=True) for name, url in urls.items()}
    assert nu_html_problems(html_pages, tmp_path) == []


# --- pyramids of turned pages and PDFs --------------------------------------------------------

def _difference(a: Image.Image, b: Image.Image) -> float:
    """The mean grey difference of two images brought to one small size."""
    small = [image.convert("L").resize((64, 64)) for image in (a, b)]
    return ImageStat.Stat(ImageChops.difference(*small)).mean[0]


def _whole(client, item_id: int, sequence: int = 1) -> Image.Image:
    """The pyramid's first level that fits one tile: the whole page, small."""
    size = etree.fromstring(client.get(f"/items/{item_id}/pages/{sequence}/zoom.dzi").data).find(f"{DZI}Size")
    pyramid = Pyramid(int(size.get("Width")), int(size.get("Height")))
    level = max(lv for lv in range(pyramid.max_level + 1) if pyramid.tile_grid(lv) == (1, 1))
    tile = client.get(f"/items/{item_id}/pages/{sequence}/zoom_files/{level}/0_0.jpg")
    assert tile.status_code == 200
    return Image.open(io.BytesIO(tile.data))


def test_a_page_turned_at_ingest_is_tiled_upright(client, lake):
    from heritage.extensions import db
    from heritage.services import media_store

    page = lake.pages[0]
    upright = Image.open(io.BytesIO(_stored(page.media_file.storage_key)))
    buffer = io.BytesIO()
    upright.rotate(90, expand=True).save(buffer, "PNG")  # the scan as it lay on the scanner
    media_store().put_bytes(page.media_file.storage_key, buffer.getvalue())
    page.turned = 90
    db.session.commit()
    whole = _whole(client, lake.id)
    assert whole.width > whole.height and _difference(whole, upright) < 3


def test_a_pdf_page_is_tiled_from_its_own_page(app, client, tmp_path):
    from tests.ingest.test_pdf import write_born_digital

    (tmp_path / "mape").mkdir()
    write_born_digital(tmp_path / "mape" / "avize.pdf",
                       ["Pirmā lapa.", "Otrā lapa " * 60, "Trešā lapa: dzirnavās. " * 30])
    [item_id] = ingest_folder(tmp_path / "mape", "avizes", lang="lav", publish=True).created
    thumbs = [Image.open(io.BytesIO(client.get(f"/items/{item_id}/pages/{n}/thumb.jpg").data))
              for n in (1, 2, 3)]
    whole = _whole(client, item_id, 3)
    differences = [_difference(whole, thumb) for thumb in thumbs]
    assert differences.index(min(differences)) == 2 and min(differences) < 3


@pytest.mark.parametrize("headers, status, length", [
    ({}, 200, None), ({"Range": "bytes=0-99"}, 206, 100), ({"Range": "bytes=100-"}, 206, -100),
    ({"Range": "bytes=999999-"}, 416, 0),
])
def test_originals_are_sent_in_parts_when_asked(client, app, headers, status, length):
    """A large master or a long recording can be fetched in parts, and a download resumed."""
    from tests.factories import make_item

    item = make_item(title="Oriģināls")
    whole = client.get(f"/items/{item.id}/files/0").data
    response = client.get(f"/items/{item.id}/files/0", headers=headers)
    assert response.status_code == status
    if status == 200:
        assert response.headers["Accept-Ranges"] == "bytes"
        assert int(response.headers["Content-Length"]) == len(whole)
    elif status == 206:
        expected = whole[:length] if length > 0 else whole[-length:]
        assert response.data == expected
        assert response.headers["Content-Range"].endswith(f"/{len(whole)}")


@pytest.mark.parametrize("access_level, status", [("reading_room", 403), ("staff", 404)])
def test_hit_box_errors_come_in_the_apis_json_shape(client, app, access_level, status):
    """The viewer reads hits.json with fetch(): an error is JSON it can read, not a page."""
    from tests.factories import make_item

    item = make_item(title="Slēgts", access_level=access_level)
    for url in (f"/items/{item.id}/pages/1/hits.json?q=skola", "/items/424242/pages/1/hits.json?q=x"):
        response = client.get(url)
        assert response.status_code in (status, 404) and response.is_json, url
        assert set(response.get_json()["error"]) >= {"status", "code", "message"}
