"""The library API the command line, the hook and the language server stand on."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from . import cache
from .config import Config, ConfigError, ConfigFinder, load_config_file
from .engine import SPLIT_CHARS, linter_for
from .files import Document, Skip, discover, load_document, matches_any, read_bytes
from .findings import FileResult, Finding
from .glossary import GlossaryError
from .readers import FORMATS, ReadError, format_for

LintError = (ConfigError, GlossaryError)


def _as_config(config) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return load_config_file(config)


def lint_text(text: str, audience: str | None = None, config: Config | str | None = None,
              format: str = "text", path: str = "<text>") -> list[Finding]:
    """Check a string of `format` (text, markdown, html, rst) and return its findings."""
    cfg = _as_config(config).with_overrides(audience=audience)
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; known: {', '.join(sorted(FORMATS))}")
    return linter_for(cfg).check(FORMATS[format](text), path, format)


def lint_paths(paths, audience: str | None = None, config: str | None = None, jobs: int = 1) -> list[FileResult]:
    """Check files and folders; each file under the config found for it (or `config`, a file path)."""
    return list(check_paths(paths, Options(audience=audience, config=config), jobs=jobs))


@dataclass(frozen=True)
class Options:
    """What the command line (or a caller) sets over each file's config."""

    audience: str | None = None
    config: str | None = None  # an explicit config file: no upward search
    format: str | None = None  # force the document type
    fail_on: str | None = None
    extra_glossaries: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    defined_terms: str | None = None
    abbreviations: bool | None = None
    unknown_words: bool | None = None
    full: bool = False  # the reference path: spaCy on every passage (slow; for tests)

    def apply(self, config: Config) -> Config:
        config = config.with_overrides(
            audience=self.audience, fail_on=self.fail_on, defined_terms=self.defined_terms,
            abbreviations=self.abbreviations, unknown_words=self.unknown_words)
        if self.extra_glossaries or self.allow:
            config = config.with_overrides(
                extra_glossaries=config.extra_glossaries + tuple(os.path.abspath(p) for p in self.extra_glossaries),
                allow=config.allow + self.allow)
        return config


class Checker:
    """Checks files, each under the config that governs it."""

    def __init__(self, options: Options = Options()):
        self.options = options
        self.finder = ConfigFinder(options.config)
        self.split = None  # set while worker processes can check slices of a long document

    def config_for(self, path: str) -> Config:
        return self.options.apply(self.finder.for_path(path))

    def excluded(self, path: str) -> bool:
        if matches_any(path, self.options.exclude, Path.cwd()):
            return True
        try:
            config = self.finder.for_path(path)
        except LintError:
            return False  # reported when the file is checked
        return matches_any(path, config.exclude, config.root)

    def paths(self, paths):
        return discover(paths, self.excluded)

    def check_document(self, document: Document) -> FileResult:
        return self._begin_document(document)()

    def _begin_document(self, document: Document):
        config = self.config_for(document.path)
        split = None
        if self.split is not None:
            split = partial(self.split, document.path)
        finish = linter_for(config).begin(document.prose, document.path, document.format, self.options.full, split)
        return lambda: FileResult(document.path, tuple(finish()), format=document.format)

    def _cache_name(self, path: str, data: bytes) -> str | None:
        if self.options.full:
            return None
        return cache.key("results", linter_for(self.config_for(path)).key, format_for(path, self.options.format), data)

    def cached(self, path: str) -> FileResult | None:
        """The findings of a file checked before, unchanged since, or None."""
        try:
            name = self._cache_name(path, read_bytes(path))
        except (ReadError, *LintError):
            return None
        found = cache.load("results", name) if name else None
        return None if found is None else self._from_cache(path, found)

    def _from_cache(self, path: str, findings) -> FileResult:
        return FileResult(path, tuple(replace(f, path=path) for f in findings), format=format_for(path, self.options.format))

    def check_bytes(self, path: str, data: bytes) -> FileResult:
        """Check a file's bytes; findings for bytes checked before come from the results cache."""
        return self._begin_bytes(path, data)()

    def check_file(self, path: str) -> FileResult:
        return self.begin_file(path)()

    def begin_file(self, path: str):
        """Start checking a file; return the function that finishes it and returns its FileResult."""
        try:
            data = read_bytes(path)
        except ReadError as exc:
            return _done(FileResult(path, error=str(exc)))
        try:
            finish = self._begin_bytes(path, data)
        except LintError as exc:
            return _done(FileResult(path, error=str(exc)))

        def finish_file():
            try:
                return finish()
            except LintError as exc:
                return FileResult(path, error=str(exc))

        return finish_file

    def _begin_bytes(self, path: str, data: bytes):
        name = self._cache_name(path, data)
        cached = cache.load("results", name) if name else None
        if cached is not None:
            return _done(self._from_cache(path, cached))
        try:
            document = load_document(path, data, self.options.format)
        except Skip as note:
            return _done(FileResult(path, note=str(note)))
        except ReadError as exc:
            return _done(FileResult(path, error=str(exc)))
        finish = self._begin_document(document)

        def finish_and_store():
            result = finish()
            if name:
                cache.store("results", name, result.findings)
            return result

        return finish_and_store


