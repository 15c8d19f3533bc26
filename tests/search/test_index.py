"""The index on disk: built on all cores, and usable after a crash in the middle of a commit."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

from heritage.search.index import (build_index, date_fields, document_fields, is_current,
                                   open_index, replace_all, write_documents)
from heritage.search.query import search


def doc(n: int, word: str = "pagasts") -> dict:
    return {"id": str(n), "title": f"Ziņa {n}", "fulltext": f"Ezerkalnes {word} ziņa numur {n}.",
            "collection": "avize", "status": "published", "access": "public", "date": "1938",
            "language": "lv", "type": "Text", "files": []}


def test_build_on_several_processes_matches_one(tmp_path):
    docs = [doc(n) for n in range(600)]
    assert build_index(tmp_path / "one", docs, procs=1) == 600
    assert build_index(tmp_path / "two", docs, procs=2) == 600
    one, two = open_index(tmp_path / "one"), open_index(tmp_path / "two")
    assert is_current(one) and is_current(two)
    for query in ("pagasts", "ezerkalne", '"numur 17"'):
        assert search(one, query, page_size=1000).total == search(two, query, page_size=1000).total > 0
    with pytest.raises(FileExistsError, match="not empty"):
        build_index(tmp_path / "two", docs)


def _crash_during_commit(folder: str) -> None:
    """Write a new generation and die (as kill -9 would) half-way through committing it."""
    from whoosh.writing import SegmentWriter

    def die(self, segments):  # the segment files are written, the table of contents is not
        os._exit(9)

    SegmentWriter._commit_toc = die
    write_documents(open_index(folder), [doc(n, "jaunums") for n in range(1000, 1200)])


def _write_forever(folder: str) -> None:
    while True:
        replace_all(open_index(folder), (doc(n, "jaunums") for n in range(3000)), procs=1)


def test_a_crash_inside_a_commit_leaves_the_last_generation_usable(tmp_path):
    folder = tmp_path / "index"
    write_documents(open_index(folder), [doc(n) for n in range(50)])
    child = multiprocessing.get_context("fork").Process(target=_crash_during_commit, args=(str(folder),))
    child.start()
    child.join(60)
    assert child.exitcode == 9
    ix = open_index(folder)
    assert search(ix, "pagasts", page_size=100).total == 50
    assert search(ix, "jaunums").total == 0
    write_documents(ix, [doc(7, "labots")])  # the lock died with the process
    assert search(ix, "labots").total == 1 and search(ix, "pagasts", page_size=100).total == 49


@pytest.mark.parametrize("after", [0.5, 2.2, 2.8, 4.5])  # adding, committing, ..., next round
def test_kill_9_at_any_moment_of_a_rebuild_leaves_a_readable_index(tmp_path, after):
    folder = tmp_path / "index"
    write_documents(open_index(folder), [doc(n) for n in range(50)])
    child = multiprocessing.get_context("fork").Process(target=_write_forever, args=(str(folder),))
    child.start()
    time.sleep(after)
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    ix = open_index(folder)
    old, new = search(ix, "pagasts", page_size=5).total, search(ix, "jaunums", page_size=5).total
    assert (old, new) in ((50, 0), (0, 3000))  # one whole generation or the other
    write_documents(ix, [doc(99999, "labots")])
    assert search(ix, "labots").total == 1


def test_undated_and_open_dates():
    assert date_fields("1935/..")["year_end"] == 9999 and date_fields("1935/..")["decade"] == ""
    assert date_fields("nav zināms")["sort_date"] == 0
    assert document_fields(doc(1) | {"access": "reading_room"})["_stored_fulltext"] == ""


def test_bulk_segments_read_back_exactly_like_whooshs_own(tmp_path):
    """Block-at-a-time postings are the very postings Whoosh's own writer would write."""
    from whoosh import index as whoosh_index
    from whoosh.writing import SegmentWriter

    from heritage.search.index import IndexCodec
    from heritage.search.schema import ItemSchema

    docs = [doc(n, "pagasts" if n % 3 else "skola") | {"place": "Krāslava\nEzerkalne",
                                                        "language": "lv,ru" if n % 5 else "lt"}
            for n in range(700)]  # long posting lists: several 128-posting blocks
    assert build_index(tmp_path / "bulk", docs, procs=1) == 700
    (tmp_path / "plain").mkdir()
    plain = whoosh_index.create_in(str(tmp_path / "plain"), ItemSchema())
    writer = SegmentWriter(plain, codec=IndexCodec())
    for document in docs:
        writer.add_document(**document_fields(document))
    writer.commit()
    with open_index(tmp_path / "bulk").reader() as bulk, plain.reader() as own:
        assert list(bulk.all_terms()) == list(own.all_terms())
        for fieldname, term in own.all_terms():
            mine, theirs = bulk.postings(fieldname, term), own.postings(fieldname, term)
            assert list(mine.items_as("weight")) == list(theirs.items_as("weight"))
            if fieldname == "exact":
                assert list(mine.items_as("positions")) == list(theirs.items_as("positions"))
        assert list(bulk.all_stored_fields()) == list(own.all_stored_fields())
