"""Compile glossaries into a matcher, and match spaCy tokens against it.

Compiling expands every term into its surface forms (spelling variants and
inflections), tokenises each with spaCy's tokenizer, and indexes them by first
token. It also builds two Aho-Corasick automata of one "key" token per
pattern, which find in one C pass the passages that could hold a term, so
spaCy only sees those. The compiled result is pickled in a cache keyed by the
glossaries' bytes and the versions of everything that shapes it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import forms
from .glossary import Context, Glossary, Term

FORMAT_VERSION = 3  # bump when the compiled layout changes
ALLOWED = -1  # the term index of a house-vocabulary pattern: it wins its span and reports nothing


@dataclass(frozen=True)
class Pattern:
    tokens: tuple[str, ...]  # lowercase, or exact for case-sensitive terms
    term: int  # index into Compiled.terms, or ALLOWED
    tag: str | None  # Penn tag of the inflected word, None for the base form


@dataclass(frozen=True)
class TermContext:
    """A term's context conditions with every word expanded to all its forms."""

    near: frozenset
    not_near: frozenset
    followed_by: frozenset
    not_followed_by: frozenset
    preceded_by: frozenset
    not_preceded_by: frozenset
    window: int
    pos: frozenset

    @classmethod
    def expand(cls, ctx: Context) -> "TermContext":
        def grow(words):
            return frozenset(f for w in words for f in forms.all_forms(w))

        return cls(grow(ctx.near), grow(ctx.not_near), grow(ctx.followed_by), grow(ctx.not_followed_by),
                   grow(ctx.preceded_by), grow(ctx.not_preceded_by), ctx.window, ctx.pos)


@dataclass(frozen=True)
class Match:
    start: int  # index into the list of word tokens
    end: int  # exclusive
    term: int
    tag: str | None
    score: int  # how many `near` words support this reading


