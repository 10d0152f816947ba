"""The readers as a whole: the registry, the briefing fixtures, and positions
that stay exact after multi-byte characters, emoji, tabs, CRLF and a BOM."""
from __future__ import annotations

import codecs

import pytest

from jargonlint.decode import decode
from jargonlint.readers import (
    BINARY_FORMATS,
    BREAK,
    EXTENSIONS,
    FORMATS,
    JOIN,
    Prose,
    ReadError,
    format_for,
    read_html,
    read_markdown,
    read_rst,
    read_text,
)
from tests.readers_support import (
    FORMATS_DIR,
    check_contract,
    expected_uses,
    jargon_uses,
    position,
    prose_words,
)

FIXTURES = ["briefing.md", "briefing.html", "briefing.rst", "briefing.txt"]


# -- the registry


def test_formats_are_the_text_readers():
    assert FORMATS == {"markdown": read_markdown, "html": read_html, "rst": read_rst, "text": read_text}
    assert set(BINARY_FORMATS) == {"docx"}


@pytest.mark.parametrize(
    "path, fmt",
    [
        ("briefing.md", "markdown"),
        ("a/b/README.MARKDOWN", "markdown"),
        ("notes.mdown", "markdown"),
        ("notes.mkd", "markdown"),
        ("page.html.md", "markdown"),
        ("notes.txt", "text"),
        ("notes.text", "text"),
        ("index.rst", "rst"),
        ("index.rest", "rst"),
        ("page.html", "html"),
        ("page.HTM", "html"),
        ("page.xhtml", "html"),
        ("Board paper.docx", "docx"),
        ("Makefile", "text"),
        ("notes.unknown", "text"),
        ("-", "text"),
    ],
)
def test_format_by_extension(path, fmt):
    assert format_for(path) == fmt


def test_every_extension_names_a_format():
    assert set(EXTENSIONS.values()) <= set(FORMATS) | set(BINARY_FORMATS)


@pytest.mark.parametrize("forced, fmt", [("markdown", "markdown"), ("md", "markdown"), ("HTML", "html"),
                                         ("rst", "rst"), ("text", "text"), ("txt", "text"), ("docx", "docx")])
def test_forced_type_beats_the_extension(forced, fmt):
    assert format_for("notes.txt", forced) == fmt
    assert format_for("-", forced) == fmt  # standard input


def test_unknown_forced_type_names_the_choices():
    with pytest.raises(ValueError, match="unknown document type 'latex'.*markdown"):
        format_for("a.tex", "latex")


def test_read_error_is_an_exception():
    assert issubclass(ReadError, Exception)


# -- the briefing fixtures: which uses of each jargon word stay prose, exactly


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_prose_and_masked_uses_are_exact(name):
    path = FORMATS_DIR / name
    text = path.read_text(encoding="utf-8")
    prose = FORMATS[format_for(name)](text)
    check_contract(prose)
    expected = expected_uses(FORMATS_DIR / (name + ".expected"), text)
    assert jargon_uses(prose) == expected
    kinds = {kind for kind, _, _ in expected}
    assert kinds == {"prose", "masked"}  # each fixture has jargon on both sides


@pytest.mark.parametrize("name", FIXTURES)
def test_every_prose_word_points_at_the_text(name):
    text = (FORMATS_DIR / name).read_text(encoding="utf-8")
    prose = FORMATS[format_for(name)](text)
    for offset, word in prose_words(prose):
        if JOIN not in prose.masked[offset : offset + len(word)] and "&" not in text[offset : offset + len(word)]:
            assert text[offset : offset + len(word)] == word


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_with_crlf_line_endings_keeps_the_same_words(name):
    text = (FORMATS_DIR / name).read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    reader = FORMATS[format_for(name)]
    lf_uses = [(kind, position(text, off), word) for kind, off, word in jargon_uses(reader(text))]
    prose = reader(crlf)
    check_contract(prose)
    crlf_uses = [(kind, position(crlf, off), word) for kind, off, word in jargon_uses(prose)]
    assert crlf_uses == lf_uses
    # And the CRs survive in the mask wherever the line ending is not a BREAK.
    for i, ch in enumerate(crlf):
        if ch == "\r":
            assert prose.masked[i] in ("\r", BREAK)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_comments(name):
    text = (FORMATS_DIR / name).read_text(encoding="utf-8")
    prose = FORMATS[format_for(name)](text)
    bodies = [body for _, body in prose.comments]
    assert len(bodies) == 1
    assert "disable-next-line" in bodies[0]
    offset = prose.comments[0][0]
    assert text[offset:].startswith(("<!--", "..", "jargonlint:"))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_read_from_bytes_with_a_bom(name):
    data = codecs.BOM_UTF8 + (FORMATS_DIR / name).read_bytes()
    decoded = decode(data)
    assert decoded.bom and decoded.encoding == "utf-8"
    prose = FORMATS[format_for(name)](decoded.text)
    # Offsets are into the text without the BOM: the same as for the file without it.
    plain = FORMATS[format_for(name)]((FORMATS_DIR / name).read_text(encoding="utf-8"))
    assert jargon_uses(prose) == jargon_uses(plain)


# -- positions after characters that are more than one byte, or one column


TRICKY_PREFIXES = [
    "café ",  # two-byte UTF-8
    "日本語 ",  # three-byte
    "🎉 ",  # four-byte, two UTF-16 units
    "👩\u200d👩\u200d👧 ",  # a ZWJ emoji sequence
    "\t",  # a tab
    "e\u0301 ",  # a combining accent
]


@pytest.mark.parametrize("prefix", TRICKY_PREFIXES)
@pytest.mark.parametrize(
    "reader, template",
    [
        (read_text, "A {p}the virement\r\nline two"),
        (read_markdown, "# Title\r\n\r\nA {p}the *virement* `api`\r\n"),
        (read_html, "<p>A {p}the <b>virement</b></p>\r\n"),
        (read_rst, "Title\r\n=====\r\n\r\nA {p}the *virement* ``api``\r\n"),
    ],
)
def test_positions_after_tricky_characters(reader, template, prefix):
    text = template.format(p=prefix)
    prose = reader(text)
    check_contract(prose)
    offset = text.index("virement")
    assert prose.masked[offset : offset + len("virement")] == "virement"
    assert ("prose", offset, "virement") in jargon_uses(prose)
    for kind, _, word in jargon_uses(prose):
        if word == "api":
            assert kind == "masked"


def test_prose_dataclass_refuses_a_mask_of_another_length():
    with pytest.raises(ValueError):
        Prose("abc", "ab")


# -- no input makes a reader slow: unmatched markup is read in linear time

PATHOLOGICAL = ["[", "[a ", "`a ", "``a ", "*a ", "_a ", "<a ", "&a ", "[a](", ":a:`", "|a ", "http://", "a@",
                '<a title="', "<!-- ", "``a` ", ":a:`b ", "**a *b ", "> ", "- ", "    "]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_unmatched_markup_is_read_quickly(unit):
    import time

    text = unit * (40000 // len(unit))
    for reader in FORMATS.values():
        for variant in (text, text.replace(" ", "\n")):
            start = time.perf_counter()
            check = reader(variant)
            assert len(check.masked) == len(variant)
            assert time.perf_counter() - start < 1.0, (reader.__name__, unit)
