"""``heritage bag``: a collection exported as a BagIt bag, and restored from one."""
from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from .cli import _fail_on_domain_errors, _ready


@click.group("bag")
def bag_group():
    """BagIt bags of collections, for preservation and transfer."""


@bag_group.command("export")
@click.argument("slug")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@with_appcontext
@_fail_on_domain_errors
def export_command(slug, directory, as_json):
    """Write collection SLUG (all items but deleted ones) as a BagIt bag in DIRECTORY.

    DIRECTORY must not exist or be empty; `bagit.py --validate DIRECTORY` accepts the result.
    """
    from .services.bags import export_collection_summary

    _ready()
    summary = export_collection_summary(slug, directory)
    if as_json:
        click.echo(json.dumps({"path": str(summary.path), "items": summary.items,
                               "files": summary.files, "payload_bytes": summary.payload_bytes}))
    else:
        click.echo(f"{summary.path}: {summary.items} item(s), {summary.files} file(s), "
                   f"{summary.payload_bytes} bytes of media")


@bag_group.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--collection", metavar="SLUG", help="Import into this collection (default: the bag's).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
@_fail_on_domain_errors
def import_command(directory, collection, as_json):
    """Validate the bag in DIRECTORY and restore its items; exit 1 when it is not valid.

    Items whose originals the collection already holds are reported and not duplicated.
    """
    from .services.bags import import_bag

    _ready()
    report = import_bag(directory, collection=collection)
    if as_json:
        click.echo(json.dumps(report.as_json()))
        return
    for outcome in report.outcomes:
        click.echo(f"bag item {outcome['bag_id']}: {outcome['outcome']} (#{outcome['item_id']})")
    click.echo(f"{report.collection}: {report.created} created, {report.already_there} already "
               f"there; {report.files_stored} file(s) stored, {report.files_present} already stored")
