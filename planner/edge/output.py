"""Writing an export or a printout to a file a person named (``-o FILE``), never over the plan.

``-o`` names any path, so it is checked before anything is written:

- the plan itself, its ``.bak``, its lock, or any link to them (a symlink, or a
  hard link: the same file by another name) is refused; so is an existing
  ``.toml`` file (some plan), ``.toml.bak`` or ``.toml.theirs-*`` (a copy of one);
- an existing regular file is replaced the way plans are saved (a temporary
  file, then a rename), through a symlink its target, keeping its mode;
- a device or a FIFO (``/dev/stdout``, a named pipe a program reads) is
  written into, never replaced; a FIFO nobody reads is an error, not a wait;
- a new file follows the umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path
from typing import Final

from planner.edge import files, store
from planner.edge.store import SaveError

__all__ = ["OutputRefused", "check_output", "write_output"]

_OWN_FD: Final = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STD_NAMES: Final = {"/dev/stdout": 1, "/dev/stderr": 2}


class OutputRefused(SaveError):
    """The output path is one the planner will not write: nothing was written."""


def write_output(output: str, data: bytes, *, plan: Path) -> Path:
    """Write ``data`` to the file named ``output`` and return it; ``plan`` is the plan it came from.

    Raises ``OutputRefused`` for a path that would destroy the plan (see the
    module), ``SaveError`` for one that cannot be written.
    """
    path, own, st = _checked(output, plan)
    if own is not None:
        _write_into_fd(own, data, path)
    elif st is None:
        store.write_atomic(path, data)  # new (or a dangling link's target): follows the umask
    elif stat.S_ISREG(st.st_mode):
        store.write_atomic(path, data)  # replaced, keeping its mode; through a link, its target
    elif stat.S_ISDIR(st.st_mode):
        raise SaveError(f"{path}: is a folder; name a file in it")
    else:
        _write_into(path, data)
    return path


def check_output(output: str, *, plan: Path) -> None:
    """Refuse ``output`` as ``write_output`` would, writing nothing: for a command that has more to say about it."""
    _checked(output, plan)


def _checked(output: str, plan: Path) -> tuple[Path, int | None, os.stat_result | None]:
    """``output`` as a path, the descriptor it names (``/dev/stdout``), its stat; refused as the module says."""
    if not output:
        raise OutputRefused("the output file name is empty; name a file, or - for standard output")
    path = Path(output)
    if output.endswith(("/", os.sep)):  # Path() would drop the slash, and a file would be made
        what = "is a folder; name a file in it" if path.is_dir() else "there is no such folder"
        raise SaveError(f"{output}: {what}")
    own = _own_descriptor(output)
    st = _stat(path) if own is None else _fstat(own, path)
    _refuse_protected(path, st, plan)
    return path, own, st


def _own_descriptor(output: str) -> int | None:
    """``/dev/stdout``, ``/dev/fd/N``...: a stream this process already has open, written as it is."""
    name = os.path.normpath(output)
    if name in _STD_NAMES:
        return _STD_NAMES[name]
    found = _OWN_FD.match(name)
    return int(found[1]) if found else None


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SaveError(f"{path}: cannot be written ({files.reason(exc)})") from None


def _fstat(fd: int, path: Path) -> os.stat_result:
    try:
        return os.fstat(fd)
    except OSError as exc:
        raise SaveError(f"{path}: cannot be written ({files.reason(exc)})") from None


def _refuse_protected(path: Path, st: os.stat_result | None, plan: Path) -> None:
    """Refuse the plan, its backup and its lock under any name, and any existing ``.toml`` file."""
    real = os.path.realpath(path)
    same_as = (st.st_dev, st.st_ino) if st is not None else None
    protected = (
        (plan, "the plan file"),
        (store.backup_path(plan), "the plan's backup"),
        (store.lock_path(plan), "the plan's lock file"),
    )
    for other, what in protected:
        other_st = _quiet_stat(other)
        by_name = os.path.realpath(other) == real
        by_inode = same_as is not None and other_st is not None and same_as == (other_st.st_dev, other_st.st_ino)
        if by_name or by_inode:
            alias = "" if os.path.abspath(path) == os.path.abspath(other) else f" ({other})"
            raise OutputRefused(f"{path}: is {what}{alias}; writing there would destroy it; choose another file")
    name = os.path.basename(real).lower()
    if (
        st is not None
        and stat.S_ISREG(st.st_mode)
        and (name.endswith((".toml", ".toml.bak")) or ".toml.theirs-" in name)
    ):
        raise OutputRefused(f"{path}: is a plan file or a copy of one; the planner never writes output over one")


def _quiet_stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _write_into_fd(fd: int, data: bytes, path: Path) -> None:
    import sys

    with contextlib.suppress(ValueError, OSError):
        sys.stdout.flush()
        sys.stderr.flush()
    try:
        files.write_all(fd, data)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) and fd == 1:
            raise  # standard output closed early (``| head``): the command line ends quietly
        raise SaveError(f"{path}: not written ({files.reason(exc)})") from None


def _write_into(path: Path, data: bytes) -> None:
    """Write into a device or a FIFO: opened without waiting, never replaced nor truncated by a rename."""
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise SaveError(f"{path}: not written: no program is reading from it") from None
        raise SaveError(f"{path}: not written ({files.reason(exc)})") from None
    try:
        os.set_blocking(fd, True)
        files.write_all(fd, data)
    except OSError as exc:
        raise SaveError(f"{path}: not written ({files.reason(exc)})") from None
    finally:
        os.close(fd)
