"""Run glossary terms' examples: each is a small specification of the term."""
from __future__ import annotations

from dataclasses import dataclass

from .config import Config
from .engine import linter_for
from .readers.plain import read_text


@dataclass(frozen=True)
class ExampleFailure:
    term_id: str
    line: int
    kind: str  # "flag" or "pass"
    sentence: str
    found: tuple[str, ...]  # term ids found in the sentence

    def __str__(self):
        if self.kind == "flag":
            return f"term {self.term_id!r}: example not flagged: {self.sentence!r} (found: {', '.join(self.found) or 'nothing'})"
        return f"term {self.term_id!r}: example flagged but must pass: {self.sentence!r}"


def found_ids(sentence: str, config: Config) -> tuple[str, ...]:
    return tuple(f.term_id for f in linter_for(config).check(read_text(sentence)))


def check_term(term, config: Config) -> list[ExampleFailure]:
    failures = []
    for sentence in term.flag_examples:
        ids = found_ids(sentence, config)
        if term.id not in ids:
            failures.append(ExampleFailure(term.id, term.line, "flag", sentence, ids))
    for sentence in term.pass_examples:
        ids = found_ids(sentence, config)
        if term.id in ids:
            failures.append(ExampleFailure(term.id, term.line, "pass", sentence, ids))
    return failures


def check_glossary(glossary, config: Config) -> list[ExampleFailure]:
    return [failure for term in glossary.terms for failure in check_term(term, config)]
