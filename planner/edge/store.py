"""Reading and writing plan files without ever losing one.

The promises (design.md, "Guarantees"): a save is atomic and keeps the
previous version beside the plan as ``NAME.toml.bak``; a file that changed on
disk since it was loaded is not overwritten blindly; a file that fails to
load is never rewritten. Writers take a lock file next to the plan (never a
lock on the data file itself, which editors and sync tools replace), so two
``planner log`` runs at once both land.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final, NamedTuple

from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.planfile.parse import from_document, to_document
from planner.planfile.text import decode, dumps, loads, render

__all__ = [
    "Fingerprint",
    "Loaded",
    "SaveConflict",
    "SaveError",
    "backup_path",
    "dumps",
    "fingerprint",
    "load",
    "loads",
    "locked",
    "save",
    "write_atomic",
]

BACKUP_SUFFIX: Final = ".bak"
LOCK_SUFFIX: Final = ".lock"
_TMP_MARK: Final = ".tmp-"
LOCK_TIMEOUT_SECONDS: Final = 10.0
"""Long enough for another planner to finish a save; short enough to report a stuck lock."""


class SaveError(OSError):
    """A save that did not happen; the plan on disk is as it was."""


class SaveConflict(SaveError):
    """The file on disk is not the one that was loaded: somebody else wrote it."""


class Fingerprint(NamedTuple):
    """What a file on disk was when we read it; compared before every save."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    sha256: str


class Loaded(NamedTuple):
    plan: Plan
    path: Path
    fingerprint: Fingerprint


def _sha256(data: bytes) -> str:
    """The file's hash; the builtin module first, as ``hashlib`` costs milliseconds to import."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # CPython 3.12+
        except ImportError:
            from hashlib import sha256  # type: ignore[no-redef]
    return sha256(data).hexdigest()


# --- reading -----------------------------------------------------------------


def fingerprint(path: Path, data: bytes | None = None) -> Fingerprint:
    st = os.stat(path)
    if data is None:
        data = Path(path).read_bytes()
    return Fingerprint(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, _sha256(data))


def load(path: str | os.PathLike[str]) -> Loaded:
    """Read a plan file; every failure, I/O included, is a ``PlanError``."""
    path = Path(path)
    source = str(path)
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        raise PlanError("no such plan file", source=source) from None
    except IsADirectoryError:
        raise PlanError("is a folder, not a plan file", source=source) from None
    except OSError as exc:
        raise PlanError(f"cannot be read: {exc.strerror or exc}", source=source) from None
    if not data.strip():
        raise PlanError("the file is empty; a plan starts with `schema = 1` and an [exam] table", source=source)
    text = decode(data, source)
    plan = loads(text, source)
    print_ = Fingerprint(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, _sha256(data))
    return Loaded(plan=plan, path=path, fingerprint=print_)


# --- writing -----------------------------------------------------------------


def backup_path(path: Path) -> Path:
    target = _target(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def _target(path: Path) -> Path:
    """Where the bytes go: a symlinked plan is written through its link."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold ``.NAME.toml.lock`` beside the plan while reading, changing and saving it."""
    import fcntl
    import time

    target = _target(Path(path))
    lock_path = target.with_name(f".{target.name}{LOCK_SUFFIX}")  # hidden: it stays, and is not a plan
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SaveError(f"{path}: cannot create the lock file {lock_path.name}: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SaveError(
                        f"{path}: another planner has held {lock_path.name} for {timeout:g} s; try again"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def save(
    path: str | os.PathLike[str],
    plan: Plan,
    expected: Fingerprint | None = None,
    *,
    force: bool = False,
) -> Fingerprint:
    """Write ``plan`` atomically and return the new file's fingerprint.

    ``expected`` is the fingerprint of the file as it was loaded: when the
    file on disk differs, ``SaveConflict`` is raised and nothing is written,
    unless ``force``. Writing the bytes already on disk is skipped.
    """
    path = Path(path)
    target = _target(path)
    doc = to_document(plan)
    try:  # never write a plan the loader would refuse: it could not be opened again
        from_document(doc)
    except PlanError as exc:
        raise SaveError(f"{path}: not saved: {exc}") from None
    data = render(doc).encode("utf-8")
    try:
        current = target.read_bytes()
        current_print: Fingerprint | None = fingerprint(target, current)
    except FileNotFoundError:
        current, current_print = None, None
    except OSError as exc:
        raise SaveError(f"{path}: cannot be read before saving: {exc.strerror}") from None
    if expected is not None and not force and current_print != expected:
        if current_print is None:
            raise SaveConflict(f"{path}: the file was deleted or moved since it was loaded")
        if current_print.sha256 != expected.sha256 or current_print.size != expected.size:
            raise SaveConflict(f"{path}: the file was changed on disk since it was loaded")
    if current == data and current_print is not None:
        return current_print
    _sweep(target)
    tmp = _temp_for(target)
    try:
        mode = os.stat(target).st_mode & 0o7777 if current is not None else 0o644
        _write_new(tmp, data, mode)
        if current is not None:
            _keep_previous(target)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"{path}: not saved ({_reason(exc)}); the plan on disk is unchanged") from None
    return fingerprint(target, data)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file (an export, a copy) the way plans are written: temporary file, fsync, rename."""
    path = Path(path)
    tmp = _temp_for(path)
    try:
        _write_new(tmp, data, 0o644)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"{path}: not written ({_reason(exc)})") from None


def _temp_for(path: Path) -> Path:
    """A hidden, unique name beside ``path`` to write it under first; ``_sweep`` knows the shape."""
    return path.with_name(f".{path.name}{_TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def _write_new(tmp: Path, data: bytes, mode: int) -> None:
    """Create ``tmp`` (never an existing file), write all of ``data``, set ``mode``, and fsync."""
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    return "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))


def _keep_previous(target: Path) -> None:
    """Make ``NAME.toml.bak`` the version about to be replaced, atomically."""
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    staging = _temp_for(backup)
    try:
        try:
            os.link(target, staging)
        except OSError:
            import shutil

            shutil.copy2(target, staging)
        os.replace(staging, backup)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def _fsync_dir(folder: Path) -> None:
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


def _sweep(target: Path) -> None:
    """Remove temporary files left by saves that died (their process is gone)."""
    prefixes = (f".{target.name}{_TMP_MARK}", f".{target.name}{BACKUP_SUFFIX}{_TMP_MARK}")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefixes):
            continue
        pid_text = entry.name.rsplit(_TMP_MARK, 1)[1].split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
            continue
        if pid_text.isdigit() and int(pid_text) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
