"""Pilot tests of a timed practice exam: the clock, finishing early or in time, and what is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import screen_text
from planfactory import make_plan
from textual.widgets import Button
from tuihost import Host

from planner.core.model import Plan, Practice
from planner.tui.modals.practice import PracticeTimer, Sitting

TODAY = dt.date(2027, 2, 24)
"""In the practice week: the exam is on Mon 1 Mar 2027."""


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def practice_plan() -> Plan:
    return make_plan(practice=Practice(count=4, minutes=180, weeks_before_exam=1), passing_score=75)


async def sit(app: Host, pilot: object, clock: Clock) -> PracticeTimer:
    timer = PracticeTimer(app.plan, TODAY, clock=clock)
    app.practice(timer)
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.screen is timer
    return timer


async def wait(pilot: object, times: int = 2) -> None:
    for _ in range(times):
        await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("minutes", "block", "hours", "counts"),
    [
        pytest.param(1 / 3, 0.5, 0, False, id="20s-no-block"),
        pytest.param(40, 0.5, 0.5, False, id="40min-one-block"),
        pytest.param(45, 0.5, 1.0, False, id="half-block-rounds-up"),
        pytest.param(89, 0.5, 1.5, True, id="rounds-to-half-counts"),
        pytest.param(100, 0.5, 1.5, True, id="100min"),
        pytest.param(180, 0.5, 3.0, True, id="full"),
        pytest.param(100, 0.25, 1.75, True, id="quarter-blocks"),
        pytest.param(200, 1.0, 3.0, True, id="overtime-whole-hours"),
    ],
)
def test_time_spent_is_logged_in_whole_blocks(minutes: float, block: float, hours: float, counts: bool) -> None:
    sitting = Sitting(minutes * 60, 180, block)
    assert sitting.hours == hours
    assert (sitting.hours / block).is_integer()
    assert sitting.counts_by_time is counts  # decided on what is logged, as the engine will see it


@pytest.mark.slow
async def test_the_clock_counts_down_and_pause_says_resume() -> None:
    clock = Clock()
    app = Host(practice_plan(), TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        timer = await sit(app, pilot, clock)
        assert timer.query_one("#practice-clock").value == "3:00:00"
        assert str(timer.query_one("#pause", Button).label) == "Pause (space)"
        clock.now += 65
        await pilot.pause(0.6)
        assert timer.query_one("#practice-clock").value == "2:58:55"
        await pilot.press("space")
        await pilot.pause()
        assert timer.paused and timer.has_class("paused")
        assert str(timer.query_one("#pause", Button).label) == "Resume (space)"
        assert "paused" in screen_text(app)
        clock.now += 600  # ten minutes of pause are not exam time
        await pilot.pause(0.6)
        assert timer.query_one("#practice-clock").value == "2:58:55"
        await pilot.click("#pause")
        await pilot.pause()
        assert not timer.paused and not timer.has_class("paused")
        assert str(timer.query_one("#pause", Button).label) == "Pause (space)"
        assert timer.used_seconds() == 65


async def test_finishing_after_20_seconds_is_not_an_exam_and_logs_nothing() -> None:
    clock = Clock()
    plan = practice_plan()
    app = Host(plan, TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 20
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "EarlyFinish"
        text = screen_text(app)
        assert "Stopped after 20 s of 180 min" in text
        assert "at least 90 minutes logged" in text
        assert "nothing to log" in text
        await pilot.click("#log")
        await wait(pilot)
        assert app.screen is app.screen_stack[0]
        assert app.plan == plan and app.labels == []


async def test_finishing_early_can_log_the_time_as_practice_not_an_exam() -> None:
    clock = Clock()
    app = Host(practice_plan(), TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 40 * 60
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await wait(pilot)
        entry = app.plan.log[-1]
        assert (entry.date, entry.hours, entry.kind) == (TODAY, 0.5, "practice")
        assert "not counted as an exam" in entry.note
        assert entry.hours * 60 < 180 / 2
        assert app.plan.practice.results == ()
        assert app.labels == ["log practice time"]
        assert app.said == ["Practice time logged: 0.5 h logged; it does not count as a practice exam"]


async def test_finishing_early_can_go_back_to_the_exam() -> None:
    clock = Clock()
    app = Host(practice_plan(), TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        timer = await sit(app, pilot, clock)
        clock.now += 20
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is timer and not timer.paused
        clock.now += 10
        assert timer.used_seconds() == 30


async def test_finishing_early_with_a_score_counts_and_records_the_result() -> None:
    clock = Clock()
    app = Host(practice_plan(), TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 20
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "PracticeResultForm"
        await pilot.press("enter")  # no score typed: refused, a score is what makes it count
        await pilot.pause()
        assert "score: type the percentage you got" in screen_text(app)
        app.screen.query_one("#result-score").value = "64"
        await pilot.press("enter")
        await wait(pilot)
        assert [(r.date, r.score) for r in app.plan.practice.results] == [(TODAY, 64)]
        assert app.plan.log == ()  # 20 s is no block of study time
        assert app.labels == ["record a practice exam"]


async def test_a_full_sitting_records_score_domains_and_whole_blocks_in_one_edit() -> None:
    clock = Clock()
    app = Host(practice_plan(), TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 105 * 60  # 3.5 blocks of half an hour: logged as 2 h, never 1.75
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PracticeResultForm"
        assert "1 h 45 min spent: 2 h goes in the log" in screen_text(app)
        app.screen.query_one("#result-score").value = "72"
        app.screen.query_one("#result-domain-2").value = "61%"
        await pilot.press("enter")
        await wait(pilot)
        result = app.plan.practice.results[-1]
        assert (result.date, result.score, result.domains) == (TODAY, 72, (("d2", 61),))
        entry = app.plan.log[-1]
        assert (entry.date, entry.hours, entry.kind, entry.note) == (
            TODAY,
            2.0,
            "practice",
            "practice exam: 72% (1 h 45 min of 180 min)",
        )
        assert app.labels == ["record a practice exam"]  # one edit: one undo takes both back
        assert app.said == ["Practice exam recorded: 72%, 2 h logged"]
        assert any(a.code == "weak-domain" for a in app.situation.alerts)  # 61 is under the pass mark of 75


async def test_a_full_sitting_without_a_score_is_logged_as_an_exam() -> None:
    clock = Clock()
    app = Host(practice_plan(), TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 180 * 60
        await pilot.pause(0.6)
        assert app.screen.has_class("overtime")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the score may stay empty: the time spent makes it an exam
        await wait(pilot)
        assert app.plan.practice.results == ()
        assert app.plan.log[-1].hours == 3 and app.plan.log[-1].note == "practice exam, no score (3 h 0 min of 180 min)"
        assert app.labels == ["log a practice exam"]


async def test_a_result_dated_in_the_future_is_refused() -> None:
    clock = Clock()
    plan = practice_plan()
    app = Host(plan, TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 180 * 60
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#result-date").value = (TODAY + dt.timedelta(days=1)).isoformat()
        app.screen.query_one("#result-score").value = "80"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PracticeResultForm"
        assert "date: 2027-02-25 is after today (2027-02-24)" in screen_text(app)
        app.screen.query_one("#result-date").value = (TODAY - dt.timedelta(days=1)).isoformat()
        await pilot.press("enter")
        await wait(pilot)
        assert app.plan.practice.results[-1].date == TODAY - dt.timedelta(days=1)
        assert app.plan.log[-1].date == TODAY - dt.timedelta(days=1)


async def test_abandon_after_an_hour_asks_first_and_records_nothing() -> None:
    clock = Clock()
    plan = practice_plan()
    app = Host(plan, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        timer = await sit(app, pilot, clock)
        clock.now += 3600
        await pilot.press("escape")
        await wait(pilot)
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "1 h 0 min" in screen_text(app)
        await pilot.press("escape")  # a second stray escape answers no: back to the exam
        await wait(pilot)
        assert app.screen is timer and not timer.paused
        await pilot.press("escape")
        await wait(pilot)
        await pilot.press("y")
        await wait(pilot)
        assert app.screen is app.screen_stack[0]
        assert app.plan == plan and app.labels == []


async def test_escape_right_after_opening_leaves_without_asking() -> None:
    clock = Clock()
    plan = practice_plan()
    app = Host(plan, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await sit(app, pilot, clock)
        clock.now += 5
        await pilot.press("escape")
        await wait(pilot)
        assert app.screen is app.screen_stack[0]
        assert app.plan == plan and app.labels == []
