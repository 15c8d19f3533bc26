"""How well heritage's own ingest pipeline reads the demo scans.

``python -m heritage.demo.ocr_check FOLDER`` OCRs every page that ``write_demo_sources(FOLDER)``
wrote, exactly as ``heritage ingest`` would, and prints the character error rate of each page
against the text it was rendered from.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..ingest.pipeline import process_files
from ..ingest.quality import cer, normalise
from .sources import iter_pages


def page_errors(folder: Path, workers: int = 0) -> list[tuple[str, str, int, float]]:
    """(page, OCR language, characters, CER) for every demo page written under ``folder``."""
    truths = {}
    for name, lang, render in iter_pages():
        truths[folder / name] = (name, lang, render()[1])
    by_lang: dict[str, list[Path]] = {}
    for path, (_name, lang, _text) in truths.items():
        by_lang.setdefault(lang, []).append(path)
    rows = []
    for lang, paths in by_lang.items():
        for result in process_files(paths, lang, workers):
            name, _lang, text = truths[result.path]
            recognised = "\n".join(page.text for page in result.pages)
            rows.append((name, lang, len(normalise(text)), cer(text, recognised)))
    return sorted(rows)


def main(argv: list[str]) -> int:
    """Print the per-page table and the worst and mean CER."""
    if len(argv) != 1:
        print("usage: python -m heritage.demo.ocr_check FOLDER  (a folder write_demo_sources wrote)")
        return 2
    rows = page_errors(Path(argv[0]))
    print(f"{'page':56} {'lang':8} {'chars':>5} {'CER':>7}")
    for name, lang, chars, error in rows:
        print(f"{name:56} {lang:8} {chars:5d} {error:7.2%}")
    print(f"worst CER {max(r[3] for r in rows):.2%}; mean {sum(r[3] for r in rows) / len(rows):.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
