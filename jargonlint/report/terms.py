"""The "Terms used in this document" section: Markdown a writer appends when the jargon must stay."""
from __future__ import annotations

from . import Report

HEADING = "## Terms used in this document"


def render(report: Report) -> str:
    lines = [HEADING, ""]
    uses = sorted(report.terms.values(), key=lambda u: (u.term.lower(), u.term))
    if not uses:
        lines.append("This document uses no terms from jargonlint's glossaries.")
    for use in uses:
        name = f"**{_md(use.term)}**"
        if use.expansion and use.expansion.lower() != use.term.lower():
            name += f" ({_md(use.expansion)})"
        meaning = _sentence(use.meaning)
        plain = f" In plain words: {', '.join(_md(p) for p in use.plain[:2])}." if use.plain else ""
        lines.append(f"- {name}: {_md(meaning)}{plain}".rstrip())
    if report.needs_meaning:
        lines += ["", "<!-- jargonlint: no glossary explains these abbreviations; add their meaning or spell them "
                      "out: " + ", ".join(a.replace("--", "- -") for a in report.needs_meaning) + " -->"]
    return "\n".join(lines) + "\n"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _md(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text
