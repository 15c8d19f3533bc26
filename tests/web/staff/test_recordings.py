"""The workspace pages of recordings: overview, interview form, transcript and index editors."""
from __future__ import annotations

import io

import pytest

from heritage.errors import InvalidInput
from heritage.extensions import db
from heritage.models import AuditEntry, Item, Person, Recording
from heritage.services import workflow
from heritage.services.ingest import ingest_folder
from heritage.services.search import search_items
from tests.conftest import REPO
from tests.factories import make_branch, make_user
from tests.recordings import interview_folder, needs_av, spoken_interview  # noqa: F401
from tests.web.test_html_quality import needs_vnu, nu_html_problems

pytestmark = needs_av

NEW_WORD = "Zvirgzdupīte"


@pytest.fixture
def recorded(app, spoken_interview, tmp_path):
    """The spoken interview ingested and published, in the Ezerkalne branch: (item id, recording id)."""
    folder = interview_folder(spoken_interview, tmp_path / "in")
    with app.app_context():
        report = ingest_folder(folder, "atminas", workers=1, publish=True)
        assert report.ok
        item = db.session.scalars(db.select(Item)).one()
        item.branch = make_branch("ezerkalne")
        db.session.commit()
        return item.id, item.recordings[0].id


def _urls(item_id, recording_id):
    base = f"/staff/items/{item_id}"
    return {"overview": f"{base}/recording", "interview": f"{base}/interview",
            "transcript": f"{base}/recordings/{recording_id}/transcript",
            "index": f"{base}/recordings/{recording_id}/index",
            "copy": f"{base}/recordings/{recording_id}/copies/0"}


def _recording(recording_id) -> Recording:
    db.session.expire_all()
    return db.session.get(Recording, recording_id)


def test_every_page_renders_for_a_coordinator(app, staff, recorded):
    coordinator = staff("coordinator", branch=None)
    urls = _urls(*recorded)
    for name in ("overview", "interview", "transcript", "index"):
        assert coordinator.get(urls[name]).status_code == 200, name
    overview = coordinator.get(urls["overview"] + "?lang=en").get_data(as_text=True)
    assert "<audio controls" in overview and urls["copy"] in overview
    assert "Transcribe by hand below" in overview  # no speech model is configured
    assert urls["overview"] in coordinator.get(f"/staff/items/{recorded[0]}").get_data(as_text=True)
    editor = coordinator.get(urls["transcript"]).get_data(as_text=True)
    assert "WEBVTT" in editor and "Lejasozolos" in editor and 'id="insert-time"' in editor
    assert "Bērnība Lejasozolos" in coordinator.get(urls["index"]).get_data(as_text=True)


