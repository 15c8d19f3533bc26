"""Fixity checks on real masters in the tmp media store: ok, missing, damaged, history."""
from __future__ import annotations

import json

import pytest

from heritage.cli import cli
from heritage.errors import CollectionNotFound
from heritage.extensions import db
from heritage.models import FixityCheck, FixityEvent
from heritage.services import media_store
from heritage.services.fixity import check_summary, last_events, run_check
from tests.factories import make_item


@pytest.fixture
def archive(app):
    """Two items in one collection (one of them deleted) and one in another: three masters."""
    first = make_item(title="Skola", texts=("Pirmā lapa",))
    gone = make_item(title="Dzēsts", texts=("Otrā lapa",), status="deleted")
    other = make_item(collection="cita", title="Cits", texts=("Trešā lapa",))
    return first, gone, other


def _flip_byte(key: str) -> None:
    path = media_store()._path(key)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_clean_archive_all_ok_with_dated_events(runner, archive):
    result = runner.invoke(cli, ["fixity", "check"])
    assert result.exit_code == 0, result.output
    assert "MISSING" not in result.output and "DAMAGED" not in result.output
    check = db.session.scalars(db.select(FixityCheck)).one()
    assert (check.checked, check.missing, check.damaged) == (3, 0, 0)
    assert check.finished_at is not None
    events = db.session.scalars(db.select(FixityEvent)).all()
    assert {e.outcome for e in events} == {"ok"} and all(e.at and e.found == e.expected
                                                        for e in events)
    # the deleted item's master is checked too
    assert archive[1].media_files[0].id in {e.media_file_id for e in events}


def test_missing_and_damaged_are_named_and_exit_1(runner, archive):
    first, gone, other = archive
    media_store().delete(first.media_files[0].storage_key)
    _flip_byte(other.media_files[0].storage_key)
    result = runner.invoke(cli, ["fixity", "check"])
    assert result.exit_code == 1
    key = first.media_files[0].storage_key
    assert (f"MISSING {key} (item #{first.id} 'Skola', file 1.png): restore it from the backup"
            in result.output)
    assert f"DAMAGED {other.media_files[0].storage_key} (item #{other.id} 'Cits'" in result.output
    summary = check_summary(db.session.scalars(db.select(FixityCheck.id)).one())
    (damaged,) = summary["damaged"]
    assert damaged["expected"] == other.media_files[0].sha256
    assert damaged["found"] and damaged["found"] != damaged["expected"]
    assert summary["missing"][0]["found"] == "" and summary["ok"] == 1


def test_second_run_adds_events_and_keeps_old_ones(app, archive):
    first = archive[0]
    one = run_check()
    before = [(e.id, e.at, e.outcome) for e in db.session.scalars(db.select(FixityEvent))]
    media_store().delete(first.media_files[0].storage_key)
    two = run_check()
    assert two.id != one.id and two.missing == 1
    after = {e.id: (e.id, e.at, e.outcome) for e in db.session.scalars(db.select(FixityEvent))}
    assert len(after) == 6 and all(after[row[0]] == row for row in before)
    latest, previous = last_events(first.media_files[0].id, limit=5)
    assert (latest.outcome, previous.outcome) == ("missing", "ok") and latest.at >= previous.at


def test_collection_limits_the_check(app, archive):
    check = run_check(collection="cita")
    assert check.checked == 1
    assert {e.media_file_id for e in check.events} == {archive[2].media_files[0].id}
    with pytest.raises(CollectionNotFound):
        run_check(collection="nav-tadas")


def test_collection_option_and_json_shape(runner, archive):
    _flip_byte(archive[2].media_files[0].storage_key)
    clean = runner.invoke(cli, ["fixity", "check", "--collection", "testa-kolekcija", "--json"])
    assert clean.exit_code == 0, clean.output
    body = json.loads(clean.output)
    assert set(body) == {"check", "checked", "ok", "missing", "damaged"}
    assert (body["checked"], body["ok"], body["missing"], body["damaged"]) == (2, 2, [], [])
    bad = runner.invoke(cli, ["fixity", "check", "--collection", "cita", "--json"])
    assert bad.exit_code == 1
    assert json.loads(bad.output)["damaged"][0]["item"] == archive[2].id
    unknown = runner.invoke(cli, ["fixity", "check", "--collection", "nav-tadas"])
    assert unknown.exit_code == 1 and "no collection 'nav-tadas'" in unknown.output


def test_history_lists_past_checks(runner, archive):
    empty = runner.invoke(cli, ["fixity", "history"])
    assert empty.exit_code == 0 and "no fixity checks yet" in empty.output
    run_check()
    media_store().delete(archive[0].media_files[0].storage_key)
    run_check(collection="testa-kolekcija")
    result = runner.invoke(cli, ["fixity", "history", "--limit", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 3 and "collection testa-kolekcija" in lines[1]
    listed = json.loads(runner.invoke(cli, ["fixity", "history", "--json"]).output)
    assert [(c["checked"], c["missing"]) for c in listed] == [(2, 1), (3, 0)]
