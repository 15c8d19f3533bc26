"""An interview's index (OHMS style): segments read from a spreadsheet or an OHMS XML export.

A segment says where a topic begins, its title, and optionally a partial transcript, a
synopsis, keywords, subjects and a GPS point. Column names may be English, Latvian or
Lithuanian, with or without diacritics; a bad row becomes a :class:`Problem` naming its line
and the other rows are still read. :mod:`heritage.ingest.transcripts` re-exports all of this.

>>> index = read_index_csv("sākums;nosaukums;atslēgvārdi\\n00:01:05;Kolhozs;darbs; zeme\\n")
>>> index.ok, index.segments[0].start, index.segments[0].title
(True, 65.0, 'Kolhozs')
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

from heritage.ingest.timing import Problem, SegmentEntry, format_timestamp, parse_timestamp

CSV_COLUMNS = ("start", "end", "title", "partial_transcript", "synopsis", "keywords",
               "subjects", "gps", "gps_text")
# Every heading a librarian might write, folded (lower case, no diacritics, "_" for spaces).
_ALIASES = {
    "start": "start", "time": "start", "sakums": "start", "pradzia": "start",
    "end": "end", "beigas": "end", "pabaiga": "end",
    "title": "title", "nosaukums": "title", "virsraksts": "title", "pavadinimas": "title",
    "partial_transcript": "partial_transcript", "transkripts": "partial_transcript",
    "synopsis": "synopsis", "kopsavilkums": "synopsis", "santrauka": "synopsis",
    "keywords": "keywords", "atslegvardi": "keywords", "raktazodziai": "keywords",
    "subjects": "subjects", "temas": "subjects", "temos": "subjects",
    "gps": "gps", "koordinatas": "gps", "koordinates": "gps",
    "gps_text": "gps_text", "gps_description": "gps_text", "vieta": "gps_text",
}
_HEADER_HELP = ("the first row must name the columns: start,end,title,partial_transcript,"
                "synopsis,keywords,subjects,gps,gps_text (Latvian sākums, nosaukums … and "
                "Lithuanian pradžia, pavadinimas … work too)")
_NUMBER = r"([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
_GPS = re.compile(rf"^\s*{_NUMBER}\s*[,;\s]\s*{_NUMBER}\s*$")


@dataclass
class SegmentIndex:
    """The segments of an index file, and what was wrong in it."""

    segments: list[SegmentEntry]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when the file had no problems."""
        return not self.problems


def fold(name: str) -> str:
    """A column heading as compared: lower case, diacritics dropped, ``_`` for spaces.

    >>> fold(" Atslēgvārdi "), fold("Partial Transcript"), fold("Raktažodžiai")
    ('atslegvardi', 'partial_transcript', 'raktazodziai')
    """
    plain = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[\s-]+", "_", plain)


def seconds(text: str) -> float:
    """Seconds from a timestamp, to the millisecond (so written and read times compare equal)."""
    return round(parse_timestamp(text.strip()), 3)


def parse_gps(text: str) -> tuple[float, float]:
    """Latitude and longitude from ``"56.9496, 24.1052"``; ValueError saying what is wrong."""
    found = _GPS.match(text)
    if not found:
        raise ValueError(f"{text!r} is not a GPS point: write latitude, longitude in degrees, "
                         "e.g. 56.9496, 24.1052")
    latitude, longitude = float(found[1]), float(found[2])
    if not -90 <= latitude <= 90:
        raise ValueError(f"latitude {found[1]} in {text!r} is outside -90…90: "
                         "write latitude first, then longitude")
    if not -180 <= longitude <= 180:
        raise ValueError(f"longitude {found[2]} in {text!r} is outside -180…180")
    return latitude, longitude


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def build_segment(values: dict[str, str], line: int) -> SegmentEntry:
    """A segment from its fields by canonical column name; ValueError saying what is wrong."""
    if not values.get("start", "").strip():
        raise ValueError("the segment has no start time (write hh:mm:ss, e.g. 00:12:05)")
    start = seconds(values["start"])
    end = seconds(values["end"]) if values.get("end", "").strip() else None
    if end is not None and end <= start:
        raise ValueError(f"the segment ends at {format_timestamp(end)}, not after its start "
                         f"({format_timestamp(start)})")
    title = values.get("title", "").strip()
    if not title:
        raise ValueError("the segment has no title: give every segment a short title")
    latitude = longitude = None
    if values.get("gps", "").strip():
        latitude, longitude = parse_gps(values["gps"])
    return SegmentEntry(
        start=start, end=end, title=title,
        partial_transcript=values.get("partial_transcript", "").strip(),
        synopsis=values.get("synopsis", "").strip(),
        keywords=_split_list(values.get("keywords", "")),
        subjects=_split_list(values.get("subjects", "")),
        latitude=latitude, longitude=longitude,
        place=values.get("gps_text", "").strip(), line=line)


