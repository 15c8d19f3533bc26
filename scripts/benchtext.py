"""What the benchmarks share: the prose of ``../shared/corpus``, and the machine they ran on.

The corpus files are plain-text extracts of PDF reports: lines broken anywhere, words
hyphenated across lines, headings in capitals, tables as short lines and bullets.  Both
``bench_ocr.py`` and ``bench_search.py`` read them through :func:`paragraphs`, and choose
their own sentences from them.  The text is read at run time and never copied.
"""
from __future__ import annotations

import os
import platform
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[„\"(«]?[A-ZĀČĒĢĪĶĻŅŠŪŽĄĘĖĮŲ0-9])")


def corpus_files() -> list[Path]:
    """The corpus's text files, or none when ``../shared`` is not beside the checkout."""
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def paragraphs(path: Path) -> list[str]:
    """A text extract's paragraphs: lines re-joined, headings, table rows and bullets dropped.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("GADA PĀRSKATS\\n- Bibliotēka piedāvā e-\\npakalpojumus visiem\\n\\niedzīvotājiem.\\n12 | 34 | 56\\n")
    >>> paragraphs(Path(f.name))
    ['Bibliotēka piedāvā e-pakalpojumus visiem iedzīvotājiem.']
    """
    segments, current = [], ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = re.sub(r"^[^\w„\"(«]+", "", raw.strip())  # bullets: - • ✓ ➢, symbol glyphs
        if not line:
            continue  # PDF extracts put blank lines between ordinary lines
        letters = [c for c in line if c.isalpha()]
        if (len(letters) >= 3 and all(c.isupper() for c in letters)) \
                or len(letters) < 0.5 * len(line):
            segments.append(current)  # a heading or a table row ends the paragraph
            current = ""
        elif current.endswith("-") and current[-2:-1].isalpha():
            current += line  # "e-\npakalpojumi" -> "e-pakalpojumi"
        else:
            current = f"{current} {line}" if current else line
    segments.append(current)
    return [" ".join(segment.split()) for segment in segments if segment.strip()]


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph (whitespace already collapsed or not).

    >>> sentences("Pagastā ir skola. „Tā ir veca”, saka Anna! 1938. gadā tā atvērās.")
    ['Pagastā ir skola.', '„Tā ir veca”, saka Anna!', '1938. gadā tā atvērās.']
    """
    return [s.strip() for s in SENTENCE_END.split(" ".join(paragraph.split())) if s.strip()]


def cpu_name() -> str:
    """The processor's model name, for the benchmark's header line."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, as printed before and after a run."""
    return " ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
