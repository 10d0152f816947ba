"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=13,title=jargonlint [utilise]::'utilised' is ...

Values are escaped as the runner expects: ``%``, ``\\r`` and ``\\n`` in the
message; those and ``:`` and ``,`` in properties. Columns are given only for
a finding on one line (GitHub ignores them otherwise) and count characters.
Info and hint findings become notices. Files that could not be checked
become error annotations on the file.
"""
from __future__ import annotations

import os
from pathlib import Path

LEVELS = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{level}{' ' + props if props else ''}::{escape_data(message)}"


def render(results, context) -> str:
    base = Path(os.path.abspath(context.cwd))
    lines = []
    for result in results:
        name = _relative(result.path, base)
        if result.error:
            lines.append(command("error", f"jargonlint could not check this file: {result.error}",
                                 file=name, title="jargonlint"))
        for f in result.findings:
            where = {"line": None, "col": None, "endLine": None, "endColumn": None}
            if result.format != "docx":
                where["line"], where["endLine"] = f.line, f.end_line
                if f.line == f.end_line:
                    where["col"], where["endColumn"] = f.column, f.end_column
            message = f.message + (f" ({f.location})" if f.location else "")
            if f.explanation:
                message += "\n" + f.explanation
            lines.append(command(LEVELS.get(f.severity, "warning"), message, file=name,
                                 line=where["line"], col=where["col"], endLine=where["endLine"],
                                 endColumn=where["endColumn"], title=f"jargonlint [{f.term_id}]"))
    return "".join(line + "\n" for line in lines)


def _relative(path: str, base: Path) -> str:
    """Paths relative to the working folder (the repository root in a workflow)."""
    if path.startswith("<"):
        return path
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return full.as_posix()
