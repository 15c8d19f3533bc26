"""Newspaper browse: published clippings grouped by title → year → issue → clipping."""
from __future__ import annotations

import pytest

from heritage.errors import NewspaperNotFound
from heritage.services.newspapers import (issue_clippings, issue_key, newspaper_issues, newspaper_slug,
                                          newspaper_titles, newspaper_years)
from tests.factories import make_item

PAPER = "Ezermalas Vēstis"


def clipping(title, issue=92, date="2021-12-03", page=9, newspaper=PAPER, **overrides):
    """A published clipping cited the Latvian way (issue ``None`` leaves "Nr." out)."""
    number = f"Nr. {issue} " if issue is not None else ""
    source = f"{title}. {newspaper}. {number}({date}), {page}. lpp."
    values = {"publisher": newspaper, "source": source, "date": date, "type": "Text"}
    return make_item(title=title, **{"texts": (), **values, **overrides})


@pytest.mark.parametrize("title, slug", [
    ("Ezermalas Vēstis", "ezermalas-vestis"), ("Ežerėlių aidas", "ezereliu-aidas"),
    ("  Padomju  Ezermala! ", "padomju-ezermala"), ("ezermalas vestis", "ezermalas-vestis"),
])
def test_slugs_are_ascii_and_fold_diacritics(title, slug):
    assert newspaper_slug(title) == slug


def test_a_title_in_another_script_gets_a_stable_slug():
    assert newspaper_slug("Правда") == newspaper_slug("ПРАВДА")
    slug = newspaper_slug("Правда")
    assert slug.startswith("laikraksts-") and slug.isascii()


def test_issue_keys():
    assert issue_key("92", "2021-12-03") == "92"
    assert issue_key("12/13", "2021-04") == "12-13"
    assert issue_key(None, "2021-12-03") == "2021-12-03"


def test_titles_with_counts_and_years(app):
    clipping("Skola svin jubileju", date="1995-09-01", issue=70)
    clipping("Bibliotēka digitalizē", date="2021-12-03")
    clipping("Ežerėlių mokykla", newspaper="Ežerėlių aidas", date="2001-05-04", issue=18)
    make_item(title="Fotogrāfija", type="StillImage", source="Ezerkalnes bibliotēkas krājums")
    titles = newspaper_titles()
    # alphabetically with diacritics folded: "ezere…" before "ezerm…"
    assert [(t.title, t.slug, t.count, t.first_year, t.last_year) for t in titles] == [
        ("Ežerėlių aidas", "ezereliu-aidas", 1, 2001, 2001),
        ("Ezermalas Vēstis", "ezermalas-vestis", 2, 1995, 2021)]


def test_is_part_of_names_the_newspaper(app):
    make_item(title="Raksts", texts=(), isPartOf="Novada Ziņas", publisher="SIA Izdevējs",
              date="2020-02-02", type="Text", bibliographicCitation="Novada Ziņas. Nr. 5, 3. lpp.")
    assert [t.slug for t in newspaper_titles()] == ["novada-zinas"]


def test_staff_only_draft_and_withdrawn_clippings_are_never_listed(app):
    clipping("Publisks")
    clipping("Lasītavā", access_level="reading_room")
    clipping("Darbiniekiem", access_level="staff", date="2019-01-01")
    clipping("Melnraksts", status="draft", date="2018-01-01")
    clipping("Atsaukts", status="withdrawn", date="2017-01-01")
    paper, years = newspaper_years("ezermalas-vestis")
    assert paper.count == 2 and [y.year for y in years] == [2021]
    _paper, issue = issue_clippings("ezermalas-vestis", 2021, "92")
    assert [c.title for c in issue.clippings] == ["Lasītavā", "Publisks"]
    with pytest.raises(NewspaperNotFound):
        newspaper_issues("ezermalas-vestis", 2019)


