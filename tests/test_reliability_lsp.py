"""The language server under bad input: raw JSON-RPC over the real `jargonlint lsp`.

No LSP client library here: the tests write Content-Length frames by hand so
they can send what a client library never would (broken JSON, a request
before `initialize`, a method nobody knows). Every wait is for a message with
a deadline, never a sleep. docs/reliability.md records what these cover.
"""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CORE_GLOSSARY
from jargonlint.api import lint_text
from jargonlint.config import load_config_file
from jargonlint.positions import Positions

TIMEOUT = 30.0
CORE_ONLY = f"""glossaries: {{finance: false, it: false, clinical: false, general: false}}
extra_glossaries: [{CORE_GLOSSARY}]
"""


class RawLsp:
    """`jargonlint lsp` as a subprocess, spoken to in raw framed JSON-RPC."""

    def __init__(self, cwd: Path):
        self.cwd = Path(cwd)
        self.stderr = open(self.cwd / "lsp-stderr.log", "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "jargonlint", "lsp"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        self.messages: queue.Queue = queue.Queue()
        self.seen: list[dict] = []
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- wire -----------------------------------------------------------------------

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            body = out.read(length)
            message = json.loads(body)
            if "method" in message and "id" in message:  # a request from the server: answer it
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            self.messages.put(message)

    def send_bytes(self, body: bytes):
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict):
        self.send_bytes(json.dumps(message).encode("utf-8"))

    def notify(self, method: str, params: dict):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict | None = None) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        return self.next_id

    def wait_for(self, accept, timeout: float = TIMEOUT) -> dict:
        """The first message (seen before or arriving now) that `accept` takes."""
        for message in self.seen:
            if accept(message):
                self.seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching message within {timeout}s; server alive: {self.proc.poll() is None}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise AssertionError(f"the server closed its output (exit {self.proc.wait(5)}): {self.log()[-2000:]}")
            if accept(message):
                return message
            self.seen.append(message)

    def response(self, request_id: int, timeout: float = TIMEOUT) -> dict:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)

    def publish(self, uri: str, version: int, timeout: float = TIMEOUT) -> dict:
        """The diagnostics published for `uri` at `version` (earlier versions' are dropped)."""
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri and m["params"].get("version") == version,
                             timeout)["params"]

    # -- lifecycle --------------------------------------------------------------------

    def initialize(self):
        rid = self.request("initialize", {"processId": None, "rootUri": self.cwd.as_uri(), "capabilities": {}})
        response = self.response(rid)
        assert "result" in response, response
        self.notify("initialized", {})
        return response

    def open(self, name: str, text: str, language: str = "markdown", version: int = 1) -> str:
        uri = (self.cwd / name).as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})
        return uri

    def alive(self) -> bool:
        """The server still answers a request (hover on nothing is a cheap one)."""
        rid = self.request("textDocument/hover", {"textDocument": {"uri": (self.cwd / "none.md").as_uri()},
                                                  "position": {"line": 0, "character": 0}})
        return "result" in self.response(rid) or "error" in self.response(rid)

    def log(self) -> str:
        self.stderr.flush()
        return (self.cwd / "lsp-stderr.log").read_text(errors="replace")

    def close(self):
        try:
            if self.proc.poll() is None:
                rid = self.request("shutdown")
                self.response(rid, timeout=10)
                self.notify("exit", {})
                self.proc.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.stderr.close()


@pytest.fixture
def lsp(tmp_path):
    (tmp_path / ".jargonlint.yaml").write_text(CORE_ONLY, encoding="utf-8")
    server = RawLsp(tmp_path)
    yield server
    server.close()


def expected(folder: Path, text: str, fmt: str = "markdown") -> list[tuple]:
    """What lint_text finds, as (range, code) in UTF-16 positions, the way the server reports it."""
    config = load_config_file(folder / ".jargonlint.yaml")
    positions = Positions(text)
    out = []
    for f in lint_text(text, config=config, format=fmt):
        (a, b), (c, d) = positions.range(f.offset, f.end_offset, "utf-16")
        out.append(((a, b, c, d), f.term_id))
    return sorted(out)


