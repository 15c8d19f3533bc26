"""The search index's schema: one document per item, its text analysed the Baltic way.

Each described text field (title, creator, ...) is indexed as **stems** in the item's
languages, without positions; all of them together are indexed once more as **surface
forms** with positions in ``exact``, which answers quoted phrases, wildcards, the fuzzy
fallback and "did you mean".  Facet fields keep their values as written (one term per value),
and the date is kept as a year range and a sortable day number.
"""
from __future__ import annotations

from collections import Counter

from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, TEXT, FieldType, SchemaClass
from array import array

from whoosh.formats import Existence, Positions
from whoosh.system import _INT_SIZE, pack_uint

from .analyzers import folding_analyzer, stem_terms, words

LANGUAGE_MARK = "\x1f"
"""Separates the stemming languages from the text in a stemmed field's value: ``lv,ru\\x1f…``."""
PART_MARK = "\x1e"
"""Separates the fields joined in ``exact``; phrases never span it."""
PART_GAP = 100


class StemmedText(TEXT):
    """Text indexed as stems (term frequencies, no positions) in the languages its value names."""

    def __init__(self, field_boost: float = 1.0, stored: bool = False):
        super().__init__(analyzer=folding_analyzer(), phrase=False, stored=stored,
                         field_boost=field_boost)

    def index(self, value, **kwargs):
        languages, _, text = value.rpartition(LANGUAGE_MARK)
        counts = Counter(stem_terms(text, tuple(languages.split(",")) if languages else ("lv",)))
        boost = self.format.field_boost
        for term, freq in counts.items():
            yield term.encode("utf-8"), freq, freq * boost, pack_uint(freq)


class WordPositions(Positions):
    """Positions as a count and plain 32-bit integers, so NumPy reads a block of them at once.

    >>> f = WordPositions()
    >>> f.decode_positions(f.encode([3, 17, 250])), f.decode_frequency(f.encode([3, 17, 250]))
    ([3, 17, 250], 3)
    """

    def encode(self, poslist):
        return pack_uint(len(poslist)) + array("I", poslist).tobytes()

    def decode_positions(self, valuestring):
        return array("I", valuestring[_INT_SIZE:]).tolist()


class ExactText(TEXT):
    """Folded surface forms with positions; parts split by ``PART_MARK`` are kept apart."""

    def __init__(self):
        super().__init__(analyzer=folding_analyzer(), phrase=True, stored=False)
        self.format = WordPositions(field_boost=1.0)

    def index(self, value, **kwargs):
        positions: dict[str, list[int]] = {}
        start = 0
        for part in value.split(PART_MARK):
            found = words(part)
            for offset, word in enumerate(found, start):
                positions.setdefault(word, []).append(offset)
            start += len(found) + PART_GAP
        fmt = self.format
        boost = fmt.field_boost
        for word, places in positions.items():
            yield word.encode("utf-8"), len(places), len(places) * boost, fmt.encode(places)


class Values(FieldType):
    """Facet values as written, one term per line of the value; stored as given."""

    def __init__(self, stored: bool = True):
        self.format = Existence(field_boost=1.0)
        self.analyzer = folding_analyzer()
        self.stored = stored
        self.scorable = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value, **kwargs):
        for term in dict.fromkeys(v.strip() for v in value.split("\n")):
            if term:
                yield term.encode("utf-8"), 1, 1.0, b""


class ItemSchema(SchemaClass):
    """Fields of an item document."""

    id = ID(stored=True, unique=True)
    stamp = STORED()
    title = StemmedText(field_boost=3.0, stored=True)
    creator = StemmedText(field_boost=2.0, stored=True)
    subject = StemmedText(field_boost=2.0)
    place = StemmedText(field_boost=2.0)
    description = StemmedText(field_boost=1.5, stored=True)
    other = StemmedText()
    fulltext = StemmedText(stored=True)
    exact = ExactText()
    collection = Values()
    type = Values()
    language = Values()
    place_value = Values()
    newspaper = Values()
    branch = Values()
    decade = Values()
    status = ID(stored=True)
    access = ID(stored=True)
    year_start = NUMERIC(int, bits=32, signed=True, sortable=True)
    year_end = NUMERIC(int, bits=32, signed=True, sortable=True)
    sort_date = COLUMN(NumericColumn("i", default=0))
    sort_title = COLUMN(VarBytesColumn())
    text_length = COLUMN(NumericColumn("I", default=0))
    date = STORED()
    files = STORED()
    moments = STORED()  # a recording's cues and index segments: [[start seconds, text], ...]


TEXT_FIELDS = ("title", "creator", "subject", "place", "description", "other", "fulltext")
"""The stemmed fields a plain word is looked for in, best first."""
FACET_FIELDS = {"collection": "collection", "type": "type", "place": "place_value",
                "decade": "decade", "language": "language", "newspaper": "newspaper",
                "branch": "branch"}
"""Facet name -> index field."""
NO_START, NO_END = -9999, 9999
"""``year_start``/``year_end`` of an open end; an undated item gets the empty range (NO_END, NO_START)."""
