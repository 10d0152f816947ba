"""Apply safe fixes at the findings' own offsets, then check again.

A fix is a finding's edits: its exact span in the file's text and the first
replacement, already in the matched word's form and case. Only fixes the
glossary marks safe are applied. Nothing is ever searched for again: an edit
replaces ``text[offset:end_offset]``, and is refused if that span no longer
holds what the finding saw, or if markup sits inside it (``uti**lis**e``: the
mask differs from the text there), so code, links and front matter are never
touched. A fix that overlaps one already applied is skipped; the result is
checked again, and fixes that became possible are applied in a further pass,
until nothing changes. So a second run changes nothing.

Writing goes through ``atomic.write_bytes`` with the file's own encoding and
byte-order mark; the text keeps its line endings because the edits never
touch them.
"""
from __future__ import annotations

import bisect
import difflib
import html
import re
from dataclasses import dataclass, replace
from typing import Callable

from .findings import Edit, FileResult, Finding
from .readers import FORMATS, Prose

MAX_PASSES = 10
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")
# Characters that would become markup if a replacement put them into prose.
_MARKUP = {
    "markdown": set("*_`[]<>\\|#~!"),
    "rst": set("*_`|\\:[]<>"),
    "text": set(),
    "html": set(),  # escaped instead
}


@dataclass(frozen=True)
class Change:
    """One applied fix, where it was in the text it was applied to."""

    line: int
    column: int
    old: str
    new: str
    term_id: str


@dataclass(frozen=True)
class Skipped:
    finding: Finding
    reason: str


@dataclass(frozen=True)
class TextFix:
    text: str  # the fixed text
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]  # what a check of the fixed text finds
    skipped: tuple[Skipped, ...] = ()  # safe fixes not applied, and why
    converged: bool = True  # False if MAX_PASSES ran out while fixes still applied


@dataclass(frozen=True)
class FixOutcome:
    """What fixing one file did; `result` is the re-check of the fixed text."""

    path: str
    result: FileResult
    changes: tuple[Change, ...] = ()
    before: str | None = None
    after: str | None = None
    data: bytes | None = None  # the bytes to write; None when nothing changes
    skipped: tuple[Skipped, ...] = ()
    note: str | None = None  # why the file was not fixed (a .docx, say)
    converged: bool = True
    original: bytes | None = None  # the bytes the fix was computed from

    @property
    def changed(self) -> bool:
        return self.data is not None

    def diff(self) -> str:
        if not self.changed:
            return ""
        return unified_diff(self.path, self.before, self.after)


# -- choosing and applying edits ------------------------------------------------

def is_safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applicability == "safe" and bool(finding.fix.edits)


def choose(findings, prose: Prose, fmt: str = "text",
           encodable: Callable[[str], bool] = lambda s: True) -> tuple[list[tuple[Finding, tuple[Edit, ...]]], list[Skipped]]:
    """The safe fixes to apply in one pass, in text order, and the ones skipped.

    A fix whose edits overlap an edit already taken is skipped (the first by
    offset wins), as is one whose span holds markup or no longer holds the
    finding's text, and one whose replacement the file's encoding cannot hold.
    """
    text, masked = prose.text, prose.masked
    taken: list[tuple[int, int]] = []
    chosen, skipped = [], []
    for finding in sorted((f for f in findings if is_safe(f)), key=lambda f: (f.offset, f.end_offset)):
        edits = []
        reason = None if text[finding.offset:finding.end_offset] == finding.text else "text changed since the check"
        for edit in () if reason else finding.fix.edits:
            span = text[edit.offset:edit.end_offset]
            if not (0 <= edit.offset <= edit.end_offset <= len(text)):
                reason = "edit outside the text"
            elif masked[edit.offset:edit.end_offset] != span:
                reason = "markup inside the matched text"
            elif _overlaps(taken, edit) or any(_crosses(e, edit) for e in edits):
                reason = "overlaps a fix already applied"
            else:
                replacement = _for_format(edit.text, fmt)
                if replacement is None:
                    reason = "replacement would be read as markup"
                elif not encodable(replacement):
                    reason = "replacement cannot be written in the file's encoding"
                else:
                    edits.append(Edit(edit.offset, edit.end_offset, replacement))
            if reason:
                break
        if reason:
            skipped.append(Skipped(finding, reason))
            continue
        for e in edits:
            bisect.insort(taken, (e.offset, e.end_offset))
        chosen.append((finding, tuple(edits)))
    return chosen, skipped


def _crosses(a: Edit, b: Edit) -> bool:
    return a.offset < b.end_offset and b.offset < a.end_offset


def _overlaps(taken: list[tuple[int, int]], edit: Edit) -> bool:
    """Does the edit overlap any of the sorted, non-overlapping spans taken?"""
    a, b = edit.offset, edit.end_offset
    i = bisect.bisect_left(taken, (a, a))
    if i > 0 and _crosses(Edit(*taken[i - 1], ""), edit):
        return True
    while i < len(taken) and taken[i][0] < b:
        if _crosses(Edit(*taken[i], ""), edit):
            return True
        i += 1
    return False


def apply_edits(text: str, edits) -> str:
    """Apply non-overlapping edits (any order) to text."""
    out, position = [], 0
    for edit in sorted(edits, key=lambda e: (e.offset, e.end_offset)):
        if edit.offset < position:
            raise ValueError(f"overlapping edits at offset {edit.offset}")
        out.append(text[position:edit.offset])
        out.append(edit.text)
        position = edit.end_offset
    out.append(text[position:])
    return "".join(out)


