"""Fixing in place: each case is a file in tests/fixtures/fix/.

A case is the input, a line `=== fixed ===`, then the expected output, in the
file's own encoding and line endings (black's layout). The file's extension
is the document type. If the input starts with a byte-order mark, the output
must too. Every case is fixed twice: the second run must change nothing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from jargonlint.api import Checker, Options
from jargonlint.findings import Edit, Finding, Fix
from jargonlint.fixer import apply_edits, choose, fix_bytes, fix_text, write_fixed
from jargonlint.readers import FORMATS
from tests.conftest import CORE_GLOSSARY, FIXTURES, run_cli

CASES = sorted((FIXTURES / "fix").iterdir())
MARKER = re.compile(rb"^=== fixed ===\r?\n", re.M)
BOM = b"\xef\xbb\xbf"


def split_case(path: Path) -> tuple[bytes, bytes]:
    data = path.read_bytes()
    parts = MARKER.split(data)
    assert len(parts) == 2, f"{path.name}: needs exactly one '=== fixed ===' line"
    before, after = parts
    if before.startswith(BOM):
        after = BOM + after
    return before, after


def write_config(folder: Path) -> Path:
    config = folder / ".jargonlint.yaml"
    config.write_text("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
                      f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    return config


@pytest.fixture
def checker(tmp_path):
    return Checker(Options(config=str(write_config(tmp_path))))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix_case(case, tmp_path, checker):
    before, expected = split_case(case)
    doc = tmp_path / case.name
    doc.write_bytes(before)

    outcome = fix_bytes(checker, str(doc), before)
    assert outcome.result.error is None, outcome.result.error
    assert write_fixed(outcome) is None
    assert doc.read_bytes() == expected, outcome.diff()
    assert outcome.changed == (before != expected)
    assert bool(outcome.changes) == outcome.changed
    for change in outcome.changes:  # each reported change names what it replaced
        assert change.old and change.new and change.term_id

    again = fix_bytes(checker, str(doc), doc.read_bytes())
    assert not again.changed, again.diff()
    assert again.changes == ()


def test_fixed_text_keeps_everything_but_the_words(checker, tmp_path):
    # CRLF, tabs and trailing spaces survive; only the matched words change.
    text = "A\tline  \r\nWe utilise it.  \r\n\r\nLast line without newline: leverage"
    doc = tmp_path / "x.txt"
    outcome = fix_bytes(checker, str(doc), text.encode())
    assert outcome.after == "A\tline  \r\nWe use it.  \r\n\r\nLast line without newline: use"
    assert [(c.line, c.column, c.old, c.new, c.term_id) for c in outcome.changes] == [
        (2, 4, "utilise", "use", "utilise"), (4, 28, "leverage", "use", "leverage")]


def test_recheck_reports_what_is_left(checker, tmp_path):
    outcome = fix_bytes(checker, str(tmp_path / "x.md"), b"We utilise the virement.\n")
    assert outcome.after == "We use the virement.\n"
    assert [f.term_id for f in outcome.result.findings] == ["virement"]
    finding = outcome.result.findings[0]
    assert outcome.after[finding.offset:finding.end_offset] == "virement"  # offsets are into the fixed text


# -- choosing edits: overlaps, stale spans, markup ---------------------------------

def finding(text, start, end, replacement, applicability="safe", term_id="t"):
    return Finding(path="x", line=1, column=start + 1, end_line=1, end_column=end + 1, offset=start,
                   end_offset=end, text=text[start:end], rule="glossary", term_id=term_id, term=text[start:end],
                   glossary="core", severity="warning", message="m", explanation="e",
                   replacements=(replacement,),
                   fix=Fix((Edit(start, end, replacement),), applicability, f"Replace with '{replacement}'"))


def test_overlapping_fix_is_skipped_and_first_by_offset_wins():
    text = "we touch base today"
    prose = FORMATS["text"](text)
    first = finding(text, 3, 13, "talk", term_id="touch-base")  # "touch base"
    second = finding(text, 9, 19, "now", term_id="base-today")  # "base today" overlaps
    later = finding(text, 0, 2, "they", term_id="we")
    chosen, skipped = choose([second, first, later], prose)
    assert [f.term_id for f, _ in chosen] == ["we", "touch-base"]
    assert [(s.finding.term_id, s.reason) for s in skipped] == [("base-today", "overlaps a fix already applied")]
    assert apply_edits(text, [e for _, edits in chosen for e in edits]) == "they talk today"


def test_overlap_with_any_edit_of_a_multi_edit_fix():
    text = "aa bb cc dd ee"
    prose = FORMATS["text"](text)
    wide = finding(text, 0, 2, "A")
    wide = Finding(**{**wide.__dict__, "fix": Fix((Edit(0, 2, "A"), Edit(9, 11, "D")), "safe", "two edits")})
    inside = finding(text, 9, 14, "x", term_id="inside")  # "dd ee" overlaps the second edit
    between = finding(text, 3, 5, "B", term_id="between")
    chosen, skipped = choose([inside, between, wide], prose)
    assert [f.term_id for f, _ in chosen] == ["t", "between"]
    assert [s.finding.term_id for s in skipped] == ["inside"]
    assert apply_edits(text, [e for _, edits in chosen for e in edits]) == "A B cc D ee"


def test_unsafe_fixes_are_never_chosen():
    text = "the virement"
    chosen, skipped = choose([finding(text, 4, 12, "budget transfer", "unsafe")], FORMATS["text"](text))
    assert chosen == [] and skipped == []


def test_a_stale_finding_is_skipped():
    text = "we use it"
    stale = finding("we utilise it", 3, 10, "use")
    chosen, skipped = choose([stale], FORMATS["text"](text))
    assert chosen == [] and skipped[0].reason == "text changed since the check"


def test_replacement_that_the_encoding_cannot_hold_is_skipped():
    text = "we utilise it"
    chosen, skipped = choose([finding(text, 3, 10, "use → now")], FORMATS["text"](text),
                             encodable=lambda s: all(ord(c) < 256 for c in s))
    assert chosen == [] and "encoding" in skipped[0].reason


def test_replacements_are_escaped_in_html_and_markup_is_refused_in_markdown():
    html = "<p>we utilise it</p>"
    chosen, _ = choose([finding(html, 6, 13, "R&D")], FORMATS["html"](html), "html")
    assert chosen[0][1][0].text == "R&amp;D"
    md = "we utilise it"
    chosen, skipped = choose([finding(md, 3, 10, "*use*")], FORMATS["markdown"](md), "markdown")
    assert chosen == [] and skipped[0].reason == "replacement would be read as markup"


def test_fix_text_stops_when_nothing_changes():
    calls = []

    def check(prose):
        calls.append(prose.text)
        i = prose.text.find("utilise")
        return [finding(prose.text, i, i + 7, "use")] if i >= 0 else []

    fixed = fix_text("utilise, then utilise", "text", check)
    assert fixed.text == "use, then use" and fixed.converged
    assert len(fixed.changes) == 2 and len(calls) == 3  # two passes that change, one that finds nothing


def test_fix_text_gives_up_on_a_fix_that_never_settles():
    def check(prose):  # a glossary whose replacement is flagged again: a -> aa -> aaa ...
        return [finding(prose.text, 0, len(prose.text), prose.text + "a")]

    fixed = fix_text("a", "text", check)
    assert not fixed.converged and len(fixed.changes) == 10


def test_baselined_findings_are_left_alone_across_passes():
    def check(prose):
        return [finding(prose.text, m.start(), m.end(), "use") for m in re.finditer("utilise", prose.text)]

    fixed = fix_text("utilise old; utilise new", "text", check,
                     wanted=lambda findings, prose: [f for f in findings if f.offset > 5])
    assert fixed.text == "utilise old; use new"


def test_word_documents_are_not_fixed(checker, tmp_path, monkeypatch):
    import jargonlint.files
    from jargonlint.files import Document
    from jargonlint.readers import Prose

    text = "We utilise it."
    monkeypatch.setattr(jargonlint.files, "load_document",
                        lambda path, data, forced=None: Document(path, "docx", Prose(text, text)))
    outcome = fix_bytes(checker, str(tmp_path / "brief.docx"), b"PK...")
    assert not outcome.changed and outcome.data is None
    assert outcome.note == "not fixed: jargonlint does not edit Word documents"
    assert [f.term_id for f in outcome.result.findings] == ["utilise"]


# -- the command line ---------------------------------------------------------------

def test_cli_fix_diff_and_second_run(tmp_path):
    config = write_config(tmp_path)
    doc = tmp_path / "brief.md"
    original = "# Plan\r\n\r\nWe utilised `utilise` and the virement.\r\n"
    doc.write_bytes(original.encode())
    doc.chmod(0o640)

    diff = run_cli("check", "--diff", "--config", str(config), str(doc), input=b"")  # bytes: see the CRLFs
    assert diff.returncode == 1, diff.stderr
    assert doc.read_bytes() == original.encode()  # --diff never writes
    assert b"-We utilised `utilise` and the virement.\r\n" in diff.stdout
    assert b"+We used `utilise` and the virement.\r\n" in diff.stdout
    assert b"Would fix 1 finding in 1 file." in diff.stderr

    fixed = run_cli("check", "--fix", "--config", str(config), str(doc))
    assert fixed.returncode == 1, fixed.stderr  # the virement is left and is a warning
    assert doc.read_bytes() == b"# Plan\r\n\r\nWe used `utilise` and the virement.\r\n"
    assert (doc.stat().st_mode & 0o777) == 0o640
    assert f"fixed {doc}:3:4: 'utilised' -> 'used' [utilise]" in fixed.stderr
    assert "Fixed 1 finding in 1 file." in fixed.stderr
    assert "[virement]" in fixed.stdout and "[utilise]" not in fixed.stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".jargonlint-tmp")] == []

    again = run_cli("check", "--fix", "--config", str(config), str(doc))
    assert "fixed" not in again.stderr.lower().replace("not fixed", "")
    assert doc.read_bytes() == b"# Plan\r\n\r\nWe used `utilise` and the virement.\r\n"

    nothing = run_cli("check", "--diff", "--config", str(config), str(doc))
    assert nothing.returncode == 0 and nothing.stdout == ""


def test_cli_fix_a_read_only_file_is_an_error_and_untouched(tmp_path):
    config = write_config(tmp_path)
    doc = tmp_path / "brief.txt"
    doc.write_text("We utilise it.\n")
    doc.chmod(0o444)
    proc = run_cli("check", "--fix", "--config", str(config), str(doc))
    assert proc.returncode == 2
    assert "not fixed: file is read-only" in proc.stderr
    assert doc.read_text() == "We utilise it.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".jargonlint.yaml", "brief.txt"]


def test_cli_diff_refuses_other_formats(tmp_path):
    proc = run_cli("check", "--diff", "--format", "json", str(tmp_path))
    assert proc.returncode == 2 and "--diff" in proc.stderr


def test_cli_standard_input_is_reported_as_it_is_and_diffed(tmp_path):
    config = write_config(tmp_path)
    text = "We utilise uti**lis**e the virement.\n"
    fixed = run_cli("check", "--fix", "-", "--stdin-filename", "a.md", "--config", str(config), input=text)
    assert fixed.returncode == 1
    assert fixed.stdout.splitlines()[0] == "a.md:1:4: warning [utilise] 'utilise' is Core test glossary jargon; try 'use'"
    assert "standard input is not fixed in place" in fixed.stderr
    diff = run_cli("check", "--diff", "-", "--stdin-filename", "a.md", "--config", str(config), input=text)
    assert diff.returncode == 1
    assert "+We use uti**lis**e the virement.\n" in diff.stdout
    assert "not fixed a.md:1:8: 'uti**lis**e' [utilise]: markup inside the matched text" in diff.stderr
