"""The shared job queue (HERITAGE_JOB_QUEUE): jobs run by RQ workers on any number of machines.

Why RQ: jobs are plain Python functions with JSON-able arguments, Redis is the only server,
and each job runs in a forked work horse, so a Tesseract or Pillow crash or leak cannot take
the worker down. A worker killed mid-job stops its heartbeat; the next worker's maintenance
finds the job abandoned and runs it again (RQ's ``StartedJobRegistry.cleanup``), with the
retries and backoff of HERITAGE_JOB_RETRIES / HERITAGE_JOB_RETRY_SECONDS.

A batch ingest is one ``Job`` row (kind ``ingest-batch``) and one RQ job per unit (one item).
A unit job is idempotent: the database makes an item at most once per collection and exact
list of file checksums, so a unit run again finds its item and only finishes it. Outcomes go
to a Redis hash keyed by batch and unit (written once per unit whatever the retries), and the
worker that records the last unit folds them into the Job's report.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from flask import current_app
from sqlalchemy import select, update

from dublin_core import Record

from ..errors import HeritageError, InvalidInput
from ..extensions import db
from ..ingest.pipeline import Unit, process_files, sha256_of
from ..models import Job, utcnow
from ..storage import original_key
from . import media_store
from .collections import get_collection
from .ingest import IngestReport, finish_interrupted, plan_ingest, relative, store_unit
from .items import find_by_checksums, index_items

QUEUE_NAME = "heritage"
BATCH_KIND = "ingest-batch"
_REPORT_LISTS = ("already", "failed", "skipped", "warnings", "no_text")


class QueueUnavailable(HeritageError):
    """HERITAGE_JOB_QUEUE is not a Redis URL, or the Redis server there does not answer."""


# --- connecting -------------------------------------------------------------------------

def configured() -> bool:
    """Whether jobs go through the shared Redis queue (else the in-process pool runs them)."""
    return bool(current_app.config.get("HERITAGE_JOB_QUEUE"))


def connect(url: str | None = None):
    """A Redis connection to HERITAGE_JOB_QUEUE, tried once; :class:`QueueUnavailable` if not."""
    import redis

    url = url if url is not None else current_app.config["HERITAGE_JOB_QUEUE"]
    if urlparse(url).scheme not in ("redis", "rediss", "unix"):
        raise QueueUnavailable(f"HERITAGE_JOB_QUEUE={url!r} is not a Redis URL: write it as "
                               "redis://host:6379/0 (or leave it empty to run jobs in-process)")
    try:
        connection = redis.Redis.from_url(url, socket_connect_timeout=5)
        connection.ping()
    except (redis.RedisError, ValueError) as exc:
        raise QueueUnavailable(f"the job queue at {url} does not answer ({exc}): check that Redis "
                               "runs there and that this machine may reach it") from None
    return connection


def rq_queue(connection=None):
    """The heritage RQ queue on HERITAGE_JOB_QUEUE."""
    from rq import Queue

    return Queue(QUEUE_NAME, connection=connection or connect())


def _retry():
    from rq import Retry

    config = current_app.config
    return Retry(max=config["HERITAGE_JOB_RETRIES"], interval=config["HERITAGE_JOB_RETRY_SECONDS"])


def _push(queue, function, payload: dict, rq_id: str) -> None:
    queue.enqueue(function, payload, job_id=rq_id, retry=_retry(),
                  job_timeout=current_app.config["HERITAGE_JOB_TIMEOUT"],
                  result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600)


# --- the existing kinds (upload, transcribe) on the queue -------------------------------

def push_queued_rows() -> list[int]:
    """Push every committed, queued ``Job`` row not pushed before; their ids.

    Called after the caller's commit (through ``jobs.wake``), so a worker never reads a row
    that is not there yet; a Redis marker per row keeps two callers from pushing it twice.
    """
    connection = connect()
    queue = rq_queue(connection)
    pushed = []
    for job_id in db.session.scalars(select(Job.id).where(Job.status == "queued",
                                                          Job.kind != BATCH_KIND)):
        if connection.set(f"heritage:pushed:{job_id}", 1, nx=True):
            _push(queue, run_job_row, {"job": job_id}, f"heritage-job-{job_id}")
            pushed.append(job_id)
    return pushed


def run_job_row(payload: dict) -> None:
    """RQ entry point: run a ``Job`` row of the in-process kinds (upload, transcribe)."""
    from . import jobs

    _fresh_connections()
    job_id = payload["job"]
    now = utcnow()
    # RQ hands a job to one worker at a time: a row still "running" is a killed worker's
    db.session.execute(update(Job).where(Job.id == job_id, Job.status.in_(("queued", "running")))
                       .values(status="running", started_at=now, heartbeat_at=now))
    db.session.commit()
    job = db.session.get(Job, job_id)
    if job is None or job.status != "running":
        return
    jobs.run(job)


def _fresh_connections() -> None:
    """A forked work horse must not share the parent's database connections."""
    db.session.remove()
    db.engine.dispose(close=False)


