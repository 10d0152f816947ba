"""Parallel checks (`--jobs 2`) report exactly what one process reports: across files, and in slices of a
long file. Run through the entry point, with the findings cache off so the workers do the work."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jargonlint.engine import SPLIT_CHARS
from tests.conftest import run_cli

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "board-briefing.md").read_text(encoding="utf-8")
NO_RESULTS_CACHE = {"JARGONLINT_NO_CACHE": "results"}


def findings(*args):
    proc = run_cli("check", "-f", "json", *args, env=NO_RESULTS_CACHE)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_a_folder_checked_by_two_workers(tmp_path):
    for n in range(12):
        (tmp_path / f"paper-{n:02}.md").write_text(f"# Paper {n}\n\n" + EXAMPLE * (n % 3 + 1), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Going forward we will action the virement.\n", encoding="utf-8")
    one, two = findings("--jobs", "1", str(tmp_path)), findings("--jobs", "2", str(tmp_path))
    assert two == one
    assert {Path(f["path"]).name for f in one["findings"]} == {p.name for p in tmp_path.iterdir()}


def test_a_long_file_checked_in_slices(tmp_path):
    doc = tmp_path / "long.md"
    # Unicode before the terms, and a different paragraph each time, so positions and slices both matter.
    pieces, n = [], 0
    while sum(map(len, pieces)) < SPLIT_CHARS * 1.2:
        pieces.append(f"## Section {n} — café ✓\n\n{EXAMPLE}\n\nItem {n}: we will leverage the virement.\n\n")
        n += 1
    text = "".join(pieces)
    doc.write_text(text, encoding="utf-8")
    one, two = findings("--jobs", "1", str(doc)), findings("--jobs", "2", str(doc))
    assert two == one
    found = one["findings"]
    lines = text.splitlines()
    assert sum(lines[f["line"] - 1].startswith("Item") and f["text"] == "leverage" for f in found) == n
    last = found[-1]  # the last finding points at its text, in characters, past all the slices before it
    assert lines[last["line"] - 1][last["column"] - 1:].startswith(last["text"])


def _processes_with(marker: str) -> list[int]:
    """Pids of processes whose command line holds `marker` (the parent, the broker and the workers share it)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def _start_long_check(tmp_path):
    doc = tmp_path / f"interrupted-{os.getpid()}.md"
    doc.write_text((EXAMPLE + "\n\n") * (SPLIT_CHARS // len(EXAMPLE) + 50), encoding="utf-8")
    exe = Path(sys.executable).parent / "jargonlint"
    proc = subprocess.Popen([str(exe), "check", "--jobs", "2", str(doc)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, **NO_RESULTS_CACHE})
    # The broker is forked as the check begins; it then needs a while to load spaCy.
    assert _wait_for(lambda: len(_processes_with(doc.name)) >= 2), "no broker process appeared"
    return proc, doc


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_ctrl_c_stops_every_process_with_one_line(tmp_path):
    proc, doc = _start_long_check(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal sends it: to the whole process group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.decode().strip() == "jargonlint: interrupted"
    assert _wait_for(lambda: not _processes_with(doc.name)), "worker processes outlived the interrupted check"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_workers_go_when_the_parent_is_killed(tmp_path):
    proc, doc = _start_long_check(tmp_path)
    proc.kill()
    proc.communicate(timeout=30)
    assert _wait_for(lambda: not _processes_with(doc.name)), "worker processes outlived their parent"
