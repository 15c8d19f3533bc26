"""``heritage users`` and ``heritage branches``: staff accounts and branch libraries."""
from __future__ import annotations

import json
import sys

import click
from flask.cli import with_appcontext

from .cli import _fail_on_domain_errors, _ready
from .models import ROLES


@click.group("branches")
def branches_group():
    """Branch libraries: the regional library and its parish branches."""


@branches_group.command("add")
@click.argument("slug")
@click.argument("name")
@click.option("--place", default="", help="The village or town the library serves.")
@click.option("--regional", is_flag=True, help="This is the regional (central) library.")
@with_appcontext
@_fail_on_domain_errors
def branches_add(slug, name, place, regional):
    """Add a branch library SLUG (e.g. ezerkalne) named NAME."""
    from .services.accounts import create_branch

    _ready()
    branch = create_branch(slug, name, place, regional)
    click.echo(f"Branch {branch.slug!r} added: {branch.name}")


@branches_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the branches as JSON.")
@with_appcontext
def branches_list(as_json):
    """List the branch libraries."""
    from .services.accounts import all_branches

    _ready()
    rows = [{"slug": b.slug, "name": b.name, "place": b.place, "regional": b.is_regional}
            for b in all_branches()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['slug']:<24} {row['name']}{' (regional)' if row['regional'] else ''}")
    if not rows:
        click.echo("No branches yet: heritage branches add SLUG NAME", err=True)


@click.group("users")
def users_group():
    """Staff accounts: admin, coordinator, cataloguer, volunteer."""


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the account may do.")
@click.option("--branch", metavar="SLUG", help="The branch the person works for "
              "(required for cataloguers).")
@click.option("--name", "display_name", default="", help="The person's name as shown.")
@click.option("--email", default="", help="The person's e-mail address.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input instead of asking for it.")
@with_appcontext
@_fail_on_domain_errors
def users_create(username, role, branch, display_name, email, password_stdin):
    """Create a staff account USERNAME (asks for its password)."""
    from .services.accounts import create_user

    _ready()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = create_user(username, password, role, branch, display_name=display_name, email=email)
    click.echo(f"Account {user.username!r} created ({user.role}"
               f"{', ' + user.branch.slug if user.branch else ''}).")


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
@with_appcontext
def users_list(as_json):
    """List the staff accounts."""
    from .services.accounts import all_users

    _ready()
    rows = [{"username": u.username, "name": u.display_name, "role": u.role,
             "branch": u.branch.slug if u.branch else None, "active": u.active}
            for u in all_users()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        state = "" if row["active"] else "  (switched off)"
        click.echo(f"{row['username']:<24} {row['role']:<12} {row['branch'] or '-'}{state}")
    if not rows:
        click.echo("No accounts yet: heritage users create NAME --role admin", err=True)


@users_group.command("reset-password")
@click.argument("username")
@with_appcontext
@_fail_on_domain_errors
def users_reset_password(username):
    """Give USERNAME a new temporary password, to be changed at the next sign-in."""
    from .services.accounts import reset_password, user_named

    _ready()
    password = reset_password(user_named(username).id, by=None)
    click.echo(f"Temporary password for {username}: {password}")
    click.echo("It must be changed at the next sign-in.", err=True)
