"""The plan read by a child process while the TUI starts: the same plan, or nothing and the app reads it.

``planner`` (no subcommand) forks the child before it imports Textual; these
tests check what a user would notice if it went wrong: a different plan, an
error said differently, a hang on a FIFO, a child left behind, a quit while a
big plan loads. The first screen the child also sends: test_opening.py.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from planfactory import make_plan
from tui_helpers import opened, screen_shown

from planner.core.model import Resource, replace
from planner.edge import store
from planner.edge.prefetch import Prefetch
from planner.tui.app import make_app
from planner.tui.opener import BIG_PLAN_BYTES

TODAY = "2027-01-04"


def nothing(loaded: object) -> None:
    """A first screen of nothing: these tests are about the plan."""


def write_big(path: Path, *, tail: str = "") -> Path:
    plan = make_plan()
    domains = [d.id for d in plan.domains]
    resources = tuple(
        Resource(id=f"r{i}", title=f"Chapter {i} of the long course", hours=1.5, domains=(domains[i % len(domains)],))
        for i in range(4000)
    )
    path.write_text(store.dumps(replace(plan, resources=resources)) + tail, encoding="utf-8")
    assert path.stat().st_size > BIG_PLAN_BYTES
    return path


def test_the_child_reads_the_same_plan(tmp_path: Path) -> None:
    path = write_big(tmp_path / "big.toml")
    prefetch = Prefetch.start(path, nothing)
    assert prefetch is not None
    loaded = prefetch.result()
    assert loaded == store.load(path)
    assert prefetch.result() is None  # once: the bytes are not kept


def test_a_small_plan_is_read_by_a_child_too(tmp_path: Path) -> None:
    path = tmp_path / "small.toml"
    path.write_text(store.dumps(make_plan()), encoding="utf-8")
    prefetch = Prefetch.start(path, nothing)
    assert prefetch is not None
    assert prefetch.result() == store.load(path)


def test_no_child_for_a_missing_file(tmp_path: Path) -> None:
    assert Prefetch.start(tmp_path / "missing.toml", nothing) is None


def test_no_child_where_there_is_no_fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: the app reads the plan itself (and draws it in its first frame, read at once)."""
    path = tmp_path / "small.toml"
    path.write_text(store.dumps(make_plan()), encoding="utf-8")
    monkeypatch.delattr(os, "fork")
    assert Prefetch.start(path, nothing) is None


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    assert Prefetch.start(fifo, nothing) is None  # returns at once: nothing waits for a writer


def test_a_plan_that_does_not_load_gives_nothing(tmp_path: Path) -> None:
    path = write_big(tmp_path / "big.toml", tail="\n[exam\n")
    prefetch = Prefetch.start(path, nothing)
    assert prefetch is not None
    assert prefetch.result() is None
    with pytest.raises(Exception, match="not valid TOML"):
        store.load(path)


def test_a_cancelled_child_is_gone(tmp_path: Path) -> None:
    prefetch = Prefetch.start(write_big(tmp_path / "big.toml"), nothing)
    assert prefetch is not None
    pid = prefetch._pid
    prefetch.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
    assert prefetch.result() is None


def _stuck(loaded: object) -> None:
    time.sleep(60)


def test_a_cancel_while_the_plan_is_being_taken_ends_the_read(tmp_path: Path) -> None:
    """A quit while a big plan loads: the loading thread's read ends at once, nothing raises, no child is left."""
    import threading

    prefetch = Prefetch.start(write_big(tmp_path / "big.toml"), _stuck)
    assert prefetch is not None
    pid = prefetch._pid
    got: list[object] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            got.append(prefetch.result())
        except BaseException as exc:  # the thread's failure is the test's
            errors.append(exc)

    reader = threading.Thread(target=take)
    reader.start()
    time.sleep(0.3)  # the reader is waiting on the pipe
    started = time.monotonic()
    prefetch.cancel()
    reader.join(10)
    assert not reader.is_alive() and time.monotonic() - started < 5
    assert errors == [] and got == [None]
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.slow
async def test_the_app_shows_what_the_child_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_big(tmp_path / "big.toml")
    plain = make_app(plan=path, today=TODAY)
    async with plain.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        expected = plain.situation
    prefetch = Prefetch.start(path, nothing)

    def not_here(*args: object) -> None:
        raise AssertionError("the app read the file itself instead of taking the child's plan")

    monkeypatch.setattr(store, "load", not_here)  # in this process only: the child is already reading
    app = make_app(plan=path, today=TODAY, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.situation is not None and expected is not None
        assert app.situation.plan == expected.plan
        assert app.situation.schedule == expected.schedule
        assert app.session is not None and app.session.fingerprint == plain.session.fingerprint  # type: ignore[union-attr]


@pytest.mark.slow
async def test_a_plan_the_child_could_not_read_is_reported_by_the_app(tmp_path: Path) -> None:
    path = write_big(tmp_path / "big.toml", tail="\n[exam\n")
    app = make_app(plan=path, today=TODAY, prefetch=Prefetch.start(path, nothing))
    async with app.run_test(size=(120, 40)) as pilot:
        message = await screen_shown(pilot, "LoadErrorScreen", "#load-error-message")
        assert "not valid TOML" in str(message.render())


@pytest.mark.slow
async def test_a_child_reading_another_plan_is_stopped_and_the_right_plan_opens(tmp_path: Path) -> None:
    other = write_big(tmp_path / "other.toml")
    path = write_big(tmp_path / "big.toml")
    path.write_text(path.read_text(encoding="utf-8").replace('code = "', 'code = "X', 1), encoding="utf-8")
    prefetch = Prefetch.start(other, nothing)
    assert prefetch is not None
    app = make_app(plan=path, today=TODAY, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.situation is not None and app.situation.plan == store.load(path).plan
    with pytest.raises(ChildProcessError):
        os.waitpid(prefetch._pid, os.WNOHANG)


@pytest.mark.slow
def test_planner_in_a_terminal_shows_a_big_plan(tmp_path: Path) -> None:
    """The whole way a user takes: `planner --plan big.toml` in a terminal, the child included."""
    path = write_big(tmp_path / "big.toml")
    code = store.load(path).plan.exam.code or store.load(path).plan.exam.name
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "planner", "--plan", str(path), "--today", TODAY], env)
    out = b""
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (code.encode() in out and b"This week" in out):
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert code.encode() in out and b"This week" in out, out[-400:]
    assert b"Traceback" not in out
