"""Text analysis shared by indexing and querying: tokens, case folding, diacritic folding.

A reader types ``kraslava`` for Krāslava and ``seniunija`` for seniūnija, so every form is
folded to plain letters at index and query time alike.

>>> [t.text for t in folding_analyzer()("Krāslavas SKOLĀ, Ežerėlio seniūnija; Ёлка")]
['kraslavas', 'skola', 'ezerelio', 'seniunija', 'елка']
>>> fold("Łódź Straße")
'lodz strasse'
"""
from __future__ import annotations

import unicodedata

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

# Letters that Unicode decomposition does not reduce to a base letter plus a mark.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d",
                          "Đ": "D", "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})
# Cyrillic letters whose marks are part of the letter (й), except ё which readers type as е.
_KEEP_MARKS = {"й", "Й"}
# Combining marks count as word characters, so decomposed text (a + U+0304) stays one token.
_LETTER = r"(?:\w|[\u0300-\u036f\u0483-\u0489])"
TOKEN_PATTERN = rf"{_LETTER}+(?:[-'’]{_LETTER}+)*"


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics the way both index and queries do."""
    return "".join(_fold_char(ch) for ch in unicodedata.normalize("NFC", text).translate(_SPECIAL)).casefold()


def _fold_char(ch: str) -> str:
    if ch.isascii() or ch in _KEEP_MARKS:
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class DiacriticFoldFilter(Filter):
    """Replace each token's text with its folded form (ā→a, ž→z, ė→e, ё→е)."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


class NfcFilter(Filter):
    """Compose each token to Unicode NFC so precomposed and combining forms match."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = unicodedata.normalize("NFC", token.text)
            yield token


def folding_analyzer():
    """Tokenise on word characters, then NFC, lower-case and fold diacritics."""
    return RegexTokenizer(TOKEN_PATTERN) | NfcFilter() | LowercaseFilter() | DiacriticFoldFilter()
