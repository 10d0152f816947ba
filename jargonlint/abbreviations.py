"""Abbreviations in a text, and the places the text defines them.

Pure functions over a string: no configuration, no glossaries. Every position
is an offset into the string given, so a caller that passes a reader's masked
prose gets offsets into the original file.

Definitions follow Schwartz and Hearst (2003), "A simple algorithm for
identifying abbreviation definitions in biomedical text": a short form in
brackets after its long form (``Integrated Care Board (ICB)``), or the long
form in brackets after the short form (``ICB (Integrated Care Board)``). The
long form is found by matching the short form's characters right to left in
the words before the bracket, the first character at the start of a word.
``long form, also called SF`` and ``(also known as SF)`` are read the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# A hard boundary no definition crosses: a reader's BREAK, or a blank line.
_HARD = re.compile(r"\x1e|\n[^\S\n]*\n")
_WORD = re.compile(r"\S+")

# The shape of a short form inside brackets or after a cue: no spaces, starts
# with a letter or digit, at least two capitals (a plural `s` allowed).
_SHORT = r"(?=[A-Za-z0-9&/.\-]*[A-Z][A-Za-z0-9&/.\-]*[A-Z])[A-Za-z0-9][A-Za-z0-9&/.\-]{0,11}"
_CUE = r"(?:also\s+(?:called|known\s+as|written\s+as)|abbreviated\s+(?:as|to)|known\s+as|called|or)"
_SHORT_IN_BRACKETS = re.compile(r"\(\s*(?:" + _CUE + r"\s+)?(?:the\s+)?(" + _SHORT + r")\s*(?:[,;][^()\n]{0,60})?\)")
_SHORT_AFTER_CUE = re.compile(r"a(?:lso\s+(?:called|known\s+as)|bbreviated\s+(?:as|to))\s+(?:the\s+)?(" + _SHORT + r")(?![\w&/])")
# Found by a capital (a fast scan); the token's true start is settled by `_token_start`.
_CAPITAL_BEFORE_BRACKET = re.compile(r"([A-Z][A-Za-z0-9&/.\-]{0,11})[^\S\n]*\n?[^\S\n]*\(")
_LEADING_CUE = re.compile(r"\s*(?:" + _CUE + r"|i\.\s?e\.?,?|ie,?|meaning|short\s+for|that\s+is,?)\s+", re.IGNORECASE)
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)  # used with .match(text, pos): anchored there

# -- abbreviation candidates --------------------------------------------------

# A token of letters and digits (parts joined by & or /) with at least two
# capitals and at most one small letter before the first: ICB, ICBs, BC/DR,
# A&E, HbA1c, eGFR, SaaS. The pattern starts at a capital so the scan is fast;
# `_token_start` takes in one small letter before it (eGFR) and refuses a token
# joined to a word, a path, an e-mail address, a hashtag or a dotted name
# (GOV.UK). Shape rules a regex states badly are checked in Python on the
# (few) tokens that match.
CANDIDATE = re.compile(
    r"[A-Z][a-z0-9&/]{0,2}[A-Z][A-Za-z0-9]*(?:[&/][A-Za-z0-9]+)*"
    r"(?![\w@#$\\]|[.&/][A-Za-z0-9])"
)
_JOINED = frozenset("&/.@#$\\_")
_LOWER_RUN = re.compile(r"[a-z]+")
_CODE = re.compile(r"[A-Z]{1,3}\d+[a-z]?")  # PL326, NG28, CG87: reference numbers, not words
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_WORD_BEFORE = re.compile(r"(?:^|(\S*)\s+)([A-Za-z]+|\d+)[^\S\n]+$")
# Words a Roman numeral follows: Part IV, Stage IV, Type II.
_NUMBERED = frozenset("""part phase stage type grade class level schedule chapter section annex appendix volume vol
article title book act step tier band category key war""".split())
# Two-letter capitals that are shouting, not abbreviations: "Do NOT", "NO".
_SHOUTED_SHORT = frozenset("NO OR IF DO ON IN TO OF AT IS BE SO WE MY ME HE BY AN AS UP GO".split())
# A word in capitals this common (Zipf scale) is emphasis (NOT, MUST, NEVER), not an abbreviation; from
# five letters a less common word is too (LITERAL, CAUTION), as few abbreviations that long are words.
# wordfreq does not know case, so an abbreviation said as letters (BBC, NHS: no vowel) is never emphasis;
# one said as a word and this common (USA, NATO, CEO) is let pass: every reader knows those.
EMPHASIS_ZIPF = 4.5
EMPHASIS_ZIPF_LONG = 3.5
# Abbreviations are rarely longer than this (EBITDA, HbA1c); longer runs of capitals are code or shouting.
MAX_LETTERS = 6


@dataclass(frozen=True)
class Definition:
    """A short form the text defines, and where."""

    short: str  # as written: "ICBs"
    long: str  # the long form as written (line breaks kept)
    short_start: int
    short_end: int
    long_start: int
    long_end: int

    @property
    def key(self) -> str:
        return abbreviation_key(self.short)

    @property
    def start(self) -> int:
        return min(self.short_start, self.long_start)

    @property
    def end(self) -> int:
        return max(self.short_end, self.long_end)


def abbreviation_key(token: str) -> str:
    """The form an abbreviation is known by: its singular (ICBs -> ICB, URLs -> URL)."""
    if len(token) > 2 and token[-1] == "s" and token[-2].isupper():
        return token[:-1]
    return token


def is_short_form(token: str) -> bool:
    """Could this be an abbreviation being defined? Two or more capitals, no longer than 12 characters."""
    return 2 <= len(token) <= 12 and token[0].isalnum() and sum(c.isupper() for c in token) >= 2


# -- Schwartz and Hearst ------------------------------------------------------

def best_long_form(short: str, candidate: str) -> int | None:
    """Where in `candidate` the long form of `short` starts, or None.

    Each letter and digit of the short form, right to left, must be found in
    the candidate, right to left; the first one at the start of a word.
    """
    s = len(short) - 1
    i = len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (candidate[i].lower() != c or (s == 0 and i > 0 and candidate[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    # the long form starts at the start of the word the first letter was found in
    start = i + 1
    while start > 0 and not candidate[start - 1].isspace():
        start -= 1
    return start


def _max_words(short: str) -> int:
    letters = sum(c.isalnum() for c in short)
    return min(letters + 5, letters * 2)


def _floor(text: str, position: int, reach: int = 400) -> int:
    """How far back from `position` a long form may reach: not past a hard boundary or an open bracket."""
    lo = max(0, position - reach)
    window = text[lo:position]
    floor = lo
    for m in _HARD.finditer(window):
        floor = lo + m.end()
    depth = 0
    for k in range(position - 1, floor - 1, -1):  # an unmatched "(" before us: we are inside it
        ch = text[k]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return k + 1
            depth -= 1
    return floor


def _long_form_before(text: str, short: str, end: int) -> tuple[int, int] | None:
    """The long form of `short` in the words just before offset `end`, as (start, end)."""
    floor = _floor(text, end)
    words = list(_WORD.finditer(text, floor, end))
    if not words:
        return None
    words = words[-_max_words(short):]
    lo = words[0].start()
    # Trim trailing punctuation and quotes between the long form and the bracket or cue.
    hi = end
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;:\"'’”"):
        hi -= 1
    candidate = text[lo:hi]
    start = best_long_form(short, candidate)
    if start is None:
        return None
    start = _take_missed_word(short, candidate, start)
    long = candidate[start:]
    if not _plausible_long_form(short, long):
        return None
    return lo + start, hi


def _take_missed_word(short: str, candidate: str, start: int) -> int:
    """Widen a long form by the word before it when it has fewer words than the short form has letters and
    that word starts with the short form's first letter: `Secure Sockets Layer (SSL)`, where the right to
    left match stops at Sockets."""
    letters = sum(c.isalpha() for c in short)
    if len(candidate[start:].split()) >= letters:
        return start
    before = candidate[:start].rstrip()
    word_start = max(before.rfind(" "), before.rfind("\n"), before.rfind("\t")) + 1
    word = before[word_start:]
    if word[:1].lower() == short[0].lower() and word.isalpha():
        return word_start
    return start


def _plausible_long_form(short: str, long: str) -> bool:
    words = long.split()
    if len(long) <= len(short) or len(words) > _max_words(short):
        return False
    if short in words or abbreviation_key(short) in words:
        return False
    # a long form is words: at least one with two or more letters that is not itself capitals
    return any(sum(ch.isalpha() for ch in w) >= 2 and not w.isupper() for w in words)


def matching_bracket(text: str, open_at: int, reach: int = 300) -> int | None:
    """The offset of the ")" that closes the "(" at `open_at` (nested brackets allowed), or None."""
    depth = 0
    limit = min(len(text), open_at + reach)
    for k in range(open_at, limit):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return k
        elif ch == "\x1e":
            return None
        elif ch == "\n":
            following = text.find("\n", k + 1, limit)
            if following >= 0 and not text[k + 1:following].strip():
                return None  # a blank line ends the paragraph
    return None


def _strip_nested(text: str, start: int, end: int) -> int:
    """Drop a trailing bracketed part and trailing spaces or punctuation: the end of the long form proper."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    if end > start and text[end - 1] == ")":
        depth = 0
        for k in range(end - 1, start - 1, -1):
            if text[k] == ")":
                depth += 1
            elif text[k] == "(":
                depth -= 1
                if depth == 0:
                    if text[start:k].strip():
                        end = k
                    break
        while end > start and text[end - 1].isspace():
            end -= 1
    return end


