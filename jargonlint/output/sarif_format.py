"""SARIF 2.1.0, for code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers).

One run. Its rules are the glossary terms that fired, with the glossary's
explanation, link and plain replacements, so a code-scanning page can show
why a word was flagged. Columns count Unicode code points (the run says
``columnKind: unicodeCodePoints``), 1-based, with exclusive end columns as
SARIF's regions have them. Each finding with a replacement carries a fix.
Word documents have no lines: their results point at the file and say where
in their message.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..engine import LABELS

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/jargonlint/jargonlint"
LEVELS = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}
SRCROOT = "%SRCROOT%"


def render(results, context) -> str:
    base = Path(os.path.abspath(context.cwd))
    findings = [(r, f) for r in results for f in r.findings]
    rule_ids = sorted({f.term_id for _, f in findings})
    index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    first = {}
    for _, f in findings:
        first.setdefault(f.term_id, f)
    rules = [_rule(first[rule_id], context) for rule_id in rule_ids]
    sarif_results = [_result(r, f, index[f.term_id], base) for r, f in findings]
    notifications = [
        {"level": "error", "message": {"text": f"{r.path}: {r.error}"},
         "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path, base)}}]}
        for r in results if r.error
    ]
    run = {
        "tool": {"driver": {
            "name": "jargonlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "invocations": [{
            "executionSuccessful": not notifications,
            **({"toolExecutionNotifications": notifications} if notifications else {}),
        }],
        "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(finding, context) -> dict:
    term = context.terms.get(finding.term_id)
    headword = term.term if term else finding.term
    glossary = term.glossary if term else finding.glossary
    explanation = (term.explanation if term else finding.explanation) or finding.message
    replacements = tuple(term.replacements) if term else finding.replacements
    url = (term.url if term else None) or finding.url
    severity = term.severity if term else finding.severity
    label = LABELS.get(glossary) or context.glossary_names.get(glossary, glossary)
    plain = ", ".join(f"'{r}'" for r in replacements)
    help_text = f"{explanation}\n\n" + (f"Plain words: {plain}." if plain else "Explain it in plain words.")
    help_md = f"{explanation}\n\n" + (
        "Plain words: " + ", ".join(f"**{_md(r)}**" for r in replacements) + "." if replacements
        else "Explain it in plain words.")
    if term and term.expansion:
        help_text = f"{headword} stands for {term.expansion}.\n\n" + help_text
        help_md = f"*{_md(headword)}* stands for {_md(term.expansion)}.\n\n" + help_md
    rule = {
        "id": finding.term_id,
        "name": headword,
        "shortDescription": {"text": f"'{headword}' is {label} jargon"},
        "fullDescription": {"text": explanation},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {
            "tags": sorted({"jargon", glossary}),
            "glossary": glossary,
            "replacements": list(replacements),
            "fix": term.fix if term else (finding.fix.applicability if finding.fix else "unsafe"),
        },
    }
    if url:
        rule["helpUri"] = url
    if finding.source:
        rule["properties"]["source"] = finding.source
    return rule


def _result(file_result, finding, rule_index, base) -> dict:
    artifact = _artifact(finding.path, base)
    message = finding.message + (f" ({finding.location})" if finding.location else "")
    location = {"physicalLocation": {"artifactLocation": artifact}}
    has_text = file_result.format != "docx"
    if has_text:
        location["physicalLocation"]["region"] = _region(finding, snippet=True)
    result = {
        "ruleId": finding.term_id,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": message},
        "locations": [location],
    }
    if has_text and finding.fix is not None:
        result["fixes"] = [{
            "description": {"text": finding.fix.title},
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [{
                    "deletedRegion": _region(finding),
                    "insertedContent": {"text": edit.text},
                } for edit in finding.fix.edits if (edit.offset, edit.end_offset) == (finding.offset, finding.end_offset)],
            }],
        }]
        if not result["fixes"][0]["artifactChanges"][0]["replacements"]:
            del result["fixes"]  # an edit elsewhere than the finding: no line/column for it here
    if finding.fix is not None:
        result["properties"] = {"fixApplicability": finding.fix.applicability}
    return result


def _region(finding, snippet=False) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if snippet:
        region["snippet"] = {"text": finding.text}
    return region


def _artifact(path: str, base: Path) -> dict:
    """A URI relative to %SRCROOT% (the working folder) when the file is under it."""
    if path.startswith("<"):  # <stdin>
        return {"uri": quote(path)}
    full = Path(os.path.abspath(path))
    try:
        rel = full.relative_to(base)
    except ValueError:  # quoted from the name's bytes, so a non-UTF-8 name survives
        return {"uri": "file://" + quote(os.fsencode(full.as_posix()))}
    return {"uri": quote(os.fsencode(rel.as_posix())), "uriBaseId": SRCROOT}


def _md(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)
