"""A plan without calendars pays nothing for them: no iCalendar, CalDAV or HTTP library is imported.

Checked from outside with ``python -X importtime``, which lists every module
the command really imported (including those imported inside functions).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT

CALENDAR_MODULES = (
    "icalendar",
    "caldav",
    "recurring_ical_events",
    "x_wr_timezone",
    "niquests",
    "urllib.request",
    "planner.edge.calendars",
    "planner.edge.publish",
    "planner.core.busy",
)


def imported(*args: str, home: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env.update({"TZ": "UTC", "PYTHONPATH": str(ROOT), "HOME": str(home)})
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planner", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [line.split("|")[-1] for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return {line.strip() for line in lines[1:]}


@pytest.mark.parametrize(
    "command",
    [["schedule"], ["status", "--today", "2026-12-07"], ["calendars"], ["schedule", "--json"]],
    ids=lambda c: " ".join(c),
)
def test_no_calendar_library_without_calendars(command: list[str], tmp_path: Path) -> None:
    modules = imported(*command, "--plan", str(REFERENCE), home=tmp_path)
    assert "planner.edge.store" in modules  # the command read the plan
    assert not [m for m in CALENDAR_MODULES if m in modules]
