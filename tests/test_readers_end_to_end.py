"""The readers through the engine: each briefing fixture's exact findings with
the core test glossary, and findings that point at the original text."""
from __future__ import annotations

import codecs

import pytest

from jargonlint import lint_text
from jargonlint.decode import decode
from jargonlint.engine import linter_for
from jargonlint.readers import FORMATS, format_for, read_docx
from tests.conftest import core_config
from tests.readers_support import FORMATS_DIR, position
from tests.test_readers_docx import docx, p, table

# (line, column, term id, text) of every finding, with the core test glossary.
# Suppression comments in each fixture hide one finding each.
EXPECTED = {
    "briefing.md": [
        (6, 31, "virement", "virement"),
        (12, 22, "utilise", "utilise"),
        (12, 34, "virement", "virement"),
        (13, 44, "leverage", "leverage"),
        (14, 29, "virement", "virement"),  # link text; the URL and title are not checked
        # 18:9 leverage: hidden by <!-- jargonlint-disable-next-line leverage -->
        (18, 44, "trust-nhs", "trust"),
        (22, 32, "myocardial-infarction", "myocardial infarction"),
        (23, 40, "utilise", "utilise"),
        (26, 16, "virement", "virement"),
        (31, 3, "virement", "Virement"),  # table cells
        (31, 73, "virement", "virement"),
        (32, 16, "leverage", "Leverage"),
        (34, 5, "virement", "virement"),  # block quote
        (44, 12, "virement", "virement"),  # image alt text
        (49, 10, "myocardial-infarction", "myocardial infarction"),  # footnote
        (53, 73, "virement", "virement"),  # text inside an HTML block
        (55, 41, "utilise", "utilise"),
    ],
    "briefing.html": [
        (6, 8, "virement", "Virement"),  # the page title
        (11, 26, "virement", "virement"),
        (12, 27, "utilise", "utilise"),
        (13, 1, "leverage", "leverage"),
        # 15:31 myocardial infarction: hidden by the comment above it
        (18, 15, "virement", "virement"),
        (21, 9, "virement", "virement"),
        (23, 81, "leverage", "leverage"),
    ],
    "briefing.rst": [
        (2, 1, "virement", "Virement"),
        (6, 31, "virement", "virement"),  # a field body
        # 10:29 virement: hidden by ".. jargonlint-disable-next-line virement"
        (10, 18, "utilise", "utilise"),
        (11, 15, "leverage", "leverage"),
        (12, 40, "virement", "virement"),  # a hyperlink reference's title
        (15, 38, "myocardial-infarction", "myocardial infarction"),  # a note
        (20, 11, "utilise", "utilise"),
        (20, 38, "virement", "virement"),
        (41, 3, "virement", "virement"),  # a grid table cell
        (44, 8, "leverage", "Leverage"),  # a footnote
        (50, 17, "utilise", "utilise"),
    ],
    "briefing.txt": [
        (1, 8, "virement", "virement"),
        (4, 18, "utilise", "utilise"),
        (4, 28, "virement", "virement"),
        (4, 40, "leverage", "leverage"),
        # 6:9 leverage: hidden by "jargonlint: disable-next-line leverage"
        (9, 32, "myocardial-infarction", "myocardial infarction"),
        (10, 19, "utilise", "utilise"),
    ],
}


def glossary_only(findings):
    """The glossary's findings (other rules, such as undefined abbreviations, are tested elsewhere)."""
    return [f for f in findings if f.rule == "glossary"]


def findings_for(text: str, name: str):
    return glossary_only(lint_text(text, config=core_config(), format=format_for(name), path=name))


def summary(findings):
    return sorted((f.line, f.column, f.term_id, f.text) for f in findings)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings_are_exact(name):
    text = (FORMATS_DIR / name).read_text(encoding="utf-8")
    findings = findings_for(text, name)
    assert summary(findings) == sorted(EXPECTED[name])
    for f in findings:
        assert text[f.offset : f.end_offset] == f.text
        assert position(text, f.offset) == (f.line, f.column)
        assert position(text, f.end_offset) == (f.end_line, f.end_column)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings_with_crlf_and_bom(name):
    data = codecs.BOM_UTF8 + (FORMATS_DIR / name).read_bytes().replace(b"\n", b"\r\n")
    decoded = decode(data)
    findings = findings_for(decoded.text, name)
    assert summary(findings) == sorted(EXPECTED[name])
    for f in findings:
        assert decoded.text[f.offset : f.end_offset] == f.text


def test_windows_1252_text_gives_the_same_findings():
    text = "The council\u2019s caf\u00e9 will utilise a \u201cvirement\u201d.\r\n"
    decoded = decode(text.encode("cp1252"))
    assert decoded.encoding == "cp1252"
    findings = findings_for(decoded.text, "note.txt")
    columns = [decoded.text.index(w) + 1 for w in ("utilise", "virement")]
    assert summary(findings) == [(1, columns[0], "utilise", "utilise"), (1, columns[1], "virement", "virement")]


def test_markup_inside_a_word_still_matches_the_whole_word():
    text = "We will **uti**lise it and lev<b>er</b>age it.\n"
    findings = findings_for(text, "a.md")
    assert [(f.term_id, f.offset, f.end_offset) for f in findings] == [
        ("utilise", text.index("uti"), text.index("lise") + 4),
        ("leverage", text.index("lev"), text.index("age it") + 3),
    ]


def test_terms_never_cross_a_block_boundary():
    assert findings_for("- myocardial\n- infarction\n", "a.md") == []
    assert findings_for("| myocardial | infarction |\n|---|---|\n", "a.md") == []
    assert findings_for("<td>myocardial</td><td>infarction</td>", "a.html") == []
    assert findings_for("# myocardial\ninfarction\n", "a.md") == []


def test_docx_findings_name_the_paragraph():
    data = docx(
        p("Budget briefing") + p("We will utilise a virement.")
        + table([p("Term"), p("leverage")]),
        headers=[p("Virement header")],
        footnotes=[p("After a myocardial"), p("infarction, nothing matches across notes.")],
    )
    prose = read_docx(data)
    findings = glossary_only(linter_for(core_config()).check(prose, "briefing.docx", "docx"))
    assert [(f.line, f.column, f.term_id, f.location) for f in findings] == [
        (2, 9, "utilise", 'paragraph 2: "We will utilise a virement."'),
        (2, 19, "virement", 'paragraph 2: "We will utilise a virement."'),
        (4, 1, "leverage", 'table 1, row 1, cell 2: "leverage"'),
        (5, 1, "virement", 'header 1: "Virement header"'),
    ]
    for f in findings:
        assert prose.text[f.offset : f.end_offset] == f.text


def test_every_reader_is_registered_with_the_engine():
    for fmt, reader in FORMATS.items():
        findings = glossary_only(lint_text("A virement.\n", config=core_config(), format=fmt))
        assert [f.term_id for f in findings] == ["virement"], (fmt, reader)
