"""The item page's player, served: sources, captions, the interview's own search, its index,
transcript and downloads, and a closed recording that gives nothing away."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html

from heritage.extensions import db
from heritage.models import Item
from heritage.services.ingest import ingest_folder
from heritage.services.items import index_items
from tests.recordings import (DEPORTATION_LINE, LINES, SEGMENTS, interview_folder,
                              needs_av, spoken_interview)  # noqa: F401
from tests.web.test_html_quality import needs_vnu, nu_html_problems

pytestmark = needs_av


@pytest.fixture(autouse=True)
def english(client):
    """The interface in English, so the tests read the msgids whatever is translated."""
    assert client.get("/language/en").status_code == 302


@pytest.fixture
def interview(app, spoken_interview, tmp_path):  # noqa: F811
    """The spoken interview ingested into a published collection: (item, recording, spans)."""
    folder = interview_folder(spoken_interview, tmp_path / "ozola")
    report = ingest_folder(folder, "atminas", publish=True, workers=1)
    assert report.ok and report.created, (report.failed, report.skipped, report.warnings)
    item = db.session.scalar(db.select(Item))
    return item, item.recordings[0], spoken_interview[1]


def C(name: str) -> str:
    """An XPath test: the element has the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _tree(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.get_data(as_text=True))


def _t(href: str) -> float:
    return float(parse_qs(urlsplit(href).query)["t"][0])


def test_the_page_has_the_player_with_its_sources_and_captions(client, interview):
    item, recording, _ = interview
    page = _tree(client, f"/items/{item.id}")
    audio = page.xpath(f"//section[{C('recording')}]//audio[@controls]")
    assert len(audio) == 1 and audio[0].get("preload") == "metadata"
    sources = audio[0].xpath(".//source")
    assert sources and all(s.get("type").startswith("audio/") for s in sources)
    assert sources[0].get("src").endswith(f"/recordings/{recording.id}/play/0")
    track = audio[0].xpath(".//track")[0]
    assert (track.get("kind"), track.get("srclang")) == ("captions", "lv")
    assert track.get("default") is not None
    assert audio[0].xpath(".//a[@download]"), "a download link for browsers that cannot play"
    assert page.xpath("//*[@data-player]")[0].get("data-start") is None


def test_the_captions_track_serves_webvtt_with_the_words(client, interview):
    item, _, _ = interview
    track = _tree(client, f"/items/{item.id}").xpath("//track")[0].get("src")
    response = client.get(track)
    assert response.status_code == 200
    assert response.mimetype == "text/vtt"
    text = response.get_data(as_text=True)
    assert text.startswith("WEBVTT")
    assert LINES[DEPORTATION_LINE][1] in text


def test_the_access_copies_stream_by_range_and_the_peaks_are_a_list(client, interview):
    item, _, _ = interview
    page = _tree(client, f"/items/{item.id}")
    for source in page.xpath("//source"):
        response = client.get(source.get("src"), headers={"Range": "bytes=0-99"})
        assert response.status_code == 206, source.get("src")
        assert response.headers["Content-Range"].startswith("bytes 0-99/")
        assert len(response.data) == 100
    peaks = client.get(page.xpath("//*[@data-player]")[0].get("data-peaks")).get_json()
    assert isinstance(peaks, list) and peaks and all(0 <= p <= 1 for p in peaks)


def test_the_transcript_lists_every_cue_with_its_time_and_speaker_changes(client, interview):
    item, _, spans = interview
    cues = _tree(client, f"/items/{item.id}").xpath(f"//ol[{C('transcript')}]/li")
    assert [c.xpath(f".//*[{C('cue-text')}]")[0].text_content() for c in cues] == [t for _, t in LINES]
    assert [float(c.get("data-start")) for c in cues] == pytest.approx([a for a, _ in spans], abs=0.002)
    # the speaker is named only where it changes (lines 4 and 5 are both Anna Ozola's)
    speakers = [(c.xpath(f".//*[{C('speaker')}]") or [None])[0] for c in cues]
    assert [s.text_content() if s is not None else None for s in speakers] == [
        "Līga Kalniņa:", "Anna Ozola:", "Līga Kalniņa:", "Anna Ozola:", None]
    assert all(_t(c.xpath(".//a[@data-seek]")[0].get("href")) <= float(c.get("data-start")) for c in cues)


