"""Terms a text explains where it uses them.

A writer who explains a term has done the right thing. These pure functions
say whether the term at ``text[start:end]`` is explained right there:

- in brackets after it: ``virement (moving money between budgets)``, also
  after one more word (``the titration period (process of ...)``);
- between dashes after it: ``titration – adjusting the dose – is ...``;
- by a cue: ``a cannula, also called a drip``;
- or the other way round, the plain words first: ``redness of the skin
  (erythema)``, ``a drip (also known as a cannula)``.

An explanation is words, mostly small letters, with no numbers, and does not
start like an aside (``see``, ``e.g.``, ``where``, ``and``...). Positions are
offsets into the string given.
"""
from __future__ import annotations

import re

from .abbreviations import matching_bracket

# An aside, an example or a reference starts like this; an explanation does not.
_NOT_EXPLANATION = frozenset("""
see e.g eg for example including excluding except where when whenever if unless although though however
but and nor which who whose as because since so then thus not also especially particularly mainly
usually often sometimes typically previously formerly now currently page p pp figure fig table section
annex appendix paragraph chapter note source ref in at on by from to with within without after before until
up about approximately around per each every only such this these those it its there here we you they he she
was were is are be been will would should could may might must can
""".split())
_CUE = re.compile(r"(?:i\.\s?e\.?|ie|that\s+is|meaning|which\s+means|in\s+other\s+words|or)[,:]?\s+", re.IGNORECASE)
_QUOTES = "\"'’”»"
_OPEN_QUOTES = "\"'‘“«"
_WORDS = re.compile(r"[A-Za-z][A-Za-z’'\-]*")
_BAD = re.compile(r"[0-9£$€%@=<>{}\[\]|`_*#\\]|::|\w[.:/]\w|\(\)|https?:|www\.")  # numbers, symbols, code
_DASH = re.compile(r"[^\S\n]+(?:[–—]|-{1,2})[^\S\n]+|[^\S\n]*—[^\S\n]*")
_DASH_END = re.compile(r"[^\S\n]+(?:[–—]|-{1,2})(?:[^\S\n]|$)|—|[.;:!?](?=\s|$)|\n|\x1e")
_NEXT_WORD = re.compile(r"[^\S\n]+[a-z][a-z\-]*(?=[^\S\n]*\()")
_CUE_AFTER = re.compile(r",?[^\S\n]+(?:also[^\S\n]+)?(?:called|known[^\S\n]+as|meaning)[^\S\n]+")
_CUE_BEFORE = re.compile(r"(?:,|\()[^\S\n]*(?:also[^\S\n]+)?(?:called|known[^\S\n]+as)[^\S\n]+(?:(?:an?|the)[^\S\n]+)?$")
_PHRASE_END = re.compile(r"[,.;:!?()\n\x1e]")
MAX_WORDS = 30


def is_explanation(content: str) -> bool:
    """Does this text (a bracket's or dashes' content) read as a plain explanation?"""
    cue = _CUE.match(content)
    if cue:
        content = content[cue.end():]
    if _BAD.search(content):
        return False
    words = _WORDS.findall(content)
    if not 2 <= len(words) <= MAX_WORDS:
        return False
    if words[0].lower().rstrip(".") in _NOT_EXPLANATION:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    if capitals * 3 > len(words):  # a name or a title, not an explanation
        return False
    return sum(len(w) for w in words) * 2 >= len(content.strip())  # mostly words, not symbols


def explanation_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of an explanation that follows a term ending at `end`, or None."""
    pos = end
    while pos < len(text) and text[pos] in _QUOTES:
        pos += 1
    span = _bracket_after(text, pos) or _dashes_after(text, pos) or _cue_after(text, pos)
    if span:
        return span
    nxt = _NEXT_WORD.match(text, pos)  # one more word, then the bracket: "the titration period (...)"
    if nxt:
        return _bracket_after(text, nxt.end())
    return None


def explanation_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of plain words a term at text[start:end] stands in brackets after, or is `also called`: None if not."""
    lo = start
    while lo > 0 and text[lo - 1] in _OPEN_QUOTES:
        lo -= 1
    before = text[max(0, lo - 40):lo]
    k = len(before)
    while k and before[k - 1] in " \t":
        k -= 1
    hi = end
    while hi < len(text) and text[hi] in _QUOTES:
        hi += 1
    while hi < len(text) and text[hi] in " \t":
        hi += 1
    if k and before[k - 1] == "(" and text[hi:hi + 1] == ")":  # plain words (term)
        return _phrase_before(text, lo - (len(before) - k) - 1)
    cue = _CUE_BEFORE.search(before)
    if cue:  # plain words, also called term / plain words (also known as term)
        return _phrase_before(text, lo - len(before) + cue.start())
    return None


def explained(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the explanation of the term at text[start:end], after or before it, or None."""
    after = text[end:end + 40]
    before = text[max(0, start - 40):start]
    if not ("(" in after or "—" in after or "–" in after or " -" in after or "," in after[:3] or "also" in after[:10]
            or "(" in before[-3:] or "called" in before or "known" in before):
        return None  # the cheap test: nothing that could explain it is near
    return explanation_after(text, end) or explanation_before(text, start, end)


def _bracket_after(text, pos):
    k = pos
    while k < len(text) and text[k] in " \t":
        k += 1
    if k >= len(text) or text[k] != "(":
        return None
    close = matching_bracket(text, k, reach=400)
    return (k + 1, close) if close is not None and is_explanation(text[k + 1:close]) else None


def _dashes_after(text, pos):
    dash = _DASH.match(text, pos)
    if not dash:
        return None
    close = _DASH_END.search(text, dash.end(), min(len(text), dash.end() + 300))
    stop = close.start() if close else min(len(text), dash.end() + 300)
    content = text[dash.end():stop]
    return (dash.end(), stop) if is_explanation(content) else None


def _cue_after(text, pos):
    cue = _CUE_AFTER.match(text, pos)
    if not cue:
        return None
    close = _PHRASE_END.search(text, cue.end(), min(len(text), cue.end() + 120))
    stop = close.start() if close else min(len(text), cue.end() + 120)
    content = text[cue.end():stop]
    words = _WORDS.findall(content)
    if not 1 <= len(words) <= 8 or _BAD.search(content):
        return None
    if not any(w.islower() for w in words):  # another name (PAH, Uptravi) is not an explanation
        return None
    return cue.end(), stop


def _phrase_before(text, end):
    """The words before `end`, back to punctuation (at most eight): the plain wording a term stands beside."""
    while end > 0 and text[end - 1] in " \t,":
        end -= 1
    lo = max(0, end - 120)
    stops = list(_PHRASE_END.finditer(text, lo, end))
    start = stops[-1].end() if stops else lo
    words = list(_WORDS.finditer(text, start, end))
    if not words:
        return None
    words = words[-8:]
    return words[0].start(), end


