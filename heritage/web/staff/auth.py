"""Signing in and out, changing one's password, and the workspace overview."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ...errors import InvalidInput, LoginRefused
from ...services import accounts, workspace
from ..network import client_address
from ..ratelimit import RateLimiter
from . import staff_view

bp = Blueprint("staff", __name__, url_prefix="/staff")

#: Sign-in attempts from one address in ten minutes, on top of the per-account lockout.
login_limiter = RateLimiter(limit=30, window=600)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; on success, on to where the person was going."""
    target = _safe_next(request.values.get("next", ""))
    if current_user.is_authenticated:
        return redirect(target)
    error, status = None, 200
    if request.method == "POST":
        error, status = _try_login(request.form.get("username", ""), request.form.get("password", ""))
        if error is None:
            return redirect(url_for("staff.password") if current_user.must_change_password else target)
    return render_template("staff/login.html", error=error, next=target,
                           username=request.form.get("username", "")), status


def _try_login(username: str, password: str) -> tuple[str | None, int]:
    if not login_limiter.hit(client_address()):
        return _("Too many sign-in attempts from this computer. Wait ten minutes and try again."), 429
    try:
        user = accounts.authenticate(username, password)
    except LoginRefused as refused:
        return _login_message(str(refused)), 401
    _fresh_session()  # nothing planted before the sign-in survives it
    session.permanent = True
    login_user(user)
    return None, 200


def _fresh_session() -> None:
    """Empty the session, and forget this request's CSRF token that belonged to the old one."""
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def _login_message(reason: str) -> str:
    if "locked" in reason:
        return _("This account is locked after too many wrong passwords. Wait %(minutes)d minutes "
                 "or ask an administrator to reset the password.",
                 minutes=current_app.config["HERITAGE_LOGIN_LOCKOUT_MINUTES"])
    if "switched off" in reason:
        return _("This account is switched off. Ask an administrator.")
    return _("Wrong user name or password.")


def _safe_next(target: str) -> str:
    """Only addresses inside the workspace: never a jump to another site."""
    if target.startswith("/staff") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("staff.dashboard")


@bp.route("/logout", methods=["POST"])
@staff_view()
def logout():
    """Sign out and forget the session."""
    logout_user()
    _fresh_session()
    flash(_("You have signed out."), "info")
    return redirect(url_for("staff.login"))


@bp.route("/password", methods=["GET", "POST"])
@staff_view()
def password():
    """Change one's own password (required after an administrator's reset)."""
    error = None
    if request.method == "POST":
        new, again = request.form.get("new", ""), request.form.get("again", "")
        try:
            if new != again:
                raise InvalidInput(_("The two new passwords differ."))
            accounts.change_password(current_user, request.form.get("current", ""), new)
        except InvalidInput as problem:
            error = _password_message(str(problem))
        else:
            flash(_("Your password is changed."), "success")
            return redirect(url_for("staff.dashboard"))
    return render_template("staff/password.html", error=error), 400 if error else 200


def _password_message(problem: str) -> str:
    if problem.startswith("current password"):
        return _("The current password is not right.")
    if problem.startswith("password:"):
        return _("Use at least %(count)d characters, not only digits, without spaces at the ends.",
                 count=accounts.MIN_PASSWORD)
    return problem


@bp.route("/")
@staff_view()
def dashboard():
    """The overview: the work waiting in one's branch, and the latest changes."""
    return render_template("staff/dashboard.html", overview=workspace.overview(current_user))
