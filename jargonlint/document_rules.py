"""Rules that read the whole document, after the glossary matches.

Abbreviations and terms the document defines, abbreviations it never
defines, and rare words no glossary knows (issue 7) plug in here.
"""
from __future__ import annotations


def apply(linter, prose, index, findings, path):
    """Return the findings with document-level rules applied (sorted by offset)."""
    return sorted(findings, key=lambda f: (f.offset, f.end_offset))