def _shift(spans, edits):
    """Move spans to where they are after the (non-overlapping) edits; drop spans an edit touches."""
    edits = sorted(edits, key=lambda e: (e.offset, e.end_offset))
    ends = [e.end_offset for e in edits]
    growth = [0]
    for e in edits:
        growth.append(growth[-1] + len(e.text) - (e.end_offset - e.offset))
    moved = []
    for start, end in spans:
        before = bisect.bisect_right(ends, start)  # edits that end at or before the span starts
        if before < len(edits) and edits[before].offset < end:
            continue
        moved.append((start + growth[before], end + growth[before]))
    return moved


def _for_format(replacement: str, fmt: str) -> str | None:
    if fmt == "html":
        return html.escape(replacement, quote=False)
    if set(replacement) & _MARKUP.get(fmt, set()):
        return None
    return replacement


def fix_text(text: str, fmt: str, check: Callable[[Prose], list[Finding]],
             wanted: Callable[[list[Finding], Prose], list[Finding]] | None = None,
             encodable: Callable[[str], bool] = lambda s: True) -> TextFix:
    """Fix `text` of format `fmt` until no safe fix applies (at most MAX_PASSES passes).

    `check` finds the findings in prose; `wanted`, if given, picks from the
    first check the findings that may be fixed (a baseline keeps the rest):
    the others are followed through later passes by their offsets and left
    alone.
    """
    read = FORMATS[fmt]
    prose = read(text)
    findings = list(check(prose))
    held: list[tuple[int, int]] = []
    if wanted is not None:
        keep = {id(f) for f in wanted(findings, prose)}
        held = [(f.offset, f.end_offset) for f in findings if id(f) not in keep]
    changes: list[Change] = []
    skipped: list[Skipped] = []
    converged = False
    for _ in range(MAX_PASSES):
        held_spans = set(held)
        candidates = [f for f in findings if (f.offset, f.end_offset) not in held_spans]
        chosen, skipped = choose(candidates, prose, fmt, encodable)
        if not chosen:
            converged = True
            break
        edits = [e for _, fix_edits in chosen for e in fix_edits]
        for finding, fix_edits in chosen:
            changes.append(Change(finding.line, finding.column, finding.text,
                                  " / ".join(e.text for e in fix_edits), finding.term_id))
        text = apply_edits(text, edits)
        held = _shift(held, edits)
        prose = read(text)
        findings = list(check(prose))
    return TextFix(text, tuple(changes), tuple(findings), tuple(skipped), converged)


# -- files --------------------------------------------------------------------------

def fix_bytes(checker, path: str, data: bytes,
              wanted: Callable[[str, list[Finding], Prose], list[Finding]] | None = None) -> FixOutcome:
    """Fix a file's bytes with a `Checker`'s configuration; nothing is written here."""
    from .api import LintError
    from .decode import encode
    from .files import Skip, load_document
    from .readers import ReadError

    try:
        document = load_document(path, data, checker.options.format)
    except Skip as note:
        return FixOutcome(path, FileResult(path, note=str(note)))
    except (ReadError, ValueError) as exc:
        return FixOutcome(path, FileResult(path, error=str(exc)))
    try:
        if document.format not in FORMATS or document.encoding is None:
            result = checker.check_document(document)
            note = "not fixed: jargonlint does not edit Word documents" if document.format == "docx" else \
                f"not fixed: {document.format} files cannot be edited"
            fixable = [f for f in result.findings if is_safe(f)]
            return FixOutcome(path, result, note=note if fixable else None)
        def check(prose):
            return checker.check_document(replace(document, prose=prose)).findings

        def encodable(replacement):
            try:
                encode(replacement, document.encoding, False)
            except (UnicodeError, LookupError, ValueError):
                return False
            return True

        picked = None if wanted is None else (lambda findings, prose: wanted(path, findings, prose))
        fixed = fix_text(document.prose.text, document.format, check, picked, encodable)
    except LintError as exc:
        return FixOutcome(path, FileResult(path, error=str(exc)))
    result = FileResult(path, fixed.findings, format=document.format)
    before = document.prose.text
    if fixed.text == before:
        return FixOutcome(path, result, skipped=fixed.skipped, converged=fixed.converged)
    try:
        new_data = encode(fixed.text, document.encoding, document.bom)
    except (UnicodeError, LookupError, ValueError) as exc:
        return FixOutcome(path, FileResult(path, error=f"cannot encode the fixed text as {document.encoding}: {exc}"))
    if new_data == data:  # pragma: no cover - a fix that changed the text changes the bytes
        return FixOutcome(path, result)
    return FixOutcome(path, result, fixed.changes, before, fixed.text, new_data, fixed.skipped,
                      converged=fixed.converged, original=data)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of two texts; line endings are shown as they are in the file."""
    a, b = _LINES.findall(before), _LINES.findall(after)
    lines = []
    name = path.replace("\\", "/")
    old_name, new_name = (name, name) if name.startswith("/") else (f"a/{name}", f"b/{name}")
    for line in difflib.unified_diff(a, b, old_name, new_name):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)



def write_fixed(outcome: FixOutcome) -> str | None:
    """Write a fixed file atomically; return the problem, or None. On failure the file is as it was."""
    from .atomic import write_bytes

    if not outcome.changed:
        return None
    if outcome.original is not None:
        try:
            with open(outcome.path, "rb") as f:
                now = f.read()
        except OSError as exc:
            return exc.strerror or str(exc)
        if now != outcome.original:  # saved by someone else while we worked: theirs wins
            return "changed on disk while it was being fixed; not written"
    try:
        write_bytes(outcome.path, outcome.data)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
