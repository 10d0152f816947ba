"""The abbreviation functions on their own: definitions (Schwartz and Hearst), candidates, the known list."""
import pytest

from jargonlint import abbreviations as abbr
from jargonlint.abbreviations import abbreviation_key, best_long_form, candidates, find_definitions


def defs(text):
    """(short, long) of each definition, checking that every span points at its text."""
    out = []
    for d in find_definitions(text):
        assert text[d.short_start:d.short_end] == d.short
        assert text[d.long_start:d.long_end] == d.long
        out.append((d.short, d.long))
    return out


def found(text):
    out = []
    for start, end, token in candidates(text):
        assert text[start:end] == token
        out.append(token)
    return out


# -- definitions ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Integrated Care Board (ICB) met.",
    "The ICB (Integrated Care Board) met.",
    "The ICB (the Integrated Care Board) met.",
    "The Integrated Care Board (also known as the ICB) met.",
    "The Integrated Care Board, also called ICB, met.",
])
def test_both_orders_and_cues(text):
    assert defs(text) == [("ICB", "Integrated Care Board")]


def test_nested_brackets():
    assert defs("Our partners (the Integrated Care Board (ICB) and others) met.") == [("ICB", "Integrated Care Board")]
    assert defs("The ICB (Integrated Care Board (England)) met.") == [("ICB", "Integrated Care Board")]


def test_definition_spanning_a_line_break():
    assert defs("the Integrated Care\nBoard (ICB) met") == [("ICB", "Integrated Care\nBoard")]
    assert defs("the ICB (Integrated\nCare Board) met") == [("ICB", "Integrated\nCare Board")]
    assert defs("the Integrated Care Board\n(ICB) met") == [("ICB", "Integrated Care Board")]


def test_never_across_a_paragraph_or_break():
    assert defs("the Integrated Care Board\n\n(ICB) met") == []
    assert defs("the Integrated Care Board\x1e(ICB) met") == []


def test_definition_after_first_use_is_still_found_where_it_is():
    text = "The ICB met. Later: the Integrated Care Board (ICB)."
    [d] = find_definitions(text)
    assert d.short_start == text.rindex("ICB")


@pytest.mark.parametrize("text,expected", [
    ("co-located urgent treatment centres (UTCs) open", ("UTCs", "urgent treatment centres")),
    ("frequency of gastrointestinal (GI) complaints", ("GI", "gastrointestinal")),
    ("the Official Journal of the European Union (OJEU) notice", ("OJEU", "Official Journal of the European Union")),
    ("Risk Pooling Scheme for Trusts (RPST)", ("RPST", "Risk Pooling Scheme for Trusts")),
    ("ships with Secure Sockets Layer (SSL) support", ("SSL", "Secure Sockets Layer")),
    ("estimated glomerular filtration rate (eGFR) falls", ("eGFR", "estimated glomerular filtration rate")),
    ("Independent Validation and Verification (IV&V) contracts", ("IV&V", "Independent Validation and Verification")),
])
def test_long_forms(text, expected):
    assert defs(text) == [expected]


@pytest.mark.parametrize("text", [
    "services bought by the board (ICB) today",  # no word starts with I
    "as the guidance says (NICE, 2019)",
    "the ICB (see page 4) met",
    "the ICB (ICB) met",
    "The API (:class:`threading.local`) is low level.",
])
def test_not_definitions(text):
    assert defs(text) == []


def test_best_long_form_matches_right_to_left_first_letter_at_a_word_start():
    assert best_long_form("ICB", "the Integrated Care Board") == 4
    assert best_long_form("ICB", "the board") is None
    assert best_long_form("HbA1c", "glycated haemoglobin") is None


def test_keys_are_singular():
    assert abbreviation_key("ICBs") == "ICB"
    assert abbreviation_key("URLs") == "URL"
    assert abbreviation_key("SaaS") == "SaaS"
    assert abbreviation_key("NHS") == "NHS"


# -- candidates -----------------------------------------------------------------------

def test_candidate_shapes():
    assert found("We use ICBs, BC/DR, A&E, HbA1c, eGFR, SaaS, CIP and UEC.") == [
        "ICBs", "BC/DR", "A&E", "HbA1c", "eGFR", "SaaS", "CIP", "UEC"]


@pytest.mark.parametrize("text", [
    "A single capital: I, A, Q.",
    "Names and words: Uptravi, TheValueCircle, McDonald, Core20PLUS5, YouTube.",
    "Joined: GOV.UK, atNHS, #NHS, user@NHS.net, O_RDONLY, x/ICB, 10GB.",
    "Reference numbers: PL326, NG28, CG87.",
    "Numerals: Part II, Phase III, Stage IV, Type II diabetes, Henry VIII.",
    "Emphasis: do NOT stop, you MUST ask, NEVER share it.",
    "Code constants: EPOLLONESHOT, PYTHONBREAKPOINT.",
    "ANNUAL REPORT OF THE ICB",
])
def test_not_candidates(text):
    assert found(text) == []


def test_iv_alone_may_be_intravenous():
    assert found("Give IV fluids.") == ["IV"]
    assert found("Stage IV cancer.") == []


def test_a_heading_in_capitals_is_skipped_but_not_the_lines_after_it():
    assert found("ANNUAL REPORT OF THE ICB\nThe ICB met.") == ["ICB"]


def test_only_the_range_asked():
    text = "CIP then UEC"
    assert [t for _, _, t in candidates(text, 4)] == ["UEC"]


# -- the known list, tested as data -------------------------------------------------

def test_known_list_is_sorted_unique_and_shaped_like_abbreviations():
    data = abbr.load_known()
    assert data, "the known-abbreviations list is empty"
    seen = set()
    for group, entries in data.items():
        assert list(entries) == sorted(entries, key=str.lower), f"{group}: not sorted"
        for entry in entries:
            assert entry not in seen, f"{entry} is listed twice"
            seen.add(entry)
            assert abbr.CANDIDATE.fullmatch(entry.lstrip("abcdefghijklmnopqrstuvwxyz")) and \
                abbr.shaped_like_abbreviation(entry), f"{entry}: not shaped like an abbreviation, so never reported"


def test_known_list_does_not_contradict_the_glossaries():
    from jargonlint.glossary import builtin_paths, load_glossary

    known = abbr.builtin_known()
    clashes = [(t.id, s) for path in builtin_paths() for t in load_glossary(path).terms
               for s in t.spellings if s in known and t.context is None]
    assert clashes == [], "a glossary flags these everywhere, so they are not known to every reader"


def test_known_list_refuses_bad_data(tmp_path):
    bad = tmp_path / "known.yaml"
    bad.write_text("everyday: NHS\n")
    with pytest.raises(abbr.KnownListError, match="must be a list"):
        abbr.load_known(bad)
    bad.write_text("- NHS\n")
    with pytest.raises(abbr.KnownListError, match="mapping"):
        abbr.load_known(bad)


def test_known_list_ships_inside_the_package():
    assert abbr.KNOWN_PATH.is_file()
    assert abbr.KNOWN_PATH.parent.parent.name == "jargonlint"
