"""Baselines: accept the jargon a repository already has, report only new jargon.

``jargonlint baseline PATH...`` records every current finding in a baseline
file (``.jargonlint-baseline.json`` by default); ``jargonlint check
--baseline FILE`` then reports only findings the baseline does not hold.

A finding is keyed by

- its **path**, relative to the folder that holds the baseline file (with
  ``/`` separators), so the file can be committed and used from any checkout;
- its **term id**;
- a **context hash**: a hash of the term id and the sentence around the
  finding, read from the prose only (code and markup are blanked out) with
  whitespace collapsed. A sentence ends at ``.``, ``!`` or ``?`` before a
  space, at a blank line, or at a block boundary (a heading, list item or
  table cell), and is cut to at most 300 characters either side.

Line numbers are not part of the key, so edits elsewhere that move the
finding to another line keep it baselined; an edit to the sentence itself
makes its findings new again, which is what a reviewer wants to see.

Matching counts: if the baseline holds a key twice, the first two findings
with that key are hidden and a third is reported.

The file (version 1), written with sorted paths and entries so that it
diffs cleanly::

    {
      "version": 1,
      "tool": "jargonlint",
      "about": "...",
      "files": {
        "docs/briefing.md": [
          {"term": "utilise", "context": "5c1f0e2a9b7d4c3e", "count": 1, "text": "utilised"}
        ]
      }
    }

``text`` is the matched text, for people reading the file; it is not part
of the key.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding
from .readers import BREAK, JOIN, Prose

VERSION = 1
DEFAULT_NAME = ".jargonlint-baseline.json"
CONTEXT_LIMIT = 300
ABOUT = ("Jargon that jargonlint accepts until someone fixes it; `jargonlint check --baseline FILE` "
         "reports only findings not listed here. Regenerate with `jargonlint baseline`.")

_BOUNDARY = re.compile(r"[.!?](?=[\s\x00\x1e\"')\]]|$)|\n[^\S\n]*\n|\x1e")
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline file that cannot be read: `path: message`."""

    def __init__(self, path, message):
        self.path, self.message = str(path), message
        super().__init__(f"{path}: {message}")


# -- keys ----------------------------------------------------------------------------

def sentence_around(masked: str, start: int, end: int) -> str:
    """The sentence holding masked[start:end], prose only, whitespace collapsed."""
    low = max(0, start - CONTEXT_LIMIT)
    before = masked[low:start]
    cut = None
    for m in _BOUNDARY.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    elif low > 0:  # no sentence start within reach: drop the partial word at the edge
        before = before.split(None, 1)[1] if len(before.split(None, 1)) > 1 else ""
    high = min(len(masked), end + CONTEXT_LIMIT)
    after = masked[end:high]
    m = _BOUNDARY.search(after)
    if m is not None:
        after = after[:m.start() + (1 if m.group()[:1] in ".!?" else 0)]
    elif high < len(masked):
        after = after.rsplit(None, 1)[0] if len(after.rsplit(None, 1)) > 1 else ""
    return normalise(before + masked[start:end] + after)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.replace(JOIN, "").replace(BREAK, " ")).strip()


def context_hash(finding: Finding, prose: Prose) -> str:
    sentence = sentence_around(prose.masked, finding.offset, finding.end_offset)
    return hashlib.sha256(f"{finding.term_id}\0{sentence}".encode()).hexdigest()[:16]


def key_path(path: str, root: Path | str) -> str:
    """A checked file's path as the baseline stores it: relative to root, with `/`."""
    if path.startswith("<"):  # <stdin> and the like
        return path
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return Path(rel).as_posix()


# -- the file ------------------------------------------------------------------------

@dataclass
class Baseline:
    """Accepted findings: (path, term, context) -> how many."""

    root: Path = field(default_factory=Path.cwd)  # the folder paths are relative to
    counts: Counter = field(default_factory=Counter)
    texts: dict = field(default_factory=dict)  # key -> matched text, for people

    # building

    def add(self, path: str, findings, prose: Prose) -> None:
        where = key_path(path, self.root)
        for finding in findings:
            key = (where, finding.term_id, context_hash(finding, prose))
            self.counts[key] += 1
            self.texts.setdefault(key, " ".join(finding.text.split()))

    def to_json(self) -> str:
        files: dict[str, list] = {}
        for (path, term, context) in sorted(self.counts):
            entry = {"term": term, "context": context, "count": self.counts[(path, term, context)]}
            text = self.texts.get((path, term, context))
            if text:
                entry["text"] = text
            files.setdefault(path, []).append(entry)
        data = {"version": VERSION, "tool": "jargonlint", "about": ABOUT, "files": files}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a non-UTF-8 file name: escape it, so it reads back exactly
            text = json.dumps(data, ensure_ascii=True, indent=2) + "\n"
        return text

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def files(self) -> int:
        return len({path for path, _, _ in self.counts})

    # using

    def new_findings(self, path: str, findings, prose: Prose) -> list[Finding]:
        """The findings of one file that the baseline does not hold (in order)."""
        where = key_path(path, self.root)
        left = Counter()
        kept = []
        for finding in findings:
            key = (where, finding.term_id, context_hash(finding, prose))
            if left[key] < self.counts.get(key, 0):
                left[key] += 1
            else:
                kept.append(finding)
        return kept


def load(path) -> Baseline:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaselineError(path, "no such baseline file (create one with `jargonlint baseline`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"line {exc.lineno}: not valid JSON: {exc.msg}") from None
    return parse(data, path)


def parse(data, path="<baseline>") -> Baseline:
    if not isinstance(data, dict) or data.get("tool", "jargonlint") != "jargonlint":
        raise BaselineError(path, "not a jargonlint baseline file")
    if data.get("version") != VERSION:
        raise BaselineError(path, f"unsupported baseline version {data.get('version')!r} (this jargonlint reads {VERSION})")
    files = data.get("files")
    if not isinstance(files, dict):
        raise BaselineError(path, "'files' must be a mapping of paths to lists of findings")
    baseline = Baseline(root=Path(os.path.abspath(path)).parent)
    for file, entries in files.items():
        if not isinstance(entries, list):
            raise BaselineError(path, f"{file!r}: must be a list of findings")
        for n, entry in enumerate(entries, 1):
            ok = (isinstance(entry, dict) and isinstance(entry.get("term"), str)
                  and isinstance(entry.get("context"), str)
                  and isinstance(entry.get("count", 1), int) and not isinstance(entry.get("count", 1), bool)
                  and entry.get("count", 1) >= 1)
            if not ok:
                raise BaselineError(path, f"{file!r}, entry {n}: needs 'term' and 'context' strings "
                                          "and a positive 'count'")
            key = (file, entry["term"], entry["context"])
            baseline.counts[key] += entry.get("count", 1)
            if isinstance(entry.get("text"), str):
                baseline.texts.setdefault(key, entry["text"])
    return baseline


def write(baseline: Baseline, path) -> None:
    from .atomic import write_bytes

    write_bytes(path, baseline.to_json().encode("utf-8"))


# -- reading documents again ---------------------------------------------------------

def prose_of(path: str, forced_format: str | None = None, data: bytes | None = None) -> Prose | None:
    """The prose a finding's offsets refer to, read again from the file (or given bytes)."""
    from .files import Skip, load_document, read_bytes
    from .readers import ReadError

    try:
        if data is None:
            data = read_bytes(path)
        return load_document(path, data, forced_format).prose
    except (Skip, ReadError, ValueError):
        return None
