"""Turning a text file's bytes into text, and back.

UTF-8 with or without a byte-order mark; UTF-16 and UTF-32 with one; and
Windows-1252, still common in files saved on council and NHS desktops. Line
endings are left exactly as they are (no newline translation), so offsets
into the text are offsets a fixer can write back through ``encode``.

Bytes that are none of these raise ``ReadError`` rather than being guessed
at: a wrong guess would turn into wrong matches.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .readers import ReadError

__all__ = ["Decoded", "decode", "encode", "is_binary", "ReadError"]

# Control characters that do not occur in text (tab, newline, form feed and
# carriage return do).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {name: bom for bom, name in _BOMS}


@dataclass(frozen=True)
class Decoded:
    text: str  # without the byte-order mark
    encoding: str  # "utf-8", "cp1252", "utf-16-le", "utf-16-be", "utf-32-le" or "utf-32-be"
    bom: bool  # the file starts with a byte-order mark (write it back)


def _bom(data: bytes):
    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return None, None


def is_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KB, unless a UTF-16 or UTF-32 mark explains it."""
    bom, name = _bom(data)
    if name and name != "utf-8":
        return False
    return b"\x00" in data[:8192]


def decode(data: bytes) -> Decoded:
    """The text in ``data``; ReadError if it is not text in a known encoding."""
    bom, name = _bom(data)
    if name:
        try:
            text = data[len(bom) :].decode(name)
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid {name.upper()} text after its byte-order mark ({exc.reason} at byte {exc.start + len(bom)})") from None
        return Decoded(text, name, True)
    if b"\x00" in data:
        raise ReadError("not UTF-8 or Windows-1252 text (it contains NUL bytes: a binary file?)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ReadError("not UTF-8 or Windows-1252 text") from None
    if _CONTROL.search(text):
        raise ReadError("not UTF-8 or Windows-1252 text")
    return Decoded(text, "cp1252", False)


def encode(text: str, encoding: str, bom: bool = False) -> bytes:
    """The bytes to write for ``text``: the inverse of ``decode``.

    Raises ValueError if ``text`` has a character the encoding cannot hold
    (a fix that put one into a Windows-1252 file).
    """
    try:
        body = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"cannot write {text[exc.start:exc.end]!r} in {encoding}; save the file as UTF-8 first"
        ) from None
    if bom:
        mark = _BOM_OF.get(encoding)
        if mark is None:
            raise ValueError(f"{encoding} has no byte-order mark")
        return mark + body
    return body
