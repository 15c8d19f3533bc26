"""The audit log: every change, who made it and when, with the old and new value."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from ...services import audit
from ...services.accounts import branch_scope
from . import staff_view

bp = Blueprint("staff_audit", __name__, url_prefix="/staff/audit")


@bp.route("/")
@staff_view("statistics")
def index():
    """Entries filtered by person, kind of object, action and object number, newest first.

    Coordinators and administrators see everybody's; cataloguers their own branch's people.
    """
    args = request.args
    object_id = args.get("object_id", "").strip()
    page = args.get("page", "1")
    entries, total = audit.search_entries(
        username=args.get("user", ""), object_type=args.get("object_type", ""),
        action=args.get("action", ""), object_id=int(object_id) if object_id.isdigit() else None,
        page=int(page) if page.isdigit() else 1, branch_id=branch_scope(current_user))
    pages = max(1, -(-total // audit.AUDIT_PAGE))
    return render_template("staff/audit.html", entries=entries, total=total, pages=pages,
                           page=int(page) if page.isdigit() else 1, args=args)
