"""Plain text: everything is prose except directives, URLs and e-mail addresses.

Blank lines separate blocks (the mask keeps them, and a blank line is a
boundary by the reader contract). A line whose first non-space characters are
``jargonlint:`` is a suppression directive: it is masked whole and returned
as a comment whose body is the rest of the line, e.g. ``disable-next-line
virement``.
"""
from __future__ import annotations

import re

from . import Prose
from ._mask import blank, finish, mask_urls, prepare

_DIRECTIVE = re.compile(r"^[ \t]*(jargonlint:)([^\n]*)", re.MULTILINE)


def read_text(text: str) -> Prose:
    work = prepare(text)
    comments = []
    if "jargonlint:" in work:
        pieces = []
        last = 0
        for m in _DIRECTIVE.finditer(work):
            comments.append((m.start(1), m.group(2).strip()))
            pieces.append(work[last : m.start()])
            pieces.append(blank(m.group()))
            last = m.end()
        pieces.append(work[last:])
        work = "".join(pieces)
    work = mask_urls(work)
    return Prose(text, finish(text, work), tuple(comments))
