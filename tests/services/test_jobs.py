"""The job queue: atomic claims, stale heartbeats, resuming an interrupted ingest, the CLI."""
from __future__ import annotations

import io
import json
import shutil
from datetime import timedelta

import pytest
from sqlalchemy import select

from heritage.cli import cli
from heritage.extensions import db
from heritage.models import Item, Job, utcnow
from heritage.services import jobs, uploads
from heritage.services.ingest import ingest_folder
from tests.factories import make_user, needs_tesseract, write_scan
from tests.recordings import spoken_interview  # noqa: F401


@pytest.fixture
def quiet_app(app):
    """No runner threads: the tests run jobs themselves."""
    app.config["HERITAGE_JOB_WORKERS"] = 0
    return app


def _upload(tmp_path, user, names=("1.png", "2.png"), slug="talkas"):
    files = []
    for number, name in enumerate(names, start=1):
        path = write_scan(tmp_path / "src" / name, f"Ezerkalne lapa {number}")
        files.append((name, io.BytesIO(path.read_bytes())))
    return uploads.start_upload(files, by=user, new_slug=slug, new_title="Talkas", lang="lav")


def test_claim_takes_a_queued_job_once(quiet_app, tmp_path):
    user = make_user()
    job = _upload(tmp_path, user, names=("1.png",))
    assert jobs.claim_next().id == job.id
    assert jobs.claim_next() is None
    assert db.session.get(Job, job.id).status == "running"


def test_fresh_running_job_is_left_alone(quiet_app, tmp_path):
    job = _upload(tmp_path, make_user(), names=("1.png",))
    jobs.claim_next()
    assert jobs.requeue_stale() == []
    assert jobs.requeue_stale(now=utcnow() + jobs.STALE_AFTER + timedelta(seconds=1)) == [job.id]
    assert db.session.get(Job, job.id).status == "queued"


@needs_tesseract
def test_interrupted_job_is_requeued_and_finished_without_duplicates(quiet_app, tmp_path):
    user = make_user()
    job = _upload(tmp_path, user)
    job = jobs.claim_next()
    state = uploads.prepare_upload(job)
    # the killed run had made the first item only
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(f"{job.work_dir}/folder/1.png", partial / "1.png")
    ingest_folder(partial, "talkas", "lav")
    job.heartbeat_at = utcnow() - jobs.STALE_AFTER - timedelta(minutes=1)
    db.session.commit()

    assert jobs.requeue_stale() == [job.id]
    ran = jobs.work()

    assert [j.id for j in ran] == [job.id]
    finished = db.session.get(Job, job.id)
    assert finished.status == "done", finished.message
    report = json.loads(finished.report)
    assert sorted((e["name"], e["outcome"]) for e in report["entries"]) == [
        ("1.png", "ingested"), ("2.png", "ingested")]
    items = db.session.scalars(select(Item)).all()
    assert len(items) == 2 and len(state["checksums"]) == 2
    assert {(i.branch_id, i.created_by_id, i.status) for i in items} == {(user.branch_id, user.id, "draft")}


def test_a_job_that_fails_says_why_and_the_runner_goes_on(quiet_app, tmp_path):
    job = _upload(tmp_path, make_user(), names=("1.png",))
    shutil.rmtree(job.work_dir)  # its files are gone
    jobs.work()
    failed = db.session.get(Job, job.id)
    assert failed.status == "failed" and failed.message


@needs_tesseract
def test_cli_works_the_queue_and_lists_jobs_as_json(quiet_app, tmp_path, runner):
    job = _upload(tmp_path, make_user(), names=("1.png",))
    result = runner.invoke(cli, ["jobs", "work"])
    assert result.exit_code == 0, result.output
    assert f"job #{job.id}" in result.output and "done" in result.output
    listed = runner.invoke(cli, ["jobs", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert rows[0]["id"] == job.id and rows[0]["status"] == "done"
    assert rows[0]["entries"][0]["outcome"] == "ingested"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is needed")
def test_an_uploaded_recording_comes_with_its_transcript_and_says_how_far_it_got(quiet_app, tmp_path,
                                                                                 spoken_interview):
    source, _ = spoken_interview
    files = [(path.name, io.BytesIO(path.read_bytes())) for path in sorted(source.iterdir())]
    files.append(("pieraksts.vtt", io.BytesIO("ne WebVTT, tikai teksts\n".encode())))
    job = uploads.start_upload(files, by=make_user(), new_slug="atminas", new_title="Atmiņas",
                               lang="lav")
    jobs.work()
    finished = db.session.get(Job, job.id)
    assert finished.status == "done", finished.message
    outcomes = {e["name"]: e["outcome"] for e in json.loads(finished.report)["entries"]}
    assert outcomes["ozola.wav"] == "ingested" and outcomes["pieraksts.vtt"] == "skipped"
    item = db.session.scalars(select(Item)).one()
    assert len(item.recordings[0].cues) == 5 and len(item.recordings[0].segments) == 3
