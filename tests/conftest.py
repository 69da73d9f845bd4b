from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Every test sees the same machine: a UTC clock zone, so "local time" lines are stable.
os.environ["TZ"] = "UTC"
if hasattr(__import__("time"), "tzset"):
    __import__("time").tzset()

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "planner" / "edge" / "templates" / "aws-ml-specialty.toml"
"""The reference plan as shipped: a file neither the app nor the tests ever write (plans/ holds a copy
for people to try; trying the app may change that one, so no test reads it)."""
REFERENCE_ARG = str(REFERENCE.relative_to(ROOT))
"""The reference plan as a command line names it (the CLI tests run in the repository)."""
GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A cache for what runs before a test's own (module and session fixtures), never the user's or the repo's."""
    os.environ["PLANNER_CACHE"] = str(tmp_path_factory.mktemp("session-cache"))


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own cache (the planner keeps calendars and plans it read there), never the user's or the repo's."""
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path_factory.mktemp("cache")))


# A plan no test was written against: a DST exam day, a new-year blackout, a mid-week start.
UNSEEN = """schema = 1

[exam]
name = "Certified Kubernetes Administrator"
code = "CKA"
date = 2027-03-28T09:00:00
timezone = "Europe/Berlin"
duration_minutes = 120
passing_score = 66
postponements_allowed = 1

[study]
start = 2026-12-09
week_starts = "monday"
granularity_hours = 0.5

[study.availability]
monday = 1
tuesday = 1.5
wednesday = 1
thursday = 1.5
friday = 0.5
saturday = 4
sunday = 2.5

[[study.blackouts]]
start = 2026-12-27
end = 2027-01-04
reason = "new year away"

[practice]
count = 3
minutes = 120
weeks_before_exam = 2

[[domains]]
id = "storage"
name = "Storage"
weight = 10
[[domains]]
id = "troubleshooting"
name = "Troubleshooting"
weight = 30
[[domains]]
id = "workloads"
name = "Workloads & Scheduling"
weight = 15
[[domains]]
id = "cluster"
name = "Cluster Architecture"
weight = 25
[[domains]]
id = "networking"
name = "Services & Networking"
weight = 20
[[domains]]
id = "security"
name = "Security basics"
weight = 7.5

[[resources]]
id = "k8s-docs"
title = "Kubernetes docs [with labs]"
kind = "docs"
hours = 20
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_planner(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """``python -m planner ARGS`` in a clean environment: UTC machine, no plans folder."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_") or k == "PLANNER_CACHE"}
    full_env["TZ"] = "UTC"
    full_env["PYTHONPATH"] = str(ROOT)
    full_env["HOME"] = str(cwd or ROOT)
    full_env.pop("XDG_DATA_HOME", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A copy of the reference plan in a plans folder of its own."""
    folder = tmp_path / "plans"
    folder.mkdir()
    target = folder / "aws-ml-specialty.toml"
    shutil.copy(REFERENCE, target)
    return target


def screen_text(app) -> str:
    """What is on the screen of a running app, as text."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def record_notes(app) -> list[str]:
    """Every notification the app shows from now on, as "title: message"."""
    notes: list[str] = []
    notify = app.notify

    def recording(message, **kwargs):
        notes.append(f"{kwargs.get('title', '')}: {message}")
        return notify(message, **kwargs)

    app.notify = recording
    return notes


def golden(name: str, actual: str, update: bool = bool(os.environ.get("UPDATE_GOLDEN"))) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
    assert actual == path.read_text(encoding="utf-8")
