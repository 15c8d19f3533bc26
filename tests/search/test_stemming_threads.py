"""Stemming from many threads at once, as gunicorn's threads do while they serve searches."""
from __future__ import annotations

import threading

from heritage.search.analyzers import stems

WORDS = [f"{stem}{ending}" for stem in ("mokykl", "seniūnij", "ežer", "malūn", "kaim", "bažnyči",
                                       "школ", "мельниц", "озер")
         for ending in ("a", "os", "oje", "ose", "ą", "ų", "ai", "ams", "ами", "ах", "ой", "у")]


def test_threads_stem_as_one_thread_does():
    words = [f"{word}{n}x" if n else word for n in range(40) for word in WORDS]
    stems.cache_clear()
    alone = {word: stems(word, ("lt",)) for word in words}
    stems.cache_clear()
    found, failures = {}, []

    def work(part):
        try:
            for word in part:
                found[word] = stems(word, ("lt",))
        except Exception as error:  # a stemmer shared between threads breaks mid-word
            failures.append(repr(error))

    threads = [threading.Thread(target=work, args=(words[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert found == alone
