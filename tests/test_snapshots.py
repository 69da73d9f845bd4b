"""SVG snapshots of every screen at a fixed size and a fixed today (pytest-textual-snapshot).

Textual is pinned exactly; after a deliberate bump, review the diffs with
``pytest tests/test_snapshots.py --snapshot-update`` and commit them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REFERENCE

from planner.tui.app import make_app

TODAY = "2027-01-20"
"""Mid-plan with nothing logged: the warnings, the late resources and the re-flow all show."""

SCREENS = [
    ("dashboard", ["1"]),
    ("schedule", ["2"]),
    ("resources", ["3"]),
    ("plan", ["4"]),
    ("log", ["5"]),
    ("keys", ["question_mark"]),
    ("print-preview", ["p"]),
]


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the reference plan, shown as ``plans/aws-ml-specialty.toml`` (the screens name their file)."""
    target = tmp_path / "plans" / "aws-ml-specialty.toml"
    target.parent.mkdir()
    shutil.copy(REFERENCE, target)
    monkeypatch.chdir(tmp_path)
    return target.relative_to(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(("keys"), [s[1] for s in SCREENS], ids=[s[0] for s in SCREENS])
def test_screen_at_120x40(snap_compare, plan: Path, keys: list[str]) -> None:
    app = make_app(plan=plan, today=TODAY)
    assert snap_compare(app, press=keys, terminal_size=(120, 40))


def test_dashboard_at_80x24(snap_compare, plan: Path) -> None:
    app = make_app(plan=plan, today=TODAY)
    assert snap_compare(app, press=["1"], terminal_size=(80, 24))


@pytest.mark.slow
def test_light_theme(snap_compare, plan: Path) -> None:
    app = make_app(plan=plan, today=TODAY)
    assert snap_compare(app, press=["ctrl+t", "2"], terminal_size=(120, 40))


def _studied(plan_path: Path) -> None:
    """The plan with six weeks of study logged (a streak up to yesterday) and a session running since 08:35."""
    import datetime as dt

    from planner.core.model import LogEntry, RunningSession, replace
    from planner.edge import store

    domains = ("data-engineering", "eda", "modelling", "ml-ops")
    log = tuple(
        LogEntry(dt.date(2026, 12, 7) + dt.timedelta(days=k), (0.5, 1.0, 1.5, 3.0)[k % 4], domains[k % 3])
        for k in range(44)
        if k % 7 not in (4,) and k not in range(17, 21)  # Fridays off, and four days away before Christmas
    )
    plan = store.load(plan_path).plan
    running = RunningSession(dt.datetime(2027, 1, 20, 8, 35), "modelling", "udemy-hands-on")
    plan_path.write_text(store.dumps(replace(plan, log=log, session=running)))


def test_log_heatmap_at_120x40(snap_compare, plan: Path) -> None:
    _studied(plan)
    app = make_app(plan=plan, today="2027-01-20T09:00")
    assert snap_compare(app, press=["5"], terminal_size=(120, 40))


def test_log_heatmap_and_session_at_80x24(snap_compare, plan: Path) -> None:
    _studied(plan)
    app = make_app(plan=plan, today="2027-01-20T09:00")
    assert snap_compare(app, press=["5"], terminal_size=(80, 24))
