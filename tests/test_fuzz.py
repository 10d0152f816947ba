"""Property-based fuzzing (Hypothesis) of the readers, the matcher, the fixer, standard input and the server.

Documents are built from each format's own markup, the test glossary's terms,
invisible and right-to-left characters, emoji, odd line endings and random
Unicode, so most examples land on the edges the readers must handle.

Bounded by default (the whole file runs in well under a minute); ask for a
longer run with `pytest tests/test_fuzz.py --fuzz-examples 2000` or
JARGONLINT_FUZZ_EXAMPLES=2000. The counts scale from that one number.
"""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORE_GLOSSARY, core_config, run_cli
from jargonlint.api import lint_text
from jargonlint.config import Config, load_config_file
from jargonlint.engine import LineIndex, linter_for
from jargonlint.fixer import apply_edits, choose, fix_text
from jargonlint.glossary import BUILTIN_IDS, GlossaryError, parse_glossary
from jargonlint.readers import FORMATS

FORMAT_NAMES = sorted(FORMATS)
SCALE = int(os.environ.get("JARGONLINT_FUZZ_EXAMPLES", "0") or 0)


def examples(default: int) -> int:
    """`default` examples, or the asked-for number scaled by the same ratio (a 100 default is the reference)."""
    return max(1, SCALE * default // 100) if SCALE else default


def fuzz(default: int):
    return settings(max_examples=examples(default), deadline=None, derandomize=not SCALE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# -- documents ------------------------------------------------------------------------------

TERMS = ["utilise", "utilised", "Utilising", "UTILISE", "leverage", "leveraged", "close out", "closed out",
         "IT", "MI", "key risks", "the key to", "NHS trust board", "virement", "year-to-date", "year to date",
         "cost improvement programme", "acute trust", "agile", "comorbidities", "prioritise"]
PLAIN = ["We", "the", "plan", "and", "it", "a", "to", "will", "board", "risk", "of", "café", "naïve",
         "1.5", "e.g.", "U.S.", "don't", "O'Neil", "x"]
ODD = ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u202c", "\u200f", "\u2067", "\u2069", "\ufe0f",
       "\u0301", "👍", "👨\u200d👩\u200d👧", "𝐀", "مرحبا", "שלום", "日本語", "\t", "\xa0", "\x0c", "\x00",
       "\x1e", "\x01", "\x02", "\r\n", "\r", "\n", "\n\n", " ", "  ", "\u2028", "\u0085"]
MARKUP = {
    "markdown": ["*", "**", "_", "__", "`", "``", "```\n", "~~~\n", "[", "](", ")", "](https://x.org/utilise)",
                 "# ", "## ", "> ", ">> ", "- ", "* ", "1. ", "    ", "|", " | ", "\n|---|---|\n", "<!-- ",
                 " -->", "<!-- jargonlint-disable-next-line utilise -->\n", "&amp;", "&#117;", "\\", "\\*",
                 "<b>", "</b>", "<code>", "---\n", "+++\n", "![", "[^1]", "https://x.org/leverage", "<https://a.b>",
                 "\n===\n", "{#id}", "$$", ":"],
    "html": ["<p>", "</p>", "<b>", "</b>", "<i>", "<code>", "</code>", "<pre>", "</pre>", "<script>", "</script>",
             "<style>", "</style>", "<!--", "-->", "&nbsp;", "&lt;", "&gt;", "&amp;", "&#117;", "&#x75;",
             "<a href='https://x.org/utilise'>", "</a>", "<br>", "<br/>", "<li>", "<ul>", "</ul>", "<td>",
             "<table>", "<", ">", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<img alt='utilise'>", "<p title=\"",
             "\">", "<textarea>", "<title>", "<wbr>", "<span class=x>", "</span>", "&shy;", "&zwj;"],
    "rst": ["*", "**", "`", "``", "`_", "`__", "_", "|", "::\n\n", ".. ", ".. note::\n\n", ".. code-block::\n\n",
            "   ", "    ", "\n====\n", "\n----\n", "- ", "#. ", ":role:`", "`", ":field: ", ".. _target:",
            "[#]_", "\\", "..\n", ">>> ", "https://x.org/utilise", ".. jargonlint-disable-next-line utilise\n",
            "+---+\n", "| a | b |\n", "\n\n"],
    "text": ["jargonlint: disable-next-line utilise\n", "jargonlint: disable utilise\n", "https://x.org/utilise",
             "a@b.org", "www.utilise.com", "-", "(", ")", "[", "]", "\"", "'", "...", "—", "/", "#", "*"],
}


def documents(fmt: str):
    piece = st.one_of(
        st.sampled_from(TERMS), st.sampled_from(PLAIN), st.sampled_from(ODD), st.sampled_from(MARKUP[fmt]),
        st.text(max_size=6),
    )
    separator = st.sampled_from(["", " ", " ", " ", "\n", ". "])
    return st.lists(st.tuples(piece, separator).map("".join), max_size=60).map("".join)


def any_document():
    return st.sampled_from(FORMAT_NAMES).flatmap(lambda fmt: st.tuples(st.just(fmt), documents(fmt)))


def check_findings(text: str, findings) -> None:
    """Every finding slices the text to exactly its `text`, and its line and column say the same place."""
    index = LineIndex(text)
    for f in findings:
        assert 0 <= f.offset < f.end_offset <= len(text), f
        assert text[f.offset:f.end_offset] == f.text, f
        assert index.position(f.offset) == (f.line, f.column), f
        assert index.position(f.end_offset) == (f.end_line, f.end_column), f
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.offset <= edit.end_offset <= len(text)


# -- readers and matcher ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_no_exception_and_exact_ranges(fmt):
    config = core_config()

    @fuzz(150)
    @given(documents(fmt))
    def run(text):
        prose = FORMATS[fmt](text)
        assert prose.text == text and len(prose.masked) == len(text)
        findings = lint_text(text, config=config, format=fmt)
        check_findings(text, findings)
        # The reference path (spaCy over every passage) finds the same.
        full = linter_for(config).check(prose, "<text>", fmt, full=True)
        assert [(f.offset, f.end_offset, f.term_id) for f in full] == \
               [(f.offset, f.end_offset, f.term_id) for f in findings]

    run()


# -- generated glossaries --------------------------------------------------------------------

WORDS = st.sampled_from(["utilise", "plan", "key", "board", "trust", "IT", "café", "year-to-date", "x",
                         "close", "out", "naïve", "e.g.", "U.S.", "co-op", "don't", "1.5", "日本", "👍", "a"])


@st.composite
def glossaries(draw):
    terms = []
    for n in range(draw(st.integers(1, 6))):
        term = draw(st.one_of(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), st.text(min_size=0, max_size=12)))
        variants = draw(st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), max_size=2))
        terms.append({
            "id": draw(st.one_of(st.just(f"t{n}"), st.from_regex(r"[a-z0-9-]{0,6}", fullmatch=True))),
            "term": term, "variants": variants,
            "replacements": draw(st.lists(st.lists(WORDS, min_size=1, max_size=2).map(" ".join), max_size=2)),
            "case_sensitive": draw(st.booleans()), "inflect": draw(st.booleans()),
            "fix": draw(st.sampled_from(["safe", "unsafe"])),
            "explanation": "e", "source": "s", "examples": {"flag": [f"{term} here"]},
        })
    return json.dumps({"id": "fuzz", "name": "Fuzz", "description": "d",
                       "sources": {"s": {"title": "t", "licence": "MIT"}}, "terms": terms})