def test_the_index_lists_segments_with_jump_links(client, interview):
    item, _, spans = interview
    segments = _tree(client, f"/items/{item.id}").xpath(f"//ol[{C('segments')}]/li")
    assert [s.xpath(f".//*[{C('segment-title')}]")[0].text_content() for s in segments] == [
        title for _, title, _, _ in SEGMENTS]
    for segment, (first, _, synopsis, _) in zip(segments, SEGMENTS):
        assert _t(segment.xpath(".//a[@data-seek]")[0].get("href")) == pytest.approx(spans[first][0], abs=0.1)
        assert synopsis in segment.text_content()
    assert "Sibīrija" in segments[1].xpath(".//details")[0].text_content()


def test_the_interview_search_lists_the_moment_without_diacritics(client, interview):
    item, _, spans = interview
    page = _tree(client, f"/items/{item.id}?q=izsutija")
    form = page.xpath(f"//section[{C('interview-search')}]//form")[0]
    assert urlsplit(form.get("action")).path == f"/items/{item.id}"
    box = form.xpath(".//input[@type='search'][@name='q']")[0]
    assert box.get("value") == "izsutija" and page.xpath(f"//label[@for='{box.get('id')}']")
    moments = page.xpath(f"//section[{C('interview-search')}]//ul[{C('moments')}]//a")
    cue_start = spans[DEPORTATION_LINE][0]
    times = [_t(a.get("href")) for a in moments]
    assert any(cue_start - 0.1 < t <= cue_start for t in times), (times, cue_start)
    said = [a for a in moments if "izsūtīja" in a.text_content()][0]
    assert said.xpath(".//mark")[0].text_content() == "izsūtīja"
    assert parse_qs(urlsplit(said.get("href")).query)["q"] == ["izsutija"]
    assert float(said.get("data-seek")) == pytest.approx(cue_start, abs=0.002)
    assert page.xpath(f"//ol[{C('transcript')}]/li[{C('hit-cue')}]//mark")
    # the index segment about the deportation is marked in words, not colour alone
    hit = page.xpath(f"//ol[{C('segments')}]/li[{C('hit-segment')}]")
    assert hit and "contains your search" in hit[0].text_content()


def test_a_word_not_said_gets_a_clear_note(client, interview):
    item, _, _ = interview
    page = _tree(client, f"/items/{item.id}?q=nekas")
    assert not page.xpath(f"//section[{C('interview-search')}]//ul[{C('moments')}]")
    assert "is not said in this interview" in page.xpath(f"//*[{C('not-said')}]")[0].text_content()


def test_a_page_opened_at_t_starts_the_player_there(client, interview):
    item, _, spans = interview
    start = spans[DEPORTATION_LINE][0]
    page = _tree(client, f"/items/{item.id}?t={start:.1f}&q=izsutija")
    assert float(page.xpath("//*[@data-player]")[0].get("data-start")) == pytest.approx(start, abs=0.1)
    first = page.xpath("//source")[0].get("src")
    assert first.split("#t=")[1] == page.xpath("//*[@data-player]")[0].get("data-start")
    assert "#t=" not in page.xpath("//source")[-1].get("src")


def test_the_downloads_give_each_format(client, interview):
    item, _, _ = interview
    links = _tree(client, f"/items/{item.id}").xpath(f"//section[{C('recording-downloads')}]//a")
    answers = {a.get("href").rsplit("/", 1)[1]: client.get(a.get("href")) for a in links}
    assert sorted(answers) == ["index.csv", "transcript.srt", "transcript.txt", "transcript.vtt"]
    assert all(r.status_code == 200 for r in answers.values())
    assert "Izsūtīšana" in answers["index.csv"].get_data(as_text=True)
    assert "-->" in answers["transcript.srt"].get_data(as_text=True)