def test_years_count_issues_and_clippings(app):
    clipping("A", issue=91, date="2021-11-26")
    clipping("B", issue=92)
    clipping("C", issue=92, page=2)
    clipping("D", issue=1, date="2020-01-03")
    _paper, years = newspaper_years("ezermalas-vestis")
    assert [(y.year, y.issues, y.clippings) for y in years] == [(2020, 1, 1), (2021, 2, 3)]


def test_issues_by_date_and_clippings_by_page_then_title(app):
    clipping("Zīmes", issue=92, page=9)
    clipping("Ārā", issue=92, page=9)
    clipping("Pirmā lapa", issue=92, page=1)
    clipping("Bez lapas", texts=(), source=f"Bez lapas. {PAPER}. Nr. 92 (2021-12-03)")
    clipping("Vēlāk", issue=93, date="2021-12-10", page="10–11")
    clipping("Agrāk", issue=91, date="2021-11-26")
    _paper, issues = newspaper_issues("ezermalas-vestis", 2021)
    assert [(i.key, i.number, i.date) for i in issues] == [
        ("91", "91", "2021-11-26"), ("92", "92", "2021-12-03"), ("93", "93", "2021-12-10")]
    assert [(c.title, c.page) for c in issues[1].clippings] == [
        ("Pirmā lapa", "1"), ("Ārā", "9"), ("Zīmes", "9"), ("Bez lapas", None)]
    assert issues[2].clippings[0].page == "10–11"


def test_a_clipping_without_an_issue_number_is_grouped_under_its_date(app):
    clipping("Bez numura", issue=None, date="2021-12-03", page=4)
    clipping("Arī bez numura", issue=None, date="2021-12-03", page=2)
    clipping("Ar numuru", issue=92, date="2021-12-03")
    _paper, issues = newspaper_issues("ezermalas-vestis", 2021)
    assert [(i.key, i.number) for i in issues] == [("2021-12-03", None), ("92", "92")]
    _paper, issue = issue_clippings("ezermalas-vestis", 2021, "2021-12-03")
    assert [c.title for c in issue.clippings] == ["Arī bez numura", "Bez numura"]


def test_issue_clippings_have_their_pages_loaded(app):
    item = make_item(title="Ar attēlu", publisher=PAPER, date="2021-12-03", type="Text",
                     source=f"Ar attēlu. {PAPER}. Nr. 92 (2021., 3. decembris), 9. lpp.")
    _paper, issue = issue_clippings("ezermalas-vestis", 2021, "92")
    assert issue.clippings[0].item.id == item.id and len(issue.clippings[0].item.pages) == 1


@pytest.mark.parametrize("call", [
    lambda: newspaper_years("nav-tada"),
    lambda: newspaper_issues("nav-tada", 2021),
    lambda: newspaper_issues("ezermalas-vestis", 1999),
    lambda: issue_clippings("ezermalas-vestis", 2021, "93"),
    lambda: issue_clippings("ezermalas-vestis", 2020, "92"),
])
def test_unknown_newspaper_year_or_issue(app, call):
    clipping("Vienīgais")
    with pytest.raises(NewspaperNotFound):
        call()


def test_the_grouping_follows_edits_and_withdrawals(app):
    """The cached grouping is rebuilt whenever an item changes, so a change shows at once."""
    from heritage.services.items import update_item, withdraw_item

    first = make_item(title="Pirmais", publisher="Ezermalas Vēstis", date="2021-12-03", type="Text",
                      source="Pirmais. Ezermalas Vēstis. Nr. 92 (2021., 3. decembris), 9. lpp.")
    assert [c.title for c in issue_clippings("ezermalas-vestis", 2021, "92")[1].clippings] == ["Pirmais"]
    record = first.record
    record.values["title"][0] = type(record.values["title"][0])("Pārdēvēts", "lv")
    update_item(first.id, record)
    assert [c.title for c in issue_clippings("ezermalas-vestis", 2021, "92")[1].clippings] == ["Pārdēvēts"]
    withdraw_item(first.id)
    with pytest.raises(NewspaperNotFound):
        newspaper_years("ezermalas-vestis")
