"""Helpers the readers share to build a mask without moving text.

Every reader works on a *work* copy of the text that has the same length:
CRLF becomes ``" \\n"`` and a lone CR becomes ``"\\n"``, so patterns only have
to know ``\\n``; characters the mask uses as signals (NUL, SOH, STX and the
record separator) become spaces. A reader rewrites stretches of the work copy
in passes, each pass seeing what earlier passes left as prose. ``finish`` then
turns the work copy into the mask: it puts the original line endings back,
writes decoded characters where entities and escapes were, and resolves
``SOFT``, the marker for syntax that joins a word if it stands inside one
(``un*usual*``) and separates words otherwise.
"""
from __future__ import annotations

import html
import re
from html.entities import html5

from . import BREAK, JOIN

SOFT = "\x01"  # becomes JOIN between two word characters, a space elsewhere
HOLD = "\x02"  # placeholder for a decoded or escaped character (see Fixups)

_SIGNALS = re.compile("[\x00\x01\x02\x1e]")
# A run of JOIN and SOFT between two word characters. (Patterns that run over
# whole documents start with a literal character so that the regex engine can
# skip ahead to it; assertions come after.)
_SOFT_RUN = re.compile(r"[\x00\x01](?<=\w[\x00\x01])[\x00\x01]*(?=\w)")

# A long run of punctuation, symbols or emoji is never prose, and spaCy's
# tokenizer strips such a run one character at a time, searching the whole
# rest of the run each time: quadratic. 8,000 brackets took 4 seconds and a
# 10 MB line of them would never finish. ``finish`` blanks such runs.
# A word of more than LONG_WORD characters with no space in it (minified code,
# an encoded blob, a 1 MB line of letters) is not prose either; spaCy refuses
# a text of over a million characters, so such a word would stop the check.
# Both patterns only start where a run starts, so a long run is scanned once.
NOISE_RUN = 64
LONG_WORD = 10_000
_NOISE = re.compile(r"(?<![^\w\s\x00\x1e])(?<!_)(?:[^\w\s\x00\x1e]|_){%d,}" % NOISE_RUN)
_LONG = re.compile(r"(?<![^\s\x1e])[^\s\x1e]{%d,}" % LONG_WORD)
# Both kinds of run lie inside a run of NOISE_RUN or more characters without
# space (\s includes \x1e), which one quick pass finds; only those are searched.
_CHUNK = re.compile(r"\S{%d,}" % NOISE_RUN)

# Invisible format characters typed straight into the text: zero-width space,
# joiners, direction marks and embeddings, the word joiner, a byte-order mark
# left in the middle of a file, variation selectors. A reader sees
# "\u200butilise" or "uti\u00adlise" as "utilise", so the mask makes them
# vanish inside a word and separate words elsewhere (SOFT), instead of hiding
# the word from the matcher.
_INVISIBLE_RUN = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff]+")

# Characters that vanish inside a word when decoded from an entity.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def prepare(text: str) -> str:
    """The work copy: same length, ``\\n`` line endings, no signal characters."""
    if _SIGNALS.search(text):
        text = _SIGNALS.sub(" ", text)
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return text


_TO_SPACE = {i: " " for i in range(128) if i != 10}
_TO_SOFT = {i: SOFT for i in range(128) if i != 10}


def blank(s: str) -> str:
    """Spaces in place of ``s``, keeping its newlines."""
    if "\n" not in s:
        return " " * len(s)
    if s.isascii():
        return s.translate(_TO_SPACE)
    return "\n".join([" " * len(part) for part in s.split("\n")])


def soft(s: str) -> str:
    """SOFT in place of ``s`` (join inside a word, space elsewhere), keeping newlines."""
    if "\n" not in s:
        return SOFT * len(s)
    if s.isascii():
        return s.translate(_TO_SOFT)
    return "\n".join([SOFT * len(part) for part in s.split("\n")])


def brk(s: str) -> str:
    """BREAK at the first character of ``s`` and spaces for the rest."""
    if not s:
        return s
    if s[0] == "\n":
        return "\n" + brk(s[1:])
    return BREAK + blank(s[1:])


class Fixups(list):
    """Characters to write into the mask where the work copy holds ``HOLD``.

    Decoded entities and escaped punctuation must not look like markup to a
    later pass (``&lt;`` is not the start of a tag), so the work copy holds a
    neutral placeholder and this list remembers the real character. A later
    pass that masks the place wins: the fix applies only if ``HOLD`` is still
    there.
    """

    def put(self, start: int, decoded: str) -> str:
        """Return the work copy's text for ``decoded`` placed at ``start``."""
        out = []
        for i, ch in enumerate(decoded):
            if ch.isalnum() or ch in " \t\x00":
                out.append(ch)
            else:
                out.append(HOLD)
                self.append((start + i, ch))
        return "".join(out)


def decode_entity(entity: str, semicolon_required: bool = True) -> str | None:
    """What an entity shows, padded with JOIN to the entity's length.

    ``&amp;`` -> ``"&" + JOIN * 4``. None if ``entity`` is not one.
    """
    if entity[1] == "#":
        if not any(ch.isalnum() for ch in entity[2:]):
            return None
        # As HTML5 decodes them: &#128; is the euro sign, &#0; U+FFFD.
        decoded = html.unescape(entity if entity.endswith(";") else entity + ";") or " "
    else:
        name = entity[1:]
        if semicolon_required and not name.endswith(";"):
            return None
        decoded = html5.get(name)
        if decoded is None:
            return None
    decoded = "".join(_shown(ch) for ch in decoded)
    if len(decoded) > len(entity):  # cannot happen with the HTML5 table
        return None
    return decoded + JOIN * (len(entity) - len(decoded))


