"""Annual statistics per branch, as the libraries' annual reports ask for them.

Each measure is counted per branch for one calendar year (UTC); material with no branch is
counted under ``None``, shown as "(no branch)".
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import distinct, extract, func, select

from ..errors import InvalidInput
from ..extensions import db
from ..models import (AuditEntry, Branch, Contribution, Exhibition, Item, ItemUse, ItemValue,
                      MediaFile, Page, User, utcnow)
from .accounts import branch_scope

#: The measures, in the order of the table's columns, with their CSV column names.
MEASURES = ("items", "pages", "ocr_pages", "corrected_pages", "oral_histories", "exhibitions",
            "contributions", "views", "downloads")
ORAL_TYPES = ("Sound", "MovingImage")
FIRST_YEAR = 1990


@dataclass
class BranchYear:
    """One branch's figures for one year."""

    branch_id: int | None
    name: str
    slug: str
    values: dict[str, int] = field(default_factory=dict)


def check_year(year: int | str) -> int:
    """A year statistics can be asked for, or :class:`InvalidInput` naming the value."""
    try:
        number = int(str(year).strip())
    except ValueError:
        raise InvalidInput(f"year {year!r}: write the year in digits, e.g. 2026") from None
    if not FIRST_YEAR <= number <= utcnow().year:
        raise InvalidInput(f"year {number}: choose a year from {FIRST_YEAR} to {utcnow().year}")
    return number


def _by_branch(statement) -> dict[int | None, int]:
    return {branch: count for branch, count in db.session.execute(statement).all()}


def _measures(year: int) -> dict[str, dict[int | None, int]]:
    """Every measure for ``year``, each as {branch id: count}."""
    live = Item.status != "deleted"
    page_year = extract("year", MediaFile.created_at) == year
    pages = (select(Item.branch_id, func.count(Page.id)).join(Page.media_file).join(Page.item)
             .where(page_year, live).group_by(Item.branch_id))
    with_text = (select(Item.branch_id, func.count(Page.id)).join(Page.media_file).join(Page.item)
                 .where(page_year, live, (Page.ocr_text != "") | (Page.original_ocr_text != ""))
                 .group_by(Item.branch_id))
    corrected = (select(Item.branch_id, func.count(distinct(AuditEntry.object_id)))
                 .join(Page, Page.id == AuditEntry.object_id).join(Page.item)
                 .where(AuditEntry.object_type == "page", AuditEntry.action == "correct",
                        extract("year", AuditEntry.at) == year).group_by(Item.branch_id))
    oral = (select(Item.branch_id, func.count(distinct(Item.id))).join(ItemValue)
            .where(live, extract("year", Item.created_at) == year, ItemValue.element == "type",
                   ItemValue.value.in_(ORAL_TYPES)).group_by(Item.branch_id))
    use = (select(Item.branch_id, func.sum(ItemUse.views), func.sum(ItemUse.downloads))
           .join(Item, Item.id == ItemUse.item_id).where(extract("year", ItemUse.day) == year)
           .group_by(Item.branch_id))
    used = db.session.execute(use).all()
    return {
        "items": _by_branch(select(Item.branch_id, func.count(Item.id))
                            .where(live, extract("year", Item.created_at) == year)
                            .group_by(Item.branch_id)),
        "pages": _by_branch(pages), "ocr_pages": _by_branch(with_text),
        "corrected_pages": _by_branch(corrected), "oral_histories": _by_branch(oral),
        "exhibitions": _by_branch(select(Exhibition.branch_id, func.count(Exhibition.id))
                                  .where(Exhibition.status == "published",
                                         extract("year", Exhibition.published_at) == year)
                                  .group_by(Exhibition.branch_id)),
        "contributions": _by_branch(select(Contribution.branch_id, func.count(Contribution.id))
                                    .where(Contribution.status == "accepted",
                                           extract("year", Contribution.reviewed_at) == year)
                                    .group_by(Contribution.branch_id)),
        "views": {branch: int(views or 0) for branch, views, _ in used},
        "downloads": {branch: int(downloads or 0) for branch, _, downloads in used},
    }


def year_table(year: int, user: User | None = None) -> tuple[list[BranchYear], dict[str, int]]:
    """Every branch's figures for ``year`` (only the user's own branch for a cataloguer), and totals."""
    year = check_year(year)
    measures = _measures(year)
    scope = branch_scope(user) if user is not None else None
    branches = [b for b in db.session.scalars(select(Branch).order_by(Branch.is_regional.desc(),
                                                                         Branch.name))
                if scope is None or b.id == scope]
    rows = [BranchYear(b.id, b.name, b.slug) for b in branches]
    if scope is None and any(None in counts for counts in measures.values()):
        rows.append(BranchYear(None, "", ""))
    for row in rows:
        row.values = {name: measures[name].get(row.branch_id, 0) for name in MEASURES}
    totals = {name: sum(row.values[name] for row in rows) for name in MEASURES}
    return rows, totals


def branch_years(branch_id: int | None, years: list[int]) -> list[tuple[int, dict[str, int]]]:
    """One branch's figures for each of ``years``."""
    result = []
    for year in years:
        measures = _measures(check_year(year))
        result.append((year, {name: measures[name].get(branch_id, 0) for name in MEASURES}))
    return result


def year_csv(year: int, user: User | None, headers: dict[str, str], no_branch: str) -> str:
    """The year's table as CSV text (the caller adds a BOM so spreadsheets read the letters)."""
    rows, totals = year_table(year, user)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([headers["branch"], headers["slug"], *[headers[m] for m in MEASURES]])
    for row in rows:
        writer.writerow([row.name or no_branch, row.slug, *[row.values[m] for m in MEASURES]])
    writer.writerow([headers["total"], "", *[totals[m] for m in MEASURES]])
    return out.getvalue()
