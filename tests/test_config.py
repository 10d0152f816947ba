"""Audiences, config files found upward, precedence, switches and excludes."""
import json

from jargonlint import lint_text
from jargonlint.config import Config, ConfigError, load_config_file
from tests.conftest import run_cli

TEXT = "The virement paid for the API after a myocardial infarction."


def glossaries_found(**config):
    return {f.glossary for f in lint_text(TEXT, config=Config(**config)) if f.rule == "glossary"}


def test_public_gets_every_glossary():
    assert glossaries_found() == {"finance", "it", "clinical"}


def test_a_profession_does_not_get_its_own_glossary():
    assert glossaries_found(audience="finance") == {"it", "clinical"}
    assert glossaries_found(audience="it") == {"finance", "clinical"}
    assert glossaries_found(audience="clinical") == {"finance", "it"}


def test_custom_audience_and_switches():
    assert glossaries_found(audience="board", audiences={"board": ("finance", "general")}) == {"finance"}
    assert glossaries_found(glossaries={"clinical": False}) == {"finance", "it"}


def test_pyproject_section_is_found_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.jargonlint]\naudience = 'clinical'\n")
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    doc = tmp_path / "docs" / "deep" / "a.md"
    doc.write_text(TEXT + "\n")
    data = json.loads(run_cli("check", "--format", "json", str(doc)).stdout)
    assert {f["glossary"] for f in data["findings"] if f["rule"] == "glossary"} == {"finance", "it"}


def test_command_line_beats_config(tmp_path):
    (tmp_path / ".jargonlint.yaml").write_text("audience: clinical\n")
    doc = tmp_path / "a.md"
    doc.write_text(TEXT + "\n")
    data = json.loads(run_cli("check", "--format", "json", "--audience", "finance", str(doc)).stdout)
    assert {f["glossary"] for f in data["findings"] if f["rule"] == "glossary"} == {"it", "clinical"}


def test_pyproject_errors_name_the_line(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.jargonlint]\naudience = 'public'\nfail_on = 'sometimes'\n")
    try:
        load_config_file(path)
    except ConfigError as exc:
        assert str(exc) == f"{path}:3: 'fail_on' must be one of error, warning, info, hint"
    else:
        raise AssertionError("a bad value must be refused")


def test_excludes_are_relative_to_the_config(tmp_path):
    (tmp_path / ".jargonlint.yaml").write_text("exclude: ['archive/**', '*.draft.md']\n")
    (tmp_path / "archive").mkdir()
    for name in ("archive/old.md", "new.draft.md", "keep.md"):
        (tmp_path / name).write_text(TEXT + "\n")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    assert {f["path"] for f in data["findings"]} == {str(tmp_path / "keep.md")}
