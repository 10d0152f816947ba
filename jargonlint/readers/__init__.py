"""Readers turn a file's text into the prose that gets checked.

A reader never moves text. It returns a *masked* copy of the same length, in
which every character that is not prose (code, markup, URLs, front matter) is
replaced, so an offset into the mask is an offset into the original file:

- a space (or the original newline) where the non-prose separates words;
- ``JOIN`` where it sits inside a word and must vanish (``**un**usual``, the
  tail of an HTML entity whose decoded character stands at its first place);
- ``BREAK`` at a boundary no term may cross (table cells, headings, list items).
  A blank line is a boundary too.

Comments are returned separately so suppression directives work in each
markup's own comment syntax.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

JOIN = "\x00"
BREAK = "\x1e"


@dataclass(frozen=True)
class Prose:
    text: str  # the document's text; offsets refer to it
    masked: str  # same length as text
    comments: tuple[tuple[int, str], ...] = ()  # (offset in text, comment body)
    # For formats with no text source (.docx): what a line means, for people.
    locations: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self):
        if len(self.masked) != len(self.text):
            raise ValueError("a reader must keep the text's length")


class ReadError(Exception):
    """A file that cannot be read as a document (corrupt, encrypted, binary)."""


# The registry. The readers import what is above, so they come last.
from .html import read_html  # noqa: E402
from .markdown import read_markdown  # noqa: E402
from .plain import read_text  # noqa: E402
from .rst import read_rst  # noqa: E402
from .docx import read_docx  # noqa: E402

# Readers of text, by format name. Word documents are read from bytes by
# ``read_docx`` and are named "docx" here but have no entry in FORMATS.
FORMATS = {
    "markdown": read_markdown,
    "html": read_html,
    "rst": read_rst,
    "text": read_text,
}
BINARY_FORMATS = {"docx": read_docx}

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
    ".rst": "rst",
    ".rest": "rst",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}

# What ``--type`` accepts besides the format names themselves.
_ALIASES = {"md": "markdown", "txt": "text", "plain": "text", "restructuredtext": "rst", "htm": "html", "word": "docx"}


def format_for(path, forced: str | None = None) -> str:
    """The format name for ``path``: ``forced`` if given, else by extension.

    Unknown extensions (and standard input, ``-``) are plain text. A forced
    name that is not a format raises ValueError naming the choices.
    """
    if forced:
        name = forced.strip().lower()
        name = _ALIASES.get(name, name)
        if name not in FORMATS and name not in BINARY_FORMATS:
            choices = ", ".join(sorted([*FORMATS, *BINARY_FORMATS]))
            raise ValueError(f"unknown document type {forced!r} (choose from {choices})")
        return name
    ext = os.path.splitext(os.fspath(path))[1].lower()
    return EXTENSIONS.get(ext, "text")
