"""The linter: prose in, findings out.

    masked prose -> blocks -> (candidate blocks only) -> spaCy tokens -> matches -> findings

Offsets are carried, never searched for again: a block is compacted (runs of
space and markup become one space) with a map back to the original offsets,
and every match is mapped through it.
"""
from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import document_rules, forms, suppress
from .config import Config, ConfigError
from .findings import Edit, Finding, Fix
from .glossary import BUILTIN_IDS, GlossaryError, builtin_dir, load_glossary
from .matcher import LETTER_RUN, Compiled, cache_key, load_or_compile, passage_words
from .readers import JOIN, Prose

_BLOCK_END = re.compile(r"\x1e|(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)")  # a BREAK, or a blank line
_WORD_RUN = re.compile(r"[^\s\x00\x1e]+")
_LINE_END = re.compile(r"\r\n|\r|\n")
SPLIT_CHARS = 1_000_000  # a text this long may be checked in slices, in parallel (see Linter.hits)
SPLIT_PIECES = 16
LABELS = {"finance": "finance", "it": "IT", "clinical": "clinical", "general": "management"}


class LineIndex:
    """Offsets to 1-based (line, column) in characters; LSP line ends (\\n, \\r\\n, \\r)."""

    def __init__(self, text: str):
        self.text = text
        self._starts = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:  # built on first use: most passages have no findings
            self._starts = [0] + [m.end() for m in _LINE_END.finditer(self.text)]
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def is_blank(self, masked: str, line: int) -> bool:
        """Has this 0-based line no prose on it? (Past the last line counts as not blank.)"""
        starts = self.starts
        if line >= len(starts):
            return False
        end = starts[line + 1] if line + 1 < len(starts) else len(masked)
        return not masked[starts[line]:end].strip()


@dataclass(frozen=True)
class Hit:
    """A term found in the original text."""

    offset: int
    end_offset: int
    term: int
    tag: str | None


class Block:
    """One passage of prose, compacted for spaCy, with a map back to the original."""

    __slots__ = ("text", "starts", "origins")

    def __init__(self, masked: str, start: int, end: int):
        parts, starts, origins = [], [], []
        size, previous_end = 0, None
        for m in _WORD_RUN.finditer(masked, start, end):
            if previous_end is not None:
                gap = masked[previous_end:m.start()]
                if gap.strip(JOIN):
                    parts.append(" ")
                    size += 1
            starts.append(size)
            origins.append(m.start())
            parts.append(m.group())
            size += m.end() - m.start()
            previous_end = m.end()
        self.text = "".join(parts)
        self.starts, self.origins = starts, origins

    def original(self, index: int) -> int:
        k = bisect.bisect_right(self.starts, index) - 1
        return self.origins[k] + index - self.starts[k]


