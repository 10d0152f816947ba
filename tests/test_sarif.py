"""`--format sarif`: SARIF 2.1.0, validated against the schema shipped in tests/fixtures.

tests/fixtures/sarif-schema-2.1.0.json is not the published file byte for
byte: the test environment cannot download it, so the jargonlint developers
wrote it from their knowledge of the OASIS SARIF 2.1.0 schema (errata01).
Every object jargonlint emits keeps the published constraints (allowed
properties, required properties, enums, minimums, formats); objects we never
emit are reduced. Its `$comment` says the same. Swapping in the published
file needs no change here.
"""
from __future__ import annotations

import json

import jsonschema
import pytest

from jargonlint.findings import Edit, FileResult, Finding, Fix
from jargonlint.glossary import Term
from jargonlint.output import RenderContext, render
from tests.conftest import CORE_GLOSSARY, FIXTURES, run_cli

SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict) -> None:
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def make(path="docs/a.md", term_id="utilise", severity="warning", fix="safe", line=3, **extra):
    values = dict(path=path, line=line, column=4, end_line=line, end_column=12, offset=20, end_offset=28,
                  text="utilised", rule="glossary", term_id=term_id, term="utilise", glossary="core",
                  severity=severity, message="'utilised' is Core jargon; try 'used'",
                  explanation="A longer way to say use.", replacements=("used",),
                  fix=Fix((Edit(20, 28, "used"),), fix, "Replace with 'used'") if fix else None,
                  url="https://example.org/utilise")
    values.update(extra)
    return Finding(**values)


TERM = Term(id="utilise", term="utilise", glossary="core", replacements=("use",), explanation="A longer way to say use.",
            source="jargonlint", severity="warning", fix="safe", url="https://example.org/utilise")


def test_the_schema_is_a_valid_draft_4_schema_with_the_published_identity():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    assert "not the published file" in SCHEMA["$comment"].lower()


def test_the_schema_rejects_what_the_standard_rejects():
    """The constraints we rely on really constrain: a mutation of a valid log must fail."""
    good = json.loads(render("sarif", [FileResult("docs/a.md", (make(),))], RenderContext(terms={"utilise": TERM})))
    validate(good)
    mutations = [
        lambda log: log.update(version="2.0.0"),
        lambda log: log["runs"][0].update(columnKind="characters"),
        lambda log: log["runs"][0]["results"][0].update(level="warn"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startColumn=0),
        lambda log: log["runs"][0]["results"][0].pop("message"),
        lambda log: log["runs"][0]["tool"]["driver"].pop("name"),
        lambda log: log["runs"][0]["tool"]["driver"]["rules"][0].pop("id"),
        lambda log: log["runs"][0]["tool"]["driver"]["rules"][0].update(unknown=1),
        lambda log: log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"].update(level="info"),
        lambda log: log["runs"][0]["results"][0]["fixes"][0].update(artifactChanges=[]),
        lambda log: log["runs"][0]["results"][0].update(ruleIndex=-2),
        lambda log: log["runs"][0]["invocations"][0].pop("executionSuccessful"),
    ]
    for n, mutate in enumerate(mutations):
        log = json.loads(json.dumps(good))
        mutate(log)
        with pytest.raises(AssertionError):
            validate(log)
            raise RuntimeError(f"mutation {n} was accepted")  # pragma: no cover


def test_rules_results_and_fixes(tmp_path):
    results = [
        FileResult("docs/a.md", (make(), make(line=5), make(term_id="virement", term="virement", fix="unsafe",
                                                              severity="info", replacements=("budget transfer",),
                                                              url=None))),
        FileResult("docs/b.md", (make(fix=None, replacements=()),)),
    ]
    log = json.loads(render("sarif", results, RenderContext(terms={"utilise": TERM},
                                                            glossary_names={"core": "Core test glossary"})))
    validate(log)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "jargonlint"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["utilise", "virement"]
    utilise = rules[0]
    assert utilise["name"] == "utilise"
    assert utilise["shortDescription"]["text"] == "'utilise' is Core test glossary jargon"
    assert utilise["fullDescription"]["text"] == "A longer way to say use."
    assert utilise["helpUri"] == "https://example.org/utilise"
    assert "Plain words: 'use'." in utilise["help"]["text"]  # the glossary's replacement, not the inflected one
    assert utilise["defaultConfiguration"] == {"level": "warning"}
    assert "helpUri" not in rules[1]
    assert [r["level"] for r in run["results"]] == ["warning", "warning", "note", "warning"]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 0, 1, 0]
    first = run["results"][0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 12,
                                  "snippet": {"text": "utilised"}}
    (fix,) = first["fixes"]
    assert fix["description"]["text"] == "Replace with 'used'"
    assert fix["artifactChanges"][0]["replacements"] == [{
        "deletedRegion": {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 12},
        "insertedContent": {"text": "used"}}]
    assert "fixes" not in run["results"][3]  # no replacement, no fix
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_errors_word_files_and_odd_paths(tmp_path):
    results = [
        FileResult("bad.md", error="permission denied"),
        FileResult(str(tmp_path / "a b/ünï.docx"), (make(path=str(tmp_path / "a b/ünï.docx"), location="paragraph 2"),),
                   format="docx"),
        FileResult(str(tmp_path.parent / "elsewhere.md"), (make(path=str(tmp_path.parent / "elsewhere.md")),)),
    ]
    log = json.loads(render("sarif", results, RenderContext(cwd=str(tmp_path))))
    validate(log)
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "bad.md: permission denied"
    word = run["results"][0]
    assert word["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a%20b/%C3%BCn%C3%AF.docx", "uriBaseId": "%SRCROOT%"}}
    assert word["message"]["text"].endswith("(paragraph 2)") and "fixes" not in word
    outside = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert outside == {"uri": (tmp_path.parent / "elsewhere.md").as_uri()}


def test_empty_run_is_valid():
    log = json.loads(render("sarif", [FileResult("clean.md")], RenderContext()))
    validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_cli_output_is_valid_and_counts_code_points(tmp_path):
    config = tmp_path / ".jargonlint.yaml"
    config.write_text("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
                      f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    (tmp_path / "brief.md").write_text("# Plan 🚀\n\nCafé ☕ staff utilised the virement.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "sarif", "brief.md", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    validate(log)
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"utilise", "virement"}
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "utilise")
    assert rule["fullDescription"]["text"] == "A longer way to say use."
    assert rule["shortDescription"]["text"] == "'utilise' is Core test glossary jargon"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 14, 22)  # ☕ is one column
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
