"""The language server (pygls 2): jargon as diagnostics, plain words as quick fixes.

How a document flows:

    didOpen / didChange  ->  OpenDocument (our own copy; LSP line ends only)
                         ->  a check on a worker thread (never on the protocol loop)
                         ->  dropped if a newer edit came in meanwhile
                         ->  publishDiagnostics (push) or a pull report

A burst of edits is debounced; an isolated edit is checked at once, and only
one check per document runs at a time. Each document is checked under the
config that governs its file (``.jargonlint.yaml`` or ``pyproject.toml``,
found upward as the command line finds it); before every check the server
compares the modification stamps of those files and of the team's extra
glossaries, and ``workspace/didChangeWatchedFiles`` makes it re-check at once.
A broken config or glossary never stops the server: it says so in a message
and a diagnostic on that file, and checks with the defaults meanwhile.
"""
from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcServerNotInitialized
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, default_converter, lsp_method
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES, Config, ConfigError, ConfigFinder, has_config
from ..output.lsp_format import SOURCE, diagnostic as diagnostic_data
from ..positions import UTF8, UTF16, UTF32, Positions

logger = logging.getLogger(__name__)

DEBOUNCE = 0.05  # seconds of quiet a burst of edits waits for before its check
CONFIG_FILES = (*CONFIG_NAMES, "pyproject.toml")
NEW_CONFIG = ".jargonlint.yaml"
LANGUAGES = {  # languageId -> reader
    "markdown": "markdown", "md": "markdown", "gfm": "markdown",
    "plaintext": "text", "text": "text", "txt": "text",
    "restructuredtext": "rst", "rst": "rst",
    "html": "html", "htm": "html", "xhtml": "html", "mhtml": "html",
}
SUPPRESS = {  # reader -> the directive line in the document's own comment syntax
    "markdown": "<!-- jargonlint-disable-next-line {} -->",
    "html": "<!-- jargonlint-disable-next-line {} -->",
    "rst": ".. jargonlint-disable-next-line {}",
    "text": "jargonlint: disable-next-line {}",
}
WATCHED_GLOBS = ("**/.jargonlint.yaml", "**/.jargonlint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")
_CONVERTER = default_converter()


# -- documents -----------------------------------------------------------------

def document_format(language_id: str | None, path: str | None) -> str | None:
    """The reader for a document: by languageId, else by extension; None if jargonlint does not read it."""
    from ..readers import EXTENSIONS, FORMATS

    fmt = LANGUAGES.get((language_id or "").lower())
    if fmt:
        return fmt
    fmt = EXTENSIONS.get(os.path.splitext(path or "")[1].lower())
    return fmt if fmt in FORMATS else None


@dataclass(frozen=True)
class Snapshot:
    """What a check needs, taken on the protocol loop and handed to a worker."""

    uri: str
    path: str | None
    format: str
    text: str
    generation: int
    encoding: str
    folder: Path


class OpenDocument:
    """The server's copy of an open document, kept in step with the client's edits."""

    def __init__(self, uri: str, language_id: str, version: int | None, text: str):
        self.uri = uri
        self.path = to_fs_path(uri) if uri.startswith("file:") else None
        self.language_id = language_id
        self.format = document_format(language_id, self.path)
        self.version = version
        self.text = text
        self.generation = 0  # ours: bumped by every edit, so stale results can be told apart
        self._positions: Positions | None = None
        self.last_change = float("-inf")
        self.waiter: asyncio.Future | None = None  # a pending publish (debouncing or awaiting a check)
        self.running: asyncio.Future | None = None  # the check on a worker thread
        self.result: CheckResult | None = None  # the latest finished check (maybe stale)

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions(self.text)
        return self._positions

    def apply(self, change, encoding: str) -> None:
        """One content change: a whole new text, or a range replaced (positions in `encoding`)."""
        if getattr(change, "range", None) is None:
            self.replace(change.text)
            return
        positions = self.positions
        start = positions.offset(change.range.start.line, change.range.start.character, encoding)
        end = positions.offset(change.range.end.line, change.range.end.character, encoding)
        start, end = min(start, end), max(start, end)
        self.replace(self.text[:start] + change.text + self.text[end:])

    def replace(self, text: str) -> None:
        self.text = text
        self._positions = None
        self.generation += 1


# -- configs -------------------------------------------------------------------

def _stamp(path) -> tuple | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


