"""Configuration: `.jargonlint.yaml` or `[tool.jargonlint]` in `pyproject.toml`.

Found by searching upward from each checked file. The command line beats the
config file, which beats these defaults. Unknown keys get a warning; invalid
values a one-line error naming the file and line.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import yamlsafe
from .glossary import BUILTIN_IDS
from .schema import SEVERITIES

CONFIG_NAMES = (".jargonlint.yaml", ".jargonlint.yml")
BUILTIN_AUDIENCES = {
    "public": BUILTIN_IDS,
    "finance": ("it", "clinical", "general"),
    "it": ("finance", "clinical", "general"),
    "clinical": ("finance", "it", "general"),
}
DEFINED_TERMS = ("hide", "hint", "info", "warning")  # how later uses of a term the text explains are reported


class ConfigError(Exception):
    def __init__(self, path, line, message):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass(frozen=True)
class Config:
    audience: str = "public"
    glossaries: dict = field(default_factory=dict)  # glossary id -> on/off
    extra_glossaries: tuple[str, ...] = ()  # paths, absolute
    allow: tuple[str, ...] = ()  # house vocabulary: term ids or phrases never flagged
    severity: dict = field(default_factory=dict)  # term id or glossary id -> severity
    exclude: tuple[str, ...] = ()  # glob patterns, relative to the config's folder
    audiences: dict = field(default_factory=dict)  # name -> glossary ids
    fail_on: str = "warning"
    pipeline: str | None = None  # a trained spaCy pipeline (name or path) for part-of-speech context
    abbreviations: bool = True  # report undefined abbreviations
    known_abbreviations: tuple[str, ...] = ()  # extra abbreviations every reader knows
    defined_terms: str = "info"  # later uses of a term the document explains: hide, or report at this severity
    unknown_words: bool = False  # rare words in no glossary, as hints
    path: str | None = None  # the file this came from
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def root(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def audience_glossaries(self) -> tuple[str, ...]:
        """Glossary ids applied for this audience, after the on/off switches."""
        known = {**BUILTIN_AUDIENCES, **self.audiences}
        if self.audience not in known:
            raise ConfigError(self.path or "<command line>", 0,
                              f"unknown audience {self.audience!r}; known: {', '.join(sorted(known))}")
        chosen = [g for g in known[self.audience] if self.glossaries.get(g, True)]
        chosen += [g for g, on in self.glossaries.items() if on and g not in chosen]
        return tuple(chosen)

    def with_overrides(self, **overrides) -> "Config":
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


# key -> (types, meaning); the README's config table lists these
KEYS = {
    "audience": ((str,), "who will read the documents: public, finance, it, clinical or one you define"),
    "glossaries": ((dict,), "turn built-in glossaries on or off: {finance: false}"),
    "extra_glossaries": ((list,), "your own glossary files, relative to the config file"),
    "allow": ((list,), "house vocabulary never flagged: term ids or phrases"),
    "severity": ((dict,), "severity by term id or glossary id: {virement: error, general: info}"),
    "exclude": ((list,), "glob patterns of files to skip, relative to the config file"),
    "audiences": ((dict,), "your own audiences: {board: [finance, general]}"),
    "fail_on": ((str,), "lowest severity that fails the run: error, warning, info or hint"),
    "pipeline": ((str,), "a trained spaCy pipeline to load for part-of-speech context"),
    "abbreviations": ((bool,), "report abbreviations the document does not define (default true)"),
    "known_abbreviations": ((list,), "abbreviations every reader knows, added to the built-in list"),
    "defined_terms": ((str,), "later uses of a term the document explains: hide, or report as hint, info (default) or warning"),
    "unknown_words": ((bool,), "report rare words found in no glossary, as hints (default false)"),
}


def parse_config(data, path) -> Config:
    """Validate a mapping read from a config file."""
    if data is None:
        return Config(path=str(path))
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", 0) or 1, "the configuration must be a mapping")
    line_of = getattr(data, "line_of", lambda key: 0)
    warnings, values = [], {}
    for key, value in data.items():
        if key not in KEYS:
            warnings.append(f"{path}:{line_of(key)}: unknown key {key!r} ignored")
            continue
        types, _ = KEYS[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            raise ConfigError(path, line_of(key), f"{key!r} must be {_describe(types)}")
        values[key] = value
    base = Path(path).parent

    def fail(key, message):
        raise ConfigError(path, line_of(key), message)

    def strings(key):
        items = values.get(key, [])
        if any(not isinstance(v, str) or not v.strip() for v in items):
            fail(key, f"every item of {key!r} must be a non-empty string")
        return tuple(items)

    for key in ("fail_on",):
        if key in values and values[key] not in SEVERITIES:
            fail(key, f"{key!r} must be one of {', '.join(SEVERITIES)}")
    if "defined_terms" in values and values["defined_terms"] not in DEFINED_TERMS:
        fail("defined_terms", f"'defined_terms' must be one of {', '.join(DEFINED_TERMS)}")
    for gid, on in values.get("glossaries", {}).items():
        if not isinstance(on, bool):
            fail("glossaries", f"glossary {gid!r} must be true or false")
    for name, level in values.get("severity", {}).items():
        if level not in SEVERITIES:
            fail("severity", f"severity of {name!r} must be one of {', '.join(SEVERITIES)}")
    audiences = {}
    for name, ids in values.get("audiences", {}).items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            fail("audiences", f"audience {name!r} must be a list of glossary ids")
        audiences[str(name)] = tuple(ids)
    if "audience" in values and values["audience"] not in {**BUILTIN_AUDIENCES, **audiences}:
        fail("audience", f"unknown audience {values['audience']!r}")
    extra_glossaries = tuple(str((base / p).resolve()) for p in strings("extra_glossaries"))
    for name, full in zip(values.get("extra_glossaries", []), extra_glossaries):
        if not Path(full).exists():
            fail("extra_glossaries", f"extra glossary {name!r}: no such file ({full})")
        if Path(full).is_dir():
            fail("extra_glossaries", f"extra glossary {name!r}: is a folder, not a file")
    return Config(
        audience=values.get("audience", "public"),
        glossaries=dict(values.get("glossaries", {})),
        extra_glossaries=extra_glossaries,
        allow=strings("allow"),
        severity=dict(values.get("severity", {})),
        exclude=strings("exclude"),
        audiences=audiences,
        fail_on=values.get("fail_on", "warning"),
        pipeline=values.get("pipeline"),
        abbreviations=values.get("abbreviations", True),
        known_abbreviations=strings("known_abbreviations"),
        defined_terms=values.get("defined_terms", "info"),
        unknown_words=values.get("unknown_words", False),
        path=str(path),
        warnings=tuple(warnings),
    )


def _describe(types):
    names = {str: "a string", list: "a list", dict: "a mapping", bool: "true or false"}
    return " or ".join(names[t] for t in types)


def load_config_file(path) -> Config:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError(path, line, f"not UTF-8 text (byte {exc.start})") from None
    if path.name == "pyproject.toml":
        return parse_config(_pyproject_section(text, path), path)
    try:
        data = yamlsafe.load(text)
    except yamlsafe.YamlError as exc:
        raise ConfigError(path, exc.line, exc.message) from None
    return parse_config(data, path)


def _pyproject_section(text, path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(path, int(m.group(1)) if m else 0, str(exc).split(" (at")[0]) from None
    section = data.get("tool", {}).get("jargonlint")
    if section is None:
        return None
    return _with_lines(section, text)


def _with_lines(section, text):
    """Give a [tool.jargonlint] table the line numbers its keys stand on."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(r"\s*\[tool\.jargonlint\]\s*$", line)), 0)
    out = yamlsafe.LineDict(section)
    out.line = start + 1
    out.key_lines = {}
    for n in range(start + 1, len(lines)):
        if re.match(r"\s*\[", lines[n]):
            break
        m = re.match(r"\s*([A-Za-z_][\w-]*)\s*=", lines[n])
        if m and m.group(1) in section:
            out.key_lines[m.group(1)] = n + 1
    return out


def has_config(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            if "[tool.jargonlint]" in pyproject.read_text(encoding="utf-8", errors="replace"):
                return pyproject
        except OSError:
            return None
    return None


class ConfigFinder:
    """Finds and caches the config that governs each file, searching upward."""

    def __init__(self, explicit: str | None = None):
        self.explicit = load_config_file(explicit) if explicit else None
        self._by_folder: dict[Path, Config] = {}

    def for_path(self, path) -> Config:
        if self.explicit:
            return self.explicit
        if path in ("-", None):
            return self._lookup(Path.cwd().resolve())
        try:
            folder = Path(path).resolve().parent
        except (RuntimeError, OSError):  # a symbolic-link loop (RuntimeError before Python 3.13)
            folder = Path(os.path.abspath(path)).parent.resolve()
        return self._lookup(folder)

    def _lookup(self, folder: Path) -> Config:
        if folder in self._by_folder:
            return self._by_folder[folder]
        found = has_config(folder)
        if found:
            config = load_config_file(found)
        elif folder.parent != folder and not (folder / ".git").exists():
            config = self._lookup(folder.parent)
        else:
            config = Config()
        self._by_folder[folder] = config
        return config
