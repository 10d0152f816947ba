import os
import subprocess
import sys
from pathlib import Path

import pytest

from jargonlint.config import Config
from jargonlint.glossary import BUILTIN_IDS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORE_GLOSSARY = FIXTURES / "glossaries" / "core.yaml"

# Tests never touch the user's cache folder.
os.environ.setdefault("JARGONLINT_CACHE_DIR", str(ROOT / ".pytest_cache" / "jargonlint-cache"))


def core_config(**overrides) -> Config:
    """Only the core test glossary: the matching rules, independent of shipped content."""
    return Config(glossaries={g: False for g in BUILTIN_IDS}, extra_glossaries=(str(CORE_GLOSSARY),), **overrides)


@pytest.fixture
def core():
    return core_config()


def run_cli(*args, input=None, cwd=None, env=None):
    """Run the installed `jargonlint` entry point as a user would."""
    exe = Path(sys.executable).parent / "jargonlint"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "jargonlint"]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(command + list(args), input=input, capture_output=True, cwd=cwd, env=full_env,
                          text=isinstance(input, str) or input is None)


# -- fuzzing: bounded by default, longer on request (owned by the reliability tests) ------------

def pytest_addoption(parser):
    parser.addoption("--fuzz-examples", type=int, default=None, metavar="N",
                     help="Examples per Hypothesis fuzz test (default: small, so the fuzz suite stays under a "
                          "minute); also JARGONLINT_FUZZ_EXAMPLES=N.")


def pytest_configure(config):
    examples = config.getoption("--fuzz-examples", default=None)
    if examples:
        os.environ["JARGONLINT_FUZZ_EXAMPLES"] = str(examples)
