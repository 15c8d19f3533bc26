"""``heritage media migrate --to s3`` and ``heritage media check``, against a real S3 server (moto)."""
from __future__ import annotations

import json
from pathlib import Path
import re

import pytest

from heritage.cli import cli
from heritage.services import media_store
from heritage.services.database import upgrade_schema
from heritage.storage import LocalMediaStore
from heritage.storage_s3 import S3MediaStore
from tests.factories import make_item
from tests.web.test_s3_delivery import make_s3_app, s3_settings


@pytest.fixture
def archive(app):
    """Two local items (originals, web images, thumbnails) and a contribution photo."""
    items = [make_item(title="Skola", texts=("Pirmā lapa",)),
             make_item(collection="cita", title="Cits", texts=("Otrā lapa",))]
    media_store().put_bytes("contributions/1/1.jpg", b"foto")
    return items


@pytest.fixture
def bucket(app, s3_environment):
    """A new bucket, named in the app's HERITAGE_S3_* settings (the backend stays local)."""
    settings = s3_settings(s3_environment)
    app.config.update({k: v for k, v in settings.items() if k != "HERITAGE_MEDIA_BACKEND"})
    return S3MediaStore(settings["HERITAGE_S3_BUCKET"], prefix=settings["HERITAGE_S3_PREFIX"],
                        endpoint_url=s3_environment.endpoint_url)


def _migrate(runner, *options):
    result = runner.invoke(cli, ["media", "migrate", "--to", "s3", "--json", *options])
    report = json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else None
    return result, report


def _flip_byte(store: LocalMediaStore, key: str) -> None:
    path = store._path(key)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_migrated_archive_is_served_from_s3_and_a_second_run_skips_everything(
        app, runner, archive, bucket, s3_environment, tmp_path):
    local = media_store()
    keys = sorted(local.keys())
    assert len(keys) == 7  # 2 × (original, web, thumbnail) and a contribution
    result, report = _migrate(runner)
    assert result.exit_code == 0, result.output
    assert (report["keys"], report["copied"], report["present"], report["failed"]) == (7, 7, 0, [])
    assert sorted(bucket.keys()) == keys
    for key in keys:
        assert bucket.open(key).read() == local.open(key).read()

    again, report = _migrate(runner)
    assert again.exit_code == 0 and (report["copied"], report["present"]) == (0, 7)

    item = archive[0]
    on_s3 = make_s3_app(tmp_path, s3_environment, bucket=bucket.bucket)
    with on_s3.app_context():
        assert isinstance(media_store(), S3MediaStore)
        client = on_s3.test_client()
        original = client.get(f"/items/{item.id}/files/{item.media_files[0].position}")
        assert original.status_code == 200
        assert original.data == local.open(item.media_files[0].storage_key).read()
        assert client.get(f"/items/{item.id}/pages/1/web.jpg").status_code == 200


def test_the_text_report_names_what_was_done(runner, archive, bucket):
    result = runner.invoke(cli, ["media", "migrate", "--to", "s3"])
    assert result.exit_code == 0, result.output
    assert "7 files: copied 7" in result.output and "already there 0, failed 0" in result.output
    assert f"bucket '{bucket.bucket}'" in result.output
    assert "set HERITAGE_MEDIA_BACKEND=s3" in result.output


def test_a_damaged_local_original_is_named_not_copied_and_exits_1(runner, archive, bucket):
    local = media_store()
    damaged = archive[1].media_files[0].storage_key
    _flip_byte(local, damaged)
    result = runner.invoke(cli, ["media", "migrate", "--to", "s3"])
    assert result.exit_code == 1
    assert f"FAILED {damaged}: the local file is damaged" in result.output
    assert "restore it from the backup" in result.output and "failed 1" in result.output
    assert not bucket.exists(damaged)
    assert len(list(bucket.keys())) == 6


def test_an_interrupted_migration_is_finished_by_running_it_again(runner, archive, bucket):
    local = media_store()
    first, second = archive[0].media_files[0].storage_key, archive[1].pages[0].image_key
    with local.open(first) as handle:
        bucket.put_stream(first, handle)  # copied before the interruption, without its checksum
    bucket.put_bytes(second, b"half a file")  # cut off half-way
    result, report = _migrate(runner)
    assert result.exit_code == 0, result.output
    assert (report["copied"], report["present"]) == (6, 1)
    assert bucket.open(second).read() == local.open(second).read()


def test_a_dry_run_copies_nothing(runner, archive, bucket):
    result, report = _migrate(runner, "--dry-run")
    assert result.exit_code == 0 and report["dry_run"] and report["copied"] == 7
    assert list(bucket.keys()) == []
    assert "would copy 7" in runner.invoke(cli, ["media", "migrate", "--to", "s3",
                                                 "--dry-run"]).output


@pytest.mark.parametrize("settings, message", [
    ({"HERITAGE_S3_BUCKET": ""}, "HERITAGE_S3_BUCKET is empty: name the bucket"),
    ({"HERITAGE_S3_BUCKET": "nav-tada-spaini"}, "bucket does not exist \\(bucket 'nav-tada-spaini'"),
])
def test_migrating_to_a_bucket_that_cannot_be_used_says_why(app, runner, archive, s3_environment,
                                                             settings, message):
    app.config.update(s3_settings(s3_environment, **settings), HERITAGE_MEDIA_BACKEND="local")
    app.config.update(settings)
    result = runner.invoke(cli, ["media", "migrate", "--to", "s3"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert re.search(message, result.output), result.output


def test_check_probes_the_configured_store(tmp_path, s3_environment):
    on_s3 = make_s3_app(tmp_path, s3_environment)
    with on_s3.app_context():
        upgrade_schema()
    result = on_s3.test_cli_runner().invoke(cli, ["media", "check"])
    assert result.exit_code == 0, result.output
    assert "ok  reached the bucket" in result.output and "ok  deleted it" in result.output
    store = S3MediaStore(on_s3.config["HERITAGE_S3_BUCKET"], endpoint_url=s3_environment.endpoint_url)
    assert list(store.keys()) == []  # the probe left nothing behind


def test_check_on_the_local_store(runner, app):
    result = runner.invoke(cli, ["media", "check", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["ok"] is True
    assert not (Path(app.config["HERITAGE_MEDIA_ROOT"]) / "heritage-check").exists()


def test_check_names_a_missing_bucket_and_what_to_do(tmp_path, s3_environment):
    on_s3 = make_s3_app(tmp_path, s3_environment, bucket="nav-tada-spaini")
    result = on_s3.test_cli_runner().invoke(cli, ["media", "check"])
    assert result.exit_code == 1
    assert "bucket 'nav-tada-spaini'" in result.output and s3_environment.endpoint_url in result.output
    assert "create it, or check HERITAGE_S3_BUCKET" in result.output
