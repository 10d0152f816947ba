"""Every finding on every fixture points at its own text: text == original[offset:end_offset],
and line and column (counted independently here) name the same place."""
import re
from pathlib import Path

import pytest

from jargonlint.api import Checker, Options
from jargonlint.decode import decode

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    p for p in [*(ROOT / "tests" / "fixtures").rglob("*"), *(ROOT / "examples").rglob("*")]
    if p.is_file() and p.suffix in {".md", ".txt", ".rst", ".html"}
)


def line_and_column(text, offset):
    before = text[:offset]
    starts = [m.end() for m in re.finditer(r"\r\n|\r|\n", before)]
    line_start = starts[-1] if starts else 0
    return len(starts) + 1, offset - line_start + 1


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_findings_point_at_their_text(path):
    result = Checker(Options()).check_file(str(path))
    assert result.error is None
    text = decode(path.read_bytes()).text
    for f in result.findings:
        assert text[f.offset:f.end_offset] == f.text
        assert (f.line, f.column) == line_and_column(text, f.offset)
        assert (f.end_line, f.end_column) == line_and_column(text, f.end_offset)


def test_unicode_tabs_crlf_and_bom_before_a_term(tmp_path):
    path = tmp_path / "doc.md"
    text = "\ufeff# Café 👩‍⚕️ plan\r\n\r\n**Über**\t😀😀 we leverage\r\nthe virement.\r\n"
    path.write_bytes(text.encode("utf-8"))
    result = Checker(Options()).check_file(str(path))
    body = text[1:]
    found = {f.text: (f.line, f.column, f.offset) for f in result.findings}
    assert body[found["leverage"][2]:found["leverage"][2] + 8] == "leverage"
    assert found["leverage"][:2] == (3, body.split("\r\n")[2].index("leverage") + 1)
    assert found["virement"][:2] == (4, 5)