# --- batch ingest: the coordinator ------------------------------------------------------

def enqueue_folder(folder: str | Path, collection_slug: str, lang: str | None = None,
                   publish: bool = False) -> tuple[Job, IngestReport]:
    """Plan ``folder``, copy its originals into the media store and queue one job per item.

    Returns the batch's ``Job`` and what was known before any worker ran (files passed over,
    items already there, metadata warnings).
    """
    connection = connect()
    planned = plan_ingest(folder, collection_slug, lang, publish)
    folder, lang, collection, report = planned.folder, planned.lang, planned.collection, \
        planned.report
    records, units = planned.records, planned.units
    payloads = []
    for unit in units:
        payload = _unit_payload(unit, folder, collection.slug, records.get(unit.name), lang,
                                publish, report)
        if payload is not None:  # numbered 0 … total-1: the RQ ids a lost job is found by
            payloads.append({**payload, "index": len(payloads)})
    job = Job(kind=BATCH_KIND, status="running" if payloads else "done", total=len(payloads),
              collection_id=collection.id, started_at=utcnow(),
              params=json.dumps({"folder": str(folder), "collection": collection.slug,
                                 "lang": lang, "publish": publish}),
              report=json.dumps(_report_dict(report)), message=report.summary())
    if not payloads:
        job.finished_at = utcnow()
    db.session.add(job)
    db.session.commit()
    queue = rq_queue(connection)
    for payload in payloads:
        payload["job"] = job.id
        _push(queue, run_unit, payload, f"heritage-batch-{job.id}-{payload['index']}")
    return job, report


def _unit_payload(unit: Unit, folder: Path, slug: str, record: Record | None, lang: str,
                  publish: bool, report: IngestReport) -> dict | None:
    """The JSON-able job of one unit, its originals copied to the store; None if unreadable."""
    store, files = media_store(), []
    for path in unit.files:
        try:
            sha = sha256_of(path)
        except OSError as exc:
            report.failed.append((relative(path, folder),
                                  f"could not be read ({exc}); check the file and try again"))
            return None
        key = original_key(sha, path.suffix)
        if not store.exists(key):
            store.put_file(key, path)
        files.append([relative(path, folder), sha, key])
    return {"collection": slug, "unit": unit.name,
            "files": files, "record": record.to_dict() if record else None,
            "lang": lang, "publish": publish}


# --- batch ingest: the worker side ------------------------------------------------------

def run_unit(payload: dict) -> None:
    """RQ entry point: read one unit's pages, make its item, index it, record the outcome.

    A bad file is recorded as the unit's failure and not raised (running it again would not
    help); anything else raises, and RQ runs the job again with backoff.
    """
    _fresh_connections()
    connection = connect()
    key = _outcomes_key(payload["job"])
    if connection.hexists(key, payload["unit"]):
        return  # recorded by an earlier run that was killed before RQ heard it ended
    collection = get_collection(payload["collection"])
    report = IngestReport(collection=collection.slug)
    checksums = [sha for _, sha, _ in payload["files"]]
    existing = find_by_checksums(collection, checksums)
    if existing is not None:  # made by an earlier run of this job (or another batch)
        finish_interrupted([existing], payload["publish"])
        if connection.hexists(_attempts_key(payload["job"]), payload["unit"]):
            report.created.append(existing.id)
            report.pages += len(existing.pages)
        else:
            report.already.append((payload["unit"], existing.id))
    else:
        _make_item(payload, collection, report, connection)
    _record(connection, payload["job"], payload["unit"], report)