@dataclass(frozen=True)
class Resolution:
    """The config governing a folder, the linter built from it, and what went wrong if anything."""

    config: Config
    linter: object | None  # None only when even the built-in glossaries cannot load
    config_path: str | None  # the governing config file, if there is one
    problem: Exception | None = None  # a ConfigError or GlossaryError; the defaults are used
    epoch: int = 0


class Configs:
    """Configs and linters by folder, thrown away as soon as a file they came from changes.

    Safe to use from several worker threads.
    """

    def __init__(self):
        self._lock = threading.RLock()
        self.epoch = 0
        self._reset()

    def _reset(self):
        self._finder = ConfigFinder()
        self._stamps: dict[str, tuple | None] = {}
        self._resolved: dict[Path, Resolution] = {}
        self._linters: dict[tuple, object] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._reset()
            self.epoch += 1

    def watches(self, path: str) -> bool:
        """Is `path` a file some config or glossary was read from (or would be)?"""
        with self._lock:
            return os.path.abspath(path) in self._stamps or os.path.basename(path) in CONFIG_FILES

    def resolve(self, folder: Path) -> Resolution:
        with self._lock:
            if any(_stamp(p) != s for p, s in self._stamps.items()):
                self._reset()
                self.epoch += 1
            found = self._resolved.get(folder)
            if found is None:
                found = self._resolved[folder] = self._load(folder)
            return found

    def _watch(self, path) -> None:
        path = os.path.abspath(path)
        if path not in self._stamps:
            self._stamps[path] = _stamp(path)

    def _governing(self, folder: Path) -> str | None:
        """The config file ConfigFinder will use for `folder`, watching every candidate on the way."""
        current = folder
        while True:
            for name in CONFIG_FILES:
                self._watch(current / name)
            found = has_config(current)
            if found:
                return str(found)
            if current.parent == current or (current / ".git").exists():
                return None
            current = current.parent

    def _load(self, folder: Path) -> Resolution:
        from ..api import LintError

        config_path = self._governing(folder)
        problem = None
        try:
            config = self._finder.for_path(folder / "_")
        except ConfigError as exc:
            problem, config = exc, Config()
        for path in config.extra_glossaries:
            self._watch(path)
        try:
            linter = self._linter(config)
        except LintError as exc:
            problem = problem or exc
            try:
                config = Config()
                linter = self._linter(config)
            except LintError:
                linter = None
        return Resolution(config, linter, config_path, problem, self.epoch)

    def _linter(self, config: Config):
        from ..engine import Linter

        # Keyed by the glossary files' stamps too: the engine's own cache knows only the config.
        key = (repr(config), tuple(_stamp(p) for p in config.extra_glossaries))
        if key not in self._linters:
            self._linters[key] = Linter(config)
        return self._linters[key]


# -- checking (on a worker thread) -----------------------------------------------

@dataclass
class CheckResult:
    generation: int
    epoch: int
    findings: tuple
    diagnostics: tuple  # JSON-ready Diagnostic dicts (output.lsp_format.diagnostic), in the order of findings
    positions: Positions
    resolution: Resolution | None
    error: str | None = None  # an unexpected failure, already logged
    taken: bool = False  # seen by the server (problems reported, document updated)
    _typed: list | None = field(default=None, repr=False)

    def typed(self) -> list[types.Diagnostic]:
        """The diagnostics as lsprotocol objects (for responses), built once."""
        if self._typed is None:
            self._typed = [_CONVERTER.structure(d, types.Diagnostic) for d in self.diagnostics]
        return self._typed


def run_check(configs: Configs, snapshot: Snapshot) -> CheckResult:
    """Check one snapshot. Never raises: a failure comes back as `error`."""
    from ..files import matches_any
    from ..readers import FORMATS

    positions = Positions(snapshot.text)
    resolution = None
    try:
        resolution = configs.resolve(snapshot.folder)
        config = resolution.config
        findings = ()
        if resolution.linter is not None and not (
                snapshot.path and matches_any(snapshot.path, config.exclude, config.root)):
            prose = FORMATS[snapshot.format](snapshot.text)
            findings = tuple(resolution.linter.check(prose, snapshot.path or snapshot.uri, snapshot.format))
        diagnostics = tuple(diagnostic_data(f, positions, snapshot.encoding) for f in findings)
        return CheckResult(snapshot.generation, resolution.epoch, findings, diagnostics, positions, resolution)
    except Exception as exc:  # noqa: BLE001 - a bug in a reader must not take the server down
        logger.exception("checking %s failed", snapshot.uri)
        epoch = resolution.epoch if resolution else configs.epoch
        return CheckResult(snapshot.generation, epoch, (), (), positions, resolution,
                           f"{type(exc).__name__}: {exc}")


