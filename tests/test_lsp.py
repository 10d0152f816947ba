"""The language server end to end: the real `jargonlint lsp` as a subprocess, driven by pytest-lsp.

Every wait is for a notification or a response, never a sleep. Exact
expectations use the core test glossary through a `.jargonlint.yaml` in a
temporary workspace.
"""
from __future__ import annotations

import asyncio
import os
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcMethodNotFound, JsonRpcServerNotInitialized
from pygls.protocol import LanguageServerProtocol
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import CORE_GLOSSARY
from jargonlint.lsp.server import allow_edit_toml, allow_edit_yaml, allowed_after, suppression_edit
from jargonlint.positions import Positions

SERVER = [sys.executable, "-m", "jargonlint", "lsp"]
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
TIMEOUT = 20.0
CORE_ONLY = f"""# only the core test glossary
glossaries: {{finance: false, it: false, clinical: false, general: false}}
extra_glossaries: [{CORE_GLOSSARY}]
"""

pytestmark = pytest.mark.filterwarnings("ignore::pytest_lsp.LspSpecificationWarning")


# -- a client that records every publish --------------------------------------------------

def make_client() -> LanguageClient:
    client = LanguageClient()
    client.published = {}  # uri -> the last PublishDiagnosticsParams
    client.publish_count = {}

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams):
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published[params.uri] = params
        ls.publish_count[params.uri] = ls.publish_count.get(params.uri, 0) + 1

    def register(ls: LanguageClient, params: types.RegistrationParams):
        ls.registrations = [*getattr(ls, "registrations", []), *params.registrations]

    features = {**DEFAULT_CLIENT_FEATURES, PUBLISH: publish, types.CLIENT_REGISTER_CAPABILITY: register}
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


async def diagnostics(client, uri, accept=lambda params: True, timeout=TIMEOUT):
    """Wait until the last publish for `uri` passes `accept`; return its diagnostics."""

    async def wait():
        while True:
            future = client.protocol.wait_for_notification(PUBLISH)  # registered before looking
            params = client.published.get(uri)
            if params is not None and accept(params):
                return list(params.diagnostics)
            await asyncio.wrap_future(future)

    return await asyncio.wait_for(wait(), timeout)


def of_version(version):
    return lambda params: params.version == version


async def next_publish(client, uri, accept=lambda params: True):
    seen = client.publish_count.get(uri, 0)
    return await diagnostics(client, uri, lambda p: client.publish_count.get(uri, 0) > seen and accept(p))


async def message(client, contains, timeout=TIMEOUT):
    async def wait():
        while True:
            future = client.protocol.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
            for m in client.messages:
                if contains in m.message:
                    return m
            await asyncio.wrap_future(future)

    return await asyncio.wait_for(wait(), timeout)


def open_doc(client, path: Path, text: str, language="markdown", version=1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client, uri, version, text=None, start=None, end=None, new=""):
    """A full replacement (`text`) or an incremental one (`start`..`end` -> `new`)."""
    if text is not None:
        event = types.TextDocumentContentChangeWholeDocument(text=text)
    else:
        event = types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)), text=new)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[event]))


def spans(diags):
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in diags]


def apply_edits(text: str, edits) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to a text, last first."""
    positions = Positions(text)
    located = sorted(((positions.offset(e.range.start.line, e.range.start.character),
                       positions.offset(e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                     reverse=True)
    for start, end, new in located:
        text = text[:start] + new + text[end:]
    return text


def edits_for(action: types.CodeAction, uri: str):
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes if isinstance(change, types.TextDocumentEdit)
                and change.text_document.uri == uri for e in change.edits]
    return list(edit.changes.get(uri, []))


async def actions_at(client, uri, diag):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))


def write(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def watched(client, *paths, kind=types.FileChangeType.Changed):
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=p.as_uri(), type=kind) for p in paths]))


async def start(client, root: Path, capabilities="visual-studio-code", options=None):
    return await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(capabilities), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=options))


async def stop(client):
    """Shut the server down politely, with a deadline: pygls' client would wait for it forever."""
    try:
        await asyncio.wait_for(client.shutdown_session(), 10)
    except Exception:  # noqa: BLE001 - a failed test may have left it in any state
        pass
    server = client._server
    if server is not None and server.returncode is None:
        server.kill()