def _make_item(payload: dict, collection, report: IngestReport, connection) -> None:
    with tempfile.TemporaryDirectory(prefix="heritage-unit-") as tmp:
        unit = Unit(payload["unit"], _fetch(payload["files"], Path(tmp)))
        names = {path: name for path, (name, _, _) in zip(unit.files, payload["files"])}
        results = list(process_files(unit.files, payload["lang"], 1, media_store(),
                                     current_app.config["HERITAGE_MAX_PIXELS"]))
        record = Record.from_dict(payload["record"]) if payload["record"] else None
        # marks that this batch is making the item: a rerun after the commit reports it as made
        connection.hset(_attempts_key(payload["job"]), payload["unit"], 1)
        item = store_unit(unit, results, collection, record, payload["lang"], payload["publish"],
                          report, lambda result: names.get(result.path, result.path.name))
    if item is not None:
        index_items([item])


def _fetch(files: list, folder: Path) -> list[Path]:
    """Copy a unit's originals from the media store (maybe S3) to ``folder``, names kept."""
    store, paths = media_store(), []
    for position, (name, _, key) in enumerate(files):
        target = folder / str(position) / Path(name).name
        target.parent.mkdir()
        with store.open(key) as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy, 1024 * 1024)
        paths.append(target)
    return paths


def _outcomes_key(job_id: int) -> str:
    return f"heritage:batch:{job_id}:outcomes"


def _attempts_key(job_id: int) -> str:
    return f"heritage:batch:{job_id}:attempts"


def _record(connection, job_id: int, unit: str, report: IngestReport) -> None:
    """Record a unit's outcome once, count it on the Job row, and close the batch at the end."""
    connection.hsetnx(_outcomes_key(job_id), unit, json.dumps(_report_dict(report)))
    done = connection.hlen(_outcomes_key(job_id))
    db.session.execute(update(Job).where(Job.id == job_id)
                       .values(done=done, heartbeat_at=utcnow()))
    db.session.commit()
    job = db.session.get(Job, job_id)
    if done >= job.total and job.status == "running":
        _close_batch(connection, job)


def _close_batch(connection, job: Job) -> None:
    """Fold every unit's outcome into the batch's report (idempotent: the same result twice)."""
    report = report_from_dict(json.loads(job.report or "{}"), job)
    entries = []
    for unit, raw in sorted(connection.hgetall(_outcomes_key(job.id)).items()):
        part = report_from_dict(json.loads(raw), job)
        merge(report, part)
        entries += _entries(unit.decode(), part)
    job.report = json.dumps({**_report_dict(report), "stage": "done", "entries": entries})
    job.message, job.status, job.finished_at = report.summary(), "done", utcnow()
    db.session.commit()


def _entries(unit: str, part: IngestReport) -> list[dict]:
    """The staff job page's rows for one unit: its item, or its failed files."""
    return ([{"name": unit, "outcome": "ingested", "item": item_id} for item_id in part.created]
            + [{"name": unit, "outcome": "ingested", "item": item_id} for _, item_id in part.already]
            + [{"name": name, "outcome": "failed", "reason": why} for name, why in part.failed])


def _report_dict(report: IngestReport) -> dict:
    return {"created": report.created, "pages": report.pages,
            **{name: getattr(report, name) for name in _REPORT_LISTS}}


def report_from_dict(data: dict, job: Job) -> IngestReport:
    """An :class:`IngestReport` from a batch Job's JSON report."""
    report = IngestReport(collection=json.loads(job.params or "{}").get("collection", ""))
    report.created, report.pages = list(data.get("created", [])), data.get("pages", 0)
    for name in _REPORT_LISTS:
        setattr(report, name, [tuple(v) if isinstance(v, list) else v for v in data.get(name, [])])
    return report


def merge(total: IngestReport, part: IngestReport) -> None:
    """Add one unit's outcome to the batch's."""
    total.created += part.created
    total.pages += part.pages
    for name in _REPORT_LISTS:
        getattr(total, name).extend(getattr(part, name))


def batch_report(job_id: int) -> tuple[Job, IngestReport]:
    """A batch's Job row and its report (complete once the job's status is done)."""
    db.session.expire_all()
    job = db.session.get(Job, job_id)
    if job is None or job.kind != BATCH_KIND:
        raise InvalidInput(f"there is no batch ingest job #{job_id}; `heritage jobs list` shows them")
    return job, report_from_dict(json.loads(job.report or "{}"), job)


