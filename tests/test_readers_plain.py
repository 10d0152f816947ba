"""The plain-text reader: everything is prose but directives, URLs and e-mail addresses."""
from __future__ import annotations

from jargonlint.readers import read_text
from tests.readers_support import check_contract, shown


def test_text_is_kept_as_it_is():
    text = "Budget *virement* `api` <b>\n\n\tTabbed line.\n"
    prose = read_text(text)
    check_contract(prose)
    assert prose.masked == text


def test_directive_lines_are_masked_and_returned():
    text = "First line.\n  jargonlint: disable-next-line virement leverage  \nA virement.\r\njargonlint:disable\r\n"
    prose = read_text(text)
    check_contract(prose)
    assert shown(prose) == "First line. ¶ A virement."  # a masked line is a blank line
    assert prose.comments == (
        (text.index("jargonlint: disable-next"), "disable-next-line virement leverage"),
        (text.index("jargonlint:disable"), "disable"),
    )


def test_directive_must_start_the_line():
    prose = read_text("Say jargonlint: disable here.\n")
    assert prose.comments == ()
    assert prose.masked == prose.text


def test_urls_and_email_addresses_are_masked():
    text = "See https://example.gov.uk/api/virement, or www.example.com, or mail virement@example.gov.uk.\n"
    prose = read_text(text)
    check_contract(prose)
    assert shown(prose) == "See , or , or mail ."


def test_url_trailing_punctuation_and_brackets():
    text = "(see https://example.com/a_(b)) and https://example.com/x.\n"
    prose = read_text(text)
    assert shown(prose) == "(see ) and ."


def test_signal_characters_in_the_input_are_masked():
    text = "a\x00b\x1ec\x01d"
    prose = read_text(text)
    assert prose.masked == "a b c d"


def test_cr_only_line_endings():
    text = "One\rjargonlint: disable\rTwo\r"
    prose = read_text(text)
    check_contract(prose)
    assert prose.masked == "One\r                   \rTwo\r"
    assert prose.comments == ((4, "disable"),)