def _done(result: FileResult):
    return lambda: result


def _worker_checker(options: Options) -> Checker:
    checker = _WORKER_CHECKERS.get(options)
    if checker is None:
        checker = _WORKER_CHECKERS[options] = Checker(options)
    return checker


def _worker_hits(args):
    options, path, text = args
    return linter_for(_worker_checker(options).config_for(path)).hits(text)


def _worker_start(options, path):
    """Load spaCy and the glossaries before the workers are forked."""
    try:
        linter_for(_worker_checker(options).config_for(path)).warm_up()
    except LintError:
        pass  # reported when the file is checked


_WORKER_CHECKERS: dict[Options, Checker] = {}  # one Checker per options in each worker process


def check_paths(paths, options: Options = Options(), jobs: int = 1, stdin: bytes | None = None,
                stdin_filename: str = "<stdin>"):
    """Yield a FileResult for every file under `paths`, in order; `-` reads `stdin`."""
    checker = Checker(options)
    items = list(checker.paths(paths))
    todo = [p for p, error in items if error is None and p != "-"]
    results = {}
    if jobs > 1 and todo and _fork_available():
        # Files checked before need no worker (nor spaCy): only the rest go to the pool.
        results = {p: r for p in todo if (r := checker.cached(p)) is not None}
        misses = [p for p in todo if p not in results]
        if len(misses) > 1 or any(is_long(p) for p in misses):
            results.update(_parallel(checker, misses, jobs))
    for path, error in items:
        if error:
            yield FileResult(path, error=error)
        elif path == "-":
            try:
                result = checker.check_bytes(stdin_filename, stdin or b"")
            except LintError as exc:
                yield FileResult(stdin_filename, error=str(exc))
            else:  # standard input can't be read again, so its text rides along for formats that need it
                yield replace(result, extras={**result.extras, "text": _text_of(stdin or b"")})
        else:
            yield results.pop(path) if path in results else checker.check_file(path)


def _text_of(data: bytes) -> str | None:
    from .decode import decode

    try:
        return decode(data).text
    except ReadError:
        return None


def _fork_available() -> bool:
    from .workers import fork_available  # (multiprocessing is imported only for parallel runs)

    return fork_available()


def is_long(path: str) -> bool:
    """Is this file long enough to be worth checking in slices, in parallel?"""
    return _size(path) >= SPLIT_CHARS


def _parallel(checker, paths, jobs):
    """{path: result}. Files are read and prepared here while a worker looks for the terms in each
    (a long file in slices, spread over the workers); the findings are finished here."""
    from .workers import WarmPool

    options = checker.options
    try:  # load the glossaries once, here, so every forked process starts with them
        linter_for(checker.config_for(paths[0]))
    except LintError:
        pass
    results, pending, pending_bytes = {}, [], 0
    # Workers return hits, never spaCy objects.
    with WarmPool(jobs, _worker_start, (options, paths[0])) as pool:
        checker.split = lambda path, texts: pool.map(_worker_hits, [(options, path, t) for t in texts])
        try:
            for path in paths:
                size = _size(path)
                pending.append((path, size, checker.begin_file(path)))
                pending_bytes += size
                while pending and (pending_bytes > PENDING_BYTES or len(pending) > PENDING_FILES):
                    done, size, finish = pending.pop(0)
                    results[done] = finish()
                    pending_bytes -= size
            results.update((path, finish()) for path, _, finish in pending)
        finally:
            checker.split = None
    return results


PENDING_BYTES = 64_000_000  # how much text may wait in memory for its workers' hits
PENDING_FILES = 256


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
