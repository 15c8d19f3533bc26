"""Accounts and branch libraries, for administrators: create, edit, reset, unlock."""
from __future__ import annotations

import secrets

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...errors import InvalidInput
from ...models import ROLES
from ...services import accounts
from . import staff_view

bp = Blueprint("staff_users", __name__, url_prefix="/staff/users")

ROLE_NAMES = {"admin": _l("Administrator"), "coordinator": _l("Coordinator"),
              "cataloguer": _l("Cataloguer"), "volunteer": _l("Volunteer")}


def _message(problem: InvalidInput) -> str:
    """The service's reason, in the interface language, by the field it names."""
    text = str(problem)
    if text.startswith("user name") and "taken" in text:
        return _("This user name is taken; choose another.")
    known = {
        "user name": _("User name: use 2–80 lower-case letters, digits, dots, hyphens or "
                       "underscores, for example anna.berzina."),
        "password": _("Password: use at least %(count)d characters, not only digits, without "
                      "spaces at the ends.", count=accounts.MIN_PASSWORD),
        "branch slug": _("Short name: use lower-case letters, digits and hyphens, for example "
                         "ezerkalne; it must not be taken already."),
        "branch name": _("Name: write the library's name, for example Ezerkalnes bibliotēka."),
        "branch:": _("Branch: a cataloguer works for a branch; choose one."),
        "no branch": _("Branch: choose one of the branches in the list."),
        "role": _("Role: choose one of the roles in the list."),
        "you cannot": _("You cannot take away your own administrator rights."),
    }
    return next((message for prefix, message in known.items() if text.startswith(prefix)), text)


@bp.route("/")
@staff_view("users")
def index():
    """Every account and every branch."""
    return render_template("staff/users/index.html", users=accounts.all_users(),
                           branches=accounts.all_branches(), role_names=ROLE_NAMES,
                           is_locked=accounts.is_locked)


@bp.route("/new", methods=["GET", "POST"])
@staff_view("users")
def new_user():
    """Create an account; the first password is shown once and must be changed at sign-in."""
    form, error = request.form, None
    if request.method == "POST":
        password = form.get("password") or secrets.token_urlsafe(12)
        try:
            user = accounts.create_user(form.get("username", ""), password, form.get("role", ""),
                                        form.get("branch") or None, by=current_user,
                                        display_name=form.get("display_name", ""),
                                        email=form.get("email", ""), must_change=True)
        except InvalidInput as problem:
            error = _message(problem)
        else:
            return render_template("staff/users/password_shown.html", user=user, password=password)
    return render_template("staff/users/user_form.html", user=None, form=form, error=error,
                           roles=ROLES, role_names=ROLE_NAMES,
                           branches=accounts.all_branches()), 400 if error else 200


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@staff_view("users")
def edit_user(user_id: int):
    """Change an account's role, branch, name, e-mail or whether it may sign in."""
    user = accounts.get_user(user_id)
    if user is None:
        return render_template("error.html", title=_("Page not found"),
                               message=_("There is no such account."), status=404), 404
    form, error = request.form, None
    if request.method == "POST":
        try:
            accounts.update_user(user.id, current_user, role=form.get("role"),
                                 branch=form.get("branch", ""), active=form.get("active") == "on",
                                 display_name=form.get("display_name", ""),
                                 email=form.get("email", ""))
        except InvalidInput as problem:
            error = _message(problem)
        else:
            flash(_("The account %(name)s is saved.", name=user.username), "success")
            return redirect(url_for("staff_users.index"))
    return render_template("staff/users/user_form.html", user=user, form=form, error=error,
                           roles=ROLES, role_names=ROLE_NAMES,
                           branches=accounts.all_branches()), 400 if error else 200


@bp.route("/<int:user_id>/reset-password", methods=["POST"])
@staff_view("users")
def reset_password(user_id: int):
    """A new temporary password, shown once."""
    try:
        password = accounts.reset_password(user_id, by=current_user)
    except InvalidInput:
        return redirect(url_for("staff_users.index"))
    return render_template("staff/users/password_shown.html", user=accounts.get_user(user_id),
                           password=password)


@bp.route("/<int:user_id>/unlock", methods=["POST"])
@staff_view("users")
def unlock(user_id: int):
    """Let a locked account sign in again."""
    try:
        user = accounts.unlock_user(user_id, by=current_user)
    except InvalidInput:
        return redirect(url_for("staff_users.index"))
    flash(_("The account %(name)s can sign in again.", name=user.username), "success")
    return redirect(url_for("staff_users.index"))


@bp.route("/branches/new", methods=["GET", "POST"])
@staff_view("users")
def new_branch():
    """Add a branch library."""
    return _branch_form(None)


@bp.route("/branches/<slug>", methods=["GET", "POST"])
@staff_view("users")
def edit_branch(slug: str):
    """Rename a branch library."""
    branch = next((b for b in accounts.all_branches() if b.slug == slug), None)
    if branch is None:
        return render_template("error.html", title=_("Page not found"),
                               message=_("There is no such branch."), status=404), 404
    return _branch_form(branch)


def _branch_form(branch):
    form, error = request.form, None
    if request.method == "POST":
        regional = form.get("is_regional") == "on"
        try:
            if branch is None:
                accounts.create_branch(form.get("slug", ""), form.get("name", ""),
                                       form.get("place", ""), regional, by=current_user)
            else:
                accounts.update_branch(branch.slug, current_user, name=form.get("name", ""),
                                       place=form.get("place", ""), is_regional=regional)
        except InvalidInput as problem:
            error = _message(problem)
        else:
            flash(_("The branch is saved."), "success")
            return redirect(url_for("staff_users.index"))
    return render_template("staff/users/branch_form.html", branch=branch, form=form,
                           error=error), 400 if error else 200
