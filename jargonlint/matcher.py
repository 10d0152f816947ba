"""Compile glossaries into a matcher, and match spaCy tokens against it.

Compiling expands every term into its surface forms (spelling variants and
inflections), tokenises each with spaCy's tokenizer, and indexes them by first
token. It also builds two Aho-Corasick automata of one "key" token per
pattern, which find in one C pass the passages that could hold a term, so
spaCy only sees those. The compiled result is pickled in a cache keyed by the
glossaries' bytes and the versions of everything that shapes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import cache, forms
from .abbreviations import is_short_form
from .glossary import Context, Glossary, Term

FORMAT_VERSION = 21  # bump when the compiled layout changes
ALLOWED = -1  # the term index of a house-vocabulary pattern: it wins its span and reports nothing
_ATTRS = ("LOWER", "ORTH", "IDX", "IS_SPACE", "LENGTH")


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
    has_acronyms: bool = False

    @classmethod
    def expand(cls, ctx: Context) -> "TermContext":
        def grow(words):
            # An acronym (two or more capitals) must match in its case: `IT` is not `it`.
            return frozenset(w if _is_acronym(w) else f for w in words for f in
                             ((w,) if _is_acronym(w) else forms.all_forms(w)))

        words = (ctx.near, ctx.not_near, ctx.followed_by, ctx.not_followed_by, ctx.preceded_by, ctx.not_preceded_by)
        acronyms = any(_is_acronym(w) for group in words for w in group)
        return cls(*(grow(group) for group in words), ctx.window, ctx.pos, acronyms)


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


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
        self.needs: dict[str, list | None] = {}  # key -> what else a passage must contain (None: nothing)
        self.reach: dict[str, int] = {}  # key -> how many chunks either side a region around it needs
        self._seen: dict = {}
        self.folded_keys = ahocorasick.Automaton()  # every key: for text with markup inside words
        self.exact_keys = ahocorasick.Automaton()
        self.symbol_keys = ahocorasick.Automaton()  # keys with digits or symbols (`a&e`, `fy21`), lowercase
        self.word_keys: set[str] = set()  # keys of letters only, lowercase: found through a passage's words
        self.exact_words: dict[str, set[str]] = {}  # lowercase -> case-sensitive keys of letters only
        self.symbol_originals: dict[str, set[str]] = {}  # lowercase symbol key -> the keys as written
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
        # Replacements for an abbreviation used in the plural (ICBs), made now so a check never
        # loads the inflection tables.
        self.plural_replacements: dict[tuple[str, ...], tuple[str, ...]] = {
            t.replacements: tuple(forms.inflect_phrase(r, "NNS") for r in t.replacements)
            for t in self.terms if t.replacements and any(is_short_form(s) for s in t.spellings)}
        self.word_keys = frozenset(self.word_keys)
        self._hash_everything()
        # Kept for readers of the index (the one-word forms glossaries decide); the string-keyed
        # indexes and contexts are only needed while compiling, so they are not pickled.
        self.single_words = frozenset(
            p.tokens[0].lower() for index_map in (self.folded, self.exact) for ps in index_map.values()
            for p in ps if len(p.tokens) == 1)
        del self.folded, self.exact, self.contexts, self._seen
        for automaton in (self.folded_keys, self.exact_keys, self.symbol_keys):
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
        key = _rarest(tokens)
        automaton = self.exact_keys if exact else self.folded_keys
        if key not in automaton:
            automaton.add_word(key, key)
            if key.isalpha():
                self.word_keys.add(key.lower())
                if exact:
                    self.exact_words.setdefault(key.lower(), set()).add(key)
            else:
                if key.lower() not in self.symbol_keys:
                    self.symbol_keys.add_word(key.lower(), key.lower())
                self.symbol_originals.setdefault(key.lower(), set()).add(key)
        ctx = self.contexts[index] if index != ALLOWED else None
        # How many chunks either side of its key a match of this pattern, with its context, can reach.
        reach = len(tokens) + (ctx.window if ctx and (ctx.near or ctx.not_near) else 1) + 1
        self.reach[key] = max(reach, self.reach.get(key, 0))
        needs = self._needs(tokens, key, index)
        known = self.needs.get(key, [])
        if known is not None:
            self.needs[key] = None if needs is None else known + [needs] * (needs not in known)
        if index != ALLOWED and (index, tag) not in self.replacements:
            self.replacements[(index, tag)] = tuple(
                forms.inflect_phrase(r, tag) for r in self.terms[index].replacements)

    def _needs(self, tokens, key, index):
        """What a passage must contain for this pattern to match there, beyond its key.

        One condition per other word of the pattern and per word list its
        context requires; each condition is (words, strings): met when one of
        the words is a word of the passage, or one of the strings is in it.
        None when the key alone may match.
        """
        groups = [{t.lower()} for t in tokens if t != key and any(c.isalnum() for c in t)]
        ctx = self.contexts[index] if index != ALLOWED else None
        if ctx:
            groups += [{w.lower() for w in required} for required in (ctx.near, ctx.followed_by, ctx.preceded_by)
                       if required]
        unsafe = _split_fragments()
        needs = tuple(self._interned((tuple(sorted(w for w in group if w.isalpha() and w not in unsafe)),
                                      tuple(sorted(w for w in group if not w.isalpha() or w in unsafe))))
                      for group in groups)
        return needs or None

    def _interned(self, value):
        """One shared object for equal conditions, so the pickle stores each once."""
        return self._seen.setdefault(value, value)

    # -- matching ---------------------------------------------------------

    def plausible(self, key: str, passage: str, words: set) -> bool:
        """Could a pattern with this key match in this lowercase passage (whose `passage_words` are
        given)? Never wrongly says no."""
        needs = self.needs.get(key)
        if needs is None:
            return True
        for need in needs:  # (plain loops: this runs for every key word in every passage)
            for group, strings in need:
                if words.isdisjoint(group):
                    for s in strings:
                        if s in passage:
                            break
                    else:
                        break  # this condition is not met
            else:
                return True
        return False

    def word_offsets(self, key: str, passage: str, original: str, start: int):
        """Offsets where a key of letters stands as a whole word: lowercase keys in the folded
        passage, case-sensitive ones in the original."""
        text = passage if key.islower() else original[start:start + len(passage)]
        size, end = len(key), len(text)
        at = text.find(key)
        while at >= 0:
            after = at + size
            if (at == 0 or not text[at - 1].isalpha()) and (after >= end or not text[after].isalpha()):
                yield start + at
            at = text.find(key, at + 1)

    def symbol_variants(self, lowered_key: str):
        return self.symbol_originals[lowered_key]

    def symbol_offsets(self, lowered: str):
        """(offset, key) where a key with digits or symbols stands, by the same test as `candidate_offsets`."""
        return self.candidate_offsets(lowered, None, ((self.symbol_keys, lowered),))

    def candidate_offsets(self, lowered: str, original: str, automata=None):
        """(offset, key) where a pattern's key token stands as a whole word."""
        for automaton, text in automata or ((self.folded_keys, lowered), (self.exact_keys, original)):
            if not len(automaton):
                continue
            size = len(text)
            for end, key in automaton.iter(text):
                start = end - len(key) + 1
                if key[0].isalpha() and start > 0 and text[start - 1].isalpha():
                    continue
                if key[-1].isalpha() and end + 1 < size and text[end + 1].isalpha():
                    continue
                yield start, key

    def match(self, doc) -> list[Match]:
        """Find terms in a spaCy Doc; whitespace tokens are skipped, so terms match across line breaks.

        Works on the Doc's arrays of string hashes, so no Token object is made
        for a word that matches nothing. Context conditions are applied, then
        the longest match wins each span; ties go to the reading with most
        support from `near` words, then to the glossary listed first. Match
        start and end are token indices in the Doc.
        """
        rows = doc.to_array(_ATTRS).tolist()
        keep = [i for i, row in enumerate(rows) if not row[3]]
        lowers = [rows[i][0] for i in keep]
        orths = [rows[i][1] for i in keep]
        count = len(keep)
        found = []
        for i in range(count):
            for index_map, seq in ((self.folded_hashed, lowers), (self.exact_hashed, orths)):
                for tokens, term, tag in index_map.get(seq[i], ()):
                    size = len(tokens)
                    if i + size > count or tuple(seq[i:i + size]) != tokens:
                        continue
                    score = 0
                    if term != ALLOWED:
                        score = self._context_score(term, doc, keep, lowers, orths, i, i + size)
                        if score is None:
                            continue
                    found.append(Match(i, i + size, term, tag, score))
        chosen = self._resolve(found, [rows[i][2] for i in keep], [rows[i][4] for i in keep])
        return [Match(keep[m.start], keep[m.end - 1] + 1, m.term, m.tag, m.score) for m in chosen]

    def _context_score(self, term, doc, keep, lowers, orths, start, end):
        ctx = self.contexts_hashed[term]
        if ctx is None:
            return 0
        count = len(lowers)

        def word(i):  # the lowercase word, and its exact text for acronym conditions
            if not 0 <= i < count:
                return ()
            return (lowers[i], orths[i]) if ctx.has_acronyms else (lowers[i],)

        before, after = word(start - 1), word(end)
        if ctx.followed_by and not ctx.followed_by.intersection(after):
            return None
        if ctx.not_followed_by.intersection(after) or ctx.not_preceded_by.intersection(before):
            return None
        if ctx.preceded_by and not ctx.preceded_by.intersection(before):
            return None
        score = 0
        if ctx.near or ctx.not_near:
            lo, hi = max(0, start - ctx.window), end + ctx.window
            nearby = set(lowers[lo:start]) | set(lowers[end:hi])
            if ctx.has_acronyms:
                nearby |= set(orths[lo:start]) | set(orths[end:hi])
            if nearby & ctx.not_near:
                return None
            if ctx.near:
                score = len(nearby & ctx.near)
                if not score:
                    return None
        if ctx.pos and doc.has_annotation("POS"):
            if not any(doc[keep[i]].pos_ in ctx.pos for i in range(start, end)):
                return None
        return score

    def _resolve(self, found, starts, lengths) -> list[Match]:
        def rank(m):
            width = starts[m.end - 1] + lengths[m.end - 1] - starts[m.start]
            glossary = self.terms[m.term].glossary if m.term != ALLOWED else ""
            return (-width, m.term != ALLOWED, -m.score, self.priority.get(glossary, 99), m.start)

        taken = bytearray(len(starts))
        chosen = []
        for m in sorted(found, key=rank):
            if any(taken[m.start:m.end]):
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            if m.term != ALLOWED:
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _hash_everything(self):
        """The indexes and context word sets as spaCy string ids, which is what Doc arrays hold.

        The StringStore gives the id: a hash for most strings, but a fixed symbol
        id for the few spaCy reserves (`meta` is 424).
        """
        strings = blank_nlp().vocab.strings

        def hash_string(text):
            return strings[text]

        def hashed(index_map):
            return {hash_string(first): [(tuple(hash_string(t) for t in p.tokens), p.term, p.tag) for p in patterns]
                    for first, patterns in index_map.items()}

        def hashed_words(words):
            return frozenset(hash_string(w) for w in words)

        self.folded_hashed = hashed(self.folded)
        self.exact_hashed = hashed(self.exact)
        self.contexts_hashed = tuple(
            None if c is None else TermContext(
                hashed_words(c.near), hashed_words(c.not_near), hashed_words(c.followed_by),
                hashed_words(c.not_followed_by), hashed_words(c.preceded_by), hashed_words(c.not_preceded_by),
                c.window, c.pos, c.has_acronyms)
            for c in self.contexts)