def test_the_main_search_links_to_the_moment(client, interview):
    item, _, spans = interview
    found = client.get("/api/search?q=deportacija").get_json()
    hit = [h for h in found["hits"] if h["id"] == item.id][0]
    # the cue that says it, and the index segment whose keyword it is
    starts = [m["start"] for m in hit["moments"]]
    assert any(abs(s - spans[DEPORTATION_LINE][0]) < 0.01 for s in starts), starts
    assert any(abs(s - spans[SEGMENTS[1][0]][0]) < 0.01 for s in starts), starts
    page = html.fromstring(client.get("/search?q=deportacija").get_data(as_text=True))
    links = [a.get("href") for a in page.xpath("//a") if f"/items/{item.id}?" in (a.get("href") or "")
             and "t=" in a.get("href")]
    if links:  # the results page shows moments once the search page lists them
        assert any(spans[DEPORTATION_LINE][0] - 0.1 < _t(h) <= spans[DEPORTATION_LINE][0] for h in links)


@pytest.mark.parametrize("level, status", [("metadata_only", 403), ("staff", 404)])
def test_a_closed_recording_gives_no_sound_and_no_words(client, interview, level, status):
    item, recording, _ = interview
    urls = [f"/items/{item.id}/recordings/{recording.id}/{tail}"
            for tail in ("play/0", "transcript.vtt", "peaks.json", "index.csv")]
    item.access_level, item.access_reason = level, "privacy"
    db.session.commit()
    index_items([item])
    for url in urls:
        assert client.get(url).status_code == status, url
    page = client.get(f"/items/{item.id}?q=izsutija")
    if level == "staff":
        assert page.status_code == 404
        return
    text = page.get_data(as_text=True)
    assert "<audio" not in text and "<track" not in text
    assert "izsūtīja" not in text and LINES[0][1] not in text
    tree = html.fromstring(text)
    assert tree.xpath(f"//*[{C('recording-closed')}]") and not tree.xpath(f"//ol[{C('transcript')}] | //ul[{C('moments')}]")


@needs_vnu
def test_the_item_page_with_a_recording_is_valid_html(client, interview, tmp_path):
    item, _, spans = interview
    from tests.web.test_html_quality import REPO

    pages = {name: client.get(url).get_data(as_text=True) for name, url in {
        "plain": f"/items/{item.id}", "query": f"/items/{item.id}?q=izsutija&t={spans[3][0]:.1f}",
        "missing": f"/items/{item.id}?q=nekas"}.items()}
    assert nu_html_problems(pages, tmp_path, (REPO / "heritage" / "static" / "player.css",)) == []


def test_interview_facts_and_a_video_player(client, app):
    from heritage.models import Interview, InterviewPerson, Person
    from tests.recordings import make_recording_item

    item = make_recording_item(title="Video stāsts")
    item.recordings[0].kind = "video"
    interview = Interview(item=item, dialect="augšzemnieku")
    for position, (role, name) in enumerate([("interviewee", "Ozola, Anna"),
                                             ("interviewer", "Kalniņa, Līga")]):
        interview.people.append(InterviewPerson(person=Person(name=name), role=role, position=position))
    db.session.add(interview)
    db.session.commit()
    page = _tree(client, f"/items/{item.id}")
    section = page.xpath(f"//section[{C('recording')}]")[0]
    assert "Video recording" in section.xpath(".//h2")[0].text_content()
    video = section.xpath(".//video[@controls]")
    assert video and video[0].get("poster") is None and not section.xpath(".//audio")
    facts = [" ".join(e.text_content().split()) for e in section.xpath(f".//dl[{C('interview-facts')}]/*")]
    assert facts == ["Interviewee", "Ozola, Anna", "Interviewer", "Kalniņa, Līga", "Dialect", "augšzemnieku"]
