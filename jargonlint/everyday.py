"""Everyday English words and how common they are, without loading wordfreq on every run.

wordfreq takes a fifth of a second to import and load; a check only needs to
know whether a word in capitals is an everyday word (NOT, MUST, ANNUAL). The
words at or above Zipf 3.5 are read from wordfreq once and kept in the cache.
"""
from __future__ import annotations

from functools import lru_cache

from . import cache

FLOOR = 3.5  # words less common than this are not in the table


def common_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a lowercase word, or 0.0 when it is below FLOOR."""
    return _table().get(word, 0.0)


@lru_cache(maxsize=1)
def _table() -> dict:
    name = cache.key("everyday-words", str(FLOOR))
    table = cache.load("wordlists", name)
    if table is None:
        from wordfreq import iter_wordlist, zipf_frequency

        table = {}
        for word in iter_wordlist("en"):
            zipf = zipf_frequency(word, "en")
            if zipf < FLOOR:
                break
            table[word] = zipf
        cache.store("wordlists", name, table)
    return table