LETTER_RUN = re.compile(r"[^\W\d_]+")




def passage_words(passage: str) -> set:
    """The runs of letters in a (lowercase) passage: the words `plausible` looks for."""
    return set(LETTER_RUN.findall(passage))


@lru_cache(maxsize=1)
def _split_fragments() -> frozenset:
    """Words spaCy's tokenizer exceptions cut out of a longer word (`can` in `cannot`): a passage's
    runs of word characters can't vouch for them."""
    tokenizer = _tokenizer()
    out = set()
    for exception in tokenizer.rules:
        pieces = [t.text.lower() for t in tokenizer(exception)]
        if len(pieces) > 1:
            out.update(pieces)
    return frozenset(out)


def _rarest(tokens):
    """The pattern token least common in everyday English: the one to look for first."""
    words = [t for t in tokens if any(c.isalnum() for c in t)] or list(tokens)
    if len(words) == 1:
        return words[0]
    from wordfreq import zipf_frequency

    return min(words, key=lambda t: (zipf_frequency(t, "en"), -len(t)))


@lru_cache(maxsize=1)
def blank_nlp():
    with cache.no_gc():  # importing spaCy makes many objects: the cycle collector would run many times for nothing
        import spacy

        nlp = spacy.blank("en")
    nlp.max_length = 2**31  # the tokenizer alone needs no limit; a 10 MB line is still prose
    return with_sentence_end_split(nlp)