def test_generated_glossaries_load_or_fail_cleanly_and_match_exactly(tmp_path):
    counter = iter(range(10**9))

    @fuzz(40)
    @given(glossaries(), any_document())
    def run(glossary_text, document):
        fmt, text = document
        try:
            parse_glossary(glossary_text, "fuzz.yaml")  # JSON is YAML
        except GlossaryError as exc:
            assert str(exc).startswith("fuzz.yaml")
            return
        path = tmp_path / f"g{next(counter)}.yaml"
        path.write_text(glossary_text, encoding="utf-8")
        config = Config(glossaries={g: False for g in BUILTIN_IDS}, extra_glossaries=(str(path),))
        check_findings(text, lint_text(text, config=config, format=fmt))

    run()


# -- fixing -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_fixing_twice_equals_fixing_once_and_touches_only_fixed_ranges(fmt):
    linter = linter_for(core_config())

    def check(prose):
        return linter.check(prose, "<fuzz>", fmt)

    @fuzz(60)
    @given(documents(fmt))
    def run(text):
        # Pass by pass, by hand: only the spans of safe findings change.
        current = text
        for _ in range(10):
            prose = FORMATS[fmt](current)
            findings = check(prose)
            chosen, _ = choose(findings, prose, fmt)
            if not chosen:
                break
            edits = [e for _, fix_edits in chosen for e in fix_edits]
            for finding, _ in chosen:
                assert current[finding.offset:finding.end_offset] == finding.text
            after = apply_edits(current, edits)
            spans = [(e.offset, e.end_offset) for e in edits]
            # The text between the edits is the same, piece by piece, where it stands after them.
            outside = [current[p:q] for p, q in _gaps(spans, len(current))]
            assert "".join(outside) == "".join(after[p:q] for p, q in _gaps(_moved(edits), len(after)))
            current = after
        once = fix_text(text, fmt, check)
        assert once.text == current
        twice = fix_text(once.text, fmt, check)
        assert twice.text == once.text and twice.changes == ()

    run()


