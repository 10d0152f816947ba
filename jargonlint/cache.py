"""On-disk caches: compiled glossaries and the findings of unchanged files.

Entries are pickles named by a hash of everything that shapes them, including
a fingerprint of jargonlint's own source, so a changed glossary, config, file
or program never reads a stale entry. Writes are atomic; any failure to read
or write just means the work is done again. Entries left behind by older
versions and files are pruned (see `prune`), so the folder does not grow
without bound.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import time
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path


def enabled(kind: str) -> bool:
    """JARGONLINT_NO_CACHE=1 turns every cache off; =results only the findings cache."""
    off = os.environ.get("JARGONLINT_NO_CACHE", "")
    return not off or (off == "results" and kind != "results")


def cache_dir() -> Path:
    base = os.environ.get("JARGONLINT_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jargonlint"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Versions of what shapes results, and the size and mtime of jargonlint's own files."""
    parts = []
    for dist in ("jargonlint", "spacy", "lemminflect", "pyahocorasick", "wordfreq"):
        try:
            parts.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            parts.append("-")
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):  # code and package data (known abbreviations, ...)
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        stat = path.stat()
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def key(*parts: bytes | str) -> str:
    digest = hashlib.sha256(fingerprint().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:40]


def _path(kind: str, name: str) -> Path:
    return cache_dir() / kind / name[:2] / f"{name}.pickle"


def load(kind: str, name: str):
    """The cached object, or None."""
    if not enabled(kind):
        return None
    path = _path(kind, name)
    try:
        with open(path, "rb") as f:
            with no_gc():  # unpickling makes many objects: the cycle collector would run many times for nothing
                value = pickle.load(f)
    except Exception:  # missing, stale or damaged
        return None
    try:
        os.utime(path)  # used now: pruning goes by last use
    except OSError:
        pass
    return value


@contextmanager
def no_gc():
    """Pause the cycle collector while many long-lived objects are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def store(kind: str, name: str, value) -> None:
    if not enabled(kind):
        return
    path = _path(kind, name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        prune(kind)
    except OSError:
        pass  # a read-only home is no reason to fail


# Old entries are never read again (a new jargonlint, glossary or file version
# gets a new name), so they are removed: of each kind, the entries beyond the
# most recently used KEEP, and any entry unused for MAX_AGE_DAYS.
KEEP = {"glossaries": 32, "wordlists": 4, "results": 100_000}
MAX_AGE_DAYS = 30


def prune(kind: str, now: float | None = None) -> None:
    """Remove old entries of a kind; findings (many small files) at most once a day."""
    now = time.time() if now is None else now
    root = cache_dir() / kind
    if kind == "results":
        marker = root / ".pruned"
        try:
            if now - marker.stat().st_mtime < 86_400:
                return
        except OSError:
            pass
        marker.touch()
    entries = []
    for path in root.glob("*/*.pickle"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue  # removed meanwhile
    entries.sort(reverse=True)
    oldest = now - MAX_AGE_DAYS * 86_400
    for n, (used, path) in enumerate(entries):
        if n >= KEEP.get(kind, 100) or used < oldest:
            path.unlink(missing_ok=True)