def block_bounds(masked: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _BLOCK_END.finditer(masked):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(masked):
        bounds.append((start, len(masked)))
    return bounds


def _slices(masked: str) -> list[tuple[int, int]]:
    """About SPLIT_PIECES slices of a text, cut where blocks end."""
    size = len(masked) // SPLIT_PIECES + 1
    slices, start = [], 0
    while start < len(masked):
        m = _BLOCK_END.search(masked, start + size)
        if m is None:
            slices.append((start, len(masked)))
            break
        slices.append((start, m.start()))
        start = m.end()
    return slices


def _fold(text: str) -> str:
    """Lowercase without changing the length (U+0130 is the one character whose lowercase is longer)."""
    return (text.replace("\u0130", "i") if "\u0130" in text else text).lower()


class Linter:
    """Checks prose against the glossaries one configuration selects.

    It keeps no state that changes per call, so one Linter can serve an
    editor's requests on several threads.
    """

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        glossary_key, self.compiled = _compiled_for(self.config)
        self.key = glossary_key + repr(self.config)  # identifies what this linter finds, for caching
        self._nlp = None
        self._lock = threading.Lock()

    # -- spaCy -----------------------------------------------------------

    @property
    def nlp(self):
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = _pipeline(self.config.pipeline)
        return self._nlp

    def warm_up(self) -> None:
        """Load spaCy and everything a check touches once, e.g. before forking workers."""
        from .readers.plain import read_text

        self.check(read_text("Going forward, the ICB (Integrated Care Board) will leverage the API. NOT now."))

    def _doc(self, text):
        nlp = self.nlp
        return nlp(text) if self.config.pipeline else nlp.make_doc(text)

    # -- matching --------------------------------------------------------

    def hits(self, masked: str, full: bool = False, split=None) -> list[Hit]:
        """Terms in masked prose. `full` tokenises every block (the reference path).

        `split`, given a list of texts, returns the hits of each, in order, as
        a list or an iterator (from worker processes, say); the text is then
        checked through it, a long one cut into slices of whole blocks.
        """
        return list(self.hits_later(masked, full, split)())

    def hits_later(self, masked: str, full: bool = False, split=None):
        """`hits`, as a function that returns them (an iterable): with `split`, the slices are sent
        off now and their hits yielded as they come, so the caller can work meanwhile."""
        if split is not None and not full:
            return self._hits_in_slices(masked, _slices(masked) if len(masked) >= SPLIT_CHARS else [(0, len(masked))],
                                        split)
        bounds = block_bounds(masked)
        return lambda: self._hits(masked, bounds, full)

    def _hits(self, masked, bounds, full):
        if full:
            chosen = bounds
        else:
            chosen = self._candidate_regions(masked, bounds)
        out = []
        for start, end in chosen:
            block = Block(masked, start, end)
            if not block.text:
                continue
            doc = self._doc(block.text)
            for m in self.compiled.match(doc):
                first, last = doc[m.start], doc[m.end - 1]
                out.append(Hit(block.original(first.idx), block.original(last.idx + len(last.text) - 1) + 1,
                               m.term, m.tag))
        return out

    def _hits_in_slices(self, masked, slices, split):
        """The same hits as checking the whole text: a match never crosses a block boundary."""
        pending = split([masked[s:e] for s, e in slices])

        def collect():
            for (start, _), found in zip(slices, pending):
                yield from (Hit(h.offset + start, h.end_offset + start, h.term, h.tag) for h in found)

        return collect

    def _candidate_regions(self, masked, bounds):
        """The parts of blocks that could hold a match, each with all the context a match there needs.

        Around each place a pattern's key word stands, a region reaches out a
        fixed number of whitespace-separated chunks either side: enough to hold
        the longest pattern and the widest context window. spaCy tokenises each
        chunk on its own, so a region that starts and ends between chunks gives
        the same tokens as the whole block, and overlapping regions are merged,
        so competing matches are resolved together. (With a trained pipeline,
        whose tags depend on the whole sentence, whole blocks are used.)
        """
        compiled = self.compiled
        starts = [b[0] for b in bounds]
        reach: dict[int, int] = {}  # offset of a key -> chunks either side its region needs
        if JOIN in masked:  # rare: markup inside words; match on the joined text, skip the passage test
            stripped, back = _strip_joins(masked)
            for offset, key in compiled.candidate_offsets(_fold(stripped), stripped):
                offset = back(offset)
                reach[offset] = max(reach.get(offset, 0), compiled.reach[key])
        else:
            folded = _fold(masked)
            word_keys, exact_words = compiled.word_keys, compiled.exact_words
            for block, (block_start, block_end) in enumerate(bounds):
                passage = folded[block_start:block_end]
                words = set(LETTER_RUN.findall(passage))
                for word in word_keys.intersection(words):
                    for key in (word, *exact_words.get(word, ())):
                        if key not in compiled.needs:
                            continue  # a case-sensitive key only
                        if compiled.needs[key] is not None and not compiled.plausible(key, passage, words):
                            continue
                        for offset in compiled.word_offsets(key, passage, masked, block_start):
                            reach[offset] = max(reach.get(offset, 0), compiled.reach[key])
            verdicts = {}
            for offset, key in compiled.symbol_offsets(folded):
                block = bisect.bisect_right(starts, offset) - 1
                if block < 0:
                    continue
                if (block, key) not in verdicts:
                    passage = folded[bounds[block][0]:bounds[block][1]]
                    verdicts[(block, key)] = any(
                        compiled.plausible(k, passage, passage_words(passage))
                        for k in compiled.symbol_variants(key))
                if verdicts[(block, key)]:
                    reach[offset] = max(reach.get(offset, 0), max(compiled.reach[k] for k in compiled.symbol_variants(key)))
        spans = []  # (start, end, block index)
        for offset, chunks in reach.items():
            i = bisect.bisect_right(starts, offset) - 1
            if i < 0 or offset >= bounds[i][1]:
                continue
            block_start, block_end = bounds[i]
            if self.config.pipeline:
                spans.append((block_start, block_end, i))
            else:
                spans.append((_chunks_back(masked, offset, block_start, chunks),
                              _chunks_forward(masked, offset, block_end, chunks), i))
        regions, last_block = [], None
        for start, end, block in sorted(spans):
            if regions and block == last_block and start <= regions[-1][1]:
                regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
            else:
                regions.append((start, end))
            last_block = block
        return regions

    # -- findings --------------------------------------------------------

    def check(self, prose: Prose, path: str = "<text>", fmt: str = "text", full: bool = False,
              split=None) -> list[Finding]:
        return self.begin(prose, path, fmt, full, split)()

    def begin(self, prose: Prose, path: str = "<text>", fmt: str = "text", full: bool = False, split=None):
        """Start a check and return the function that finishes it (and returns the findings).

        With `split` (see `hits`), the terms are looked for elsewhere while
        the caller goes on, say, to read and begin the next file.
        """
        hits_later = self.hits_later(prose.masked, full, split)
        index = LineIndex(prose.text)
        prepared = document_rules.prepare(self, prose, index, path)

        def finish() -> list[Finding]:
            findings = [self._finding(h, prose, index, path) for h in hits_later()]
            findings = document_rules.apply(self, prose, index, findings, path, prepared)
            if not findings:
                return []
            directives = suppress.parse(prose.comments, index.line_of, prefixed=fmt != "text",
                                        is_blank=lambda line: index.is_blank(prose.masked, line))
            if directives:
                hidden = suppress.Suppressions(directives)
                findings = [f for f in findings if not hidden.hides(f)]
            return findings

        return finish

    def _finding(self, hit: Hit, prose: Prose, index: LineIndex, path: str) -> Finding:
        term = self.compiled.terms[hit.term]
        text = prose.text[hit.offset:hit.end_offset]
        replacements = self.compiled.replacements.get((hit.term, hit.tag), term.replacements)
        if not term.case_sensitive:
            replacements = tuple(forms.match_case(text, r) for r in replacements)
        line, column = index.position(hit.offset)
        end_line, end_column = index.position(hit.end_offset)
        severity = self.config.severity.get(term.id) or self.config.severity.get(term.glossary) or term.severity
        fix = None
        if replacements:
            fix = Fix((Edit(hit.offset, hit.end_offset, replacements[0]),), term.fix,
                      f"Replace with '{replacements[0]}'")
        location = None
        if prose.locations and line - 1 < len(prose.locations):  # a Word document: say where, in Word's terms
            location = f"{prose.locations[line - 1]}: \"{sentence_around(prose.text, hit.offset, hit.end_offset)}\""
        return Finding(
            path=path, line=line, column=column, end_line=end_line, end_column=end_column,
            offset=hit.offset, end_offset=hit.end_offset, text=text, rule="glossary",
            term_id=term.id, term=term.term, glossary=term.glossary, severity=severity,
            message=message_for(term, text, replacements, self.compiled.glossary_names),
            explanation=term.explanation, replacements=replacements, fix=fix, url=term.url,
            location=location, source=term.source,
        )


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def sentence_around(text: str, offset: int, end_offset: int, limit: int = 160) -> str:
    """The sentence that holds text[offset:end_offset], cut to about `limit` characters."""
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, offset - limit), offset):
        start = m.end()
    start = max(start, offset - limit)
    m = _SENTENCE_END.search(text, end_offset, end_offset + limit)
    end = m.end() if m and m.group() != "\n" else (m.start() if m else min(len(text), end_offset + limit))
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"