# -- edits for the code actions (pure functions of text) ---------------------------

_PLAIN_YAML = re.compile(r"[A-Za-z][A-Za-z0-9._/ -]*[A-Za-z0-9._/-]|[A-Za-z]")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def _yaml_item(value: str) -> str:
    if _PLAIN_YAML.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def allow_edit_yaml(text: str, term_id: str) -> tuple[int, int, str] | None:
    """(start, end, replacement) that adds `term_id` to a YAML config's top-level `allow:` list.

    Only the list changes; comments and everything else stay as written.
    None when the file's `allow` is written in a way this cannot edit safely.
    """
    nl = _newline(text)
    item = _yaml_item(term_id)
    key = re.search(r"^allow[ \t]*:[ \t]*([^\r\n]*)", text, re.M)
    if key is None:
        prefix = "" if not text or text.endswith("\n") else nl
        return len(text), len(text), f"{prefix}allow:{nl}  - {item}{nl}"
    value = re.sub(r"(^|[ \t])#.*$", "", key.group(1)).strip()
    if value.startswith("[") and value.endswith("]"):
        inside = value[1:-1].strip()
        close = key.start(1) + key.group(1).index(value) + len(value) - 1
        if not inside:
            return key.start(1) + key.group(1).index(value) + 1, close, item
        return close, close, f" {item}" if inside.endswith(",") else f", {item}"
    if value:
        return None  # a scalar or a flow list over several lines
    # A block list (or nothing yet) follows: find its last item.
    end_of_key_line = key.end()
    last, indent = end_of_key_line, None
    for line in re.finditer(r"[^\r\n]*", text[end_of_key_line:]):
        if line.start() == 0:
            continue  # the rest of the key's own line
        body = line.group()
        stripped = body.strip()
        if not stripped or stripped.startswith("#"):
            continue
        dash = re.match(r"([ \t]*)-(?:[ \t]|$)", body)
        if dash is None and not body[:1].isspace():
            break  # the next top-level key
        if dash is not None and indent is None:
            indent = dash.group(1)
        last = end_of_key_line + line.end()
    return last, last, f"{nl}{indent if indent is not None else '  '}- {item}"


def allow_edit_toml(text: str, term_id: str) -> tuple[int, int, str] | None:
    """(start, end, replacement) that adds `term_id` to `allow` in pyproject.toml's [tool.jargonlint]."""
    nl = _newline(text)
    item = json.dumps(term_id, ensure_ascii=False)
    header = re.search(r"^[ \t]*\[tool\.jargonlint\][ \t]*(?:#[^\r\n]*)?$", text, re.M)
    if header is None:
        return None
    following = re.search(r"^[ \t]*\[", text[header.end():], re.M)
    section_end = header.end() + following.start() if following else len(text)
    key = re.compile(r"^[ \t]*allow[ \t]*=[ \t]*\[", re.M).search(text, header.end(), section_end)
    if key is None:
        body = text[header.end():section_end].rstrip()
        at = header.end() + len(body)
        return at, at, f"{nl}allow = [{item}]"
    open_at = key.end() - 1
    close_at, last_content = _toml_array_end(text, open_at)
    if close_at is None:
        return None
    if last_content is None:
        return open_at + 1, close_at, item
    inside = text[open_at + 1:close_at]
    if "\n" not in inside:
        comma = text[last_content] == ","
        return last_content + 1, last_content + 1, f" {item}" if comma else f", {item}"
    first = re.search(r"\n([ \t]*)\S", inside)
    indent = first.group(1) if first else "    "
    comma = "" if text[last_content] == "," else ","
    line_end = text.find("\n", last_content)
    if line_end < 0 or line_end > close_at:
        line_end, tail = close_at, ""  # "]" on the last item's line
    else:
        line_end -= text[line_end - 1] == "\r"
        tail = ","
    # keep a comment after the last item on its line; the new item goes on a line of its own
    return last_content + 1, line_end, f"{comma}{text[last_content + 1:line_end]}{nl}{indent}{item}{tail}"


