#!/usr/bin/env python3
"""jargonlint's speed benchmark: start-up, throughput, editor latency, scaling.

    python benchmarks/run.py                 # all, 5 runs each, corpus from ../shared/bench
    python benchmarks/run.py --runs 3 --only startup,md

Prints one table (medians over the runs) and writes it as JSON to
benchmarks/results/latest.json. Every run is a fresh `jargonlint` process, so
start-up is always included. "cold" runs have no cached findings (the compiled
glossaries are cached, as after any first run); "warm" runs reuse the findings
of unchanged files, as a pre-commit hook or CI re-run does.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH = Path(os.environ.get("JARGONLINT_BENCH", ROOT.parent / "shared" / "bench"))


def jargonlint_cmd():
    exe = Path(sys.executable).parent / "jargonlint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "jargonlint"]


def timed(cmd, env=None):
    """Wall time (s) and peak memory (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(cmd)} failed ({proc.returncode}): {err[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs, cmd, env=None):
    times, peaks = [], []
    for _ in range(runs):
        t, m = timed(cmd, env)
        times.append(t)
        peaks.append(m)
    return statistics.median(times), max(peaks)


def words_in(paths):
    return sum(len(Path(p).read_text(encoding="utf-8", errors="replace").split()) for p in paths)


def bench_startup(runs, tmp):
    one = tmp / "one.txt"
    one.write_text("The hospital will open a new car park next year.\n")
    jargon = tmp / "jargon.txt"
    jargon.write_text("We will leverage the virement.\n")
    floor, _ = median_of(runs, [sys.executable, "-c", "import spacy; spacy.blank('en')"])
    clean, mem = median_of(runs, jargonlint_cmd() + ["check", str(one)], {"JARGONLINT_NO_CACHE": "results"})
    flagged, _ = median_of(runs, jargonlint_cmd() + ["check", str(jargon)], {"JARGONLINT_NO_CACHE": "results"})
    return [
        ("start-up floor: python -c 'import spacy; spacy.blank(\"en\")'", f"{floor:.3f} s", {"seconds": floor}),
        ("start-up: check a one-line file (no jargon)", f"{clean:.3f} s ({clean - floor:+.3f} s vs floor)", {"seconds": clean, "vs_floor": clean - floor}),
        ("start-up: check a one-line file (with jargon)", f"{flagged:.3f} s ({flagged - floor:+.3f} s vs floor)", {"seconds": flagged, "vs_floor": flagged - floor}),
    ]


def bench_corpus(label, target, words, runs, extra=()):
    rows = []
    for mode, env in (("cold", {"JARGONLINT_NO_CACHE": "results"}), ("warm", {})):
        cmd = jargonlint_cmd() + ["check", "--format", "json", *extra, str(target)]
        if mode == "warm":
            timed(cmd, env)  # fill the findings cache
        seconds, peak = median_of(runs, cmd, env)
        rows.append((f"{label} ({mode})", f"{seconds:.2f} s, {words / seconds:,.0f} words/s, peak {peak:.0f} MB",
                     {"seconds": seconds, "words": words, "words_per_second": words / seconds, "peak_mb": peak}))
    return rows


def bench_jobs(label, target, words, runs):
    out, speeds = [], {}
    for jobs in (1, 2):
        cmd = jargonlint_cmd() + ["check", "--format", "json", "--jobs", str(jobs), str(target)]
        seconds, peak = median_of(runs, cmd, {"JARGONLINT_NO_CACHE": "results"})
        speeds[jobs] = seconds
        out.append((f"{label} --jobs {jobs} (cold)", f"{seconds:.2f} s, {words / seconds:,.0f} words/s, peak {peak:.0f} MB",
                    {"seconds": seconds, "words_per_second": words / seconds, "peak_mb": peak}))
    ratio = speeds[1] / speeds[2]
    out.append((f"scaling: {label} --jobs 2 vs --jobs 1", f"{ratio:.2f}x", {"speedup": ratio}))
    return out


def verdict(name, data):
    """The issue's target for a row, and whether this run met it."""
    checks = []
    if "vs_floor" in data and "with jargon" in name:
        checks.append(("within 0.15 s of the floor", data["vs_floor"] <= 0.15))
    if "words_per_second" in data and "--jobs" not in name:
        floor = 250_000 if name.startswith("Markdown") else 500_000
        checks.append((f"{floor:,} words/s", data["words_per_second"] >= floor))
    if "peak_mb" in data:
        checks.append(("under 300 MB", data["peak_mb"] < 300))
    if "speedup" in data and "Markdown" in name:
        checks.append(("1.7x", data["speedup"] >= 1.7))
    if "p95_ms" in data:
        checks.append(("p95 under 50 ms", data["p95_ms"] < 50))
    return "; ".join(f"{text}: {'met' if ok else 'NOT met'}" for text, ok in checks)


class LspClient:
    """Just enough of an LSP client to time diagnostics after an edit."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.waiters = {}
        self.diagnostics = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            with self.cond:
                if message.get("method") == "textDocument/publishDiagnostics":
                    self.diagnostics.append((time.perf_counter(), message["params"]))
                elif "id" in message and "method" not in message:
                    self.waiters[message["id"]] = message
                elif "id" in message:  # a request from the server: answer null
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self.cond.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        with self.cond:
            self.cond.wait_for(lambda: self.next_id in self.waiters, timeout=60)
            return self.waiters.pop(self.next_id)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version, timeout=30):
        with self.cond:
            ok = self.cond.wait_for(lambda: any(p["uri"] == uri and p.get("version") == version
                                                for _, p in self.diagnostics), timeout=timeout)
            if not ok:
                raise SystemExit("benchmark: no diagnostics from the language server")
            return next(t for t, p in self.diagnostics if p["uri"] == uri and p.get("version") == version)

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def bench_editor(runs, tmp):
    words = []
    for path in sorted((BENCH / "md").glob("*.md")):
        words.extend(path.read_text(encoding="utf-8").split())
        if len(words) >= 5000:
            break
    lines = [" ".join(words[i:i + 12]) for i in range(0, 5000, 12)]
    text = "\n\n".join(lines) + "\n"
    doc = tmp / "latency.md"
    doc.write_text(text)
    uri = doc.as_uri()
    client = LspClient(jargonlint_cmd() + ["lsp"])
    client.request("initialize", {"processId": os.getpid(), "rootUri": tmp.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    client.wait_diagnostics(uri, 1, timeout=120)
    samples = []
    edits = max(40, runs * 10)
    for n in range(edits):
        version = n + 2
        line = (n * 37) % len(lines) * 2
        word = "leverage" if n % 2 else "use"
        sent = time.perf_counter()
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                                "text": word + " "}]})
        received = client.wait_diagnostics(uri, version)
        samples.append((received - sent) * 1000)
        time.sleep(0.12)  # a typist's pause, so each edit is measured on its own
    client.close()
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    return [("editor: diagnostics after a one-word edit, 5,000-word Markdown",
             f"median {p50:.1f} ms, p95 {p95:.1f} ms ({len(samples)} edits)",
             {"median_ms": p50, "p95_ms": p95, "edits": len(samples)})]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="startup,md,big,jobs,editor")
    args = parser.parse_args()
    if not (BENCH / "md").is_dir():
        raise SystemExit(f"benchmark: no corpus at {BENCH} (set JARGONLINT_BENCH)")
    wanted = set(args.only.split(","))
    rows = []
    cache = tempfile.mkdtemp(prefix="jargonlint-bench-cache-")
    os.environ["JARGONLINT_CACHE_DIR"] = cache
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        subprocess.run(jargonlint_cmd() + ["check", "--exit-zero", str(ROOT / "README.md")], capture_output=True)  # compile glossaries once
        if "startup" in wanted:
            rows += bench_startup(args.runs, tmp)
        if "md" in wanted:
            md = BENCH / "md"
            rows += bench_corpus("Markdown corpus (192 files)", md, words_in(sorted(md.glob("*.md"))), args.runs)
        if "big" in wanted:
            big = BENCH / "big" / "python311-docs.txt"
            rows += bench_corpus("11 MB text file", big, words_in([big]), max(1, args.runs // 2 + 1))
        if "jobs" in wanted:
            md = BENCH / "md"
            rows += bench_jobs("Markdown corpus", md, words_in(sorted(md.glob("*.md"))), args.runs)
            big = BENCH / "big" / "python311-docs.txt"
            rows += bench_jobs("11 MB text file", big, words_in([big]), max(1, args.runs // 2 + 1))
        if "editor" in wanted:
            rows += bench_editor(args.runs, tmp)
    shutil.rmtree(cache, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    rows = [(name, text, {**data, "target": verdict(name, data)}) for name, text, data in rows]
    width = max(len(r[0]) for r in rows)
    print(f"jargonlint benchmark, {date.today()}, {machine}, medians of {args.runs} runs")
    print(f"| {'measure'.ljust(width)} | result | target |\n| {'-' * width} | ------ | ------ |")
    for name, text, data in rows:
        print(f"| {name.ljust(width)} | {text} | {data['target']} |")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(
        {"date": str(date.today()), "machine": machine, "runs": args.runs, "results": {r[0]: r[2] for r in rows}}, indent=2))


if __name__ == "__main__":
    main()