# -- one server for most tests: a workspace on the core glossary ------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / ".git").mkdir()
    write(root / ".jargonlint.yaml", CORE_ONLY)
    return root


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: LanguageClient, workspace):
    await start(lsp_client, workspace)
    yield
    await stop(lsp_client)


@pytest.mark.asyncio(loop_scope="module")
async def test_open_publishes_exact_diagnostics(client, workspace):
    uri = open_doc(client, workspace / "open.md", "We will leverage our assets.\n\nThe virement was approved.\n")
    diags = await diagnostics(client, uri, of_version(1))
    assert spans(diags) == [("leverage", 0, 8, 0, 16), ("virement", 2, 4, 2, 12)]
    virement = diags[1]
    assert virement.source == "jargonlint"
    assert virement.severity == types.DiagnosticSeverity.Warning
    assert virement.data["replacements"] == ["budget transfer"]
    assert virement.data["explanation"] == "Moving money between budgets."
    assert virement.data["glossary"] == "core"
    assert "budget transfer" in virement.message


@pytest.mark.asyncio(loop_scope="module")
async def test_an_emoji_before_a_term_counts_two_utf16_units(client, workspace):
    uri = open_doc(client, workspace / "emoji.md", "😀 The virement 🎉 and the virement.\n")
    diags = await diagnostics(client, uri, of_version(1))
    # "😀" is two UTF-16 units: "😀 The " is 7 units; "🎉" adds two more before the second term.
    assert spans(diags) == [("virement", 0, 7, 0, 15), ("virement", 0, 27, 0, 35)]
    # An incremental edit addressed in UTF-16 units lands where the client meant it.
    change(client, uri, 2, start=(0, 27), end=(0, 35), new="transfer")
    diags = await diagnostics(client, uri, of_version(2))
    assert spans(diags) == [("virement", 0, 7, 0, 15)]


@pytest.mark.asyncio(loop_scope="module")
async def test_changes_are_rechecked(client, workspace):
    uri = open_doc(client, workspace / "change.md", "Nothing to see here.\n")
    assert await diagnostics(client, uri, of_version(1)) == []
    change(client, uri, 2, start=(0, 0), end=(0, 7), new="The virement")
    diags = await diagnostics(client, uri, of_version(2))
    assert spans(diags) == [("virement", 0, 4, 0, 12)]
    change(client, uri, 3, text="All plain now.\n")
    assert await diagnostics(client, uri, of_version(3)) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_quick_fix_replaces_in_the_word_form_and_case(client, workspace):
    text = "Utilising the tool helps.\n"
    uri = open_doc(client, workspace / "fix.md", text)
    diags = await diagnostics(client, uri, of_version(1))
    assert spans(diags) == [("utilise", 0, 0, 0, 9)]
    actions = await actions_at(client, uri, diags[0])
    replace = [a for a in actions if a.title.startswith("Replace")]
    assert [a.title for a in replace] == ["Replace 'Utilising' with 'Using'"]
    assert replace[0].kind == types.CodeActionKind.QuickFix and replace[0].is_preferred
    assert replace[0].diagnostics[0].code == "utilise"
    fixed = apply_edits(text, edits_for(replace[0], uri))
    assert fixed == "Using the tool helps.\n"
    change(client, uri, 2, text=fixed)
    assert await diagnostics(client, uri, of_version(2)) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_quick_fix_per_replacement(client, workspace):
    uri = open_doc(client, workspace / "key.md", "The key risks are listed.\n")
    diags = await diagnostics(client, uri, of_version(1))
    actions = await actions_at(client, uri, diags[0])
    assert [a.title for a in actions if a.title.startswith("Replace")] == [
        "Replace 'key' with 'important'", "Replace 'key' with 'main'"]


