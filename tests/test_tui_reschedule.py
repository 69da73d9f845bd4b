"""Pilot tests of the reschedule dialog: the whole situation after the move, and it is what happens."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import screen_text
from tui_helpers import opened

from planner.core.model import replace
from planner.edge import store
from planner.tui.app import make_app

LINE = re.compile(r"^(new|still|gone) +(RISK|WARN|INFO) +(\S+)", re.MULTILINE)


def listed(app) -> list[tuple[str, str]]:
    """(mark, code) of every warning line of the dialog's preview."""
    text = str(app.screen.query_one("#reschedule-after").render())
    return [(m[1], m[3]) for m in LINE.finditer(text)]


async def move_to(pilot, day: str, *, move_dated: bool = False) -> list[tuple[str, str]]:
    app = pilot.app
    await pilot.press("r")
    await pilot.pause()
    assert type(app.screen).__name__ == "RescheduleScreen"
    app.screen.query_one("#reschedule-date").value = day
    if move_dated:
        app.screen.query_one("#reschedule-move-dated").value = True
    await pilot.pause()
    shown = listed(app)
    app.screen.query_one("#move").press()
    await pilot.pause()
    return shown


def with_dated_leave(path: Path) -> None:
    """The reference plan with its days off before the exam written as dates, not as days before it."""
    plan = store.load(path).plan
    dated = tuple(replace(r, days_before_exam=None) for r in plan.study.overrides)
    store.save(path, replace(plan, study=replace(plan.study, overrides=dated)), force=True)


@pytest.mark.slow
async def test_the_preview_lists_the_warnings_of_the_new_date_and_the_dashboard_agrees(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert app.situation.alerts == ()
        shown = await move_to(pilot, "2027-03-01")  # five weeks earlier: the hours no longer fit
        assert ("new", "infeasible") in shown and ("new", "postponement-last") in shown
        after = [str(a.code) for a in app.situation.alerts]
        assert [code for mark, code in shown if mark != "gone"] == after
        dashboard = screen_text(app)
        for code in after:
            assert code in dashboard, code
    assert store.load(plan_copy).plan.exam.date == dt.datetime(2027, 3, 1, 10)


@pytest.mark.slow
async def test_days_off_set_as_days_before_the_exam_move_with_it(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        leave = app.plan.study.overrides[1]
        assert leave.days_before_exam == 7
        shown = await move_to(pilot, "2027-04-19")
        assert "practice-overflow" not in {code for _, code in shown}
        moved = app.plan.study.overrides[1]
        assert (moved.start - leave.start, moved.end - leave.end) == (dt.timedelta(days=14), dt.timedelta(days=14))


@pytest.mark.slow
async def test_dated_days_off_stay_unless_asked_and_the_preview_says_what_that_costs(plan_copy: Path) -> None:
    with_dated_leave(plan_copy)
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#reschedule-date").value = "2027-04-19"
        await pilot.pause()
        assert app.screen.query_one("#reschedule-move-dated").display, "asked: there are dated ranges to move"
        # Left behind two weeks before the new date, the days off no longer hold the practice exams.
        assert ("new", "practice-overflow") in listed(app)
        app.screen.query_one("#reschedule-move-dated").value = True
        await pilot.pause()
        assert "practice-overflow" not in {code for _, code in listed(app)}
        shown = listed(app)
        app.screen.query_one("#move").press()
        await pilot.pause()
        assert [code for mark, code in shown if mark != "gone"] == [str(a.code) for a in app.situation.alerts]
        assert app.plan.study.overrides[1].start == dt.date(2027, 4, 12)


@pytest.mark.slow
async def test_a_refused_move_says_why_and_cannot_be_confirmed(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#reschedule-date").value = "2026-12-01"
        await pilot.pause()
        assert "Not possible:" in str(app.screen.query_one("#reschedule-after").render())
        assert app.screen.query_one("#move").disabled


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        pytest.param("2027-0", "Type a date (2027-05-10)", id="still-typing"),
        pytest.param("2027-02-30", "'2027-02-30' is no day: February 2027 has 28 days.", id="no-such-day"),
        pytest.param("2027-13-01", "has no month 13", id="no-such-month"),
        pytest.param("2300-01-01", "is outside the years the planner handles (1970 to 2200).", id="out-of-range"),
    ],
)
async def test_a_date_that_cannot_be_is_told_why(plan_copy: Path, typed: str, said: str) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#reschedule-date").value = typed
        await pilot.pause()
        text = str(app.screen.query_one("#reschedule-after").render())
        assert said in text and "Type a date" in text, text
        assert app.screen.query_one("#move").disabled


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_buttons_stay_on_screen_below_a_long_preview(plan_copy: Path, size: tuple[int, int]) -> None:
    app = make_app(plan=plan_copy, today="2026-12-03")
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#reschedule-date").value = "2027-02-01"  # much earlier: many warnings
        await pilot.pause()
        assert len(listed(app)) >= 3
        shown = screen_text(app)
        assert "Move the exam" in shown and "Cancel" in shown
        screen = app.screen.region
        for button in ("#move", "#cancel"):
            region = app.screen.query_one(button).region
            assert region.height and screen.contains_region(region), button
