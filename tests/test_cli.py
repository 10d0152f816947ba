"""The command line, run through its installed entry point."""
import json

from tests.conftest import CORE_GLOSSARY, run_cli

CORE = ["--config", None]


def core_args(tmp_path):
    config = tmp_path / ".jargonlint.yaml"
    config.write_text(
        "glossaries: {finance: false, it: false, clinical: false, general: false}\n"
        f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    return ["--config", str(config)]


def test_text_output_and_exit_1(tmp_path):
    doc = tmp_path / "brief.md"
    doc.write_text("# Plan\n\nWe will leverage the virements.\n")
    proc = run_cli("check", str(doc), *core_args(tmp_path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{doc}:3:9: warning [leverage] 'leverage' is core jargon; try 'use'".replace("core jargon", "Core test glossary jargon")
    assert lines[1] == f"{doc}:3:22: warning [virement] 'virements' is Core test glossary jargon; try 'budget transfers'"
    assert lines[-1].startswith("Found 2 jargon findings (2 warnings) in 1 file of 1 checked.")
    assert "\x1b[" not in proc.stdout  # plain when piped


def test_clean_file_exits_0(tmp_path):
    doc = tmp_path / "clean.txt"
    doc.write_text("The hospital opens a car park.\n")
    proc = run_cli("check", str(doc), *core_args(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "No jargon found in 1 file checked." in proc.stdout


def test_json_contract(tmp_path):
    doc = tmp_path / "brief.txt"
    text = "Café ☕ staff utilised it.\n"
    doc.write_text(text, encoding="utf-8")
    proc = run_cli("check", "--format", "json", str(doc), *core_args(tmp_path))
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    (f,) = data["findings"]
    assert f["text"] == text[f["offset"]:f["end_offset"]] == "utilised"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 14, 1, 22)
    assert f["replacements"] == ["used"] and f["term_id"] == "utilise" and f["glossary"] == "core"
    for key in ("path", "term", "severity", "message", "explanation"):
        assert f[key]
    assert data["summary"]["findings"] == 1 and data["summary"]["by_severity"]["warning"] == 1


def test_stdin_with_filename_sets_type(tmp_path):
    proc = run_cli("check", "-", "--stdin-filename", "notes.md", "--format", "json", *core_args(tmp_path),
                   input="Use `virement` in code, but a virement in prose.\n")
    data = json.loads(proc.stdout)
    assert [(f["path"], f["column"]) for f in data["findings"]] == [("notes.md", 31)]


def test_missing_file_is_reported_and_others_still_checked(tmp_path):
    doc = tmp_path / "real.txt"
    doc.write_text("A virement.\n")
    proc = run_cli("check", str(tmp_path / "missing.md"), str(doc), *core_args(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"jargonlint: error: {tmp_path / 'missing.md'}: no such file or folder"
    assert "[virement]" in proc.stdout


def test_fail_on_and_exit_zero(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("A virement.\n")
    assert run_cli("check", str(doc), "--fail-on", "error", *core_args(tmp_path)).returncode == 0
    assert run_cli("check", str(doc), "--exit-zero", *core_args(tmp_path)).returncode == 0


def test_folders_recurse_and_skip_git(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs" / "sub" / "a.md").write_text("A virement.\n")
    (tmp_path / "docs" / "b.py").write_text("virement = 1\n")
    (tmp_path / ".git" / "c.md").write_text("A virement.\n")
    proc = run_cli("check", str(tmp_path), "--format", "json", *core_args(tmp_path))
    paths = [f["path"] for f in json.loads(proc.stdout)["findings"]]
    assert paths == [str(tmp_path / "docs" / "sub" / "a.md")]


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("check").returncode == 2
    assert run_cli("check", "x.md", "--format", "yaml").returncode == 2
    proc = run_cli("check", "x.md", "--audience", "martians")
    assert proc.returncode == 2 and "unknown audience 'martians'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_config_is_one_line_with_file_and_line(tmp_path):
    (tmp_path / ".jargonlint.yaml").write_text("audience: public\nfail_on: sometimes\n")
    doc = tmp_path / "a.md"
    doc.write_text("Hello.\n")
    proc = run_cli("check", str(doc))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"jargonlint: error: {doc}: {tmp_path / '.jargonlint.yaml'}:2: 'fail_on' must be one of error, warning, info, hint"


def test_unknown_config_key_warns(tmp_path):
    (tmp_path / ".jargonlint.yaml").write_text("audiance: it\n")
    doc = tmp_path / "a.md"
    doc.write_text("Hello.\n")
    proc = run_cli("check", str(doc))
    assert proc.returncode == 0
    assert f"{tmp_path / '.jargonlint.yaml'}:1: unknown key 'audiance' ignored" in proc.stderr


def test_glossary_commands(tmp_path):
    proc = run_cli("glossary", "list")
    assert proc.returncode == 0 and "finance" in proc.stdout and "clinical" in proc.stdout
    proc = run_cli("glossary", "show", "virement", "--glossary", str(CORE_GLOSSARY))
    assert proc.returncode == 0 and "budget transfer" in proc.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: team\nname: T\ndescription: d\nsources: {}\nterms:\n  - id: x\n    trem: y\n")
    proc = run_cli("glossary", "validate", str(bad))
    assert proc.returncode == 1
    assert proc.stdout.strip().startswith(f"{bad}:7: term 'x': unknown key 'trem'")
    team = tmp_path / "team.yaml"
    team.write_text("id: team\nname: Team\ndescription: d\nsources: {j: {title: t, licence: MIT}}\nterms:\n"
                    "  - id: team-frobnication\n    term: frobnication\n    replacements: [tidying]\n"
                    "    explanation: Our word for tidying.\n    examples: {flag: [The frobnication is done.], pass: [Tidy up.]}\n"
                    "    source: j\n")
    proc = run_cli("glossary", "validate", str(team))
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == f"{team}: ok (1 terms)"
    clash = tmp_path / "clash.yaml"
    clash.write_text(team.read_text().replace("team-frobnication", "virement"))
    proc = run_cli("glossary", "validate", str(clash))
    assert proc.returncode == 1
    assert f"{clash}:6: term 'virement': id already used in " in proc.stdout


def test_lint_paths_library_function(tmp_path):
    from jargonlint import lint_paths

    (tmp_path / "a.md").write_text("A virement.\n")
    config = core_args(tmp_path)[1]
    (result,) = lint_paths([str(tmp_path)], config=config)
    assert result.path.endswith("a.md") and [f.term_id for f in result.findings] == ["virement"]


def test_summary_counts_files_that_could_not_be_checked(tmp_path):
    doc = tmp_path / "real.txt"
    doc.write_text("Plain words.\n")
    proc = run_cli("check", str(doc), str(tmp_path / "gone.md"), *core_args(tmp_path))
    assert proc.stdout.strip().splitlines()[-1] == "No jargon found in 1 file checked; 1 could not be checked."


def test_validate_refuses_a_team_glossary_named_like_a_built_in_one(tmp_path):
    team = tmp_path / "ours.yaml"
    team.write_text("id: finance\nname: Ours\ndescription: d\nsources: {j: {title: t, licence: MIT}}\nterms: []\n")
    proc = run_cli("glossary", "validate", str(team))
    assert proc.returncode == 1
    assert proc.stdout.strip() == f"{team}:1: glossary id 'finance' is a built-in glossary's; choose another"
