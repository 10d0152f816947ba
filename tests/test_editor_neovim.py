"""A real editor as the client: headless Neovim applies a jargonlint quick fix.

CI installs Debian's neovim (0.7 in Debian 12); the Lua script uses only APIs
0.7 has (vim.lsp.start_client, vim.lsp.buf_attach_client,
vim.lsp.util.apply_workspace_edit).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORE_GLOSSARY

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).parent / "editors" / "quickfix.lua"

pytestmark = [
    pytest.mark.editor,
    pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not on PATH; install it with `apt-get install neovim`"),
]


def test_neovim_applies_a_quick_fix_after_an_emoji(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".jargonlint.yaml").write_text(
        "glossaries: {finance: false, it: false, clinical: false, general: false}\n"
        f"extra_glossaries: [{CORE_GLOSSARY}]\n", encoding="utf-8")
    doc = tmp_path / "briefing.md"
    doc.write_text("# Briefing\n\n😀 Utilising the tool helps.\n", encoding="utf-8")
    out = tmp_path / "out.md"
    env = {**os.environ, "JL_DOC": str(doc), "JL_OUT": str(out),
           "JL_CMD": json.dumps([sys.executable, "-m", "jargonlint", "lsp"]),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = subprocess.run([NVIM, "--headless", "--clean", "-n", "-c", f"luafile {SCRIPT}"], env=env,
                         cwd=tmp_path, capture_output=True, text=True, timeout=90)
    assert run.returncode == 0, run.stderr + run.stdout
    assert out.read_text(encoding="utf-8") == "# Briefing\n\n😀 Using the tool helps.\n"
    assert doc.read_text(encoding="utf-8") == "# Briefing\n\n😀 Utilising the tool helps.\n"  # the buffer, not the file
