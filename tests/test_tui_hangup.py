"""The terminal goes away under the app (a closed window, a dropped ssh): the plan is kept and the app leaves.

In a real pseudo-terminal: the app is started as a user starts it, a session
is started (an edit the app writes a moment later), and the terminal hangs
up before that moment. Either way the app learns of it (SIGHUP, or, started
by ``make run`` or a script, only an input that stopped being a terminal),
the edit is in the file and no process is left behind reading nothing.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT

from planner.edge import store
from planner.tui.hangup import HANG_UP_EXIT

TODAY = "2026-12-07"
SECONDS = 30.0
"""A start, a key or an exit slower than this fails the test (a loaded CI machine takes about 3 s to start)."""


def _until(fd: int, wanted: bytes, seen: bytearray) -> None:
    deadline = time.monotonic() + SECONDS
    while wanted not in seen:
        assert time.monotonic() < deadline, f"{wanted!r} not on screen: {bytes(seen[-300:])!r}"
        if select.select([fd], [], [], 0.2)[0]:
            seen += os.read(fd, 65536)


def _exit_status(pid: int) -> int | None:
    """The exit status, once the app is gone (``None``: still running after SECONDS)."""
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    return None


WAYS = [  # (case, whether SIGHUP reaches the app)
    ("run from the terminal's shell, sent SIGHUP", True),
    ("run by make, no SIGHUP: only the input says", False),
]


@pytest.mark.slow
@pytest.mark.parametrize("sighup", [w[1] for w in WAYS], ids=[w[0] for w in WAYS])
def test_a_hang_up_keeps_the_edit_made_just_before_and_ends_the_app(tmp_path: Path, sighup: bool) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(REFERENCE, path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env["PLANNER_CACHE"] = str(tmp_path / "cache")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        if not sighup:  # what make does to it, in effect: the signal never arrives
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
        os.execve(sys.executable, [sys.executable, "-m", "planner", "--plan", str(path), "--today", TODAY], env)
    seen = bytearray()
    try:
        _until(fd, b"This week", seen)
        _until(fd, b"palette", seen)  # the key bar: drawn once the plan is open, a frame after it shows
        time.sleep(0.3)
        os.write(fd, b"s")
        _until(fd, b"enter starts the session", seen)
        os.write(fd, b"\r")
        _until(fd, b"Session started", seen)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(fd)  # the terminal hangs up, well before the edit's write is due
    status = _exit_status(pid)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert status == HANG_UP_EXIT, f"the app was still running {SECONDS:g} s after its terminal went away"
    assert store.load(path).plan.session is not None, "the session started just before is in the file"
    assert not list(tmp_path.glob("*.unsaved-*")), "the file could take it: nothing beside it"
