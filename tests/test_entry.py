"""The process's way in: a command runs with the cyclic collector off, the TUI with it on.

``planner.cli.entry`` turns the collector off because a command is short; an
app left that way would never free a cycle however long it ran, so the app
must find it on again. Both are checked in a real ``python`` process, through
the same ``entry`` the ``planner`` script calls, with ``App.run`` replaced by
a probe that records the collector's state and quits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT

PROBE = """
import gc, sys
import textual.app

def run(self, *args, **kwargs):
    print("app runs with the collector", "on" if gc.isenabled() else "off", file=sys.stderr)
    return 0

textual.app.App.run = run


class Probe:  # stdout that notes, at the command's first output, whether the collector is on

    def __init__(self, stream):
        self.stream, self.seen = stream, False

    def write(self, text):
        if not self.seen:
            self.seen = True
            print("command runs with the collector", "on" if gc.isenabled() else "off", file=sys.stderr)
        return self.stream.write(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


sys.stdout = Probe(sys.stdout)
import os

os.isatty = lambda fd: True  # as in a terminal: the app refuses to start without one
way, *args = sys.argv[1:]
sys.argv = ["planner", *args]
try:
    if way == "script":  # what the installed `planner` script calls
        from importlib.metadata import entry_points

        entry_points(group="console_scripts")["planner"].load()()
    else:
        import runpy

        runpy.run_module("planner", run_name="__main__")
except SystemExit:
    pass
print("after the run: frozen objects", gc.get_freeze_count() > 0, file=sys.stderr)
"""


def run_probe(tmp_path: Path, way: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_PLANS": str(tmp_path), "TZ": "UTC"}
    return subprocess.run(
        [sys.executable, "-c", PROBE, way, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )


@pytest.mark.parametrize("way", ["script", "python -m planner"])
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(("--today", "2026-12-07"), "app runs with the collector on", id="the TUI"),
        pytest.param(("--today", "2026-12-07", "schedule"), "command runs with the collector off", id="a command"),
    ],
)
def test_the_collector_is_on_for_the_app_and_off_for_a_command(
    way: str, args: tuple[str, ...], expected: str, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(REFERENCE.read_bytes())
    done = run_probe(tmp_path, way, "--plan", str(plan), *args)
    assert done.returncode == 0, done.stderr
    assert expected in done.stderr
    assert "after the run: frozen objects True" in done.stderr  # the teardown does not walk them again


@pytest.mark.parametrize("way", ["script", "python -m planner"])
def test_the_app_without_a_terminal_is_refused_in_one_line(way: str, tmp_path: Path) -> None:
    """`planner < /dev/null` or `planner | less` would wait for keys at full CPU: it says why it will not start."""
    plan = tmp_path / "plan.toml"
    plan.write_bytes(REFERENCE.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANNER_PLANS": str(tmp_path), "TZ": "UTC"}
    argv = {
        "script": [str(Path(sys.executable).with_name("planner"))],
        "python -m planner": [sys.executable, "-m", "planner"],
    }
    done = subprocess.run(
        [*argv[way], "--plan", str(plan), "--today", "2026-12-07"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: the app needs a terminal"), done.stderr
