"""The shared job queue (HERITAGE_JOB_QUEUE): a batch ingest run by real RQ worker processes.

Workers are ``heritage jobs work --burst`` subprocesses on the test's own database (SQLite
file or PostgreSQL) and Redis database; a worker is killed with its whole process group, so
its work horse dies with it, as when a machine goes down.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from heritage.cli import cli
from heritage.extensions import db
from heritage.models import Item, Job, MediaFile, Page
from heritage.services import jobs, media_store, queue, uploads
from tests.factories import make_user, needs_tesseract, write_scan

HERITAGE = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "heritage"
pytestmark = needs_tesseract


@pytest.fixture
def queued_app(app, redis_server, tmp_path):
    """The app with HERITAGE_JOB_QUEUE on an emptied Redis, fast heartbeats and retries."""
    redis_server.flush()
    app.config.update(HERITAGE_JOB_QUEUE=redis_server.url(3), HERITAGE_JOB_HEARTBEAT_SECONDS=1,
                      HERITAGE_JOB_RETRY_SECONDS=[1, 1, 1], HERITAGE_JOB_WORKERS=0)
    return app


def _env(app) -> dict:
    config = app.config
    env = dict(os.environ, HERITAGE_INSTANCE=config["HERITAGE_INSTANCE"],
               HERITAGE_MEDIA_ROOT=config["HERITAGE_MEDIA_ROOT"],
               HERITAGE_JOB_QUEUE=config["HERITAGE_JOB_QUEUE"], HERITAGE_JOB_HEARTBEAT_SECONDS="1",
               HERITAGE_JOB_RETRY_SECONDS="1,1,1", HERITAGE_OCR_WORKERS="1")
    if config.get("HERITAGE_DATABASE_URL"):
        env["HERITAGE_DATABASE_URL"] = config["HERITAGE_DATABASE_URL"]
    return env


def _worker(app, tmp_path) -> subprocess.Popen:
    log = open(tmp_path / f"worker-{time.monotonic_ns()}.log", "w")
    return subprocess.Popen([str(HERITAGE), "jobs", "work", "--burst"], env=_env(app),
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _run_workers(app, tmp_path, count: int = 1) -> None:
    for process in [_worker(app, tmp_path) for _ in range(count)]:
        assert process.wait(timeout=180) == 0


def _folder(tmp_path, pages: int = 3) -> Path:
    folder = tmp_path / "scans"
    for number in range(1, pages + 1):
        write_scan(folder / f"{number}.png", f"Ezerkalnes avīze numurs {number}")
    for number in range(1, 3):
        write_scan(folder / "talkas" / f"{number}.png", f"Talkas lapa {number}")
    return folder


def _counts() -> tuple[int, int, int, int]:
    """Items, distinct content keys, pages and distinct page files in the database."""
    db.session.expire_all()
    return (db.session.scalar(select(func.count(Item.id))),
            db.session.scalar(select(func.count(func.distinct(Item.content_key)))),
            db.session.scalar(select(func.count(Page.id))),
            db.session.scalar(select(func.count(func.distinct(MediaFile.sha256)))))


def test_two_workers_ingest_every_page_once_and_name_the_bad_file(queued_app, tmp_path):
    folder = _folder(tmp_path)
    (folder / "broken.png").write_bytes(b"this is not a picture")
    job, _ = queue.enqueue_folder(folder, "avizes", publish=True)
    assert (job.kind, job.status, job.total) == ("ingest-batch", "running", 5)
    _run_workers(queued_app, tmp_path, 2)
    job, report = queue.batch_report(job.id)
    assert (job.status, job.done) == ("done", 5)
    assert len(report.created) == 4 and report.pages == 5
    assert [name for name, _ in report.failed] == ["broken.png"]
    assert _counts() == (4, 4, 5, 5)
    assert all(item.status == "published" for item in db.session.scalars(select(Item)))
    # bad input is not retried: its RQ job finished at the first run
    rq_jobs = queue.rq_queue().finished_job_registry.get_job_ids()
    assert len(rq_jobs) == 5 and not queue.rq_queue().failed_job_registry.count


def test_the_same_batch_twice_finds_its_items_already_there(queued_app, tmp_path):
    folder = _folder(tmp_path, pages=2)
    queue.enqueue_folder(folder, "avizes")
    _run_workers(queued_app, tmp_path)
    again, report = queue.enqueue_folder(folder, "avizes")
    assert (again.status, again.total) == ("done", 0)
    assert sorted(name for name, _ in report.already) == ["1.png", "2.png", "talkas"]
    assert _counts()[0] == 3


def test_a_crashing_unit_is_retried_with_backoff_and_then_succeeds(queued_app, tmp_path):
    folder = tmp_path / "scans"
    write_scan(folder / "1.png", "Ezerkalnes avīze")
    job, _ = queue.enqueue_folder(folder, "avizes")
    store = media_store()
    media = Path(queued_app.config["HERITAGE_MEDIA_ROOT"])
    original = next(path for path in media.rglob("*.png"))
    hidden = original.with_suffix(".away")
    original.rename(hidden)  # the store lost the file for a moment: the unit job crashes
    worker = _worker(queued_app, tmp_path)
    rq_queue = queue.rq_queue()
    deadline = time.monotonic() + 60
    while not rq_queue.scheduled_job_registry.count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert rq_queue.scheduled_job_registry.count == 1  # waiting out its backoff
    hidden.rename(original)
    assert worker.wait(timeout=120) == 0
    job, report = queue.batch_report(job.id)
    assert job.status == "done" and len(report.created) == 1 and not report.failed
    assert store.exists(db.session.scalars(select(MediaFile)).one().storage_key)


def test_a_worker_killed_mid_job_leaves_every_unit_made_exactly_once(queued_app, tmp_path):
    folder = _folder(tmp_path, pages=4)
    job, _ = queue.enqueue_folder(folder, "avizes")
    victim = _worker(queued_app, tmp_path)
    started = queue.rq_queue().started_job_registry
    deadline = time.monotonic() + 60
    while not started.get_job_ids() and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(victim.pid, signal.SIGKILL)  # the worker and its work horse, mid-job
    victim.wait()
    _run_workers(queued_app, tmp_path)
    job, report = queue.batch_report(job.id)
    assert (job.status, job.done) == ("done", 5)
    assert len(report.created) == 5 and not report.already and not report.failed
    assert _counts() == (5, 5, 6, 6)


def test_a_job_rq_lost_track_of_is_found_and_run(queued_app, tmp_path):
    """A worker killed between taking a job and marking it started leaves it in no list."""
    from rq.job import Job as RqJob, JobStatus

    folder = _folder(tmp_path, pages=2)
    job, _ = queue.enqueue_folder(folder, "avizes")
    rq = queue.rq_queue()
    lost = RqJob.fetch(f"heritage-batch-{job.id}-0", connection=rq.connection)
    rq.remove(lost.id)
    lost.set_status(JobStatus.STARTED)
    _run_workers(queued_app, tmp_path)
    job, report = queue.batch_report(job.id)
    assert (job.status, job.done) == ("done", 3)
    assert len(report.created) == 3 and _counts()[:2] == (3, 3)


def test_upload_jobs_run_on_queue_workers_after_their_commit(queued_app, tmp_path):
    user = make_user()
    path = write_scan(tmp_path / "src" / "1.png", "Ezerkalne lapa")
    job = uploads.start_upload([("1.png", io.BytesIO(path.read_bytes()))], by=user,
                               new_slug="talkas", new_title="Talkas", lang="lav")
    assert len(queue.rq_queue()) == 1
    jobs.wake()  # pushed once, however often it is woken
    assert len(queue.rq_queue()) == 1
    _run_workers(queued_app, tmp_path)
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.status == "done", job.message
    assert json.loads(job.report)["stage"] == "done" and _counts()[0] == 1


def test_without_a_queue_jobs_run_in_process_and_need_no_redis(app, tmp_path):
    app.config["HERITAGE_JOB_WORKERS"] = 0
    assert not queue.configured()
    user = make_user()
    path = write_scan(tmp_path / "src" / "1.png", "Ezerkalne lapa")
    job = uploads.start_upload([("1.png", io.BytesIO(path.read_bytes()))], by=user,
                               new_slug="talkas", new_title="Talkas", lang="lav")
    assert [ran.id for ran in jobs.work()] == [job.id]
    assert db.session.get(Job, job.id).status == "done"
    done = app.test_cli_runner().invoke(cli, ["ingest", "folder", str(tmp_path / "src"),
                                              "--collection", "talkas", "--queue"])
    assert done.exit_code == 1 and "--queue needs HERITAGE_JOB_QUEUE" in done.output


@pytest.mark.parametrize("url, expected", [
    ("http://localhost:6379/0", "is not a Redis URL: write it as redis://host:6379/0"),
    ("localhost:6379", "is not a Redis URL"),
    ("redis://127.0.0.1:1/0", "the job queue at redis://127.0.0.1:1/0 does not answer"),
])
def test_a_bad_queue_url_is_named_with_what_to_check(app, url, expected):
    app.config["HERITAGE_JOB_QUEUE"] = url
    done = app.test_cli_runner().invoke(cli, ["jobs", "work", "--burst"])
    assert done.exit_code == 1 and expected in done.output
    assert "Traceback" not in done.output
