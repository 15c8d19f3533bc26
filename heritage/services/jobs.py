"""Background jobs: a queue in the ``job`` table, run by threads of the web process or the CLI.

A job is claimed with one ``UPDATE … WHERE status = 'queued'``, so two runners (threads or
processes) never take the same one. While it runs a heartbeat is written every few seconds; a
running job whose heartbeat has gone stale (its process was killed) is queued again, and the
job's own work is written to be run again without harm.
"""
from __future__ import annotations

import json
import threading
from datetime import timedelta
from typing import Callable

from flask import Flask, current_app
from sqlalchemy import select, update

from ..errors import HeritageError, NotAllowed
from ..extensions import db
from ..models import Job, User, utcnow
from .accounts import may

#: A running job whose heartbeat is older than this is taken to be dead and is queued again.
STALE_AFTER = timedelta(minutes=2)
BEAT_SECONDS = 15
POLL_SECONDS = 5  # how often an idle runner thread looks for queued jobs it was not woken for


def _kinds() -> dict[str, Callable]:
    from .recordings import run_transcribe_job
    from .uploads import run_upload_job  # imported here: uploads queues jobs through this module

    return {"upload": run_upload_job, "transcribe": run_transcribe_job}


def enqueue(kind: str, params: dict, *, by: User | None, work_dir: str = "",
            collection_id: int | None = None) -> Job:
    """Add a queued job to the session (the caller commits it with its own changes)."""
    job = Job(kind=kind, status="queued", params=json.dumps(params), work_dir=work_dir,
              user_id=by.id if by else None, branch_id=by.branch_id if by else None,
              collection_id=collection_id, report="{}")
    db.session.add(job)
    db.session.flush()
    return job


def get_job(job_id: int, by: User) -> Job | None:
    """The job if ``by`` may see it (their own, their branch's, or any for all-branch roles)."""
    job = db.session.get(Job, job_id)
    if job is None:
        return None
    if not (job.user_id == by.id or may(by, "all_branches")
            or (job.branch_id is not None and job.branch_id == by.branch_id)):
        raise NotAllowed(f"job #{job_id} belongs to another branch")
    return job


def recent_jobs(by: User | None = None, limit: int = 50) -> list[Job]:
    """The newest jobs (for ``by``: those they may see), newest first."""
    statement = select(Job).order_by(Job.id.desc()).limit(limit)
    if by is not None and not may(by, "all_branches"):
        statement = statement.where((Job.user_id == by.id) | ((Job.branch_id == by.branch_id)
                                                              & Job.branch_id.is_not(None)))
    return list(db.session.scalars(statement))


def job_state(job: Job) -> dict:
    """What the job page and its JSON show: status, progress and (when finished) the report."""
    report = json.loads(job.report or "{}")
    finished = job.status in ("done", "failed", "cancelled")
    return {"id": job.id, "kind": job.kind, "status": job.status, "total": job.total,
            "done": job.done, "percent": round(100 * job.done / job.total) if job.total else 0,
            "message": job.message, "finished": finished,
            "entries": report.get("entries", []) if finished else [],
            "warnings": report.get("warnings", []) if finished else []}


# --- claiming and running ---------------------------------------------------------------

def requeue_stale(now=None) -> list[int]:
    """Queue again the running jobs whose heartbeat is older than :data:`STALE_AFTER`."""
    cutoff = (now or utcnow()) - STALE_AFTER
    stale = list(db.session.scalars(select(Job.id).where(
        Job.status == "running", (Job.heartbeat_at < cutoff) | Job.heartbeat_at.is_(None))))
    if stale:
        db.session.execute(update(Job).where(Job.id.in_(stale), Job.status == "running")
                           .values(status="queued", message="interrupted; queued again"))
        db.session.commit()
    return stale