def _toml_array_end(text: str, open_at: int) -> tuple[int | None, int | None]:
    """The offset of the `]` closing the array at `open_at`, and of its last character of content."""
    i, depth, last = open_at + 1, 1, None
    while i < len(text):
        c = text[i]
        if c == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        if c in "\"'":
            triple = text.startswith(c * 3, i)
            quote = c * 3 if triple else c
            j = i + len(quote)
            while j < len(text) and not text.startswith(quote, j):
                j += 2 if c == '"' and text[j] == "\\" else 1
            last = j + len(quote) - 1
            i = j + len(quote)
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i, last
        if not c.isspace():
            last = i
        i += 1
    return None, None


def allowed_after(text: str, path: str, term_id: str) -> bool:
    """Does the edited config parse, with `term_id` in its allow list?"""
    from .. import yamlsafe
    from ..config import _pyproject_section, parse_config

    try:
        data = _pyproject_section(text, path) if os.path.basename(path) == "pyproject.toml" else yamlsafe.load(text)
        return term_id.lower() in {a.lower() for a in parse_config(data, path).allow}
    except Exception:  # noqa: BLE001 - any failure means: do not offer the edit
        return False


def suppression_edit(positions: Positions, line: int, fmt: str, term_id: str) -> tuple[int, str]:
    """(offset, text) inserting a disable-next-line directive above `line`, in the document's own syntax."""
    text = positions.text
    nl = _newline(text)
    start, end = positions.line_bounds(line)
    own = text[start:end]
    if fmt == "markdown":
        lead = re.match(r"[ \t]*(?:>[ \t]?)*", own).group()
        marker = re.match(r"(?:[-+*]|\d{1,9}[.)])[ \t]+", own[len(lead):])
        prefix = lead + (" " * len(marker.group()) if marker else "")
    else:
        prefix = re.match(r"[ \t]*", own).group()
    directive = prefix + SUPPRESS[fmt].format(term_id)
    if fmt != "rst":
        return start, directive + nl
    # reStructuredText: a comment is its own block, so blank lines around it.
    above_blank = line == 0 or not positions.line_text(line - 1).strip()
    return start, ("" if above_blank else nl) + directive + nl + nl


# -- the protocol ---------------------------------------------------------------

@dataclass
class _Unreadable:
    """A request whose params could not be read: answered with an error, not dropped."""

    id: object
    method: str
    error: JsonRpcException
    jsonrpc: str = "2.0"


