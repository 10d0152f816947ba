"""Rules that read the whole document, after the glossary matches.

An editor reads a document, not a list of words. Here, in this order:

1. **Abbreviations the text defines** (``Integrated Care Board (ICB)``, ``ICB
   (Integrated Care Board)``, ``LCH (our community trust)``) are defined from
   there on: glossary findings on the abbreviation at its definition and after
   it are dropped (the long form is still checked). An abbreviation used
   before its definition is reported once, at its first use (``defined-later``).
2. **Terms the text explains** (``virement (moving money between budgets)``):
   the explained use is not reported, later uses are reported at the
   ``defined_terms`` severity, or not at all (``hide``).
3. **Undefined abbreviations** (``abbreviations``): an abbreviation that is not
   defined, not known to every reader (the built-in list and the config's
   ``known_abbreviations``), not allowed and not already reported by a
   glossary is reported once, at its first use. If a glossary knows it (one
   the audience leaves out, or whose context did not fit), the finding offers
   the glossary's expansion and plain words.
4. **Unknown words** (``unknown_words``, off by default): rare words in no
   glossary, reported once each as hints, with no replacement.

The detection itself is pure functions in ``abbreviations``, ``definitions``
and ``unknown_words``; this module only applies them to one document's prose
(its masked text, so code, URLs and markup are never read) and builds findings.
"""
from __future__ import annotations

import bisect
import re
import threading
import weakref
from dataclasses import replace
from functools import lru_cache

from . import abbreviations as abbr
from . import definitions, unknown_words
from .abbreviations import Definition, abbreviation_key
from .findings import SEVERITY_RANK, Edit, Finding, Fix
from .readers import JOIN

ABBREVIATIONS = "abbreviations"  # the `glossary` of findings about abbreviations
UNKNOWN = "unknown-words"  # the `glossary` of unknown-word findings
UNDEFINED_ID = "undefined-abbreviation"
DEFINED_LATER_ID = "defined-later"
UNKNOWN_ID = "unknown-word"

UNDEFINED_EXPLANATION = ("A reader who does not know an abbreviation cannot look it up in the text. Spell it out "
                         "the first time, with the abbreviation in brackets after it, or use plain words.")
DEFINED_LATER_EXPLANATION = ("The document defines this abbreviation, but only after a reader has met it. Move the "
                             "definition to the first use.")
UNKNOWN_EXPLANATION = ("No glossary knows this word, and it is rare in everyday English (Zipf frequency {zipf:.1f}; "
                       "common words score 4 or more), so it may be jargon.")
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)")
_NOT_JOIN = re.compile(r"[^\x00]+")


def prepare(linter, prose, index, path):
    """The part of the document rules that needs no findings: abbreviations used and defined.

    (In a parallel run, done while a worker process looks for the terms.)
    """
    doc = _Document(linter, prose, index, path)
    doc.occurrences = _candidates(doc) if linter.config.abbreviations else {}
    doc.defined = _definitions(doc, doc.occurrences)
    return doc


def apply(linter, prose, index, findings, path, prepared=None):
    """Return the findings with document-level rules applied (sorted by offset)."""
    config = linter.config
    doc = prepared or prepare(linter, prose, index, path)
    occurrences, defined = doc.occurrences, doc.defined
    glossary = [f for f in findings if f.rule == "glossary"]
    others = [f for f in findings if f.rule != "glossary"]
    glossary, later = _defined_abbreviations(doc, glossary, defined, occurrences, config.abbreviations)
    glossary = _explained_terms(doc, glossary)
    out = glossary + others + later
    if config.abbreviations:
        out += _undefined_abbreviations(doc, out, occurrences, defined)
    if config.unknown_words:
        out += _unknown_words(doc, out)
    return sorted(out, key=lambda f: (f.offset, f.end_offset))


