"""The benchmarks' shared text reader (scripts/benchtext.py)."""
from __future__ import annotations

import doctest
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import benchtext  # noqa: E402


def test_doctests():
    assert doctest.testmod(benchtext).failed == 0


def test_corpus_paragraphs_are_prose(shared_dir):
    found = [p for path in benchtext.corpus_files() for p in benchtext.paragraphs(path)]
    assert len(found) > 20
    assert all("  " not in p and not p.isupper() for p in found)