@pytest.mark.parametrize("language, name, comment", [
    ("markdown", "s.md", "<!-- jargonlint-disable-next-line virement -->\n"),
    ("html", "s.html", "<!-- jargonlint-disable-next-line virement -->\n"),
    ("plaintext", "s.txt", "jargonlint: disable-next-line virement\n"),
    ("restructuredtext", "s.rst", "\n.. jargonlint-disable-next-line virement\n\n"),
])
@pytest.mark.asyncio(loop_scope="module")
async def test_suppression_action_inserts_a_comment_in_the_documents_syntax(client, workspace, language, name, comment):
    text = "A first line.\nThe virement was approved.\n"
    if language == "html":
        text = "<p>A first line.\nThe virement was approved.</p>\n"
    uri = open_doc(client, workspace / "suppress" / name, text, language)
    diags = await diagnostics(client, uri, of_version(1))
    assert [d.code for d in diags] == ["virement"]
    actions = await actions_at(client, uri, diags[0])
    ignore = [a for a in actions if a.title.startswith("Ignore")]
    assert len(ignore) == 1
    [edit] = edits_for(ignore[0], uri)
    assert (edit.range.start.line, edit.range.start.character) == (1, 0)
    assert edit.new_text == comment
    change(client, uri, 2, text=apply_edits(text, [edit]))
    assert await diagnostics(client, uri, of_version(2)) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_explains_the_term(client, workspace):
    uri = open_doc(client, workspace / "hover.md", "The virement was approved.\n")
    await diagnostics(client, uri, of_version(1))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=6)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert "Moving money between budgets." in value
    assert "budget transfer" in value
    assert "Core test glossary" in value
    assert (hover.range.start.character, hover.range.end.character) == (4, 12)
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1)))
    assert nothing is None


@pytest.mark.asyncio(loop_scope="module")
async def test_allow_action_edits_the_config_and_keeps_its_comments(client, workspace):
    folder = workspace / "allowing"
    config = folder / ".jargonlint.yaml"
    write(config, CORE_ONLY + "allow:\n  - agile  # our house style\n")
    uri = open_doc(client, folder / "doc.md", "The virement was approved. We use agile methods.\n")
    diags = await diagnostics(client, uri, of_version(1))
    assert [d.code for d in diags] == ["virement"]
    actions = await actions_at(client, uri, diags[0])
    [allow] = [a for a in actions if a.title.startswith("Allow")]
    assert allow.title == "Allow 'virement' in this workspace (allowing/.jargonlint.yaml)"
    new = apply_edits(config.read_text(), edits_for(allow, config.as_uri()))
    assert new == CORE_ONLY + "allow:\n  - agile  # our house style\n  - virement\n"
    write(config, new)
    watched(client, config)
    assert await next_publish(client, uri, lambda p: not p.diagnostics) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_allow_action_in_pyproject(client, workspace):
    folder = workspace / "toml"
    pyproject = folder / "pyproject.toml"
    write(pyproject, f'[project]\nname = "x"\n\n[tool.jargonlint]\n# ours\nglossaries = {{finance = false, it = false, '
                     f'clinical = false, general = false}}\nextra_glossaries = ["{CORE_GLOSSARY}"]\n\n[tool.other]\nx = 1\n')
    uri = open_doc(client, folder / "doc.md", "The virement was approved.\n")
    diags = await diagnostics(client, uri, of_version(1))
    [allow] = [a for a in await actions_at(client, uri, diags[0]) if a.title.startswith("Allow")]
    new = apply_edits(pyproject.read_text(), edits_for(allow, pyproject.as_uri()))
    assert 'extra_glossaries = ["' in new and 'allow = ["virement"]\n\n[tool.other]' in new and "# ours" in new
    write(pyproject, new)  # no notification: the server sees the new stamp before the next check
    change(client, uri, 2, text="The virement was approved!\n")
    assert await diagnostics(client, uri, of_version(2)) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_team_glossary_changes_are_picked_up_without_restart(client, workspace):
    folder = workspace / "team"
    glossary = folder / "team.yaml"
    entry = ("  - id: {0}\n    term: {0}\n    replacements: [plain]\n    explanation: House jargon.\n"
             "    examples: {{flag: [The {0} is here.]}}\n    source: team\n")
    head = "id: team\nname: Team words\ndescription: Ours.\nsources:\n  team: {title: Us, licence: MIT}\nterms:\n"
    write(glossary, head + entry.format("frobnicator"))
    write(folder / ".jargonlint.yaml", CORE_ONLY.replace("]\n", ", team.yaml]\n"))
    uri = open_doc(client, folder / "doc.md", "The frobnicator and the widgetry.\n")
    assert [d.code for d in await diagnostics(client, uri, of_version(1))] == ["frobnicator"]
    write(glossary, head + entry.format("frobnicator") + entry.format("widgetry"))
    watched(client, glossary)
    diags = await next_publish(client, uri, lambda p: len(p.diagnostics) == 2)
    assert [d.code for d in diags] == ["frobnicator", "widgetry"]
    write(glossary, head + "  - id: [broken\n")  # a broken team glossary is reported on its own line
    watched(client, glossary)
    assert "team.yaml" in (await message(client, "team.yaml")).message
    problems = await diagnostics(client, glossary.as_uri())
    assert problems and problems[0].severity == types.DiagnosticSeverity.Error
    write(glossary, head + entry.format("frobnicator"))
    watched(client, glossary)
    assert await diagnostics(client, glossary.as_uri(), lambda p: not p.diagnostics) == []
    assert [d.code for d in await diagnostics(client, uri, lambda p: len(p.diagnostics) == 1)] == ["frobnicator"]