class _Document:
    """One document being checked: its prose, and how to build a finding in it."""

    def __init__(self, linter, prose, index, path):
        self.linter, self.config, self.compiled = linter, linter.config, linter.compiled
        self.prose, self.masked, self.index, self.path = prose, prose.masked, index, path
        self.known = abbr.builtin_known() | frozenset(self.config.known_abbreviations)
        self.allowed = frozenset(a.lower() for a in self.config.allow)
        self.joined = _Joined(self.masked)
        self.occurrences: dict = {}  # set by `prepare`
        self.defined: dict = {}

    def key_of(self, finding) -> str:
        """The abbreviation key of a finding's text as prose reads it (`IV&amp;V` is IV&V)."""
        return abbreviation_key(self.masked[finding.offset:finding.end_offset].replace(JOIN, ""))

    @property
    def other_glossaries(self) -> tuple[str, ...]:
        """Paths of every glossary the config can use, when some are left out for this audience; else ()."""
        if not hasattr(self, "_other"):
            from .engine import glossary_paths

            paths = tuple(str(p) for _, p in glossary_paths(self.config))
            self._other = paths if len(paths) > len(self.compiled.glossary_ids) else ()
        return self._other

    def severity(self, *keys, default):
        for key in keys:
            if key in self.config.severity:
                return self.config.severity[key]
        return default

    def is_known(self, token: str) -> bool:
        key = abbreviation_key(token)
        if token in self.known or key in self.known or token.lower() in self.allowed or key.lower() in self.allowed:
            return True
        if "/" in token:  # AM/PM: known when every part is
            return all(part in self.known for part in token.split("/"))
        letters = token.rstrip("0123456789")  # COVID19
        return letters != token and letters in self.known

    def finding(self, start, end, *, rule, term_id, term, glossary, severity, message, explanation,
                replacements=(), fix=None, url=None, source=None) -> Finding:
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(end)
        locations = self.prose.locations
        location = locations[line - 1] if locations and line - 1 < len(locations) else None
        return Finding(
            path=self.path, line=line, column=column, end_line=end_line, end_column=end_column,
            offset=start, end_offset=end, text=self.prose.text[start:end], rule=rule, term_id=term_id,
            term=term, glossary=glossary, severity=severity, message=message, explanation=explanation,
            replacements=tuple(replacements), fix=fix, url=url, location=location, source=source)


# -- 1. abbreviations the text defines -----------------------------------------

class _Joined:
    """The masked prose with JOIN characters taken out (`IV&amp;V` reads `IV&V`), and the way back.

    Almost every text has none, and then this is the masked text itself.
    """

    def __init__(self, masked):
        if JOIN not in masked:
            self.text, self._starts, self._origins = masked, None, None
            return
        pieces, starts, origins, size = [], [], [], 0
        for m in _NOT_JOIN.finditer(masked):
            starts.append(size)
            origins.append(m.start())
            pieces.append(m.group())
            size += m.end() - m.start()
        self.text, self._starts, self._origins = "".join(pieces), starts, origins

    def start(self, offset):
        if self._starts is None:
            return offset
        k = bisect.bisect_right(self._starts, offset) - 1
        return self._origins[k] + offset - self._starts[k]

    def end(self, offset):
        return offset if self._starts is None or offset == 0 else self.start(offset - 1) + 1

    def definition(self, d: Definition) -> Definition:
        if self._starts is None:
            return d
        return Definition(d.short, d.long, self.start(d.short_start), self.end(d.short_end),
                          self.start(d.long_start), self.end(d.long_end))


def _candidates(doc) -> dict[str, list[tuple[int, int, str]]]:
    """Abbreviations in the prose, by key (singular), in order of first use."""
    out: dict[str, list] = {}
    view = doc.joined
    for start, end, token in abbr.candidates(view.text):
        out.setdefault(abbreviation_key(token), []).append((view.start(start), view.end(end), token))
    return out


def _definitions(doc, occurrences) -> dict[str, Definition]:
    """The first definition of each abbreviation: Schwartz and Hearst, or an explanation right after it."""
    defined: dict[str, Definition] = {}
    view = doc.joined
    for d in abbr.find_definitions(view.text):
        defined.setdefault(d.key, view.definition(d))
    masked = doc.masked
    for key, occ in occurrences.items():
        for start, end, token in occ:
            if key in defined and defined[key].short_start <= start:
                break
            if not _may_explain(masked, end):
                continue
            span = definitions.explanation_after(masked, end)
            if span:
                defined[key] = Definition(token, masked[span[0]:span[1]], start, end, span[0], span[1])
                break
    return defined


def _may_explain(text, end):
    """A cheap test before the explanation finder: a bracket, dash or comma follows."""
    rest = text[end:end + 4].lstrip(" \t\"'’”")
    return rest[:1] in ("(", "–", "—", "-", ",")


