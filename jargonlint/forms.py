"""Word forms: spelling variants, inflections (lemminflect) and case.

Everything here runs when glossaries are compiled, never per document: the
matcher compares surface forms, so checking needs no lemmatiser at all.
"""
from __future__ import annotations

import re
from functools import lru_cache

VERB_TAGS = ("VBD", "VBG", "VBN", "VBZ")
# When two readings share a form (`hosted`), the first here wins: a past participle
# reads right in both "is hosted" -> "is run" and most other sentences.
_TAG_ORDER = {"NN": 0, "NNS": 1, "VB": 2, "VBP": 3, "VBN": 4, "VBG": 5, "VBZ": 6, "VBD": 7}
_ISE = re.compile(r"(?<=\w{3})i([sz])(e|es|ed|ing|er|ers|able|ation\w*)$")


def spelling_variants(spelling: str) -> set[str]:
    """The spelling with hyphens as spaces (and back) and -ise as -ize (and back)."""
    out = {spelling}
    if "-" in spelling:
        out.add(re.sub(r"\s*-\s*", " ", spelling))
    if " " in spelling:
        out.add(spelling.replace(" ", "-"))
    for form in list(out):
        words = form.split(" ")
        swapped = [_ISE.sub(lambda m: "i" + ("z" if m.group(1) == "s" else "s") + m.group(2), w) for w in words]
        out.add(" ".join(swapped))
    return out


@lru_cache(maxsize=None)
def _lemminflect():
    import lemminflect

    return lemminflect


def _inflections(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    known = _lookup_inflections(word, upos)
    if "VBD" in known and "VBN" not in known:  # lemminflect omits a participle that equals the past
        known = {**known, "VBN": known["VBD"]}
    return known


def _lookup_inflections(word: str, upos: str | None) -> dict[str, tuple[str, ...]]:
    li = _lemminflect()
    known = li.getAllInflections(word, upos=upos) if upos else li.getAllInflections(word)
    if known:
        return known
    if upos in (None, "NOUN"):
        known = dict(li.getAllInflectionsOOV(word, "NOUN"))
    if upos == "VERB" or (upos is None and re.search(r"(ise|ize|ify|ate)$", word)):
        known = {**li.getAllInflectionsOOV(word, "VERB"), **known}
    return known


def inflected_forms(spelling: str) -> dict[str, tuple[str, int] | None]:
    """Map each form of a spelling to (Penn tag, index of the inflected word), or None for the base."""
    words = spelling.split(" ")
    forms: dict[str, tuple[str, int] | None] = {spelling: None}

    def add(index, upos=None, tags=None):
        word = words[index]
        if not word.isalpha():
            return
        found = _inflections(word.lower(), upos)
        for tag in sorted(found, key=lambda t: _TAG_ORDER.get(t, 9)):
            variants = found[tag]
            if tags and tag not in tags:
                continue
            for variant in variants:
                form = " ".join(words[:index] + [_same_case(word, variant)] + words[index + 1:])
                forms.setdefault(form, (tag, index))

    if len(words) == 1:
        add(0)
    else:
        add(len(words) - 1, "NOUN", ("NNS",))
        if _lemminflect().getAllInflections(words[0].lower(), upos="VERB"):
            add(0, "VERB", VERB_TAGS)
    return forms


def all_forms(word: str) -> set[str]:
    """Every inflected form of a context word, lowercase."""
    word = word.lower()
    out = {word}
    if word.isalpha():
        for variants in _inflections(word).values():
            out.update(v.lower() for v in variants)
    return out


def inflect_phrase(phrase: str, tag: str | None) -> str:
    """Put a replacement phrase in the form the matched term was in."""
    if not tag or tag in ("VB", "VBP", "NN"):
        return phrase
    words = phrase.split(" ")
    li = _lemminflect()
    if tag in VERB_TAGS:
        index = 0
        lemmas = li.getAllLemmas(words[0].lower())
        if "VERB" not in lemmas or lemmas["VERB"][0] != words[0].lower():
            return phrase  # only a verb in its base form can take the term's ending
    elif tag == "NNS" and len(words) <= 3:
        index = len(words) - 1
    else:
        return phrase
    word = words[index]
    if not word.isalpha():
        return phrase
    result = li.getInflection(word.lower(), tag=tag) or li.getInflection(word.lower(), tag=tag, inflect_oov=True)
    if not result:
        return phrase
    if tag == "NNS" and _rare_plural(word.lower(), result[0]):
        return phrase  # a mass noun: "old software", not "old softwares"
    words[index] = _same_case(word, result[0])
    return " ".join(words)


def _rare_plural(singular: str, plural: str) -> bool:
    """Is this plural far rarer in everyday English than its singular (software, information)?"""
    from wordfreq import zipf_frequency

    return zipf_frequency(plural, "en") < zipf_frequency(singular, "en") - 1.5


def _same_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() and not model.isupper() else word


def match_case(matched: str, replacement: str) -> str:
    """Give a replacement the case of the text it replaces (Utilise -> Use, UTILISE -> USE)."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and matched.lstrip()[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
