#!/usr/bin/env python3
"""Search benchmark: heritage's index against raw Whoosh and SQLite FTS5, measured in one run.

What it measures
----------------
N newspaper clippings are generated as heritage search documents (the dicts of
``heritage.services.items.search_document``): a title of 5–8 words, a body of ~300 words
made of real Latvian sentences sampled with a seeded ``random.Random``, a creator, 1–3
subjects, one or two places, a date between 1920 and 2024 (EDTF ``YYYY-MM-DD``), a
language (90% ``lv``, 5% ``lv,ru``, 5% ``lt``), one of 8 collections and 6 newspapers,
status ``published`` and access ``public`` (5% ``reading_room``, 2% ``staff``). The
sentences come from ``../shared/corpus/*.txt`` beside the repository when that folder
exists (real Latvian library reports, read at run time and never copied into the
repository), else from the invented texts of ``heritage.demo.texts``. Documents are
generated on the fly for each engine, never held in memory all at once.

Three engines index the same documents:

* the baseline: raw Whoosh in one process, schema ``id`` / ``title`` / ``body`` with
  Whoosh's ``StandardAnalyzer``, where ``body`` is the text heritage indexes (title,
  creator, subjects, places, description, other, full text) joined; one ``ix.writer()``,
  an ``add_document`` loop and one commit;
* heritage: ``heritage.search.index.build_index(folder, documents, procs=P)``, then
  ``open_index`` and ``heritage.search.query.search(ix, q, page_size=20, facets=FACETS)``;
  snippets are always made for the hits of the page;
* the yardstick: SQLite FTS5 ``fts5(title, body, tokenize="unicode61 remove_diacritics 2")``
  filled in one transaction (plus an ordinary table of the facet values, and ``optimize``);
  a query is ``MATCH`` ordered by ``bm25()`` (title weighted 3, as heritage boosts it),
  ``LIMIT 20`` with ``snippet()``, plus the total and the counts of all six facets by
  ``GROUP BY`` over the matched rows, so both sides do comparable work.

The query set cycles through ten kinds, built from the corpus vocabulary: a common word;
two words of one sentence ANDed (half of them typed without diacritics); a quoted
two-word phrase; ``a OR b``; ``a NOT b``; a prefix ``skol*``; ``place:Name word``; a year
range ``1935..1940 word``; a word with a collection filter; a word with one letter changed
(heritage's fuzzy fallback, which FTS5 does not have: there it is searched as typed).
Each is translated to FTS5 syntax (a year range or a filter becomes a ``WHERE``; FTS5 has
no place column, so ``place:X`` becomes the term X). Five warm-up queries go first; then
each query runs on heritage and FTS5 in turn, alternating which goes first.

How to read it
--------------
The machines are shared and noisy: read the *ratios* to the baselines built and queried a
moment earlier in the same run. Latencies are wall times of one call (heritage: the whole
``search()``; FTS5: its three statements), in ms. "hits" is the mean total found per
query: heritage matches inflections and FTS5 only the typed form, so heritage finds more.
Sizes are the files on disk after the build (for FTS5 the whole database, facet tables
included). Peak RSS is this process and its children, summed, during each phase.

Targets, printed beside the figures with PASS/FAIL:

* query latency p95 ≤ 50 ms with facets and snippets, at 100,000 clippings;
* index build ≥ 3 × raw single-process Whoosh in documents/s, on 2 cores.

The figures are information, not assertions: the script exits 0 whatever they are, 1 if
heritage raised while building or searching, 2 if heritage's search API is missing.

Usage::

    .venv/bin/python scripts/bench_search.py [--docs 100000] [--queries 200] [--seed S]
                                             [--procs P] [--skip-raw] [--keep DIR]

The full run (100,000 clippings) takes about ten minutes on 2 cores; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import inspect
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import traceback
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run from a checkout without installing: heritage is importable
    sys.path.insert(0, str(REPO))

try:
    import psutil
except ImportError:  # peak RSS is optional
    psutil = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchtext  # noqa: E402  (beside this script)
from benchtext import CORPUS  # noqa: E402
PAGE_SIZE = 20
WARMUP = 5
WORDS_MIN, WORDS_MAX = 270, 330
PROGRESS_EVERY = 10_000

TARGET_P95_MS = 50.0
TARGET_BUILD_RATIO = 3.0
TARGET_DOCS = 100_000
TARGET_CORES = 2

# Invented people; the surnames and first names are common Latvian ones.
CREATORS = [
    "Bērziņš, Jānis", "Kalniņa, Anna", "Ozoliņš, Pēteris", "Liepiņa, Marta", "Zariņš, Kārlis",
    "Krūmiņa, Elza", "Vītols, Jēkabs", "Eglīte, Zelma", "Kļaviņš, Ernests", "Siliņa, Milda",
    "Jansons, Andrejs", "Pētersone, Ilze", "Ābele, Lūcija", "Lācis, Gunārs", "Dūmiņa, Velta",
    "Šmits, Voldemārs", "Ķēniņa, Austra", "Gailītis, Oskars", "Rozīte, Ņina", "Strods, Aļģirds",
    "Čakste, Ausma", "Puriņš, Edgars", "Vanaga, Rūta", "Leimanis, Jāzeps", "Žagare, Skaidrīte",
    "Pauniņš, Staņislavs", "Brokāne, Genovefa", "Ločmelis, Valentīns", "Ūdre, Dzintra",
    "Mālkalns, Ģirts",
]
# Real parishes and villages of Latgale and Vidzeme, and the demo's invented ones.
PLACES = [
    "Krāslava", "Ezerkalne", "Rēzekne", "Vecpils", "Zīlēni", "Dzērves", "Mežvidi", "Ūdriņi",
    "Robežnieki", "Viļāni", "Līvāni", "Rožupe", "Pilcene", "Strūžāni", "Kaunata", "Dricāni",
    "Malta", "Nautrēni", "Lūznava", "Ozolaine", "Silmala", "Sakstagals", "Čornaja", "Gaigalava",
    "Ilzeskalns", "Kantinieki", "Lendži", "Mākoņkalns", "Ozolmuiža", "Rikava", "Stoļerova",
    "Feimaņi", "Griškāni", "Vērēmi", "Bērzgale", "Audriņi", "Nagļi", "Dekšāres", "Sokolki",
    "Ūdrupe",
]
SUBJECTS = [
    "Skolas", "Bibliotēkas", "Piensaimniecība", "Kooperācija", "Kordziedāšana", "Svētki",
    "Baznīcas", "Dzirnavas", "Deportācijas", "Kolhozi", "Sports", "Ceļi", "Amatnieki",
    "Ugunsdzēsēji", "Novadpētniecība", "Teātris", "Zvejniecība", "Mežsaimniecība",
    "Pasta sakari", "Veselības aprūpe", "Jaunatne", "Zemnieku saimniecības", "Pieminekļi",
    "Tautas nams", "Politiskās represijas", "Lauksaimniecība", "Izglītība", "Mūzika",
    "Dzejnieki", "Kapsētas",
]
COLLECTIONS = [
    "ezermalas-vestis", "padomju-ezermala", "skolu-vesture", "baznicas-un-draudzes",
    "kolhozu-laiki", "deportacijas", "koris-atbalss", "novadpetnieciba",
]
NEWSPAPERS = [
    "Ezermalas Vēstis", "Padomju Ezermala", "Dziļezera Balss", "Ūdrupes Ziņas",
    "Latgales Novada Avīze", "Ežerėlių aidas",
]
BRANCHES = ["Ezerkalnes bibliotēka", "Zīlēnu bibliotēka", "Ūdriņu bibliotēka",
            "Rožupes bibliotēka", "Pilcenes bibliotēka"]


# --------------------------------------------------------------------------------------------
# Text source
# --------------------------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _prose(sentence: str) -> bool:
    """Whether a sentence is prose worth indexing: enough words, mostly letters, no URLs."""
    words = sentence.split()
    if not 5 <= len(words) <= 60 or any(bad in sentence.lower() for bad in ("http", "www", "@")):
        return False
    letters = sum(c.isalpha() for c in sentence)
    return letters >= 0.7 * len(sentence.replace(" ", "")) and sentence[-1] in ".!?:;"


def corpus_sentences(files: list[Path]) -> list[str]:
    """Prose sentences of the corpus (see ``benchtext.paragraphs``)."""
    return [sentence for path in files for paragraph in benchtext.paragraphs(path)
            for sentence in benchtext.sentences(paragraph) if _prose(sentence)]


def demo_sentences() -> list[str]:
    """Sentences of heritage's invented demo texts (clippings and the memory story)."""
    from heritage.demo import texts

    bodies = [c.body for c in texts.CLIPPINGS] + list(texts.MEMORY_STORY.pages)
    return [s for body in bodies for paragraph in body.split("\n\n")
            for s in benchtext.sentences(paragraph)]