def _gaps(spans, length):
    position = 0
    for start, end in sorted(spans):
        yield position, start
        position = end
    yield position, length


def _moved(edits):
    """Where each edit's replacement stands in the edited text."""
    out, shift = [], 0
    for e in sorted(edits, key=lambda e: e.offset):
        out.append((e.offset + shift, e.offset + shift + len(e.text)))
        shift += len(e.text) - (e.end_offset - e.offset)
    return out


# -- the same findings through standard input and through the language server ------------------------

EXTENSION = {"markdown": "md", "html": "html", "rst": "rst", "text": "txt"}
LANGUAGE = {"markdown": "markdown", "html": "html", "rst": "restructuredtext", "text": "plaintext"}
CORE_ONLY = ("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
             f"extra_glossaries: ['{CORE_GLOSSARY}']\n")


def test_standard_input_finds_what_lint_text_finds(tmp_path):
    """A subprocess per example is slow: a few examples only."""
    config_path = tmp_path / ".jargonlint.yaml"
    config_path.write_text(CORE_ONLY, encoding="utf-8")
    config = load_config_file(config_path)

    @fuzz(4)
    @given(any_document())
    def run(document):
        fmt, text = document
        proc = run_cli("check", "-", "--stdin-filename", f"doc.{EXTENSION[fmt]}", "--format", "json",
                       "--config", str(config_path), input=text.encode("utf-8"), cwd=tmp_path)
        assert proc.returncode in (0, 1), proc.stderr
        got = [(f["offset"], f["end_offset"], f["term_id"], f["text"])
               for f in json.loads(proc.stdout)["findings"]]
        if "\x00" in text[:8192]:  # a NUL byte makes bytes a binary file, on standard input as in a file
            assert got == [] and "binary file skipped" in proc.stderr
            return
        want = [(f.offset, f.end_offset, f.term_id, f.text) for f in lint_text(text, config=config, format=fmt)]
        assert got == want

    run()


def test_the_language_server_finds_what_lint_text_finds(tmp_path):
    from test_reliability_lsp import RawLsp, expected, got

    (tmp_path / ".jargonlint.yaml").write_text(CORE_ONLY, encoding="utf-8")
    server = RawLsp(tmp_path)
    counter = iter(range(10**9))
    try:
        server.initialize()

        @fuzz(12)
        @given(any_document())
        def run(document):
            fmt, text = document
            uri = server.open(f"doc{next(counter)}.{EXTENSION[fmt]}", text, LANGUAGE[fmt])
            assert got(server.publish(uri, 1)) == expected(tmp_path, text, fmt)
            server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

        run()
        assert server.alive()
    finally:
        server.close()