class Compiled:
    """Everything needed to find terms in text; built once, pickled, shared read-only."""

    def __init__(self, glossaries: list[Glossary], allowed: tuple[str, ...] = ()):
        import ahocorasick

        self.glossary_ids = tuple(g.id for g in glossaries)
        self.glossary_names = {g.id: g.name for g in glossaries}
        self.terms: tuple[Term, ...] = tuple(t for g in glossaries for t in g.terms)
        self.contexts = tuple(TermContext.expand(t.context) if t.context else None for t in self.terms)
        self.priority = {gid: n for n, gid in enumerate(self.glossary_ids)}
        self.folded: dict[str, list[Pattern]] = {}
        self.exact: dict[str, list[Pattern]] = {}
        self.replacements: dict[tuple[int, str | None], tuple[str, ...]] = {}
        tokenizer = _tokenizer()
        self.folded_keys = ahocorasick.Automaton()
        self.exact_keys = ahocorasick.Automaton()
        entries = [(n, t.spellings, t.case_sensitive, t.inflect) for n, t in enumerate(self.terms)]
        entries += [(ALLOWED, (phrase,), False, True) for phrase in allowed]
        for index, spellings, exact, inflect in entries:
            for spelling in spellings:
                for variant in forms.spelling_variants(spelling):
                    if exact:
                        found = {variant: None}
                        if inflect and variant[-1:].isupper():
                            found[variant + "s"] = ("NNS", 0)
                    else:
                        found = forms.inflected_forms(variant) if inflect else {variant: None}
                    for form, info in found.items():
                        self._add(tokenizer, form, index, exact, info[0] if info else None)
        for index_map in (self.folded, self.exact):
            for patterns in index_map.values():
                patterns.sort(key=lambda p: -len(p.tokens))
        for automaton in (self.folded_keys, self.exact_keys):
            if len(automaton):
                automaton.make_automaton()

    def _add(self, tokenizer, form, index, exact, tag):
        words = [t.text for t in tokenizer(form) if not t.is_space]
        if not words:
            return
        tokens = tuple(words) if exact else tuple(w.lower() for w in words)
        target = self.exact if exact else self.folded
        bucket = target.setdefault(tokens[0], [])
        if any(p.tokens == tokens and p.term == index for p in bucket):
            return
        bucket.append(Pattern(tokens, index, tag))
        key = max(tokens, key=len)
        automaton = self.exact_keys if exact else self.folded_keys
        if key not in automaton:
            automaton.add_word(key, key)
        if index != ALLOWED and (index, tag) not in self.replacements:
            self.replacements[(index, tag)] = tuple(
                forms.inflect_phrase(r, tag) for r in self.terms[index].replacements)

    # -- matching ---------------------------------------------------------

    def has_candidates(self, lowered: str, original: str) -> bool:
        return any(True for _ in self.candidate_offsets(lowered, original))

    def candidate_offsets(self, lowered: str, original: str):
        """Offsets in the text where a pattern's key token stands as a whole word."""
        for automaton, text in ((self.folded_keys, lowered), (self.exact_keys, original)):
            if not len(automaton):
                continue
            size = len(text)
            for end, key in automaton.iter(text):
                start = end - len(key) + 1
                if key[0].isalpha() and start > 0 and text[start - 1].isalpha():
                    continue
                if key[-1].isalpha() and end + 1 < size and text[end + 1].isalpha():
                    continue
                yield start

    def match(self, words) -> list[Match]:
        """Find terms in a list of spaCy tokens (whitespace tokens already removed).

        Context conditions are applied, then the longest match wins each span;
        ties go to the reading with most support from `near` words, then to
        the glossary listed first.
        """
        found = []
        lowers = [w.lower_ for w in words]
        texts = [w.text for w in words]
        count = len(words)
        for i in range(count):
            for index_map, seq in ((self.folded, lowers), (self.exact, texts)):
                for pattern in index_map.get(seq[i], ()):
                    size = len(pattern.tokens)
                    if i + size > count or tuple(seq[i:i + size]) != pattern.tokens:
                        continue
                    score = 0
                    if pattern.term != ALLOWED:
                        score = self._context_score(pattern.term, words, lowers, i, i + size)
                        if score is None:
                            continue
                    found.append(Match(i, i + size, pattern.term, pattern.tag, score))
        return self._resolve(found, words)

    def _context_score(self, term, words, lowers, start, end):
        ctx = self.contexts[term]
        if ctx is None:
            return 0
        before = lowers[start - 1] if start > 0 else None
        after = lowers[end] if end < len(lowers) else None
        if ctx.followed_by and after not in ctx.followed_by:
            return None
        if after in ctx.not_followed_by or before in ctx.not_preceded_by:
            return None
        if ctx.preceded_by and before not in ctx.preceded_by:
            return None
        score = 0
        if ctx.near or ctx.not_near:
            nearby = set(lowers[max(0, start - ctx.window):start]) | set(lowers[end:end + ctx.window])
            if nearby & ctx.not_near:
                return None
            if ctx.near:
                score = len(nearby & ctx.near)
                if not score:
                    return None
        if ctx.pos and words[start].doc.has_annotation("POS"):
            if not any(w.pos_ in ctx.pos for w in words[start:end]):
                return None
        return score

    def _resolve(self, found, words) -> list[Match]:
        def rank(m):
            width = words[m.end - 1].idx + len(words[m.end - 1].text) - words[m.start].idx
            glossary = self.terms[m.term].glossary if m.term != ALLOWED else ""
            return (-width, m.term != ALLOWED, -m.score, self.priority.get(glossary, 99), m.start)

        taken = bytearray(len(words))
        chosen = []
        for m in sorted(found, key=rank):
            if any(taken[m.start:m.end]):
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            if m.term != ALLOWED:
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen


@lru_cache(maxsize=1)
def blank_nlp():
    import spacy

    return spacy.blank("en")


def _tokenizer():
    return blank_nlp().tokenizer


# -- cache -----------------------------------------------------------------

def cache_dir() -> Path:
    base = os.environ.get("JARGONLINT_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jargonlint"


def _versions() -> str:
    parts = [str(FORMAT_VERSION)]
    for dist in ("jargonlint", "spacy", "lemminflect", "pyahocorasick"):
        try:
            parts.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            parts.append("-")
    return "/".join(parts)


def cache_key(glossary_bytes: list[bytes], allowed: tuple[str, ...]) -> str:
    digest = hashlib.sha256(_versions().encode())
    for data in glossary_bytes:
        digest.update(hashlib.sha256(data).digest())
    digest.update(repr(sorted(allowed)).encode())
    return digest.hexdigest()[:32]


def load_or_compile(key: str, build) -> Compiled:
    """Return the compiled matcher for `key` from the cache, or build and store it."""
    if os.environ.get("JARGONLINT_NO_CACHE"):
        return build()
    path = cache_dir() / f"{key}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, stale or damaged: rebuild
        pass
    compiled = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(compiled, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only home is no reason to fail
    return compiled