def load_sentences() -> tuple[list[str], str]:
    """The sentences to build clippings from, and a line saying where they come from."""
    files = benchtext.corpus_files()
    if files:
        sentences = corpus_sentences(files)
        if len(sentences) >= 50:
            return sentences, (f"{CORPUS} ({len(files)} files, {len(sentences)} prose sentences; "
                               "real Latvian library reports, read at run time)")
    sentences = demo_sentences()
    return sentences, f"heritage.demo.texts (invented demo texts, {len(sentences)} sentences)"


def fold(text: str) -> str:
    """``text`` without diacritics, as a reader without a Latvian keyboard types it."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                if not unicodedata.combining(c)))


# --------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------

@dataclass
class Corpus:
    """The sentences with their word counts, and the vocabulary queries are drawn from."""

    sentences: list[str]
    lengths: list[int] = field(init=False)
    words: list[list[str]] = field(init=False)
    frequency: Counter = field(init=False)

    def __post_init__(self) -> None:
        self.lengths = [len(s.split()) for s in self.sentences]
        self.words = [[w.lower() for w in WORD.findall(s)] for s in self.sentences]
        self.frequency = Counter(w for words in self.words for w in words)

    def content_words(self, first: int, last: int, shortest: int = 5) -> list[str]:
        """Words of at least ``shortest`` letters, by falling frequency, ranks first..last."""
        ranked = [w for w, _ in self.frequency.most_common() if len(w) >= shortest]
        return ranked[first:last]


def generate_documents(corpus: Corpus, count: int, seed: int) -> Iterator[dict]:
    """``count`` clippings as heritage search documents; the same ones for the same seed."""
    rng = random.Random(f"bench-search-{seed}")
    sentences, lengths = corpus.sentences, corpus.lengths
    n = len(sentences)
    for number in range(1, count + 1):
        target = rng.randint(WORDS_MIN, WORDS_MAX)
        paragraphs, paragraph, words = [], [], 0
        while words < target:
            k = rng.randrange(n)
            if words >= WORDS_MIN and words + lengths[k] > WORDS_MAX:
                break  # close enough: another long sentence would overshoot
            paragraph.append(sentences[k])
            words += lengths[k]
            if len(paragraph) >= rng.randint(3, 6):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        yield _document(rng, number, corpus, "\n\n".join(paragraphs))


def _title(rng: random.Random, corpus: Corpus) -> str:
    words = corpus.sentences[rng.randrange(len(corpus.sentences))].split()
    size = min(len(words), rng.randint(5, 8))
    start = rng.randint(0, len(words) - size)
    title = " ".join(words[start:start + size]).strip(" .,:;–-")
    return title[:1].upper() + title[1:]


def _document(rng: random.Random, number: int, corpus: Corpus, body: str) -> dict:
    year = rng.randint(1920, 2024)
    places = rng.sample(PLACES, 2 if rng.random() < 0.15 else 1)
    language = rng.random()
    access = rng.random()
    return {
        "id": str(number), "title": _title(rng, corpus), "creator": rng.choice(CREATORS),
        "subject": "\n".join(rng.sample(SUBJECTS, rng.randint(1, 3))),
        "description": corpus.sentences[rng.randrange(len(corpus.sentences))],
        "place": "\n".join(places), "other": "", "fulltext": body,
        "collection": rng.choice(COLLECTIONS), "type": "Text",
        "language": "lv" if language < 0.90 else "lv,ru" if language < 0.95 else "lt",
        "date": f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "newspaper": rng.choice(NEWSPAPERS), "branch": rng.choice(BRANCHES),
        "files": [f"clipping-{number:06d}.jpg"], "status": "published",
        "access": "public" if access < 0.93 else "reading_room" if access < 0.98 else "staff",
    }


def searched_text(document: dict) -> str:
    """The text heritage searches in a document, joined as one body for the baselines."""
    parts = (document[name] for name in ("title", "creator", "subject", "place", "description",
                                         "other", "fulltext"))
    return "\n".join(part for part in parts if part)


def progress(documents: Iterable[dict], label: str, count: int) -> Iterator[dict]:
    """Pass ``documents`` through, telling stderr every 10,000 that the run is alive."""
    started = time.perf_counter()
    for done, document in enumerate(documents, start=1):
        yield document
        if done % PROGRESS_EVERY == 0 or done == count:
            print(f"bench_search: {label}: {done:,}/{count:,} documents "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------

KINDS = ("word", "and", "phrase", "or", "not", "prefix", "place", "years", "filter", "typo")


@dataclass
class BenchQuery:
    """One query in heritage's reader syntax and the same query for FTS5."""

    kind: str
    text: str
    filters: dict[str, list[str]] | None
    match: str  # FTS5 MATCH expression
    where: str = ""  # extra SQL condition on the metadata table ``m``
    params: tuple = ()


