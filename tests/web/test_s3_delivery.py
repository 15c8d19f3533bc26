"""The catalogue on the S3 media store (a real moto server): ingest, page images, IIIF,
originals with Range, listening copies, and closed files staying closed in both delivery modes."""
from __future__ import annotations

import hashlib
import io
import urllib.request
from datetime import date

import pytest
from PIL import Image

from heritage import create_app
from heritage.extensions import db
from heritage.models import Item
from heritage.services import media_store
from heritage.services.database import upgrade_schema
from heritage.services.ingest import ingest_folder
from heritage.storage_s3 import S3MediaStore
from tests.factories import make_item, needs_tesseract, write_scan
from tests.recordings import make_recording_item, needs_av

READING_ROOM = {"REMOTE_ADDR": "10.20.1.5"}
OUTSIDE = {"REMOTE_ADDR": "192.0.2.7"}


def s3_settings(server, bucket: str | None = None, **more) -> dict:
    """The settings of an archive whose media are in a (new) bucket of the test S3 server."""
    return {"HERITAGE_MEDIA_BACKEND": "s3", "HERITAGE_S3_BUCKET": bucket or server.bucket(),
            "HERITAGE_S3_ENDPOINT_URL": server.endpoint_url, "HERITAGE_S3_PREFIX": "arhivs",
            **more}


def make_s3_app(root, server, **settings):
    """An app like tests.conftest.make_app, its media in S3; the local media folder unused."""
    return create_app({"TESTING": True, "HERITAGE_INSTANCE": str(root / "instance"),
                       "HERITAGE_MEDIA_ROOT": str(root / "media"), "HERITAGE_OCR_WORKERS": 1,
                       "HERITAGE_MAP_TILES": "", "HERITAGE_READING_ROOM_IPS": ["10.20.0.0/16"],
                       **s3_settings(server, **settings)})


@pytest.fixture(params=["stream", "presigned"])
def s3_app(request, tmp_path, s3_environment):
    """An app on S3, in each delivery mode."""
    app = make_s3_app(tmp_path, s3_environment, HERITAGE_S3_DELIVERY=request.param)
    with app.app_context():
        upgrade_schema()
        yield app


def _body(client, url: str, **kwargs):
    """The bytes a browser ends up with: a presigned redirect is followed to the bucket."""
    response = client.get(url, **kwargs)
    if response.status_code != 302:
        return response.status_code, response.data, response
    assert response.headers["Cache-Control"] == "no-store"
    request = urllib.request.Request(response.headers["Location"], headers={
        k: v for k, v in kwargs.get("headers", {}).items()})
    with urllib.request.urlopen(request) as answer:
        return answer.status, answer.read(), response


@needs_tesseract
def test_an_ingested_scan_is_stored_and_served_from_s3(s3_app, tmp_path):
    scan = write_scan(tmp_path / "in" / "dzirnavas.png", "Pie upes stāv vecās ūdensdzirnavas.")
    report = ingest_folder(tmp_path / "in", "s3-kolekcija", workers=1, publish=True)
    assert report.ok
    item = db.session.scalars(db.select(Item)).one()
    media, page = item.media_files[0], item.pages[0]
    store = media_store()
    assert isinstance(store, S3MediaStore)
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.*"))
    assert store.exists(media.storage_key) and store.exists(page.image_key)
    client = s3_app.test_client()

    status, data, _ = _body(client, f"/items/{item.id}/files/{media.position}")
    assert status == 200 and data == scan.read_bytes()
    status, data, _ = _body(client, f"/items/{item.id}/files/{media.position}",
                            headers={"Range": "bytes=100-199"})
    assert status == 206 and data == scan.read_bytes()[100:200]

    image = client.get(f"/items/{item.id}/pages/1/web.jpg")
    assert image.status_code == 200 and image.data == store.open(page.image_key).read()
    assert client.get(f"/items/{item.id}/pages/1/web.jpg",
                      headers={"If-None-Match": image.headers["ETag"]}).status_code == 304

    tile = client.get(f"/iiif/3/{item.id}-1/0,0,256,128/128,/0/default.jpg")
    assert tile.status_code == 200, tile.get_data(as_text=True)
    assert Image.open(io.BytesIO(tile.data)).size == (128, 64)
    assert client.get(f"/iiif/3/{item.id}-1/info.json").status_code == 200