def test_the_staff_player_streams_a_closed_recording_in_parts(app, staff, client, recorded):
    with app.app_context():
        db.session.get(Item, recorded[0]).access_level = "staff"
        db.session.commit()
    url = _urls(*recorded)["copy"]
    assert client.get(url).status_code in (302, 401, 403)  # nobody signed in
    part = staff("cataloguer").get(url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100
    assert part.headers["Content-Type"].startswith("audio/")


def test_a_volunteer_transcribes_but_does_not_catalogue(app, staff, recorded):
    volunteer = staff("volunteer", branch=None)
    urls = _urls(*recorded)
    assert volunteer.get(urls["transcript"]).status_code == 200
    assert volunteer.get(urls["copy"]).status_code == 200
    for name in ("overview", "interview", "index"):
        assert volunteer.get(urls[name]).status_code == 403, name
    assert volunteer.post(urls["interview"], {"interviewees": "X"}).status_code == 403
    assert volunteer.post(urls["index"], {"text": "start,title\n0,X\n"}).status_code == 403


def test_a_cataloguer_of_another_branch_is_refused(app, staff, recorded):
    other = staff("cataloguer", branch="lejasciems")
    urls = _urls(*recorded)
    for name in ("overview", "interview", "index"):
        assert other.get(urls[name]).status_code in (403, 404), name
    assert other.post(urls["index"], {"text": "start,title\n0,X\n"}).status_code in (403, 404)
    assert staff("cataloguer").get(urls["index"]).status_code == 200  # the item's own branch


def test_a_missing_recording_is_not_found(app, staff, recorded):
    item_id, recording_id = recorded
    coordinator = staff("coordinator", branch=None)
    assert coordinator.get(_urls(item_id, recording_id + 99)["transcript"]).status_code == 404
    assert coordinator.get(_urls(item_id, recording_id)["copy"][:-1] + "7").status_code == 404


def test_a_corrected_transcript_is_saved_audited_and_found(app, staff, recorded):
    item_id, recording_id = recorded
    volunteer = staff("volunteer", branch=None)
    url = _urls(*recorded)["transcript"]
    with app.app_context():
        assert search_items(NEW_WORD).total == 0
        vtt = volunteer.get(url).get_data(as_text=True)
    text = (vtt.split('name="text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
            .replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&amp;", "&"))
    assert text.startswith("WEBVTT")
    changed = text.replace("Lejasozolos", NEW_WORD).replace("\n", "\r\n")  # as browsers send it
    response = volunteer.post(url, {"text": changed})
    assert response.status_code == 302
    with app.app_context():
        recording = _recording(recording_id)
        assert NEW_WORD in recording.cues[1].text and recording.cues[1].speaker == "Anna Ozola"
        assert recording.transcript_source == "manual"
        assert [h.id for h in search_items(NEW_WORD).hits] == [item_id]
        entry = db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.object_type == "recording", AuditEntry.action == "transcribe")).one()
        assert NEW_WORD in entry.new and NEW_WORD not in entry.old


@pytest.mark.parametrize("bad, line", [
    ("00:00:00.500 --> 00:00:01.000\nBez galvas.\n", 1),
    ("WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nPar ilgu.\n", 3),
    ("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nBeigas pirms sākuma.\n", 3),
    ("WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nOtrais.\n\n00:00:01.000 --> 00:00:02.000\nPirmais.\n", 6),
])
def test_a_bad_transcript_names_the_line_and_keeps_the_text(app, staff, recorded, bad, line):
    item_id, recording_id = recorded
    url = _urls(*recorded)["transcript"] + "?lang=en"
    response = staff("volunteer", branch=None).post(url, {"text": bad})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'data-line="{line}">line {line}</a>' in page
    assert 'aria-invalid="true"' in page and bad.split("\n")[-2] in page
    with app.app_context():
        assert len(_recording(recording_id).cues) == 5  # nothing saved


SRT = ("1\n00:00:00,000 --> 00:00:01,500\nPirmais teikums.\n\n"
       "2\n00:00:01,600 --> 00:00:03,000\nOtrais teikums.\n")
BAD_SRT = SRT + "\n3\n00:00:05,000 --> 00:00:04,000\nAtpakaļ.\n"


def test_an_srt_file_is_imported(app, staff, recorded):
    _, recording_id = recorded
    url = _urls(*recorded)["transcript"]
    response = staff("volunteer", branch=None).post(
        url, {"action": "import", "file": (io.BytesIO(SRT.encode()), "ozola.srt")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        recording = _recording(recording_id)
        assert [c.text for c in recording.cues] == ["Pirmais teikums.", "Otrais teikums."]
        assert recording.transcript_source == "import"


@pytest.mark.parametrize("keep_good, status, cues", [("", 422, 5), ("1", 200, 2)])
def test_a_bad_srt_file_is_refused_or_its_good_cues_kept(app, staff, recorded, keep_good, status, cues):
    _, recording_id = recorded
    url = _urls(*recorded)["transcript"] + "?lang=en"
    response = staff("volunteer", branch=None).post(
        url, {"action": "import", "keep_good": keep_good,
              "file": (io.BytesIO(BAD_SRT.encode()), "ozola.srt")}, content_type="multipart/form-data")
    assert response.status_code == status
    assert "line 10: " in response.get_data(as_text=True)
    with app.app_context():
        assert len(_recording(recording_id).cues) == cues


OHMS = ('<?xml version="1.0" encoding="UTF-8"?>\n<ROOT><record><index>'
        "<point><time>0</time><title>Sākums</title><keywords>bērnība;zirgs</keywords></point>"
        "<point><time>5</time><title>Vēlāk</title></point></index></record></ROOT>\n")


def test_an_ohms_xml_index_is_imported_and_csv_edited(app, staff, recorded):
    _, recording_id = recorded
    cataloguer = staff("cataloguer")
    url = _urls(*recorded)["index"]
    response = cataloguer.post(url, {"action": "import", "file": (io.BytesIO(OHMS.encode()), "o.xml")},
                               content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        assert [s.title for s in _recording(recording_id).segments] == ["Sākums", "Vēlāk"]
    response = cataloguer.post(url, {"text": "start,title,keywords\n0,Bērnība,zirgs\n4,Kara gadi,\n"})
    assert response.status_code == 302
    with app.app_context():
        segments = _recording(recording_id).segments
        assert [(s.start, s.title) for s in segments] == [(0, "Bērnība"), (4, "Kara gadi")]
        assert segments[0].keyword_list == ["zirgs"]
        assert db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "index")).all()


def test_a_bad_index_names_the_line(app, staff, recorded):
    url = _urls(*recorded)["index"] + "?lang=en"
    text = "start,title\n0,Labs\n9999,Pēc beigām\n"
    response = staff("cataloguer").post(url, {"text": text})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'data-line="3">line 3</a>' in page and "Pēc beigām" in page


def test_the_interview_form_saves_people_and_release(app, staff, recorded):
    item_id, _ = recorded
    url = _urls(*recorded)["interview"]
    response = staff("cataloguer").post(url, {
        "interviewees": "Ozola, Anna\n", "interviewers": "Kalniņa, Līga", "language": "lv",
        "dialect": "augšzemnieku", "consent": "signed", "consent_date": "2024-06-14",
        "consent_note": ""})
    assert response.status_code == 302
    with app.app_context():
        item = db.session.get(Item, item_id)
        assert item.interview.names("interviewee") == ["Ozola, Anna"]
        assert item.interview.names("interviewer") == ["Kalniņa, Līga"]
        assert item.interview.dialect == "augšzemnieku" and item.interview.consent == "signed"
        assert [v.text for v in item.record.get("creator")] == ["Ozola, Anna"]
        assert [v.text for v in item.record.get("contributor")] == ["Kalniņa, Līga"]
        assert db.session.scalar(db.select(Person).where(Person.name == "Ozola, Anna")) is not None
        entries = db.session.scalars(db.select(AuditEntry).where(
            AuditEntry.object_type == "item", AuditEntry.object_id == item_id,
            AuditEntry.action == "interview")).all()
        assert "interview.consent" in {e.field for e in entries}


def test_interview_errors_are_shown_together_and_nothing_typed_is_lost(app, staff, recorded):
    url = _urls(*recorded)["interview"] + "?lang=en"
    response = staff("cataloguer").post(url, {
        "interviewees": "", "interviewers": "Kalniņa, Līga", "language": "xx", "dialect": "vidus",
        "consent": "restricted", "consent_date": "14.06.2024", "consent_note": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for field in ("interviewees", "language", "consent_date", "consent_note"):
        assert f'href="#{field}"' in page and f'id="{field}-error"' in page, field
    assert page.count('aria-invalid="true"') == 4
    assert "Kalniņa, Līga" in page and 'value="14.06.2024"' in page and 'value="vidus"' in page


def test_a_pending_release_blocks_publishing_and_a_signed_one_allows_it(app, staff, recorded):
    item_id, _ = recorded
    coordinator = staff("coordinator", branch=None)
    with app.app_context():
        db.session.get(Item, item_id).status = "review"
        db.session.commit()
    form = {"interviewees": "Ozola, Anna", "language": "lv", "consent": "pending"}
    assert coordinator.post(_urls(*recorded)["interview"], form).status_code == 302
    refused = coordinator.post(f"/staff/items/{item_id}/step?lang=en", {"action": "publish"},
                               follow_redirects=True)
    assert "Not done" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Item, item_id).status == "review"
        with pytest.raises(InvalidInput, match="release"):
            workflow.transition(item_id, "publish", make_user("coordinator", "koordinatore", None))
    form.update(consent="signed", consent_date="2024-06-14")
    assert coordinator.post(_urls(*recorded)["interview"], form).status_code == 302
    coordinator.post(f"/staff/items/{item_id}/step", {"action": "publish"})
    with app.app_context():
        assert db.session.get(Item, item_id).status == "published"


def test_a_published_interview_cannot_be_set_to_pending(app, staff, recorded):
    url = _urls(*recorded)["interview"] + "?lang=en"
    response = staff("coordinator", branch=None).post(
        url, {"interviewees": "Ozola, Anna", "language": "lv", "consent": "pending"})
    assert response.status_code == 422 and 'id="consent-error"' in response.get_data(as_text=True)


def test_speech_to_text_needs_a_model(app, staff, recorded):
    url = _urls(*recorded)["overview"].replace("/recording", f"/recordings/{recorded[1]}/transcribe")
    response = staff("coordinator", branch=None).post(url + "?lang=en", follow_redirects=True)
    assert response.status_code == 200
    assert "not configured" in response.get_data(as_text=True)


@needs_vnu
def test_the_recording_pages_are_valid_html(app, staff, recorded, tmp_path):
    coordinator = staff("coordinator", branch=None)
    urls = _urls(*recorded)
    pages = {name: coordinator.get(urls[name]).get_data(as_text=True)
             for name in ("overview", "interview", "transcript", "index")}
    pages["transcript-error"] = coordinator.post(urls["transcript"], {"text": "x"}).get_data(as_text=True)
    pages["interview-error"] = coordinator.post(urls["interview"], {"language": "xx"}).get_data(as_text=True)
    pages["index-import"] = coordinator.post(
        urls["index"], {"action": "import", "file": (io.BytesIO(b"<ROOT/>"), "o.xml")},
        content_type="multipart/form-data").get_data(as_text=True)
    css = (REPO / "heritage" / "static" / "staff-recordings.css",)
    assert nu_html_problems(pages, tmp_path, css) == []


def test_a_wrong_speech_model_folder_is_explained(app, staff, recorded, tmp_path):
    app.config["HERITAGE_SPEECH_MODEL_DIR"] = str(tmp_path / "no-such-model")
    coordinator = staff("coordinator", branch=None)
    urls = _urls(*recorded)
    page = coordinator.get(urls["overview"] + "?lang=en").get_data(as_text=True)
    assert "Transcribe by hand below" in page and "the folder does not exist" in page
    start = urls["overview"].replace("/recording", f"/recordings/{recorded[1]}/transcribe")
    page = coordinator.post(start + "?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "the folder does not exist" in page
    with app.app_context():
        from heritage.models import Job
        assert db.session.scalars(db.select(Job)).all() == []
