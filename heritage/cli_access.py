"""``heritage access``: looking after access levels (embargoes that have ended)."""
from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from .cli import _fail_on_domain_errors, _ready


@click.group("access")
def access_group():
    """Access levels: embargoes and closed files."""


@access_group.command("lift-embargoes")
@click.option("--json", "as_json", is_flag=True, help="Print the re-indexed item ids as JSON.")
@with_appcontext
@_fail_on_domain_errors
def lift_embargoes_command(as_json):
    """Re-index items whose embargo has ended, so their pages' text becomes searchable.

    Visitors see an ended embargo as public from its day on without this; run it daily
    (e.g. from cron) so that search finds the text too.
    """
    from .services.items import lift_embargoes

    _ready()
    ids = lift_embargoes()
    if as_json:
        click.echo(json.dumps({"reindexed": ids}))
    else:
        click.echo(f"{len(ids)} item(s) with an ended embargo re-indexed"
                   + (f": {', '.join(f'#{i}' for i in ids)}" if ids else ""))
