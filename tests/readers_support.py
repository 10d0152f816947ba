"""Helpers for the reader tests: looking at a mask the way the engine does."""
from __future__ import annotations

import bisect
import re
from pathlib import Path

from jargonlint.readers import BREAK, JOIN, Prose

FORMATS_DIR = Path(__file__).resolve().parent / "fixtures" / "formats"
JARGON = re.compile(r"(?i)\b(virement|utilise|leverage|myocardial|infarction|api)\b")
_LINE_END = re.compile(r"\r\n|\r|\n")


_BLANK_LINE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)")


def shown(prose: Prose) -> str:
    """The prose a reader keeps, as a person would read it.

    JOIN vanishes, a boundary (a BREAK or a blank line) shows as " ¶ ", and
    runs of white space become one space:
    ``shown(read_markdown("**un**usual `x`\n\nNext"))`` is ``"unusual ¶ Next"``.
    """
    text = _BLANK_LINE.sub(BREAK, prose.masked).replace(JOIN, "")
    parts = [" ".join(part.split()) for part in text.split(BREAK)]
    return " ¶ ".join(part for part in parts if part)


def view(prose: Prose) -> str:
    """The mask with JOIN as '~' and BREAK as '|', for exact comparisons."""
    return prose.masked.replace(JOIN, "~").replace(BREAK, "|")


def check_contract(prose: Prose, entities: bool = True) -> None:
    """What every reader promises, whatever its input.

    Same length; each character is kept, or becomes a space, JOIN or BREAK; a
    line ending stays a line ending (or becomes a BREAK); no character becomes
    a line ending. With ``entities``, the first character of an entity
    (``&``) may show the character the entity stands for.
    """
    text, masked = prose.text, prose.masked
    assert len(masked) == len(text)
    for i, (t, m) in enumerate(zip(text, masked)):
        if m == t or m in (" ", JOIN, BREAK):
            if t in "\r\n":
                assert m in (t, BREAK), f"line ending at {i} became {m!r}"
            continue
        if entities and t == "&":
            assert m not in "\r\n"
            continue
        raise AssertionError(f"offset {i}: {t!r} became {m!r}")
    assert "\x01" not in masked and "\x02" not in masked, "a reader's placeholder leaked"
    for offset, body in prose.comments:
        assert 0 <= offset < len(text)
        assert isinstance(body, str)


def position(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def offset_of(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    return starts[line - 1] + column - 1


def jargon_uses(prose: Prose) -> list[tuple[str, int, str]]:
    """('prose' or 'masked', offset, word) for each jargon word in the text.

    A word is prose if the mask keeps every character of it, masked if the
    mask keeps no letter of it; anything in between fails.
    """
    out = []
    for m in JARGON.finditer(prose.text):
        seg = prose.masked[m.start() : m.end()]
        if seg == m.group():
            out.append(("prose", m.start(), m.group()))
        elif not any(ch.isalnum() for ch in seg):
            out.append(("masked", m.start(), m.group()))
        else:
            raise AssertionError(f"{m.group()!r} at {m.start()} is half masked: {seg!r}")
    return out


def expected_uses(path: Path, text: str) -> list[tuple[str, int, str]]:
    """Read a ``.expected`` file of 'prose|masked LINE:COLUMN WORD' lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, where, word = line.split()
        ln, col = (int(x) for x in where.split(":"))
        offset = offset_of(text, ln, col)
        assert text[offset : offset + len(word)] == word, f"{path.name}: {line!r} does not point at {word!r}"
        out.append((kind, offset, word))
    return out


def prose_words(prose: Prose) -> list[tuple[int, str]]:
    """(offset, word) for each word the mask keeps, as the engine sees it:
    runs of non-space characters, joined across JOIN."""
    out = []
    for m in re.finditer(r"[^\s\x00\x1e]+(?:\x00+[^\s\x00\x1e]+)*", prose.masked):
        out.append((m.start(), m.group().replace(JOIN, "")))
    return out