class JargonProtocol(LanguageServerProtocol):
    """pygls' protocol, stricter at the edges and with our own document copies.

    - A request before ``initialize`` gets ServerNotInitialized (-32002); a
      notification before it is dropped, as the specification says.
    - A request whose params do not fit the method gets InvalidParams instead
      of silence (pygls drops it, leaving the client waiting); one after
      ``shutdown`` gets InvalidRequest.
    - Open documents live in the server's :class:`OpenDocument` store (not
      pygls' workspace, which re-splits the whole text on every edit and
      breaks lines where LSP does not).
    """

    def __init__(self, server, converter):
        super().__init__(server, converter)
        self._initialize_seen = False

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and isinstance(data.get("method"), str):
                return _Unreadable(data["id"], data["method"], exc)
            raise

    def handle_message(self, message):
        if isinstance(message, _Unreadable):
            self._send_response(message.id, error=message.error.to_response_error())
            return
        method = getattr(message, "method", None)
        if self._shutdown and method not in (None, types.EXIT) and hasattr(message, "id"):
            error = JsonRpcInvalidRequest(f"{method}: the server is shutting down")
            self._send_response(message.id, error=error.to_response_error())
            return
        if method is not None and not self._initialize_seen:
            if method == types.INITIALIZE:
                self._initialize_seen = True
            elif method != types.EXIT:
                if hasattr(message, "id"):
                    error = JsonRpcServerNotInitialized(f"{method}: the server is not initialized yet")
                    self._send_response(message.id, error=error.to_response_error())
                return
        super().handle_message(message)

    def notify_json(self, method: str, params: dict) -> None:
        """Send a notification whose params are already JSON-ready.

        Diagnostics are built as plain dicts (the shape ``--format lsp``
        prints); serialising them directly costs a fraction of converting
        hundreds of them to lsprotocol objects and back on every keystroke.
        """
        self._send_data({"jsonrpc": self.VERSION, "method": method, "params": params})

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        self._server.did_open(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        self._server.did_change(params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        self._server.did_close(params)


# -- the server -------------------------------------------------------------------

class JargonServer(LanguageServer):
    def __init__(self):
        super().__init__("jargonlint", __version__, protocol_cls=JargonProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, OpenDocument] = {}
        self.configs = Configs()
        self.checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jargonlint-check")
        self.encoding = UTF16
        self.debounce = DEBOUNCE
        self.push = True  # False when the client pulls diagnostics
        self.seen_epoch = 0
        self._problems: dict[str, Exception] = {}  # governing config (or "") -> the problem last shown
        self._problem_uris: set[str] = set()
        self._shown: set[str] = set()  # messages already shown for this epoch

    def report_server_error(self, error: Exception, source) -> None:
        if source is JsonRpcException:  # a message that could not be read: log it, do not alarm the user
            logger.warning("ignored an unreadable message: %s", error)
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Warning, message=f"jargonlint: ignored an unreadable message: {error}"))
            return
        super().report_server_error(error, source)

    # -- lifecycle ------------------------------------------------------------

    def on_initialize(self, params: types.InitializeParams) -> None:
        encoding = str(getattr(self.workspace.position_encoding, "value", self.workspace.position_encoding) or UTF16)
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("debounce"), (int, float)) and options["debounce"] >= 0:
            self.debounce = options["debounce"] / 1000
        mode = options.get("diagnosticMode", "auto")
        pull = _capability(params.capabilities, "text_document", "diagnostic") is not None
        self.push = mode == "push" or (mode != "pull" and not pull)

    def on_initialized(self) -> None:
        if _capability(self.client_capabilities, "workspace", "did_change_watched_files", "dynamic_registration"):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED_GLOBS]
            registration = types.Registration(
                id="jargonlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
            future = self.client_register_capability(types.RegistrationParams(registrations=[registration]))
            future.add_done_callback(lambda f: f.exception())  # a refusal is fine: mtimes are checked anyway
        # Load the workspace's config and glossaries now, off the loop: problems show at once, and the
        # first document is checked without waiting for spaCy.
        loop = asyncio.get_running_loop()
        folder = Path(self.workspace.root_path or os.getcwd()).resolve()
        future = loop.run_in_executor(self.checks, self.configs.resolve, folder)
        future.add_done_callback(self._warmed_up)

    def _warmed_up(self, future) -> None:
        if future.cancelled() or future.exception() is not None:
            return
        # The glossaries and spaCy are loaded for good: keep the collector from walking them on every
        # pass (this halves the slowest re-checks of a jargon-dense document).
        gc.collect()
        gc.freeze()
        self._note(future.result())

    def on_shutdown(self) -> None:
        for doc in self.documents.values():
            if doc.waiter is not None:
                doc.waiter.cancel()
        self.checks.shutdown(wait=False, cancel_futures=True)

    # -- document sync ----------------------------------------------------------

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        doc = OpenDocument(item.uri, item.language_id, item.version, item.text)
        old = self.documents.pop(item.uri, None)
        if old is not None and old.waiter is not None:
            old.waiter.cancel()
        if doc.format is None:
            return  # not a document jargonlint reads (a config file opened in the same editor, say)
        self.documents[item.uri] = doc
        self._schedule(doc, 0)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return
        for change in params.content_changes:
            doc.apply(change, self.encoding)
        doc.version = params.text_document.version
        now = asyncio.get_running_loop().time()
        burst = now - doc.last_change < self.debounce
        doc.last_change = now
        self._schedule(doc, self.debounce if burst else 0)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri) if params.text_document.uri.startswith("file:") else None
        if path and self.configs.watches(path):
            self.reload()
            return
        doc = self.documents.get(params.text_document.uri)
        if doc is not None:
            if params.text is not None and params.text != doc.text:
                doc.replace(params.text)
            self._schedule(doc, 0)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        doc = self.documents.pop(params.text_document.uri, None)
        if doc is None:
            return
        if doc.waiter is not None:
            doc.waiter.cancel()
        if self.push:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))

    def did_change_watched_files(self, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [to_fs_path(c.uri) for c in params.changes if c.uri.startswith("file:")]
        if any(p and self.configs.watches(p) for p in paths):
            self.reload()

    def reload(self) -> None:
        """Forget every config and glossary, and check every open document again."""
        self.configs.invalidate()
        self._refresh_all()

    # -- checking ---------------------------------------------------------------------

    def _snapshot(self, doc: OpenDocument) -> Snapshot:
        if doc.path:
            folder = Path(doc.path).parent
        else:
            folder = Path(self.workspace.root_path or os.getcwd())
        return Snapshot(doc.uri, doc.path, doc.format, doc.text, doc.generation, self.encoding, folder.resolve())

    def _schedule(self, doc: OpenDocument, delay: float) -> None:
        """Publish diagnostics for the document's text after `delay` seconds of quiet (push mode)."""
        if not self.push:
            return
        if doc.waiter is not None:
            doc.waiter.cancel()
        doc.waiter = asyncio.ensure_future(self._publish_after(doc, delay))

    async def _publish_after(self, doc: OpenDocument, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        result = await self.result(doc)
        if result is None or result.generation != doc.generation or self.documents.get(doc.uri) is not doc:
            return  # a newer edit (or a close) came in: its own publish follows
        params = {"uri": doc.uri, "diagnostics": result.diagnostics}
        if doc.version is not None:
            params["version"] = doc.version
        self.protocol.notify_json(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    async def result(self, doc: OpenDocument) -> CheckResult | None:
        """The check of the document's current text, run once however many ask for it."""
        loop = asyncio.get_running_loop()
        while self.documents.get(doc.uri) is doc:
            cached = doc.result
            if cached is not None and cached.generation == doc.generation and cached.epoch == self.configs.epoch:
                return cached
            if doc.running is None:
                try:
                    doc.running = loop.run_in_executor(self.checks, run_check, self.configs, self._snapshot(doc))
                except RuntimeError:  # the pool is shut down
                    return None
                doc.running.add_done_callback(lambda future, doc=doc: self._finished(doc, future))
            running = doc.running
            result = await asyncio.shield(running)
            # A finished future is awaited without yielding to the loop, so its done-callback may not
            # have run yet: take its result in now, or this loop would spin on the same future.
            self._finished(doc, running)
            if result.error is not None and result.generation == doc.generation:
                return result  # do not loop on a check that fails
        return None

    def _finished(self, doc: OpenDocument, future) -> None:
        """Take in a finished check (once, whether from its done-callback or from `result`)."""
        if doc.running is future:
            doc.running = None
        if future.cancelled() or future.exception() is not None:
            return
        result = future.result()
        if result.taken:
            return
        result.taken = True
        if doc.result is None or result.generation >= doc.result.generation:
            doc.result = result
        self._note(result)

    def _note(self, result) -> None:
        """After a check: report config problems, and re-check everything if the config changed."""
        resolution = result if isinstance(result, Resolution) else result.resolution
        if isinstance(result, CheckResult) and result.error and result.error not in self._shown:
            self._shown.add(result.error)
            self._show(types.MessageType.Error, f"jargonlint could not check a document: {result.error}")
        if resolution is None:
            return
        if resolution.epoch > self.seen_epoch:
            self.seen_epoch = resolution.epoch
            self._shown.clear()
            self._refresh_all()
        self._report(resolution)

    def _report(self, resolution: Resolution) -> None:
        key = resolution.config_path or ""
        old, new = self._problems.get(key), resolution.problem
        for warning in resolution.config.warnings:
            if warning not in self._shown:
                self._shown.add(warning)
                self._show(types.MessageType.Warning, f"jargonlint: {warning}")
        if str(old) == str(new):
            return
        if new is not None:
            self._problems[key] = new
            self._show(types.MessageType.Error,
                       f"jargonlint: {new} (checking with the default settings until it is fixed)")
        else:
            self._problems.pop(key, None)
        by_uri: dict[str, list] = {}
        for problem in self._problems.values():
            path = getattr(problem, "path", None)
            if path and os.path.isabs(path):
                by_uri.setdefault(from_fs_path(path), []).append(_problem_diagnostic(problem))
        for uri in self._problem_uris - set(by_uri):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in by_uri.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        self._problem_uris = set(by_uri)

    def _refresh_all(self) -> None:
        if self.push:
            for doc in list(self.documents.values()):
                self._schedule(doc, 0)
        elif _capability(self.client_capabilities, "workspace", "diagnostics", "refresh_support"):
            future = self.workspace_diagnostic_refresh(None)
            future.add_done_callback(lambda f: f.exception())

    def _show(self, kind: types.MessageType, message: str) -> None:
        logger.warning("%s", message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    # -- features -----------------------------------------------------------------------

    async def pull(self, params: types.DocumentDiagnosticParams):
        doc = self.documents.get(params.text_document.uri)
        result = await self.result(doc) if doc is not None else None
        if result is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = f"{id(doc)}.{result.generation}.{result.epoch}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=result.typed(), result_id=result_id)

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        doc = self.documents.get(params.text_document.uri)
        result = await self.result(doc) if doc is not None else None
        if result is None:
            return None
        offset = result.positions.offset(params.position.line, params.position.character, self.encoding)
        hits = [n for n, f in enumerate(result.findings) if f.offset <= offset < f.end_offset]
        if not hits:
            return None
        finding = result.findings[hits[0]]
        linter = getattr(result.resolution, "linter", None)
        names = getattr(getattr(linter, "compiled", None), "glossary_names", None) or {}
        markdown = _capability(self.client_capabilities, "text_document", "hover", "content_format")
        kind = types.MarkupKind.Markdown
        if markdown and types.MarkupKind.Markdown not in markdown:
            kind = types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=hover_text(
            finding, names.get(finding.glossary, finding.glossary), kind == types.MarkupKind.Markdown)),
            range=_range(result.positions, finding.offset, finding.end_offset, self.encoding))

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        only = params.context.only
        if only and not any(str(getattr(k, "value", k)).startswith("quickfix") for k in only):
            return None
        doc = self.documents.get(params.text_document.uri)
        result = await self.result(doc) if doc is not None else None
        if result is None:
            return None
        positions, enc = result.positions, self.encoding
        start = positions.offset(params.range.start.line, params.range.start.character, enc)
        end = positions.offset(params.range.end.line, params.range.end.character, enc)
        theirs = {(_code(d), _range_key(d.range)): d for d in params.context.diagnostics if d.source == SOURCE}
        actions = []
        for n, finding in enumerate(result.findings):
            if finding.end_offset < start or finding.offset > end:
                continue
            ours = result.typed()[n]
            diag = theirs.get((finding.term_id, _range_key(ours.range)), ours)
            for rank, replacement in enumerate(finding.replacements):
                actions.append(types.CodeAction(
                    title=f"Replace '{finding.text}' with '{replacement}'", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag], is_preferred=rank == 0 or None,
                    edit=self._edit(doc.uri, doc.version, [types.TextEdit(range=ours.range, new_text=replacement)])))
            allow = self._allow_action(doc, result, finding, diag)
            if allow is not None:
                actions.append(allow)
            actions.append(self._suppress_action(doc, result, finding, diag))
        return actions

    def _allow_action(self, doc, result, finding, diag) -> types.CodeAction | None:
        if finding.rule != "glossary":
            return None
        resolution = result.resolution
        path = resolution.config_path if resolution and resolution.config_path else None
        if path is None:
            path = str(self._new_config_folder(doc) / NEW_CONFIG)
            text, exists = "", False
        else:
            text, exists = self._file_text(path), True
            if text is None:
                return None
        if os.path.basename(path) == "pyproject.toml":
            change = allow_edit_toml(text, finding.term_id)
        else:
            change = allow_edit_yaml(text, finding.term_id)
        if change is None:
            return None
        start, end, insert = change
        if not allowed_after(text[:start] + insert + text[end:], path, finding.term_id):
            return None
        positions = Positions(text)
        rng = _range(positions, start, end, self.encoding)
        edit = self._edit(from_fs_path(path), None, [types.TextEdit(range=rng, new_text=insert)], create=not exists)
        where = os.path.relpath(path, self.workspace.root_path) if self.workspace.root_path else os.path.basename(path)
        return types.CodeAction(title=f"Allow '{finding.term_id}' in this workspace ({where})",
                                kind=types.CodeActionKind.QuickFix, diagnostics=[diag], edit=edit)

    def _suppress_action(self, doc, result, finding, diag) -> types.CodeAction:
        line = result.positions.line_of(finding.offset)
        offset, insert = suppression_edit(result.positions, line, doc.format, finding.term_id)
        rng = _range(result.positions, offset, offset, self.encoding)
        return types.CodeAction(
            title=f"Ignore '{finding.term_id}' on this line (comment above it)",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
            edit=self._edit(doc.uri, doc.version, [types.TextEdit(range=rng, new_text=insert)]))

    def _edit(self, uri: str, version: int | None, edits: list, create: bool = False) -> types.WorkspaceEdit:
        """A WorkspaceEdit in the richest form the client accepts."""
        caps = _capability(self.client_capabilities, "workspace", "workspace_edit")
        operations = getattr(caps, "resource_operations", None) or []
        if getattr(caps, "document_changes", False):
            changes: list = []
            if create and types.ResourceOperationKind.Create in operations:
                changes.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)))
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            changes.append(types.TextDocumentEdit(text_document=identifier, edits=edits))
            return types.WorkspaceEdit(document_changes=changes)
        return types.WorkspaceEdit(changes={uri: edits})

    def _file_text(self, path: str) -> str | None:
        uri = from_fs_path(path)
        if uri in self.documents:
            return self.documents[uri].text
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                return f.read()
        except (OSError, UnicodeDecodeError):
            return None

    def _new_config_folder(self, doc: OpenDocument) -> Path:
        """Where a new config goes: the workspace root, or the top of the document's repository."""
        if not doc.path:
            return Path(self.workspace.root_path or os.getcwd())
        folder = Path(doc.path).resolve().parent
        roots = [Path(to_fs_path(f.uri)).resolve() for f in self.workspace.folders.values() if to_fs_path(f.uri)]
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path).resolve())
        current = folder
        while True:
            if current in roots or (current / ".git").exists():
                return current
            if current.parent == current:
                return folder
            current = current.parent


