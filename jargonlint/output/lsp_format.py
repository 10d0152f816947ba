"""`--format lsp`: one LSP 3.17 `PublishDiagnosticsParams` object per checked file.

The output is one JSON array; docs/editors.md documents it. Each element is

    {"uri": "file:///...", "diagnostics": [Diagnostic, ...]}

with every Diagnostic exactly as the protocol defines it: a 0-based range whose
``character`` counts UTF-16 code units, ``severity`` as the protocol's number,
``code`` the term id, ``codeDescription`` when the term has a link, ``source``
"jargonlint", ``message``, and ``data`` with what an editor needs for quick
fixes and hovers. The language server builds its diagnostics with
:func:`diagnostic` too, so the two never drift.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..positions import UTF16, Positions

SOURCE = "jargonlint"
SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}  # LSP DiagnosticSeverity
STDIN_URI = "untitled:stdin"


def uri_for(path: str) -> str:
    """The file URI of a checked path (standard input without a name gets ``untitled:stdin``)."""
    if not path or path in ("-", "<stdin>", "<text>"):
        return STDIN_URI
    return Path(os.path.abspath(path)).as_uri()


def diagnostic(finding, positions: Positions | None, encoding: str = UTF16) -> dict:
    """One finding as an LSP Diagnostic (a JSON-ready dict, camelCase keys).

    `positions` indexes the text the finding was found in; without it the
    columns are code points, which equal UTF-16 units unless a character
    outside the Basic Multilingual Plane stands before the term on its line.
    """
    if positions is not None:
        (line, character), (end_line, end_character) = positions.range(finding.offset, finding.end_offset, encoding)
    else:
        line, character = finding.line - 1, finding.column - 1
        end_line, end_character = finding.end_line - 1, finding.end_column - 1
    out = {
        "range": {"start": {"line": line, "character": character},
                  "end": {"line": end_line, "character": end_character}},
        "severity": SEVERITY.get(finding.severity, SEVERITY["warning"]),
        "code": finding.term_id,
    }
    if finding.url:
        out["codeDescription"] = {"href": finding.url}
    out["source"] = SOURCE
    out["message"] = finding.message
    data = {
        "term": finding.term,
        "glossary": finding.glossary,
        "rule": finding.rule,
        "replacements": list(finding.replacements),
        "explanation": finding.explanation,
    }
    if finding.location:
        data["location"] = finding.location
    out["data"] = data
    return out


def render(results, context) -> str:
    out = []
    for result in results:
        if result.error or result.note:
            continue  # not checked: reported on standard error
        positions = _positions(result)
        out.append({"uri": uri_for(result.path),
                    "diagnostics": [diagnostic(f, positions) for f in result.findings]})
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _positions(result) -> Positions | None:
    """An index of the checked text: carried by the result, else the file read again.

    The text read again is only trusted if every finding still stands at its
    offsets (it will not for standard input named after a changed file).
    """
    if not result.findings:
        return None
    text = (result.extras or {}).get("text")
    if text is None:
        text = _read_again(result)
    if text is None or any(text[f.offset:f.end_offset] != f.text for f in result.findings):
        return None
    return Positions(text)


def _read_again(result) -> str | None:
    path = result.path
    if not path or path in ("-", "<stdin>") or not os.path.isfile(path):
        return None
    try:
        from ..files import load_document, read_bytes

        document = load_document(path, read_bytes(path), result.format)
    except Exception:  # noqa: BLE001 - any failure just means code point columns
        return None
    return document.prose.text
