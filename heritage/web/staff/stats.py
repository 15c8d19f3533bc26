"""Annual statistics per branch: tables, bar charts and a CSV for the annual report."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...errors import InvalidInput
from ...models import utcnow
from ...services import statistics
from ...services.accounts import branch_scope
from . import staff_view

bp = Blueprint("staff_stats", __name__, url_prefix="/staff/stats")

LABELS = {
    "items": _l("Items created"), "pages": _l("Pages digitised"), "ocr_pages": _l("OCRed pages"),
    "corrected_pages": _l("Corrected pages"), "oral_histories": _l("Oral histories"),
    "exhibitions": _l("Exhibitions published"), "contributions": _l("Contributions accepted"),
    "views": _l("Item views"), "downloads": _l("Downloads"),
}
YEARS_SHOWN = 5


def _year() -> int:
    return statistics.check_year(request.args.get("year") or utcnow().year)


@bp.route("/")
@staff_view("statistics")
def index():
    """The year's figures per branch, a chart of one measure, and one branch over the years."""
    try:
        year = _year()
    except InvalidInput:
        return render_template("staff/stats/index.html", error=_(
            "“%(value)s” is not a year we have statistics for. Choose a year from %(first)d to "
            "%(last)d.", value=request.args.get("year", ""), first=statistics.FIRST_YEAR,
            last=utcnow().year), year=utcnow().year, rows=[], totals={}, labels=LABELS,
            measures=statistics.MEASURES, measure="items", history=[], branch=None,
            branches=[]), 400
    rows, totals = statistics.year_table(year, current_user)
    measure = request.args.get("measure", "items")
    if measure not in statistics.MEASURES:
        measure = "items"
    branch = _chosen_branch(rows)
    first = max(statistics.FIRST_YEAR, year - YEARS_SHOWN + 1)
    history = statistics.branch_years(branch.branch_id, list(range(first, year + 1))) if branch else []
    return render_template("staff/stats/index.html", year=year, rows=rows, totals=totals,
                           labels=LABELS, measures=statistics.MEASURES, measure=measure,
                           history=history, branch=branch, branches=rows, error=None)


def _chosen_branch(rows):
    """The branch shown year by year: ?branch=slug, the user's own, else the first."""
    wanted = request.args.get("branch") or (current_user.branch.slug if current_user.branch else "")
    return next((row for row in rows if row.slug == wanted), rows[0] if rows else None)


@bp.route("/<int:year>.csv")
@staff_view("statistics")
def year_csv(year: int):
    """The year's table as a CSV file (UTF-8 with a byte-order mark, for spreadsheets)."""
    try:
        statistics.check_year(year)
    except InvalidInput:
        return Response(_("No statistics for the year %(year)d.", year=year) + "\n", status=400,
                        mimetype="text/plain")
    headers = {name: str(label) for name, label in LABELS.items()}
    headers.update(branch=_("Branch"), slug=_("Short name"), total=_("Total"))
    text = statistics.year_csv(year, current_user, headers, _("(no branch)"))
    scope = "" if branch_scope(current_user) is None else f"-{current_user.branch.slug}"
    return Response("\ufeff" + text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="heritage-statistics-{year}{scope}.csv"'})

