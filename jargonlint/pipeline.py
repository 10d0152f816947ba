"""jargonlint as spaCy pipeline components.

    import spacy, jargonlint.pipeline
    nlp = spacy.blank("en")
    nlp.add_pipe("jargonlint_lemmatizer")          # optional: lemmas from lemminflect
    nlp.add_pipe("jargonlint", config={"audience": "clinical"})
    doc = nlp("The virement was approved.")
    for span in doc._.jargon:
        print(span.text, span._.jargon_term.id, span._.jargon_replacements)

Extensions are declared here, in one place. The component holds only the
compiled glossaries, which never change per call.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .config import Config, load_config_file
from .engine import linter_for

Doc.set_extension("jargon", default=(), force=True)
Span.set_extension("jargon_term", default=None, force=True)
Span.set_extension("jargon_replacements", default=(), force=True)


class JargonComponent:
    def __init__(self, config: Config):
        self.linter = linter_for(config)

    def __call__(self, doc: Doc) -> Doc:
        compiled = self.linter.compiled
        spans = []
        for m in compiled.match(doc):
            span = Span(doc, m.start, m.end, label=compiled.terms[m.term].id)
            span._.jargon_term = compiled.terms[m.term]
            span._.jargon_replacements = compiled.replacements.get((m.term, m.tag), ())
            spans.append(span)
        doc._.jargon = tuple(spans)
        return doc


@Language.factory("jargonlint", default_config={"audience": "public", "config_path": None})
def make_jargonlint(nlp: Language, name: str, audience: str, config_path: str | None):
    config = load_config_file(config_path) if config_path else Config()
    return JargonComponent(config.with_overrides(audience=audience))


def lemma(word: str) -> str:
    """The most likely lemma of a word, by lemminflect, without part-of-speech context."""
    from .forms import _lemminflect

    lemmas = _lemminflect().getAllLemmas(word)
    if not lemmas:
        lemmas = _lemminflect().getAllLemmasOOV(word, "NOUN")
    for upos in ("NOUN", "VERB", "ADJ", "ADV", "PROPN"):
        if upos in lemmas:
            return lemmas[upos][0]
    return word


@Language.component("jargonlint_lemmatizer")
def lemmatize(doc: Doc) -> Doc:
    """Set token.lemma_ from lemminflect, using part of speech when a tagger has set it."""
    from .forms import _lemminflect

    tagged = doc.has_annotation("POS")
    for token in doc:
        if token.is_space or token.is_punct or token.like_num:
            continue
        if tagged and token.pos_ in ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX"):
            found = _lemminflect().getLemma(token.text, upos=token.pos_)
            token.lemma_ = found[0] if found else token.text
        else:
            token.lemma_ = lemma(token.text)
    return doc


def default_pipeline(audience: str = "public") -> Language:
    """spacy.blank("en") with lemmas and the jargon matcher: the default pipeline as a user can build it."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("jargonlint_lemmatizer")
    nlp.add_pipe("jargonlint", config={"audience": audience})
    return nlp


__all__ = ["JargonComponent", "default_pipeline", "lemma", "Token"]
