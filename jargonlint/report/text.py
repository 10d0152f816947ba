"""The report as plain text, for a terminal."""
from __future__ import annotations

from . import READABILITY_FORMULA, SEVERITIES, Report, Stats
from .readability import ease_label


def render(report: Report) -> str:
    lines = []
    total = report.total
    plural = "s" if total.documents != 1 else ""
    lines.append(f"jargonlint report: {total.documents} document{plural}, {total.counts.words:,} words")
    lines.append("")
    for stats in report.documents:
        lines += _section(stats, report.top)
        lines.append("")
    if len(report.documents) > 1:
        lines += _section(total, report.top)
        lines.append("")
    for path, message in report.errors:
        lines.append(f"error: {path}: {message}")
    for path, message in report.skipped:
        lines.append(f"skipped: {path}: {message}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(stats: Stats, top: int) -> list[str]:
    out = [stats.path]
    out.append(f"  words: {stats.counts.words:,}   sentences: {stats.counts.sentences:,}")
    out.append(f"  jargon: {stats.jargon} ({stats.jargon_per_100_words:.2f} per 100 words)"
               f"   possible jargon (rare words): {len(stats.rare_words)}")
    ease = stats.reading_ease
    if ease is None:
        out.append(f"  readability: {READABILITY_FORMULA}: no prose to score")
    else:
        out.append(f"  readability: {READABILITY_FORMULA} {ease:.1f} ({ease_label(ease)}); "
                   f"Flesch-Kincaid grade {stats.grade:.1f}")
    if stats.by_glossary:
        out.append("  by glossary: " + ", ".join(f"{g} {n}" for g, n in
                                                 sorted(stats.by_glossary.items(), key=lambda kv: (-kv[1], kv[0]))))
    if any(stats.by_severity.values()):
        out.append("  by severity: " + ", ".join(f"{s} {stats.by_severity[s]}" for s in SEVERITIES
                                                 if stats.by_severity.get(s)))
    terms = stats.top_terms(top)
    if terms:
        out.append("  most frequent: " + ", ".join(f"{t} ({n})" for t, _, n in terms))
    if stats.undefined:
        out.append("  undefined abbreviations: " + ", ".join(_where(a, p, n, stats) for a, p, n, _ in stats.undefined))
    if stats.defined_later:
        out.append("  defined after first use: " + ", ".join(_where(a, p, n, stats) for a, p, n in stats.defined_later))
    if stats.rare_words:
        out.append("  rare words: " + ", ".join(w for w, _, _ in stats.rare_words[:top])
                   + (f" and {len(stats.rare_words) - top} more" if len(stats.rare_words) > top else ""))
    return out


def _where(abbreviation, path, line, stats):
    return f"{abbreviation} ({path}:{line})" if stats.documents > 1 else f"{abbreviation} (line {line})"
