"""Uploading from the browser: the form, guards, the job page and its JSON, chunked sessions."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from heritage.extensions import db
from heritage.models import Item, Job
from heritage.services import jobs, media_store
from tests.factories import make_item, needs_tesseract, write_scan


@pytest.fixture
def quiet(app):
    """No runner threads: the tests run the queue themselves."""
    app.config["HERITAGE_JOB_WORKERS"] = 0
    return app


def _scan(tmp_path, name, text="Ezerkalnes skola"):
    return write_scan(tmp_path / "src" / name, text).read_bytes()


def _post(client, files, **fields):
    data = {"new_slug": "talkas", "new_title": "Talkas", "lang": "lav", **fields,
            "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/staff/uploads/new", data, content_type="multipart/form-data")


def _job_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_form_is_for_roles_that_upload(quiet, staff):
    page = staff("cataloguer").get("/staff/uploads/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'type="file"' in html and 'name="csrf_token"' in html and 'for="files"' in html
    assert staff("volunteer", username="talcinieks").get("/staff/uploads/new").status_code == 403


@needs_tesseract
def test_mixed_batch_ingests_every_good_file_and_reports_every_bad_one(quiet, staff, tmp_path):
    client = staff("cataloguer")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("../escape.png", _scan(tmp_path, "x.png", "Bēgšana"))
    job_id = _job_id(_post(client, [
        ("1.png", _scan(tmp_path, "1.png", "Pirmā lapa")), ("2.jpg", _scan(tmp_path, "2.jpg", "Otrā lapa")),
        ("fake.png", b"%PDF-1.4 this is a pdf named png"), (".DS_Store", b"junk"),
        ("slip.zip", zipped.getvalue())]))
    assert client.get(f"/staff/uploads/{job_id}.json").get_json()["finished"] is False
    jobs.work()
    state = client.get(f"/staff/uploads/{job_id}.json").get_json()
    assert state["status"] == "done" and state["finished"] and state["percent"] == 100
    outcomes = {e["name"]: e["outcome"] for e in state["entries"]}
    assert outcomes == {"1.png": "ingested", "2.jpg": "ingested", "fake.png": "refused",
                        "slip.zip": "refused"}
    reasons = {e["name"]: e.get("reason", "") for e in state["entries"]}
    assert "content is PDF" in reasons["fake.png"] and "../escape.png" in reasons["slip.zip"]
    items = db.session.query(Item).all()
    assert len(items) == 2 and all(i.status == "draft" and i.branch.slug == "ezerkalne" for i in items)
    page = client.get(f"/staff/uploads/{job_id}?lang=en").get_data(as_text=True)
    assert 'id="job-report"' in page and f"item #{items[0].id}" in page and "Refused" in page


@needs_tesseract
def test_a_file_already_in_the_archive_is_named_with_its_item(quiet, staff, tmp_path):
    old = make_item(collection="vecie", title="Vecā skola", status="published")
    with media_store().open(old.media_files[0].storage_key) as stored:
        original = stored.read()
    client = staff("cataloguer")
    job_id = _job_id(_post(client, [("again.png", original)]))
    jobs.work()
    entry = client.get(f"/staff/uploads/{job_id}.json").get_json()["entries"][0]
    assert entry == {"name": "again.png", "outcome": "duplicate", "item": old.id,
                     "collection": "vecie", "collection_title": "vecie"}
    page = client.get(f"/staff/uploads/{job_id}?lang=en").get_data(as_text=True)
    assert "already in collection vecie as" in page and f"item #{old.id}" in page
    assert db.session.query(Item).count() == 1


@pytest.mark.parametrize("fields, problem", [
    ({"new_slug": "", "new_title": ""}, "collection"),
    ({"new_slug": "Bad Slug!"}, "collection slug"),
    ({"new_title": ""}, "collection title"),
    ({"lang": "xyz"}, "xyz"),
])
def test_bad_form_fields_are_named(quiet, staff, tmp_path, fields, problem):
    response = _post(staff("cataloguer"), [("1.png", b"\x89PNG\r\n\x1a\n")], **fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert problem in html and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert db.session.query(Job).count() == 0


def test_no_files_is_refused(quiet, staff):
    response = _post(staff("cataloguer"), [])
    assert response.status_code == 400 and "files:" in response.get_data(as_text=True)


def test_too_large_upload_gets_a_friendly_page(quiet, staff):
    client = staff("cataloguer")
    quiet.config["MAX_CONTENT_LENGTH"] = 2000
    response = _post(client, [("big.png", b"\x89PNG" + b"\x00" * 5000)])
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and 'id="upload-form"' in html


@needs_tesseract
def test_chunked_upload_continues_after_a_dropped_chunk(quiet, staff, tmp_path):
    client = staff("cataloguer")
    data = _scan(tmp_path, "big.png", "Daļās sūtīta lapa")
    headers = {"X-CSRFToken": client.token}
    opened = client.client.post("/staff/uploads/sessions", json={"name": "big.png", "size": len(data)},
                                headers=headers)
    assert opened.status_code == 201
    url = f"/staff/uploads/sessions/{opened.get_json()['id']}"
    half = len(data) // 2
    first = client.client.patch(url, data=data[:half], headers={**headers, "Upload-Offset": "0"})
    assert first.get_json()["offset"] == half
    # the answer to the next chunk was lost: the browser sends it again from where it thought
    # it was, is told the real offset, and goes on from there
    client.client.patch(url, data=data[half:half + 100], headers={**headers, "Upload-Offset": str(half)})
    again = client.client.patch(url, data=data[half:], headers={**headers, "Upload-Offset": str(half)})
    assert again.status_code == 409 and again.get_json()["offset"] == half + 100
    asked = client.client.head(url)
    assert asked.headers["Upload-Offset"] == str(half + 100)
    rest = client.client.patch(url, data=data[half + 100:],
                               headers={**headers, "Upload-Offset": str(half + 100)})
    assert rest.get_json()["offset"] == len(data)
    response = client.post("/staff/uploads/new", {"new_slug": "dalas", "new_title": "Daļas",
                                                  "lang": "lav", "session": opened.get_json()["id"]})
    job_id = _job_id(response)
    jobs.work()
    entries = client.get(f"/staff/uploads/{job_id}.json").get_json()["entries"]
    assert [(e["name"], e["outcome"]) for e in entries] == [("big.png", "ingested")]
    item = db.session.get(Item, entries[0]["item"])
    assert item.media_files[0].size == len(data)


def test_chunk_sessions_belong_to_their_uploader(quiet, staff):
    owner, other = staff("cataloguer"), staff("cataloguer", username="cits", branch="rucava")
    opened = owner.client.post("/staff/uploads/sessions", json={"name": "a.png", "size": 10},
                               headers={"X-CSRFToken": owner.token}).get_json()
    assert other.get(f"/staff/uploads/sessions/{opened['id']}").status_code == 403
    too_big = owner.client.post("/staff/uploads/sessions", json={"name": "a.png", "size": 10**13},
                                headers={"X-CSRFToken": owner.token})
    assert too_big.status_code == 400


def test_job_page_and_json_while_waiting(quiet, staff, tmp_path):
    client = staff("cataloguer")
    job_id = _job_id(_post(client, [("1.png", _scan(tmp_path, "1.png"))]))
    state = client.get(f"/staff/uploads/{job_id}.json").get_json()
    assert state == {"id": job_id, "kind": "upload", "status": "queued", "total": 0, "done": 0,
                     "percent": 0, "message": "", "finished": False, "entries": [], "warnings": []}
    page = client.get(f"/staff/uploads/{job_id}").get_data(as_text=True)
    assert "<progress" in page and 'aria-live="polite"' in page and 'http-equiv="refresh"' in page
    outsider = staff("cataloguer", username="cits", branch="rucava")
    assert outsider.get(f"/staff/uploads/{job_id}.json").status_code == 403
    assert client.get("/staff/uploads/9999").status_code == 404


@needs_tesseract
def test_the_runner_thread_runs_the_job(app, staff, tmp_path):
    app.config["HERITAGE_JOB_WORKERS"] = 1
    client = staff("cataloguer")
    job_id = _job_id(_post(client, [("1.png", _scan(tmp_path, "1.png"))]))
    deadline = time.monotonic() + 120
    while not (state := client.get(f"/staff/uploads/{job_id}.json").get_json())["finished"]:
        assert time.monotonic() < deadline, state
        time.sleep(0.2)
    assert state["status"] == "done" and state["entries"][0]["outcome"] == "ingested"
