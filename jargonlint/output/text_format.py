"""`path:line:col: severity [term-id] message`, coloured on a terminal, then a summary line."""
from __future__ import annotations

from . import summary

_COLOURS = {"error": "31", "warning": "33", "info": "36", "hint": "2"}


def _paint(text, code, on):
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def render(results, context) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            where = _paint(f"{f.path}:{f.line}:{f.column}:", "1", context.color)
            level = _paint(f.severity, _COLOURS.get(f.severity, "0"), context.color)
            rule = _paint(f"[{f.term_id}]", "2", context.color)
            extra = f" ({f.location})" if f.location else ""
            lines.append(f"{where} {level} {rule} {f.message}{extra}")
    s = summary(results)
    checked = s["files"] - s["errors"] - s["skipped"]
    if s["findings"]:
        parts = [f"{n} {level}{'s' if n != 1 else ''}" for level, n in s["by_severity"].items() if n]
        files = s["files_with_findings"]
        line = (f"Found {s['findings']} jargon finding{'s' if s['findings'] != 1 else ''} "
                f"({', '.join(parts)}) in {files} file{'s' if files != 1 else ''} of {checked} checked")
    else:
        line = f"No jargon found in {_files(checked)} checked"
    extra = [f"{s['errors']} could not be checked" if s["errors"] else "", f"{s['skipped']} skipped" if s["skipped"] else ""]
    extra = [e for e in extra if e]
    lines.append(line + (f"; {', '.join(extra)}" if extra else "") + ".")
    return "\n".join(lines) + "\n"


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"
