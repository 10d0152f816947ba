"""What the reliability tests share: a folder with the core test glossary, and the CLI run in-process."""
import pytest
from click.testing import CliRunner

from conftest import CORE_GLOSSARY
from jargonlint.cli import cli

CORE_ONLY = ("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
             f"extra_glossaries: ['{CORE_GLOSSARY}']\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / ".jargonlint.yaml").write_text(CORE_ONLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JARGONLINT_CACHE_DIR", str(tmp_path.parent / (tmp_path.name + "-cache")))
    return tmp_path


def invoke(*args, input=None):
    """The command line in this process (so faults can be simulated); (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"an exception escaped: {result.exception!r}\n{result.stderr}")
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr
