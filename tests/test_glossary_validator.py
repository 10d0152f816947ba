"""The validator, fed good and bad glossary files: errors name the file, the line and the problem."""
import re
from pathlib import Path

import pytest

from jargonlint.glossary import GlossaryError, load_glossary, parse_glossary
from jargonlint.schema import CONTEXT_KEYS, GLOSSARY_KEYS, SOURCE_KEYS, TERM_KEYS

GOOD_TERM = """\
  - id: saas
    term: SaaS
    case_sensitive: true
    replacements: [software you rent online]
    explanation: Software you pay for and use over the internet.
    examples: {flag: [We bought a SaaS tool.]}
    source: j
"""


def glossary(terms=GOOD_TERM, header=None):
    header = header or "id: it\nname: IT\ndescription: test\nsources:\n  j: {title: t, licence: MIT}\nterms:\n"
    return header + terms


def error_of(text):
    with pytest.raises(GlossaryError) as info:
        parse_glossary(text, "glossaries/it.yaml")
    return str(info.value)


def test_good_file_loads():
    g = parse_glossary(glossary())
    assert g.id == "it" and g.terms[0].id == "saas" and g.terms[0].case_sensitive


def test_unknown_key_names_file_line_term_and_suggests():
    text = glossary(GOOD_TERM.replace("    replacements:", "    replacment: [x]\n    replacements:"))
    assert error_of(text) == "glossaries/it.yaml:10: term 'saas': unknown key 'replacment' (did you mean 'replacements'?)"


@pytest.mark.parametrize("change, message", [
    (("    source: j\n", ""), "term 'saas': missing required key 'source'"),
    (("case_sensitive: true", "case_sensitive: maybe"), "term 'saas': 'case_sensitive' must be true or false"),
    (("replacements: [software you rent online]", "replacements: software"), "'replacements' must be a list"),
    (("source: j", "source: nowhere"), "source 'nowhere' is not in the glossary's sources"),
    (("term: SaaS", "term: '  '"), "an empty term or variant matches nothing"),
    (("term: SaaS", "term: " + "x" * 300), "longer than 200 characters"),
    (("id: saas", "id: Saas Term"), "id must be lowercase letters, digits and hyphens"),
    (("examples: {flag: [We bought a SaaS tool.]}", "examples: {flag: []}"), "'flag' must not be empty"),
    (("examples: {flag: [We bought a SaaS tool.]}", "examples: {flags: [x]}"), "unknown key 'flags'"),
    (("case_sensitive: true", "severity: fatal"), "severity must be one of error, warning, info, hint"),
    (("case_sensitive: true", "fix: maybe"), "fix must be 'safe' or 'unsafe'"),
    (("case_sensitive: true", "context: {near: [x], windw: 3}"), "term 'saas' context: unknown key 'windw'"),
])
def test_bad_terms(change, message):
    text = glossary(GOOD_TERM.replace(*change))
    assert message in error_of(text)
    assert re.match(r"glossaries/it\.yaml:\d+: ", error_of(text))


def test_duplicate_ids_name_both_lines():
    text = glossary(GOOD_TERM + GOOD_TERM)
    assert error_of(text) == "glossaries/it.yaml:14: term 'saas': duplicate id (first at line 7)"


def test_malformed_yaml_has_a_line():
    assert error_of(glossary() + "  - id: [unclosed\n").startswith("glossaries/it.yaml:15:")


def test_object_constructing_tags_are_refused():
    text = glossary(GOOD_TERM.replace("term: SaaS", "term: !!python/object/apply:os.system ['echo hi']"))
    assert "is not allowed (only plain data)" in error_of(text)


def test_empty_file_and_wrong_shape():
    assert error_of("") == "glossaries/it.yaml: the file is empty"
    assert "glossary must be a mapping" in error_of("- a\n- b\n")
    assert "missing required key 'terms'" in error_of("id: it\nname: IT\ndescription: d\nsources: {}\n")


def test_missing_file(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary(tmp_path / "absent.yaml")


def test_readme_documents_every_schema_key():
    readme = (Path(__file__).parent.parent / "glossaries" / "README.md").read_text()
    for table in (GLOSSARY_KEYS, SOURCE_KEYS, TERM_KEYS, CONTEXT_KEYS):
        for key, (_, _, meaning) in table.items():
            assert f"| `{key}` |" in readme, key
            assert meaning in readme, key
