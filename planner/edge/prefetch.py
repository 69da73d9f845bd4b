"""A big plan read by a second process while the TUI starts, so the two use both of the machine's CPUs.

Parsing a plan of thousands of resources takes longer than Textual takes to
import and draw its first frame, and in one process the two take turns (the
GIL). Before the TUI imports Textual, ``start`` forks a child that does
exactly what opening the plan does, ``store.load``, and hands the result back
through a pipe, pickled; the app's loading thread takes it with ``result``
instead of reading the file itself. The child is forked before any thread
exists, and ends with ``os._exit`` (no atexit handler, no stdio flush of the
parent's buffers).

Whatever goes wrong in the child (the file does not load, the child is
killed, there is no ``fork``), ``result`` gives ``None`` and the app reads the
file itself, which says what is wrong the way every front end does. The
child writes nothing but what ``store.load`` writes: the plan it parsed, kept
in the cache folder (``keptplan``), as any load of new bytes keeps it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from pathlib import Path
from typing import Final, NoReturn

from planner.edge import files
from planner.edge.store import Loaded

__all__ = ["BIG_PLAN_BYTES", "Prefetch"]

BIG_PLAN_BYTES: Final = 256 * 1024
"""A plan this big (a few thousand resources) is read off the TUI's event loop, and by a child when
``planner`` starts; a smaller one is read at once, in far less time than a fork, and is in the first frame."""


class Prefetch:
    """A child reading the plan at ``path``; ``result`` waits for it."""

    def __init__(self, path: Path, pid: int, fd: int) -> None:
        self.path = path
        self._pid = pid
        self._fd: int | None = fd

    @classmethod
    def start(cls, path: Path) -> Prefetch | None:
        """The child reading ``path``, or ``None`` when it is not worth one (small, not a file, no ``fork``)."""
        try:
            st = os.stat(path)
            files.check_regular(path, st)
        except OSError:
            return None
        if st.st_size <= BIG_PLAN_BYTES or not hasattr(os, "fork"):
            return None
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child
            os.close(read_end)
            _child(path, write_end)
        os.close(write_end)
        return cls(path, pid, read_end)

    def result(self) -> Loaded | None:
        """What ``store.load(path)`` gave in the child, or ``None`` (the caller then loads it itself). Once."""
        fd, self._fd = self._fd, None
        if fd is None:
            return None
        chunks: list[bytes] = []
        try:
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(fd)
        if not self._reaped_ok() or not chunks:
            return None
        try:
            loaded = pickle.loads(b"".join(chunks))  # our own child's bytes, never a file's
        except Exception:
            return None
        return loaded if isinstance(loaded, Loaded) and loaded.path == self.path else None

    def cancel(self) -> None:
        """Not wanted after all (another plan was opened): stop the child and drop what it read.

        Nothing happens once ``result`` has run: the child is gone by then."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            self._reaped_ok()

    def _reaped_ok(self) -> bool:
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0


def _child(path: Path, fd: int) -> NoReturn:
    code = 1
    with contextlib.suppress(BaseException):  # anything: the parent reads the file itself and says what is wrong
        from planner.edge import store

        data = pickle.dumps(store.load(path), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        code = 0
    os._exit(code)
