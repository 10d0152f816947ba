"""One module per output format; each has `render(results, context) -> str`."""
from __future__ import annotations

import enum
import importlib
from dataclasses import dataclass, field

from ..findings import SEVERITY_RANK, FileResult


class OutputFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
    LSP = "lsp"
    SARIF = "sarif"
    GITHUB = "github"


@dataclass(frozen=True)
class RenderContext:
    color: bool = False
    glossaries: dict = field(default_factory=dict)  # glossary id -> Glossary, for rule metadata
    terms: dict = field(default_factory=dict)  # term id -> Term
    cwd: str = "."
    glossary_names: dict = field(default_factory=dict)  # glossary id -> human name (SARIF rule text)


def render(fmt: OutputFormat | str, results: list[FileResult], context: RenderContext = RenderContext()) -> str:
    module = importlib.import_module(f"{__name__}.{OutputFormat(fmt).value}_format")
    return module.render(results, context)


def summary(results: list[FileResult]) -> dict:
    counts = {level: 0 for level in sorted(SEVERITY_RANK, key=SEVERITY_RANK.get, reverse=True)}
    for result in results:
        for finding in result.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return {
        "files": len(results),
        "files_with_findings": sum(1 for r in results if r.findings),
        "findings": sum(len(r.findings) for r in results),
        "by_severity": counts,
        "errors": sum(1 for r in results if r.error),
        "skipped": sum(1 for r in results if r.note),
    }
