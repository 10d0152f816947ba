"""Glossary files: load, validate against the schema, and hold terms as data."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsafe
from .schema import (
    CONTEXT_KEYS, EXAMPLE_KEYS, FIX_KINDS, GLOSSARY_KEYS, SEVERITIES, SOURCE_KEYS, TERM_KEYS,
)

BUILTIN_IDS = ("finance", "it", "clinical", "general")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_PATTERN_CHARS = 200


class GlossaryError(Exception):
    """A glossary problem, located as `path:line: message`."""

    def __init__(self, path, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Context:
    near: frozenset = frozenset()
    not_near: frozenset = frozenset()
    followed_by: frozenset = frozenset()
    not_followed_by: frozenset = frozenset()
    preceded_by: frozenset = frozenset()
    not_preceded_by: frozenset = frozenset()
    window: int = 8
    pos: frozenset = frozenset()


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    glossary: str
    replacements: tuple[str, ...]
    explanation: str
    source: str
    variants: tuple[str, ...] = ()
    case_sensitive: bool = False
    inflect: bool = True
    severity: str = "warning"
    fix: str = "unsafe"
    expansion: str | None = None
    context: Context | None = None
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()
    url: str | None = None
    line: int = 0

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


@dataclass(frozen=True)
class Source:
    title: str
    licence: str
    url: str | None = None


@dataclass(frozen=True)
class Glossary:
    id: str
    name: str
    description: str
    path: str
    sources: dict = field(default_factory=dict, compare=False)
    terms: tuple[Term, ...] = ()


def builtin_dir() -> Path:
    """The shipped glossaries: inside the installed package, or the checkout's top level."""
    here = Path(__file__).resolve().parent
    inside = here / "glossaries"
    return inside if inside.is_dir() else here.parent / "glossaries"


def builtin_paths() -> list[Path]:
    return [builtin_dir() / f"{gid}.yaml" for gid in BUILTIN_IDS]


