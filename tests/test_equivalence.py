"""The fast path finds exactly what a plain full-spaCy pass finds.

The fast path gives spaCy only the passages that could hold a term; the
reference path tokenises every passage. On the benchmark corpus (when it is
beside the checkout, as in CI) and on generated text, the findings must be
identical.
"""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jargonlint.config import Config
from jargonlint.engine import linter_for
from jargonlint.glossary import builtin_paths, load_glossary
from jargonlint.readers import FORMATS

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
LINTER = linter_for(Config())


def same(masked):
    assert LINTER.hits(masked) == LINTER.hits(masked, full=True)


@pytest.mark.slow
@pytest.mark.skipif(not (BENCH / "md").is_dir(), reason="benchmark corpus not beside the checkout")
def test_markdown_corpus():
    for path in sorted((BENCH / "md").glob("*.md")):
        same(FORMATS["markdown"](path.read_text(encoding="utf-8")).masked)


@pytest.mark.slow
@pytest.mark.skipif(not (BENCH / "big").is_dir(), reason="benchmark corpus not beside the checkout")
def test_slice_of_the_big_text_file():
    text = (BENCH / "big" / "python311-docs.txt").read_text(encoding="utf-8")[:1_500_000]
    same(FORMATS["rst"](text).masked)


def test_shipped_examples_document():
    text = (Path(__file__).resolve().parents[1] / "examples" / "board-briefing.md").read_text()
    same(FORMATS["markdown"](text).masked)


SPELLINGS = sorted({s for p in builtin_paths() for t in load_glossary(p).terms for s in t.spellings})
FILLER = ["the", "and", "budget", "of", "to", "patients", "(", ")", ",", ".", "\n", "\n\n", "  ", "-", "key",
          "system", "service", "data", "to", "door", "deliver", "NHS", "board", "IT", "it"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SPELLINGS), st.sampled_from(FILLER)), max_size=60))
def test_generated_text(words):
    text = " ".join(words)
    same(FORMATS["text"](text).masked)


def in_slices(masked, monkeypatch):
    """The hits of a text checked in slices (each slice through `hits`, as a worker would)."""
    import jargonlint.engine as engine

    monkeypatch.setattr(engine, "SPLIT_CHARS", 1)
    seen = []

    def split(texts):
        seen.extend(texts)
        return [LINTER.hits(t) for t in texts]

    return LINTER.hits(masked, split=split), seen


def test_slices_find_what_the_whole_text_finds(monkeypatch):
    text = (Path(__file__).resolve().parents[1] / "examples" / "board-briefing.md").read_text()
    masked = FORMATS["markdown"]((text + "\n\n") * 6).masked
    hits, slices = in_slices(masked, monkeypatch)
    assert len(slices) > 4  # it was cut, at blank lines
    assert hits == LINTER.hits(masked)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SPELLINGS), st.sampled_from(FILLER)), min_size=1, max_size=80))
def test_generated_text_in_slices(words):
    with pytest.MonkeyPatch.context() as monkeypatch:
        masked = FORMATS["text"](" ".join(words) + "\n\nThe ICB will leverage the API.").masked
        assert in_slices(masked, monkeypatch)[0] == LINTER.hits(masked)