def with_sentence_end_split(nlp):
    """Split a full stop from any word that ends a sentence.

    spaCy's English rules leave it on mixed-case words (`SaaS.`, `A&E.`),
    which would hide abbreviations at the end of a sentence. Abbreviations
    with stops of their own (`e.g.`, `Dr.`) are tokenizer exceptions and
    are not affected. The extra rule is tried after spaCy's own, so nothing
    spaCy already splits changes (and its big suffix pattern is not compiled again).
    """
    spacy_suffix = nlp.tokenizer.suffix_search
    final_stop = re.compile(r"(?<=[A-Za-z0-9&])\.$").search

    def suffix_search(text):
        return spacy_suffix(text) or final_stop(text)

    nlp.tokenizer.suffix_search = suffix_search
    return nlp


def _tokenizer():
    return blank_nlp().tokenizer


# -- cache -----------------------------------------------------------------

def cache_key(glossary_bytes: list[bytes], allowed: tuple[str, ...]) -> str:
    return cache.key(str(FORMAT_VERSION), *glossary_bytes, repr(sorted(allowed)))


def load_or_compile(key: str, build) -> Compiled:
    """Return the compiled matcher for `key` from the cache, or build and store it."""
    compiled = cache.load("glossaries", key)
    if compiled is None:
        compiled = build()
        cache.store("glossaries", key, compiled)
    return compiled
