"""The file system as the planner meets it: odd files, shared folders, umasks and links.

``store`` (plans) and ``output`` (``-o`` files) build on these few moves, so
that every file the planner reads or writes gets the same care:

- only regular files are read, never a FIFO, a device or a folder, and never
  more than ``MAX_READ_BYTES`` (a FIFO is never opened blocking, so nothing hangs);
- a new file follows the umask; a file that replaces another takes its owner
  where it can, and its group and mode always (shared plans stay shared);
- temporary files have a name no one else uses, and only the ones made here
  are removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Final

from planner.core.errors import PlanError

__all__ = [
    "MAX_READ_BYTES",
    "NotAFile",
    "TooBig",
    "check_regular",
    "describe",
    "fsync_dir",
    "keep_owner",
    "read_regular",
    "reason",
    "temp_beside",
    "write_all",
    "write_new",
]

MAX_READ_BYTES: Final = 64 * 1024 * 1024
"""64 MiB: about eight times the largest plan the tests load (100,000 resources, ~8 MB).

A plan people write is a few kilobytes; the limit exists so that a file that
is not a plan (a disk image, a log grown without end) is refused at once
rather than read whole into memory and parsed for minutes.
"""

_TMP_MARK: Final = ".tmp-"
_READ_FLAGS: Final = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


class NotAFile(OSError):
    """The path is something other than a regular file (a folder, a FIFO, a device, a socket)."""

    def __init__(self, path: Path, mode: int) -> None:
        self.what = describe(mode)
        """``a folder``, ``a FIFO (named pipe)``...: what it is instead."""
        code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
        super().__init__(code, f"is {self.what}, not a regular file", str(path))


class TooBig(OSError):
    """The file is larger than the planner reads."""


def describe(mode: int) -> str:
    """What a non-regular file is, in words a person knows."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int = MAX_READ_BYTES) -> tuple[bytes, os.stat_result]:
    """All of ``path`` (links followed) and its stat, if it is a regular file of at most ``limit`` bytes.

    Raises ``NotAFile`` or ``TooBig`` (both ``OSError``), or the ``OSError`` of
    the open. The file is looked at before it is opened and opened without
    blocking, so a FIFO put in its place between the two cannot hang the reader.
    """
    st = os.stat(path)
    check_regular(path, st, limit)
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        check_regular(path, st, limit)  # it may have been swapped since the stat
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise TooBig(errno.EFBIG, _too_big(total, limit), str(path))
        return b"".join(chunks), st
    finally:
        os.close(fd)


def check_regular(path: Path, st: os.stat_result, limit: int = MAX_READ_BYTES) -> None:
    """``NotAFile`` or ``TooBig`` unless ``st`` (of ``path``) is a regular file ``read_regular`` would read."""
    if not stat.S_ISREG(st.st_mode):
        raise NotAFile(path, st.st_mode)
    if st.st_size > limit:
        raise TooBig(errno.EFBIG, _too_big(st.st_size, limit), str(path))


def _too_big(size: int, limit: int) -> str:
    return f"is {size:,} bytes, more than the {limit:,} bytes ({limit >> 20} MB) the planner reads"


def reason(exc: OSError) -> str:
    """Why an operation failed, in a few words (the disk full said plainly)."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def temp_beside(path: Path) -> Path:
    """A hidden name beside ``path`` that no other file has: this process's id and random bits."""
    return path.with_name(f".{path.name}{_TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def keep_owner(fd: int, like: os.stat_result, *, strict: bool = True) -> None:
    """Give the open file ``fd`` the owner of ``like`` where allowed, and its group.

    Only root may give a file away, so the owner is kept when it can be; the
    group can be kept by any member of it. When it cannot, and ``strict`` and
    the group may write the file (a plan shared by a group, which would lock
    the others out if it changed group), the ``PermissionError`` says so; a
    group that may not write is kept where it can be (a plan of one's own whose
    group one has left is still saved).
    """
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (like.st_uid, like.st_gid):
        return
    try:
        os.fchown(fd, like.st_uid, like.st_gid)
        return
    except PermissionError:
        pass
    if mine.st_gid == like.st_gid:
        return
    try:
        os.fchown(fd, -1, like.st_gid)
    except PermissionError:
        if strict and like.st_mode & stat.S_IWGRP:
            raise PermissionError(
                errno.EPERM, f"cannot give the new file the group {_group_name(like.st_gid)} of the old one"
            ) from None


def _group_name(gid: int) -> str:
    try:
        import grp

        return repr(grp.getgrgid(gid).gr_name)
    except (ImportError, KeyError):
        return str(gid)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_new(
    path: Path,
    data: bytes,
    *,
    like: os.stat_result | None = None,
    exact: bool = True,
    strict: bool = True,
) -> None:
    """Create ``path`` (never an existing file or link), write ``data`` and sync it.

    - no ``like``: a new file, ``0o666`` narrowed by the umask, as any program makes one;
    - ``like`` and ``exact``: the file replaces ``like``; its owner (where allowed),
      group and mode are kept exactly (``strict``: fail rather than change the group);
    - ``like``, not ``exact``: a copy of ``like`` beside it: its group where allowed,
      its mode narrowed by the umask (a 0600 plan's copy is 0600, and ``umask 077`` holds).
    On failure the partly written file is removed and the ``OSError`` raised.
    """
    create_mode = 0o666 if like is None else (0o600 if exact else stat.S_IMODE(like.st_mode) & 0o666)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, create_mode)
    try:
        try:
            write_all(fd, data)
            if like is not None:
                keep_owner(fd, like, strict=strict and exact)
                if exact:
                    os.fchmod(fd, stat.S_IMODE(like.st_mode))  # after chown, which clears setgid
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a folder that cannot be synced is left as it is."""
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


def plan_error(exc: OSError, source: str) -> PlanError:
    """A failed read of a plan file, said the way every front end shows a plan's error."""
    if isinstance(exc, FileNotFoundError):
        return PlanError("no such plan file", source=source)
    if isinstance(exc, NotAFile):
        return PlanError(f"is {exc.what}, not a plan file", source=source)
    if isinstance(exc, TooBig):
        return PlanError(f"{exc.strerror}; a plan is far smaller: is it the right file?", source=source)
    return PlanError(f"cannot be read: {exc.strerror or exc}", source=source)


def check_plan_file(path: str | os.PathLike[str]) -> None:
    """Raise the ``PlanError`` ``store.load`` would for a path that is missing, not a regular file, or too big.

    Looks without opening (a FIFO is never opened), for front ends that want to
    refuse such a path before they start (without importing the parser);
    ``store.load`` checks again when it reads.
    """
    try:
        check_regular(Path(path), os.stat(path))
    except OSError as exc:
        raise plan_error(exc, str(path)) from None
