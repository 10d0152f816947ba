"""The shipped glossaries, tested as data: schema, ids, order, sources, examples, replacements."""
from collections import Counter

import pytest

from jargonlint.config import Config
from jargonlint.engine import linter_for
from jargonlint.examples import check_term
from jargonlint.glossary import BUILTIN_IDS, builtin_paths, load_glossary
from jargonlint.readers.plain import read_text

GLOSSARIES = [load_glossary(p) for p in builtin_paths()]
TERMS = [t for g in GLOSSARIES for t in g.terms]
PUBLIC = Config()
MINIMUM_TERMS = {"finance": 350, "it": 350, "clinical": 500, "general": 200}
OPEN_LICENCES = ("Open Government Licence", "public domain", "Public domain", "CC0", "MIT")


def test_all_four_ship_and_are_big_enough():
    assert [g.id for g in GLOSSARIES] == list(BUILTIN_IDS)
    for g in GLOSSARIES:
        assert len(g.terms) >= MINIMUM_TERMS[g.id], g.id


def test_ids_unique_across_glossaries():
    dupes = [i for i, n in Counter(t.id for t in TERMS).items() if n > 1]
    assert dupes == []


@pytest.mark.parametrize("glossary", GLOSSARIES, ids=lambda g: g.id)
def test_terms_sorted_by_id(glossary):
    ids = [t.id for t in glossary.terms]
    assert ids == sorted(ids)


@pytest.mark.parametrize("glossary", GLOSSARIES, ids=lambda g: g.id)
def test_sources_are_open_and_cited(glossary):
    for sid, source in glossary.sources.items():
        assert any(lic in source.licence for lic in OPEN_LICENCES), (sid, source.licence)
        assert "plain english campaign" not in source.title.lower()
    for term in glossary.terms:
        assert term.source in glossary.sources


def test_no_spelling_is_listed_twice_in_one_glossary():
    for g in GLOSSARIES:
        seen = Counter((s if t.case_sensitive else s.lower(), t.case_sensitive) for t in g.terms for s in t.spellings)
        assert [s for s, n in seen.items() if n > 1] == [], g.id


def test_no_replacement_corrects_to_itself():
    for t in TERMS:
        spellings = {s.lower() for s in t.spellings}
        assert not any(r.lower() in spellings for r in t.replacements), t.id


def test_no_replacement_is_itself_flagged_for_the_default_audience():
    linter = linter_for(PUBLIC)
    flagged = []
    for t in TERMS:
        for r in t.replacements:
            hits = [f.term_id for f in linter.check(read_text(r)) if f.rule == "glossary"]
            if hits:
                flagged.append((t.id, r, hits))
    assert flagged == []


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.id)
def test_term_examples(term):
    assert check_term(term, PUBLIC) == []
