"""Pilot tests of the reschedule dialog: the whole situation after the move, and it is what happens."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import screen_text
from tui_helpers import opened

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


async def test_the_preview_lists_the_warnings_of_the_new_date_and_the_dashboard_agrees(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        assert not any(a.code == "practice-overflow" for a in app.situation.alerts)
        shown = await move_to(pilot, "2027-04-19")
        # The days off stay behind, two weeks before the new date: the practice exams no longer fit.
        assert ("new", "practice-overflow") in shown
        after = [str(a.code) for a in app.situation.alerts]
        assert [code for mark, code in shown if mark != "gone"] == after
        dashboard = screen_text(app)
        for code in after:
            assert code in dashboard, code
    assert store.load(plan_copy).plan.exam.date == dt.datetime(2027, 4, 19, 10)


async def test_moving_the_leave_with_the_exam_keeps_the_practice_exams(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        leave = app.plan.study.overrides[1]
        shown = await move_to(pilot, "2027-04-19", move_dated=True)
        assert "practice-overflow" not in {code for _, code in shown}
        assert "practice-overflow" not in {str(a.code) for a in app.situation.alerts}
        moved = app.plan.study.overrides[1]
        assert (moved.start - leave.start, moved.end - leave.end) == (dt.timedelta(days=14), dt.timedelta(days=14))
        assert [code for mark, code in shown if mark != "gone"] == [str(a.code) for a in app.situation.alerts]


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
