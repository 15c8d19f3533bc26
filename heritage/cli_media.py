"""``heritage media``: move the media to S3 and check that the media store works."""
from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from .cli import _fail_on_domain_errors
from .cli_progress import Progress


@click.group("media")
def media_group():
    """The media store: move it to S3, check that it works."""


@media_group.command("migrate")
@click.option("--to", "to", type=click.Choice(["s3"]), required=True,
              help="Where to copy the media: s3, HERITAGE_S3_BUCKET.")
@click.option("--dry-run", is_flag=True, help="Check every file and say what would be copied; "
                                              "copy nothing.")
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Files copied at the same time.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
@_fail_on_domain_errors
def migrate_command(to, dry_run, threads, as_json):
    """Copy every file of HERITAGE_MEDIA_ROOT into the S3 bucket, verified, under the same keys.

    Each copy is checked (its size; for an original, its SHA-256 read back from the bucket).
    Files already in the bucket and identical are skipped, so after an interruption simply
    run it again. Nothing is deleted locally. Exits with status 1 when any file failed (each
    is named with the reason); then set HERITAGE_MEDIA_BACKEND=s3 to serve from the bucket.
    """
    from .services.media_migration import local_source, migrate_to
    from .storage import s3_store

    source, target = local_source(current_app.config), _configured(s3_store)
    with Progress("dry run" if dry_run else "copying", every=1000) as bar:
        report = migrate_to(source, target, dry_run=dry_run, threads=threads, progress=bar.update)
    if as_json:
        click.echo(json.dumps(report.as_dict()))
    else:
        _print_migration(report)
    if report.failed:
        sys.exit(1)


def _configured(make):
    """The store the settings describe; a bad setting is one clear line, not a traceback."""
    try:
        return make(current_app.config)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def _print_migration(report) -> None:
    for key, why in report.failed:
        click.echo(f"FAILED {key}: {why}", err=True)
    verb = "would copy" if report.dry_run else "copied"
    click.echo(f"{report.source} -> {report.target}")
    click.echo(f"{report.keys} files: {verb} {report.copied} "
               f"({report.bytes_copied / 1e6:.1f} MB), already there {report.present}, "
               f"failed {len(report.failed)}")
    if not report.failed and not report.dry_run:
        click.echo("every file is in the bucket: set HERITAGE_MEDIA_BACKEND=s3 to serve from it")


@media_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@with_appcontext
@_fail_on_domain_errors
def check_command(as_json):
    """Check the configured media store: reach it, write, read back and delete a probe file.

    Exits with status 1 and one line saying what to check when the store cannot be used
    (no such bucket, refused credentials, an endpoint that does not answer).
    """
    from .services import media_store
    from .services.media_migration import probe

    steps = probe(media_store())
    if as_json:
        click.echo(json.dumps({"ok": True, "steps": steps}))
        return
    for step in steps:
        click.echo(f"ok  {step}")
