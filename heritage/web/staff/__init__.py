"""The staff workspace under /staff: one blueprint per area, all behind a sign-in.

Every view is wrapped in :func:`staff_view`, which signs anonymous visitors in first, sends
people with a temporary password to change it, and refuses (403) a role that may not do the
view's action. The action is kept on the view (``staff_action``) so tests can check every
route of ``app.url_map`` against every role.
"""
from __future__ import annotations

from functools import wraps
from importlib import import_module
from typing import Callable

from flask import Flask, current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...services.accounts import may

#: The modules of the workspace, each with a blueprint ``bp`` whose name starts with "staff".
MODULES = ("auth", "items", "describe", "uploads", "ocr", "exhibitions", "contributions", "stats",
           "users", "vocabularies", "audit", "recordings")

#: The workspace menu: (endpoint, label, action needed to see it).
NAV = [
    ("staff.dashboard", _l("Overview"), None),
    ("staff_items.index", _l("Items"), "describe"),
    ("staff_items.review_queue", _l("Review"), "review"),
    ("staff_describe.new", _l("New item"), "describe"),
    ("staff_uploads.new", _l("Upload"), "upload"),
    ("staff_ocr.index", _l("Text correction"), "correct_text"),
    ("staff_exhibitions.index", _l("Exhibitions"), "exhibitions"),
    ("staff_contributions.index", _l("Contributions"), "moderate"),
    ("staff_vocabularies.index", _l("Vocabularies"), "vocabularies"),
    ("staff_stats.index", _l("Statistics"), "statistics"),
    ("staff_audit.index", _l("Audit log"), "statistics"),
    ("staff_users.index", _l("Accounts and branches"), "users"),
]


def staff_view(action: str | None = None) -> Callable:
    """Wrap a view: sign-in first, then the role must allow ``action`` (None: any staff role)."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                if request.method == "GET":
                    return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
                return redirect(url_for("staff.login"))
            if current_user.must_change_password and request.endpoint not in _PASSWORD_FREE:
                return redirect(url_for("staff.password"))
            if action is not None and not may(current_user, action):
                from ...errors import NotAllowed
                raise NotAllowed(f"the role {current_user.role!r} may not {action}")
            return view(*args, **kwargs)
        wrapped.staff_action = action
        return wrapped
    return decorate


_PASSWORD_FREE = {"staff.password", "staff.logout"}


def menu() -> list[tuple[str, str, bool]]:
    """The workspace menu for the signed-in person: (address, label, is the current area)."""
    shown = [(endpoint, label) for endpoint, label, action in NAV
             if endpoint in current_app.view_functions and (action is None or may(current_user, action))]
    current = _current_entry([endpoint for endpoint, _label in shown])
    return [(url_for(endpoint), str(label), endpoint == current) for endpoint, label in shown]


#: Areas whose pages belong under another area's menu entry (an item's description is an item page).
_AREA_OF = {"staff_describe": "staff_items", "staff_recordings": "staff_items"}


def _current_entry(endpoints: list[str]) -> str | None:
    """The menu entry of this page: its own, else the first of its area (not the overview)."""
    here = request.endpoint or ""
    if here in endpoints:
        return here
    area = _AREA_OF.get(here.split(".")[0], here.split(".")[0])
    return next((e for e in endpoints if e.split(".")[0] == area and area != "staff"), None)


def _forget_previous_request() -> None:
    """Start each request without another request's language, signed-in user or CSRF token.

    All three are kept on ``g``, which lives as long as the application context: a fresh one
    per request in a server (where this finds nothing to do), but shared by every request
    made inside one context (as tests and scripts do), where one client's sign-in must not
    leak to the next.
    """
    from flask import g

    state = g.__dict__
    if state:
        for key in ("_flask_babel", "_login_user",
                    current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")):
            state.pop(key, None)


def register(app: Flask) -> None:
    """Attach every workspace blueprint and the sign-in machinery."""
    from ...extensions import login_manager
    from ...services.accounts import get_user

    for name in MODULES:
        module = import_module(f"{__name__}.{name}")
        app.register_blueprint(module.bp)
    login_manager.user_loader(lambda user_id: get_user(int(user_id)) if user_id.isdigit() else None)
    login_manager.session_protection = "basic"
    app.before_request(_forget_previous_request)
    app.jinja_env.globals["staff_menu"] = menu
    app.jinja_env.globals["may"] = lambda action: may(current_user, action)
    from .messages import ACCESS_LABELS, STATUS_LABELS
    app.jinja_env.globals["status_label"] = lambda status: str(STATUS_LABELS.get(status, status))
    app.jinja_env.globals["access_label"] = lambda level: str(ACCESS_LABELS.get(level, level))
    from .messages import explain
    app.jinja_env.globals["explain"] = explain
