"""Folding: what a reader types without diacritics meets what the text says."""
from __future__ import annotations

import unicodedata

import pytest

from heritage.search.analyzers import fold, folding_analyzer


@pytest.mark.parametrize("written, typed", [
    ("Krāslava", "kraslava"), ("skolā", "skola"), ("Ģimene", "gimene"), ("ķirsis", "kirsis"),
    ("Ļaudis", "laudis"), ("ņemt", "nemt"), ("ŠŪNA", "suna"), ("žogs", "zogs"), ("Čiekuri", "ciekuri"),
    ("ēdnīca", "ednica"), ("seniūnija", "seniunija"), ("ąžuolas", "azuolas"), ("Ežerėlis", "ezerelis"),
    ("įvykis", "ivykis"), ("ųū", "uu"), ("Rōzekne", "rozekne"), ("Ёлка", "елка"),
    ("Łódź", "lodz"), ("Straße", "strasse"),
])
def test_folding_table(written, typed):
    assert fold(written) == typed


def test_cyrillic_short_i_keeps_its_identity():
    assert fold("Й") == "й" and fold("й") != "и"


def test_decomposed_input_folds_like_precomposed():
    decomposed = unicodedata.normalize("NFD", "Krāslavas skolā")
    assert [t.text for t in folding_analyzer()(decomposed)] == ["kraslavas", "skola"]


def test_tokens_keep_hyphenated_words_and_drop_punctuation():
    tokens = [t.text for t in folding_analyzer()("Rīga–Daugavpils; bērnu-dārzs, (1949.)")]
    assert tokens == ["riga", "daugavpils", "bernu-darzs", "1949"]
