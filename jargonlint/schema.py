"""The one schema for glossary files.

The loader validates against these tables, `glossaries/README.md` documents
them, and a test checks that the two agree, so code and docs never drift.
Each entry: key -> (allowed Python types, required?, one-line meaning).
"""

SEVERITIES = ("error", "warning", "info", "hint")
FIX_KINDS = ("safe", "unsafe")

GLOSSARY_KEYS = {
    "id": ((str,), True, "short stable id of the glossary, e.g. `finance`"),
    "name": ((str,), True, "human name, e.g. `Finance and accounting`"),
    "description": ((str,), True, "what the glossary covers and who knows these words"),
    "sources": ((dict,), True, "the sources terms cite, keyed by a short source id"),
    "terms": ((list,), True, "the terms, sorted by `id`"),
}

SOURCE_KEYS = {
    "title": ((str,), True, "name of the guidance or work"),
    "url": ((str,), False, "where to read it"),
    "licence": ((str,), True, "its licence, e.g. `Open Government Licence v3.0`"),
}

TERM_KEYS = {
    "id": ((str,), True, "stable id, lowercase letters, digits and hyphens; unique across all glossaries"),
    "term": ((str,), True, "the headword as a writer would spell it"),
    "variants": ((list,), False, "other spellings: American/British, hyphenated, spaced or closed forms, long forms"),
    "case_sensitive": ((bool,), False, "match the exact case (acronyms such as `MI`); default false"),
    "inflect": ((bool,), False, "also match inflected forms (plurals, verb endings); default true"),
    "replacements": ((list,), True, "plain-English replacements, best first; may be empty"),
    "explanation": ((str,), True, "a short plain explanation, written by the glossary's authors"),
    "severity": ((str,), False, "one of " + ", ".join(SEVERITIES) + "; default warning"),
    "fix": ((str,), False, "`safe` if the first replacement can be applied without reading the sentence; default unsafe"),
    "expansion": ((str,), False, "for abbreviations: the long form spelled out"),
    "context": ((dict,), False, "conditions for words that also have an everyday sense (below)"),
    "examples": ((dict,), True, "`flag`: sentences that must be flagged; `pass`: sentences that must not"),
    "source": ((str,), True, "a key of the glossary's `sources`"),
    "url": ((str,), False, "a page that explains the term (shown as the diagnostic's link)"),
    "note": ((str,), False, "a note for glossary maintainers; not shown to writers"),
}

CONTEXT_KEYS = {
    "near": ((list,), False, "flag only if one of these words is within `window` words"),
    "not_near": ((list,), False, "do not flag if one of these words is within `window` words"),
    "followed_by": ((list,), False, "flag only if the next word is one of these"),
    "not_followed_by": ((list,), False, "do not flag if the next word is one of these"),
    "preceded_by": ((list,), False, "flag only if the previous word is one of these"),
    "not_preceded_by": ((list,), False, "do not flag if the previous word is one of these"),
    "window": ((int,), False, "how many words either side `near` and `not_near` look; default 8"),
    "pos": ((list,), False, "with a trained pipeline only: the term's part of speech must be one of these (UPOS, e.g. NOUN)"),
}

EXAMPLE_KEYS = {
    "flag": ((list,), True, "sentences in which the term must be found"),
    "pass": ((list,), False, "sentences in which it must not be found"),
}
