"""The plan a file's bytes were parsed into, kept so the same bytes are not parsed again.

tomllib's parse of a plan with thousands of resources takes half a second,
paid by every command and every start of the app, although the file changes
only when someone edits it. So the plan parsed from a file is kept in the
cache folder, one kept file per plan file, under a key naming what the parse
depended on: the bytes' SHA-256 (which a load computes anyway, for the file's
fingerprint), this format, the Python that pickled it, and the planner's
reading code (a checksum of its modules' source). The store still checks a
kept plan with the one validator (``rules.check_plan``) on every load, so
what may stand in a plan is decided in one place, against the machine as it
is now (a time zone the system no longer knows is an error again).

A file that does not load is never kept. Anything wrong with a kept file
(missing, cut short, another key, not a plan) and the bytes are parsed
again: the cache only ever costs time. A kept plan holds what the plan holds
(notes, calendar addresses, the commands that give passwords), so it is
written for its owner alone (0600, in a 0700 folder), and a folder that
someone else could write into (not the user's own, or writable by the group
or others, or a symbolic link) is neither read nor written: a plan planted
there could name a command to run. Unpickling admits the model's records
and ``datetime``'s types only. At most ``MAX_KEPT`` plans are kept; those
used longest ago go first. Where files cannot be reached through the
descriptor of a checked folder (Windows), nothing is kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import pickle
import sys
import time
import zlib
from pathlib import Path
from typing import Final

import planner
from planner.core import model
from planner.core.digest import sha256_hex
from planner.core.model import Plan
from planner.core.record import Record

__all__ = ["MAX_KEPT", "keep", "kept", "reading_code"]

FORMAT: Final = 2
"""Bumped when what is kept changes shape for the same bytes and code."""
MAX_KEPT: Final = 64
"""Plans kept at most: one per plan file read, so a few folders of plans, never the whole disk."""
READING_CODE: Final = (
    "__init__.py",
    "planfile/",
    "core/__init__.py",
    "core/rules/",
    "core/errors.py",
    "core/model.py",
    "core/record.py",
)
"""The modules that turn bytes into a plan (folders end in ``/``): the parser, the checks, the model.
A test holds this to what importing the parser imports."""
_DATETIME: Final = frozenset({"date", "time", "datetime", "timedelta", "timezone"})
"""What a kept plan may name besides the model's records; anything else makes the kept file unreadable."""
_SUFFIX: Final = ".plan"
_TEMP_MARK: Final = ".tmp-"
_STALE_TEMP_SECONDS: Final = 60.0
"""A temporary kept file this old was left by a process that was killed mid-write; prune removes it."""
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_SUPPORTED: Final = (
    hasattr(os, "O_DIRECTORY")
    and hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "geteuid")
    and {os.open, os.rename, os.unlink} <= os.supports_dir_fd  # os.replace is os.rename's renameat, unlisted
    and os.scandir in os.supports_fd
)
"""Every step goes through one descriptor of the folder checked (POSIX): elsewhere nothing is kept."""


def kept(plan_path: str | os.PathLike[str], digest: str, cache: Path) -> Plan | None:
    """The plan kept for ``plan_path`` when it was parsed from bytes whose SHA-256 is ``digest``."""
    folder = _open_folder(cache, make=False)
    if folder is None:
        return None
    head = _basis(digest)
    try:
        try:
            fd = os.open(_name(plan_path), os.O_RDONLY | os.O_NOFOLLOW | _CLOEXEC, dir_fd=folder)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as file:
            data = file.read()
            if data.startswith(head) and os.utime in os.supports_fd:
                os.utime(file.fileno())  # the order prune goes by: last used, not last written
    except OSError:
        return None
    finally:
        os.close(folder)
    if not data.startswith(head):
        return None
    try:
        plan = _Unpickler(io.BytesIO(memoryview(data)[len(head) :])).load()
    except Exception:  # a kept file cut short or written by something else raises whatever pickle meets
        return None
    return plan if type(plan) is Plan else None


def keep(plan_path: str | os.PathLike[str], digest: str, plan: Plan, cache: Path) -> None:
    """Keep ``plan`` as what the bytes whose SHA-256 is ``digest`` were parsed into.

    A cache that cannot be written only costs time: nothing is said. No fsync:
    a kept file cut short by a crash fails its key or its unpickling.
    """
    folder = _open_folder(cache, make=True)
    if folder is None:
        return
    name = _name(plan_path)
    tmp = f".{name}{_TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC, 0o600, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_basis(digest))
                pickle.dump(plan, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)  # a link at the name is replaced
        except BaseException:  # an interrupt too: no half-written file is left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder)
            raise
        _prune(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def reading_code(root: Path, parts: tuple[str, ...] = READING_CODE) -> str:
    """A checksum of the reading code's source: each module of ``parts`` under ``root``, by name and content.

    CRC-32, not SHA-256: it tells an upgrade or an edit from the code that kept
    a plan (CPython's own SHA-256 takes a millisecond here, on every command);
    keeping others out is the folder's ownership's job, not this.
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


@functools.cache
def _installed() -> str:
    root = Path(planner.__file__).parent
    return f"{planner.__version__}|{root}|{reading_code(root)}"


def _basis(digest: str) -> bytes:
    python = f"{sys.implementation.cache_tag}|{sys.hexversion:x}"  # pickles are read by the Python that wrote them
    return f"planner kept plan {FORMAT}|{python}|{_installed()}|{digest}\n".encode()


def _open_folder(cache: Path, *, make: bool) -> int | None:
    """A descriptor of ``cache/plans`` when it is this user's own folder and nobody else can write into it.

    The folder is opened once, without following a link, and checked through
    that descriptor; every file is then reached through it, so the folder
    cannot be swapped for another between the check and the use. A folder is
    made only inside one of this user's own (``sudo`` with the user's HOME
    does not leave them a cache they cannot delete).
    """
    if not _SUPPORTED:
        return None
    folder = cache / "plans"
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


def _name(plan_path: str | os.PathLike[str]) -> str:
    return sha256_hex(os.path.abspath(plan_path).encode("utf-8", "surrogatepass"))[:24] + _SUFFIX


def _prune(folder: int) -> None:
    """Beyond ``MAX_KEPT`` the plans used longest ago go, and so do temporary files a killed process left."""
    kept_files = []
    now = time.time()
    with os.scandir(folder) as entries:
        for entry in entries:
            st = entry.stat(follow_symlinks=False)
            if entry.name.endswith(_SUFFIX):
                kept_files.append((st.st_mtime_ns, entry.name))
            elif _TEMP_MARK in entry.name and now - st.st_mtime > _STALE_TEMP_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(entry.name, dir_fd=folder)
    for _, name in sorted(kept_files)[: max(0, len(kept_files) - MAX_KEPT)]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module == "planner.core.model":
            found = getattr(model, name, None)
            if isinstance(found, type) and issubclass(found, Record):
                return found
        elif module == "datetime" and name in _DATETIME:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a plan")