def claim_next() -> Job | None:
    """Take the oldest queued job for this runner, or None when there is none."""
    while True:
        job_id = db.session.scalar(select(Job.id).where(Job.status == "queued")
                                   .order_by(Job.id).limit(1))
        if job_id is None:
            return None
        now = utcnow()
        claimed = db.session.execute(
            update(Job).where(Job.id == job_id, Job.status == "queued")
            .values(status="running", started_at=now, heartbeat_at=now))
        db.session.commit()
        if claimed.rowcount == 1:  # else another runner was quicker: try the next one
            job = db.session.get(Job, job_id)
            db.session.refresh(job)
            return job


def run(job: Job) -> None:
    """Run a claimed job to its end, with a heartbeat; its status says how it ended."""
    beat = _Heartbeat(current_app._get_current_object(), job.id)
    beat.start()
    job_id = job.id
    try:
        _kinds()[job.kind](job, _progress(job_id))
        status, message = "done", None
    except HeritageError as problem:
        status, message = "failed", str(problem)
    except Exception as problem:  # a bug must not kill the runner; the job says what happened
        current_app.logger.exception("job #%s failed", job_id)
        status, message = "failed", f"unexpected error: {problem}"
    finally:
        beat.stop()
    db.session.rollback()
    job = db.session.get(Job, job_id)
    job.status, job.finished_at = status, utcnow()
    if message is not None:
        job.message = message
    db.session.commit()


def _progress(job_id: int) -> Callable[[int, int, int], None]:
    def report(done: int, total: int, pages: int) -> None:
        db.session.execute(update(Job).where(Job.id == job_id)
                           .values(done=done, total=total, heartbeat_at=utcnow()))
        db.session.commit()
    return report


class _Heartbeat:
    """A thread writing the job's heartbeat while a long step (one big PDF's OCR) runs."""

    def __init__(self, app: Flask, job_id: int):
        self.app, self.job_id, self.stopped = app, job_id, threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True, name=f"job-{job_id}-beat")

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        while not self.stopped.wait(BEAT_SECONDS):
            with self.app.app_context():
                db.session.execute(update(Job).where(Job.id == self.job_id)
                                   .values(heartbeat_at=utcnow()))
                db.session.commit()


def work_one() -> Job | None:
    """Queue stale jobs again, then run the next queued one; the job run, or None."""
    requeue_stale()
    job = claim_next()
    if job is not None:
        run(job)
    return job


def work(limit: int | None = None) -> list[Job]:
    """Run queued jobs until there are none left (or ``limit`` have run); the jobs run."""
    ran = []
    while limit is None or len(ran) < limit:
        job = work_one()
        if job is None:
            break
        ran.append(job)
    return ran


# --- runner threads in the web process --------------------------------------------------

def wake() -> None:
    """Start this process's runner threads if needed (HERITAGE_JOB_WORKERS) and nudge them.

    With a shared queue (HERITAGE_JOB_QUEUE) no thread starts: the committed queued jobs are
    pushed to Redis instead, for `heritage jobs work` processes on any machine. Callers call
    this after their commit, so a worker never looks for a row that is not there yet.
    """
    from . import queue

    if queue.configured():
        queue.push_queued_rows()
        return
    count = current_app.config["HERITAGE_JOB_WORKERS"]
    if count <= 0:
        return
    state = current_app.extensions.setdefault("heritage", {})
    with _START_LOCK:
        if "job_runner" not in state:
            state["job_runner"] = _start_threads(current_app._get_current_object(), count)
    state["job_runner"].set()


_START_LOCK = threading.Lock()


def _start_threads(app: Flask, count: int) -> threading.Event:
    event = threading.Event()
    for number in range(count):
        threading.Thread(target=_runner_loop, args=(app, event), daemon=True,
                         name=f"heritage-jobs-{number + 1}").start()
    return event


def _runner_loop(app: Flask, event: threading.Event) -> None:
    while True:
        job = None
        with app.app_context():
            try:
                job = work_one()
            except Exception:  # the database may be locked a moment; try again later
                app.logger.exception("job runner")
            finally:
                db.session.remove()
        if job is None:
            event.wait(POLL_SECONDS)
            event.clear()
