"""Counting words, sentences and syllables in prose, and the Flesch readability scores.

Flesch reading ease (Flesch, 1948) = 206.835 - 1.015 x (words / sentences)
- 84.6 x (syllables / words): higher is easier; plain English scores 60 or
more. Flesch-Kincaid grade level (Kincaid et al., 1975) = 0.39 x (words /
sentences) + 11.8 x (syllables / words) - 15.59: the US school grade a reader
needs. Both are computed from counts over the masked prose, so code and markup
never count.

Syllables are estimated by rule (vowel groups, less silent endings), not
looked up: right for most words, off by one for some, which moves a score by a
point or two on a page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers import BREAK, JOIN

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")  # e.g, 3.5 and GOV.UK are one word each
_LETTERS = re.compile(r"[a-z]+")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital, a digit or the end.
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s+[\"'‘“(\[]?[A-Z0-9]|\s*$)")
_BLOCK = re.compile(r"[^\x1e]+?(?=\x1e|\n[^\S\n]*\n|$)", re.DOTALL)

# Vowel groups that are two syllables, not one: ratio, create, poet, science.
_TWO_SYLLABLE_GROUPS = re.compile(r"[^aeiouy](?:ia|io|iu|ea(?=t)|oe(?=t)|ie(?=n))")


def syllables(word: str) -> int:
    """An estimate of the syllables in an English word (at least one for a word with letters)."""
    w = "".join(_LETTERS.findall(word.lower()))
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        if not (w.endswith("le") and w[-3] not in "aeiouy"):  # table, little keep their -le
            count -= 1  # make, hope: a silent e
    elif w.endswith("es") and w[-3] not in "aeiouy" and not w.endswith(("ses", "xes", "zes", "ches", "shes", "ges", "ces")):
        count -= 1  # makes, hopes (but boxes, changes)
    elif w.endswith("ed") and w[-3] not in "aeiouytd":
        count -= 1  # jumped, moved (but wanted, needed)
    count += len(_TWO_SYLLABLE_GROUPS.findall(w))
    return max(1, count)


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0  # over words with letters
    letter_words: int = 0  # words with letters (numbers have no syllables to count)

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.words + other.words, self.sentences + other.sentences,
                      self.syllables + other.syllables, self.letter_words + other.letter_words)

    @property
    def flesch_reading_ease(self) -> float | None:
        if not self.letter_words or not self.sentences:
            return None
        return 206.835 - 1.015 * (self.letter_words / self.sentences) - 84.6 * (self.syllables / self.letter_words)

    @property
    def flesch_kincaid_grade(self) -> float | None:
        if not self.letter_words or not self.sentences:
            return None
        return 0.39 * (self.letter_words / self.sentences) + 11.8 * (self.syllables / self.letter_words) - 15.59


def count(masked: str) -> Counts:
    """Words, sentences and syllables in a reader's masked prose.

    A passage (a paragraph, heading, list item or table cell) with words and
    no full stop at its end still counts as a sentence.
    """
    text = masked.replace(JOIN, "")
    words = letter_words = total_syllables = sentences = 0
    cache: dict[str, int] = {}
    for block in _BLOCK.finditer(text):
        passage = block.group()
        found = _WORD.findall(passage)
        if not found:
            continue
        words += len(found)
        for w in found:
            if any(c.isalpha() for c in w):
                letter_words += 1
                n = cache.get(w)
                if n is None:
                    n = cache[w] = syllables(w)
                total_syllables += n
        ends = list(_SENTENCE_END.finditer(passage))
        sentences += len(ends)
        if not ends or passage[ends[-1].end():].strip(" \t\n" + BREAK):
            if _WORD.search(passage, ends[-1].end() if ends else 0):
                sentences += 1
    return Counts(words, sentences, total_syllables, letter_words)


def ease_label(score: float | None) -> str:
    """Flesch's own description of a reading-ease score."""
    if score is None:
        return "no prose"
    for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                         (50, "fairly difficult"), (30, "difficult")):
        if score >= floor:
            return label
    return "very difficult"
