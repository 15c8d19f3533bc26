"""The S3 media store on a real S3 server (moto): multipart uploads, prefixes, streaming
reads, presigned URLs, and the clear messages of a store that cannot work."""
from __future__ import annotations

import hashlib
import io
import pickle
import re
import urllib.request

import pytest

from heritage import create_app
from heritage.errors import MediaMissing, MediaStoreUnavailable
from heritage.storage import LocalMediaStore, media_store_for, original_key
from heritage.storage_s3 import S3MediaStore


def _store(server, bucket=None, **options) -> S3MediaStore:
    return S3MediaStore(bucket or server.bucket(), endpoint_url=server.endpoint_url, **options)


def test_a_large_file_goes_up_in_parts(s3_environment, tmp_path):
    store = _store(s3_environment, multipart_mb=5)
    data = hashlib.sha256(b"0").digest() * (12 * 1024 * 1024 // 32)  # 12 MiB: three parts of 5 MiB
    source = tmp_path / "liela.tif"
    source.write_bytes(data)
    key = original_key(hashlib.sha256(data).hexdigest(), ".tif")
    store.put_file(key, source)
    head = s3_environment.client().head_object(Bucket=store.bucket, Key=key, PartNumber=1)
    assert head["PartsCount"] == 3
    assert s3_environment.client().head_object(Bucket=store.bucket, Key=key)["ETag"].endswith('-3"')
    with store.open(key) as handle:
        assert hashlib.sha256(handle.read()).digest() == hashlib.sha256(data).digest()


def test_a_small_file_goes_up_whole(s3_environment):
    store = _store(s3_environment, multipart_mb=5)
    store.put_bytes("derivatives/aa/bb/x/0-web.jpg", b"maza")
    etag = s3_environment.client().head_object(Bucket=store.bucket,
                                               Key="derivatives/aa/bb/x/0-web.jpg")["ETag"]
    assert "-" not in etag


def test_reading_a_large_object_streams_it_in_ranges(s3_environment):
    store = _store(s3_environment)
    data = bytes(range(251)) * 40_000  # 10 MB, not a multiple of the read buffer
    store.put_bytes("originals/x.bin", data)
    digest, handle = hashlib.sha256(), store.open("originals/x.bin")
    for block in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(block)
    assert digest.digest() == hashlib.sha256(data).digest()
    handle.seek(9_999_990)
    assert handle.read(100) == data[9_999_990:10_000_090]


def test_a_prefix_keeps_two_archives_apart_in_one_bucket(s3_environment):
    bucket = s3_environment.bucket()
    first, second = _store(s3_environment, bucket, prefix="ezerkalne/"), \
        _store(s3_environment, bucket, prefix="/lejasciems")
    first.put_bytes("originals/a.png", b"A")
    assert not second.exists("originals/a.png")
    names = [o["Key"] for o in s3_environment.client().list_objects_v2(Bucket=bucket)["Contents"]]
    assert names == ["ezerkalne/originals/a.png"]
    assert list(first.keys()) == ["originals/a.png"] and list(second.keys()) == []


def test_a_store_goes_to_worker_processes_and_makes_its_own_client(s3_environment):
    store = _store(s3_environment)
    store.put_bytes("originals/p.png", b"P")
    copy = pickle.loads(pickle.dumps(store))
    assert copy._client is None and copy.open("originals/p.png").read() == b"P"


def test_a_presigned_url_fetches_the_file_named_and_typed(s3_environment):
    store = _store(s3_environment)
    store.put_bytes("originals/ab/cd/abcd.tif", b"TIFF")
    url = store.presigned_url("originals/ab/cd/abcd.tif", seconds=60, mimetype="image/tiff",
                              filename="Skolas foto.tif", attachment=True)
    assert "Expires=60" in url or "X-Amz-Expires=60" in url
    with urllib.request.urlopen(url) as answer:
        assert answer.read() == b"TIFF"
        assert answer.headers["Content-Type"] == "image/tiff"
        assert "Skolas%20foto.tif" in answer.headers["Content-Disposition"]


# --- settings and stores that cannot work ---------------------------------------------------

def _config(tmp_path, **settings):
    return {"HERITAGE_INSTANCE": str(tmp_path / "i"), "HERITAGE_MEDIA_ROOT": str(tmp_path / "m"),
            **settings}


@pytest.mark.parametrize("settings, message", [
    ({"HERITAGE_MEDIA_BACKEND": "ftp"}, "HERITAGE_MEDIA_BACKEND='ftp' is not a media backend: "
                                        "write local or s3"),
    ({"HERITAGE_MEDIA_BACKEND": "s3"}, "HERITAGE_S3_BUCKET is empty"),
    ({"HERITAGE_MEDIA_BACKEND": "s3", "HERITAGE_S3_BUCKET": "b", "HERITAGE_S3_MULTIPART_MB": 1},
     "HERITAGE_S3_MULTIPART_MB=1 is too small"),
    ({"HERITAGE_MEDIA_BACKEND": "s3", "HERITAGE_S3_BUCKET": "b",
      "HERITAGE_S3_ENDPOINT_URL": "minio.local:9000"},
     "HERITAGE_S3_ENDPOINT_URL='minio.local:9000' is not a server address"),
    ({"HERITAGE_MEDIA_BACKEND": "s3", "HERITAGE_S3_BUCKET": "b",
      "HERITAGE_S3_ENDPOINT_URL": "ftp://minio.local"}, "write it as http(s)://host:port"),
    ({"HERITAGE_S3_DELIVERY": "ftp"}, "HERITAGE_S3_DELIVERY='ftp' is not a way of delivery"),
    ({"HERITAGE_S3_PRESIGN_SECONDS": 0}, "HERITAGE_S3_PRESIGN_SECONDS=0 must be from 1"),
])
def test_bad_media_settings_stop_the_app_naming_the_setting(tmp_path, settings, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        create_app(_config(tmp_path, **settings))


def test_the_backend_setting_picks_the_store(tmp_path, s3_environment):
    assert isinstance(media_store_for(_config(tmp_path)), LocalMediaStore)
    store = media_store_for(_config(tmp_path, HERITAGE_MEDIA_BACKEND="s3",
                                    HERITAGE_S3_BUCKET="archivs", HERITAGE_S3_PREFIX="a",
                                    HERITAGE_S3_ENDPOINT_URL=s3_environment.endpoint_url))
    assert (store.bucket, store.prefix, store.endpoint_url) == ("archivs", "a/",
                                                               s3_environment.endpoint_url)


def test_a_bucket_that_does_not_exist_is_named_not_taken_for_missing_files(s3_environment):
    store = _store(s3_environment, "nav-tada-spaini")
    with pytest.raises(MediaStoreUnavailable) as caught:
        store.exists("originals/a.png")
    assert "bucket 'nav-tada-spaini'" in str(caught.value)
    assert s3_environment.endpoint_url in str(caught.value)
    assert "does not exist" in str(caught.value) and "HERITAGE_S3_BUCKET" in str(caught.value)


def test_refused_credentials_are_explained(s3_environment, monkeypatch):
    bucket = s3_environment.bucket()
    from moto import settings as moto_settings

    # moto's server checks keys only when told to; it then knows none of ours
    monkeypatch.setattr(moto_settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "nepareizs")
    with pytest.raises(MediaStoreUnavailable) as caught:
        _store(s3_environment, bucket).exists("originals/a.png")
    assert "refused access" in str(caught.value) and f"bucket '{bucket}'" in str(caught.value)
    assert "AWS_ACCESS_KEY_ID" in str(caught.value)


def test_an_endpoint_that_does_not_answer_is_named(s3_environment):
    from tests.servers import free_port

    endpoint = f"http://127.0.0.1:{free_port()}"
    store = S3MediaStore("archivs", endpoint_url=endpoint)
    with pytest.raises(MediaStoreUnavailable, match="cannot be reached.*HERITAGE_S3_ENDPOINT_URL"):
        store.open("originals/a.png")


def test_no_credentials_are_explained(s3_environment, monkeypatch, tmp_path):
    bucket = s3_environment.bucket()
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(MediaStoreUnavailable, match="no S3 credentials.*AWS_ACCESS_KEY_ID"):
        _store(s3_environment, bucket).size("originals/a.png")


def test_a_missing_object_is_media_missing_with_bucket_and_key(s3_environment):
    store = _store(s3_environment)
    with pytest.raises(MediaMissing, match=f"'originals/a.png' is missing from the S3 bucket "
                                           f"'{store.bucket}'"):
        store.open("originals/a.png")
    assert io.BytesIO  # the reader is only made for objects that are there
