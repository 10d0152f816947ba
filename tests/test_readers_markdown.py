"""The Markdown reader, construct by construct. ``shown`` is the prose left,
with " | " where a BREAK separates blocks."""
from __future__ import annotations

import pytest

from jargonlint.readers import BREAK, JOIN, read_markdown
from tests.readers_support import check_contract, shown, view


def md(text):
    prose = read_markdown(text)
    check_contract(prose)
    return shown(prose)


@pytest.mark.parametrize(
    "source, prose",
    [
        # Paragraphs and headings.
        ("Plain words here.\n", "Plain words here."),
        ("# Budget virement #\n", "Budget virement"),
        ("## Heading {#custom-id}\n", "Heading"),
        ("#No heading\n", "#No heading"),
        ("Title\n=====\n\nText.\n", "Title ¶ Text."),
        ("Title\n---\nText.\n", "Title ¶ Text."),
        ("# Heading\nText straight after.\n", "Heading ¶ Text straight after."),
        ("A paragraph\nover two lines.\n", "A paragraph over two lines."),
        # Emphasis markers vanish; inside a word they join it.
        ("**Bold** and _italic_ and ~~struck~~.\n", "Bold and italic and struck ."),
        ("An **un**usual and un*usual* word.\n", "An unusual and unusual word."),
        ("snake_case_name stays, 2 * 3 stays.\n", "snake_case_name stays, 2 * 3 stays."),
        # Code.
        ("Run `virement --apply` now.\n", "Run now."),
        ("Run ``a ` b`` now.\n", "Run now."),
        ("No `closing backtick here.\n", "No `closing backtick here."),
        ("Text\n\n```python\nvirement = 1\n```\n\nMore.\n", "Text ¶ More."),
        ("~~~\ncode\n~~~\nAfter.\n", "After."),
        ("````\n```\nstill code\n```\n````\n", ""),
        ("Text\n\n    indented code\n\nMore.\n", "Text ¶ More."),
        ("\tcode after a tab\n", ""),
        ("Para\n    continuation, not code\n", "Para continuation, not code"),
        ("```\nunclosed fence runs to the end\n", ""),
        # Links and images: the text stays, the target goes.
        ("See [the policy](https://example.gov.uk/virement \"Virement\").\n", "See the policy ."),
        ("See [the policy][ref] and [ref].\n\n[ref]: https://x.example/api\n", "See the policy and ref ."),
        ("![Chart of virement](chart.png)\n", "Chart of virement"),
        ("[![badge alt](badge.svg)](https://ci.example)\n", "badge alt"),
        ("A [link](<url with spaces> 'title') here.\n", "A link here."),
        ("A [nested [bracket] text](x) here.\n", "A nested bracket text here."),
        ("Mail <bob@example.gov.uk> or <https://example.gov.uk/api>.\n", "Mail or ."),
        ("Bare https://example.gov.uk/api/virement, www.example.com and bob@example.com.\n", "Bare , and ."),
        ("See (https://example.com/a_(b)).\n", "See ( )."),
        # Reference definitions.
        ("[api]: https://example.gov.uk/api \"API guide\"\n\nText.\n", "Text."),
        ("[api]:\n  https://example.gov.uk/api\n  'API guide'\n\nText.\n", "Text."),
        # Lists.
        ("- one\n- two\n", "one ¶ two"),
        ("* one\n+ two\n", "one ¶ two"),
        ("1. one\n2. two\n10) ten\n", "one ¶ two ¶ ten"),
        ("- [ ] task\n- [x] done\n", "task ¶ done"),
        ("- item\n\n  continued paragraph\n", "item ¶ continued paragraph"),
        ("- outer\n  - inner\n", "outer ¶ inner"),
        ("Text\n- item interrupts\n", "Text ¶ item interrupts"),
        ("The year\n1984. was not a list\n", "The year 1984. was not a list"),
        ("- item\n\n      code in an item\n", "item"),
        # Block quotes.
        ("> quoted virement\n> more\n", "quoted virement more"),
        ("> quoted\nlazy continuation\n", "quoted lazy continuation"),
        ("Text\n> quote\n", "Text ¶ quote"),
        ("> - quoted item\n>   more\n", "quoted item more"),
        # Tables.
        ("| A | B |\n| --- | :-: |\n| one | two |\n", "A ¶ B ¶ one ¶ two"),
        ("A | B\n--|--\none | two\n", "A ¶ B ¶ one ¶ two"),
        ("| a \\| b | c |\n|---|---|\n", "a | b ¶ c"),
        ("| not | a table |\nbecause no delimiter row\n", "| not | a table | because no delimiter row"),
        # Thematic breaks.
        ("Above\n\n***\n\nBelow\n", "Above ¶ Below"),
        ("Above\n\n- - -\n\nBelow\n", "Above ¶ Below"),
        # Raw HTML.
        ('<div class="api">\nHTML block <b>text</b>\n</div>\n\nAfter.\n', "HTML block text ¶ After."),
        ('Inline <span title="virement">span</span> and <br> break.\n', "Inline span and ¶ break."),
        ("un<b>usual</b>\n", "unusual"),
        ("Inline <code>virement</code> code.\n", "Inline code."),
        ("<script>\nvar api;\n</script>\nAfter.\n", "After."),
        ("<!-- a comment with virement -->\n", ""),
        ("Text <!-- inline comment --> more.\n", "Text more."),
        ("<pre>\nvirement\n</pre>\n", ""),
        # Escapes and entities.
        ("Not \\*emphasis\\* here.\n", "Not *emphasis* here."),
        ("Caf&eacute; &amp; bar &copy; &#169; &#xA9;.\n", "Café & bar © © ©."),
        ("Line with a hard\\\nbreak.\n", "Line with a hard break."),
        ("Not &madeup; an entity.\n", "Not &madeup; an entity."),
        # Footnotes.
        ("Text.[^1]\n\n[^1]: The footnote about virement.\n", "Text. ¶ The footnote about virement."),
        ("[^note]: First line\n    second line\n", "First line second line"),
        # Front matter.
        ("---\ntitle: Virement\n---\n\nText.\n", "Text."),
        ("+++\ntitle = 'API'\n+++\nText.\n", "Text."),
        ("---\nnot closed front matter\n", "not closed front matter"),
        ("Text\n\n---\nnot: front matter\n---\n", "Text ¶ not: front matter"),
    ],
)
def test_constructs(source, prose):
    assert md(source) == prose


