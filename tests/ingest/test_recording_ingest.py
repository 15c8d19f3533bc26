"""Ingesting oral histories: a spoken Latvian interview with its transcript and index beside it."""
from __future__ import annotations

import hashlib
import json
import subprocess

import pytest

from heritage.extensions import db
from heritage.ingest import av
from heritage.models import Item, Person
from heritage.services import media_store
from heritage.services.ingest import ingest_folder
from heritage.services.recordings import access_copies
from heritage.services.search import search_items
from tests.recordings import (DEPORTATION_LINE, LINES, SEGMENTS, interview_folder, needs_av,
                              spoken_interview)  # noqa: F401

pytestmark = needs_av


def _ingest(app, folder, **options):
    with app.app_context():
        report = ingest_folder(folder, "atminas", workers=1, **options)
        return report


def _only_item(app) -> Item:
    items = db.session.scalars(db.select(Item)).all()
    assert len(items) == 1
    return items[0]


def test_a_recording_becomes_an_item_with_its_transcript_and_index(app, spoken_interview, tmp_path):
    folder = interview_folder(spoken_interview, tmp_path / "in")
    master = hashlib.sha256((folder / "ozola.wav").read_bytes()).hexdigest()
    report = _ingest(app, folder, publish=True)
    assert report.ok and report.warnings == [] and report.skipped == []
    _, spans = spoken_interview
    with app.app_context():
        item = _only_item(app)
        recording = item.recordings[0]
        assert recording.kind == "audio" and recording.channels == 1
        assert recording.duration == pytest.approx(spans[-1][1], abs=0.05)
        assert [c.text for c in recording.cues] == [text for _, text in LINES]
        assert [c.speaker for c in recording.cues] == [who for who, _ in LINES]
        assert recording.cues[DEPORTATION_LINE].start == pytest.approx(spans[DEPORTATION_LINE][0], abs=0.002)
        assert [s.title for s in recording.segments] == [title for _, title, _, _ in SEGMENTS]
        assert recording.segments[1].keyword_list == ["deportācija", "Sibīrija"]
        record = item.record
        assert [v.text for v in record.get("type")] == ["Sound"]
        assert record.first("extent") == "00:00:" + f"{int(spans[-1][1]):02d}"
        assert "audio/wav" in [v.text for v in record.get("format")]
        assert item.media_files[0].sha256 == master  # the master, untouched
        assert item.interview is not None and item.interview.consent == "unknown"
        store = media_store()
        kinds = [c["mime_type"] for c in access_copies(recording)]
        assert kinds[0].startswith("audio/ogg") and "audio/mpeg" in kinds
        for copy in access_copies(recording):
            assert store.size(copy["key"]) > 1000
        with store.open(recording.peaks_key) as handle:
            peaks = json.load(handle)
        assert 0 < len(peaks) <= 800 and max(peaks) == 1.0
        with store.open(item.media_files[0].storage_key) as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == master


def test_search_finds_the_second_a_word_is_said(app, spoken_interview, tmp_path):
    _ingest(app, interview_folder(spoken_interview, tmp_path / "in"), publish=True)
    _, spans = spoken_interview
    with app.app_context():
        found = search_items("deportacija")  # typed without the long vowel
        assert found.total == 1
        # the index segment about the deportation, and the cue where the word is said
        segment, cue = found.hits[0].moments
        assert segment.start == pytest.approx(spans[SEGMENTS[1][0]][0], abs=0.002)
        assert cue.start == pytest.approx(spans[DEPORTATION_LINE][0], abs=0.002)
        assert "<mark" in str(cue.snippet_html) and found.hits[0].moment_count == 2
        sibiriju = search_items("Sibīrija")  # the stem: said as "Sibīriju", indexed as a keyword
        starts = [m.start for m in sibiriju.hits[0].moments]
        assert spans[2][0] - 0.6 < starts[0] < spans[DEPORTATION_LINE][1]


def test_a_restricted_recording_keeps_its_words_out_of_public_search(app, spoken_interview, tmp_path):
    from heritage.services.items import index_items

    _ingest(app, interview_folder(spoken_interview, tmp_path / "in"), publish=True)
    with app.app_context():
        item = _only_item(app)
        item.access_level, item.access_reason = "metadata_only", "privacy"
        db.session.commit()
        index_items([item])
        assert search_items("deportacija").total == 0
        assert search_items("ozola").total == 1  # the description stays findable


