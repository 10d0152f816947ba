"""LSP positions <-> offsets into a text: the one place that converts them.

jargonlint's offsets count code points (Python ``str`` indices). The Language
Server Protocol counts a position's ``character`` in the code units of the
negotiated encoding: UTF-16 unless client and server agree otherwise, so an
emoji before a term counts as two. Lines end at ``\\n``, ``\\r\\n`` or ``\\r``
only (not at the other characters ``str.splitlines`` breaks on).

Conversion is per line: a position's column is measured on its own line,
never by encoding the whole text, so a 10 MB document costs one line index
(built in C-speed passes) plus the length of the lines actually touched.
"""
from __future__ import annotations

import bisect
import operator
import re
from itertools import accumulate

UTF16 = "utf-16"
UTF8 = "utf-8"
UTF32 = "utf-32"
ENCODINGS = (UTF16, UTF8, UTF32)

_LINE_END = re.compile(r"(\r\n|\r|\n)")
_HIGH_SURROGATES = range(0xD800, 0xDC00)


def units(text: str, encoding: str = UTF16) -> int:
    """The length of `text` in code units of `encoding`."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    raise ValueError(f"unknown position encoding {encoding!r}")


def column_of(line: str, count: int, encoding: str = UTF16) -> int:
    """The code point index in `line` that `count` code units reach.

    A count past the end of the line is the end of the line (as the protocol
    says); a count inside a character (half a surrogate pair, part of a UTF-8
    sequence) rounds down to the start of that character.
    """
    if count <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    if encoding == UTF16:
        data = line.encode("utf-16-le", "surrogatepass")
        if 2 * count >= len(data):
            return len(line)
        head = data[:2 * count].decode("utf-16-le", "surrogatepass")
        column = len(head)
        if head[-1:] and ord(head[-1]) in _HIGH_SURROGATES and line[column - 1] != head[-1]:
            column -= 1  # cut through a pair: stay before the character
        return column
    if encoding == UTF8:
        data = line.encode("utf-8", "surrogatepass")
        if count >= len(data):
            return len(line)
        for trim in range(4):  # a UTF-8 character is at most four bytes
            try:
                return len(data[:count - trim].decode("utf-8", "surrogatepass"))
            except UnicodeDecodeError:
                continue
        return 0  # pragma: no cover - four trims always reach a character boundary
    raise ValueError(f"unknown position encoding {encoding!r}")


class Positions:
    """Line index of one text: offsets to LSP (line, character) and back.

    The index is built on first use. Build one per version of a text and
    drop it when the text changes.
    """

    __slots__ = ("text", "_starts")

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Offset of the first character of every line (at least one line)."""
        if self._starts is None:
            if "\r" not in self.text:
                pieces = self.text.split("\n")
                ends = accumulate(map(len, pieces[:-1]))
                # a line starts after the previous ones' text and one "\n" each
                self._starts = [0, *map(operator.add, ends, range(1, len(pieces)))]
            else:
                pieces = _LINE_END.split(self.text)  # text, ending, text, ending, ..., text
                ends = list(accumulate(map(len, pieces)))
                self._starts = [0, *ends[1::2]]
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_bounds(self, line: int) -> tuple[int, int]:
        """(start, end) offsets of a 0-based line, without its line ending."""
        starts = self.starts
        start = starts[line]
        if line + 1 < len(starts):
            end = starts[line + 1]
            if self.text[end - 1] == "\n":
                end -= 2 if end - 2 >= start and self.text[end - 2] == "\r" else 1
            else:
                end -= 1  # a lone "\r"
        else:
            end = len(self.text)
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_bounds(line)
        return self.text[start:end]

    def line_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """0-based (line, character) of a code point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start, end = self.line_bounds(line)
        return line, units(self.text[start:min(offset, end)], encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """The code point offset of an LSP position, clamped as the protocol says.

        A line past the last one is the end of the text; a character past the
        end of its line is the end of that line.
        """
        if line < 0:
            return 0
        if line >= self.line_count:
            return len(self.text)
        start, end = self.line_bounds(line)
        if character <= 0:
            return start
        return start + column_of(self.text[start:end], character, encoding)

    def range(self, offset: int, end_offset: int, encoding: str = UTF16) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.position(offset, encoding), self.position(end_offset, encoding)