def _q(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def make_queries(corpus: Corpus, count: int, seed: int) -> list[BenchQuery]:
    """``count`` queries cycling through the kinds, with words taken from the corpus."""
    rng = random.Random(f"bench-search-queries-{seed}")
    common = corpus.content_words(0, 80)
    middling = corpus.content_words(40, 600, shortest=6)
    builders: dict[str, Callable[[], BenchQuery]] = {
        "word": lambda: _single(rng.choice(common)),
        "and": lambda: _pair(rng, corpus),
        "phrase": lambda: _phrase(rng, corpus),
        "or": lambda: _boolean("or", *rng.sample(common, 2)),
        "not": lambda: _boolean("not", *rng.sample(common, 2)),
        "prefix": lambda: _prefix(rng, common),
        "place": lambda: _place(rng, common),
        "years": lambda: _years(rng, common),
        "filter": lambda: _filtered(rng.choice(common), rng.choice(COLLECTIONS)),
        "typo": lambda: _typo(rng, middling, corpus),
    }
    return [builders[KINDS[i % len(KINDS)]]() for i in range(count)]


def _single(word: str) -> BenchQuery:
    return BenchQuery("word", word, None, _q(word))


def _boolean(operator: str, a: str, b: str) -> BenchQuery:
    return BenchQuery(operator, f"{a} {operator.upper()} {b}", None,
                      f"{_q(a)} {operator.upper()} {_q(b)}")


def _filtered(word: str, collection: str) -> BenchQuery:
    return BenchQuery("filter", word, {"collection": [collection]}, _q(word),
                      "AND m.collection = ?", (collection,))


def _pair(rng: random.Random, corpus: Corpus) -> BenchQuery:
    """Two different words of one sentence, so that they meet in some documents."""
    while True:
        words = sorted({w for w in corpus.words[rng.randrange(len(corpus.words))] if len(w) >= 5})
        if len(words) >= 2:
            a, b = rng.sample(words, 2)
            if rng.random() < 0.5:
                a, b = fold(a), fold(b)
            return BenchQuery("and", f"{a} {b}", None, f"{_q(a)} {_q(b)}")


def _phrase(rng: random.Random, corpus: Corpus) -> BenchQuery:
    """Two neighbouring words of one sentence, quoted."""
    while True:
        tokens = corpus.sentences[rng.randrange(len(corpus.sentences))].split()
        pairs = [(a, b) for a, b in zip(tokens, tokens[1:])
                 if a.isalpha() and b.isalpha() and len(a) >= 3 and len(b) >= 3]
        if pairs:
            a, b = rng.choice(pairs)
            phrase = f"{a.lower()} {b.lower()}"
            return BenchQuery("phrase", f'"{phrase}"', None, _q(phrase))


def _prefix(rng: random.Random, common: list[str]) -> BenchQuery:
    word = rng.choice([w for w in common if len(w) >= 6])
    stem = word[:rng.randint(4, 5)]
    return BenchQuery("prefix", f"{stem}*", None, f"{_q(stem)}*")


def _place(rng: random.Random, common: list[str]) -> BenchQuery:
    place, word = rng.choice(PLACES), rng.choice(common)
    typed = fold(place).lower() if rng.random() < 0.5 else place
    return BenchQuery("place", f"place:{typed} {word}", None, f"{_q(typed)} {_q(word)}")


def _years(rng: random.Random, common: list[str]) -> BenchQuery:
    start, word = rng.randint(1920, 2019), rng.choice(common)
    end = start + 5
    return BenchQuery("years", f"{start}..{end} {word}", None, _q(word),
                      "AND m.year BETWEEN ? AND ?", (start, end))


def _typo(rng: random.Random, middling: list[str], corpus: Corpus) -> BenchQuery:
    """A word with one letter (not the first) changed into one that makes no corpus word."""
    while True:
        word = rng.choice(middling)
        i = rng.randrange(1, len(word))
        typo = word[:i] + rng.choice("abdeiklmnoprstuvz".replace(word[i], "")) + word[i + 1:]
        if typo not in corpus.frequency:
            return BenchQuery("typo", typo, None, _q(typo))


# --------------------------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------------------------

class RssSampler(threading.Thread):
    """Samples the RSS of this process plus all its descendants; keeps the running peak."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = 0
        self._stop_event = threading.Event()

    def sample(self) -> None:
        if psutil is None:
            return
        process = psutil.Process()
        total = process.memory_info().rss
        for child in process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                pass
        self.peak = max(self.peak, total)

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.sample()

    def __enter__(self) -> "RssSampler":
        self.sample()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop_event.set()
        self.join()
        self.sample()


def _mb(size: float) -> str:
    return f"{size / 2**20:.1f}"


def folder_size(path: Path) -> int:
    """Bytes of all files under ``path`` (or of the file ``path``)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --------------------------------------------------------------------------------------------
# Engines
# --------------------------------------------------------------------------------------------

@dataclass
class Build:
    engine: str
    docs: int = 0
    wall: float = float("nan")
    size: int = 0
    peak: int = 0
    error: str | None = None

    @property
    def rate(self) -> float:
        return self.docs / self.wall if self.wall > 0 else float("nan")


def build_raw_whoosh(folder: Path, documents: Iterable[dict]) -> Build:
    """Raw Whoosh: one process, one writer, StandardAnalyzer on a title and a body field."""
    from whoosh import index as whoosh_index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(id=ID(stored=True, unique=True),
                    title=TEXT(analyzer=StandardAnalyzer(), stored=True),
                    body=TEXT(analyzer=StandardAnalyzer(), stored=True))
    folder.mkdir(parents=True)
    result = Build("raw Whoosh, 1 process")
    with RssSampler() as sampler:
        started = time.perf_counter()
        ix = whoosh_index.create_in(str(folder), schema)
        writer = ix.writer()
        for document in documents:
            writer.add_document(id=document["id"], title=document["title"],
                                body=searched_text(document))
            result.docs += 1
        writer.commit()
        result.wall = time.perf_counter() - started
    result.size, result.peak = folder_size(folder), sampler.peak
    return result


def build_heritage(api, folder: Path, documents: Iterable[dict], procs: int) -> Build:
    """heritage's ``build_index`` on ``procs`` processes; a raised error is reported, not hidden."""
    result = Build(f"heritage, {procs} processes")
    with RssSampler() as sampler:
        started = time.perf_counter()
        try:
            result.docs = api.build_index(folder, documents, procs=procs)
        except Exception as exc:  # the index is being rewritten: report, do not hide
            result.error = f"{type(exc).__name__}: {exc}"
        result.wall = time.perf_counter() - started
    result.size, result.peak = folder_size(folder) if folder.exists() else 0, sampler.peak
    return result


FTS5_SCHEMA = """
CREATE VIRTUAL TABLE c USING fts5(title, body, tokenize="unicode61 remove_diacritics 2");
CREATE TABLE m (id INTEGER PRIMARY KEY, title TEXT, collection TEXT, date TEXT, year INTEGER,
                status TEXT, access TEXT);
CREATE TABLE facet (id INTEGER, name TEXT, value TEXT, PRIMARY KEY (id, name, value))
    WITHOUT ROWID;
"""


def facet_values(document: dict) -> Iterator[tuple[str, str]]:
    """The (facet, value) pairs of a document, multiple values split as heritage splits them."""
    yield "collection", document["collection"]
    for value in document["type"].split(","):
        yield "type", value
    for value in document["place"].split("\n"):
        yield "place", value
    if document["date"][:4].isdigit():
        yield "decade", f"{int(document['date'][:4]) // 10 * 10}"
    for value in document["language"].split(","):
        yield "language", value
    yield "newspaper", document["newspaper"]


def build_fts5(path: Path, documents: Iterable[dict]) -> Build:
    """SQLite FTS5 and a facet table, filled in one transaction, then optimised."""
    result = Build("SQLite FTS5")
    with RssSampler() as sampler:
        started = time.perf_counter()
        db = sqlite3.connect(path, isolation_level=None)
        db.executescript(FTS5_SCHEMA)
        db.execute("BEGIN")
        for document in documents:
            rowid = int(document["id"])
            db.execute("INSERT INTO c (rowid, title, body) VALUES (?, ?, ?)",
                       (rowid, document["title"], searched_text(document)))
            year = int(document["date"][:4]) if document["date"][:4].isdigit() else None
            db.execute("INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (rowid, document["title"], document["collection"], document["date"],
                        year, document["status"], document["access"]))
            db.executemany("INSERT OR IGNORE INTO facet VALUES (?, ?, ?)",
                           [(rowid, name, value) for name, value in facet_values(document)])
            result.docs += 1
        db.execute("INSERT INTO c (c) VALUES ('optimize')")
        db.execute("COMMIT")
        db.close()
        result.wall = time.perf_counter() - started
    result.size, result.peak = folder_size(path), sampler.peak
    return result


