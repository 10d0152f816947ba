"""Each matching rule of the core, on the core test glossary."""
import pytest

from jargonlint import lint_text
from tests.conftest import core_config


def found(text, **kw):
    return [(f.text, f.term_id) for f in lint_text(text, config=core_config(), **kw)]


@pytest.mark.parametrize("text", ["utilise", "utilises", "utilised", "utilising", "Utilising", "UTILISE", "utilize", "utilized"])
def test_inflections_and_spellings_match(text):
    assert found(f"We {text} it.") == [(text, "utilise")]


def test_plural_of_noun():
    assert found("Two comorbidities were noted.") == [("comorbidities", "comorbidity")]


def test_multiword_across_line_break_and_spaces():
    text = "After a myocardial\ninfarction and a myocardial   infarction."
    assert found(text) == [("myocardial\ninfarction", "myocardial-infarction"),
                           ("myocardial   infarction", "myocardial-infarction")]


@pytest.mark.parametrize("text", ["year-to-date", "year to date", "Year-to-date", "year - to - date"])
def test_hyphenated_and_spaced_forms(text):
    assert [t for _, t in found(f"The {text} spend.")] == ["year-to-date"]


@pytest.mark.parametrize("text", ["organisational change", "organizational change", "Organizational changes"])
def test_british_and_american_spellings(text):
    assert [t for _, t in found(f"{text} is hard.")] == ["organisation-change"]


@pytest.mark.parametrize("text", ["The vase is fragile.", "agileness", "Fragile agility."])
def test_never_inside_longer_words(text):
    assert found(text) == []


def test_acronym_case_matters():
    assert found("It is IT that decides, not it.") == [("IT", "it-abbreviation")]
    assert found("Do re mi, an MI and MIs.") == [("MI", "mi"), ("MIs", "mi")]


def test_longest_match_wins_one_finding_per_span():
    assert found("The cost improvement programme and the programme.") == [
        ("cost improvement programme", "cost-improvement-programme"), ("programme", "programme")]


def test_context_conditions():
    assert found("The key risks are listed.") == [("key", "key-important")]
    assert found("The key to the door is lost.") == []
    assert found("Press any key.") == []
    assert found("I trust you.") == []
    assert found("The NHS trust board met.") == [("trust", "trust-nhs")]


def test_replacements_take_the_matched_form_and_case():
    findings = {f.text: f.replacements for f in lint_text(
        "Utilising data, we leveraged it, prioritising safety. UTILISE! Leverages.", config=core_config())}
    assert findings == {"Utilising": ("Using",), "leveraged": ("used",), "prioritising": ("putting first",),
                        "UTILISE": ("USE",), "Leverages": ("Uses",)}


def test_replacement_keeps_plural():
    (f,) = lint_text("Virements were made.", config=core_config())
    assert f.replacements == ("Budget transfers",)


def test_acronym_replacement_keeps_its_own_case():
    (f,) = lint_text("He had an MI.", config=core_config())
    assert f.replacements == ("heart attack",)


def test_allowed_terms_are_never_flagged():
    config = core_config(allow=("virement", "cost improvement programme"))
    texts = [f.text for f in lint_text("A virement for the cost improvement programme.", config=config)]
    assert texts == []  # the allowed phrase also hides the shorter 'programme' inside it


def test_finding_fields_and_positions():
    text = "Intro line.\n\n  We will leverage it."
    (f,) = lint_text(text, config=core_config(), path="doc.txt")
    assert (f.path, f.line, f.column, f.end_line, f.end_column) == ("doc.txt", 3, 11, 3, 19)
    assert text[f.offset:f.end_offset] == f.text == "leverage"
    assert f.glossary == "core" and f.severity == "warning" and f.rule == "glossary"
    assert f.fix.applicability == "safe" and f.fix.edits[0].text == "use"
    assert "try 'use'" in f.message


def test_severity_override_by_term_and_glossary():
    config = core_config(severity={"virement": "error", "core": "info"})
    levels = {f.term_id: f.severity for f in lint_text("A virement to leverage.", config=config)}
    assert levels == {"virement": "error", "leverage": "info"}


def test_fast_path_equals_full_spacy_path():
    from jargonlint.engine import linter_for
    from jargonlint.readers.plain import read_text

    text = "Utilising the year to date.\n\nNothing here.\n\nThe acute trust and IT, MI, key risks, agile."
    linter = linter_for(core_config())
    assert linter.hits(read_text(text).masked) == linter.hits(read_text(text).masked, full=True)


@pytest.mark.parametrize("blank_line", ["\n\n", "\r\n\r\n", "\r\r", "\n \t\n"])
def test_terms_never_cross_a_blank_line(blank_line):
    assert found(f"After a myocardial{blank_line}infarction.") == []


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
def test_terms_match_across_one_line_break(line_break):
    assert [t for _, t in found(f"After a myocardial{line_break}infarction.")] == ["myocardial-infarction"]
