"""Reading and writing plan files without ever losing one.

The promises (design.md, "Guarantees"): a save is atomic and keeps the
previous version beside the plan as ``NAME.toml.bak``; a file that changed on
disk since it was loaded is not overwritten blindly; a file that fails to
load is never rewritten. Writers take a lock file next to the plan (never a
lock on the data file itself, which editors and sync tools replace), so two
``planner log`` runs at once both land.

Shared plans stay shared: a save keeps the file's owner where it can and its
group and mode always, and the lock file gets the plan's group and mode, so
every user who may write the plan can take the lock. Only regular files are
read (``files.read_regular``), and a save removes only the temporary files it
made itself.
"""

# No ``from __future__ import annotations``: ``typing.NamedTuple`` compiles each field annotation
# written as a string into a ForwardRef, which costs more than the rest of the class.
import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final, NamedTuple

from planner.core.digest import sha256_hex
from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.core.rules import check_plan
from planner.edge import files, keptplan
from planner.edge.paths import cache_dir

__all__ = [
    "Fingerprint",
    "Loaded",
    "SaveConflict",
    "SaveError",
    "Warn",
    "backup_path",
    "check_file",
    "check_new",
    "create",
    "dumps",
    "fingerprint",
    "load",
    "loads",
    "lock_path",
    "locked",
    "parse",
    "read",
    "save",
    "write_atomic",
    "write_copy",
]

BACKUP_SUFFIX: Final = ".bak"
LOCK_SUFFIX: Final = ".lock"
LOCK_TIMEOUT_SECONDS: Final = 10.0
"""Long enough for another planner to finish a save; short enough to report a stuck lock."""

Warn = Callable[[str], None]
"""Where a save tells of a problem that did not stop it (the backup could not be kept)."""


class SaveError(OSError):
    """A save that did not happen; the plan on disk is as it was."""


class SaveConflict(SaveError):
    """The file on disk is not the one that was loaded: somebody else wrote it, or it is gone."""

    def __init__(self, message: str, *, deleted: bool = False) -> None:
        super().__init__(message)
        self.deleted = deleted
        """No file is there any more (deleted or moved), rather than another version of it."""


class Fingerprint(NamedTuple):
    """What a file on disk was when we read it; compared before every save."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> "Fingerprint":
        """The fingerprint of ``data``, read from a file whose stat was ``st``."""
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, sha256_hex(data))


class Loaded(NamedTuple):
    plan: Plan
    path: Path
    fingerprint: Fingerprint


# --- reading -----------------------------------------------------------------


def loads(text: str | bytes, source: str = "<plan>") -> Plan:
    """The plan in ``text`` (``planfile.text.loads``): imported when a plan is read, not on every command."""
    from planner.planfile.text import loads

    return loads(text, source)


def dumps(plan: Plan) -> str:
    """The plan's TOML (``planfile.text.dumps``)."""
    from planner.planfile.text import dumps

    return dumps(plan)


def fingerprint(path: Path, data: bytes | None = None) -> Fingerprint:
    """The file as it is now (``OSError`` when it is gone, not a regular file, or too big)."""
    if data is None:
        data, st = files.read_regular(Path(path))
    else:
        st = os.stat(path)
    return Fingerprint.of(st, data)


_plan_error = files.plan_error
check_file = files.check_plan_file


def read(path: str | os.PathLike[str]) -> tuple[bytes, os.stat_result]:
    """The bytes of a plan file and its stat; every failure is the ``PlanError`` ``load`` gives.

    Only a regular file (or a link to one) of at most ``files.MAX_READ_BYTES``
    is read: a FIFO, a device or a folder is refused at once, never waited on.
    """
    try:
        return files.read_regular(Path(path))
    except OSError as exc:
        raise _plan_error(exc, str(path)) from None


def parse(path: str | os.PathLike[str], data: bytes, st: os.stat_result) -> Loaded:
    """The plan in ``data`` (read from ``path``, whose stat was ``st``), or its ``PlanError``.

    Bytes parsed before give the plan they were parsed into then (``keptplan``),
    without tomllib; that plan is checked by the one validator all the same,
    and any doubt about it (a value the validator refuses now, say) parses the
    bytes again, so an error is always the parser's, with its line.
    """
    found = Fingerprint.of(st, data)
    folder = cache_dir()
    plan = keptplan.kept(path, found.sha256, folder)
    if plan is not None:
        try:
            return Loaded(plan=check_plan(plan), path=Path(path), fingerprint=found)
        except Exception:  # a kept plan the checks refuse, or choke on, is no kept plan
            pass
    source = str(path)
    if not data.strip():
        raise PlanError("the file is empty; a plan starts with `schema = 1` and an [exam] table", source=source)
    plan = loads(data, source)
    keptplan.keep(path, found.sha256, plan, folder)
    return Loaded(plan=plan, path=Path(path), fingerprint=found)


def load(path: str | os.PathLike[str]) -> Loaded:
    """Read a plan file; every failure, I/O included, is a ``PlanError`` (see ``read``)."""
    data, st = read(path)
    return parse(path, data, st)


# --- the lock ----------------------------------------------------------------


def backup_path(path: Path) -> Path:
    target = _target(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def lock_path(path: Path) -> Path:
    """``.NAME.toml.lock`` beside the file a plan's bytes go to: hidden, and never a plan."""
    target = _target(path)
    return target.with_name(f".{target.name}{LOCK_SUFFIX}")


def _target(path: Path) -> Path:
    """Where the bytes go: a symlinked plan is written through its link."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def _open_lock(path: Path, lock: Path) -> int:
    """Open (or make, with the plan's group and mode) the lock file, never through a link.

    A plan path that is not a regular file gets no lock beside it (``/dev/.zero.lock``
    would be litter at best): a ``SaveError`` with the message of ``load`` is raised instead.
    """
    if os.path.lexists(path):
        try:
            check_file(path)
        except PlanError as exc:  # a ``SaveError``, as every failure of a writer is
            raise SaveError(str(exc)) from None
    like = _stat_or_none(_target(path))
    flags = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    mode = stat.S_IMODE(like.st_mode) & 0o666 if like else 0o666
    try:
        try:
            fd = os.open(lock, flags | os.O_RDWR | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            try:
                fd = os.open(lock, flags | os.O_RDWR)
            except PermissionError:  # made by someone before locks took the plan's mode: a shared lock still works
                fd = os.open(lock, flags | os.O_RDONLY)
        else:
            if like is not None:
                with contextlib.suppress(OSError):
                    files.keep_owner(fd, like, strict=False)
                with contextlib.suppress(OSError):
                    os.fchmod(fd, mode)  # exactly the plan's: the umask must not lock the group out
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SaveError(
                f"{path}: the lock file {lock.name} is a symbolic link; the planner never follows one (remove {lock})"
            ) from None
        raise SaveError(f"{path}: cannot open the lock file {lock.name}: {files.reason(exc)}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        what = files.describe(os.fstat(fd).st_mode)
        os.close(fd)
        raise SaveError(f"{path}: the lock file {lock.name} is {what}; remove it")
    return fd


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold ``.NAME.toml.lock`` beside the plan while reading, changing and saving it."""
    import fcntl
    import time

    lock = lock_path(Path(path))
    fd = _open_lock(Path(path), lock)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SaveError(
                        f"{path}: another planner has held {lock.name} for {timeout:g} s; try again"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


# --- writing -----------------------------------------------------------------


def _rendered(path: Path, plan: Plan) -> bytes:
    """The plan's bytes, once the loader is known to take them back."""
    from planner.planfile.parse import from_document, to_document
    from planner.planfile.text import render

    doc = to_document(plan)
    try:  # never write a plan the loader would refuse: it could not be opened again
        from_document(doc)
    except PlanError as exc:
        raise SaveError(f"{path}: not saved: {exc}") from None
    return render(doc).encode("utf-8")


def _on_disk(path: Path, target: Path) -> tuple[bytes, os.stat_result] | None:
    """The file about to be replaced, or ``None`` when there is none."""
    try:
        return files.read_regular(target)
    except FileNotFoundError:
        return None
    except files.NotAFile as exc:
        raise SaveError(f"{path}: not saved: the path is {exc.what}, not a plan file") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot be read before saving: {files.reason(exc)}") from None


def save(
    path: str | os.PathLike[str],
    plan: Plan,
    expected: Fingerprint | None = None,
    *,
    force: bool = False,
    warn: Warn | None = None,
) -> Fingerprint:
    """Write ``plan`` atomically and return the new file's fingerprint.

    ``expected`` is the fingerprint of the file as it was loaded: when the
    file on disk differs, ``SaveConflict`` is raised and nothing is written,
    unless ``force``. Writing the bytes already on disk is skipped. A backup
    that cannot be kept does not stop the save: ``warn`` is told why.
    """
    path = Path(path)
    target = _target(path)
    data = _rendered(path, plan)
    current = _on_disk(path, target)
    current_print = Fingerprint.of(current[1], current[0]) if current else None
    if expected is not None and not force and current_print != expected:
        if current_print is None:
            raise SaveConflict(f"{path}: the file was deleted or moved since it was loaded", deleted=True)
        if current_print.sha256 != expected.sha256 or current_print.size != expected.size:
            raise SaveConflict(f"{path}: the file was changed on disk since it was loaded")
    if current is not None and current_print is not None and current[0] == data:
        return current_print
    like = current[1] if current else None
    tmp = files.temp_beside(target)
    try:
        files.write_new(tmp, data, like=like)
        if like is not None:
            _keep_previous(target, like, warn)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"{path}: not saved ({files.reason(exc)}); the plan on disk is unchanged") from None
    files.fsync_dir(target.parent)
    return fingerprint(target, data)


def create(path: str | os.PathLike[str], plan: Plan, *, like: os.stat_result | None = None) -> Fingerprint:
    """Write a new plan at ``path``, which must not exist in any form (a dangling link included).

    The file is made beside and linked into place, so it appears whole or not
    at all, and nothing at ``path`` (a file, a link to anywhere) is ever
    written through or replaced. The new file follows the umask; with
    ``like`` (a copy of that plan), it takes its group and its mode narrowed by the umask.
    """
    path = Path(path)
    data = _rendered(path, plan)
    check_new(path)
    tmp = files.temp_beside(path)
    try:
        files.write_new(tmp, data, like=like, exact=False, strict=False)
        try:
            os.link(tmp, path, follow_symlinks=False)
        except FileExistsError:
            check_new(path)
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            check_new(path)  # a file system without hard links: check, then rename
            os.rename(tmp, path)
    except OSError as exc:
        raise SaveError(f"{path}: not written ({files.reason(exc)})") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    files.fsync_dir(path.parent)
    return fingerprint(path, data)


def check_new(path: Path) -> None:
    """``SaveError`` unless nothing at all is at ``path`` (not a file, not a link, not a dangling link)."""
    if not os.path.lexists(path):
        return
    if path.is_symlink():
        where = os.readlink(path)
        gone = "" if path.exists() else ", which does not exist"
        raise SaveError(
            f"{path} is a symbolic link to {where}{gone}; a new plan is never written through a link;"
            " remove the link or choose another name"
        )
    raise SaveError(f"{path} already exists; choose another name or remove it first")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file (an export) the way plans are written: temporary file, fsync, rename.

    Through a link, the link's target is written. A file that is replaced
    keeps its mode (and its group where allowed); a new one follows the umask.
    """
    target = _target(Path(path))
    try:
        like: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        like = None
    except OSError as exc:
        raise SaveError(f"{path}: not written ({files.reason(exc)})") from None
    if like is not None and not stat.S_ISREG(like.st_mode):
        raise SaveError(f"{path}: is {files.describe(like.st_mode)}; it is not replaced by a file")
    _replace_with(target, data, like=like, exact=True, what="not written")


def write_copy(path: Path, data: bytes, of: os.stat_result) -> None:
    """Write a copy of a plan (``.theirs-*``): the plan's group, its mode narrowed by the umask."""
    _replace_with(Path(path), data, like=of, exact=False, what="not written")


def _replace_with(target: Path, data: bytes, *, like: os.stat_result | None, exact: bool, what: str) -> None:
    tmp = files.temp_beside(target)
    try:
        files.write_new(tmp, data, like=like, exact=exact, strict=False)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"{target}: {what} ({files.reason(exc)})") from None
    files.fsync_dir(target.parent)


def _keep_previous(target: Path, like: os.stat_result, warn: Warn | None) -> None:
    """Make ``NAME.toml.bak`` the version about to be replaced, atomically; tell ``warn`` when it cannot.

    A backup that cannot be kept (``.bak`` is a folder, say) does not stop the
    save: the plan is what the person asked to write; the folder is left alone.
    """
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    try:
        st = os.lstat(backup)
    except OSError:
        st = None
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        _tell(warn, f"{backup}: is {files.describe(st.st_mode)}, so the version before this save was not kept")
        return
    staging = files.temp_beside(backup)
    try:
        try:
            os.link(target, staging, follow_symlinks=False)  # the old inode: its owner, group and mode
        except OSError:
            data, _ = files.read_regular(target)
            files.write_new(staging, data, like=like, strict=False)
        os.replace(staging, backup)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        _tell(warn, f"{backup}: the version before this save was not kept ({files.reason(exc)})")


def _tell(warn: Warn | None, message: str) -> None:
    if warn is not None:
        warn(message)