class Fts5Searcher:
    """A page of hits with snippets, the total and the facet counts, as heritage answers."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)

    def search(self, query: BenchQuery) -> int:
        """Run ``query``; returns the total found."""
        matched = ("FROM c JOIN m ON m.id = c.rowid WHERE c MATCH ? AND m.status = 'published' "
                   f"AND m.access IN ('public', 'reading_room') {query.where}")
        params = (query.match, *query.params)
        self.db.execute(
            "SELECT c.rowid, m.title, m.collection, m.date, "
            "snippet(c, 1, '<mark>', '</mark>', ' … ', 32), bm25(c, 3.0, 1.0) "
            f"{matched} ORDER BY bm25(c, 3.0, 1.0) LIMIT {PAGE_SIZE}", params).fetchall()
        rows = self.db.execute(
            f"WITH hits AS MATERIALIZED (SELECT c.rowid AS id {matched}) "
            "SELECT NULL, NULL, count(*) FROM hits UNION ALL "
            "SELECT f.name, f.value, count(*) FROM hits JOIN facet f ON f.id = hits.id "
            "GROUP BY f.name, f.value", params).fetchall()
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, value, count in rows[1:]:
            facets.setdefault(name, []).append((value, count))
        for counts in facets.values():
            counts.sort(key=lambda vc: -vc[1])
        return rows[0][2]

    def close(self) -> None:
        self.db.close()


# --------------------------------------------------------------------------------------------
# Timing queries
# --------------------------------------------------------------------------------------------

@dataclass
class Timings:
    """Per query, in the order of the query set: ms and total found (None where it raised)."""

    engine: str
    ms: list[float | None] = field(default_factory=list)
    hits: list[int | None] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    fuzzy: int = 0
    first: float | None = None  # ms of the first query after opening (untimed warm-up)

    def _values(self, values: list, indices: list[int] | None) -> list:
        picked = values if indices is None else [values[i] for i in indices]
        return [v for v in picked if v is not None]

    def percentile(self, p: int, indices: list[int] | None = None) -> float:
        values = self._values(self.ms, indices)
        if len(values) < 2:
            return values[0] if values else float("nan")
        return statistics.quantiles(values, n=100, method="inclusive")[p - 1]

    def mean(self, indices: list[int] | None = None) -> float:
        values = self._values(self.ms, indices)
        return statistics.fmean(values) if values else float("nan")

    def mean_hits(self, indices: list[int] | None = None) -> float:
        values = self._values(self.hits, indices)
        return statistics.fmean(values) if values else float("nan")

    @property
    def answered(self) -> list[float]:
        return self._values(self.ms, None)


def heritage_searcher(api, ix) -> Callable[[BenchQuery], tuple[int, bool]]:
    """A function running one query through heritage: (total found, from the fuzzy fallback)."""

    def run(query: BenchQuery) -> tuple[int, bool]:
        found = api.search(ix, query.text, page_size=PAGE_SIZE, facets=api.FACETS,
                           filters=query.filters)
        return found.total, bool(getattr(found, "fuzzy", False))
    return run


def time_queries(queries: list[BenchQuery], heritage: Callable, fts5: Fts5Searcher,
                 warmup: list[BenchQuery]) -> tuple[Timings, Timings]:
    """Each query on both engines, alternating which goes first; warm-up queries untimed."""
    her, fts = Timings("heritage"), Timings("SQLite FTS5")
    pair = [(her, heritage), (fts, lambda q: (fts5.search(q), False))]
    for query in warmup:
        for timings, engine in pair:
            elapsed = _timed(timings, engine, query, record=False)
            if timings.first is None:
                timings.first = elapsed
    for k, query in enumerate(queries):
        for timings, engine in (pair if k % 2 == 0 else pair[::-1]):
            _timed(timings, engine, query)
        if (k + 1) % 50 == 0:
            print(f"bench_search: queries {k + 1}/{len(queries)}", file=sys.stderr, flush=True)
    return her, fts


def _timed(timings: Timings, engine: Callable, query: BenchQuery,
           record: bool = True) -> float | None:
    """Run one query, keep its time in ms and its total; a raised error is kept instead."""
    started = time.perf_counter()
    try:
        total, fuzzy = engine(query)
    except Exception as exc:  # report every failing query, keep measuring the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        timings.errors.append(f"{query.kind} {query.text!r}: {type(exc).__name__}: {exc} "
                              f"(at {Path(where.filename).name}:{where.lineno} in {where.name})")
        if record:
            timings.ms.append(None)
            timings.hits.append(None)
        return None
    elapsed = (time.perf_counter() - started) * 1000
    if record:
        timings.ms.append(elapsed)
        timings.hits.append(total)
        timings.fuzzy += fuzzy
    return elapsed


# --------------------------------------------------------------------------------------------
# heritage's API
# --------------------------------------------------------------------------------------------

@dataclass
class HeritageApi:
    build_index: Callable
    open_index: Callable
    search: Callable
    FACETS: tuple


def heritage_api() -> HeritageApi | str:
    """heritage's search API of issue 6, or a message naming what is missing."""
    try:
        from heritage.search import index, query
    except Exception as exc:  # an import error inside heritage counts as missing too
        return f"cannot import heritage.search ({type(exc).__name__}: {exc})"
    missing = [f"heritage.search.{module.__name__.rsplit('.', 1)[1]}.{name}"
               for module, name in ((index, "build_index"), (index, "open_index"),
                                    (query, "search"), (query, "FACETS"))
               if not hasattr(module, name)]
    if not missing and "facets" not in inspect.signature(query.search).parameters:
        missing.append("the facets= parameter of heritage.search.query.search")
    if missing:
        return "missing " + ", ".join(missing) + " (the search API of issue 6)"
    return HeritageApi(index.build_index, index.open_index, query.search, tuple(query.FACETS))


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def machine_info(args, source: str, corpus: Corpus) -> list[str]:
    cpu = benchtext.cpu_name()
    memory = f", {psutil.virtual_memory().total / 2**30:.0f} GB RAM" if psutil else ""
    return [
        "heritage search benchmark (scripts/bench_search.py)",
        f"machine   {os.cpu_count()} cores ({cpu}){memory}, load average {benchtext.load_average()}",
        f"software  Python {platform.python_version()}, Whoosh-Reloaded "
        f"{_version('whoosh-reloaded')}, SQLite {sqlite3.sqlite_version}, "
        f"heritage {_version('heritage')}",
        f"text      {source}; {len(corpus.frequency):,} distinct words",
    ]


