"""Planning a folder into items."""
from __future__ import annotations

from heritage.ingest.pipeline import natural_key, plan_folder


def test_files_are_items_and_subfolders_are_multi_page_items(tmp_path):
    for name in ("b.png", "a.jpg", "skola/10.png", "skola/2.png", "skola/1.png", "piezimes.txt",
                 "metadata.csv", ".DS_Store", "tuksa/readme.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    plan = plan_folder(tmp_path)
    assert [(u.name, [p.name for p in u.files]) for u in plan.units] == [
        ("a.jpg", ["a.jpg"]), ("b.png", ["b.png"]), ("skola", ["1.png", "2.png", "10.png"])]
    assert plan.metadata == tmp_path / "metadata.csv"
    skipped = {path.name: why for path, why in plan.skipped}
    assert "piezimes.txt" in skipped and "not a file type" in skipped["piezimes.txt"]
    assert "tuksa" in skipped and "no scans" in skipped["tuksa"]
    assert ".DS_Store" not in skipped


def test_natural_order_ignores_case_and_counts_numbers():
    names = ["Lapa10.TIF", "lapa2.tif", "lapa1.tif", "LAPA3.tif"]
    assert sorted(names, key=natural_key) == ["lapa1.tif", "lapa2.tif", "LAPA3.tif", "Lapa10.TIF"]
