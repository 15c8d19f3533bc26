"""Ingest into the S3 media store with several OCR processes: each makes its own S3 client."""
from __future__ import annotations

import hashlib

from heritage.extensions import db
from heritage.models import MediaFile
from heritage.services import media_store
from heritage.services.database import upgrade_schema
from heritage.services.ingest import ingest_folder
from tests.factories import needs_tesseract, write_scan
from tests.web.test_s3_delivery import make_s3_app

pytestmark = needs_tesseract


def test_worker_processes_store_their_derivatives_in_the_bucket(tmp_path, s3_environment):
    app = make_s3_app(tmp_path, s3_environment)
    folder = tmp_path / "in"
    scans = [write_scan(folder / f"{n}.png", text) for n, text in
             enumerate(("Pirmā lapa par skolu.", "Otrā lapa par dzirnavām."))]
    with app.app_context():
        upgrade_schema()
        report = ingest_folder(folder, "s3-kolekcija", workers=2)
        assert report.ok
        store = media_store()
        media = db.session.scalars(db.select(MediaFile).order_by(MediaFile.original_name)).all()
        assert [m.sha256 for m in media] == [hashlib.sha256(s.read_bytes()).hexdigest()
                                             for s in scans]
        for file, scan in zip(media, scans):
            assert store.open(file.storage_key).read() == scan.read_bytes()
        made = [key.rsplit("/", 1)[1] for key in store.keys() if key.startswith("derivatives/")]
        assert sorted(made) == ["0-alto.jpg", "0-alto.jpg", "0-thumb.jpg", "0-thumb.jpg",
                                "0-web.jpg", "0-web.jpg"]
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.jpg"))
