"""A light stemmer for Latvian, written from Kreslins' (1996) light-stemming approach.

How it works
------------
1. Decide on the *folded* word (ā→a, š→s, ...).  Every decision is taken on the
   diacritic-free spelling, so ``skolā`` and a reader's ``skola`` are cut at the same
   place: ``fold(stem_lv(w)) == fold(stem_lv(fold(w)))`` holds for every word.
2. Remove ONE inflectional ending, the longest one in the table (nouns of all six
   declensions, adjectives, common verb endings), but only if the stem keeps at
   least ``MIN_STEM`` letters and a vowel; otherwise try the next shorter ending.
   A few verbal endings (``-t``, ``-šana``, ``-ties``) are removed only after a vowel.
3. Tidy the stem's tail:

   * the epenthetic ``j`` of labials goes (``zivju``→``ziv``, ``zemju``→``zem``);
   * a ``j`` after a vowel goes and then the vowel before it (``dziedāj-a``,
     ``skolotāj-s`` → ``dzied``, ``skolot``), as does the theme vowel left by a
     verbal ending (``dziedā-t``);
   * participle and comparative suffixes ``-oš-``, ``-ām-``, ``-āk-`` go
     (``dziedošs``, ``lasāms``, ``lielākais`` → ``dzied``, ``las``, ``liel``).

4. Undo the palatalisation of the last consonants: ``ļ ņ č š ž`` → ``l n c s z``
   (``brāļu``→``brāl``).  These pairs fold alike, so the rule is safe either way.

The returned stem keeps the word's own diacritics; callers fold afterwards.

Limits (light stemming: one ending, no dictionary)
---------------------------------------------------
* Under-stemming: consonant alternations that do not fold alike stay apart
  (``nakts``/``nakšu``, ``briedis``/``briežu``), as do vowel alternations of verb
  roots (``celt``/``cēla``) and past participles versus infinitives
  (``izdots``→``izdot`` but ``izdot``→``izd``).  Future tense (``dziedāsim``) is not
  handled.
* Over-stemming: derivational ``-āj-`` and ``-āk-`` can look like inflection, so
  ``ezerājs`` meets ``ezers`` and ``vecāki`` (parents) meets ``vecs`` (old); loanwords
  in ``-āma`` lose it (``reklāma``→``rekl``).
* Lower-case input only; words shorter than ``MIN_STEM + 1`` letters stay as they are.

>>> [stem_lv(w) for w in ("skola", "skolās", "skolēns", "skolēniem")]
['skol', 'skol', 'skolēn', 'skolēn']
>>> [stem_lv(w) for w in ("Krāslavā".lower(), "kraslavas", "pagastiem", "brāļu")]
['krāslav', 'kraslav', 'pagast', 'brāl']
>>> [stem_lv(w) for w in ("dziedāt", "dzied", "dziedājām", "dziedāšanas", "mācīties")]
['dzied', 'dzied', 'dzied', 'dzied', 'māc']
"""
from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import Filter

from heritage.search.analyzers import fold

MIN_STEM = 3

# Endings, written with diacritics for reading; folded when the lookup table is built.
NOUN_ENDINGS = (
    "s", "š", "a", "am", "u", "ā", "i", "iem", "us", "os",          # 1st: pagasts, ceļš
    "is", "im", "ī",                                                 # 2nd: koris, brālis
    "um", "ū",                                                       # 3rd: tirgus
    "as", "ai", "ām", "ās",                                          # 4th: skola, māja
    "e", "es", "ei", "ē", "ēm", "ēs",                                # 5th: zeme
    "ij", "īm", "īs",                                                # 6th: pils, zivs
)
ADJECTIVE_ENDINGS = (
    "ais", "ajam", "ajā", "ajai", "ie", "ajiem", "ajām", "ajās", "ajos", "o",
    "ākais", "ākajam", "ākajā", "ākajai", "ākie", "ākajiem", "ākajām", "ākajās",
)
VERB_ENDINGS = (
    "u", "i", "a", "am", "at", "ām", "āt", "ot", "īt", "ēt", "iet",  # present, past (-ja is -j + -a)
    "ies", "os", "as", "ās",                                         # reflexive
)
# Removed only after a vowel; the theme vowel before them goes too.
VOWEL_LED_ENDINGS = (
    "t", "ties", "mies",
    "šana", "šanas", "šanai", "šanu", "šanā", "šanām", "šanās",
)
# Suffixes that may still close a stem after its ending has gone.
TAIL_SUFFIXES = ("oš", "ām", "āk")

_LV_FOLD = str.maketrans("āčēģīķļņōŗšūž", "acegiklnorsuz")
_UNPALATALISE = str.maketrans("ļņčšž", "lncsz")
_VOWELS = frozenset("aeiou")
_LABIALS = frozenset("pbmvf")


def _folded(word: str) -> str:
    """Fold Latvian letters cheaply; other marks go through the shared ``fold``."""
    if word.isascii():
        return word
    key = word.translate(_LV_FOLD)
    return key if key.isascii() else fold(word)


def _table() -> dict[int, dict[str, bool]]:
    """Map ending length to {folded ending: needs a vowel before it}."""
    table: dict[int, dict[str, bool]] = {}
    for endings, needs_vowel in ((NOUN_ENDINGS, False), (ADJECTIVE_ENDINGS, False),
                                 (VERB_ENDINGS, False), (VOWEL_LED_ENDINGS, True)):
        for ending in endings:
            key = _folded(ending)
            bucket = table.setdefault(len(key), {})
            bucket[key] = bucket.get(key, True) and needs_vowel
    return table


