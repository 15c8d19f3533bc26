"""Fixity checks and BagIt export/import on the S3 media store (a real moto server)."""
from __future__ import annotations

import hashlib
import json

import bagit
import pytest

from heritage.cli import cli
from heritage.models import Collection
from heritage.services import media_store
from heritage.services.bags import export_collection, import_bag
from heritage.services.database import upgrade_schema
from heritage.storage_s3 import S3MediaStore
from tests.factories import make_alto_item, make_item
from tests.web.test_s3_delivery import make_s3_app


@pytest.fixture
def s3_app(tmp_path, s3_environment):
    """An app whose media are in a new bucket of the test S3 server."""
    app = make_s3_app(tmp_path / "a", s3_environment)
    with app.app_context():
        upgrade_schema()
        yield app


def _object_name(key: str) -> str:
    store = media_store()
    assert isinstance(store, S3MediaStore)
    return store.prefix + key


def test_fixity_on_s3_finds_a_damaged_and_a_missing_master(s3_app, s3_environment):
    first = make_item(title="Skola", texts=("Pirmā lapa",))
    second = make_item(title="Dzirnavas", texts=("Otrā lapa",))
    third = make_item(title="Ezers", texts=("Trešā lapa",))
    runner = s3_app.test_cli_runner()
    clean = runner.invoke(cli, ["fixity", "check", "--json"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.output)["ok"] == 3

    client, bucket = s3_environment.client(), media_store().bucket
    damaged, missing = second.media_files[0].storage_key, third.media_files[0].storage_key
    good = client.get_object(Bucket=bucket, Key=_object_name(damaged))["Body"].read()
    client.put_object(Bucket=bucket, Key=_object_name(damaged), Body=good[:-1] + b"\x00")
    client.delete_object(Bucket=bucket, Key=_object_name(missing))

    result = runner.invoke(cli, ["fixity", "check"])
    assert result.exit_code == 1
    assert f"DAMAGED {damaged} (item #{second.id} 'Dzirnavas'" in result.output
    assert f"MISSING {missing} (item #{third.id} 'Ezers'" in result.output
    assert first.media_files[0].storage_key not in result.output


def test_a_bag_exported_from_s3_restores_into_another_s3_archive(s3_app, s3_environment, tmp_path):
    make_item(title="Dzirnavu stāsts", texts=("Dzirnavas pie upes.", "Otrā lapa."))
    make_alto_item(("Ezera zvejnieki",), width=600, size=30)
    store = media_store()
    keys = sorted(store.keys())
    digests = {key: hashlib.sha256(store.open(key).read()).hexdigest() for key in keys}
    path = export_collection("testa-kolekcija", tmp_path / "bag")
    assert bagit.Bag(str(path)).is_valid()

    other = make_s3_app(tmp_path / "b", s3_environment)
    with other.app_context():
        upgrade_schema()
        report = import_bag(path)
        assert report.created == 2 and report.files_stored == len(keys)
        restored = media_store()
        assert restored.bucket != store.bucket
        assert {k: hashlib.sha256(restored.open(k).read()).hexdigest()
                for k in restored.keys()} == digests
        assert len(Collection.query.filter_by(slug="testa-kolekcija").one().items) == 2
        again = import_bag(path)
        assert again.files_stored == 0 and again.already_there == 2
