"""The hooks, through pre-commit itself.

The hook repository is a snapshot of this checkout's working tree (committed
and uncommitted files alike, without .git and caches), made once per session
in a temporary git repository: `pre-commit try-repo` on the checkout itself
would take only committed and tracked files, and would run git in the
checkout.

Building a hook environment installs jargonlint and spaCy into a fresh
virtualenv (pip uses the configured package index). `pre-commit try-repo`
always builds into a throwaway store of its own, so it builds once per call:
this module calls it once, and runs the other cases with `pre-commit run`
against the very configuration try-repo writes (the snapshot as `repo:`, its
commit as `rev:`) with one PRE_COMMIT_HOME for the session, which builds
once more. Two builds per session in all.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORE_GLOSSARY, ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
IGNORE = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", ".hypothesis", "*.egg-info",
                                "build", "dist", ".venv", "venv", ".mypy_cache", ".ruff_cache", "results",
                                ".jargonlint-tmp", "*.jargonlint-tmp")
JARGON = "# Plan\n\nWe utilised the tool and will leverage it.\n"
FIXED = "# Plan\n\nWe used the tool and will use it.\n"
CLEAN = "# Plan\n\nWe used the tool and will use it again.\n"
TIMEOUT = 1200


def git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd,
                          env=env, check=True, capture_output=True, text=True).stdout.strip()


def pre_commit(*args, cwd, home=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if home is not None:
        env["PRE_COMMIT_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory):
    """A committed snapshot of this checkout: what `try-repo` would see, untracked files included."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    snapshot = tmp_path_factory.mktemp("hook-repo") / "jargonlint"
    shutil.copytree(ROOT, snapshot, ignore=IGNORE, symlinks=True)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot)


@pytest.fixture
def doc_repo(tmp_path):
    """A repository of documents, with a config that uses only the core test glossary."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "docs-repo"
    repo.mkdir()
    (repo / ".jargonlint.yaml").write_text(
        "glossaries: {finance: false, it: false, clinical: false, general: false}\n"
        f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    (repo / "brief.md").write_text(JARGON)
    (repo / "clean.md").write_text(CLEAN)
    (repo / "notes.py").write_text("utilise = 1  # not a document: the hooks skip it\n")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "documents", cwd=repo)
    return repo


@pytest.fixture(scope="session")
def shared_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.mark.slow
def test_try_repo_flags_jargon_and_the_fix_hook_changes_the_file(hook_repo, doc_repo):
    snapshot, _ = hook_repo
    proc = pre_commit("try-repo", str(snapshot), "--files", "brief.md", "clean.md", "notes.py", cwd=doc_repo)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    # The check hook fails and prints the findings, with the file as pre-commit passed it.
    assert re.search(r"^jargonlint\.+Failed$", proc.stdout, re.M), out
    assert "brief.md:3:4: warning [utilise] 'utilised' is Core test glossary jargon; try 'used'" in out
    assert "brief.md:3:31: warning [leverage]" in out
    assert "clean.md:" not in out and "notes.py:" not in out
    # The fix hook fixes everything it can, so it exits 0: pre-commit fails it for modifying the file.
    fix = out[out.index("jargonlint (apply safe fixes)"):]
    assert re.match(r"jargonlint \(apply safe fixes\)\.+Failed", fix), out
    assert "- files were modified by this hook" in fix
    assert "- exit code:" not in fix
    assert "fixed brief.md:3:4: 'utilised' -> 'used' [utilise]" in fix
    assert (doc_repo / "brief.md").read_text() == FIXED
    assert (doc_repo / "clean.md").read_text() == CLEAN
    assert (doc_repo / "notes.py").read_text().startswith("utilise = 1")


def write_config(doc_repo, hook_repo) -> Path:
    """The configuration try-repo writes: the hook repository at one commit, both hooks."""
    snapshot, rev = hook_repo
    config = doc_repo / ".pre-commit-config.yaml"
    config.write_text(f"repos:\n  - repo: {snapshot}\n    rev: {rev}\n    hooks:\n"
                      "      - id: jargonlint\n      - id: jargonlint-fix\n")
    return config


@pytest.mark.slow
def test_clean_document_passes_both_hooks(hook_repo, doc_repo, shared_home):
    config = write_config(doc_repo, hook_repo)
    proc = pre_commit("run", "-c", str(config), "--files", "clean.md", cwd=doc_repo, home=shared_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^jargonlint\.+Passed$", proc.stdout, re.M)
    assert re.search(r"^jargonlint \(apply safe fixes\)\.+Passed$", proc.stdout, re.M)


@pytest.mark.slow
def test_fix_hook_then_a_second_run_passes(hook_repo, doc_repo, shared_home):
    config = write_config(doc_repo, hook_repo)
    first = pre_commit("run", "-c", str(config), "jargonlint-fix", "--files", "brief.md", cwd=doc_repo,
                       home=shared_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "- files were modified by this hook" in first.stdout
    assert (doc_repo / "brief.md").read_text() == FIXED
    second = pre_commit("run", "-c", str(config), "--files", "brief.md", cwd=doc_repo, home=shared_home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (doc_repo / "brief.md").read_text() == FIXED


@pytest.mark.slow
def test_unfixable_jargon_fails_the_fix_hook_with_its_exit_code(hook_repo, doc_repo, shared_home):
    config = write_config(doc_repo, hook_repo)
    (doc_repo / "budget.txt").write_text("The virement is approved.\n")
    proc = pre_commit("run", "-c", str(config), "jargonlint-fix", "--files", "budget.txt", cwd=doc_repo,
                      home=shared_home)
    assert proc.returncode == 1
    assert "- exit code: 1" in proc.stdout and "files were modified" not in proc.stdout
    assert "budget.txt:1:5: warning [virement]" in proc.stdout


# -- which files the hooks take (no environment needed) --------------------------------

@pytest.mark.parametrize("name, taken", [
    ("a.md", True), ("a.markdown", True), ("a.txt", True), ("a.rst", True), ("a.html", True), ("a.htm", True),
    ("a.docx", True), ("A.MD", True), ("a.py", False), ("a.png", False), ("a.zip", False), ("a.yaml", False),
])
def test_hook_file_selection(tmp_path, name, taken):
    """pre-commit takes a file when `files` matches AND one of `types_or` is among identify's tags."""
    yaml = pytest.importorskip("yaml")
    identify = pytest.importorskip("identify.identify")
    path = tmp_path / name
    if name.endswith((".docx", ".zip", ".png")):
        path.write_bytes(b"PK\x03\x04\x00\x00binary\x00\xff")
    else:
        path.write_text("text\n")
    for hook in yaml.safe_load(HOOKS.read_text()):
        tags = identify.tags_from_path(str(path))
        selected = bool(re.search(hook["files"], name)) and bool(tags & set(hook["types_or"]))
        assert selected == taken, (hook["id"], name, sorted(tags))
        assert hook["require_serial"] is True and hook["language"] == "python"