def find_definitions(text: str) -> list[Definition]:
    """Every abbreviation the text defines, in order of the short form's position."""
    found: dict[int, Definition] = {}
    if "(" in text:
        # long form (SF), long form (also known as SF)
        for m in _SHORT_IN_BRACKETS.finditer(text):
            short = m.group(1).rstrip(".-")
            if not is_short_form(short):
                continue
            span = _long_form_before(text, short, m.start())
            if span:
                s = m.start(1)
                found[s] = Definition(short, text[span[0]:span[1]], s, s + len(short), span[0], span[1])
        # SF (long form)
        for m in _CAPITAL_BEFORE_BRACKET.finditer(text):
            s = _token_start(text, m.start(1))
            if s < 0:
                continue
            short = text[s:m.end(1)]
            if s in found or not is_short_form(short):
                continue
            open_at = m.end() - 1
            close = matching_bracket(text, open_at)
            if close is None:
                continue
            lo, hi = open_at + 1, close
            cue = _LEADING_CUE.match(text, lo, hi)
            if cue:
                lo = cue.end()
            article = _ARTICLE.match(text, lo, hi)
            if article:
                lo = article.end()
            while lo < hi and text[lo].isspace():
                lo += 1
            hi = _strip_nested(text, lo, hi)
            content = text[lo:hi]
            if not content or is_short_form(content):
                continue
            start = best_long_form(short, content)
            # The long form must be the bracket's content from its first word (less a cue or article).
            if start != 0 or not _plausible_long_form(short, content):
                continue
            found[s] = Definition(short, content, s, s + len(short), lo, hi)
    # long form, also called SF
    if "called" in text or "known" in text or "abbreviated" in text:
        for m in _SHORT_AFTER_CUE.finditer(text):
            short = m.group(1).rstrip(".-")
            s = m.start(1)
            if s in found or not is_short_form(short):
                continue
            span = _long_form_before(text, short, m.start())
            if span:
                found[s] = Definition(short, text[span[0]:span[1]], s, s + len(short), span[0], span[1])
    return [found[k] for k in sorted(found)]


