"""The rules that read a whole document: definitions, explained terms, undefined abbreviations, unknown words."""
import pytest

from jargonlint import lint_text
from jargonlint.config import Config
from jargonlint.glossary import BUILTIN_IDS, builtin_paths, load_glossary
from jargonlint.unknown_words import is_medicine_name, is_rare, load_medicine_stems
from tests.conftest import CORE_GLOSSARY, core_config

CIP_GLOSSARY = """\
id: house
name: House test glossary
description: An abbreviation whose glossary entry needs context.
sources:
  test: {title: jargonlint tests, licence: MIT}
terms:
  - id: cip
    term: CIP
    case_sensitive: true
    expansion: cost improvement programme
    replacements: [savings plan]
    explanation: A plan to save money.
    context: {near: [savings]}
    examples: {flag: [The CIP savings are late.], pass: [The CIP board met.]}
    source: test
"""


def lint(text, format="text", **overrides):
    """Findings on the core glossary (plus any overrides), checking every finding points at its text."""
    config = overrides.pop("config", None) or core_config(**overrides)
    findings = lint_text(text, config=config, format=format)
    for f in findings:
        assert text[f.offset:f.end_offset] == f.text
    return findings


def summary(findings):
    return [(f.rule, f.text, f.severity) for f in findings]


@pytest.fixture
def house(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text(CIP_GLOSSARY)
    return core_config().with_overrides(extra_glossaries=(str(CORE_GLOSSARY), str(path)))


# -- abbreviations the text defines ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Integrated Care Board (ICB) met. The ICB agreed.",
    "The ICB (Integrated Care Board) met. Later the ICBs agreed.",
    "The Integrated Care\nBoard (ICB) met.\n\nThe ICB agreed.",
])
def test_a_defined_abbreviation_is_not_reported(text):
    assert lint(text) == []


def test_defined_glossary_acronym_drops_its_findings_but_the_long_form_is_checked():
    text = "After a myocardial infarction (MI), rest. An MI is serious."
    assert [(f.rule, f.term_id, f.text) for f in lint(text)] == [
        ("glossary", "myocardial-infarction", "myocardial infarction")]


def test_used_before_its_definition():
    text = "The ICB met.\nAn ICB is here. The Integrated Care Board (ICB) agreed. The ICB left."
    [finding] = lint(text)
    assert (finding.rule, finding.term_id, finding.glossary, finding.severity) == (
        "defined-later", "defined-later", "abbreviations", "warning")
    assert (finding.line, finding.text) == (1, "ICB")
    assert finding.message == "'ICB' is defined later (line 2); define it here"
    assert finding.replacements == ("Integrated Care Board (ICB)",)
    assert finding.fix.applicability == "unsafe"
    assert finding.fix.edits[0].text == "Integrated Care Board (ICB)"


def test_used_before_its_definition_in_the_plural():
    [finding] = lint("Two ICBs met. An ICB (Integrated Care Board) agreed.")
    assert finding.replacements == ("Integrated Care Boards (ICBs)",)


def test_glossary_acronym_used_before_its_definition_becomes_one_defined_later_finding():
    text = "An MI is serious. Another MI. After a myocardial infarction (MI), rest. An MI again."
    assert summary(lint(text)) == [("defined-later", "MI", "warning"),
                                   ("glossary", "myocardial infarction", "warning")]


def test_without_the_abbreviation_rule_early_uses_keep_their_glossary_findings():
    text = "An MI is serious. After a myocardial infarction (MI), rest. An MI again."
    assert [(f.rule, f.text) for f in lint(text, abbreviations=False)] == [
        ("glossary", "MI"), ("glossary", "myocardial infarction")]


def test_definition_with_markup_inside_the_abbreviation():
    text = "IV&amp;V helps.\n\nIndependent Validation and Verification (IV&amp;V) is planned.\n"
    [finding] = lint(text, format="markdown")
    assert (finding.rule, finding.text) == ("defined-later", "IV&amp;V")
    assert finding.replacements == ("Independent Validation and Verification (IV&V)",)


def test_an_explained_abbreviation_is_defined():
    assert lint("LCH (our community health trust) met. LCH agreed.") == []


# -- undefined abbreviations -------------------------------------------------------------

