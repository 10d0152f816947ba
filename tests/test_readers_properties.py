"""Property tests: for generated documents in each format, positions round-trip.

Documents are built from blocks in which every word is marked as prose (it
must stay in the mask, letter for letter, at its offset) or code (no letter
of it may stay). Words include accents, CJK and emoji neighbours, line
endings are LF, CRLF or CR, and separators include tabs. A second property
feeds markup-heavy noise and checks the reader contract alone.
"""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jargonlint.readers import read_html, read_markdown, read_rst, read_text
from tests.readers_support import check_contract

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PROSE_WORDS = ["virement", "utilise", "leverage", "API", "café", "naïve", "Zoë", "日本語", "budget", "e\u0301cole"]
CODE_WORDS = ["virement", "api", "leverage", "utilise", "x1"]


class P(str):
    """A word that must stay prose."""


class C(str):
    """A word that must be masked."""


def blocks_md(p, c, nl):
    return [
        [p(), " ", p(), "."],
        ["## ", p(), " ", p()],
        ["- ", p(), " `", c(), "` ", p(), nl, "- ", p()],
        ["```", nl, c(), " ", c(), nl, "```"],
        ["Intro", nl, nl, "    ", c(), " ", c()],  # after a paragraph: no list or footnote goes on
        ["[", p(), " ", p(), "](https://example.com/", c(), ' "', c(), '")'],
        ["![", p(), "](", c(), ".png)"],
        ["| ", p(), " | ", p(), " |", nl, "| --- | --- |", nl, "| ", p(), " | `", c(), "` |"],
        ["> ", p(), " ", p(), nl, "> ", p()],
        [p(), ' <span title="', c(), '">', p(), "</span>"],
        ["<!-- ", c(), " -->"],
        ["**", p(), "** and _", p(), "_ and ~~", p(), "~~"],
        [p(), " &amp; ", p(), "\t", p()],
        [p(), " https://example.com/", c(), " ", p()],
        ["[", c(), "]: https://example.com/", c()],
        [p(), "[^1]", nl, nl, "[^1]: ", p()],
        ["<div>", nl, p(), " <code>", c(), "</code>", nl, "</div>"],
        [p(), " 🎉 ", p()],
    ]


def blocks_html(p, c, nl):
    return [
        ["<p>", p(), " ", p(), "</p>"],
        ["<h2>", p(), "</h2>"],
        ["<ul><li>", p(), "</li><li>", p(), "</li></ul>"],
        ["<p>", p(), " <code>", c(), "</code> ", p(), "</p>"],
        ["<pre>", c(), nl, c(), "</pre>"],
        ['<a href="https://example.com/', c(), '" title="', c(), '">', p(), "</a>"],
        ["<!-- ", c(), " -->"],
        ["<script>var ", c(), " = '", c(), "';</script>"],
        ["<style>.", c(), " { color: red }</style>"],
        ['<img alt="', c(), '" src="', c(), '.png">'],
        ["<p>", p(), "&nbsp;", p(), " &amp; ", p(), "</p>"],
        ["<table><tr><td>", p(), "</td><td>", p(), "</td></tr></table>"],
        ["<p>", p(), "\t<b>", p(), "</b> 🎉 ", p(), "</p>"],
        ["<template><p>", c(), "</p></template>"],
    ]


def blocks_rst(p, c, nl):
    return [
        [p(), " ", p(), "."],
        [p(), " ", p(), nl, "=============="],
        ["- ", p(), " ", p(), nl, "- ", p()],
        ["Run ``", c(), "`` and ", p()],
        [":func:`", c(), "` and :ref:`", p(), " <", c(), ">`"],
        [".. code-block:: python", nl, "   :caption: ", c(), nl, nl, "   ", c(), " = ", c()],
        [p(), "::", nl, nl, "    ", c(), nl, "    ", c()],
        [".. note:: ", p(), " ", p()],
        [".. ", c(), " comment"],
        [".. _", c(), ": https://example.com/", c()],
        ["*", p(), "* and **", p(), "**"],
        [p(), " https://example.com/", c(), "\t", p()],
        ["`", p(), " <https://example.com/", c(), ">`_"],
        [":Field: ", p()],
        [">>> ", c(), "()"],
        [p(), " 🎉 ", p()],
    ]