# -- helpers ------------------------------------------------------------------------------

def _capability(root, *names):
    for name in names:
        if root is None:
            return None
        root = getattr(root, name, None)
    return root


def _code(diag) -> str | None:
    return None if diag.code is None else str(diag.code)


def _range_key(rng: types.Range) -> tuple:
    return rng.start.line, rng.start.character, rng.end.line, rng.end.character


def _range(positions: Positions, start: int, end: int, encoding: str) -> types.Range:
    (l1, c1), (l2, c2) = positions.range(start, end, encoding)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def _problem_diagnostic(problem) -> types.Diagnostic:
    line = max(0, (getattr(problem, "line", 0) or 1) - 1)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line + 1, character=0)),
        message=getattr(problem, "message", str(problem)), severity=types.DiagnosticSeverity.Error,
        source=SOURCE, code="config")


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", text)


def hover_text(finding, glossary_name: str, markdown: bool = True) -> str:
    """What a hover on a flagged term says: meaning, plain alternatives, glossary."""
    e = _escape if markdown else (lambda s: s)
    bold = (lambda s: f"**{s}**") if markdown else (lambda s: s)
    lines = [f"{bold(e(finding.term))} · jargon from {e(glossary_name)}", "", e(finding.explanation)]
    if finding.replacements:
        lines += ["", f"{bold('Plain alternatives:')} " + ", ".join(e(r) for r in finding.replacements)]
    else:
        lines += ["", "No plain word says the same: explain it in plain words."]
    if finding.url:
        lines += ["", f"[More about {e(finding.term)}]({finding.url})" if markdown else f"More: {finding.url}"]
    return "\n".join(lines)


# -- wiring -----------------------------------------------------------------------------------

def create_server() -> JargonServer:
    server = JargonServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: JargonServer, params: types.InitializeParams):
        ls.on_initialize(params)

    @server.feature(types.INITIALIZED)
    def initialized(ls: JargonServer, params: types.InitializedParams):
        ls.on_initialized()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: JargonServer, params):
        ls.on_shutdown()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: JargonServer, params: types.DidSaveTextDocumentParams):
        ls.did_save(params)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: JargonServer, params: types.DidChangeWatchedFilesParams):
        ls.did_change_watched_files(params)

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier="jargonlint", inter_file_dependencies=False, workspace_diagnostics=False))
    async def diagnostic(ls: JargonServer, params: types.DocumentDiagnosticParams):
        return await ls.pull(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: JargonServer, params: types.HoverParams):
        return await ls.hover(params)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: JargonServer, params: types.CodeActionParams):
        return await ls.code_actions(params)

    return server


def serve(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087) -> None:
    server = create_server()
    if tcp:
        server.start_tcp(host, port)
    else:
        server.start_io()
