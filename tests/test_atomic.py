"""Atomic writes: the new bytes in full, or the original untouched and no temporary file left."""
from __future__ import annotations

import errno
import os

import pytest

from jargonlint.atomic import TEMP_SUFFIX, WriteError, write_bytes

ORIGINAL = b"# Brief\r\n\r\nWe utilise it.\r\n"
NEW = b"# Brief\r\n\r\nWe use it.\r\n" * 10000  # several write chunks


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "brief.md"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def test_writes_the_bytes_exactly_and_keeps_the_mode(doc):
    write_bytes(doc, NEW)
    assert doc.read_bytes() == NEW
    assert doc.stat().st_mode & 0o777 == 0o640
    assert leftovers(doc.parent) == []


def test_new_file_gets_the_usual_mode(tmp_path):
    path = tmp_path / "new.md"
    umask = os.umask(0o022)
    try:
        write_bytes(path, b"x")
    finally:
        os.umask(umask)
    assert path.read_bytes() == b"x" and path.stat().st_mode & 0o777 == 0o644


def test_a_link_stays_a_link(doc, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(doc.name)
    write_bytes(link, NEW)
    assert link.is_symlink() and doc.read_bytes() == NEW


def test_disk_full_half_way_leaves_the_original(doc, monkeypatch):
    real_write = os.write
    calls = []

    def full_disk(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data)[: len(data) // 2])  # a short write, then the disk fills
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError) as info:
        write_bytes(doc, NEW)
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC
    assert len(calls) == 2
    assert doc.read_bytes() == ORIGINAL
    assert leftovers(doc.parent) == []


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
def test_failure_at_any_later_step_leaves_the_original(doc, monkeypatch, step):
    def boom(*args, **kwargs):
        raise OSError(errno.EIO, f"{step} failed")

    monkeypatch.setattr(os, step, boom)
    with pytest.raises(OSError):
        write_bytes(doc, NEW)
    monkeypatch.undo()
    assert doc.read_bytes() == ORIGINAL
    assert leftovers(doc.parent) == []


def test_interrupted_write_leaves_the_original(doc, monkeypatch):
    def interrupted(fd, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes(doc, NEW)
    monkeypatch.undo()
    assert doc.read_bytes() == ORIGINAL
    assert leftovers(doc.parent) == []


def test_read_only_file_is_refused(doc):
    doc.chmod(0o444)
    with pytest.raises(WriteError) as info:
        write_bytes(doc, NEW)
    assert info.value.errno == errno.EACCES and "read-only" in str(info.value)
    assert doc.read_bytes() == ORIGINAL
    assert leftovers(doc.parent) == []


def test_read_only_folder_is_an_error(doc):
    if os.geteuid() == 0:
        pytest.skip("root may write into a read-only folder")
    doc.parent.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_bytes(doc, NEW)
    finally:
        doc.parent.chmod(0o755)
    assert doc.read_bytes() == ORIGINAL
    assert leftovers(doc.parent) == []


def test_not_a_regular_file_is_refused(tmp_path):
    with pytest.raises(WriteError):
        write_bytes(tmp_path, b"x")