@pytest.mark.asyncio(loop_scope="module")
async def test_a_hundred_rapid_edits_end_with_the_last_texts_diagnostics(client, workspace):
    uri = open_doc(client, workspace / "rapid.md", "")
    await diagnostics(client, uri, of_version(1))
    text = ""
    for n in range(100):
        word = "virement" if n % 3 == 0 else "transfer"
        line = f"Line {n} has a {word}.\n"
        change(client, uri, n + 2, start=(n, 0), end=(n, 0), new=line)
        text += line
    diags = await diagnostics(client, uri, of_version(101))
    expected = [n for n in range(100) if n % 3 == 0]
    assert [d.range.start.line for d in diags] == expected
    assert {d.code for d in diags} == {"virement"}


@pytest.mark.asyncio(loop_scope="module")
async def test_closing_clears_diagnostics(client, workspace):
    uri = open_doc(client, workspace / "close.md", "The virement.\n")
    assert await diagnostics(client, uri, of_version(1))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await diagnostics(client, uri, lambda p: p.version is None) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_survives_malformed_input_unknown_methods_and_a_10mb_document(client, workspace):
    writer = client.protocol.writer
    answer = Future()  # the client's own bookkeeping, so the raw request's answer can be awaited
    client.protocol._request_futures["bad-params"] = answer
    for body in (b"{not json", b'{"jsonrpc": "2.0", "id": "bad-params", "method": "textDocument/hover", "params": 3}',
                 b"[]", b"\xff\xfe"):
        writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    with pytest.raises(JsonRpcException) as invalid:
        await asyncio.wait_for(asyncio.wrap_future(answer), TIMEOUT)
    assert invalid.value.code == -32602  # InvalidParams: answered, not dropped
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("jargonlint/noSuchMethod", {})
    client.protocol.notify("jargonlint/noSuchNotification", {})
    paragraph = "The board met and agreed the plan for the coming year in plain words. " * 12 + "\n\n"
    big = paragraph * (10_000_000 // len(paragraph)) + "Finally 😀 the virement.\n"
    uri = open_doc(client, workspace / "big.md", big)
    diags = await diagnostics(client, uri, of_version(1), timeout=60)
    last = big.count("\n") - 1
    assert spans(diags) == [("virement", last, 15, last, 23)]


# -- servers of their own -----------------------------------------------------------------------

@pytest_lsp.fixture(config=CONFIG)
async def fresh(lsp_client: LanguageClient):
    yield
    await stop(lsp_client)


@pytest.mark.asyncio
async def test_requests_before_initialize_are_refused_then_it_starts(fresh, tmp_path):
    with pytest.raises(JsonRpcException) as refused:  # sent as is: pytest-lsp's own check would refuse it
        await LanguageServerProtocol.send_request_async(fresh.protocol, types.TEXT_DOCUMENT_HOVER, types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri="file:///x.md"), position=types.Position(line=0, character=0)))
    assert refused.value.code == JsonRpcServerNotInitialized.CODE == -32002
    write(tmp_path / ".jargonlint.yaml", CORE_ONLY)
    result = await start(fresh, tmp_path)
    assert result.server_info.name == "jargonlint"
    uri = open_doc(fresh, tmp_path / "a.md", "The virement.\n")
    assert [d.code for d in await diagnostics(fresh, uri, of_version(1))] == ["virement"]


