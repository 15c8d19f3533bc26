"""BagIt export and import of a collection (heritage.services.bags)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import bagit
import pytest

from heritage.cli import cli
from heritage.errors import InvalidInput
from heritage.models import Collection, Item
from heritage.services import media_store
from heritage.services.bags import export_collection, import_bag
from heritage.services.database import upgrade_schema
from heritage.services.search import search_items
from tests.conftest import make_app
from tests.factories import make_alto_item, make_item

BAGIT = Path(sys.executable).parent / "bagit.py"


def _collection(app):
    """Three items: a two-page published one, a staff-only draft, a page with ALTO."""
    first = make_item(title="Dzirnavu stāsts", texts=("Dzirnavas pie upes.", "Otrā lapa: rats."),
                      subject=["dzirnavas", "upe"], creator="Bērziņa, Anna")
    first.values[1].lang = "lv"
    second = make_item(title="Skolas foto", texts=("Skolēni 1935.",), status="draft",
                       access_level="staff")
    second.access_reason = "privacy"
    second.pages[0].original_ocr_text = "Sko1ēni 1935."
    second.pages[0].text_source = "corrected"
    from heritage.extensions import db
    db.session.commit()
    third = make_alto_item(("Ezera zvejnieki",), width=600, size=30)
    return [first, second, third]


def _snapshot(item: Item, store) -> dict:
    """What must survive a round trip, free of database ids."""
    return {
        "status": item.status, "access": (item.access_level, item.access_reason, item.access_note,
                                          item.embargo_until),
        "values": [(v.element, v.value, v.lang, v.position) for v in item.values],
        "files": [(m.position, m.original_name, m.sha256, m.size, m.mime_type, m.width, m.height,
                   hashlib.sha256(store.open(m.storage_key).read()).hexdigest())
                  for m in item.media_files],
        "pages": [(p.sequence, p.width, p.height, p.ocr_text, p.original_ocr_text, p.text_source,
                   p.ocr_confidence, p.image_key, p.thumbnail_key, p.alto_key)
                  for p in item.pages],
        "derivatives": sorted(len(store.open(k).read()) for p in item.pages
                              for k in (p.image_key, p.thumbnail_key, p.alto_key) if k),
    }


@pytest.fixture
def bag(app, tmp_path):
    items = _collection(app)
    store = media_store()
    snapshots = [_snapshot(item, store) for item in items]
    return export_collection("testa-kolekcija", tmp_path / "bag"), snapshots


def test_export_writes_a_valid_bag(bag):
    path, _ = bag
    assert bagit.Bag(str(path)).is_valid()
    assert subprocess.run([str(BAGIT), "--validate", str(path)], capture_output=True).returncode == 0
    info = bagit.Bag(str(path)).info
    assert info["Source-Organization"] and info["Bag-Count"] == "1 of 1"
    meta = json.loads((path / "data" / "collection.json").read_text("utf-8"))
    assert meta["slug"] == "testa-kolekcija" and len(meta["items"]) == 3
    first = path / "data" / "items" / str(meta["items"][0])
    assert sorted(p.name for p in (first / "originals").iterdir()) == ["0-1.png", "1-2.png"]
    assert b"<dc:title xml:lang=\"lv\">Dzirnavu st" in (first / "dc.xml").read_bytes()
    alto = list((path / "data" / "items" / str(meta["items"][2])).rglob("0-alto.jpg"))
    assert alto, "the ALTO derivative is in the bag"


def test_a_tampered_bag_is_refused_naming_the_file(bag, app):
    path, _ = bag
    original = next((path / "data" / "items").rglob("0-1.png"))
    data = bytearray(original.read_bytes())
    data[-1] ^= 0xFF
    original.write_bytes(bytes(data))
    assert subprocess.run([str(BAGIT), "--validate", str(path)], capture_output=True).returncode != 0
    with pytest.raises(InvalidInput, match="0-1.png"):
        import_bag(path)


def test_import_into_a_fresh_archive_restores_identical_items(bag, tmp_path):
    path, snapshots = bag
    other = make_app(tmp_path / "other")
    with other.app_context():
        upgrade_schema()
        report = import_bag(path)
        assert (report.created, report.already_there) == (3, 0)
        assert report.files_stored > 0 and report.files_present == 0
        store = media_store()
        items = Collection.query.filter_by(slug="testa-kolekcija").one().items
        assert [_snapshot(i, store) for i in sorted(items, key=lambda i: i.id)] == snapshots
        assert [h.title for h in search_items("dzirnavas").hits] == ["Dzirnavu stāsts"]
        assert len(search_items("zvejnieki").hits) == 1
        assert not search_items("skolēni").hits  # the staff-only draft stays hidden

        again = import_bag(path)
        assert (again.created, again.already_there) == (0, 3)
        assert {o["outcome"] for o in again.outcomes} == {"already there"}
        assert Item.query.count() == 3


def test_import_may_rename_the_collection(bag, tmp_path):
    path, _ = bag
    other = make_app(tmp_path / "other")
    with other.app_context():
        upgrade_schema()
        report = import_bag(path, collection="kopija")
        assert report.collection == "kopija" and report.created == 3
        assert Collection.query.filter_by(slug="kopija").one().title == "testa-kolekcija"


def test_export_refuses_a_folder_with_files(app, tmp_path):
    make_item()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(InvalidInput, match="not an empty folder"):
        export_collection("testa-kolekcija", tmp_path / "full")


def test_cli_exports_and_imports(app, runner, tmp_path):
    make_item(title="Dzirnavu stāsts")
    result = runner.invoke(cli, ["bag", "export", "testa-kolekcija", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "1 item" in result.output
    result = runner.invoke(cli, ["bag", "import", str(tmp_path / "b"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["already_there"] == 1
    next((tmp_path / "b" / "data").rglob("item.json")).write_text("{}")
    result = runner.invoke(cli, ["bag", "import", str(tmp_path / "b")])
    assert result.exit_code == 1 and "item.json" in result.output


def test_a_recording_with_its_interview_comes_back_from_a_bag(app, tmp_path):
    """A recording's listening copies, transcript, index and interview travel in the bag."""
    from tests.recordings import make_recording_item
    from heritage.services.bags import export_collection, import_bag
    from heritage.services.interviews import InterviewForm, record_interview
    from heritage.services.search import search_items

    item = make_recording_item(collection="atminas", cues=(("Anna Ozola", "Vītolus izsūtīja naktī."),))
    record_interview(item, InterviewForm(["Ozola, Anna"], ["Kalniņa, Līga"], "lv", "", "signed",
                                         "2024-06-14", "Rakstiska atļauja."), by=None)
    bag = export_collection("atminas", tmp_path / "bag")
    other = make_app(tmp_path / "other")
    with other.app_context():
        upgrade_schema()
        import_bag(bag)
        found = search_items("izsutija")
        assert found.total == 1 and found.hits[0].moments[0].start == 0.0
        from heritage.extensions import db
        from heritage.models import Item
        restored = db.session.scalars(db.select(Item)).one()
        assert restored.interview.names("interviewee") == ["Ozola, Anna"]
        assert restored.interview.consent == "signed"
        assert [c.text for c in restored.recordings[0].cues] == ["Vītolus izsūtīja naktī."]
