"""Text analysis shared by indexing, querying and highlighting.

A reader types ``kraslava`` for Krāslava, ``seniunija`` for seniūnija and ``skola`` for
"skolā", so every word is reduced twice, at index and query time alike:

* its **surface form**: Unicode NFC, lower case, diacritics folded (``skolā`` → ``skola``);
  quoted phrases match these, so ``"krāslavas skolā"`` finds that exact inflection;
* its **stem**: the surface form without its inflectional ending, by the word's language:
  Latvian light stemming (:mod:`heritage.search.stemming`), Latgalian endings on top of it,
  Lithuanian and Russian Snowball.  Plain words match these, so ``skola`` finds ``skolām``.

Stems of different languages live apart (``lt:mokykl``), so a Latvian word cannot meet a
Lithuanian word that merely stems alike; Cyrillic words always take the Russian stemmer.

>>> [t.text for t in folding_analyzer()("Krāslavas SKOLĀ, Ežerėlio seniūnija; Ёлка")]
['kraslavas', 'skola', 'ezerelio', 'seniunija', 'елка']
>>> fold("Łódź Straße")
'lodz strasse'
>>> stems("skolām", ("lv",)), stems("mokyklą", ("lt",)), stems("школах", ("lv",))
(('skol',), ('lt:mokykl',), ('школ',))
>>> stems("Latgolys", ("ltg",))
('ltg:latgol',)
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from itertools import chain

import snowballstemmer
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

# Letters that Unicode decomposition does not reduce to a base letter plus a mark.
_SPECIAL = {"ſ": "s", "ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d",
            "Đ": "D", "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}
# Cyrillic letters whose marks are part of the letter (й), except ё which readers type as е.
_KEEP_MARKS = {"й", "Й"}
# Combining marks count as word characters, so decomposed text (a + U+0304) stays one token.
_LETTER = r"(?:\w|[\u0300-\u036f\u0483-\u0489])"
TOKEN_PATTERN = rf"{_LETTER}+(?:[-'’]{_LETTER}+)*"
WORD = re.compile(TOKEN_PATTERN)

LANGUAGES = ("lv", "lt", "ltg", "ru")
"""Languages with their own stems; any other language code is stemmed as Latvian."""
_PREFIX = {"lv": "", "lt": "lt:", "ltg": "ltg:", "ru": ""}


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii() or ch in _KEEP_MARKS:
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_table() -> dict[int, str | None]:
    """One ``str.translate`` table for Latin, Greek and Cyrillic letters and stray marks."""
    table: dict[int, str | None] = {}
    for code in chain(range(0x80, 0x250), range(0x370, 0x530), range(0x1E00, 0x1F00)):
        folded = _fold_char(chr(code))
        if folded != chr(code):
            table[code] = folded
    for code in chain(range(0x300, 0x370), range(0x483, 0x48A)):
        table[code] = None
    return table


_FOLD = _fold_table()
_REPLACE = {chr(code): folded or "" for code, folded in _FOLD.items()}
# letters folded into another folded letter (Ǽ → Æ → AE): one str.translate pass must do them
_CHAINED = frozenset(chr(code) for code, folded in _FOLD.items()
                     if folded and any(ord(c) in _FOLD for c in folded))


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics the way both index and queries do."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text.casefold()
    present = set(text)
    if present & _CHAINED:
        return text.translate(_FOLD).casefold()
    # str.translate with a dict looks up every character: on a page of Latvian text one
    # str.replace per distinct accented letter is three times faster (the highlighter folds
    # every hit's full text; scripts/bench_web.py)
    for letter in present:
        folded = _REPLACE.get(letter)
        if folded is not None:
            text = text.replace(letter, folded)
    return text.casefold()


def words(text: str) -> list[str]:
    """The surface forms of ``text``'s words, folded.

    >>> words("Rīga–Daugavpils; bērnu-dārzs, (1949.)")
    ['riga', 'daugavpils', 'bernu-darzs', '1949']
    """
    return WORD.findall(fold(text))


def _is_cyrillic(word: str) -> bool:
    return "\u0400" <= max(word) <= "\u04ff"


_stemmers = threading.local()


def _snowball(language: str):
    """This thread's Snowball stemmer for ``language``.

    A Snowball stemmer keeps the word it is cutting in its own fields, so two threads
    sharing one corrupt each other's words (and fail with IndexError or AssertionError):
    gunicorn's threads each get their own.
    """
    mine = getattr(_stemmers, "by_language", None)
    if mine is None:
        mine = _stemmers.by_language = {}
    stemmer = mine.get(language)
    if stemmer is None:
        stemmer = mine[language] = snowballstemmer.stemmer(language)
    return stemmer


@lru_cache(maxsize=200_000)
def stems(word: str, languages: tuple[str, ...] = ("lv",)) -> tuple[str, ...]:
    """The index terms for one word (lower case, any diacritics) in ``languages``.

    A Lithuanian word gives two stems when its diacritics change how Snowball cuts it, so a
    reader who types without them still meets it: ``mokyklą`` → ``mokykl`` either way, but
    the stem of the folded form is computed too.

    >>> stems("seniūnijoje", ("lt",)), stems("seniunijoje", ("lt", "lv"))
    (('lt:seniunij',), ('lt:seniunij', 'seniun'))
    >>> stems("1949"), stems("ёлками", ("ru",))
    (('1949',), ('елк',))
    """
    from .stemming import stem_lv, stem_ltg  # stemming imports fold from here

    folded = fold(word)
    if not folded or folded.isdigit():
        return (folded,)
    if _is_cyrillic(folded):
        return (_snowball("russian").stemWord(folded),)
    found: list[str] = []
    for language in languages:
        if language == "lt":
            candidates = (fold(_snowball("lithuanian").stemWord(word)),
                          _snowball("lithuanian").stemWord(folded))
        elif language == "ltg":
            candidates = (stem_ltg(folded),)
        elif language == "ru":
            continue
        else:
            candidates = (stem_lv(folded),)
        for stem in candidates:
            term = _PREFIX.get(language, "") + stem
            if term not in found:
                found.append(term)
    if not found:  # a Russian-only document with a Latin word: stem it as Latvian
        found.append(stem_lv(folded))
    return tuple(found)


def query_stems(word: str) -> tuple[str, ...]:
    """Every stem a reader's word may have in the index, in any language.

    >>> query_stems("skolas")
    ('skol', 'lt:skol', 'ltg:skol')
    """
    return stems(word, ("lv", "lt", "ltg"))


def document_languages(codes: str) -> tuple[str, ...]:
    """The stemming languages for an item's comma-separated ``dc:language`` codes.

    >>> document_languages("lv, ru"), document_languages("lit"), document_languages("")
    (('lv', 'ru'), ('lt',), ('lv',))
    """
    aliases = {"lav": "lv", "lit": "lt", "rus": "ru", "ltg": "ltg", "lv": "lv", "lt": "lt",
               "ru": "ru"}
    found = []
    for code in codes.replace(";", ",").split(","):
        language = aliases.get(code.strip().lower().split("-")[0])
        if language and language not in found:
            found.append(language)
    if found == ["ru"]:  # Russian items still have Latin-script names: stem those as Latvian
        found.append("lv")
    return tuple(found) or ("lv",)


def stem_terms(text: str, languages: tuple[str, ...]) -> list[str]:
    """Every stem term of ``text``, in order, as the index stores them."""
    result: list[str] = []
    for word in WORD.findall(unicodedata.normalize("NFC", text).lower()):
        result.extend(stems(word, languages))
    return result


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