def load_glossary(path) -> Glossary:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GlossaryError(path, 0, "no such glossary file") from None
    except IsADirectoryError:
        raise GlossaryError(path, 0, "is a folder, not a glossary file") from None
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise GlossaryError(path, line, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise GlossaryError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    return parse_glossary(text, path)


def parse_glossary(text: str, path="<glossary>") -> Glossary:
    try:
        data = yamlsafe.load(text)
    except yamlsafe.YamlError as exc:
        raise GlossaryError(path, exc.line, exc.message) from None
    return _Validator(path).glossary(data)


class _Validator:
    def __init__(self, path):
        self.path = path

    def fail(self, line, message):
        raise GlossaryError(self.path, line, message)

    def check_keys(self, data, schema, what, line):
        if not isinstance(data, dict):
            self.fail(line, f"{what} must be a mapping")
        for key in data:
            if key not in schema:
                hint = _closest(key, schema)
                self.fail(data.line_of(key), f"{what}: unknown key {key!r}" + (f" (did you mean {hint!r}?)" if hint else ""))
        for key, (types, required, _) in schema.items():
            if key not in data:
                if required:
                    self.fail(data.line, f"{what}: missing required key {key!r}")
                continue
            value = data[key]
            if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
                want = " or ".join(_TYPE_NAMES[t] for t in types)
                self.fail(data.line_of(key), f"{what}: {key!r} must be {want}")

    def strings(self, data, key, what, allow_empty_list=True):
        values = data.get(key, [])
        for value in values:
            if not isinstance(value, str) or not value.strip():
                self.fail(data.line_of(key), f"{what}: every item of {key!r} must be a non-empty string")
        if not allow_empty_list and not values:
            self.fail(data.line_of(key), f"{what}: {key!r} must not be empty")
        return tuple(v.strip() for v in values)

    def glossary(self, data) -> Glossary:
        if data is None:
            self.fail(0, "the file is empty")
        self.check_keys(data, GLOSSARY_KEYS, "glossary", 1)
        gid = data["id"]
        if not ID_RE.match(gid):
            self.fail(data.line_of("id"), f"glossary id {gid!r} must be lowercase letters, digits and hyphens")
        sources = {}
        for sid, source in data["sources"].items():
            self.check_keys(source, SOURCE_KEYS, f"source {sid!r}", data["sources"].line_of(sid))
            sources[sid] = Source(source["title"], source["licence"], source.get("url"))
        terms, seen = [], {}
        items = data["terms"]
        for n, entry in enumerate(items):
            if not isinstance(entry, dict):
                self.fail(getattr(items, "line_of", lambda n: data.line_of("terms"))(n), "each term must be a mapping")
            term = self.term(entry, gid, sources)
            if term.id in seen:
                self.fail(entry.line, f"term {term.id!r}: duplicate id (first at line {seen[term.id]})")
            seen[term.id] = entry.line
            terms.append(term)
        return Glossary(gid, data["name"], data["description"], str(self.path), sources, tuple(terms))

    def term(self, entry, gid, sources) -> Term:
        if not isinstance(entry, dict):
            self.fail(getattr(entry, "line", 0), "each term must be a mapping")
        tid = entry.get("id")
        what = f"term {tid!r}" if isinstance(tid, str) else "term"
        self.check_keys(entry, TERM_KEYS, what, entry.line)
        if not ID_RE.match(tid):
            self.fail(entry.line_of("id"), f"{what}: id must be lowercase letters, digits and hyphens")
        spellings = (entry["term"], *entry.get("variants", []))
        for spelling in spellings:
            if not isinstance(spelling, str) or not re.search(r"\w", spelling):
                self.fail(entry.line_of("term"), f"{what}: an empty term or variant matches nothing")
            if len(spelling) > MAX_PATTERN_CHARS:
                self.fail(entry.line_of("term"), f"{what}: a term or variant is longer than {MAX_PATTERN_CHARS} characters")
        severity = entry.get("severity", "warning")
        if severity not in SEVERITIES:
            self.fail(entry.line_of("severity"), f"{what}: severity must be one of {', '.join(SEVERITIES)}")
        fix = entry.get("fix", "unsafe")
        if fix not in FIX_KINDS:
            self.fail(entry.line_of("fix"), f"{what}: fix must be 'safe' or 'unsafe'")
        replacements = self.strings(entry, "replacements", what)
        if fix == "safe" and not replacements:
            self.fail(entry.line_of("fix"), f"{what}: a safe fix needs a replacement")
        if entry["source"] not in sources:
            self.fail(entry.line_of("source"), f"{what}: source {entry['source']!r} is not in the glossary's sources")
        if not entry["explanation"].strip():
            self.fail(entry.line_of("explanation"), f"{what}: the explanation is empty")
        examples = entry["examples"]
        self.check_keys(examples, EXAMPLE_KEYS, f"{what} examples", entry.line_of("examples"))
        flags = self.strings(examples, "flag", f"{what} examples", allow_empty_list=False)
        passes = self.strings(examples, "pass", f"{what} examples")
        return Term(
            id=tid, term=entry["term"].strip(), glossary=gid, replacements=replacements,
            explanation=" ".join(entry["explanation"].split()), source=entry["source"],
            variants=self.strings(entry, "variants", what),
            case_sensitive=entry.get("case_sensitive", False), inflect=entry.get("inflect", True),
            severity=severity, fix=fix, expansion=entry.get("expansion"),
            context=self.context(entry, what) if "context" in entry else None,
            flag_examples=flags, pass_examples=passes, url=entry.get("url"), line=entry.line,
        )

    def context(self, entry, what) -> Context:
        data = entry["context"]
        self.check_keys(data, CONTEXT_KEYS, f"{what} context", entry.line_of("context"))
        words = {k: frozenset(w if sum(c.isupper() for c in w) >= 2 else w.lower()
                              for w in self.strings(data, k, f"{what} context"))
                 for k in CONTEXT_KEYS if k not in ("window", "pos")}
        window = data.get("window", 8)
        if window < 1:
            self.fail(data.line_of("window"), f"{what} context: window must be at least 1")
        pos = frozenset(p.upper() for p in self.strings(data, "pos", f"{what} context"))
        return Context(window=window, pos=pos, **words)


_TYPE_NAMES = {str: "a string", list: "a list", dict: "a mapping", bool: "true or false", int: "a whole number"}


def _closest(key, schema):
    import difflib

    match = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.75)
    return match[0] if match else None