def _sizes(corpus: Corpus, count: int, seed: int) -> tuple[float, list[int]]:
    """One untimed pass over the documents: the time it takes and the words of each body."""
    started = time.perf_counter()
    words = [len(d["fulltext"].split()) for d in generate_documents(corpus, count, seed)]
    return time.perf_counter() - started, words


def print_builds(builds: list[Build]) -> None:
    print()
    print(f"{'index build':<28} {'docs':>8} {'wall s':>8} {'docs/s':>8} {'size MB':>8} "
          f"{'peak RSS MB':>12}")
    for b in builds:
        if b.error:
            print(f"{b.engine:<28} {'error':>8}")
            continue
        peak = _mb(b.peak) if b.peak else "n/a"
        print(f"{b.engine:<28} {b.docs:>8} {b.wall:>8.1f} {b.rate:>8.0f} {_mb(b.size):>8} "
              f"{peak:>12}")


def print_latency(her: Timings, fts: Timings, queries: list[BenchQuery]) -> None:
    print()
    print(f"{'query latency ms':<28} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7} {'max':>7} "
          f"{'hits':>8}")
    for t in (her, fts):
        if not t.answered:
            print(f"{t.engine:<28} {'error':>7}")
            continue
        print(f"{t.engine:<28} {t.percentile(50):>7.1f} {t.percentile(95):>7.1f} "
              f"{t.percentile(99):>7.1f} {t.mean():>7.1f} {max(t.answered):>7.1f} "
              f"{t.mean_hits():>8.0f}")
    print()
    print(f"{'by kind':<8} {'e.g.':<34} {'heritage p50':>12} {'p95':>7} {'hits':>7}   "
          f"{'FTS5 p50':>8} {'p95':>7} {'hits':>7}")
    for kind in KINDS:
        idx = [i for i, q in enumerate(queries) if q.kind == kind]
        if not idx:
            continue
        example = queries[idx[0]].text + (" +filter" if queries[idx[0]].filters else "")
        print(f"{kind:<8} {example[:34]:<34} {her.percentile(50, idx):>12.1f} "
              f"{her.percentile(95, idx):>7.1f} {her.mean_hits(idx):>7.0f}   "
              f"{fts.percentile(50, idx):>8.1f} {fts.percentile(95, idx):>7.1f} "
              f"{fts.mean_hits(idx):>7.0f}")


