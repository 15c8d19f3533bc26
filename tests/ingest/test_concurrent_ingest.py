"""Ingest workers racing for the same files make one item, never two (PostgreSQL and SQLite)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from heritage.extensions import db
from heritage.models import Collection, Item, MediaFile, Page, content_key
from heritage.services.items import save_ingested
from tests.conftest import make_app
from tests.factories import needs_tesseract, write_scan

HERITAGE = Path(sys.executable).with_name("heritage")
TEXTS = ["Pie upes stāv vecās ūdensdzirnavas, kuras uzcēla 1911. gadā.",
         "Vecpils pagasta skolā šogad mācās divdesmit bērnu.",
         "Kultūras nama jauktais koris svinēja gadadienu.",
         "Ezerkalnes bibliotēkā atklāta novadpētniecības izstāde.",
         "Pagasta padome nolēma atjaunot veco tiltu pār upi.",
         "Zvejnieku ciemā svinēja Jāņus ar dziesmām un ugunskuru."]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_server").migrated_database()
    return f"sqlite:///{tmp_path / 'shared.sqlite3'}"


def test_the_second_of_two_racing_workers_gets_the_first_ones_item(database_url, tmp_path):
    app = make_app(tmp_path, database_url)
    with app.app_context():
        from heritage.services.database import upgrade_schema
        upgrade_schema()
        collection = Collection(slug="avizes", title="Avīzes")
        db.session.add(collection)
        db.session.commit()
        checksums = ["a" * 64, "b" * 64]
        # another worker's transaction commits first, between this worker's look and its insert
        with db.engine.begin() as other:
            other.execute(sa.text(
                "INSERT INTO item (collection_id, status, access_level, created_at, updated_at, "
                "access_note, content_key) VALUES (:c, 'draft', 'public', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP, '', :key)"), {"c": collection.id, "key": content_key(checksums)})
        mine = Item(collection=collection, status="draft", access_level="public")
        mine.media_files.append(MediaFile(position=0, original_name="a.tif", storage_key="k",
                                          sha256="a" * 64, mime_type="image/tiff", size=1))
        kept, created = save_ingested(mine, checksums)
        assert not created
        assert kept.content_key == content_key(checksums)
        assert db.session.scalar(sa.select(sa.func.count(Item.id))) == 1
        assert db.session.scalar(sa.select(sa.func.count(MediaFile.id))) == 0  # rolled back
        db.session.remove()
        db.engine.dispose()


@needs_tesseract
def test_two_ingest_processes_given_the_same_folder_make_each_item_once(database_url, tmp_path):
    folder = tmp_path / "mape"
    for number, text in enumerate(TEXTS, start=1):
        write_scan(folder / f"{number:02d}.png", text, dpi=150)
    env = dict(os.environ, HERITAGE_INSTANCE=str(tmp_path / "instance"),
               HERITAGE_MEDIA_ROOT=str(tmp_path / "media"), HERITAGE_DATABASE_URL=database_url)
    subprocess.run([str(HERITAGE), "db", "upgrade"], env=env, check=True, capture_output=True)
    command = [str(HERITAGE), "ingest", "folder", str(folder), "--collection", "avizes",
               "--workers", "1", "--publish"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, out + err

    app = make_app(tmp_path, database_url)
    with app.app_context():
        keys = db.session.scalars(sa.select(Item.content_key)).all()
        assert len(keys) == len(TEXTS) == len(set(keys))
        assert db.session.scalar(sa.select(sa.func.count(Page.id))) == len(TEXTS)
        assert db.session.scalar(sa.select(sa.func.count(Item.id))
                                 .where(Item.status == "published")) == len(TEXTS)
        from heritage.services.search import search_items
        assert search_items("ūdensdzirnavas").total == 1
        db.session.remove()
        db.engine.dispose()
    # every scan is reported by both processes: made by one, "already there" for the other
    counts = [dict(re.findall(r"^  (ingested items|already there) +(\d+)$", out, re.M))
              for out, _ in outputs]
    assert sum(int(c["ingested items"]) for c in counts) == len(TEXTS)
    assert sum(int(c["already there"]) for c in counts) == len(TEXTS)



def test_a_new_collection_made_by_another_worker_meanwhile_is_taken_not_made_twice(
        database_url, tmp_path):
    from heritage.services.collections import ensure_collection

    app = make_app(tmp_path, database_url)
    with app.app_context():
        from heritage.services.database import upgrade_schema
        upgrade_schema()

        raced = []

        def other_worker_commits_first(session, context, instances):
            if raced:
                return
            raced.append(True)
            with db.engine.begin() as other:
                other.execute(sa.text(
                    "INSERT INTO collection (slug, title, description, created_at) "
                    "VALUES ('avizes', 'Avīzes', '', CURRENT_TIMESTAMP)"))

        # this worker has looked and found no collection; the other's commit lands before
        # this one's INSERT
        sa.event.listen(db.session, "before_flush", other_worker_commits_first)
        collection = ensure_collection("avizes", "Avīzes")
        assert collection.slug == "avizes" and collection.id is not None
        assert db.session.scalar(sa.select(sa.func.count(Collection.id))) == 1
        sa.event.remove(db.session, "before_flush", other_worker_commits_first)
        db.session.remove()
        db.engine.dispose()
