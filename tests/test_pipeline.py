"""The spaCy components: the default blank pipeline, and a trained-style pipeline with POS tags."""
import spacy

import jargonlint.pipeline  # noqa: F401  (registers the factories)
from jargonlint import Config, lint_text
from tests.conftest import CORE_GLOSSARY, core_config


def test_component_sets_doc_jargon(tmp_path):
    config_file = tmp_path / "c.yaml"
    config_file.write_text("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
                           f"extra_glossaries: ['{CORE_GLOSSARY}']\n")
    nlp = spacy.blank("en")
    nlp.add_pipe("jargonlint_lemmatizer")
    nlp.add_pipe("jargonlint", config={"config_path": str(config_file)})
    doc = nlp("We are utilising the year-to-date figures after a myocardial\ninfarction.")
    assert [(s.text, s._.jargon_term.id, s._.jargon_replacements) for s in doc._.jargon] == [
        ("utilising", "utilise", ("using",)),
        ("year-to-date", "year-to-date", ("so far this year",)),
        ("myocardial\ninfarction", "myocardial-infarction", ("heart attack",)),
    ]
    assert doc[2].lemma_ == "utilise"  # lemmas from lemminflect


def _tagged_pipeline(path):
    """A small 'trained' pipeline built here: an attribute ruler that tags parts of speech."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "key"}, {"LOWER": "to"}]], {"POS": "NOUN"}, index=0)
    ruler.add([[{"LOWER": "key"}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["to"]}}]], {"POS": "ADJ"}, index=0)
    nlp.to_disk(path)
    return str(path)


def test_pos_conditions_apply_with_a_trained_pipeline(tmp_path):
    glossary = tmp_path / "pos.yaml"
    glossary.write_text(
        "id: pos\nname: POS\ndescription: d\nsources: {j: {title: t, licence: MIT}}\nterms:\n"
        "  - id: key-adjective\n    term: key\n    replacements: [important]\n    explanation: important\n"
        "    context: {pos: [ADJ]}\n    examples: {flag: [a key point]}\n    source: j\n")
    base = Config(glossaries={g: False for g in ("finance", "it", "clinical", "general")},
                  extra_glossaries=(str(glossary),))
    text = "The key issue is the key to the door."
    # Without a tagger the condition cannot be tested, so both are flagged.
    assert [f.offset for f in lint_text(text, config=base)] == [4, 21]
    tagged = base.with_overrides(pipeline=_tagged_pipeline(tmp_path / "pipe"))
    assert [f.offset for f in lint_text(text, config=tagged)] == [4]


def test_lint_text_library_api():
    findings = lint_text("Leverage it.", config=core_config())
    assert findings[0].term_id == "leverage"
    try:
        findings[0].text = "x"
    except AttributeError:
        pass
    else:
        raise AssertionError("findings must be immutable")