@pytest.mark.asyncio
async def test_a_broken_config_at_start_is_reported_and_the_server_keeps_serving(fresh, tmp_path):
    config = tmp_path / ".jargonlint.yaml"
    write(config, "audience: [not, a, string]\n")
    result = await start(fresh, tmp_path)
    assert result.capabilities.hover_provider
    shown = await message(fresh, ".jargonlint.yaml")
    assert shown.type == types.MessageType.Error and "audience" in shown.message
    problems = await diagnostics(fresh, config.as_uri())
    assert problems[0].range.start.line == 0 and "audience" in problems[0].message
    uri = open_doc(fresh, tmp_path / "a.md", "The virement was approved.\n")
    await diagnostics(fresh, uri, of_version(1))  # checked with the defaults meanwhile
    write(config, CORE_ONLY)
    watched(fresh, config)
    assert await next_publish(fresh, config.as_uri()) == []
    diags = await diagnostics(fresh, uri, lambda p: [d.data["glossary"] for d in p.diagnostics] == ["core"])
    assert spans(diags) == [("virement", 0, 4, 0, 12)]


@pytest.mark.asyncio
async def test_pull_diagnostics_when_the_client_asks_for_them(fresh, tmp_path):
    write(tmp_path / ".jargonlint.yaml", CORE_ONLY)
    await start(fresh, tmp_path, capabilities="neovim@v0.10.0")
    uri = open_doc(fresh, tmp_path / "pull.md", "The virement was approved.\n")
    identifier = types.TextDocumentIdentifier(uri=uri)
    report = await fresh.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=identifier))
    assert report.kind == "full" and spans(report.items) == [("virement", 0, 4, 0, 12)]
    again = await fresh.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=identifier, previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id
    change(fresh, uri, 2, text="Plain.\n")
    after = await fresh.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=identifier, previous_result_id=report.result_id))
    assert after.kind == "full" and not after.items
    assert uri not in fresh.published  # a pull client is not pushed to as well


@pytest.mark.asyncio
async def test_utf32_positions_when_the_client_prefers_them(fresh, tmp_path):
    write(tmp_path / ".jargonlint.yaml", CORE_ONLY)
    result = await start(fresh, tmp_path, capabilities="emacs")  # eglot offers utf-32 first
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf32
    uri = open_doc(fresh, tmp_path / "e.md", "😀 The virement.\n")
    assert spans(await diagnostics(fresh, uri, of_version(1))) == [("virement", 0, 6, 0, 14)]


# -- the edits, as plain functions --------------------------------------------------------------

def edited(text, change):
    start, end, new = change
    return text[:start] + new + text[end:]


