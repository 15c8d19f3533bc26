"""OCR with Tesseract (through pytesseract): words with boxes and confidences, and orientation.

The prepared page is handed to Tesseract as a PGM file: pytesseract would otherwise encode a
PNG first, which costs about a tenth of the OCR time of a page.

>>> words = [Word("Vecpils", 91.0, (0, 0, 9, 9), (1, 1, 1)), Word("skolā", 88.0, (10, 0, 19, 9), (1, 1, 1)),
...          Word("1935.", 95.0, (0, 10, 9, 19), (1, 1, 2))]
>>> lines_from_words(words)
'Vecpils skolā\\n1935.'
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytesseract
from PIL import Image

LANGUAGE_CODE = re.compile(r"^[A-Za-z_]{3,}(\+[A-Za-z_]{3,})*$")
# Tesseract binarises the flattened page with Otsu for its layout analysis (recognition reads
# the gray pixels). Its Sauvola option read photo grain as text (376% CER on a demo photo
# caption against 0% with Otsu); its tiled LeptonicaOtsu lost whole pages.
TESSERACT_CONFIG = "--psm 3"


class OcrUnavailable(Exception):
    """Tesseract, or one of the asked-for languages, is not installed."""


@dataclass
class Word:
    """A recognised word: text, confidence (0–100), box (left, top, right, bottom) and line."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]
    line: tuple[int, int, int]  # block, paragraph, line


@dataclass
class OcrResult:
    """The words of one page, its text and Tesseract's mean word confidence."""

    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The words as lines, paragraphs separated by a blank line."""
        return lines_from_words(self.words)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence, or None when nothing was read."""
        if not self.words:
            return None
        return round(sum(w.confidence for w in self.words) / len(self.words), 1)

    def quality(self) -> float:
        """A single figure to compare two readings of one page: confident words count."""
        return sum(w.confidence for w in self.words if len(w.text) > 1) / 100


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """The Tesseract language models installed on this machine."""
    command = shutil.which(pytesseract.pytesseract.tesseract_cmd)
    if command is None:
        raise OcrUnavailable("Tesseract is not installed: run scripts/run, or "
                             "apt-get install tesseract-ocr tesseract-ocr-lav")
    # pytesseract.get_languages drops models with capitals (Debian's "Fraktur"); ask Tesseract
    listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, check=True)
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


def check_languages(lang: str) -> str:
    """``lang`` if every Tesseract language in it is installed; else a clear error."""
    if not LANGUAGE_CODE.match(lang or ""):
        raise OcrUnavailable(f"OCR language {lang!r} is not valid: use Tesseract codes such as "
                             "lav, lit, rus, eng, or combinations like lav+rus")
    missing = [code for code in lang.split("+") if code not in installed_languages()]
    if missing:
        packages = " ".join(_package(code) for code in missing)
        raise OcrUnavailable(f"Tesseract language(s) {', '.join(missing)} not installed: "
                             f"apt-get install {packages}")
    return lang


def _package(code: str) -> str:
    return "tesseract-ocr-script-frak" if code == "Fraktur" else f"tesseract-ocr-{code.lower()}"


def _limit_threads() -> None:
    # Tesseract's OpenMP threads make one page 2-4x slower on small machines; heritage gets
    # its parallelism from one process per page instead. An administrator may still override.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def recognise(image: Image.Image, lang: str) -> OcrResult:
    """Run Tesseract on a prepared gray page image."""
    _limit_threads()
    with tempfile.TemporaryDirectory(prefix="heritage-ocr-") as folder:
        path = Path(folder) / "page.pgm"
        image.convert("L").save(path)
        data = pytesseract.image_to_data(str(path), lang=lang, config=TESSERACT_CONFIG,
                                         output_type=pytesseract.Output.DICT)
    return OcrResult(list(_words(data)))


def _words(data: dict):
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if text.strip() and confidence >= 0:
            left, top = data["left"][i], data["top"][i]
            yield Word(text.strip(), confidence,
                       (left, top, left + data["width"][i], top + data["height"][i]),
                       (data["block_num"][i], data["par_num"][i], data["line_num"][i]))


def orientation(image: Image.Image) -> int:
    """Degrees (0, 90, 180, 270, counter-clockwise) that turn the page upright; 0 if unsure."""
    _limit_threads()
    with tempfile.TemporaryDirectory(prefix="heritage-osd-") as folder:
        path = Path(folder) / "page.pgm"
        image.convert("L").save(path)
        try:
            found = pytesseract.image_to_osd(str(path), config="--psm 0",
                                             output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractError:  # too little text to tell
            return 0
    return int(found.get("rotate", 0)) % 360 if float(found.get("orientation_conf", 0)) >= 1.0 else 0


def lines_from_words(words: list[Word]) -> str:
    """Join words into lines, and paragraphs separated by a blank line."""
    out: list[str] = []
    previous = None
    for word in words:
        if previous is None:
            out.append(word.text)
        elif word.line == previous:
            out.append(" " + word.text)
        else:
            out.append("\n\n" if word.line[:2] != previous[:2] else "\n")
            out.append(word.text)
        previous = word.line
    return "".join(out)
