"""Files, folders, configs, glossaries and fixing under faults: one clear line, the right exit code.

Faults a test cannot cause for real (tests run as root, so permissions do not
stop a read; a disk is never really full) are simulated by monkeypatching,
and docs/reliability.md says which.
"""
from __future__ import annotations

import errno
import os

import pytest
from click.testing import CliRunner

from jargonlint import atomic, files
from jargonlint.api import Checker, Options
from jargonlint.cli import cli
from reliability_support import CORE_ONLY, folder, invoke  # noqa: F401  (folder is a fixture)

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False




def errors(err):
    return [line for line in err.splitlines() if line.startswith("jargonlint: error:")]


# -- files and folders ------------------------------------------------------------------

def test_unreadable_file_simulated(folder, monkeypatch):
    """Root reads anything, so `open` is made to refuse the one file, as it would for a user."""
    (folder / "secret.md").write_text("We utilise it.\n")
    (folder / "open.md").write_text("We leverage it.\n")
    real_open = open

    def guarded(path, *args, **kwargs):
        if os.fspath(path).endswith("secret.md"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open", guarded, raising=False)
    code, out, err = invoke("check", "secret.md", "open.md")
    assert code == 2
    assert errors(err) == ["jargonlint: error: secret.md: permission denied"]
    assert "open.md:1:4" in out


@pytest.mark.skipif(ROOT, reason="root ignores file permissions")
def test_unreadable_file_for_real(folder):
    (folder / "secret.md").write_text("We utilise it.\n")
    (folder / "secret.md").chmod(0)
    code, _, err = invoke("check", "secret.md")
    assert code == 2 and errors(err) == ["jargonlint: error: secret.md: permission denied"]


@pytest.mark.parametrize("args", [
    ["check", "--config", "sub", "a.md"],
    ["check", "--glossary", "sub", "a.md"],
    ["check", "--baseline", "sub", "a.md"],
    ["glossary", "validate", "sub"],
    ["glossary", "show", "x", "--glossary", "sub"],
    ["baseline", "a.md", "--output", "sub"],
])
def test_a_folder_where_a_file_is_expected_is_a_usage_error(folder, args):
    (folder / "sub").mkdir()
    (folder / "a.md").write_text("We utilise it.\n")
    code, _, err = invoke(*args)
    assert code == 2, err
    assert "is a directory" in err or "folder" in err


def test_a_folder_as_an_extra_glossary_names_the_config_line(folder):
    (folder / "sub").mkdir()
    (folder / ".jargonlint.yaml").write_text("audience: public\nextra_glossaries: [sub]\n")
    (folder / "a.md").write_text("We utilise it.\n")
    code, _, err = invoke("check", "a.md")
    assert code == 2
    assert errors(err) == [f"jargonlint: error: a.md: {folder / '.jargonlint.yaml'}:2: extra glossary 'sub': is a folder, not a file"]


def test_a_folder_that_becomes_a_file_meanwhile(folder):
    (folder / "doc.md").mkdir()
    assert Checker(Options()).check_file("doc.md").error == "is a folder, not a file"


def test_symbolic_link_loops_do_not_trap_the_walk(folder):
    tree = folder / "docs"
    (tree / "deep").mkdir(parents=True)
    (tree / "deep" / "a.md").write_text("We utilise it.\n")
    (tree / "deep" / "up").symlink_to("..")
    (tree / "self").symlink_to(".")
    (tree / "loop1.md").symlink_to("loop2.md")
    (tree / "loop2.md").symlink_to("loop1.md")
    (tree / "dangling.md").symlink_to("nowhere.md")
    code, out, err = invoke("check", "docs")
    assert code == 2
    assert out.count("a.md:1:4") == 1  # once, however many ways lead to it
    assert sorted(errors(err)) == [
        "jargonlint: error: docs/dangling.md: broken symbolic link",
        "jargonlint: error: docs/loop1.md: Too many levels of symbolic links",
        "jargonlint: error: docs/loop2.md: Too many levels of symbolic links",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_a_folder_is_passed_over_not_waited_on(folder):
    """Before the fix, `check .` blocked for ever opening a FIFO named like a document."""
    (folder / "docs").mkdir()
    os.mkfifo(folder / "docs" / "pipe.md")
    (folder / "docs" / "a.md").write_text("We utilise it.\n")
    assert [p for p, _ in files.discover(["docs"])] == [os.path.join("docs", "a.md")]


def test_a_file_deleted_after_it_was_found(folder):
    (folder / "gone.md").write_text("We utilise it.\n")
    checker = Checker(Options())
    found = [p for p, error in checker.paths(["."]) if error is None]
    assert "./gone.md" in found
    (folder / "gone.md").unlink()
    assert checker.check_file("./gone.md").error == "no such file (deleted while checking?)"


def test_a_file_deleted_while_the_command_runs_simulated(folder, monkeypatch):
    (folder / "a.md").write_text("We utilise it.\n")
    (folder / "b.md").write_text("We leverage it.\n")
    real = files.read_bytes

    def vanish(path):
        if path.endswith("a.md"):
            os.unlink(path)
        return real(path)

    monkeypatch.setattr("jargonlint.api.read_bytes", vanish)
    code, out, err = invoke("check", "a.md", "b.md")
    assert code == 2
    assert errors(err) == ["jargonlint: error: a.md: no such file (deleted while checking?)"]
    assert "b.md:1:4" in out


def test_a_file_changed_while_checked_is_checked_as_read(folder, monkeypatch):
    """The bytes read once are the bytes checked: offsets never point into a newer version."""
    doc = folder / "a.md"
    doc.write_text("We utilise it.\n")
    real = files.read_bytes

    def change_after_read(path):
        data = real(path)
        doc.write_text("Completely different now, and longer than before.\n")
        return data

    monkeypatch.setattr("jargonlint.api.read_bytes", change_after_read)
    code, out, _ = invoke("check", "a.md", "--format", "json")
    import json

    finding = json.loads(out)["findings"][0]
    assert (finding["offset"], finding["text"]) == (3, "utilise")


NON_UTF8 = os.fsdecode(b"caf\xe9-\xff.md")


def _non_utf8_file(folder):
    path = folder / NON_UTF8
    path.write_text("We utilise it.\n")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "github", "lsp"])
