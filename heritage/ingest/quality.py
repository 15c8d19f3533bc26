"""Measuring OCR quality: character error rate against a known text.

>>> cer("Ezerkalne", "Ezerkalne")
0.0
>>> round(cer("ābele", "abele"), 2)
0.2
>>> normalise("a\\n „b”  –  c")
'a "b" - c'
>>> normalise("vār-\\ndi un vēl")
'vārdi un vēl'
"""
from __future__ import annotations

import re
import unicodedata

# Typographic variants Tesseract may return for the same printed mark.
_VARIANTS = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‟": '"',
                           "‘": "'", "’": "'", "‚": "'", "‛": "'",
                           "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00ad": ""})
# A word hyphenated at the end of a printed line ("vār-" / "di") is one word of the text.
_LINE_BREAK_HYPHEN = re.compile(r"(\w)-[ \t]*\n\s*(?=\w)")


def normalise(text: str) -> str:
    """NFC, one kind of quote and dash, line-end hyphens joined, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_VARIANTS)
    text = _LINE_BREAK_HYPHEN.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def levenshtein(a: str, b: str) -> int:
    """The edit distance between two strings.

    >>> levenshtein("kitten", "sitting")
    3
    """
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def cer(reference: str, recognised: str) -> float:
    """Character error rate of ``recognised`` against ``reference``, after :func:`normalise`."""
    ref, hyp = normalise(reference), normalise(recognised)
    return levenshtein(ref, hyp) / max(1, len(ref))
