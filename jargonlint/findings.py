"""Findings: plain immutable data that every output format renders."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

SEVERITY_RANK = {"hint": 0, "info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Edit:
    offset: int
    end_offset: int
    text: str


@dataclass(frozen=True)
class Fix:
    """Edits that apply a replacement; only `safe` fixes are applied by --fix."""

    edits: tuple[Edit, ...]
    applicability: str  # "safe" or "unsafe"
    title: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int  # 1-based
    column: int  # 1-based, in characters (code points)
    end_line: int
    end_column: int  # exclusive
    offset: int  # 0-based character offset into the file's text
    end_offset: int
    text: str  # exactly text[offset:end_offset]
    rule: str  # "glossary", "abbreviation", "defined-later", "unknown-word"
    term_id: str
    term: str
    glossary: str
    severity: str
    message: str
    explanation: str
    replacements: tuple[str, ...] = ()
    fix: Fix | None = None
    url: str | None = None
    location: str | None = None  # for files without a text source: where a person finds it
    source: str | None = None  # the glossary source the term cites

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in _FIELDS}
        data["replacements"] = list(self.replacements)
        data["fix"] = None if self.fix is None else {
            "applicability": self.fix.applicability,
            "title": self.fix.title,
            "edits": [{"offset": e.offset, "end_offset": e.end_offset, "text": e.text} for e in self.fix.edits],
        }
        return data


_FIELDS = tuple(f.name for f in fields(Finding) if f.name not in ("replacements", "fix"))


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # a one-line problem that stopped the file being checked
    note: str | None = None  # a file passed over on purpose (binary, excluded)
    words: int = 0
    format: str = "text"
    extras: dict = field(default_factory=dict, compare=False)