# -- candidates ---------------------------------------------------------------

def candidates(text: str, start: int = 0, end: int | None = None):
    """Yield (start, end, token) for every abbreviation in the text.

    Not: single capitals, reference numbers (PL326), Roman numerals (Part II,
    Stage IV; `IV` on its own may be intravenous), capitals used for emphasis
    (NOT, MUST), or words on a line of capitals (a heading or shouting).
    Tokens any reader knows are the caller's business.
    """
    end = len(text) if end is None else end
    headings: dict[int, bool] = {}
    for m in CANDIDATE.finditer(text, start, end):
        first = _token_start(text, m.start(), start)
        if first < 0:
            continue
        token = text[first:m.end()]
        if not shaped_like_abbreviation(token):
            continue
        if _ROMAN.fullmatch(token) and _roman_here(text, first, m.end(), token):
            continue
        if token.isalpha() and token.isupper() and _emphasis(token):
            continue
        line_start = text.rfind("\n", 0, first) + 1
        line_start = text.rfind("\x1e", line_start, first) + 1 or line_start
        heading = headings.get(line_start)
        if heading is None:
            heading = headings[line_start] = _capitals_line(text, line_start)
        if heading:
            continue
        yield first, m.end(), token


def _token_start(text: str, start: int, floor: int = 0) -> int:
    """Where a token found at its first capital starts: there, or one small letter before
    (eGFR), or -1 when it is joined to a word or symbol before it (atNHS, GOV.UK, #NHS)."""
    if start <= floor:
        return start
    prev = text[start - 1]
    if "a" <= prev <= "z":
        if start - 1 > floor:
            before = text[start - 2]
            if before.isalnum() or before in _JOINED:
                return -1
        return start - 1
    if prev.isalnum() or prev in _JOINED:
        return -1
    return start