def blocks_text(p, c, nl):
    return [
        [p(), " ", p()],
        ["jargonlint: disable ", c()],
        [p(), " https://example.com/", c(), " ", p()],
        [p(), " ", c(), "@example.com"],
        ["\t", p(), " 🎉 ", p()],
    ]


def document(draw, blocks, separator_lines):
    nl = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    words = st.sampled_from(PROSE_WORDS)
    codes = st.sampled_from(CODE_WORDS)

    def p():
        return P(draw(words))

    def c():
        return C(draw(codes))

    choices = blocks(p, c, nl)
    picked = draw(st.lists(st.integers(0, len(choices) - 1), min_size=1, max_size=8))
    parts = []
    for k, index in enumerate(picked):
        if k:
            parts.append(nl * separator_lines)
        parts.extend(blocks(p, c, nl)[index])
    if draw(st.booleans()):
        parts.append(nl)
    return parts


def check_slots(reader, parts):
    text = "".join(parts)
    prose = reader(text)
    check_contract(prose)
    offset = 0
    for part in parts:
        seg = prose.masked[offset : offset + len(part)]
        if isinstance(part, P):
            assert seg == part, f"prose word {part!r} at {offset} became {seg!r} in {text!r}"
        elif isinstance(part, C):
            assert not any(ch.isalnum() for ch in seg), f"code word {part!r} at {offset} kept as {seg!r} in {text!r}"
        offset += len(part)


@SETTINGS
@given(st.data())
def test_markdown_positions(data):
    check_slots(read_markdown, data.draw(st.composite(lambda d: document(d, blocks_md, 2))()))


@SETTINGS
@given(st.data())
def test_html_positions(data):
    check_slots(read_html, data.draw(st.composite(lambda d: document(d, blocks_html, 1))()))


@SETTINGS
@given(st.data())
def test_rst_positions(data):
    check_slots(read_rst, data.draw(st.composite(lambda d: document(d, blocks_rst, 2))()))


@SETTINGS
@given(st.data())
def test_text_positions(data):
    check_slots(read_text, data.draw(st.composite(lambda d: document(d, blocks_text, 1))()))


# Noise: markup characters in any order. Nothing may escape, and the contract holds.
_PIECES = list("`*_~[]()<>!#|\\&;:=-+.'\"/@ \t\n\r") + [
    "a", "b", "1", "é", "日", "🎉", "\u200d", "amp", "lt", "#39", "http://", ".. ", "::",
    "<!--", "-->", "```", "    ", "- ", "| ", "<p>", "</b>", "``", "\r\n",
]
NOISE = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@SETTINGS
@given(NOISE)
def test_markdown_noise(text):
    check_contract(read_markdown(text))


@SETTINGS
@given(NOISE)
def test_html_noise(text):
    check_contract(read_html(text))


@SETTINGS
@given(NOISE)
def test_rst_noise(text):
    check_contract(read_rst(text))


@SETTINGS
@given(NOISE)
def test_text_noise(text):
    check_contract(read_text(text))


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_in_any_reader(text):
    for reader in (read_markdown, read_html, read_rst, read_text):
        check_contract(reader(text))


# Long runs: the mask finds noise and over-long words only inside long runs without space; the result must
# be the one a plain search of the whole text gives.
RUN_PIECES = st.one_of(
    st.sampled_from([" ", "\n", "\t", "\x1e", "\x00", "word", "a_b", "é"]),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["-", "=", "_", "*", "🎉", "-_"]), st.integers(55, 75)),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "x-", "#"]), st.integers(9_990, 10_010)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(RUN_PIECES, max_size=12))
@example(["x" * 10_000])
@example(["-" * 64, " word ", "=" * 63])
@example(["a ", "x" * 9_999, " ", "-" * 63, "_" * 64])
@example(["-" * 64, "x" * 10_000])
def test_long_runs_blanked_as_a_whole_text_search_would(pieces):
    from jargonlint.readers import _mask

    text = "".join(pieces)
    expected = _mask._NOISE.sub(lambda m: " " * len(m.group()), text)
    expected = _mask._LONG.sub(lambda m: _mask.blank(m.group()), expected)
    assert _mask._blank_long_runs(text) == expected
