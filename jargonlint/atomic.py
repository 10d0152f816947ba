"""Write a file's new bytes atomically: all of them, or none.

The new content goes to a temporary file in the same folder (so the final
rename never crosses file systems), is flushed and fsynced, takes the
original's permission bits, and only then replaces the original with
``os.replace``. If anything fails on the way (a read-only file, a full disk,
an interrupted write) the original is untouched and the temporary file is
removed. Bytes are written as given: the caller keeps encoding, byte-order
mark and line endings.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile

TEMP_SUFFIX = ".jargonlint-tmp"
_CHUNK = 1 << 16


class WriteError(OSError):
    """The file could not be written; the original is as it was."""


def write_bytes(path, data: bytes) -> None:
    """Replace the contents of ``path`` with ``data`` atomically.

    A symbolic link is followed: its target gets the new contents and the
    link stays a link. A file that is not writable is refused (renaming over
    it would succeed in a writable folder, which would be a surprise).
    """
    target = os.path.realpath(os.fspath(path))
    folder = os.path.dirname(target) or "."
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(errno.EINVAL, "not a regular file", os.fspath(path))
        if not (info.st_mode & 0o222) or not os.access(target, os.W_OK):
            raise WriteError(errno.EACCES, "file is read-only", os.fspath(path))
    fd, temp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(target) + ".", suffix=TEMP_SUFFIX)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if info is not None:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
            _keep_owner(temp, info)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    position = 0
    while position < len(view):
        written = os.write(fd, view[position:position + _CHUNK])
        if written <= 0:  # pragma: no cover - os.write raises rather than return 0 on a real file
            raise OSError(errno.EIO, "write made no progress")
        position += written


def _keep_owner(temp: str, info: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    try:
        if os.stat(temp).st_uid != info.st_uid or os.stat(temp).st_gid != info.st_gid:
            os.chown(temp, info.st_uid, info.st_gid)
    except OSError:
        pass  # only root may give a file away; the mode is kept regardless


def _sync_folder(folder: str) -> None:
    """Make the rename durable; best effort (not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