ENDINGS = _table()
_BY_LENGTH = tuple((n, ENDINGS[n]) for n in sorted(ENDINGS, reverse=True))
_TAILS = frozenset(_folded(s) for s in TAIL_SUFFIXES)


def _min_stem(key: str) -> int:
    """Return the shortest allowed stem: ``MIN_STEM`` letters and one past the first vowel.

    >>> _min_stem("dzied"), _min_stem("ezers"), _min_stem("brr")
    (3, 3, 4)
    """
    for i, ch in enumerate(key):
        if ch in _VOWELS:
            return max(MIN_STEM, i + 1)
    return len(key) + 1


def _strip_ending(key: str, shortest: int) -> tuple[int, bool]:
    """Return the stem length after the longest allowed ending, and if it was verbal.

    >>> _strip_ending("pagastiem", 3), _strip_ending("dziedat", 3), _strip_ending("dzied", 3)
    ((6, False), (5, False), (5, False))
    """
    size = len(key)
    for length, endings in _BY_LENGTH:
        if size - length < shortest:
            continue
        needs_vowel = endings.get(key[size - length:])
        if needs_vowel is None:
            continue
        if needs_vowel and key[size - length - 1] not in _VOWELS:
            continue
        return size - length, needs_vowel
    return size, False


def _trim_tail(key: str, n: int, theme: bool, shortest: int) -> int:
    """Drop epenthetic ``j``, theme vowels and participle suffixes from ``key[:n]``.

    >>> [_trim_tail(k, len(k), False, 3) for k in ("skolotaj", "zivj", "dziedos")]
    [6, 3, 5]
    """
    while True:
        last = key[n - 1]
        if theme and last in _VOWELS and n - 1 >= shortest:
            n, theme = n - 1, False
        elif last == "j" and key[n - 2] in _LABIALS and n - 1 >= shortest:
            n, theme = n - 1, False
        elif last == "j" and key[n - 2] in _VOWELS and n - 1 >= shortest:
            n, theme = n - 1, True
        elif key[n - 2:n] in _TAILS and n - 2 >= shortest:
            n, theme = n - 2, True
        else:
            return n


def _unpalatalise(stem: str) -> str:
    """Turn a palatalised final consonant pair back into the plain one.

    >>> _unpalatalise("brāļ"), _unpalatalise("zvaigžņ")
    ('brāl', 'zvaigzn')
    """
    return stem[:-2] + stem[-2:].translate(_UNPALATALISE)


def _stem(word: str) -> str:
    """Stem one lower-case word without caching."""
    key = _folded(word)
    if len(key) != len(word):
        word = key
    shortest = _min_stem(key)
    n, verbal = _strip_ending(key, shortest)
    if n == len(key):
        return word
    return _unpalatalise(word[:_trim_tail(key, n, verbal, shortest)])


@lru_cache(maxsize=100_000)
def stem_lv(word: str) -> str:
    """Return the light stem of a lower-case Latvian word, with or without diacritics.

    >>> stem_lv("bibliotēkām"), stem_lv("biblioteka"), stem_lv("ezeros"), stem_lv("ar")
    ('bibliotēk', 'bibliotek', 'ezer', 'ar')
    """
    return _stem(word)


def _stemmable(text: str) -> bool:
    """Tell whether a token is a Latin-script word of three or more letters.

    >>> _stemmable("skola"), _stemmable("1905"), _stemmable("школа"), _stemmable("ar")
    (True, False, False, False)
    """
    return (len(text) >= MIN_STEM and max(text) < "\u0250"
            and not any(ch.isdigit() for ch in text))


class LatvianStemFilter(Filter):
    """Replace each Latin-script token's text with its Latvian light stem.

    >>> from whoosh.analysis import RegexTokenizer
    >>> [t.text for t in (RegexTokenizer() | LatvianStemFilter())("krāslavas skolā 1905 ar школах")]
    ['krāslav', 'skol', '1905', 'ar', 'школах']
    """

    def __call__(self, tokens):
        for token in tokens:
            if _stemmable(token.text):
                token.text = stem_lv(token.text)
            yield token


# Latgalian endings Latvian does not have (nominative/genitive -ys, -y, dative plural -om,
# -ym, locative plural -ōs): ``Latgolys`` → ``latgol``, ``vydsškolom`` → ``vydsskol``.
LATGALIAN_ENDINGS = ("ys", "ym", "y", "om", "ōm", "ōs", "uo")
_LTG = tuple(sorted({_folded(e) for e in LATGALIAN_ENDINGS}, key=len, reverse=True))


@lru_cache(maxsize=50_000)
def stem_ltg(word: str) -> str:
    """Return the light stem of a lower-case Latgalian word (ō and y are letters of it).

    >>> stem_ltg("latgolys"), stem_ltg("vydsškolom"), stem_ltg("školā"), stem_ltg("dzeive")
    ('latgol', 'vydsškol', 'škol', 'dzeiv')
    """
    key = _folded(word)
    for ending in _LTG:
        if key.endswith(ending) and len(key) - len(ending) >= _min_stem(key):
            return word[:len(word) - len(ending)]
    return _stem(word)
