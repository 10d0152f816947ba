"""Baselines: record today's jargon, then report only what is new."""
from __future__ import annotations

import json

import pytest

from jargonlint.baseline import Baseline, BaselineError, context_hash, load, parse, sentence_around
from jargonlint.readers import FORMATS
from tests.conftest import CORE_GLOSSARY, run_cli

DOC = """# Plan

We utilise the tool. The virement is approved.

We utilise it again, and utilise it a third time.
"""


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".jargonlint.yaml").write_text(
        "glossaries: {finance: false, it: false, clinical: false, general: false}\n"
        f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.md").write_text(DOC)
    return tmp_path


def findings_of(proc):
    return [(f["path"], f["line"], f["term_id"]) for f in json.loads(proc.stdout)["findings"]]


def test_sentence_context_ignores_markup_and_whitespace():
    prose = FORMATS["markdown"]("Intro line.\n\nWe *really*   utilise\nthe `code` tool. Next one.\n")
    start = prose.text.index("utilise")
    assert sentence_around(prose.masked, start, start + 7) == "We really utilise the tool."


def test_record_then_check_reports_nothing(repo):
    made = run_cli("baseline", "docs", cwd=repo)
    assert made.returncode == 0, made.stderr
    assert "Recorded 4 findings in 1 file of 1 checked to .jargonlint-baseline.json." in made.stdout
    data = json.loads((repo / ".jargonlint-baseline.json").read_text())
    assert data["version"] == 1 and list(data["files"]) == ["docs/plan.md"]
    entries = data["files"]["docs/plan.md"]
    assert sorted((e["term"], e["count"]) for e in entries) == [("utilise", 1), ("utilise", 2), ("virement", 1)]
    assert all(len(e["context"]) == 16 for e in entries)

    check = run_cli("check", "--baseline", ".jargonlint-baseline.json", "--format", "json", "docs", cwd=repo)
    assert check.returncode == 0, check.stderr
    assert findings_of(check) == []


def test_moved_lines_stay_baselined_and_new_jargon_is_reported(repo):
    run_cli("baseline", "docs", cwd=repo)
    doc = repo / "docs" / "plan.md"
    doc.write_text("# Plan\n\nA new first paragraph pushes everything down.\n\n" + DOC.split("\n", 2)[2]
                   + "\nWe will leverage it.\n")
    check = run_cli("check", "--baseline", ".jargonlint-baseline.json", "--format", "json", "docs", cwd=repo)
    assert check.returncode == 1
    assert findings_of(check) == [("docs/plan.md", 9, "leverage")]


def test_counts_matter(repo):
    run_cli("baseline", "docs", cwd=repo)
    doc = repo / "docs" / "plan.md"
    doc.write_text(DOC.replace("a third time.", "a third time, and utilise it once more."))
    check = run_cli("check", "--baseline", ".jargonlint-baseline.json", "--format", "json", "docs", cwd=repo)
    # The sentence changed, so its three findings are new; the untouched sentence stays baselined.
    assert findings_of(check) == [("docs/plan.md", 5, "utilise")] * 3

    doc.write_text(DOC + "\nWe utilise the tool.\n")  # an identical sentence, once more than recorded
    check = run_cli("check", "--baseline", ".jargonlint-baseline.json", "--format", "json", "docs", cwd=repo)
    assert findings_of(check) == [("docs/plan.md", 7, "utilise")]


def test_editing_the_sentence_makes_its_findings_new(repo):
    run_cli("baseline", "docs", cwd=repo)
    doc = repo / "docs" / "plan.md"
    doc.write_text(DOC.replace("We utilise the tool.", "We utilise the new tool."))
    check = run_cli("check", "--baseline", ".jargonlint-baseline.json", "--format", "json", "docs", cwd=repo)
    assert findings_of(check) == [("docs/plan.md", 3, "utilise")]


def test_paths_are_relative_to_the_baseline_file(repo):
    out = repo / "ci" / "jargon-baseline.json"
    out.parent.mkdir()
    made = run_cli("baseline", "--output", str(out), str(repo / "docs"), cwd=repo / "docs")
    assert made.returncode == 0, made.stderr
    assert list(json.loads(out.read_text())["files"]) == ["../docs/plan.md"]
    # Used from another folder, with another spelling of the same path.
    check = run_cli("check", "--baseline", "ci/jargon-baseline.json", "--format", "json", "./docs/plan.md", cwd=repo)
    assert check.returncode == 0, check.stdout


def test_baseline_with_fix_fixes_only_new_jargon(repo):
    doc = repo / "docs" / "plan.md"
    run_cli("baseline", "docs", cwd=repo)
    doc.write_text(DOC + "\nWe leverage and utilise it.\n")
    proc = run_cli("check", "--fix", "--baseline", ".jargonlint-baseline.json", "docs", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert doc.read_text() == DOC + "\nWe use and use it.\n"


def test_file_errors(tmp_path):
    with pytest.raises(BaselineError, match="no such baseline file"):
        load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(BaselineError, match="line 1: not valid JSON"):
        load(bad)
    with pytest.raises(BaselineError, match="unsupported baseline version 99"):
        parse({"version": 99, "files": {}})
    with pytest.raises(BaselineError, match="entry 1"):
        parse({"version": 1, "files": {"a.md": [{"term": "x", "context": "y", "count": 0}]}})
    proc = run_cli("check", "--baseline", str(tmp_path / "missing.json"), str(bad))
    assert proc.returncode == 2 and "no such baseline file" in proc.stderr


def test_json_round_trip_is_stable(tmp_path):
    prose = FORMATS["text"]("We utilise it. We utilise it.")
    from jargonlint.findings import Finding

    def at(start):
        return Finding("x.txt", 1, start + 1, 1, start + 8, start, start + 7, "utilise", "glossary", "utilise",
                       "utilise", "core", "warning", "m", "e")

    baseline = Baseline(root=tmp_path)
    baseline.add(str(tmp_path / "x.txt"), [at(3), at(18)], prose)
    text = baseline.to_json()
    again = parse(json.loads(text), tmp_path / "b.json")
    assert again.to_json() == text
    assert again.counts[("x.txt", "utilise", context_hash(at(3), prose))] == 2
    assert again.new_findings(str(tmp_path / "x.txt"), [at(3), at(18), at(3)], prose) == [at(3)]
