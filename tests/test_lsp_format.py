"""`jargonlint check --format lsp`: one LSP 3.17 PublishDiagnosticsParams per checked file."""
from __future__ import annotations

import json

import pytest
from lsprotocol import types
from pygls.protocol import default_converter

from conftest import run_cli

GLOSSARY = """id: team
name: Team words
description: Words our team made up.
sources:
  team: {title: Our style guide, licence: MIT}
terms:
  - id: frobnicator
    term: frobnicator
    replacements: [widget]
    explanation: A thing that frobs.
    severity: error
    url: https://example.org/words/frobnicator
    examples: {flag: [The frobnicator broke.]}
    source: team
  - id: wibble
    term: wibble
    replacements: []
    explanation: A small wobble.
    severity: hint
    examples: {flag: [A wibble in the plan.]}
    source: team
"""
CONFIG = """glossaries: {finance: false, it: false, clinical: false, general: false}
extra_glossaries: [team.yaml]
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "team.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / ".jargonlint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def check_lsp(folder, *args, **kwargs):
    result = run_cli("check", "--format", "lsp", *args, cwd=folder, **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def test_one_publish_diagnostics_object_per_checked_file(folder):
    brief = folder / "brief.md"
    brief.write_text("# Plan 😀\n\n😀 The frobnicator 🎉 has a wibble.\n", encoding="utf-8")
    clean = folder / "clean.txt"
    clean.write_text("Nothing here.\n", encoding="utf-8")
    result, data = check_lsp(folder, "brief.md", "clean.txt")
    assert result.returncode == 1
    assert data == [
        {"uri": brief.as_uri(), "diagnostics": [
            {"range": {"start": {"line": 2, "character": 7}, "end": {"line": 2, "character": 18}},
             "severity": 1, "code": "frobnicator",
             "codeDescription": {"href": "https://example.org/words/frobnicator"},
             "source": "jargonlint", "message": data[0]["diagnostics"][0]["message"],
             "data": {"term": "frobnicator", "glossary": "team", "rule": "glossary",
                      "replacements": ["widget"], "explanation": "A thing that frobs."}},
            {"range": {"start": {"line": 2, "character": 28}, "end": {"line": 2, "character": 34}},
             "severity": 4, "code": "wibble",
             "source": "jargonlint", "message": data[0]["diagnostics"][1]["message"],
             "data": {"term": "wibble", "glossary": "team", "rule": "glossary",
                      "replacements": [], "explanation": "A small wobble."}},
        ]},
        {"uri": clean.as_uri(), "diagnostics": []},
    ]
    assert "frobnicator" in data[0]["diagnostics"][0]["message"]


def test_the_output_is_exactly_the_protocols_types(folder):
    (folder / "a.md").write_text("The frobnicator and a wibble.\r\nA frobnicator.\n", encoding="utf-8")
    _, data = check_lsp(folder, "a.md")
    converter = default_converter()
    for item in data:
        typed = converter.structure(item, types.PublishDiagnosticsParams)
        assert converter.unstructure(typed) == item  # nothing unknown, nothing lost
    assert [d["range"]["start"] for d in data[0]["diagnostics"]] == [
        {"line": 0, "character": 4}, {"line": 0, "character": 22}, {"line": 1, "character": 2}]


def test_positions_agree_with_the_json_format(folder):
    text = "Intro 𝒳𝒴 text.\n\n| 😀 | frobnicator |\n|---|---|\n\nA wibble 👍🏽 and a frobnicator.\n"
    (folder / "t.md").write_text(text, encoding="utf-8")
    _, lsp = check_lsp(folder, "t.md")
    found = json.loads(run_cli("check", "--format", "json", "t.md", cwd=folder).stdout)["findings"]
    lines = text.split("\n")
    assert len(found) == len(lsp[0]["diagnostics"]) == 3
    for finding, diag in zip(found, lsp[0]["diagnostics"]):
        line = lines[finding["line"] - 1]
        before = line[:finding["column"] - 1]
        assert diag["range"]["start"] == {"line": finding["line"] - 1,
                                          "character": len(before.encode("utf-16-le")) // 2}
        assert diag["code"] == finding["term_id"] and diag["message"] == finding["message"]


def test_standard_input_with_a_name(folder):
    result, data = check_lsp(folder, "-", "--stdin-filename", "notes/draft.md", input="A frobnicator.\n")
    assert data == [{"uri": (folder / "notes" / "draft.md").as_uri(), "diagnostics": [data[0]["diagnostics"][0]]}]
    assert data[0]["diagnostics"][0]["range"]["start"] == {"line": 0, "character": 2}


def test_standard_input_counts_utf16_units(folder):
    _, data = check_lsp(folder, "-", "--stdin-filename", "draft.md", input="😀 A frobnicator.\n")
    assert data[0]["diagnostics"][0]["range"]["start"] == {"line": 0, "character": 5}


def test_standard_input_named_after_a_changed_file_is_not_misread(folder):
    (folder / "draft.md").write_text("😀😀😀 Old text, a frobnicator.\n", encoding="utf-8")
    _, data = check_lsp(folder, "-", "--stdin-filename", "draft.md", input="A frobnicator.\n")
    assert data[0]["diagnostics"][0]["range"]["start"] == {"line": 0, "character": 2}


def test_files_that_could_not_be_checked_are_left_out(folder):
    result = run_cli("check", "--format", "lsp", "missing.md", cwd=folder)
    assert result.returncode == 2
    assert json.loads(result.stdout) == []
    assert "missing.md" in result.stderr
