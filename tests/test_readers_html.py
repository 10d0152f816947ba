"""The HTML reader: visible text only, positions exact."""
from __future__ import annotations

import pytest

from jargonlint.readers import JOIN, read_html
from tests.readers_support import check_contract, shown, view


def html(text):
    prose = read_html(text)
    check_contract(prose)
    return shown(prose)


@pytest.mark.parametrize(
    "source, prose",
    [
        ("<p>Plain words.</p>", "Plain words."),
        ("<p>One</p><p>Two</p>", "One ¶ Two"),
        ("<h1>Title</h1>Text", "Title ¶ Text"),
        ("<ul><li>one</li><li>two</li></ul>", "one ¶ two"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a ¶ b"),
        ("line<br>break<br/>again", "line ¶ break ¶ again"),
        ("un<b>usual</b> and <i>it</i>alic", "unusual and italic"),
        ("<span>a</span><span>b</span>", "ab"),
        ('<a href="https://example.com/virement" title="API">link text</a>', "link text"),
        ('<img src="x.png" alt="virement chart">', ""),
        ("<p>Run <code>virement --apply</code> now</p>", "Run now"),
        ("<pre>code\n<b>still code</b></pre>After", "After"),
        ("<pre><code>nested</code> still pre</pre>After", "After"),
        ("<script>var a = '<p>virement</p>';</script>After", "After"),
        ("<style>p { color: red }</style>After", "After"),
        ("<template><p>hidden</p></template>After", "After"),
        ("<kbd>Ctrl</kbd> and <samp>output</samp> text", "and text"),
        ("<!-- a comment -->Text", "Text"),
        ("<!DOCTYPE html><html><head><title>Page title</title></head><body>Body</body></html>", "Page title ¶ Body"),
        ("Caf&eacute; &amp; bar &#169; &#xa9; &copy", "Café & bar © © ©"),
        ("a&nbsp;b", "a b"),
        ("soft&shy;hyphen", "softhyphen"),
        ("Not &madeup; an entity", "Not &madeup; an entity"),
        ("a < b and c > d", "a < b and c > d"),
        ('<p title="a > b">Text</p>', "Text"),
        ("<p>Unclosed <b>tag", "Unclosed tag"),
        ("Text <broken", "Text"),
        ("<?xml version='1.0'?><p>XML</p>", "XML"),
        ("<![CDATA[ raw ]]>Text", "Text"),
        ("Mail bob@example.nhs.uk or https://example.nhs.uk/api now", "Mail or now"),
        ("<P>Upper case tags</P>", "Upper case tags"),
        ("<svg><text>drawn</text></svg>Text", "Text"),
    ],
)
def test_constructs(source, prose):
    assert html(source) == prose


def test_inline_tags_inside_a_word_join_it():
    prose = read_html("un<b>usual</b>")
    assert prose.masked == "un" + JOIN * 3 + "usual" + " " * 4  # the last tag ends the word


def test_block_tags_become_breaks():
    assert view(read_html("<p>a</p>\n<p>b</p>")) == "|  a|   \n|  b|   "


def test_entities_keep_positions():
    text = "<p>caf&eacute; &amp; the API</p>"
    prose = read_html(text)
    i = text.index("&eacute;")
    assert prose.masked[i : i + 8] == "é" + JOIN * 7
    assert prose.masked[text.index("API") :].startswith("API")


def test_comments_are_returned_with_offsets():
    text = "<p>a</p>\n<!-- jargonlint-disable-next-line virement -->\n<p>b<!--\n jargonlint-enable \n--></p>"
    prose = read_html(text)
    assert prose.comments == (
        (text.index("<!-- jargonlint"), "jargonlint-disable-next-line virement"),
        (text.index("<!--\n"), "jargonlint-enable"),
    )


def test_unterminated_comment_runs_to_the_end():
    prose = read_html("Text <!-- never closed virement")
    assert shown(prose) == "Text"
    assert prose.comments == ((5, "never closed virement"),)


def test_crlf_is_kept():
    text = "<p>One\r\ntwo</p>\r\n<pre>\r\ncode\r\n</pre>\r\n"
    prose = read_html(text)
    check_contract(prose)
    assert prose.masked.count("\r\n") == text.count("\r\n")
    assert shown(prose) == "One two"