def shaped_like_abbreviation(token: str) -> bool:
    """Capitals with at most short runs of small letters (HbA1c, SaaS, GmbH), not CamelCase names or codes."""
    size = len(token) - (token[-1] == "s")
    if size > MAX_LETTERS:
        return False  # EPOLLONESHOT, DOCTYPE, SAX2DOM: code constants and shouting, not abbreviations
    if token.isupper():  # capitals and digits only (the pattern saw two capitals): only a code is refused
        return not _CODE.fullmatch(token)
    letters = token.replace("&", "").replace("/", "")
    upper = sum(c.isupper() for c in letters)
    lower = sum(c.islower() for c in letters)
    if upper < 2 or lower > upper:
        return False
    if lower and any(len(run) > 2 for run in _LOWER_RUN.findall(letters)):
        return False
    if _CODE.fullmatch(token):
        return False
    return True


def _roman_here(text: str, start: int, end: int, token: str) -> bool:
    """Is this run of I, V and X a number here? Always, except `IV`, which is a number only after a word that
    numbers things (Stage IV, Part IV), a number or a name (Henry IV), at the start of a line or before a full
    stop or bracket (a list)."""
    if token != "IV":
        return True
    before = text[max(0, start - 40):start]
    m = _WORD_BEFORE.search(before)
    if m:
        word, previous = m.group(2), m.group(1)
        if word.isdigit() or word.lower() in _NUMBERED:
            return True
        sentence_start = previous is None or previous == "" or previous[-1] in ".!?:"
        if word[0].isupper() and word[1:].islower() and not sentence_start:
            return True  # after a name: Henry IV
    line_before = before.rsplit("\n", 1)[-1]
    if not line_before.strip(" \t(\x1e"):
        return True
    return text[end:end + 1] in (".", ")")


@lru_cache(maxsize=4096)
def _emphasis(token: str) -> bool:
    if len(token) == 2:
        return token in _SHOUTED_SHORT
    from .everyday import common_zipf

    if not any(c in "AEIOU" for c in token):
        return False  # BBC, NHS, CCTV: not a word said aloud, so not a word written in capitals
    threshold = EMPHASIS_ZIPF_LONG if len(token) >= 5 else EMPHASIS_ZIPF
    return common_zipf(token.lower()) >= threshold


_CAPS_WORD = re.compile(r"[A-Za-z]{2,}")


def _capitals_line(text: str, line_start: int) -> bool:
    """Is the line from `line_start` a heading or shouting in capitals? At least two words in capitals, three
    in four of its words, and one of them an everyday word (ANNUAL REPORT, not a list like ICB, CIP)."""
    line_end = text.find("\n", line_start)
    if line_end < 0:
        line_end = len(text)
    cut = text.find("\x1e", line_start, line_end)
    line = text[line_start:line_end if cut < 0 else cut]
    words = _CAPS_WORD.findall(line)
    capitals = sum(1 for w in words if w.isupper())
    return capitals >= 2 and capitals * 4 >= len(words) * 3 and any(len(w) > 3 and w.isupper() and _emphasis(w)
                                                                       for w in words)


# -- the known list -----------------------------------------------------------

KNOWN_PATH = Path(__file__).resolve().parent / "data" / "known_abbreviations.yaml"


class KnownListError(ValueError):
    pass


def load_known(path=KNOWN_PATH) -> dict[str, tuple[str, ...]]:
    """The known-abbreviations file: group name -> entries. Refuses anything but lists of strings."""
    from . import yamlsafe

    try:
        data = yamlsafe.load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yamlsafe.YamlError) as exc:
        raise KnownListError(f"{path}: {getattr(exc, 'message', exc)}") from None
    if not isinstance(data, dict):
        raise KnownListError(f"{path}: must be a mapping of group name to a list of abbreviations")
    out = {}
    for group, entries in data.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise KnownListError(f"{path}:{data.line_of(group)}: {group!r} must be a list of abbreviations")
        out[str(group)] = tuple(e.strip() for e in entries)
    return out


@lru_cache(maxsize=1)
def builtin_known() -> frozenset:
    return frozenset(e for entries in load_known().values() for e in entries)


@lru_cache(maxsize=1)
def legal_forms() -> frozenset:
    return frozenset(load_known().get("legal_forms", ()))