def test_undefined_abbreviation_reported_once_at_its_first_use():
    text = "The LCH board met.\nLCH agreed. LCHs left."
    [finding] = lint(text)
    assert (finding.rule, finding.term_id, finding.glossary, finding.severity) == (
        "abbreviation", "undefined-abbreviation", "abbreviations", "warning")
    assert (finding.line, finding.column, finding.text, finding.term) == (1, 5, "LCH", "LCH")
    assert finding.message == "'LCH' is an abbreviation the document does not define; spell it out"
    assert finding.replacements == () and finding.fix is None


def test_each_undefined_abbreviation_is_reported():
    assert [f.text for f in lint("CIP, UEC and BC/DR are late; the QAIG knows.")] == ["CIP", "UEC", "BC/DR", "QAIG"]


def test_a_glossary_term_already_reported_is_not_reported_again():
    assert summary(lint("Ask IT for help.")) == [("glossary", "IT", "warning")]


def test_glossary_entry_whose_context_failed_offers_its_expansion(house):
    [finding] = lint("The CIP board met.", config=house)
    assert finding.rule == "abbreviation"
    assert finding.message == ("'CIP' (cost improvement programme) is an abbreviation the document does not define; "
                               "spell it out or try 'savings plan'")
    assert finding.replacements == ("savings plan",)
    assert finding.explanation == "A plan to save money."
    assert finding.fix.edits[0].text == "savings plan"


def test_glossary_finding_made_means_no_abbreviation_finding(house):
    assert [(f.rule, f.term_id) for f in lint("The CIP savings are late.\n\nThe CIP board met.", config=house)] == [
        ("glossary", "cip")]


def test_glossary_the_audience_leaves_out_offers_its_expansion():
    icb = next(t for path in builtin_paths() for t in load_glossary(path).terms if t.id == "icb")
    config = Config(glossaries={"clinical": False})
    [finding] = [f for f in lint_text("The ICB met.", config=config) if f.text == "ICB"]
    assert finding.rule == "abbreviation"
    assert finding.replacements == icb.replacements
    assert f"({icb.expansion})" in finding.message


def test_an_allowed_glossary_term_is_not_reported_as_an_abbreviation():
    config = Config(glossaries={"clinical": False}, allow=("icb",))
    assert [f for f in lint_text("The ICB met.", config=config) if f.text == "ICB"] == []


@pytest.mark.parametrize("setting", [{"known_abbreviations": ("LCH",)}, {"allow": ("LCH",)}, {"allow": ("lch",)},
                                     {"abbreviations": False}])
def test_known_allowed_or_switched_off(setting):
    assert lint("The LCH board met.", **setting) == []


def test_severity_can_be_set_by_rule_or_by_the_abbreviations_group():
    assert summary(lint("The LCH met.", severity={"undefined-abbreviation": "info"})) == [("abbreviation", "LCH", "info")]
    assert summary(lint("The LCH met.", severity={"abbreviations": "error"})) == [("abbreviation", "LCH", "error")]


@pytest.mark.parametrize("text", [
    "The NHS, the BBC, a GP, the UK, the EU and VAT at 9 AM.",
    "It costs 10 GB and 5 MHz at 20 mg.",
    "Part II, Stage IV, Type II and Henry VIII, see PL326 and NG28.",
    "A, B and C are single letters.",
    "Do NOT stop. You MUST ask. NEVER share it.",
    "BOARD MEETING MINUTES FOR THE CIP",
    "Boehringer Ingelheim RCV GmbH & Co KG, Vienna.",
    "See GOV.UK, atNHS and #NHS.",
])
def test_never_reported(text):
    assert lint(text) == []


def test_never_in_code_urls_or_markup():
    text = "Run `LCH_MODE` and `QAIG`, see <https://example.org/QAIG> and [the site](https://example.org/LCH).\n"
    assert lint(text, format="markdown") == []
    assert lint("```\nLCH = 1\n```\n", format="markdown") == []


# -- terms explained in the text --------------------------------------------------------------

EXPLAINED = "We made a virement (moving money between budgets) in May.\nAnother virement followed."


@pytest.mark.parametrize("setting,expected", [
    ("hide", []),
    ("hint", [("glossary", "virement", "hint")]),
    ("info", [("glossary", "virement", "info")]),
    ("warning", [("glossary", "virement", "warning")]),
])
def test_later_uses_of_an_explained_term(setting, expected):
    findings = lint(EXPLAINED, defined_terms=setting)
    assert summary(findings) == expected
    for f in findings:
        assert f.line == 2 and f.message.endswith("(explained on line 1)")


