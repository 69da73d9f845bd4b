"""Pilot tests: the Log screen's heatmap of days studied, the streak, and hours per domain against the plan."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import REFERENCE, screen_text
from textual.widgets import DataTable
from tui_helpers import opened, set_plan, show_tab

from planner.core.model import LogEntry, replace
from planner.edge import store
from planner.tui.app import make_app
from planner.tui.widgets.heatmap import CELL, LABEL, HeatmapChart

TODAY = "2026-12-23"
"""A Wednesday of the reference plan's third week (it starts on Monday 7 December)."""

D = dt.date
LOG = (
    LogEntry(D(2026, 12, 8), 1.0, "eda"),
    LogEntry(D(2026, 12, 12), 3.0, "modelling"),
    LogEntry(D(2026, 12, 12), 1.0, "modelling"),  # two on a day add up: 4 h, the darkest
    LogEntry(D(2026, 12, 19), 2.0, "data-engineering"),
    LogEntry(D(2026, 12, 20), 0.5, "modelling"),
    LogEntry(D(2026, 12, 21), 1.5, "eda"),
    LogEntry(D(2026, 12, 22), 1.0, "modelling"),
)
"""Study days 19-22 December in a row (Friday 18th is a rest day of the plan), nothing yet on the 23rd."""


def with_log(path: Path) -> None:
    plan = store.load(path).plan
    path.write_text(store.dumps(replace(plan, log=LOG)))


@pytest.fixture
def logged(plan_copy: Path) -> Path:
    with_log(plan_copy)
    return plan_copy


def cell_at(chart: HeatmapChart, day: dt.date):
    grid = chart.grid()
    for week in grid.weeks:
        for cell in week:
            if cell is not None and cell.date == day:
                return cell
    raise AssertionError(day)


async def test_days_are_shaded_by_their_hours(logged: Path) -> None:
    app = make_app(plan=logged, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        chart = app.query_one(HeatmapChart)
        grid = chart.grid()
        assert (grid.first, grid.last, len(grid.weeks)) == (D(2026, 12, 7), D(2026, 12, 23), 3)
        assert grid.weekdays[0] == "monday"
        levels = {day: cell_at(chart, D(2026, 12, day)).level for day in (7, 8, 12, 19, 20, 21, 22, 23)}
        assert levels == {7: 0, 8: 1, 12: 4, 19: 2, 20: 1, 21: 2, 22: 1, 23: 0}
        # Drawn: Saturday's row (the sixth), the second week's square in the colour of level 4.
        lines = chart.render().split("\n")
        saturday = lines[1 + 5]
        assert saturday.plain.rstrip() == "Sa ■ ■"  # the third Saturday is after today: not drawn
        at = LABEL + CELL * 0  # week of 7 Dec, Saturday 12th
        styles = [s.style for s in saturday.spans if s.start == at]
        assert styles == [chart.get_visual_style("heatmap--level-4")]
        assert lines[0].plain.startswith("   Dec")
        assert "less ■ ■ ■ ■ ■ more" in lines[-1].plain


async def test_streak_and_hours_per_domain_against_the_plan(logged: Path) -> None:
    app = make_app(plan=logged, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        text = screen_text(app)
        assert "Streak 4 days · longest 4 days" in text
        assert "5 h in the last 7 days · nothing logged today yet" in text
        planned = {d.id: d.planned_hours for d in app.situation.schedule.domains}
        assert f"Modelling            █░░░░░░░░░░░ 5.5 of {planned['modelling']:g} h" in text
        assert "darkest 4 h" in text


@pytest.mark.slow
async def test_a_new_log_entry_changes_the_heatmap_and_the_streak(logged: Path) -> None:
    app = make_app(plan=logged, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        plan = app.plan
        set_plan(app, replace(plan, log=(*plan.log, LogEntry(D(2026, 12, 23), 4.0, "eda"))))
        await pilot.pause()
        chart = app.query_one(HeatmapChart)
        assert cell_at(chart, D(2026, 12, 23)).level == 4
        assert "Streak 5 days · longest 5 days" in screen_text(app)


async def test_before_the_start_the_screen_says_when_study_starts(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-01")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        assert not app.query_one(HeatmapChart).display
        assert "Study starts on Mon 7 Dec." in screen_text(app)
        # No session logged yet: the table still says what it will hold.
        assert [str(c.label) for c in app.query_one("#log-table", DataTable).columns.values()] == [
            "Date",
            "Hours",
            "What",
            "Resource",
            "Note",
        ]


@pytest.mark.slow
async def test_a_long_plan_keeps_the_latest_weeks_at_80x24(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    shutil.copy(REFERENCE, path)
    plan = store.load(path).plan
    start = D(2026, 3, 2)  # forty weeks before today: more weeks than 80 columns hold
    long_log = tuple(LogEntry(start + dt.timedelta(days=k), 1.0 + k % 4, "eda") for k in range(0, 290, 3))
    longer = replace(plan, study=replace(plan.study, start=start), log=long_log)
    path.write_text(store.dumps(longer))
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        chart = app.query_one(HeatmapChart)
        grid = chart.grid()
        assert grid.last == D(2026, 12, 23) and grid.first > start
        assert LABEL + CELL * len(grid.weeks) <= chart.size.width
        for selector in ("#heat-card", "#work-card", "#log-table"):
            region = app.query_one(selector).region
            assert region.height > 0 and region.bottom <= 24 and region.right <= 80, selector
        table = app.query_one("#log-table").region
        assert table.height >= 4  # the sessions stay usable under the heatmap


@pytest.mark.slow
async def test_start_a_session_on_the_highlighted_log_row(logged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(plan=logged, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        await pilot.press("down")  # the newest is the 22nd (modelling); below it the 21st (eda)
        await pilot.press("s")
        await pilot.pause()
        assert app.plan.session is not None and app.plan.session.domain == "eda"


@pytest.mark.parametrize(("answer", "kept"), [("n", True), ("escape", True), ("y", False)], ids=["no", "escape", "yes"])
async def test_deleting_a_logged_session_asks_first(logged: Path, answer: str, kept: bool) -> None:
    app = make_app(plan=logged, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "5", "log")
        before = app.plan.log
        app.query_one("#log-table", DataTable).focus()
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert str(app.screen.query_one("Static").render()).startswith("Delete the session of ")
        await pilot.press(answer)
        await pilot.pause()
        assert (app.plan.log == before) is kept
        if not kept:
            assert len(app.plan.log) == len(before) - 1
            app.set_focus(None)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert app.plan.log == before