def _defined_abbreviations(doc, glossary, defined, occurrences, report_early=True):
    """Drop glossary findings on defined abbreviations; report each one used before its definition.

    Without `report_early` (abbreviations turned off), uses before the
    definition keep their glossary findings instead.
    """
    if not defined:
        return glossary, []
    early: dict[str, tuple[int, int, str]] = {}  # key -> first use before the definition
    kept = []
    for f in glossary:
        key = doc.key_of(f)
        d = defined.get(key)
        if d is None or (f.offset < d.short_start and not report_early):
            kept.append(f)
            continue
        if f.offset < d.short_start and (key not in early or f.offset < early[key][0]):
            early[key] = (f.offset, f.end_offset, doc.masked[f.offset:f.end_offset].replace(JOIN, ""))
    for key, d in defined.items():
        for start, end, token in occurrences.get(key, ()):
            if start >= d.short_start:
                break
            if key not in early or start < early[key][0]:
                early[key] = (start, end, token)
            break
    later = []
    for key, (start, end, token) in early.items():
        if doc.is_known(token):
            continue
        d = defined[key]
        line = doc.index.position(d.short_start)[0]
        long = " ".join(d.long.split())
        short = abbreviation_key(d.short)
        if token != key and not long.endswith("s"):  # a plural use: Integrated Care Boards (ICBs)
            long, short = long + "s", token
        definition = f"{long} ({short})"
        later.append(doc.finding(
            start, end, rule="defined-later", term_id=DEFINED_LATER_ID, term=key, glossary=ABBREVIATIONS,
            severity=doc.severity(DEFINED_LATER_ID, ABBREVIATIONS, default="warning"),
            message=f"'{token}' is defined later (line {line}); define it here",
            explanation=DEFINED_LATER_EXPLANATION, replacements=(definition,),
            fix=Fix((Edit(start, end, definition),), "unsafe", f"Define it here: '{definition}'")))
    return kept, later


# -- 2. terms the text explains -------------------------------------------------

def _explained_terms(doc, glossary):
    """The explained use of a glossary term is not reported; later uses at the `defined_terms` setting."""
    setting = doc.config.defined_terms
    masked = doc.masked
    explained_on: dict[str, int] = {}  # term id -> line of its explanation
    out = []
    for f in glossary:  # in order of offset
        if f.term_id in explained_on:
            if setting == "hide":
                continue
            severity = min(f.severity, setting, key=SEVERITY_RANK.__getitem__)
            out.append(replace(f, severity=severity,
                               message=f"{f.message} (explained on line {explained_on[f.term_id]})"))
            continue
        if definitions.explained(masked, f.offset, f.end_offset):
            explained_on[f.term_id] = f.line
            continue
        out.append(f)
    return out


# -- 3. undefined abbreviations -----------------------------------------------------

def _undefined_abbreviations(doc, findings, occurrences, defined):
    reported = _Spans(findings)
    flagged_keys = {doc.key_of(f) for f in findings}
    masked = doc.masked
    out = []
    for key, occ in occurrences.items():
        if key in defined or key in flagged_keys:
            continue
        token = occ[0][2]
        if doc.is_known(token):
            continue
        for start, end, token in occ:
            if reported.overlaps(start, end) or _before_legal_form(masked, end):
                continue
            finding = _undefined(doc, start, end, token, key)
            if finding:
                out.append(finding)
            break
    return out


def _before_legal_form(text, end):
    """Boehringer Ingelheim RCV GmbH: an abbreviation right before a company's legal form is part of its name."""
    m = _NEXT_WORD.match(text, end)
    return bool(m) and m.group(1) in abbr.legal_forms()


def _undefined(doc, start, end, token, key):
    term = _glossary_term(doc, token, key)
    if term is not None and term.id in doc.allowed:
        return None
    severity = doc.severity(UNDEFINED_ID, ABBREVIATIONS, default="warning")
    if term is None:
        return doc.finding(
            start, end, rule="abbreviation", term_id=UNDEFINED_ID, term=key, glossary=ABBREVIATIONS,
            severity=severity, message=f"'{token}' is an abbreviation the document does not define; spell it out",
            explanation=UNDEFINED_EXPLANATION)
    expansion = f" ({term.expansion})" if term.expansion else ""
    replacements = term.replacements
    if replacements and token != key:  # plural use
        replacements = doc.compiled.plural_replacements.get(replacements) or _plural(replacements)
    message = f"'{token}'{expansion} is an abbreviation the document does not define; spell it out"
    if replacements:
        message += " or try " + " or ".join(f"'{r}'" for r in replacements[:2])
    fix = None
    if replacements:
        fix = Fix((Edit(start, end, replacements[0]),), "unsafe", f"Replace with '{replacements[0]}'")
    return doc.finding(
        start, end, rule="abbreviation", term_id=UNDEFINED_ID, term=key, glossary=ABBREVIATIONS,
        severity=severity, message=message, explanation=term.explanation or UNDEFINED_EXPLANATION,
        replacements=replacements, fix=fix, url=term.url, source=term.source)


