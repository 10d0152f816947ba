"""`jargonlint report`: a picture of the jargon in a set of documents.

Each document is read and checked as `check` would (by the config that
governs it), and its findings are counted: by glossary, by severity, by term.
"Jargon" is every finding but rare words (the ``unknown-word`` hints, counted
on their own as possible jargon). The model here is plain data; one module
per output renders it (``text``, ``html``; JSON is ``Report.to_dict``), and
``terms`` writes the Markdown glossary a writer can append.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..document_rules import abbreviation_term
from ..findings import SEVERITY_RANK, Finding
from .readability import Counts, count, ease_label

REPORT_VERSION = 1
READABILITY_FORMULA = "Flesch reading ease"
SEVERITIES = tuple(sorted(SEVERITY_RANK, key=SEVERITY_RANK.get, reverse=True))  # error first
POSSIBLE = "unknown-word"  # the rule of rare-word hints: possible jargon, counted apart


@dataclass(frozen=True)
class TermUse:
    """A term as the report and the glossary section show it."""

    term: str
    glossary: str
    term_id: str
    expansion: str | None = None
    meaning: str = ""  # the plain explanation
    plain: tuple[str, ...] = ()  # plain alternatives


@dataclass
class Stats:
    """The counts for one document, or for the whole set."""

    path: str
    counts: Counts = field(default_factory=Counts)
    by_glossary: Counter = field(default_factory=Counter)  # jargon only
    by_severity: Counter = field(default_factory=Counter)  # every finding
    by_rule: Counter = field(default_factory=Counter)
    terms: Counter = field(default_factory=Counter)  # (glossary, term) -> uses, jargon only
    undefined: list = field(default_factory=list)  # (abbreviation, path, line, expansion or None)
    defined_later: list = field(default_factory=list)  # (abbreviation, path, line)
    rare_words: list = field(default_factory=list)  # (word, path, line)
    documents: int = 1

    @property
    def jargon(self) -> int:
        return sum(self.by_glossary.values())

    @property
    def jargon_per_100_words(self) -> float:
        return round(100 * self.jargon / self.counts.words, 2) if self.counts.words else 0.0

    @property
    def reading_ease(self) -> float | None:
        score = self.counts.flesch_reading_ease
        return None if score is None else round(score, 1)

    @property
    def grade(self) -> float | None:
        score = self.counts.flesch_kincaid_grade
        return None if score is None else round(score, 1)

    def add(self, finding: Finding, use: TermUse | None = None) -> None:
        self.by_severity[finding.severity] += 1
        self.by_rule[finding.rule] += 1
        if finding.rule == POSSIBLE:
            self.rare_words.append((finding.term, finding.path, finding.line))
            return
        self.by_glossary[finding.glossary] += 1
        self.terms[(finding.glossary, finding.term)] += 1
        if finding.rule == "abbreviation":
            self.undefined.append((finding.term, finding.path, finding.line, use.expansion if use else None))
        elif finding.rule == "defined-later":
            self.defined_later.append((finding.term, finding.path, finding.line))

    def merge(self, other: "Stats") -> None:
        self.counts = self.counts + other.counts
        for mine, theirs in ((self.by_glossary, other.by_glossary), (self.by_severity, other.by_severity),
                             (self.by_rule, other.by_rule), (self.terms, other.terms)):
            mine.update(theirs)
        self.undefined += other.undefined
        self.defined_later += other.defined_later
        self.rare_words += other.rare_words
        self.documents += other.documents

    def top_terms(self, top: int) -> list[tuple[str, str, int]]:
        ranked = sorted(self.terms.items(), key=lambda item: (-item[1], item[0][1].lower(), item[0][0]))
        return [(term, glossary, n) for (glossary, term), n in ranked[:top]]

    def to_dict(self, top: int) -> dict:
        return {
            "path": self.path,
            "documents": self.documents,
            "words": self.counts.words,
            "sentences": self.counts.sentences,
            "syllables": self.counts.syllables,
            "jargon": self.jargon,
            "jargon_per_100_words": self.jargon_per_100_words,
            "possible_jargon": len(self.rare_words),
            "findings": sum(self.by_severity.values()),
            "by_glossary": dict(sorted(self.by_glossary.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_severity": {s: self.by_severity.get(s, 0) for s in SEVERITIES},
            "by_rule": dict(sorted(self.by_rule.items())),
            "top_terms": [{"term": t, "glossary": g, "count": n} for t, g, n in self.top_terms(top)],
            "undefined_abbreviations": [{"abbreviation": a, "path": p, "line": n, "expansion": e}
                                        for a, p, n, e in self.undefined],
            "defined_later": [{"abbreviation": a, "path": p, "line": n} for a, p, n in self.defined_later],
            "rare_words": [{"word": w, "path": p, "line": n} for w, p, n in self.rare_words],
            "readability": {
                "formula": READABILITY_FORMULA,
                "flesch_reading_ease": self.reading_ease,
                "description": ease_label(self.reading_ease),
                "flesch_kincaid_grade": self.grade,
            },
        }


@dataclass
class Report:
    documents: list[Stats] = field(default_factory=list)
    total: Stats = field(default_factory=lambda: Stats("(all documents)", documents=0))
    terms: dict = field(default_factory=dict)  # (glossary, term) -> TermUse, for the glossary section
    needs_meaning: list = field(default_factory=list)  # abbreviations no glossary explains
    errors: list = field(default_factory=list)  # (path, message)
    skipped: list = field(default_factory=list)  # (path, message)
    top: int = 10

    def add_document(self, stats: Stats) -> None:
        self.documents.append(stats)
        self.total.merge(stats)

    def to_dict(self) -> dict:
        return {
            "version": REPORT_VERSION,
            "readability_formula": READABILITY_FORMULA,
            "documents": [d.to_dict(self.top) for d in self.documents],
            "total": self.total.to_dict(self.top),
            "errors": [{"path": p, "message": m} for p, m in self.errors],
            "skipped": [{"path": p, "message": m} for p, m in self.skipped],
        }


def document_stats(path: str, masked: str, findings, lookup=lambda finding: None) -> tuple[Stats, list[TermUse]]:
    """The counts for one checked document; `lookup` gives the TermUse of a finding (or None)."""
    stats = Stats(path, count(masked))
    uses = []
    for finding in findings:
        use = lookup(finding)
        stats.add(finding, use)
        if use is not None:
            uses.append(use)
    return stats, uses


def collect(paths, options, top: int = 10, stdin: bytes | None = None, stdin_filename: str = "<stdin>") -> Report:
    """Check every document under `paths` and count what was found."""
    from ..api import Checker, LintError
    from ..engine import linter_for
    from ..files import Skip, load_document, read_bytes
    from ..readers import ReadError

    checker = Checker(options)
    report = Report(top=top)
    needs = {}
    for path, error in checker.paths(paths):
        if error:
            report.errors.append((path, error))
            continue
        name = stdin_filename if path == "-" else path
        try:
            data = (stdin or b"") if path == "-" else read_bytes(path)
            document = load_document(name, data, options.format)
            linter = linter_for(checker.config_for(name))
            result = checker.check_document(document)
        except Skip as note:
            report.skipped.append((name, str(note)))
            continue
        except ReadError as exc:
            report.errors.append((name, str(exc)))
            continue
        except LintError as exc:
            report.errors.append((name, str(exc)))
            continue
        lookup = _TermLookup(linter)
        stats, uses = document_stats(name, document.prose.masked, result.findings, lookup)
        report.add_document(stats)
        for use in uses:
            report.terms.setdefault((use.glossary, use.term), use)
        for abbreviation, _, _, expansion in stats.undefined:
            if expansion is None and (("abbreviations", abbreviation) not in report.terms):
                needs.setdefault(abbreviation, None)
    report.needs_meaning = sorted(needs)
    return report


class _TermLookup:
    """A finding's term with its plain meaning, from the glossaries its document was checked with."""

    def __init__(self, linter):
        self.linter = linter
        self.by_id = {t.id: t for t in linter.compiled.terms}

    def __call__(self, finding) -> TermUse | None:
        if finding.rule == "glossary":
            term = self.by_id.get(finding.term_id)
            return TermUse(finding.term, finding.glossary, finding.term_id,
                           term.expansion if term else None, finding.explanation,
                           tuple(term.replacements) if term else finding.replacements)
        if finding.rule == "abbreviation":
            term = abbreviation_term(self.linter, finding.term)
            if term is not None:  # a glossary knows it
                return TermUse(finding.term, finding.glossary, finding.term_id, term.expansion, term.explanation,
                               tuple(term.replacements))
        return None