def message_for(term, text, replacements, names) -> str:
    label = LABELS.get(term.glossary) or names.get(term.glossary, term.glossary)
    text = " ".join(text.split())
    what = f"'{text}'" + (f" ({term.expansion})" if term.expansion and term.expansion.lower() != text.lower() else "")
    if replacements:
        options = " or ".join(f"'{r}'" for r in replacements[:2])
        return f"{what} is {label} jargon; try {options}"
    return f"{what} is {label} jargon; explain it in plain words"


_GAP = re.compile(r"[\s\x00]*\s[\s\x00]*")


def _chunks_back(masked, offset, floor, count):
    """The start of the chunk `count` chunks before the one at `offset` (or the block's start)."""
    span = 32 * (count + 1)
    while True:
        lo = max(floor, offset - span)
        gaps = [m.end() for m in _GAP.finditer(masked, lo, offset)]
        if len(gaps) > count:
            return gaps[-count - 1]
        if lo == floor:
            return floor
        span *= 4


def _chunks_forward(masked, offset, ceiling, count):
    """The end of the chunk `count` chunks after the one at `offset` (or the block's end)."""
    span = 32 * (count + 1)
    while True:
        hi = min(ceiling, offset + span)
        gaps = [m.start() for m in _GAP.finditer(masked, offset, hi)]
        if len(gaps) > count and gaps[count] < hi:
            return gaps[count]
        if hi == ceiling:
            return ceiling
        span *= 4


