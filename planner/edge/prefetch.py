"""The plan read by a second process while the TUI starts, so the two use both of the machine's CPUs.

Importing Textual takes a quarter of a second, and in one process reading
and planning the plan would have to wait for it (the GIL). Before the TUI
imports Textual, ``start`` forks a child that does exactly what opening the
plan does, ``store.load``, then ``prepare`` (the TUI's first screen,
``tui.opening``), and sends both back through a pipe, pickled: first what
``prepare`` made, then the plan. The app draws the first in its first frame
(``first``) and takes the plan once that frame is on screen (``result``).

The child is forked before any thread exists, and ends with ``os._exit`` (no
atexit handler, no stdio flush of the parent's buffers). When the app stops
waiting for the first screen (a plan of a hundred thousand resources), it
tells the child, which sends the plan without working the screen out. Whatever goes wrong
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
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, NoReturn

from planner.edge import files

if TYPE_CHECKING:
    from planner.edge.store import Loaded

__all__ = ["Prefetch"]

_LATE: Final = getattr(signal, "SIGUSR1", signal.SIGTERM)
"""Sent to the child when the app stops waiting for the first screen (where there is ``fork``, there is SIGUSR1)."""
_HEAD: Final = struct.Struct(">Q")
"""Each message through the pipe: its length, then its pickle (an empty one: ``prepare`` failed)."""


class Prefetch:
    """A child reading the plan at ``path``; ``first`` and ``result`` take what it sends, ``cancel`` stops it.

    ``first`` and ``cancel`` are called on the app's event loop, ``result`` in
    its loading thread or on the loop: a ``cancel`` while ``result`` reads
    stops the child, and the reader, seeing the pipe end, closes and reaps.
    """

    def __init__(self, path: Path, pid: int, fd: int) -> None:
        self.path = path
        self._pid = pid
        self._fd: int | None = fd
        """The pipe's read end, until ``result`` takes it or ``cancel`` closes it."""
        self._lock = threading.Lock()
        self._reading = False
        self._buffer = bytearray()
        self._first_left = True
        """The first message is still to be taken (or skipped, by ``result``)."""
        self._given_up = False
        """``first`` timed out: the first screen is not wanted any more."""

    @classmethod
    def start(cls, path: Path, prepare: Callable[[Loaded], object]) -> Prefetch | None:
        """The child reading ``path``, or ``None`` when there is none (not a regular file, no ``fork``)."""
        try:
            files.check_regular(path, os.stat(path))
        except OSError:
            return None
        if not hasattr(os, "fork"):
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
        return cls(path, pid, read_end)

    def first(self, timeout: float) -> object | None:
        """What ``prepare`` made of the plan, if the child sends it within ``timeout`` seconds; else ``None``.

        Once: after a timeout the child is told not to bother, and the first screen is passed over.
        """
        fd = self._fd
        if not self._first_left or self._given_up or fd is None:
            return None
        data = self._message(fd, time.monotonic() + timeout)
        if data is None:  # not in time (``result`` skips it), or the child is gone
            self._given_up = True
            with contextlib.suppress(OSError):
                os.kill(self._pid, _LATE)  # not wanted any more: the child sends the plan without it
            return None
        self._first_left = False
        try:
            return pickle.loads(data) if data else None  # our own child's bytes, never a file's
        except Exception:
            return None

    def result(self) -> Loaded | None:
        """What ``store.load(path)`` gave in the child, or ``None`` (the caller then loads it itself). Once."""
        with self._lock:
            fd, self._fd = self._fd, None
            if fd is None:
                return None
            self._reading = True
        try:
            skipped = self._first_left and self._message(fd, None) is None  # the first screen, not taken in time
            self._first_left = False
            data = None if skipped else self._message(fd, None)
        finally:
            os.close(fd)
            with self._lock:  # a cancel signals the child only before it is reaped (its pid is ours until then)
                reaped = self._reaped_ok()
                self._reading = False
        if not reaped or data is None:
            return None
        from planner.edge.store import Loaded  # here, not before the app's first frame

        try:
            loaded = pickle.loads(data)  # our own child's bytes, never a file's
        except Exception:
            return None
        return loaded if isinstance(loaded, Loaded) and loaded.path == self.path else None

    def cancel(self) -> None:
        """Not wanted after all (another plan was opened, the app quit): stop the child and drop what it read.

        While ``result`` reads (in the loading thread), the child is stopped and the reader finishes up.
        """
        with self._lock:
            fd, self._fd = self._fd, None
            if fd is None and not self._reading:
                return  # taken already, or cancelled
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
        if fd is not None:
            os.close(fd)
            self._reaped_ok()

    def _message(self, fd: int, deadline: float | None) -> bytes | None:
        """The next message; ``None`` when the pipe ends first or ``deadline`` (``time.monotonic``) passes."""
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
                if left <= 0 or not select.select([fd], [], [], left)[0]:
                    return None
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                return None
            buffer += chunk

    def _reaped_ok(self) -> bool:
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0


class _Late(Exception):
    """The app stopped waiting for the first screen: what ``prepare`` would make is not wanted."""


def _child(path: Path, fd: int, prepare: Callable[[Loaded], object]) -> NoReturn:
    code = 1
    late = False
    preparing = False

    def stop_preparing(signum: int, frame: object) -> None:
        nonlocal late
        late = True
        if preparing:
            raise _Late

    with contextlib.suppress(BaseException):  # anything: the parent reads the file itself and says what is wrong
        signal.signal(_LATE, stop_preparing)
        from planner.edge import store

        loaded = store.load(path)
        made = b""  # none: the app works the first screen out itself
        try:
            if not late:
                preparing = True
                made = pickle.dumps(prepare(loaded), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # _Late, or prepare failed
            made = b""
        finally:
            preparing = False
        _send(fd, made)
        _send(fd, pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    os._exit(code)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_HEAD.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]