@needs_av
def test_a_listening_copy_on_s3_answers_range_requests(s3_app):
    item = make_recording_item()
    recording = item.recordings[0]
    client = s3_app.test_client()
    url = f"/items/{item.id}/recordings/{recording.id}/play/0"
    status, whole, _ = _body(client, url)
    assert status == 200 and len(whole) > 200
    status, part, first = _body(client, url, headers={"Range": "bytes=50-149"})
    assert status == 206 and part == whole[50:150]
    expected = 302 if s3_app.config["HERITAGE_S3_DELIVERY"] == "presigned" else 206
    assert first.status_code == expected


@pytest.mark.parametrize("level, status", [("metadata_only", 403), ("staff", 404),
                                           ("embargo", 403), ("reading_room", 403)])
def test_a_closed_original_on_s3_gives_no_bytes_and_no_url(s3_app, level, status):
    item = make_item(access_level=level, texts=("Slēgta lapa.",))
    if level == "embargo":
        from datetime import timedelta

        item.embargo_until = date.today() + timedelta(days=30)
        db.session.commit()
    media = item.media_files[0]
    secret = media_store().open(media.storage_key).read()
    client = s3_app.test_client()
    for url in (f"/items/{item.id}/files/{media.position}", f"/items/{item.id}/pages/1/web.jpg"):
        response = client.get(url, environ_base=OUTSIDE)
        assert response.status_code == status, url
        assert "Location" not in response.headers and "X-Amz" not in response.get_data(as_text=True)
        assert secret not in response.data


def test_reading_room_files_are_streamed_never_presigned(s3_app):
    item = make_item(access_level="reading_room", texts=("Lasītavas lapa.",))
    media = item.media_files[0]
    response = s3_app.test_client().get(f"/items/{item.id}/files/{media.position}",
                                        environ_base=READING_ROOM)
    assert response.status_code == 200 and "Location" not in response.headers
    assert response.data == media_store().open(media.storage_key).read()


def test_presigned_delivery_redirects_public_originals_to_a_short_lived_url(tmp_path, s3_environment):
    app = make_s3_app(tmp_path, s3_environment, HERITAGE_S3_DELIVERY="presigned",
                      HERITAGE_S3_PRESIGN_SECONDS=120)
    with app.app_context():
        upgrade_schema()
        item = make_item(texts=("Atvērta lapa.",))
        media = item.media_files[0]
        response = app.test_client().get(f"/items/{item.id}/files/{media.position}")
        assert response.status_code == 302
        location = response.headers["Location"]
        assert location.startswith(f"{s3_environment.endpoint_url}/") and "120" in location
        assert "arhivs/originals/" in location
        with urllib.request.urlopen(location) as answer:
            assert hashlib.sha256(answer.read()).hexdigest() == media.sha256
            assert answer.headers["Content-Type"] == media.mime_type
            assert "attachment" in answer.headers["Content-Disposition"]
        # page images stay streamed: small, cached, and the viewer asks for many
        assert app.test_client().get(f"/items/{item.id}/pages/1/web.jpg").status_code == 200
        # the redirect is the download: it is counted as one
        from heritage.models import ItemUse
        from heritage.web import usage

        usage.flush()
        db.session.expire_all()
        assert db.session.get(ItemUse, (item.id, date.today())).downloads == 1


def test_a_bucket_that_is_gone_is_a_503_that_names_nothing_internal(tmp_path, s3_environment,
                                                                    caplog):
    app = make_s3_app(tmp_path, s3_environment)
    with app.app_context():
        upgrade_schema()
        item = make_item(texts=("Lapa.",))
        item_id, position = item.id, item.media_files[0].position
    gone = make_s3_app(tmp_path, s3_environment, bucket="nav-tada-spaini")
    client = gone.test_client()
    for url in (f"/items/{item_id}/files/{position}", f"/iiif/3/{item_id}-1/full/max/0/default.jpg"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "nav-tada-spaini" not in response.get_data(as_text=True)
    assert "bucket 'nav-tada-spaini'" in caplog.text and "does not exist" in caplog.text


def test_postgres_and_s3_together_serve_an_item_and_keep_a_closed_one_closed(
        tmp_path, s3_environment, postgres_server):
    app = make_s3_app(tmp_path, s3_environment, HERITAGE_S3_DELIVERY="presigned",
                      HERITAGE_DATABASE_URL=postgres_server.database())
    with app.app_context():
        upgrade_schema()
        open_item = make_item(texts=("Atvērta lapa.",))
        closed = make_item(access_level="metadata_only", texts=("Slēgta lapa.",))
        client = app.test_client()
        status, data, first = _body(client, f"/items/{open_item.id}/files/0")
        assert first.status_code == 302 and status == 200
        assert hashlib.sha256(data).hexdigest() == open_item.media_files[0].sha256
        refused = client.get(f"/items/{closed.id}/files/0")
        assert refused.status_code == 403 and "Location" not in refused.headers