def _strip_joins(masked):
    pieces, stripped_starts, masked_starts = [], [], []
    size = 0
    for m in re.finditer(r"[^\x00]+", masked):
        stripped_starts.append(size)
        masked_starts.append(m.start())
        pieces.append(m.group())
        size += m.end() - m.start()

    def back(offset):
        k = bisect.bisect_right(stripped_starts, offset) - 1
        return masked_starts[k] + offset - stripped_starts[k]

    return "".join(pieces), back


# -- building and caching ---------------------------------------------------

def glossary_paths(config: Config) -> list[tuple[str, Path]]:
    """(source label, path) of every glossary a config can use: built-in ones first."""
    out = [("builtin", builtin_dir() / f"{gid}.yaml") for gid in BUILTIN_IDS]
    return out + [("extra", Path(p)) for p in config.extra_glossaries]


def _compiled_for(config: Config) -> Compiled:
    paths = glossary_paths(config)
    blobs = []
    for kind, path in paths:
        try:
            blobs.append(path.read_bytes())
        except OSError as exc:
            where = config.path or "<config>"
            if kind == "extra":
                raise ConfigError(where, 0, f"extra glossary {str(path)!r}: {exc.strerror or exc}") from None
            raise GlossaryError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    selection = (config.audience, tuple(sorted(config.glossaries.items())), tuple(sorted(config.audiences.items())))
    key = cache_key(blobs + [repr(selection).encode()], config.allow)
    return key, _memo(key, lambda: _build(config, paths))


_MEMO: dict[str, Compiled] = {}
_MEMO_LOCK = threading.Lock()


def _memo(key, build):
    with _MEMO_LOCK:
        if key not in _MEMO:
            _MEMO[key] = load_or_compile(key, build)
        return _MEMO[key]


def _build(config: Config, paths) -> Compiled:
    loaded = [load_glossary(path) for _, path in paths]
    by_id = {}
    for glossary in loaded:
        if glossary.id in by_id:
            raise GlossaryError(glossary.path, 1, f"glossary id {glossary.id!r} is already used by {by_id[glossary.id].path}")
        by_id[glossary.id] = glossary
    wanted = list(config.audience_glossaries())
    wanted += [g.id for g in loaded[len(BUILTIN_IDS):] if g.id not in wanted]
    missing = [g for g in wanted if g not in by_id]
    if missing:
        raise ConfigError(config.path or "<config>", 0, f"no glossary with id {', '.join(map(repr, missing))}")
    seen_ids: dict[str, str] = {}  # term ids must be unique across the glossaries in use
    for gid in wanted:
        for term in by_id[gid].terms:
            if term.id in seen_ids:
                raise GlossaryError(by_id[gid].path, term.line, f"term {term.id!r}: id already used in {seen_ids[term.id]}")
            seen_ids[term.id] = by_id[gid].path
    allowed_ids = {a.lower() for a in config.allow}
    selected = []
    for gid in wanted:
        g = by_id[gid]
        terms = tuple(t for t in g.terms if t.id not in allowed_ids)
        selected.append(type(g)(g.id, g.name, g.description, g.path, g.sources, terms))
    phrases = tuple(a for a in config.allow if a.lower() not in seen_ids)
    return Compiled(selected, phrases)


@lru_cache(maxsize=4)
def _pipeline(name):
    from .matcher import blank_nlp

    if not name:
        return blank_nlp()
    import spacy

    from .matcher import with_sentence_end_split

    try:
        return with_sentence_end_split(spacy.load(name))
    except (OSError, ValueError) as exc:
        raise ConfigError("<config>", 0, f"cannot load spaCy pipeline {name!r}: {str(exc).splitlines()[0]}") from None


_LINTERS: dict[str, Linter] = {}


def linter_for(config: Config) -> Linter:
    """One Linter per distinct configuration, built once."""
    key = repr(config)
    with _MEMO_LOCK:
        linter = _LINTERS.get(key)
    if linter is None:
        linter = Linter(config)
        with _MEMO_LOCK:
            linter = _LINTERS.setdefault(key, linter)
    return linter
