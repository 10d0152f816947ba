"""Finding the files to check and reading them into prose."""
from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .readers import FORMATS, EXTENSIONS, Prose, ReadError, format_for

DEFAULT_EXTENSIONS = frozenset(EXTENSIONS)
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", "build", "dist", "_build",
})
MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    path: str
    format: str
    prose: Prose
    encoding: str | None = None  # None for .docx
    bom: bool = False


class Skip(Exception):
    """A file passed over on purpose (binary, say): a note, not an error."""


def discover(paths, excluded=lambda path: False):
    """Yield (path, error) for every file to check under the given paths, in a stable order.

    Folders are walked without following links to folders (so link loops
    cannot trap us), skipping version-control and tool folders, and taking
    only the document types jargonlint reads. Files named directly are always
    taken. A missing path yields an error and the walk goes on.
    """
    seen = set()
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, excluded):
                key = os.path.realpath(found)
                if key not in seen:
                    seen.add(key)
                    yield found, None
        elif path.exists() or path.is_symlink():
            if not path.exists():
                yield str(path), "broken symbolic link"
            else:
                yield str(path), None
        else:
            yield str(path), "no such file or folder"


def _walk(root: Path, excluded):
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not excluded(os.path.join(folder, d)))
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in DEFAULT_EXTENSIONS:
                full = os.path.join(folder, name)
                if not excluded(full) and not name.startswith("~$") and _regular_or_gone(full):
                    yield full  # (not Word's lock files)


def _regular_or_gone(path: str) -> bool:
    """Take a file found in a folder only if it is a regular file (or cannot be looked at).

    A named pipe, socket or device with a document's name would block the read
    forever or never end; one named on the command line is still read. A file
    that cannot be looked at (a broken link, deleted meanwhile) is taken, so
    reading it reports why.
    """
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def matches_any(path: str, patterns, root: Path) -> bool:
    """Does a path match a glob, relative to root, or by any of its names?"""
    if not patterns:
        return False
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    parts = rel.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
            return True
        if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadError("broken symbolic link") from None
        raise ReadError("no such file (deleted while checking?)") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def load_document(path: str, data: bytes, forced: str | None = None) -> Document:
    """Decode and read a file's bytes into prose, by its type."""
    from .decode import decode, is_binary

    fmt = format_for(path, forced)
    if fmt == "docx":
        from .readers.docx import read_docx

        return Document(path, fmt, read_docx(data))
    if is_binary(data):
        raise Skip("binary file skipped")
    decoded = decode(data)
    return Document(path, fmt, FORMATS[fmt](decoded.text), decoded.encoding, decoded.bom)
