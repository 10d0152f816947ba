"""Suppression comments in each markup's own syntax."""
from jargonlint import lint_text
from tests.conftest import core_config


def ids(text, fmt):
    return [(f.line, f.term_id) for f in lint_text(text, config=core_config(), format=fmt)]


def test_markdown_next_line_for_one_term():
    text = "<!-- jargonlint-disable-next-line virement -->\nA virement to leverage.\nA virement.\n"
    assert ids(text, "markdown") == [(2, "leverage"), (3, "virement")]


def test_markdown_block_disable_enable():
    text = "A virement.\n\n<!-- jargonlint-disable -->\nA virement.\n\nLeverage.\n<!-- jargonlint-enable -->\n\nA virement.\n"
    assert ids(text, "markdown") == [(1, "virement"), (9, "virement")]


def test_disable_by_glossary_id_and_same_line():
    text = "Leverage <!-- jargonlint-disable-line core --> it.\nLeverage it.\n"
    assert ids(text, "markdown") == [(2, "leverage")]


def test_html_comments():
    text = "<p>A virement.</p>\n<!-- jargonlint-disable-next-line -->\n<p>A virement.</p>\n"
    assert ids(text, "html") == [(1, "virement")]


def test_plain_text_directive_lines():
    text = "jargonlint: disable-next-line leverage\nLeverage a virement.\nLeverage.\n"
    assert ids(text, "text") == [(2, "virement"), (3, "leverage")]


def test_rst_comment():
    text = ".. jargonlint-disable-next-line\n\nA virement.\n\nA virement.\n"
    assert ids(text, "rst") == [(5, "virement")]  # "next line" skips blank lines


def test_ordinary_comments_do_nothing():
    text = "<!-- disable nothing here -->\nA virement.\n"
    assert ids(text, "markdown") == [(2, "virement")]
