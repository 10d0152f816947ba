"""The library API the command line, the hook and the language server stand on."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import cache
from .config import Config, ConfigError, ConfigFinder, load_config_file
from .engine import linter_for
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
        config = self.config_for(document.path)
        findings = linter_for(config).check(document.prose, document.path, document.format, self.options.full)
        return FileResult(document.path, tuple(findings), format=document.format)

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
        if found is None:
            return None
        return FileResult(path, tuple(replace(f, path=path) for f in found), format=format_for(path, self.options.format))

    def check_bytes(self, path: str, data: bytes) -> FileResult:
        """Check a file's bytes; findings for bytes checked before come from the results cache."""
        name = self._cache_name(path, data)
        cached = cache.load("results", name) if name else None
        if cached is not None:
            return FileResult(path, tuple(replace(f, path=path) for f in cached), format=format_for(path, self.options.format))
        try:
            document = load_document(path, data, self.options.format)
        except Skip as note:
            return FileResult(path, note=str(note))
        except ReadError as exc:
            return FileResult(path, error=str(exc))
        result = self.check_document(document)
        if name:
            cache.store("results", name, result.findings)
        return result

    def check_file(self, path: str) -> FileResult:
        try:
            data = read_bytes(path)
        except ReadError as exc:
            return FileResult(path, error=str(exc))
        try:
            return self.check_bytes(path, data)
        except LintError as exc:
            return FileResult(path, error=str(exc))


def _worker_check(args):
    options, path = args
    checker = _WORKER_CHECKERS.get(options)
    if checker is None:
        checker = _WORKER_CHECKERS[options] = Checker(options)
    return checker.check_file(path)


_WORKER_CHECKERS: dict[Options, Checker] = {}  # one Checker per options in each worker process


def check_paths(paths, options: Options = Options(), jobs: int = 1, stdin: bytes | None = None,
                stdin_filename: str = "<stdin>"):
    """Yield a FileResult for every file under `paths`, in order; `-` reads `stdin`."""
    checker = Checker(options)
    items = list(checker.paths(paths))
    todo = [p for p, error in items if error is None and p != "-"]
    results = {}
    if jobs > 1 and len(todo) > 1:
        # Files checked before need no worker (nor spaCy): only the rest go to the pool.
        results = {p: r for p in todo if (r := checker.cached(p)) is not None}
        misses = [p for p in todo if p not in results]
        if len(misses) > 1:
            results.update(zip(misses, _parallel(options, misses, jobs)))
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


def _parallel(options, paths, jobs):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork shares the compiled glossaries already loaded; workers return findings, never spaCy objects.
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = None
    try:  # load glossaries and spaCy once in the parent, so every forked worker starts with them
        linter_for(Checker(options).config_for(paths[0])).warm_up()
    except LintError:
        pass
    chunk = max(1, len(paths) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(_worker_check, [(options, p) for p in paths], chunksize=chunk))
