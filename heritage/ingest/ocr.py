"""OCR with Tesseract (through pytesseract): text and mean word confidence for a page.

>>> lines_from_words([(1, 1, 1, "Vecpils"), (1, 1, 1, "skolā"), (1, 1, 2, "1935.")])
'Vecpils skolā\\n1935.'
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import pytesseract
from PIL import Image

LANGUAGE_CODE = re.compile(r"^[a-z_]{3,}(\+[a-z_]{3,})*$", re.IGNORECASE)


class OcrUnavailable(Exception):
    """Tesseract, or one of the asked-for languages, is not installed."""


@dataclass
class OcrResult:
    """The recognised text of one page and Tesseract's mean word confidence (0–100)."""

    text: str
    confidence: float | None


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """The Tesseract language models installed on this machine."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise OcrUnavailable("Tesseract is not installed: run scripts/run, or "
                             "apt-get install tesseract-ocr tesseract-ocr-lav")
    return frozenset(pytesseract.get_languages(config=""))


def check_languages(lang: str) -> str:
    """``lang`` if every Tesseract language in it is installed; else a clear error."""
    if not LANGUAGE_CODE.match(lang or ""):
        raise OcrUnavailable(f"OCR language {lang!r} is not valid: use Tesseract codes such as "
                             "lav, lit, rus, eng, or combinations like lav+rus")
    missing = [code for code in lang.split("+") if code not in installed_languages()]
    if missing:
        raise OcrUnavailable(f"Tesseract language(s) {', '.join(missing)} not installed: "
                             f"apt-get install {' '.join('tesseract-ocr-' + m for m in missing)}")
    return lang


def recognise(image: Image.Image, lang: str) -> OcrResult:
    """Run Tesseract on a prepared page image."""
    # Tesseract's OpenMP threads make one page 2-4x slower on small machines; heritage gets
    # its parallelism from one process per page instead. An administrator may still override.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=lang, config="--psm 3",
                                     output_type=pytesseract.Output.DICT)
    words, confidences = [], []
    for i, word in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if word.strip() and confidence >= 0:
            words.append((data["block_num"][i], data["par_num"][i], data["line_num"][i], word))
            confidences.append(confidence)
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrResult(lines_from_words(words), mean)


def lines_from_words(words: Iterable[tuple[int, int, int, str]]) -> str:
    """Join (block, paragraph, line, word) tuples into lines and blank-line paragraphs."""
    out: list[str] = []
    previous = None
    for block, paragraph, line, word in words:
        key = (block, paragraph, line)
        if previous is None:
            out.append(word)
        elif key == previous:
            out.append(" " + word)
        else:
            out.append("\n\n" if key[:2] != previous[:2] else "\n")
            out.append(word)
        previous = key
    return "".join(out)
