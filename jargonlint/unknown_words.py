"""Rare words: possible jargon that no glossary knows.

A word is rare when it is uncommon in everyday English, by wordfreq's Zipf
scale (the base-10 log of a word's frequency per billion words: "the" is
about 7.7, "budget" 4.8, "virement" below 1). Only words written in small
letters are considered, so names (capitalised), abbreviations, numbers,
words with digits and code identifiers never are; reader masking already
removes code, URLs and e-mail addresses, and the pattern refuses anything
joined to them (``file.ext``, ``user@host``, ``snake_case``). In a hyphenated
compound each part of four or more letters is judged on its own, so a
compound of common words is never rare.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Measured on the evaluation set (../shared/eval, `score.py --errors`): below
# 2.5 the words are mostly jargon, drug names and PDF artefacts; between 2.5
# and 3 mostly everyday words (timescale, onerous, painkillers).
ZIPF_THRESHOLD = 2.5
MIN_LETTERS = 4

WORD = re.compile(
    r"(?<![\w@./\\'’\-])"
    r"[a-z]+(?:-[a-z]+)*(?:['’][a-z]+)?"
    r"(?![\w@/\\]|[.\-][A-Za-z0-9])"
)
_PART = re.compile(r"[a-z]+")

# British spellings wordfreq counts less often than the American ones.
_BRITISH = (
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|able)?$"), r"or\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"(ae|oe)(?=[a-z])"), "e"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
)


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common a word is in everyday English (Zipf scale), taking its American spelling if that is commoner."""
    from wordfreq import zipf_frequency

    best = zipf_frequency(word, "en")
    for pattern, replacement in _BRITISH:
        if pattern.search(word):
            best = max(best, zipf_frequency(pattern.sub(replacement, word), "en"))
    return best


def _base(word: str) -> str:
    """The word without a possessive or contraction tail: patient’s -> patient."""
    for mark in ("’", "'"):
        if mark in word:
            return word.split(mark, 1)[0]
    return word


# A rare word is not counted rare when it is a common word inflected (premised), a common word
# after a prefix (reemerging, outpaced, microgram), or two words run together by a lost space
# (smallerthan: one of them a function word, so real compounds like workstream still count).
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
                ("es", ""), ("s", ""), ("ly", ""))
_PREFIXES = ("anti", "co", "counter", "inter", "kilo", "mega", "micro", "milli", "mini", "mis", "multi", "non",
             "out", "over", "post", "pre", "re", "semi", "sub", "super", "un", "under")
_FUNCTION_WORDS = frozenset("the than and that this with from have will which their there where when what "
                            "also been were for are was not but you our".split())
COMMON_ZIPF = 3.5  # the part left after a prefix, or beside a function word, must be at least this common
RUN_TOGETHER_LETTERS = 12  # shorter compounds of two words (workstream, benchmark) are real words, often jargon


def is_rare(word: str, threshold: float = ZIPF_THRESHOLD) -> bool:
    """Is this lowercase word rare in everyday English, and not a medicine's name?"""
    if zipf(word) >= threshold:
        return False
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if zipf(word[: -len(suffix)] + replacement) >= threshold:
                return False
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 3 and zipf(rest) >= COMMON_ZIPF:
            return False
    for k in range(3, len(word) - 2):
        left, right = word[:k], word[k:]
        if (left in _FUNCTION_WORDS and zipf(right) >= COMMON_ZIPF) or (
                right in _FUNCTION_WORDS and zipf(left) >= COMMON_ZIPF):
            return False
        if len(word) >= RUN_TOGETHER_LETTERS and k >= 4 and len(right) >= 4 and zipf(left) >= 4.0 and zipf(right) >= 2.9:
            return False  # improveaccess, reducehandover: a long word that is a common word and another run together
    return not is_medicine_name(word)


def is_medicine_name(word: str) -> bool:
    """A generic medicine name: a word at least two letters longer than the WHO stem it ends in."""
    stem = _medicine_stems().search(word)
    return bool(stem) and stem.start() >= 2


@lru_cache(maxsize=1)
def _medicine_stems():
    stems = sorted(load_medicine_stems(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, stems)) + ")s?$")


def load_medicine_stems(path=None) -> dict[str, str]:
    """The stems data file: stem -> an example medicine."""
    from . import yamlsafe

    path = path or Path(__file__).resolve().parent / "data" / "medicine_stems.yaml"
    data = yamlsafe.load(Path(path).read_text(encoding="utf-8"))
    stems = data.get("stems") if isinstance(data, dict) else None
    if not isinstance(stems, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in stems.items()):
        raise ValueError(f"{path}: 'stems' must map each stem to an example medicine")
    return dict(stems)


@lru_cache(maxsize=200_000)
def rare_parts(token: str, threshold: float = ZIPF_THRESHOLD) -> tuple[tuple[int, int], ...]:
    """The (start, end) within `token` of each part that is rare: the whole word, or parts of a compound."""
    word = _base(token)
    if word != token and zipf(token.replace("’", "'")) >= threshold:
        return ()  # shouldn’t: common as written
    out = []
    for m in _PART.finditer(word):
        part = m.group()
        if len(part) >= MIN_LETTERS and is_rare(part, threshold):
            out.append((m.start(), m.end()))
    return tuple(out)


def rare_words(text: str, start: int = 0, end: int | None = None, threshold: float = ZIPF_THRESHOLD):
    """Every occurrence of a rare word in text[start:end], as (start, end, word), in order.

    Distinct words are looked up once; only occurrences of rare ones are located.
    """
    end = len(text) if end is None else end
    tokens = set(WORD.findall(text, start, end))
    rare = {t: parts for t in tokens if (parts := rare_parts(t, threshold))}
    if not rare:
        return []
    out = []
    for m in WORD.finditer(text, start, end):
        parts = rare.get(m.group())
        if parts:
            for a, b in parts:
                out.append((m.start() + a, m.start() + b, m.group()[a:b]))
    return out
