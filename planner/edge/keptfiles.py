"""Folders of files the planner keeps for one user, so work done once is not done again.

A plan parsed from a file's bytes (``keptplan``) and the app's stylesheet
parsed by Textual (``tui.keptstyles``) are kept in the cache folder, each
kind in a folder of its own. What they hold is the user's (a plan's notes,
calendar addresses, the commands that give passwords), and what is read back
is unpickled, so a folder is used only when it is this user's own and nobody
else can write into it: not the user's, writable by the group or others, or
a symbolic link, and it is neither read nor written. The folder is opened
once, without following a link, and checked through that descriptor; every
file is then reached through it, so the folder cannot be swapped between the
check and the use. Files are 0600 in 0700 folders, written to a temporary
name and renamed (an interrupt leaves no half-written file; a killed process
leaves a temporary one that a later write prunes), never fsynced (a file cut
short by a crash fails its reader's checks). At most ``keep_at_most`` files
stay in a folder; those used longest ago go first. Where files cannot be
reached through the descriptor of a checked folder (Windows), nothing is kept.

Anything wrong with a kept file is the caller's miss, never an error: the
cache only ever costs time.
"""

from __future__ import annotations

import contextlib
import os
import time
import zlib
from pathlib import Path
from typing import Final

__all__ = ["SUPPORTED", "code_checksum", "read", "write"]

_TEMP_MARK: Final = ".tmp-"
_STALE_TEMP_SECONDS: Final = 60.0
"""A temporary kept file this old was left by a process that was killed mid-write; a write removes it."""
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
SUPPORTED: Final = (
    hasattr(os, "O_DIRECTORY")
    and hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "geteuid")
    and {os.open, os.rename, os.unlink} <= os.supports_dir_fd  # os.replace is os.rename's renameat, unlisted
    and os.scandir in os.supports_fd
)
"""Every step goes through one descriptor of the folder checked (POSIX): elsewhere nothing is kept."""


def read(cache: Path, folder: str, name: str, head: bytes) -> memoryview | None:
    """What follows ``head`` in ``cache/folder/name``, when the file begins with it; else ``None``.

    A file read counts as used (prune goes by last use, not last write).
    """
    fd = _open_folder(cache / folder, make=False)
    if fd is None:
        return None
    try:
        try:
            file_fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | _CLOEXEC, dir_fd=fd)
        except OSError:
            return None
        with os.fdopen(file_fd, "rb") as file:
            data = file.read()
            if not data.startswith(head):
                return None
            if os.utime in os.supports_fd:
                os.utime(file.fileno())
    except OSError:
        return None
    finally:
        os.close(fd)
    return memoryview(data)[len(head) :]


def write(cache: Path, folder: str, name: str, data: bytes, *, suffix: str, keep_at_most: int) -> None:
    """Keep ``data`` as ``cache/folder/name``; beyond ``keep_at_most`` files ending in ``suffix``, the oldest go."""
    fd = _open_folder(cache / folder, make=True)
    if fd is None:
        return
    tmp = f".{name}{_TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        file_fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC, 0o600, dir_fd=fd)
        try:
            with os.fdopen(file_fd, "wb") as file:
                file.write(data)
            os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)  # a link at the name is replaced
        except BaseException:  # an interrupt too: no half-written file is left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd)
            raise
        _prune(fd, suffix, keep_at_most)
    except OSError:
        pass
    finally:
        os.close(fd)


def code_checksum(root: Path, parts: tuple[str, ...]) -> str:
    """A checksum of source code: each module of ``parts`` under ``root`` (folders end in ``/``), by name and content.

    What was kept depends on the code that made it (the planner's parser, Textual's
    CSS parser): a kept file names this, so an upgrade or an edit does the work afresh.
    CRC-32, not SHA-256: it tells versions apart (CPython's own SHA-256 takes a
    millisecond here, on every command); keeping others out is the folder's job.
    """
    files: list[Path] = []
    for part in parts:
        if part.endswith("/"):
            with contextlib.suppress(OSError):
                files.extend(root / part / name for name in os.listdir(root / part) if name.endswith(".py"))
        else:
            files.append(root / part)
    files.sort()
    check, size = 0, 0
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"-"
        for chunk in (str(path.relative_to(root)).encode("utf-8", "surrogatepass"), data):
            check, size = zlib.crc32(chunk, check), size + len(chunk) + 1
    return f"{len(files)}:{size}:{check:08x}"


def _open_folder(folder: Path, *, make: bool) -> int | None:
    """A descriptor of ``folder`` when it is this user's own folder and nobody else can write into it.

    A folder is made only inside one of this user's own (``sudo`` with the
    user's HOME does not leave them a cache they cannot delete).
    """
    if not SUPPORTED:
        return None
    if make:
        _make(folder)
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
    except OSError:
        st = None
    if st is None or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        os.close(fd)
        return None
    return fd


def _make(folder: Path) -> None:
    """Make ``folder`` and the folders missing above it (0700), when the nearest one there is this user's."""
    missing = []
    where = folder
    while not os.path.lexists(where) and where != where.parent:
        missing.append(where)
        where = where.parent
    if not missing:
        return
    try:
        if os.lstat(where).st_uid != os.geteuid():
            return
        for path in reversed(missing):
            with contextlib.suppress(FileExistsError):
                os.mkdir(path, 0o700)
    except OSError:
        return


def _prune(folder: int, suffix: str, keep_at_most: int) -> None:
    """Beyond ``keep_at_most`` the files used longest ago go, and so do temporary files a killed process left."""
    kept_files = []
    now = time.time()
    with os.scandir(folder) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            if entry.name.endswith(suffix):
                kept_files.append((st.st_mtime_ns, entry.name))
            elif _TEMP_MARK in entry.name and now - st.st_mtime > _STALE_TEMP_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(entry.name, dir_fd=folder)
    for _, name in sorted(kept_files)[: max(0, len(kept_files) - keep_at_most)]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)