def test_explained_term_default_is_info_and_uses_before_the_explanation_keep_their_severity():
    text = "A virement was made.\nA virement (moving money between budgets) again.\nA virement once more."
    assert [(f.line, f.severity) for f in lint(text)] == [(1, "warning"), (3, "info")]


def test_a_lower_severity_is_never_raised():
    findings = lint(EXPLAINED, severity={"virement": "hint"}, defined_terms="warning")
    assert summary(findings) == [("glossary", "virement", "hint")]


@pytest.mark.parametrize("text", [
    "We use agile – working in short steps – on every project.",
    "We use agile — working in short steps — on every project.",
    "We work in short steps (also called agile) on every project.",
    "We work in short steps (agile) on every project.",
    "We use agile, also called working in short steps, on every project.",
    "After the programme (the set of projects we run) ends, we rest.",
])
def test_ways_of_explaining(text):
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "The virement (see page 4) was approved.",
    "The virement (2023/24) was approved.",
    "We will leverage – where possible – our assets.",
    "The virement (Annex B, Table 3) was approved.",
])
def test_asides_are_not_explanations(text):
    assert len(lint(text)) == 1


# -- unknown words ------------------------------------------------------------------------------

def test_unknown_words_are_off_by_default():
    assert lint("The glaucomatous eye.") == []


def test_a_rare_word_is_reported_once_as_a_hint():
    [finding] = lint("The glaucomatous eye.\nA glaucomatous change.", unknown_words=True)
    assert (finding.rule, finding.term_id, finding.glossary, finding.severity) == (
        "unknown-word", "unknown-word", "unknown-words", "hint")
    assert (finding.line, finding.text, finding.replacements, finding.fix) == (1, "glaucomatous", (), None)
    assert "rare word" in finding.message


@pytest.mark.parametrize("text", [
    "Zyxwvut Qwertyuiop met Mr Glaucomatous in Xanadu.",  # names: capitalised
    "Call 0113 555 0199 or pay £12,345.67 by 2025-26.",  # numbers
    "Use abc123def and x2y.",  # words with digits
    "Email glaucomatous@example.org or see https://example.org/glaucomatous.",  # addresses
    "A well-known, long-standing, co-located service.",  # compounds of common words
    "Read config.yaml and my_glaucomatous_var.",  # file names and identifiers
    "The virement and the comorbidities.",  # glossary words are the glossary's business
    "We prioritise, organise and standardise.",  # British spellings of common words
    "We took bezafibrate and atorvastatin.",  # medicine names
    "The glaucomatous (damaged by glaucoma) eye.",  # explained
])
def test_never_unknown(text):
    assert [f for f in lint(text, unknown_words=True) if f.rule == "unknown-word"] == []


def test_never_unknown_in_code():
    text = "Call `glaucomatous()` here:\n\n```\nglaucomatous = 1\n```\n"
    assert lint(text, format="markdown", unknown_words=True) == []


def test_an_allowed_word_is_not_unknown():
    assert lint("The glaucomatous eye.", unknown_words=True, allow=("glaucomatous",)) == []


def test_medicine_stems_are_data_tested_as_data():
    stems = load_medicine_stems()
    assert list(stems) == sorted(stems) and all(s.isalpha() and s.islower() for s in stems)
    for stem, example in stems.items():
        assert example.endswith(stem) and is_medicine_name(example), example
        assert not is_medicine_name(stem) and not is_medicine_name(stem + "s"), stem


def test_rare_word_judgement():
    assert is_rare("virement") and is_rare("workstream") and is_rare("glaucomatous")
    assert not is_rare("prioritising")  # British spelling of a common word
    assert not is_rare("reemerging")  # a prefix and a common word
    assert not is_rare("smallerthan")  # two words run together
    assert not is_rare("bezafibrate")  # a medicine's name
    assert is_rare("fibrates")  # a family of medicines is jargon


def test_config_defaults_match_the_issue():
    config = Config()
    assert config.abbreviations is True and config.unknown_words is False and config.defined_terms == "info"
    assert set(BUILTIN_IDS) >= {"clinical"}
