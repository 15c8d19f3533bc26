"""Interview transcripts and indexes: every reader, the problems they name, round trips."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from heritage.ingest.timing import CueEntry, SegmentEntry
from heritage.ingest.transcripts import (cues_as_text, read_index, read_index_csv,
                                         read_ohms_xml, read_plain, read_srt, read_transcript,
                                         read_webvtt, validate_cues, write_index_csv, write_srt,
                                         write_webvtt)

DATA = Path(__file__).parent / "data" / "transcripts"


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def cue(start, end, text="Labdien.", speaker="", line=0):
    return CueEntry(start=start, end=end, text=text, speaker=speaker, line=line)


# --- happy paths ------------------------------------------------------------------------------

def test_webvtt_voices_markup_entities_and_skipped_blocks():
    found = read_transcript("interview.vtt", data("interview.vtt"), duration=30)
    assert found.ok, found.problems
    assert [(c.start, c.end, c.speaker, c.line) for c in found.cues] == [
        (0.0, 6.5, "Intervētājs", 11), (6.5, 15.25, "Anna Ozola", 14),
        (15.25, 21.0, "Anna Ozola", 19), (20.0, 24.0, "Intervētājs", 22)]
    assert found.cues[0].text == "Pastāstiet, lūdzu, par savu bērnību."
    assert found.cues[1].text == ("Es piedzimu 1938. gadā, Vecpils pagastā.\n"
                                  "Skolā gāju Kalnmuižā, <tā bija maza> skola.")
    assert found.cues[2].text == "Tēvs & māte strādāja kolhozā\xa0„Uzvara”."


def test_srt_numbers_optional_tags_dropped_and_name_prefix_kept():
    found = read_transcript("interview.srt", data("interview.srt"))
    assert found.ok, found.problems
    assert [(c.start, c.end, c.line) for c in found.cues] == [
        (0.0, 5.0, 2), (5.0, 11.5, 6), (11.5, 16.0, 10)]
    assert found.cues[0].text == "Pokalbis apie 1949 metų trėmimą."
    assert found.cues[1].text == "Ona: Mus išvežė kovo 25 dieną,\nanksti ryte."
    assert found.cues[1].speaker == ""
    assert found.cues[2].text == "Traukinys važiavo į Sibirą tris savaites."


def test_plain_timestamps_labels_and_untimed_paragraphs():
    found = read_transcript("interview.txt", data("interview.txt"), duration=120)
    assert found.ok, found.problems
    assert [(c.start, c.end, c.speaker, c.line) for c in found.cues] == [
        (0.0, 4.0, "Intervētājs", 1), (4.0, 4.0, "Anna Ozola", 3), (4.0, 70.0, "", 6),
        (70.0, 90.0, "VĀRDS", 8), (90.0, 120.0, "", 10)]
    assert found.cues[1].text == "Tā bija Kalnmuižas pamatskola.\nSkolotāja bija ļoti stingra."
    assert found.cues[4].text == "Pēc skolas visi gājām strādāt kolhozā."


def test_plain_without_any_timestamp_is_an_unsynced_transcript_without_problems():
    found = read_transcript("untimed.txt", data("untimed.txt"))
    assert found.ok, found.problems
    assert [(c.start, c.end, c.speaker) for c in found.cues] == [
        (0, 0, ""), (0, 0, "Kalbėtoja"), (0, 0, "")]
    # "Tas bija tā:" is a sentence, not a speaker: its words are not capitalised.
    assert found.cues[2].text == "Tas bija tā: mēs gājām kājām."


@pytest.mark.parametrize("encoded", [
    b"\xef\xbb\xbfWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nSkola\r\n",
    "WEBVTT\n\n00:01.000 --> 00:02.000\nSkola\n".encode("utf-16"),
])
def test_a_bom_and_utf16_and_windows_line_ends_are_read(encoded):
    found = read_transcript("skola.vtt", encoded)
    assert found.ok, found.problems
    assert [(c.start, c.text, c.line) for c in found.cues] == [(1.0, "Skola", 3)]


def test_csv_index_with_english_headings_quoted_lines_and_empty_end():
    found = read_index("index.csv", data("index.csv"))
    assert found.ok, found.problems
    first, second = found.segments
    assert (first.start, first.end, first.title, first.line) == (0.0, 70.0, "Bērnība un skola", 2)
    assert first.partial_transcript == "Es piedzimu 1938. gadā,\nVecpils pagastā."
    assert first.keywords == ["bērnība", "skola"] and first.subjects == ["Izglītība"]
    assert (first.latitude, first.longitude, first.place) == (56.9496, 24.1052,
                                                             "Kalnmuižas pamatskola")
    assert (second.start, second.end, second.title, second.line) == (70.0, None,
                                                                   'Kolhozs "Uzvara"', 4)
    assert second.keywords == ["kolhozs", "darbs"]
    assert second.subjects == ["Lauksaimniecība", "Padomju okupācija"]
    assert second.latitude is None


def test_csv_index_lithuanian_headings_with_semicolons():
    found = read_index("indeksas.csv", data("indeksas.csv"))
    assert found.ok, found.problems
    first, second = found.segments
    assert (first.start, first.end, first.title) == (0.0, 45.0, "Trėmimas 1949")
    assert first.synopsis == "Šeima išvežta kovo 25 d."
    assert first.keywords == ["trėmimas", "Sibiras"] and first.subjects == ["Represijos"]
    assert (first.latitude, first.longitude) == (54.6872, 25.2797)
    assert first.place == "Vilniaus geležinkelio stotis"
    assert (second.start, second.end, second.title) == (45.0, None, "Gyvenimas Sibire")


def test_ohms_xml_points_with_nested_and_direct_gps():
    found = read_index("ohms.xml", data("ohms.xml"))
    assert found.ok, found.problems
    first, second = found.segments
    assert (first.start, first.title, first.line) == (0.0, "Bērnība Vecpilī", 6)
    assert first.keywords == ["bērnība", "skola", "Vecpils"]
    assert (first.latitude, first.longitude, first.place) == (56.9496, 24.1052,
                                                             "Kalnmuižas skola")
    assert (second.start, second.title, second.end) == (185.5, "Izsūtīšana 1949. gadā", None)
    assert second.synopsis == "Kaimiņus izveda 25. martā." and second.latitude is None


def test_ohms_older_direct_gps_and_no_external_entities():
    xml = ('<?xml version="1.0"?>\n<!DOCTYPE ROOT [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           "<ROOT><record><index><point><time>12</time><title>Skola &x;</title>"
           "<gps>56.1, 24.2</gps><gps_text>Vecpils</gps_text></point></index></record></ROOT>")
    found = read_ohms_xml(xml.encode())
    assert found.ok, found.problems
    (point,) = found.segments
    assert (point.start, point.latitude, point.longitude, point.place) == (12, 56.1, 24.2,
                                                                          "Vecpils")
    assert "root:" not in point.title


# --- bad transcripts --------------------------------------------------------------------------

VTT = "WEBVTT\n\n"


@pytest.mark.parametrize("name, text, duration, line, message, kept", [
    ("bez.vtt", "00:01.000 --> 00:02.000\nLabdien.\n", None, 1,
     "does not start with the line 'WEBVTT'", 1),
    ("laiks.vtt", VTT + "00:00:01.000 --> 00:61:00.000\nKolhozs.\n\n"
     "00:01:02.000 --> 00:01:03.000\nSkola.\n", None, 3,
     "'00:61:00.000' is not a time: minutes and seconds go up to 59", 1),
    ("laiks.srt", "1\n1:2:3:4 --> 00:00:02,000\nMokykla.\n\n2\n00:00:03,000 --> 00:00:04,000\n"
     "Kolūkis.\n", None, 2, "'1:2:3:4' is not a time", 1),
    ("laiks.txt", "[00:00:01] Skola.\n\n[00:61:00] Kolhozs.\n", None, 3,
     "'00:61:00' is not a time", 1),
    ("beigas.vtt", VTT + "00:00:05.000 --> 00:00:02.000\nKolhozs.\n", None, 3,
     "the cue ends at 00:00:02.000, not after it starts (00:00:05.000)", 1),
    ("secība.vtt", VTT + "00:01:10.000 --> 00:01:20.000\nA.\n\n00:01:05.000 --> 00:01:08.000\n"
     "B.\n", None, 6, "cues are not in time order: this cue starts at 00:01:05.000, before the "
     "previous one (00:01:10.000)", 2),
    ("pārklājas.vtt", VTT + "00:00:01.000 --> 00:00:05.000\n<v Anna>A.\n\n"
     "00:00:04.000 --> 00:00:08.000\n<v Anna>B.\n", None, 6,
     "starts at 00:00:04.000, before the previous one ends (00:00:05.000)", 2),
    ("bez_runātāja.srt", "1\n00:00:01,000 --> 00:00:05,000\nA.\n\n2\n00:00:04,000 --> "
     "00:00:08,000\nB.\n", None, 6, "before the previous one ends (00:00:05.000)", 2),
    ("garš.vtt", VTT + "00:00:01.000 --> 00:00:05.000\nA.\n\n00:01:30.000 --> 00:01:35.000\n"
     "B.\n", 60, 6, "starts at 00:01:30.000, after the end of the recording (00:01:00.000)", 2),
    ("tukšs.vtt", VTT + "00:00:01.000 --> 00:00:05.000\n<v Anna>\n", None, 3,
     "the cue has no text", 1),
    ("bloks.srt", "1\n00:00:01,000 --> 00:00:05,000\nA.\n\nB bez laika.\n", None, 5,
     "no timing line", 1),
])
def test_bad_transcripts_name_the_line(name, text, duration, line, message, kept):
    found = read_transcript(name, text.encode(), duration)
    assert any(p.line == line and message in p.message for p in found.problems), found.problems
    assert len(found.cues) == kept


def test_overlapping_cues_of_different_speakers_are_allowed():
    cues = [cue(1, 5, speaker="Anna Ozola"), cue(4, 8, speaker="Intervētājs")]
    assert validate_cues(cues) == []
    unknown = validate_cues([cue(1, 5, speaker="Anna"), cue(4, 8, line=9)])
    assert [p.line for p in unknown] == [9]  # one voice unnamed: it may be the same person
    same = validate_cues([cue(1, 5, speaker="Anna"), cue(4, 8, speaker="Anna", line=9)])
    assert [p.line for p in same] == [9]


@pytest.mark.parametrize("name, raw, message", [
    ("cp1257.txt", data("cp1257.txt"), "cp1257.txt is not UTF-8 text: save it as UTF-8"),
    ("intervija.docx", b"PK\x03\x04", "'.docx' cannot be read here; accepted are .vtt, .srt, .txt"),
    ("intervija", b"Labdien", "'(no suffix)'"),
])
def test_files_that_cannot_be_read_say_why(name, raw, message):
    found = read_transcript(name, raw)
    assert not found.cues
    assert [p.line for p in found.problems] == [None]
    assert message in found.problems[0].message


# --- bad indexes ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, line, message, kept", [
    ("a.csv", "start,synopsis\n00:00,Skola\n", 1, "the header row has no title column", 0),
    ("a.csv", "nosaukums\nSkola\n", 1, "no start column", 0),
    ("a.csv", "start,title\n00:00,Skola\n00:61:00,Kolhozs\n00:02:00,Karš\n", 3,
     "'00:61:00' is not a time", 2),
    ("a.csv", 'start,title,synopsis\n00:00,Skola,"viens\ndivi"\nvakar,Kolhozs,\n', 4,
     "'vakar' is not a time", 1),
    ("a.csv", "start,title,gps\n00:00,Skola,56.9496 N\n", 2, "'56.9496 N' is not a GPS point", 0),
    ("a.csv", 'start,title,gps\n00:00,Skola,"95.1, 24.1"\n', 2, "latitude 95.1", 0),
    ("a.csv", 'start,title,gps\n00:00,Skola,"56.9, 190"\n', 2, "longitude 190", 0),
    ("a.csv", "start,title\n00:05:00,Skola\n00:01:00,Kolhozs\n", 3,
     "segments are not in time order: this one starts at 00:01:00.000", 2),
    ("a.csv", "start,title\n00:05:00,\n", 2, "no title", 0),
    ("a.csv", "start,end,title\n00:05:00,00:04:00,Skola\n", 2, "not after its start", 0),
    ("a.csv", "start,title,piezīmes\n00:05:00,Skola,x\n", 1, "column 'piezīmes' is not known", 1),
    ("a.xml", "<ROOT>\n<record>\n<index>\n<point><time>0</time></pont>\n", 4, "malformed", 0),
    ("a.xml", "<ROOT><record><title>Skola</title></record></ROOT>", None, "no <index>", 0),
    ("a.xml", "<ROOT><record><index>\n<point><time>0</time><title>A</title></point>\n"
     "<point><time>x</time><title>B</title></point></index></record></ROOT>", 3,
     "'x' is not a time", 1),
    ("a.xlsx", "PK", None, "'.xlsx' cannot be read here; accepted are .csv, .xml", 0),
])
def test_bad_indexes_name_the_line(name, text, line, message, kept):
    found = read_index(name, text.encode())
    assert any(p.line == line and message in p.message for p in found.problems), found.problems
    assert len(found.segments) == kept


def test_an_index_not_in_utf8_says_so():
    found = read_index("indekss.csv", "sākums,nosaukums\n0:00,Ģimene\n".encode("cp1257"))
    assert [str(p) for p in found.problems] == [
        "indekss.csv is not UTF-8 text: save it as UTF-8 (in Notepad: Save as → Encoding UTF-8) "
        "and import it again"]


def test_ohms_xml_may_declare_another_encoding_but_not_hide_one():
    point = "<ROOT><record><index><point><time>3</time><title>Ģimene</title></point></index>" \
            "</record></ROOT>"
    declared = read_index("a.xml", ('<?xml version="1.0" encoding="windows-1257"?>\n'
                                    + point).encode("cp1257"))
    assert declared.ok and declared.segments[0].title == "Ģimene"
    hidden = read_index("a.xml", point.encode("cp1257"))
    assert not hidden.segments and "a.xml is not UTF-8 text" in hidden.problems[0].message


# --- round trips ------------------------------------------------------------------------------

LETTERS = "aāčēģīķļņšūžąęėįųAĀČŠŽĖbkmrst"
TEXT_CHARS = LETTERS + " &<>.,!?-\"'0123456789;"
times = st.integers(0, 36_000_000).map(lambda ms: ms / 1000)


def lines_of(chars: str, min_lines: int = 0):
    line = st.text(chars, min_size=1, max_size=15).map(str.strip).filter(bool)
    return st.lists(line, min_size=min_lines, max_size=3).map("\n".join)


def names():
    word = st.text(LETTERS, min_size=1, max_size=8).map(str.capitalize)
    return st.lists(word, min_size=1, max_size=3).map(" ".join)


def cues_of(text, speaker):
    one = st.builds(lambda s, d, t, v: cue(s, round(s + d, 3), t, v), times, times, text, speaker)
    return st.lists(one, max_size=5)


def unlined(items):
    return [replace(item, line=0) for item in items]


@settings(max_examples=60, deadline=None)
@given(cues_of(lines_of(TEXT_CHARS), st.just("") | names().map(lambda n: n + " & Co")))
@example([cue(0, 1.5, "R&D &amp; &lt;b&gt; <i>x</i> -->\nšķūnis", "Anna & Jonas")])
def test_webvtt_round_trip(cues):
    found = read_webvtt(write_webvtt(cues))
    assert found.ok and unlined(found.cues) == cues


@settings(max_examples=60, deadline=None)
@given(cues_of(lines_of(TEXT_CHARS.replace(">", "")), st.just("")))
def test_srt_round_trip(cues):
    found = read_srt(write_srt(cues))
    assert found.ok and unlined(found.cues) == cues


@settings(max_examples=60, deadline=None)
@given(cues_of(lines_of(TEXT_CHARS, 1), st.just("") | names()))
def test_plain_text_keeps_starts_to_the_second_and_speakers(cues):
    found = read_plain(cues_as_text(cues))
    assert found.ok
    assert [(c.start, c.speaker, c.text) for c in found.cues] == [
        (float(int(c.start)), c.speaker, c.text) for c in cues]


text_field = st.text(TEXT_CHARS.replace(";", "") + "\n,", max_size=20).map(str.strip)
keywords = st.lists(st.text(LETTERS + " ,", min_size=1, max_size=10).map(str.strip).filter(bool),
                    max_size=3)
gps = st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180))


@st.composite
def segments(draw):
    starts = sorted(draw(st.lists(times, max_size=4)))
    found = []
    for start in starts:
        length = draw(st.none() | st.integers(1, 99_999).map(lambda ms: ms / 1000))
        point = draw(gps)
        found.append(SegmentEntry(
            start=start, end=None if length is None else round(start + length, 3),
            title=draw(text_field.filter(bool)), partial_transcript=draw(text_field),
            synopsis=draw(text_field), keywords=draw(keywords), subjects=draw(keywords),
            latitude=point and point[0], longitude=point and point[1], place=draw(text_field)))
    return found


@settings(max_examples=60, deadline=None)
@given(segments())
def test_index_csv_round_trip(items):
    found = read_index_csv(write_index_csv(items))
    assert found.ok, found.problems
    assert unlined(found.segments) == items