def _shown(ch: str) -> str:
    if ch in _INVISIBLE:
        return JOIN
    if ch == "\xa0" or ch < " " or ch == "\x7f":
        return " "
    return ch


def finish(text: str, work: str, fixups: Fixups = ()) -> str:
    """Turn the final work copy into the mask of ``text``."""
    if fixups:
        pieces = []
        last = 0
        for pos, ch in sorted(fixups):
            if work[pos] == HOLD:
                pieces.append(work[last:pos])
                pieces.append(ch)
                last = pos + 1
        pieces.append(work[last:])
        work = "".join(pieces)
    if HOLD in work:  # a placeholder whose fix was dropped: show nothing there
        work = work.replace(HOLD, " ")
    if _INVISIBLE_RUN.search(work):
        work = _INVISIBLE_RUN.sub(lambda m: SOFT * len(m.group()), work)
    if SOFT in work:
        work = _SOFT_RUN.sub(lambda m: JOIN * len(m.group()), work)
        work = work.replace(SOFT, " ")
    work = _blank_long_runs(work)
    if "\r" in text:
        work = _restore_cr(text, work)
    return work


def _blank_long_runs(work: str) -> str:
    """Blank runs of noise, then words longer than LONG_WORD."""
    chunks = [m.span() for m in _CHUNK.finditer(work)]
    for pattern, min_size, blanked in ((_NOISE, NOISE_RUN, lambda run: " " * len(run)), (_LONG, LONG_WORD, blank)):
        pieces, last = [], 0
        for start, end in chunks:
            if end - start < min_size:
                continue
            for m in pattern.finditer(work, start, end):
                pieces += [work[last:m.start()], blanked(m.group())]
                last = m.end()
        if pieces:
            work = "".join(pieces) + work[last:]
    return work


def _restore_cr(text: str, work: str) -> str:
    """Put CR back where the text has one and the mask kept its place blank."""
    pieces = []
    pos = 0
    for part in text.split("\r")[:-1]:
        end = pos + len(part)
        pieces.append(work[pos:end])
        pieces.append("\r" if work[end] in " \n" else work[end])
        pos = end + 1
    pieces.append(work[pos:])
    return "".join(pieces)


def splice(work: str, edits: list) -> str:
    """Apply ``(start, end, replacement)`` edits, sorted, non-overlapping."""
    if not edits:
        return work
    pieces = []
    last = 0
    for start, end, repl in edits:
        if start < last:  # overlaps an earlier edit: keep the earlier one
            continue
        pieces.append(work[last:start])
        pieces.append(repl)
        last = end
    pieces.append(work[last:])
    return "".join(pieces)


# Bare URLs and e-mail addresses, for every format. Found from a literal hint
# ("://", "www.", "mailto:", "@") and grown from there, which is much faster
# than trying a URL pattern at every character of a large document.
_URL_HINT = re.compile(r"://|www\.|mailto:|@")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}\Z")
_URL_BODY = re.compile(r"[^\s<>\"\x1e]*")
_EMAIL_LOCAL = re.compile(r"[\w+-][\w.+-]{0,63}\Z")
_EMAIL_DOMAIN = re.compile(r"[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[A-Za-z]{2,}\b")
_URL_TRAILING = ".,:;!?*_~'\"\x00\x01\x02>"


def url_end(work: str, start: int, end: int) -> int:
    """Where a bare URL found in ``work[start:end]`` ends, GFM style.

    Trailing punctuation is not part of it, and nor is a closing bracket that
    has no opening partner inside the URL.
    """
    while end > start:
        ch = work[end - 1]
        if ch in _URL_TRAILING:
            end -= 1
        elif ch == ")" and work.count("(", start, end) < work.count(")", start, end):
            end -= 1
        elif ch == "]" and work.count("[", start, end) < work.count("]", start, end):
            end -= 1
        else:
            break
    return end


def url_spans(work: str):
    """(start, end) of each bare URL and e-mail address, in order."""
    last = 0
    for m in _URL_HINT.finditer(work):
        p = m.start()
        if p < last:
            continue
        hint = m.group()
        if hint == "@":
            domain = _EMAIL_DOMAIN.match(work, p + 1)
            if not domain:
                continue
            local = _EMAIL_LOCAL.search(work, max(last, p - 64), p)
            if not local:
                continue
            start, end = local.start(), domain.end()
        else:
            start = p
            if hint == "://":
                scheme = _SCHEME.search(work, max(last, p - 16), p)
                if scheme:
                    start = scheme.start()
            elif hint == "www." and p > 0 and (work[p - 1].isalnum() or work[p - 1] in "._-/"):
                continue
            end = url_end(work, start, _URL_BODY.match(work, m.end()).end())
            if end <= m.end():
                continue
        yield start, end
        last = end


def mask_urls(work: str) -> str:
    """Blank bare URLs and e-mail addresses."""
    return splice(work, [(s, e, " " * (e - s)) for s, e in url_spans(work)])