@lru_cache(maxsize=256)
def _plural(replacements):
    """For a term from a glossary not in use: its replacements made plural."""
    from .forms import inflect_phrase

    return tuple(inflect_phrase(r, "NNS") for r in replacements)


class _Spans:
    """Spans already reported, to test a new span for overlap."""

    def __init__(self, findings):
        spans = sorted((f.offset, f.end_offset) for f in findings)
        self.starts = [s for s, _ in spans]
        self.reach = []  # the furthest end of the spans up to each one
        furthest = -1
        for _, e in spans:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def overlaps(self, start, end):
        """Does any span that starts before `end` end after `start`?"""
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


# The glossaries' abbreviations, for the expansion an undefined one is offered.
_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()


def _abbreviation_index(terms):
    index = {}
    for term in terms:
        for spelling in term.spellings:
            if abbr.is_short_form(spelling):
                index.setdefault(spelling if term.case_sensitive else spelling.lower(), term)
    return index


def _glossary_term(doc, token, key):
    """The glossary term an abbreviation is, from the glossaries in use, else from any glossary the config names."""
    compiled = doc.compiled
    with _INDEX_LOCK:
        index = _INDEXES.get(compiled)
        if index is None:
            index = _INDEXES[compiled] = _abbreviation_index(compiled.terms)
    term = _lookup(index, token, key)
    if term is None and doc.other_glossaries:
        term = _lookup(_all_glossaries_index(doc.other_glossaries), token, key)
    return term


class _NoProse:
    text = masked = ""
    locations = ()


_NO_PROSE = _NoProse()


def abbreviation_term(linter, abbreviation: str):
    """The glossary term an abbreviation finding's `term` is, as the rule looked it up (or None)."""
    doc = _Document(linter, _NO_PROSE, None, "")
    return _glossary_term(doc, abbreviation, abbreviation_key(abbreviation))


def _lookup(index, token, key):
    for form in (token, key):
        term = index.get(form) or index.get(form.lower())
        if term is not None:
            return term
    return None


@lru_cache(maxsize=4)
def _all_glossaries_index(paths):
    from .glossary import GlossaryError, load_glossary

    terms = []
    for path in paths:
        try:
            terms.extend(load_glossary(path).terms)
        except GlossaryError:
            continue  # a broken glossary is reported where it is compiled
    return _abbreviation_index(terms)


# -- 4. unknown words ---------------------------------------------------------------

_GLOSSARY_WORDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _glossary_words(compiled) -> frozenset:
    """Every one-word form (lowercase) a glossary in use matches: the glossary has decided those words."""
    with _INDEX_LOCK:
        words = _GLOSSARY_WORDS.get(compiled)
        if words is None:
            words = compiled.single_words
            _GLOSSARY_WORDS[compiled] = words
    return words


_WORD_BEFORE = re.compile(r"(\S+)[^\S\n]+$")
_WORD_AFTER = re.compile(r"[^\S\n]+(\S+)")


def _inside_name(text, start, end):
    """Between a capitalised word (or a number) and a capitalised word: part of a name or an address
    (Podru nica Ljubljana, where a letter was lost), not prose."""
    after = _WORD_AFTER.match(text, end)
    if not after or not after.group(1)[0].isupper():
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(before) and (before.group(1)[0].isupper() or before.group(1)[0].isdigit())


def _unknown_words(doc, findings):
    occurrences = unknown_words.rare_words(doc.masked)
    if not occurrences:
        return []
    known = _glossary_words(doc.compiled)
    reported = _Spans(findings)
    masked = doc.masked
    by_word: dict[str, list] = {}
    for start, end, word in occurrences:
        by_word.setdefault(word.lower(), []).append((start, end, word))
    severity = doc.severity(UNKNOWN_ID, UNKNOWN, default="hint")
    out = []
    for word, occ in by_word.items():
        if word in known or word in doc.allowed:
            continue
        if any(definitions.explained(masked, s, e) for s, e, _ in occ):  # the document explains it
            continue
        for start, end, text in occ:
            if reported.overlaps(start, end) or _inside_name(masked, start, end):
                continue
            out.append(doc.finding(
                start, end, rule="unknown-word", term_id=UNKNOWN_ID, term=word, glossary=UNKNOWN,
                severity=severity,
                message=f"'{text}' is a rare word; if your reader may not know it, explain it or use a plainer word",
                explanation=UNKNOWN_EXPLANATION.format(zipf=unknown_words.zipf(word))))
            break
    return out