def order_problems(segments: list[SegmentEntry]) -> list[Problem]:
    """A problem for every segment that starts before the one above it."""
    problems = []
    for previous, segment in zip(segments, segments[1:]):
        if segment.start < previous.start:
            problems.append(Problem(segment.line or None, (
                f"segments are not in time order: this one starts at "
                f"{format_timestamp(segment.start)}, before the previous one "
                f"({format_timestamp(previous.start)})")))
    return problems


def _delimiter(header: str) -> str:
    # Excel in Latvian and Lithuanian locales saves CSV with ";" (the decimal mark is ",").
    return max((",", ";", "\t"), key=header.count)


def _columns(header: list[str]) -> tuple[dict[int, str], list[Problem], bool]:
    """Canonical column names by position, problems, and whether start or title is missing."""
    columns, problems = {}, []
    for position, heading in enumerate(header):
        name = _ALIASES.get(fold(heading))
        if name:
            columns[position] = name
        elif heading.strip():
            problems.append(Problem(1, f"column {heading.strip()!r} is not known and was "
                                       f"ignored; known columns: {', '.join(CSV_COLUMNS)}"))
    missing = [name for name in ("start", "title") if name not in columns.values()]
    if missing:
        problems.append(Problem(1, f"the header row has no {' or '.join(missing)} column: "
                                   + _HEADER_HELP))
    return columns, problems, bool(missing)


def read_index_csv(text: str) -> SegmentIndex:
    """Segments from a CSV index (``,`` or ``;`` separated); bad rows become problems."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        return SegmentIndex([], [Problem(1, "the file is empty: " + _HEADER_HELP)])
    columns, problems, unusable = _columns(header)
    if unusable:
        return SegmentIndex([], problems)
    segments, line = [], reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            values = {name: row[i] for i, name in columns.items() if i < len(row)}
            try:
                segments.append(build_segment(values, line))
            except ValueError as exc:
                problems.append(Problem(line, f"{exc}; this row was left out"))
        line = reader.line_num + 1  # a quoted cell may span lines: count physical lines
    return SegmentIndex(segments, problems + order_problems(segments))


def write_index_csv(segments: list[SegmentEntry]) -> str:
    """The segments as a CSV with the canonical English header (times as hh:mm:ss.mmm)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in segments:
        gps = f"{s.latitude!r}, {s.longitude!r}" if s.latitude is not None \
            and s.longitude is not None else ""
        writer.writerow([format_timestamp(s.start),
                         "" if s.end is None else format_timestamp(s.end),
                         s.title, s.partial_transcript, s.synopsis, "; ".join(s.keywords),
                         "; ".join(s.subjects), gps, s.place])
    return out.getvalue()


def _child_text(element: etree._Element, tag: str) -> str:
    child = element.find(tag)
    return "" if child is None else "".join(child.itertext())


def _point_values(point: etree._Element) -> dict[str, str]:
    values = {tag: _child_text(point, tag) for tag in
              ("time", "title", "partial_transcript", "synopsis", "keywords", "subjects")}
    values["start"] = values.pop("time")
    # Newer exports nest GPS in <gpspoints> (which may repeat: the first one counts).
    holder = point.find("gpspoints")
    holder = point if holder is None else holder
    values["gps"], values["gps_text"] = _child_text(holder, "gps"), _child_text(holder, "gps_text")
    return values


def read_ohms_xml(data: bytes) -> SegmentIndex:
    """Segments from an OHMS XML export (``<ROOT><record>…<index><point>``)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return SegmentIndex([], [Problem(exc.lineno or None, (
            f"the XML is malformed ({exc.msg}); export the index from OHMS again "
            "or mend the file at that line"))])
    index = root.find(".//index")
    if index is None:
        return SegmentIndex([], [Problem(None, (
            "the XML has no <index> element: export the interview from OHMS with its index"))])
    segments, problems = [], []
    for point in index.iter("point"):
        try:
            segments.append(build_segment(_point_values(point), point.sourceline or 0))
        except ValueError as exc:
            problems.append(Problem(point.sourceline, f"{exc}; this point was left out"))
    return SegmentIndex(segments, problems + order_problems(segments))
