"""The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no network.

Every number the page shows for a document (or the whole set) sits in an
element with a ``data-metric`` attribute inside the section whose
``data-path`` names it, so a test can read the page's numbers back and
compare them with the JSON report.
"""
from __future__ import annotations

import os
from html import escape

from . import READABILITY_FORMULA, SEVERITIES, Report, Stats
from .readability import ease_label

PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#b58840", "#28a197", "#6f72af")
SEVERITY_COLOURS = {"error": "#d4351c", "warning": "#f47738", "info": "#1d70b8", "hint": "#505a5f"}

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #0b0c0c;
       background: #f3f2f1; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; min-height: 100vh; }
h1 { font-size: 2rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 32px 0 8px; border-bottom: 2px solid #b1b4b6; padding-bottom: 4px; }
h3 { font-size: 1.1rem; margin: 24px 0 8px; word-break: break-all; }
.lede { color: #505a5f; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { flex: 1 1 150px; border: 1px solid #b1b4b6; border-left: 6px solid #1d70b8; padding: 8px 12px; }
.card .value { display: block; font-size: 1.6rem; font-weight: 700; }
.card .label { color: #505a5f; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.95rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
th { background: #f3f2f1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { width: 100%; height: auto; max-width: 900px; display: block; }
.muted { color: #505a5f; }
.pill { display: inline-block; padding: 0 8px; margin: 0 6px 4px 0; border-radius: 10px; color: #fff; font-size: 0.85rem; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f3f2f1; padding: 0 4px; }
footer { margin-top: 40px; color: #505a5f; font-size: 0.85rem; }
"""


def render(report: Report) -> str:
    total = report.total
    colours = _glossary_colours(total)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Jargon report</title>",
        f"<style>{CSS}</style></head><body><main>",
        "<h1>Jargon report</h1>",
        f'<p class="lede">{total.documents} document{"s" if total.documents != 1 else ""}, '
        f"{total.counts.words:,} words. Jargon is every finding of a glossary or an abbreviation rule; "
        f"rare words are counted apart as possible jargon. Readability is the {READABILITY_FORMULA} score "
        "(higher is easier; plain English is 60 or more).</p>",
        _summary(total, "total"),
        "<h2>Jargon by glossary</h2>",
        _bar_chart([(g, n, colours[g]) for g, n in sorted(total.by_glossary.items(), key=lambda kv: (-kv[1], kv[0]))],
                   "Jargon findings by glossary", "findings", integer=True),
        "<h2>Jargon per 100 words, by document</h2>",
        _bar_chart([(label, d.jargon_per_100_words, PALETTE[0])
                    for label, d in zip(_short_names([d.path for d in report.documents]), report.documents)],
                   "Jargon per 100 words in each document", "per 100 words"),
        "<h2>Documents</h2>",
        _documents_table(report.documents),
    ]
    for stats in report.documents:
        parts.append(_details(stats, report.top, colours))
    if len(report.documents) > 1:
        parts.append(_details(total, report.top, colours, heading="All documents"))
    if report.errors or report.skipped:
        parts.append("<h2>Not read</h2><ul>")
        parts += [f"<li><code>{escape(p)}</code>: {escape(m)}</li>" for p, m in report.errors + report.skipped]
        parts.append("</ul>")
    parts.append("<footer>Made by jargonlint report. The page needs no network and no scripts.</footer>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _short_names(paths: list[str]) -> list[str]:
    """Paths without the folders they all share, for chart labels."""
    folders = [p.replace("\\", "/").rsplit("/", 1)[0] + "/" if "/" in p.replace("\\", "/") else "" for p in paths]
    shared = os.path.commonprefix(folders) if len(paths) > 1 else (folders[0] if folders else "")
    shared = shared[:shared.rfind("/") + 1]
    return [p.replace("\\", "/")[len(shared):] or p for p in paths]


def _glossary_colours(total: Stats) -> dict:
    names = sorted(total.by_glossary, key=lambda g: (-total.by_glossary[g], g))
    return {g: PALETTE[n % len(PALETTE)] for n, g in enumerate(names)}


def _metric(name, value, text=None) -> str:
    shown = text if text is not None else (f"{value:,}" if isinstance(value, int) else f"{value}")
    return f'<span data-metric="{name}" data-value="{escape(str(value))}">{escape(shown)}</span>'


def _summary(stats: Stats, key: str) -> str:
    ease = stats.reading_ease
    cards = [
        ("words", stats.counts.words, None, "words"),
        ("jargon", stats.jargon, None, "jargon findings"),
        ("jargon_per_100_words", stats.jargon_per_100_words, f"{stats.jargon_per_100_words:.2f}", "jargon per 100 words"),
        ("possible_jargon", len(stats.rare_words), None, "rare words (possible jargon)"),
        ("flesch_reading_ease", ease, "–" if ease is None else f"{ease:.1f}",
         f"{READABILITY_FORMULA} ({ease_label(ease)})"),
    ]
    body = "".join(f'<div class="card"><span class="value">{_metric(name, value, text)}</span>'
                   f'<span class="label">{escape(label)}</span></div>' for name, value, text, label in cards)
    return f'<section class="cards" data-path="{escape(stats.path)}" data-summary="{key}">{body}</section>'


def _bar_chart(items, title, unit, integer=False) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per item."""
    if not items:
        return '<p class="muted">Nothing to chart: no jargon found.</p>'
    width, label_w, value_w, bar_h, gap, top = 900, 300, 90, 22, 8, 4
    height = top + len(items) * (bar_h + gap)
    biggest = max(v for _, v, _ in items) or 1
    span = width - label_w - value_w
    rows = []
    for n, (label, value, colour) in enumerate(items):
        y = top + n * (bar_h + gap)
        length = max(1.0, span * value / biggest) if value else 0
        shown = f"{value:,}" if integer else f"{value:.2f}"
        short = label if len(label) <= 44 else label[:20] + "…" + label[-23:]
        rows.append(
            f'<g><title>{escape(label)}: {escape(shown)} {escape(unit)}</title>'
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="13" fill="#0b0c0c">'
            f"{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{colour}"></rect>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + bar_h * 0.72:.1f}" font-size="13" fill="#0b0c0c">'
            f"{escape(shown)}</text></g>")
    return (f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
            + "".join(rows) + "</svg>")


def _documents_table(documents) -> str:
    head = ("<tr><th>Document</th><th class=num>Words</th><th class=num>Jargon</th>"
            "<th class=num>Per 100 words</th><th class=num>Rare words</th>"
            f"<th class=num>{escape(READABILITY_FORMULA)}</th><th class=num>Grade</th></tr>")
    rows = []
    for d in documents:
        ease = "–" if d.reading_ease is None else f"{d.reading_ease:.1f}"
        grade = "–" if d.grade is None else f"{d.grade:.1f}"
        rows.append(
            f'<tr data-path="{escape(d.path)}"><td><code>{escape(d.path)}</code></td>'
            f'<td class=num>{_metric("words", d.counts.words)}</td>'
            f'<td class=num>{_metric("jargon", d.jargon)}</td>'
            f'<td class=num>{_metric("jargon_per_100_words", d.jargon_per_100_words, f"{d.jargon_per_100_words:.2f}")}</td>'
            f'<td class=num>{_metric("possible_jargon", len(d.rare_words))}</td>'
            f'<td class=num>{_metric("flesch_reading_ease", d.reading_ease, ease)}</td>'
            f'<td class=num>{_metric("flesch_kincaid_grade", d.grade, grade)}</td></tr>')
    return f"<table>{head}{''.join(rows)}</table>"


def _details(stats: Stats, top: int, colours: dict, heading: str | None = None) -> str:
    out = [f'<section class="document" data-path="{escape(stats.path)}">',
           f"<h3>{escape(heading or stats.path)}</h3>"]
    ease = stats.reading_ease
    out.append(
        f'<p>{_metric("words", stats.counts.words)} words, {_metric("sentences", stats.counts.sentences)} sentences; '
        f'{_metric("jargon", stats.jargon)} jargon findings '
        f'({_metric("jargon_per_100_words", stats.jargon_per_100_words, f"{stats.jargon_per_100_words:.2f}")} '
        f'per 100 words); {READABILITY_FORMULA} '
        f'{_metric("flesch_reading_ease", ease, "–" if ease is None else f"{ease:.1f}")} ({escape(ease_label(ease))}), '
        f'Flesch-Kincaid grade {_metric("flesch_kincaid_grade", stats.grade, "–" if stats.grade is None else f"{stats.grade:.1f}")}.</p>')
    if stats.by_glossary:
        out.append("<p>By glossary: " + "".join(
            f'<span class="pill" style="background:{colours.get(g, PALETTE[0])}">{escape(g)} '
            f'{_metric("by_glossary." + g, n)}</span>'
            for g, n in sorted(stats.by_glossary.items(), key=lambda kv: (-kv[1], kv[0]))) + "</p>")
    out.append("<p>By severity: " + "".join(
        f'<span class="pill" style="background:{SEVERITY_COLOURS[s]}">{s} {_metric("by_severity." + s, stats.by_severity.get(s, 0))}</span>'
        for s in SEVERITIES) + "</p>")
    terms = stats.top_terms(top)
    if terms:
        out.append("<table><tr><th>Most frequent terms</th><th>Glossary</th><th class=num>Uses</th></tr>" + "".join(
            f"<tr><td>{escape(t)}</td><td>{escape(g)}</td><td class=num>{n}</td></tr>" for t, g, n in terms)
            + "</table>")
    def where(path, line):
        return f"line {line}" if stats.documents == 1 else f"{escape(path)}:{line}"

    if stats.undefined:
        out.append("<p>Undefined abbreviations: " + ", ".join(
            f"<code>{escape(a)}</code> ({where(p, n)}{', ' + escape(e) if e else ''})"
            for a, p, n, e in stats.undefined) + "</p>")
    if stats.defined_later:
        out.append("<p>Defined after their first use: " + ", ".join(
            f"<code>{escape(a)}</code> ({where(p, n)})" for a, p, n in stats.defined_later) + "</p>")
    if stats.rare_words:
        words = ", ".join(escape(w) for w, _, _ in stats.rare_words[:top * 3])
        more = len(stats.rare_words) - top * 3
        out.append(f"<p>Rare words (possible jargon): {words}{f' and {more} more' if more > 0 else ''}</p>")
    out.append("</section>")
    return "\n".join(out)