def test_bad_transcript_lines_are_named_and_the_good_cues_kept(app, spoken_interview, tmp_path):
    folder = interview_folder(spoken_interview, tmp_path / "in")
    vtt = (folder / "ozola.vtt").read_text("utf-8").splitlines()
    timing_lines = [n for n, line in enumerate(vtt) if "-->" in line]
    vtt[timing_lines[1]] = "00:61:00.000 --> 00:61:02.000"
    (folder / "ozola.vtt").write_text("\n".join(vtt) + "\n", encoding="utf-8")
    report = _ingest(app, folder)
    assert report.ok
    assert any(w.startswith(f"ozola.vtt: line {timing_lines[1] + 1}:") and "00:61:00" in w
               for w in report.warnings), report.warnings
    with app.app_context():
        assert len(_only_item(app).recordings[0].cues) == len(LINES) - 1


@pytest.mark.parametrize("name, content, expected", [
    ("tukss.wav", b"", "tukss.wav"),
    ("teksts.wav", "Šis nav ieraksts.".encode(), "teksts.wav"),
    ("pusē.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 40, "pusē.mp3"),
])
def test_a_bad_recording_is_reported_and_the_good_one_ingested(app, spoken_interview, tmp_path,
                                                                name, content, expected):
    folder = interview_folder(spoken_interview, tmp_path / "in")
    (folder / name).write_bytes(content)
    report = _ingest(app, folder)
    assert len(report.created) == 1
    assert [failed for failed, _ in report.failed] == [expected]
    why = report.failed[0][1]
    assert ("again" in why or "export" in why) and not why.startswith(expected)  # named once


def test_ingesting_again_makes_nothing_twice(app, spoken_interview, tmp_path):
    folder = interview_folder(spoken_interview, tmp_path / "in")
    _ingest(app, folder)
    again = _ingest(app, folder)
    assert again.created == [] and [name for name, _ in again.already] == ["ozola.wav"]


def test_a_video_gets_an_mp4_copy_and_a_poster(app, tmp_path):
    folder = tmp_path / "video"
    folder.mkdir()
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc=size=320x240:rate=10:duration=2", "-f", "lavfi", "-i",
                    "sine=frequency=300:duration=2", "-shortest", "-c:v", "libx264", "-c:a", "aac",
                    str(folder / "svetki.mkv")], check=True)
    report = _ingest(app, folder)
    assert report.ok, report.failed
    with app.app_context():
        item = _only_item(app)
        recording = item.recordings[0]
        assert recording.kind == "video" and (recording.width, recording.height) == (320, 240)
        assert [c["mime_type"] for c in access_copies(recording)] == ["video/mp4"]
        assert recording.poster_key and media_store().size(recording.poster_key) > 500
        assert [v.text for v in item.record.get("type")] == ["MovingImage"]


def test_interviewees_and_interviewers_become_person_authorities(app, spoken_interview, tmp_path):
    folder = interview_folder(spoken_interview, tmp_path / "in")
    (folder / "metadata.csv").write_text(
        "file,dc:title,dc:creator,dc:contributor,dc:date\n"
        "ozola.wav,Annas Ozolas atmiņas,\"Ozola, Anna\",\"Kalniņa, Līga\",2024-06-14\n",
        encoding="utf-8")
    report = _ingest(app, folder)
    assert report.ok and report.warnings == []
    with app.app_context():
        interview = _only_item(app).interview
        assert interview.names("interviewee") == ["Ozola, Anna"]
        assert interview.names("interviewer") == ["Kalniņa, Līga"]
        assert {p.name for p in db.session.scalars(db.select(Person))} == {"Ozola, Anna", "Kalniņa, Līga"}


def test_recording_suffixes_are_listed_in_the_skip_message(app, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "piezimes.docx").write_bytes(b"PK\x03\x04")
    report = _ingest(app, folder)
    assert report.skipped and ".wav" in report.skipped[0][1] and ".tif" in report.skipped[0][1]
    assert av.is_recording(folder / "x.FLAC")