# --- the worker -------------------------------------------------------------------------

def make_worker(connection=None):
    """An RQ worker on the heritage queue with HERITAGE_JOB_HEARTBEAT_SECONDS as its pulse."""
    from rq import Worker

    beat = current_app.config["HERITAGE_JOB_HEARTBEAT_SECONDS"]

    class HeritageWorker(Worker):
        """RQ's worker, but a job is abandoned after two missed beats, not a minute more."""

        def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
            ttl = 2 * beat + 1
            if job.timeout and job.timeout > 0:
                return int(max(min(job.timeout - working_time, ttl), 1))
            return ttl

    connection = connection or connect()
    return HeritageWorker([rq_queue(connection)], connection=connection,
                          job_monitoring_interval=beat, maintenance_interval=max(beat, 1))


def work(burst: bool = False) -> None:
    """Run queued jobs; with ``burst``, until none is queued, scheduled for retry or running.

    A burst worker also waits for the jobs other workers are running, so that if one of them
    is killed this worker finds the abandoned job and finishes it.
    """
    db.session.remove()
    db.engine.dispose()  # the work horses are forked: they must not inherit open connections
    worker = make_worker()
    if not burst:
        worker.work(with_scheduler=True)
        return
    queue = worker.queues[0]
    suspects: dict[str, float] = {}
    while True:
        worker.work(burst=True)
        worker.clean_registries()
        _enqueue_due(queue)
        _rescue_lost(queue, suspects)
        db.session.remove()
        db.engine.dispose()  # hold no connection when the next work horse is forked
        if not (len(queue) or queue.scheduled_job_registry.count
                or queue.started_job_registry.count or suspects):
            return
        time.sleep(0.5)


def _rescue_lost(queue, suspects: dict[str, float]) -> None:
    """Queue again the unit jobs of running batches that RQ has lost track of.

    A worker killed between taking a job and marking it started leaves the job queued or
    started in name but in no list: RQ's own clean-up never sees it. A unit job with no
    outcome, in neither the queue, the started nor the scheduled registry, and still so two
    heartbeats later (a job in the hand of a worker that is just starting it is not lost), is
    put back on the queue. Running it twice is harmless: outcomes are recorded once and the
    content key makes one item.
    """
    from rq.exceptions import NoSuchJobError
    from rq.job import Job as RqJob, JobStatus

    connection = queue.connection
    visible = set(queue.get_job_ids()) | set(queue.scheduled_job_registry.get_job_ids())
    visible |= {entry.split(":", 1)[0] for entry in queue.started_job_registry.get_job_ids()}
    patience = 2 * current_app.config["HERITAGE_JOB_HEARTBEAT_SECONDS"] + 1
    now, seen = time.monotonic(), set()
    db.session.expire_all()
    for batch in db.session.scalars(select(Job).where(Job.kind == BATCH_KIND,
                                                      Job.status == "running")):
        recorded = {unit.decode() if isinstance(unit, bytes) else unit
                    for unit in connection.hkeys(_outcomes_key(batch.id))}
        for index in range(batch.total or 0):
            rq_id = f"heritage-batch-{batch.id}-{index}"
            if rq_id in visible:
                continue
            try:
                rq_job = RqJob.fetch(rq_id, connection=connection)
            except NoSuchJobError:
                continue
            if rq_job.args[0]["unit"] in recorded or rq_job.get_status() not in (
                    JobStatus.QUEUED, JobStatus.STARTED):
                continue
            seen.add(rq_id)
            if now - suspects.setdefault(rq_id, now) >= patience:
                queue.enqueue_job(rq_job)
                del suspects[rq_id]
                seen.discard(rq_id)
    for rq_id in set(suspects) - seen:
        del suspects[rq_id]


def _enqueue_due(queue) -> None:
    """Move retries whose backoff has passed from the scheduled registry to the queue."""
    from rq.job import Job as RqJob

    registry = queue.scheduled_job_registry
    for rq_id in registry.get_jobs_to_schedule(int(time.time())):
        if registry.remove(rq_id):
            queue.enqueue_job(RqJob.fetch(rq_id, connection=queue.connection))