@pytest.mark.parametrize("before, after", [
    ("", "allow:\n  - virement\n"),
    ("audience: public", "audience: public\nallow:\n  - virement\n"),
    ("allow: []\n", "allow: [virement]\n"),
    ("allow: [agile]  # ours\n", "allow: [agile, virement]  # ours\n"),
    ("allow:\n  - agile\n# after\naudience: public\n", "allow:\n  - agile\n  - virement\n# after\naudience: public\n"),
    ("allow:\n- agile\n", "allow:\n- agile\n- virement\n"),
    ("allow:\n\naudience: public\n", "allow:\n  - virement\n\naudience: public\n"),
    ("allow:\r\n  - agile\r\n", "allow:\r\n  - agile\r\n  - virement\r\n"),
])
def test_allow_edit_yaml(before, after):
    new = edited(before, allow_edit_yaml(before, "virement"))
    assert new == after
    assert allowed_after(new, "/w/.jargonlint.yaml", "virement")


def test_allow_edit_yaml_quotes_what_yaml_would_misread():
    new = edited("", allow_edit_yaml("", "yes"))
    assert new == 'allow:\n  - "yes"\n' and allowed_after(new, "/w/.jargonlint.yaml", "yes")


@pytest.mark.parametrize("before, after", [
    ('[tool.jargonlint]\naudience = "public"\n', '[tool.jargonlint]\naudience = "public"\nallow = ["virement"]\n'),
    ('[tool.jargonlint]\nallow = []\n', '[tool.jargonlint]\nallow = ["virement"]\n'),
    ('[tool.jargonlint]\nallow = ["a]b"] # x\n', '[tool.jargonlint]\nallow = ["a]b", "virement"] # x\n'),
    ('[tool.jargonlint]\nallow = [\n    "agile",  # ours\n]\n[x]\n',
     '[tool.jargonlint]\nallow = [\n    "agile",  # ours\n    "virement",\n]\n[x]\n'),
    ('[tool.jargonlint]\nallow = [\n  "agile"  # ours\n]\n', '[tool.jargonlint]\nallow = [\n  "agile",  # ours\n  "virement",\n]\n'),
    ('[tool.jargonlint]\nallow = [\n  "agile"]\n', '[tool.jargonlint]\nallow = [\n  "agile",\n  "virement"]\n'),
])
def test_allow_edit_toml(before, after):
    new = edited(before, allow_edit_toml(before, "virement"))
    assert new == after
    assert allowed_after(new, "/w/pyproject.toml", "virement")


@pytest.mark.parametrize("fmt, line, expected", [
    ("markdown", "> The virement", "> <!-- jargonlint-disable-next-line virement -->\n"),
    ("markdown", "  - The virement", "    <!-- jargonlint-disable-next-line virement -->\n"),
    ("text", "\tThe virement", "\tjargonlint: disable-next-line virement\n"),
])
def test_suppression_edit_keeps_the_lines_container(fmt, line, expected):
    text = "First.\n\n" + line + "\n"
    offset, insert = suppression_edit(Positions(text), 2, fmt, "virement")
    assert (offset, insert) == (8, expected)


# -- positions: the one place that converts ---------------------------------------------------

@pytest.mark.parametrize("encoding, character", [("utf-16", 7), ("utf-8", 9), ("utf-32", 6)])
def test_positions_count_the_negotiated_code_units(encoding, character):
    text = "first\r\n😀 The virement\rlast"
    positions = Positions(text)
    offset = text.index("virement")
    assert positions.position(offset, encoding) == (1, character)
    assert positions.offset(1, character, encoding) == offset


def test_positions_line_ends_are_lsps_own():
    text = "a\u2028b\x0cc\nd\r\ne\rf"  # U+2028 and form feed are not line ends in LSP
    positions = Positions(text)
    assert [positions.line_text(n) for n in range(positions.line_count)] == ["a\u2028b\x0cc", "d", "e", "f"]
    assert positions.position(text.index("c")) == (0, 4)


def test_positions_clamp_and_round_down_inside_a_character():
    positions = Positions("😀x\nend")
    assert positions.offset(0, 1) == 0  # half a surrogate pair: before the emoji
    assert positions.offset(0, 99) == 2  # past the line's end: its end
    assert positions.offset(7, 0) == len("😀x\nend")  # past the last line: the end of the text
    assert Positions("é😀x").offset(0, 2, "utf-8") == 1  # inside a UTF-8 sequence
