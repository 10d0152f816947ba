"""Suppression directives written in the document's own comments.

    <!-- jargonlint-disable-next-line virement -->     Markdown, HTML
    <!-- jargonlint-disable -->  ...  <!-- jargonlint-enable -->
    .. jargonlint-disable-line                          reStructuredText
    jargonlint: disable-next-line virement              plain text

Each directive names term ids, glossary ids, rule ids or words; none means all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"^\s*(?:jargonlint(?:-|:\s*))?(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)


@dataclass(frozen=True)
class Directive:
    kind: str
    names: frozenset  # empty: everything
    line: int  # 0-based line of the comment's start
    end_line: int  # 0-based line of its end
    offset: int


def parse(comments, line_of, prefixed=True, is_blank=lambda line: False) -> list[Directive]:
    """Directives among comment bodies; `prefixed=False` for plain text, whose reader strips `jargonlint:`.

    Lines `is_blank` says are empty (0-based) are skipped when finding the line a disable-next-line covers.
    """
    out = []
    for offset, body in comments:
        m = _DIRECTIVE.match(body)
        if not m or (prefixed and not body.lstrip().lower().startswith("jargonlint")):
            continue
        names = frozenset(n.lower() for n in re.split(r"[\s,]+", m.group(2).strip()) if n and n != "--")
        line = line_of(offset)
        end_line = line + body.count("\n")
        if m.group(1) == "disable-next-line":
            while is_blank(end_line + 1):
                end_line += 1
        out.append(Directive(m.group(1), names, line, end_line, offset))
    return out


def _covers(names, finding) -> bool:
    return not names or bool(names & {finding.term_id.lower(), finding.glossary.lower(),
                                      finding.rule.lower(), finding.text.lower()})


class Suppressions:
    def __init__(self, directives: list[Directive]):
        self.lines: dict[int, list[frozenset]] = {}
        self.regions: list[tuple[int, int, frozenset]] = []  # (offset, end offset, names)
        open_regions: dict[frozenset, int] = {}
        for d in sorted(directives, key=lambda d: d.offset):
            if d.kind == "disable-next-line":
                self.lines.setdefault(d.end_line + 1, []).append(d.names)
            elif d.kind == "disable-line":
                self.lines.setdefault(d.line, []).append(d.names)
            elif d.kind == "disable":
                open_regions.setdefault(d.names, d.offset)
            else:  # enable: closes the matching disable, or every one if it names nothing
                for names in [n for n in open_regions if not d.names or n == d.names or n <= d.names]:
                    self.regions.append((open_regions.pop(names), d.offset, names))
        for names, start in open_regions.items():
            self.regions.append((start, float("inf"), names))
        self.starts = sorted(r[0] for r in self.regions)

    def __bool__(self):
        return bool(self.lines or self.regions)

    def hides(self, finding) -> bool:
        for names in self.lines.get(finding.line - 1, ()):
            if _covers(names, finding):
                return True
        return any(start <= finding.offset < end and _covers(names, finding)
                   for start, end, names in self.regions)