def _ms(value: float | None) -> str:
    return "error" if value is None else f"{value:.1f}"


def _mark(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_ratios(args, raw: Build | None, her_build: Build, fts_build: Build,
                 her: Timings, fts: Timings) -> None:
    print()
    cores = "" if os.cpu_count() == TARGET_CORES else \
        f"   [target is for {TARGET_CORES} cores; this machine has {os.cpu_count()}]"
    if raw is None:
        print(f"ratios   build heritage/raw Whoosh  skipped (--skip-raw)   "
              f"(target ≥ {TARGET_BUILD_RATIO:.1f}×)")
    elif her_build.error:
        print("ratios   build heritage/raw Whoosh  n/a: heritage raised")
    else:
        ratio = her_build.rate / raw.rate
        print(f"ratios   build heritage/raw Whoosh  {ratio:.2f}×   (target ≥ "
              f"{TARGET_BUILD_RATIO:.1f}× on {TARGET_CORES} cores, docs/s)  "
              f"{_mark(ratio >= TARGET_BUILD_RATIO)}{cores}")
    if not her_build.error:
        print(f"         build heritage/FTS5  {her_build.rate / fts_build.rate:.2f}×   "
              f"size heritage/FTS5 {her_build.size / fts_build.size:.2f}×"
              + (f"   size heritage/raw Whoosh {her_build.size / raw.size:.2f}×" if raw else "")
              + "   (information)")
    if her.answered and fts.answered:
        p95 = her.percentile(95)
        scale = "" if args.docs >= TARGET_DOCS else f"   [target is for {TARGET_DOCS:,} clippings]"
        print(f"         query heritage p95 {p95:.1f} ms   (target p95 ≤ {TARGET_P95_MS:.0f} ms "
              f"with facets and snippets at {TARGET_DOCS:,} clippings)  "
              f"{_mark(p95 <= TARGET_P95_MS)}{scale}")
        print(f"         query heritage/FTS5 p50 {her.percentile(50) / fts.percentile(50):.2f}×  "
              f"p95 {p95 / fts.percentile(95):.2f}×  mean {her.mean() / fts.mean():.2f}×   "
              f"(information; heritage answered {her.fuzzy} of {len(her.answered)} from its "
              "fuzzy fallback)")


def _prepare(args, tmp: str) -> Path:
    folder = args.keep.resolve() if args.keep else Path(tmp)
    if args.keep:
        for sub in ("raw-whoosh", "heritage"):
            shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / "fts5.sqlite").unlink(missing_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=TARGET_DOCS,
                        help=f"clippings to generate (default {TARGET_DOCS:,})")
    parser.add_argument("--queries", type=int, default=200, help="timed queries (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="seed for clippings and queries")
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 1,
                        help="processes for heritage's build_index (default: all cores)")
    parser.add_argument("--skip-raw", action="store_true",
                        help="skip the raw Whoosh baseline (quick iterations)")
    parser.add_argument("--keep", type=Path, help="keep the three indexes in DIR")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.queries < 1 or args.procs < 1:
        parser.error("--docs, --queries and --procs must be at least 1")

    api = heritage_api()
    if isinstance(api, str):
        print(f"bench_search: heritage's search API is not there: {api}", file=sys.stderr)
        return 2

    sentences, source = load_sentences()
    corpus = Corpus(sentences)
    generating, words = _sizes(corpus, args.docs, args.seed)
    queries = make_queries(corpus, WARMUP + args.queries, args.seed)
    warmup, queries = queries[:WARMUP], queries[WARMUP:]
    for line in machine_info(args, source, corpus):
        print(line)
    print(f"corpus    {args.docs:,} generated clippings, {min(words)}–{max(words)} words of body "
          f"each (mean {statistics.fmean(words):.0f}), seed {args.seed}; generating them takes "
          f"{generating:.1f} s a pass, included in every build below")
    print(f"queries   {args.queries} timed after {WARMUP} warm-up, {len(KINDS)} kinds in turn "
          f"({', '.join(KINDS)}); page size {PAGE_SIZE}, facets {','.join(api.FACETS)}, "
          "snippets for the hits of the page")
    print("baseline  raw Whoosh: 1 process, ix.writer() add_document loop + commit; "
          "id, title, body (title, creator, subjects, places, description, full text) with "
          "StandardAnalyzer" + ("  [skipped: --skip-raw]" if args.skip_raw else ""))
    print(f"heritage  build_index(folder, documents, procs={args.procs}); "
          f"search(ix, q, page_size={PAGE_SIZE}, facets=FACETS, filters=...)")
    print("yardstick SQLite FTS5 (title, body; unicode61 remove_diacritics 2), one transaction "
          "+ optimize; MATCH, bm25(3, 1), LIMIT 20, snippet(), count and facets by GROUP BY")
    sys.stdout.flush()

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        folder = _prepare(args, tmp)
        raw = None
        if not args.skip_raw:
            raw = build_raw_whoosh(folder / "raw-whoosh", progress(
                generate_documents(corpus, args.docs, args.seed), "raw Whoosh", args.docs))
        her_build = build_heritage(api, folder / "heritage", progress(
            generate_documents(corpus, args.docs, args.seed), "heritage", args.docs), args.procs)
        fts_build = build_fts5(folder / "fts5.sqlite", progress(
            generate_documents(corpus, args.docs, args.seed), "SQLite FTS5", args.docs))
        print_builds([b for b in (raw, her_build, fts_build) if b])

        fts5 = Fts5Searcher(folder / "fts5.sqlite")
        her, fts = Timings("heritage"), Timings("SQLite FTS5")
        if her_build.error:
            print(f"ERROR     heritage build_index raised {her_build.error}")
        else:
            try:
                ix = api.open_index(folder / "heritage")
            except Exception as exc:
                her_build.error = f"open_index raised {type(exc).__name__}: {exc}"
                print(f"ERROR     heritage {her_build.error}")
            else:
                with RssSampler() as sampler:
                    her, fts = time_queries(queries, heritage_searcher(api, ix), fts5, warmup)
                print_latency(her, fts, queries)
                print(f"first query after opening (warm-up, not in the figures): heritage "
                      f"{_ms(her.first)} ms, SQLite FTS5 {_ms(fts.first)} ms"
                      + (f"; peak RSS while querying {_mb(sampler.peak)} MB"
                         if sampler.peak else ""))
                for timings in (her, fts):
                    for error in timings.errors[:5]:
                        print(f"ERROR     {timings.engine}: {error}")
                    if len(timings.errors) > 5:
                        print(f"ERROR     … and {len(timings.errors) - 5} more")
        fts5.close()
        print_ratios(args, raw, her_build, fts_build, her, fts)
        print(f"\nload average at the end {benchtext.load_average()}; figures are information, not assertions")
        if args.keep:
            print(f"indexes kept in {folder} (raw-whoosh/, heritage/, fts5.sqlite)")
    return 1 if her_build.error or her.errors else 0


if __name__ == "__main__":
    sys.exit(main())
