"""Pilot tests of the dashboard: this week stays in view, the numbers agree with each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import screen_text
from tui_helpers import opened

from planner.tui.app import make_app


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_this_week_stays_in_view_however_many_warnings(plan_copy: Path, size: tuple[int, int]) -> None:
    # Mid-plan with nothing logged: infeasible, behind, and a late resource for every week gone by.
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        assert len(app.situation.alerts) >= 5
        text = screen_text(app)
        assert "This week · Mon 15 Feb – Sun 21 Feb" in text
        for name in ("Data Engineering", "Exploratory Data Analysis", "Modelling", "ML Implementation"):
            assert re.search(rf"\d h  {name}", text), name
        assert "Today:" in text
        assert "RISK" in text, "the first warning still shows"


async def test_the_practice_counts_agree(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-03-30")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        sched = app.situation.schedule
        week = sched.week_of(sched.today)
        hint = str(app.query_one("#practice-hint").render())
        card = str(app.query_one("#this-week").render())
        left = re.search(r"(\d+) of 10 practice exams left: (.*) ·", hint)
        assert left, hint
        parts = [int(n) for n in re.findall(r"(\d+) (?:this week|in the weeks after|does not fit|do not fit)", hint)]
        assert sum(parts) == int(left[1]) == sched.practice_needed_exams, hint
        assert f"{week.practice_exams} this week" in hint
        assert f"Practice: {week.practice_exams} timed practice exams" in card


async def test_repeated_warnings_are_grouped_and_the_weak_domain_shift_said_once(plan_copy: Path) -> None:
    import datetime as dt

    from planner.core.model import PracticeResult, replace
    from planner.edge import store

    plan = store.load(plan_copy).plan
    weak = PracticeResult(dt.date(2027, 2, 13), 60, (("eda", 70), ("modelling", 55), ("data-engineering", 90)))
    store.save(
        plan_copy,
        replace(plan, practice=replace(plan.practice, results=(weak,))),
        force=True,
    )
    app = make_app(plan=plan_copy, today="2027-02-20")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        codes = [str(a.code) for a in app.situation.alerts]
        assert codes.count("resource-late") > 1 and codes.count("weak-domain") == 2
        shown = str(app.query_one("#warnings").render())
        assert shown.count("resource-late") == 1 and "resources are late; the oldest" in shown
        assert shown.count("weak-domain") == 1 and shown.count("The remaining hours move") == 1
