"""A recording's sound, transcript, index and waveform follow the one access policy everywhere."""
from __future__ import annotations

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heritage.extensions import db
from heritage.services import media_store
from heritage.services.items import index_items
from heritage.services.search import search_items
from tests.recordings import make_recording_item, needs_av
from tests.web.test_access_paths import (LATER, LEVELS, OUTSIDE, READING_ROOM, RECORDING_ENDPOINTS,
                                         YESTERDAY, expected_open, item_routes, rr_app)  # noqa: F401

pytestmark = needs_av
SECRET = "Kaimiņu Bērziņus izsūtīja naktī."


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(level=st.sampled_from(LEVELS), own=st.sampled_from([None, *LEVELS]),
       embargo_past=st.booleans(), reading_room=st.booleans(),
       status=st.sampled_from(["published", "published", "draft"]))
def test_recording_routes_answer_only_when_the_policy_allows(rr_app, level, own, embargo_past,
                                                              reading_room, status):
    item = make_recording_item(cues=(("Anna Ozola", SECRET),), status=status, access_level=level)
    item.embargo_until = YESTERDAY if embargo_past else LATER
    item.access_reason = None if level == "public" else "privacy"
    item.media_files[0].access_level = own
    db.session.commit()
    index_items([item])
    recording = item.recordings[0]
    copies = [media_store().open(key).read() for key in
              [c["key"] for c in __import__("json").loads(recording.access_copies)]]
    client = rr_app.test_client()
    environ = READING_ROOM if reading_room else OUTSIDE
    described = status == "published" and expected_open(level, None, embargo_past, True) != "hidden"
    verdict = expected_open(level, own, embargo_past, reading_room)
    for endpoint, url, _ in item_routes(rr_app, item.id, recording.id):
        if endpoint not in RECORDING_ENDPOINTS:
            continue
        response = client.get(url, environ_base=environ)
        assert response.status_code != 500, url
        if not described:
            assert response.status_code == 404, url
        elif verdict == "open":
            # an audio recording has no poster frame
            assert response.status_code == (404 if endpoint == "public.recording_poster" else 200), url
        else:
            assert response.status_code == (404 if verdict == "hidden" else 403), url
            assert not any(copy in response.data for copy in copies), url
            assert "Bērziņus".encode() not in response.data, url
    page = client.get(f"/items/{item.id}?q=berzinus", environ_base=environ)
    assert page.status_code == (200 if described else 404)
    shown = verdict == "open" and described
    words = lxml.html.fromstring(page.data).text_content() if page.status_code == 200 else ""
    assert (SECRET in words) == shown
    assert (f"/recordings/{recording.id}/play/0" in page.get_data(as_text=True)) == shown
    # public search finds the words only of a recording open to everybody
    found = {hit.id for hit in search_items("berzinus", page_size=100).hits}
    assert (item.id in found) == (described and expected_open(level, own, embargo_past, False) == "open")


def test_a_range_request_gets_part_of_the_listening_copy(client):
    item = make_recording_item()
    url = f"/items/{item.id}/recordings/{item.recordings[0].id}/play/0"
    whole = client.get(url)
    part = client.get(url, headers={"Range": "bytes=10-99"})
    assert whole.status_code == 200 and whole.headers["Accept-Ranges"] == "bytes"
    assert part.status_code == 206 and part.data == whole.data[10:100]
    assert part.headers["Content-Range"] == f"bytes 10-99/{len(whole.data)}"
    assert whole.mimetype == "audio/ogg"


def test_the_captions_track_is_webvtt(client):
    item = make_recording_item(cues=(("Anna Ozola", "Mēs dzīvojām <pie> ezera & upes."),))
    vtt = client.get(f"/items/{item.id}/recordings/{item.recordings[0].id}/transcript.vtt")
    assert vtt.mimetype == "text/vtt" and vtt.headers["X-Content-Type-Options"] == "nosniff"
    text = vtt.get_data(as_text=True)
    assert text.startswith("WEBVTT") and "<v Anna Ozola>" in text
    assert "&lt;pie&gt; ezera &amp; upes" in text


def test_a_recording_that_does_not_exist_is_not_found(client):
    item = make_recording_item()
    other = make_recording_item(title="Cits")
    assert client.get(f"/items/{item.id}/recordings/{other.recordings[0].id}/play/0").status_code == 404
    assert client.get(f"/items/{item.id}/recordings/{item.recordings[0].id}/play/7").status_code == 404


def test_the_api_gives_a_recordings_files_only_when_open(client):
    item = make_recording_item()
    shown = client.get(f"/api/items/{item.id}").get_json()["recordings"][0]
    assert shown["open"] and shown["duration"] == 0.5 and shown["cue_count"] == 1
    assert [s["mime_type"] for s in shown["sources"]] == ["audio/ogg; codecs=opus", "audio/mpeg"]
    assert client.get(shown["transcript"]["vtt"]).status_code == 200
    item.access_level, item.access_reason = "metadata_only", "privacy"
    db.session.commit()
    closed = client.get(f"/api/items/{item.id}").get_json()["recordings"][0]
    assert not closed["open"] and closed["sources"] == [] and closed["transcript"] is None
    assert closed["cue_count"] == 0


def test_a_recording_closed_on_its_own_says_so_in_words_about_a_recording(client):
    item = make_recording_item()
    item.media_files[0].access_level, item.media_files[0].access_reason = "reading_room", "donor_terms"
    db.session.commit()
    html = client.get(f"/items/{item.id}?lang=en").get_data(as_text=True)
    assert "This recording can be heard only in the reading rooms" in html
    assert "the terms agreed with the donor" in html and "<audio" not in html