def test_heading_markers_and_line_end_are_breaks():
    prose = read_markdown("# Heading\nText\n")
    assert view(prose) == "| Heading|Text\n"


def test_list_items_start_with_a_break():
    assert view(read_markdown("- a\n- b\n")) == "| a\n| b\n"
    assert view(read_markdown("Text\n- a\n")) == "Text\n| a\n"


def test_table_cells_are_separated_by_breaks():
    prose = read_markdown("| a | b |\n|---|---|\n| c | d |\n")
    assert view(prose) == "| a | b |||        || c | d ||"


def test_emphasis_inside_a_word_joins_it():
    prose = read_markdown("un**usual**\n")
    assert prose.masked == "un" + JOIN * 2 + "usual" + "  \n"


def test_escape_backslash_is_a_join():
    prose = read_markdown("a\\*b\n")
    assert prose.masked == "a" + JOIN + "*b\n"


def test_entity_shows_its_character_first():
    prose = read_markdown("caf&eacute;s\n")
    assert prose.masked == "café" + JOIN * 7 + "s\n"
    prose = read_markdown("a&nbsp;b\n")
    assert prose.masked == "a " + JOIN * 5 + "b\n"


def test_html_comments_are_returned_with_their_offsets():
    text = "Intro.\n\n<!-- jargonlint-disable-next-line virement -->\nA virement.\n\nText <!--\njargonlint-disable-line\n--> here.\n"
    prose = read_markdown(text)
    assert prose.comments == (
        (text.index("<!-- jargonlint-disable-next"), "jargonlint-disable-next-line virement"),
        (text.index("<!--\n"), "jargonlint-disable-line"),
    )


def test_comment_inside_code_is_not_a_comment():
    assert read_markdown("```\n<!-- jargonlint-disable -->\n```\n`<!-- x -->`\n").comments == ()


def test_crlf_and_cr_line_endings_are_kept():
    for newline in ("\r\n", "\r"):
        text = newline.join(["# Title", "", "- a `code`", "- b", "", "```", "code", "```", "Text"]) + newline
        prose = read_markdown(text)
        check_contract(prose)
        assert shown(prose) == "Title ¶ a ¶ b ¶ Text"


def test_break_never_sits_inside_prose():
    prose = read_markdown("Some *text* with a [link](x) and a `code`.\n")
    assert BREAK not in prose.masked


def test_image_alt_and_link_text_positions():
    text = "![utilise the alt](x.png) and [leverage the link](https://example.com/virement)\n"
    prose = read_markdown(text)
    for word in ("utilise", "leverage"):
        i = text.index(word)
        assert prose.masked[i : i + len(word)] == word
    i = text.index("virement")
    assert prose.masked[i : i + 8] == " " * 8


def test_large_document_is_quick():
    import time

    block = (
        "# Heading\n\nSome *prose* with `code`, a [link](https://example.com) and more words.\n\n"
        "- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n\n"
    )
    text = block * 2000  # about 300 KB
    start = time.perf_counter()
    read_markdown(text)
    assert time.perf_counter() - start < 2.0
