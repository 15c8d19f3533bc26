"""Annual statistics: the figures per branch and year, the CSV, and who sees which branch."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest

from heritage.extensions import db
from heritage.models import Exhibition, ItemUse, MediaFile
from heritage.services import statistics
from tests.factories import make_branch, make_item


def _dated(item, year):
    moment = datetime(year, 5, 1, tzinfo=timezone.utc)
    item.created_at = moment
    for media in db.session.query(MediaFile).filter_by(item_id=item.id):
        media.created_at = moment
    db.session.commit()


@pytest.fixture
def two_branches(app):
    make_branch("ezerkalne", "Ezerkalnes bibliotēka")
    make_branch("dzirnupe", "Dzirnupes bibliotēka")
    a = make_item(title="Skola", texts=("Skola 1938.", "Otrā lapa."), branch="ezerkalne")
    b = make_item(title="Atmiņas", texts=("",), branch="ezerkalne", type="Sound")
    c = make_item(title="Dzirnavas", texts=("Dzirnavas.",), branch="dzirnupe")
    old = make_item(title="Vecs", texts=("Vecs.",), branch="dzirnupe")
    loose = make_item(title="Bez filiāles", texts=("Teksts.",))
    for item in (a, b, c, loose):
        _dated(item, 2025)
    _dated(old, 2024)
    db.session.add_all([ItemUse(item_id=a.id, day=datetime(2025, 3, 1).date(), views=7, downloads=2),
                        ItemUse(item_id=a.id, day=datetime(2025, 4, 1).date(), views=3, downloads=0),
                        ItemUse(item_id=c.id, day=datetime(2024, 4, 1).date(), views=100, downloads=1)])
    db.session.add(Exhibition(slug="e", title="E", status="published", branch_id=a.branch_id,
                              published_at=datetime(2025, 6, 1, tzinfo=timezone.utc)))
    db.session.commit()
    return a, b, c


def test_figures_per_branch_for_a_year(app, two_branches):
    rows, totals = statistics.year_table(2025)
    by_slug = {row.slug: row.values for row in rows}
    assert by_slug["ezerkalne"] == {"items": 2, "pages": 3, "ocr_pages": 2, "corrected_pages": 0,
                                    "oral_histories": 1, "exhibitions": 1, "contributions": 0,
                                    "views": 10, "downloads": 2}
    assert by_slug["dzirnupe"]["items"] == 1 and by_slug["dzirnupe"]["views"] == 0
    assert by_slug[""]["items"] == 1  # the item with no branch
    assert totals["items"] == 4 and totals["pages"] == 5


def test_a_cataloguer_sees_only_their_branch(app, two_branches, staff):
    cataloguer = staff("cataloguer", branch="dzirnupe")
    page = cataloguer.get("/staff/stats/?year=2025").get_data(as_text=True)
    assert "Dzirnupes bibliotēka" in page and "Ezerkalnes bibliotēka" not in page
    text = cataloguer.get("/staff/stats/2025.csv").get_data(as_text=True)
    assert "Ezerkalnes" not in text


def test_csv_for_spreadsheets(app, two_branches, staff):
    coordinator = staff("coordinator", branch=None)
    response = coordinator.get("/staff/stats/2025.csv?lang=en")
    assert response.mimetype == "text/csv"
    assert 'filename="heritage-statistics-2025.csv"' in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Branch", "Short name", "Items created"]
    names = [row[0] for row in rows[1:]]
    assert names == ["Dzirnupes bibliotēka", "Ezerkalnes bibliotēka", "(no branch)", "Total"]
    assert rows[-1][2] == "4"


def test_the_page_has_a_table_and_a_chart(app, two_branches, staff):
    page = staff("coordinator", branch=None).get("/staff/stats/?year=2025&measure=views").get_data(as_text=True)
    assert "<caption>" in page and 'class="bar-chart"' in page
    assert "width: 100.0%" in page  # the branch with most views fills the chart


@pytest.mark.parametrize("year", ["1800", "3000", "divi tūkstoši", "-1"])
def test_years_out_of_range_are_explained(app, staff, year):
    response = staff("coordinator", branch=None).get(f"/staff/stats/?year={year}&lang=en")
    assert response.status_code == 400
    assert "is not a year we have statistics for" in response.get_data(as_text=True)


def test_csv_of_a_year_out_of_range_is_refused(app, staff):
    assert staff("coordinator", branch=None).get("/staff/stats/1800.csv").status_code == 400


def test_volunteers_have_no_statistics(app, staff):
    assert staff("volunteer").get("/staff/stats/").status_code == 403
