"""``heritage fixity``: re-read every master and compare it with its SHA-256 at ingest."""
from __future__ import annotations

import json
import sys

import click
from flask.cli import with_appcontext

from .cli import _fail_on_domain_errors, _ready
from .cli_progress import Progress


@click.group("fixity")
def fixity_group():
    """Fixity checks: are the masters intact since ingest?"""


@fixity_group.command("check")
@click.option("--collection", metavar="SLUG", help="Check only this collection's masters.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_appcontext
@_fail_on_domain_errors
def check_command(collection, as_json):
    """Re-read every master (local or S3), record a dated event each, report missing/damaged.

    Exits with status 1 when any master is missing or damaged, 0 when all are intact.
    Run it regularly (e.g. monthly from cron); `heritage fixity history` lists past runs.
    """
    from .services.fixity import check_summary, run_check

    _ready()
    with Progress("fixity") as bar:
        check = run_check(collection=collection, note="heritage fixity check"
                          + (f" --collection {collection}" if collection else ""),
                          progress=bar.update)
    summary = check_summary(check.id)
    if as_json:
        click.echo(json.dumps({key: summary[key]
                               for key in ("check", "checked", "ok", "missing", "damaged")}))
    else:
        _print_report(summary)
    if summary["missing"] or summary["damaged"]:
        sys.exit(1)


def _print_report(summary: dict) -> None:
    for problem in summary["missing"]:
        click.echo(f"MISSING {_where(problem)}: restore it from the backup", err=True)
    for problem in summary["damaged"]:
        click.echo(f"DAMAGED {_where(problem)}: expected sha256 {problem['expected']}, found "
                   f"{problem['found']}; restore it from the backup", err=True)
    seconds = summary["seconds"] or 0.0
    rate = summary["bytes"] / 1e6 / seconds if seconds > 0 else 0.0
    rows = [("check", f"#{summary['check']}"), ("checked", summary["checked"]),
            ("ok", summary["ok"]), ("missing", len(summary["missing"])),
            ("damaged", len(summary["damaged"])), ("seconds", f"{seconds:.1f}"),
            ("MB/s", f"{rate:.1f}")]
    for label, value in rows:
        click.echo(f"{label:<8} {value:>10}")


def _where(problem: dict) -> str:
    if problem["item"] is None:
        return f"{problem['key']} (its file record is gone)"
    return (f"{problem['key']} (item #{problem['item']} '{problem['title']}', "
            f"file {problem['file']})")


@fixity_group.command("history")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1),
              help="How many past checks to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
@with_appcontext
@_fail_on_domain_errors
def history_command(limit, as_json):
    """List past fixity checks, newest first: date, counts, and what was checked."""
    from .services.fixity import history

    _ready()
    checks = history(limit)
    if as_json:
        click.echo(json.dumps([{"check": c.id, "started_at": c.started_at.isoformat(),
                                "finished_at": c.finished_at.isoformat() if c.finished_at else None,
                                "checked": c.checked, "missing": c.missing, "damaged": c.damaged,
                                "note": c.note} for c in checks]))
        return
    if not checks:
        click.echo("no fixity checks yet: run `heritage fixity check`")
        return
    click.echo(f"{'check':>6}  {'started (UTC)':<16}  {'checked':>7}  {'missing':>7}  "
               f"{'damaged':>7}  note")
    for c in checks:
        unfinished = "" if c.finished_at else "  (did not finish)"
        click.echo(f"{'#' + str(c.id):>6}  {c.started_at:%Y-%m-%d %H:%M}  {c.checked:>7}  "
                   f"{c.missing:>7}  {c.damaged:>7}  {c.note}{unfinished}")
