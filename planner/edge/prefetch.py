"""The plan read by a second process while the TUI starts, so the two use both of the machine's CPUs.

Importing Textual takes a quarter of a second, and in one process reading
and planning the plan has to wait for it (the GIL). Before the TUI imports
Textual, ``start`` forks a child that does exactly what opening the plan
does, ``store.load``, and sends the result back through a pipe, pickled.
Given a ``prepare`` function, the child first sends what that makes of the
plan (the TUI's first screen, ``tui.opening``): the app can draw the plan in
its first frame, and take the plan itself (``result``) after that frame.

The child is forked before any thread exists, and ends with ``os._exit`` (no
atexit handler, no stdio flush of the parent's buffers). Whatever goes wrong
in it (the file does not load, ``prepare`` fails, the child is killed, there
is no ``fork``), ``first`` and ``result`` give ``None`` and the app reads the
file itself, which says what is wrong the way every front end does. The
child writes nothing but what ``store.load`` writes: the plan it parsed,
kept in the cache folder (``keptplan``), as any load of new bytes keeps it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, NoReturn

from planner.edge import files

if TYPE_CHECKING:
    from planner.edge.store import Loaded

__all__ = ["BIG_PLAN_BYTES", "Prefetch"]

BIG_PLAN_BYTES: Final = 256 * 1024
"""A plan this big (a few thousand resources) is read off the TUI's event loop, and by a child even when
there is no first screen to prepare; a smaller one alone is read at once, in far less time than a fork."""
_HEAD: Final = struct.Struct(">Q")
"""Each message through the pipe: its length, then its pickle (an empty one: ``prepare`` failed)."""


class Prefetch:
    """A child reading the plan at ``path``; ``first`` and ``result`` take what it sends."""

    def __init__(self, path: Path, pid: int, fd: int, *, prepared: bool) -> None:
        self.path = path
        self._pid = pid
        self._fd: int | None = fd
        self._buffer = bytearray()
        self._first_left = prepared
        """The first message is still to be taken (or skipped, by ``result``)."""

    @classmethod
    def start(cls, path: Path, prepare: Callable[[Loaded], object] | None = None) -> Prefetch | None:
        """The child reading ``path``, or ``None`` when it is not worth one (not a file, no ``fork``; small and
        nothing to prepare)."""
        try:
            st = os.stat(path)
            files.check_regular(path, st)
        except OSError:
            return None
        if (prepare is None and st.st_size <= BIG_PLAN_BYTES) or not hasattr(os, "fork"):
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
            _child(path, write_end, prepare)
        os.close(write_end)
        return cls(path, pid, read_end, prepared=prepare is not None)

    def first(self, timeout: float) -> object | None:
        """What ``prepare`` made of the plan, if the child sends it within ``timeout`` seconds; else ``None``. Once."""
        if not self._first_left or self._fd is None:
            return None
        data = self._message(time.monotonic() + timeout)
        if data is None:
            return None  # not in time (``result`` skips it), or the child is gone
        self._first_left = False
        try:
            return pickle.loads(data) if data else None  # our own child's bytes, never a file's
        except Exception:
            return None

    def result(self) -> Loaded | None:
        """What ``store.load(path)`` gave in the child, or ``None`` (the caller then loads it itself). Once."""
        if self._fd is None:
            return None
        skipped = self._first_left and self._message(None) is None  # the first screen, not taken in time
        self._first_left = False
        data = None if skipped else self._message(None)
        fd, self._fd = self._fd, None
        os.close(fd)
        if not self._reaped_ok() or data is None:
            return None
        from planner.edge.store import Loaded  # here, not before the app's first frame

        try:
            loaded = pickle.loads(data)  # our own child's bytes, never a file's
        except Exception:
            return None
        return loaded if isinstance(loaded, Loaded) and loaded.path == self.path else None

    def _message(self, deadline: float | None) -> bytes | None:
        """The next message; ``None`` when the pipe ends first or ``deadline`` (``time.monotonic``) passes."""
        assert self._fd is not None
        buffer = self._buffer
        while True:
            if len(buffer) >= _HEAD.size:
                (size,) = _HEAD.unpack_from(buffer)
                if len(buffer) >= _HEAD.size + size:
                    data = bytes(buffer[_HEAD.size : _HEAD.size + size])
                    del buffer[: _HEAD.size + size]
                    return data
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._fd], [], [], left)[0]:
                    return None
            try:
                chunk = os.read(self._fd, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                return None
            buffer += chunk

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


def _child(path: Path, fd: int, prepare: Callable[[Loaded], object] | None) -> NoReturn:
    code = 1
    with contextlib.suppress(BaseException):  # anything: the parent reads the file itself and says what is wrong
        from planner.edge import store

        loaded = store.load(path)
        if prepare is not None:
            try:
                made = pickle.dumps(prepare(loaded), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                made = b""  # the app works the first screen out itself
            _send(fd, made)
        _send(fd, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    os._exit(code)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_HEAD.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]
