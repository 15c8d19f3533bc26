"""The ``heritage jobs`` group: run queued background jobs (uploads' ingests) and list them."""
from __future__ import annotations

import json
import time

import click
from flask.cli import with_appcontext

from .cli import _fail_on_domain_errors, _ready


@click.group("jobs")
def jobs_group():
    """Background jobs: the ingests of uploads from the staff workspace."""


@jobs_group.command("work")
@click.option("--wait", "keep_waiting", is_flag=True,
              help="Keep running, and take new jobs as they are queued (stop with Ctrl+C).")
@click.option("--burst", is_flag=True,
              help="With HERITAGE_JOB_QUEUE: stop when no job is queued, waiting for a retry "
                   "or running on another worker (default there: keep running).")
@with_appcontext
@_fail_on_domain_errors
def work_command(keep_waiting, burst):
    """Run the queued jobs in the foreground (jobs left by a killed process are queued again).

    With HERITAGE_JOB_QUEUE set this is one worker of the shared Redis queue: start as many
    as there are cores, on as many machines as share the database and media store.
    """
    from .services import jobs, queue

    _ready()
    if queue.configured():
        queue.work(burst=burst)
        click.echo("worker stopped: no job is queued, waiting for a retry or running")
        return
    while True:
        for job in jobs.work():
            click.echo(f"job #{job.id} ({job.kind}): {job.status}: {job.message}")
        if not keep_waiting:
            break
        time.sleep(jobs.POLL_SECONDS)


@jobs_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the jobs as JSON.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True,
              help="How many of the newest jobs to show.")
@with_appcontext
@_fail_on_domain_errors
def list_command(as_json, limit):
    """The newest jobs: id, kind, status, progress and message."""
    from .services import jobs

    _ready()
    found = jobs.recent_jobs(limit=limit)
    if as_json:
        click.echo(json.dumps([{**jobs.job_state(job), "created_at": job.created_at.isoformat()}
                               for job in found], ensure_ascii=False, indent=2))
        return
    for job in found:
        click.echo(f"#{job.id}\t{job.kind}\t{job.status}\t{job.done}/{job.total}\t{job.message}")