@pytest.mark.parametrize("locale", ["C.UTF-8", "strict"])
def test_a_non_utf8_file_name_in_output_is_valid_utf8(folder, fmt, locale):
    """The installed command, under the usual locale and under one whose stdout is strict UTF-8."""
    from conftest import run_cli

    _non_utf8_file(folder)
    env = {"LC_ALL": "C.UTF-8"} if locale == "C.UTF-8" else {"PYTHONIOENCODING": "utf-8:strict"}
    proc = run_cli("check", ".", "--format", fmt, cwd=folder, input=b"", env=env)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode("utf-8")  # never raw bytes from the name
    assert "Traceback" not in proc.stderr.decode("utf-8")
    if fmt == "json":
        import json

        assert json.loads(out)["findings"][0]["path"] == "./" + NON_UTF8  # the escape reads back exactly
    elif fmt == "text":
        assert out.startswith("./caf\\udce9-\\udcff.md:1:4: warning [utilise]")


def test_a_non_utf8_file_name_in_sarif(folder):
    _non_utf8_file(folder)
    result = CliRunner().invoke(cli, ["check", ".", "--format", "sarif"], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1


def test_a_non_utf8_file_name_in_a_baseline(folder):
    _non_utf8_file(folder)
    result = CliRunner().invoke(cli, ["baseline", ".", "--output", "base.json"], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0


def test_the_last_line_of_defence_is_one_line_not_a_traceback(folder):
    """Whatever a bug raises, the installed command prints one line and exits 2."""
    from conftest import run_cli

    _non_utf8_file(folder)
    proc = run_cli("check", ".", "--format", "sarif", cwd=folder)
    assert proc.returncode in (1, 2)
    assert "Traceback" not in proc.stderr
    if proc.returncode == 2:
        assert proc.stderr.strip().splitlines()[-1].startswith("jargonlint: error: internal error (")


# -- config files ------------------------------------------------------------------------

CONFIGS = [
    ("audience: [\n", 2, "did not find expected node content"),
    ("audience: 3\n", 1, "'audience' must be a string"),
    ("allow: [ok]\nexclude: x\n", 2, "'exclude' must be a list"),
    ("allow: [1, 2]\n", 1, "every item of 'allow' must be a non-empty string"),
    ("glossaries: {finance: 1}\n", 1, "glossary 'finance' must be true or false"),
    ("fail_on: loud\n", 1, "'fail_on' must be one of"),
    ("severity: {x: loud}\n", 1, "severity of 'x' must be one of"),
    ("audiences: {board: finance}\n", 1, "audience 'board' must be a list of glossary ids"),
    ("- 1\n- 2\n", 1, "the configuration must be a mapping"),
    ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
    ("? [a]\n: 1\n", 1, "a mapping key must be a plain value"),
    ("a: &x [*x]\n", 1, "recursive"),
    ("audience: public\nextra_glossaries: [missing.yaml]\n", 2, "extra glossary 'missing.yaml': no such file"),
    ("audience: !!python/object/apply:os.system ['echo pwned']\n", 1, "is not allowed (only plain data)"),
    ("audience: !!python/name:os.system ''\n", 1, "is not allowed (only plain data)"),
    ("x: !custom 1\n", 1, "is not allowed (only plain data)"),
    ("audience: public\n# caf\xe9\n", 2, "not UTF-8 text"),
]


@pytest.mark.parametrize("text, line, message", CONFIGS)
def test_a_broken_config_is_one_line_naming_file_and_line(folder, text, line, message):
    config = folder / ".jargonlint.yaml"
    config.write_bytes(text.encode("latin-1"))
    (folder / "a.md").write_text("We utilise it.\n")
    code, out, err = invoke("check", "a.md")
    assert code == 2
    [error] = errors(err)
    assert error.startswith(f"jargonlint: error: a.md: {config}:{line}: "), error
    assert message in error
    assert not (folder / "pwned").exists()


def test_a_broken_config_given_on_the_command_line(folder):
    (folder / "bad.yaml").write_text("audience: [\n")
    (folder / "a.md").write_text("We utilise it.\n")
    code, _, err = invoke("check", "--config", "bad.yaml", "a.md")
    assert code == 2 and errors(err) == ["jargonlint: error: bad.yaml:2: did not find expected node content"]


def test_a_broken_pyproject(folder):
    (folder / ".jargonlint.yaml").unlink()
    (folder / "pyproject.toml").write_text("[tool.jargonlint]\naudience = \n")
    (folder / "a.md").write_text("We utilise it.\n")
    code, _, err = invoke("check", "a.md")
    assert code == 2
    [error] = errors(err)
    assert error.startswith(f"jargonlint: error: a.md: {folder / 'pyproject.toml'}:2: ")


def test_unknown_config_keys_warn_with_file_and_line(folder):
    (folder / ".jargonlint.yaml").write_text(CORE_ONLY + "colour: blue\n")
    (folder / "a.md").write_text("We utilise it.\n")
    code, _, err = invoke("check", "a.md")
    assert code == 1
    assert f"jargonlint: warning: {folder / '.jargonlint.yaml'}:3: unknown key 'colour' ignored" in err


# -- glossaries ---------------------------------------------------------------------------

HEAD = "id: team\nname: Team\ndescription: d\nsources:\n  s: {title: t, licence: MIT}\nterms:\n"
TERM = "  - id: {id}\n    term: {term}\n    replacements: [x]\n    explanation: e\n    examples: {{flag: [zz here]}}\n    source: s\n"
GLOSSARIES = [
    (HEAD + TERM.format(id="e", term='""'), 8, "an empty term or variant matches nothing"),
    (HEAD + TERM.format(id="e", term="'   '"), 8, "an empty term or variant matches nothing"),
    (HEAD + TERM.format(id="e", term="word " * 2000), 8, "longer than 200 characters"),
    (HEAD + TERM.format(id="e", term="5"), 8, "'term' must be a string"),
    (HEAD + TERM.format(id="e", term="!!python/name:os.system ''"), 8, "is not allowed (only plain data)"),
    (HEAD + TERM.format(id="e", term="zz") + "    wat: 1\n", 13, "unknown key 'wat'"),
    (HEAD + TERM.format(id="e", term="zz") + "    context: {window: 0.5}\n", 13, "'window' must be a whole number"),
    (HEAD + TERM.format(id="e", term="zz") + "  - just a string\n", 13, "each term must be a mapping"),
    (HEAD + TERM.format(id="e", term="zz") + TERM.format(id="e", term="yy"), 13, "duplicate id (first at line 7)"),
    (HEAD + TERM.format(id="accounting-officer", term="zz"), 7, "id already used in"),  # a built-in finance id
    (HEAD.replace("id: team", "id: finance") + TERM.format(id="e", term="zz"), 1, "glossary id 'finance' is already used"),
    ("id: team\nname: Team\ndescription: d\nsources: [1]\nterms: []\n", 4, "'sources' must be a mapping"),
    ("id: team\nname: [\n", 3, ""),
    ("", 0, "the file is empty"),
    (HEAD.encode("utf-8") + b"  - id: \xff\n", 7, "not UTF-8 text"),
]


@pytest.mark.parametrize("text, line, message", GLOSSARIES)
def test_a_broken_team_glossary_is_one_line_naming_file_and_line(folder, text, line, message):
    glossary = folder / "team.yaml"
    glossary.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (folder / ".jargonlint.yaml").write_text("audience: public\nextra_glossaries: [team.yaml]\n")
    (folder / "a.md").write_text("We utilise it.\n")
    code, _, err = invoke("check", "a.md")
    assert code == 2
    [error] = errors(err)
    where = f"{glossary}:{line}: " if line else f"{glossary}: "
    assert error.startswith(f"jargonlint: error: a.md: {where}"), error
    assert message in error


# -- fixing under faults -------------------------------------------------------------------

ORIGINAL = "We utilise the hall and leverage the plan.\n"


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]


def test_fixing_a_read_only_file(folder):
    doc = folder / "a.md"
    doc.write_text(ORIGINAL)
    doc.chmod(0o444)
    code, _, err = invoke("check", "--fix", "a.md")
    assert code == 2
    assert errors(err) == ["jargonlint: error: a.md: not fixed: file is read-only"]
    assert doc.read_text() == ORIGINAL and leftovers(folder) == []


def test_fixing_on_a_full_disk_simulated(folder, monkeypatch):
    doc = folder / "a.md"
    doc.write_text(ORIGINAL)

    def half_then_full(fd, data):
        os.write(fd, data[:len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", half_then_full)
    code, _, err = invoke("check", "--fix", "a.md")
    assert code == 2
    assert errors(err) == ["jargonlint: error: a.md: not fixed: No space left on device"]
    assert doc.read_text() == ORIGINAL and leftovers(folder) == []


@pytest.mark.parametrize("where", ["fsync", "chmod", "replace"])
def test_fixing_fails_half_way(folder, monkeypatch, where):
    doc = folder / "a.md"
    doc.write_text(ORIGINAL)

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, where, broken)
    code, _, err = invoke("check", "--fix", "a.md")
    monkeypatch.undo()
    assert code == 2
    assert errors(err) == ["jargonlint: error: a.md: not fixed: Input/output error"]
    assert doc.read_text() == ORIGINAL and leftovers(folder) == []


def test_fixing_interrupted_half_way(folder, monkeypatch):
    doc = folder / "a.md"
    doc.write_text(ORIGINAL)

    def interrupt(fd, data):
        os.write(fd, data[:5])
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_write_all", interrupt)
    result = CliRunner().invoke(cli, ["check", "--fix", "a.md"])
    assert result.exit_code != 0
    assert doc.read_text() == ORIGINAL and leftovers(folder) == []


def test_fixing_works_when_nothing_fails(folder):
    doc = folder / "a.md"
    doc.write_text(ORIGINAL)
    code, _, _ = invoke("check", "--fix", "a.md")
    assert code == 0 and doc.read_text() == "We use the hall and use the plan.\n" and leftovers(folder) == []


def test_fixing_does_not_overwrite_an_edit_made_meanwhile(folder, monkeypatch):
    import jargonlint.fixer as fixer

    doc = folder / "a.md"
    doc.write_text(ORIGINAL)
    real = fixer.fix_bytes
    newer = "Someone saved this while the fix was computed; utilise stays.\n"

    def edit_meanwhile(*args, **kwargs):
        outcome = real(*args, **kwargs)
        doc.write_text(newer)
        return outcome

    monkeypatch.setattr(fixer, "fix_bytes", edit_meanwhile)
    invoke("check", "--fix", "a.md")
    assert doc.read_text() in (newer, newer.replace("utilise", "use"))
