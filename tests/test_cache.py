"""The on-disk caches: findings come back only for the very bytes, config and glossaries that made them,
a damaged entry is ignored, and old entries are pruned."""
from __future__ import annotations

import json
import os
import time

from jargonlint import cache
from tests.conftest import run_cli


def check(path, cache_dir, *args, env=None):
    proc = run_cli("check", "-f", "json", *args, str(path), env={"JARGONLINT_CACHE_DIR": str(cache_dir), **(env or {})})
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["line"], f["column"], f["term_id"]) for f in json.loads(proc.stdout)["findings"]]


def entries(cache_dir, kind):
    return sorted((cache_dir / kind).glob("*/*.pickle"))


def test_findings_come_from_the_cache_only_for_the_same_bytes_and_settings(tmp_path):
    store, doc = tmp_path / "cache", tmp_path / "brief.md"
    doc.write_text("We will leverage the virement.\n", encoding="utf-8")
    first = check(doc, store)
    assert [t for *_, t in first] == ["leverage-use", "virement"]
    assert len(entries(store, "results")) == 1
    assert check(doc, store) == first  # unchanged: served from the entry
    assert len(entries(store, "results")) == 1
    doc.write_text("Going forward, we will leverage it.\n", encoding="utf-8")
    assert [t for *_, t in check(doc, store)] == ["going-forward", "leverage-use"]  # changed bytes: checked again
    assert [t for *_, t in check(doc, store, "--audience", "finance")] == ["going-forward", "leverage-use"]
    assert len(entries(store, "results")) == 3  # one per (bytes, settings)


def test_a_damaged_entry_is_checked_again(tmp_path):
    store, doc = tmp_path / "cache", tmp_path / "brief.md"
    doc.write_text("We will leverage the virement.\n", encoding="utf-8")
    first = check(doc, store)
    for entry in entries(store, "results"):
        entry.write_bytes(b"not a pickle")
    assert check(doc, store) == first


def test_no_cache_writes_nothing(tmp_path):
    store, doc = tmp_path / "cache", tmp_path / "brief.md"
    doc.write_text("We will leverage the virement.\n", encoding="utf-8")
    check(doc, store, env={"JARGONLINT_NO_CACHE": "1"})
    assert not store.exists() or not any(store.rglob("*.pickle"))


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("JARGONLINT_CACHE_DIR", str(tmp_path))
    now = time.time()
    for n in range(5):
        cache.store("glossaries", f"{n:02}" * 20, n)
        os.utime(cache._path("glossaries", f"{n:02}" * 20), (now - 100 + n, now - 100 + n))
    monkeypatch.setitem(cache.KEEP, "glossaries", 3)
    assert cache.load("glossaries", "00" * 20) == 0  # used now, so among the newest
    cache.store("glossaries", "05" * 20, 5)
    kept = {cache.load("glossaries", f"{n:02}" * 20) for n in range(6)} - {None}
    assert kept == {0, 4, 5}

    cache.store("results", "aa" * 20, "recent")
    cache.store("results", "bb" * 20, "stale")
    month_ago = now - (cache.MAX_AGE_DAYS + 1) * 86_400
    os.utime(cache._path("results", "bb" * 20), (month_ago, month_ago))
    cache.prune("results", now)  # pruned once a day: not again today
    assert cache._path("results", "bb" * 20).exists()
    cache.prune("results", now + 86_401)
    assert cache.load("results", "aa" * 20) == "recent"
    assert cache.load("results", "bb" * 20) is None