def got(params: dict) -> list[tuple]:
    out = []
    for d in params["diagnostics"]:
        r = d["range"]
        out.append(((r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"]), d["code"]))
    return sorted(out)


# -- the protocol's edges -----------------------------------------------------------------

def test_request_before_initialize_gets_an_error_and_the_server_stays_up(lsp):
    rid = lsp.request("textDocument/hover", {"textDocument": {"uri": "file:///x.md"},
                                             "position": {"line": 0, "character": 0}})
    response = lsp.response(rid)
    assert response["error"]["code"] == -32002  # ServerNotInitialized
    lsp.initialize()
    assert lsp.alive()


def test_malformed_messages_are_survived(lsp):
    lsp.initialize()
    lsp.send_bytes(b"{this is not json")
    lsp.send_bytes(b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {"nonsense": 1}}')
    lsp.send_bytes(b"[1, 2, 3]")
    lsp.send_bytes(b'"just a string"')
    lsp.send_bytes(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 5}}')
    lsp.send_bytes(b'{"jsonrpc": "2.0", "id": 100}')
    lsp.send_bytes("{\"jsonrpc\": \"2.0\", \"method\": \"\u00e9\ud800\"}".encode("utf-8", "surrogatepass"))
    invalid = lsp.response(99)
    assert invalid["error"]["code"] == -32602  # InvalidParams, not silence
    assert lsp.alive()
    uri = lsp.open("after.md", "We utilise it.\n")
    assert got(lsp.publish(uri, 1)) == expected(lsp.cwd, "We utilise it.\n")


def test_unknown_methods(lsp):
    lsp.initialize()
    rid = lsp.request("jargonlint/noSuchMethod", {"x": 1})
    assert lsp.response(rid)["error"]["code"] == -32601  # MethodNotFound
    lsp.notify("jargonlint/noSuchNotification", {})
    lsp.notify("$/someExtension", {})
    assert lsp.alive()


def test_a_ten_megabyte_document(lsp):
    lsp.initialize()
    line = "The board will meet the team and agree the plan before the deadline. " * 10 + "We utilise it.\n"
    text = line * (10_000_000 // len(line))
    uri = lsp.open("big.md", text)
    params = lsp.publish(uri, 1, timeout=120)
    assert len(params["diagnostics"]) == 10_000_000 // len(line)
    assert got(params) == expected(lsp.cwd, text)
    assert lsp.alive()


def test_a_hundred_rapid_edits_end_with_diagnostics_for_the_last_text(lsp):
    lsp.initialize()
    text = "# Notes\n\nNothing yet.\n"
    uri = lsp.open("edits.md", text)
    lsp.publish(uri, 1)
    words = ["utilise", "leverage", "plain", "virement", "close out", "agile", "use"]
    for version in range(2, 102):
        word = words[version % len(words)]
        if version % 10 == 0:  # now and then the whole text
            text = f"# Notes {version}\n\nWe {word} things.\n"
            change = {"text": text}
        else:  # mostly an insertion at the end, in UTF-16 positions, after an emoji
            lines = text.split("\n")
            insert = f"👍 {word} {version}. "
            position = {"line": len(lines) - 1, "character": len(lines[-1].encode("utf-16-le")) // 2}
            change = {"range": {"start": position, "end": position}, "text": insert}
            text += insert
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [change]})
    last = lsp.publish(uri, 101, timeout=60)
    assert got(last) == expected(lsp.cwd, text)
    assert lsp.alive()


def test_requests_during_a_burst_are_all_answered(lsp):
    lsp.initialize()
    uri = lsp.open("busy.md", "We utilise it.\n")
    ids = []
    for version in range(2, 40):
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"text": f"We utilise it {version} times.\n"}]})
        ids.append(lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                      "position": {"line": 0, "character": 4}}))
        ids.append(lsp.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 10}},
            "context": {"diagnostics": []}}))
    for rid in ids:
        assert "result" in lsp.response(rid)
    assert got(lsp.publish(uri, 39)) == expected(lsp.cwd, "We utilise it 39 times.\n")
