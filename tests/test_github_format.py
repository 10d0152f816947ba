"""`--format github`: workflow commands that GitHub Actions turns into annotations."""
from __future__ import annotations

from jargonlint.findings import Edit, FileResult, Finding, Fix
from jargonlint.output import RenderContext, render
from jargonlint.output.github_format import command, escape_data, escape_property
from tests.conftest import CORE_GLOSSARY, run_cli


def make(path="docs/a.md", line=3, column=5, end_line=3, end_column=13, severity="warning", **extra):
    values = dict(path=path, line=line, column=column, end_line=end_line, end_column=end_column, offset=10,
                  end_offset=18, text="utilised", rule="glossary", term_id="utilise", term="utilise",
                  glossary="core", severity=severity, message="'utilised' is Core jargon; try 'used'",
                  explanation="A longer way to say use.", replacements=("used",),
                  fix=Fix((Edit(10, 18, "used"),), "safe", "Replace with 'used'"))
    values.update(extra)
    return Finding(**values)


def test_escaping_follows_the_runner():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert command("notice", "hi", file="x,y.md", line=1) == "::notice file=x%2Cy.md,line=1::hi"
    assert command("error", "no properties") == "::error::no properties"


def test_one_annotation_per_finding(tmp_path):
    results = [FileResult("docs/a.md", (make(), make(severity="info", line=4, end_line=4)))]
    out = render("github", results, RenderContext(cwd="."))
    assert out.splitlines() == [
        "::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=13,title=jargonlint [utilise]::"
        "'utilised' is Core jargon; try 'used'%0AA longer way to say use.",
        "::notice file=docs/a.md,line=4,col=5,endLine=4,endColumn=13,title=jargonlint [utilise]::"
        "'utilised' is Core jargon; try 'used'%0AA longer way to say use.",
    ]


def test_awkward_paths_and_messages_are_escaped():
    finding = make(path="docs/odd, name: 100%.md", message="'a:b' is jargon, 50% of the time\nreally",
                   explanation="")
    (line,) = render("github", [FileResult(finding.path, (finding,))], RenderContext()).splitlines()
    assert line.startswith("::warning file=docs/odd%2C name%3A 100%25.md,line=3,")
    assert line.endswith("::'a:b' is jargon, 50%25 of the time%0Areally")


def test_multi_line_findings_have_no_columns_and_word_files_no_lines():
    multi = make(line=3, end_line=4, end_column=4)
    word = make(path="b.docx", location="paragraph 2")
    out = render("github", [FileResult("docs/a.md", (multi,)), FileResult("b.docx", (word,), format="docx")],
                 RenderContext())
    first, second = out.splitlines()
    assert first.startswith("::warning file=docs/a.md,line=3,endLine=4,title=")
    assert second.startswith("::warning file=b.docx,title=jargonlint [utilise]::'utilised' is Core jargon; try 'used' (paragraph 2)")


def test_errors_become_error_annotations_and_clean_runs_print_nothing():
    out = render("github", [FileResult("bad.md", error="permission denied"), FileResult("ok.md")], RenderContext())
    assert out == "::error file=bad.md,title=jargonlint::jargonlint could not check this file: permission denied\n"


def test_paths_are_relative_to_the_working_folder(tmp_path):
    finding = make(path=str(tmp_path / "docs" / "a.md"))
    out = render("github", [FileResult(finding.path, (finding,))], RenderContext(cwd=str(tmp_path)))
    assert out.startswith("::warning file=docs/a.md,")


def test_cli(tmp_path):
    config = tmp_path / ".jargonlint.yaml"
    config.write_text("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
                      f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    (tmp_path / "a.md").write_text("# Title\n\nWe utilised it.\n")
    proc = run_cli("check", "--format", "github", "a.md", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "::warning file=a.md,line=3,col=4,endLine=3,endColumn=12,title=jargonlint [utilise]::"
        "'utilised' is Core test glossary jargon; try 'used'%0AA longer way to say use."]
