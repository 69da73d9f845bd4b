"""Streaks, the heatmap and hours per domain: what a person sees of the work done."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from planfactory import make_plan

from planner.core import sessions, streaks
from planner.core.engine import build
from planner.core.model import DayRange, LogEntry

TODAY = dt.date(2027, 1, 20)  # a Wednesday


def days(*offsets: int, hours: float = 1.0) -> dict[dt.date, float]:
    """Days ``offset`` days before TODAY (0 is today) with ``hours`` each."""
    return {TODAY - dt.timedelta(days=k): hours for k in offsets}


STREAK_CASES = [
    ("nothing-logged", {}, set(), (0, 0, False)),
    ("today-only", days(0), set(), (1, 1, True)),
    ("today-not-yet-keeps-the-streak", days(1, 2, 3), set(), (3, 3, False)),
    ("yesterday-missed-breaks-it", days(2, 3), set(), (0, 2, False)),
    ("gap-then-today", days(0, 2, 3, 4), set(), (1, 3, True)),
    ("longest-in-the-past", days(0, 1, 5, 6, 7, 8, 9), set(), (2, 5, True)),
    ("zero-hour-day-is-no-study", {**days(0, 2), TODAY - dt.timedelta(days=1): 0.0}, set(), (1, 1, True)),
    ("future-days-do-not-count", {**days(0), TODAY + dt.timedelta(days=1): 2.0}, set(), (1, 1, True)),
    ("a-rest-day-does-not-break-it", days(0, 2, 3), {1}, (3, 3, True)),
    ("a-rest-day-studied-counts", days(0, 1, 2), {1}, (3, 3, True)),
    ("rest-then-today-not-yet", days(2, 3), {1}, (2, 2, False)),
    ("rest-days-do-not-bridge-a-missed-day", days(0, 3, 4), {1}, (1, 2, True)),
]


@pytest.mark.parametrize(("daily", "rest", "expected"), [c[1:] for c in STREAK_CASES], ids=[c[0] for c in STREAK_CASES])
def test_streaks(daily: dict[dt.date, float], rest: set[int], expected: tuple[int, int, bool]) -> None:
    resting = {TODAY - dt.timedelta(days=k) for k in rest}
    assert tuple(streaks.streaks(daily, TODAY, lambda d: d in resting)) == expected


def test_several_entries_a_day_are_one_day_of_their_sum() -> None:
    log = [
        LogEntry(TODAY, 0.5, "d0"),
        LogEntry(TODAY, 1.25, "d1"),
        LogEntry(TODAY, 2, None, kind="practice"),
        LogEntry(TODAY - dt.timedelta(days=1), 0.1, "d0"),
        LogEntry(TODAY - dt.timedelta(days=1), 0.2, "d0"),
    ]
    daily = streaks.daily_hours(log)
    assert daily == {TODAY: 3.75, TODAY - dt.timedelta(days=1): 0.3}
    assert tuple(streaks.streaks(daily, TODAY)) == (2, 2, True)


def test_rest_days_are_the_days_the_plan_gives_nothing() -> None:
    # Fridays have no hours in the factory's plan; 24-25 January is a blackout.
    plan = make_plan(blackouts=(DayRange(dt.date(2027, 1, 24), dt.date(2027, 1, 25), "away"),))
    rest = streaks.rest_day(plan)
    assert [rest(dt.date(2027, 1, d)) for d in (21, 22, 23, 24, 25, 26)] == [False, True, False, True, True, False]


def test_the_heatmap_is_whole_weeks_by_weekdays() -> None:
    daily = {dt.date(2027, 1, 6): 1.0, dt.date(2027, 1, 7): 4.0, dt.date(2027, 1, 18): 2.0}
    heat = streaks.heatmap(daily, dt.date(2027, 1, 6), TODAY)  # Wed 6 Jan .. Wed 20 Jan
    assert len(heat.weeks) == 3 and all(len(w) == 7 for w in heat.weeks)
    assert heat.weeks[0][:2] == (None, None)  # Monday and Tuesday before the first day
    assert heat.weeks[0][2] == streaks.Cell(dt.date(2027, 1, 6), 1.0, 1)
    assert heat.weeks[0][3] == streaks.Cell(dt.date(2027, 1, 7), 4.0, streaks.LEVELS)
    assert heat.weeks[2][0] == streaks.Cell(dt.date(2027, 1, 18), 2.0, 2)
    assert heat.weeks[2][2] == streaks.Cell(TODAY, 0.0, 0)
    assert heat.weeks[2][3:] == (None,) * 4
    assert heat.max_hours == 4.0 and heat.weekdays[0] == "monday"
    rows = heat.rows()
    assert len(rows) == 7 and rows[3][0] == heat.weeks[0][3]


def test_the_heatmap_follows_a_sunday_week() -> None:
    heat = streaks.heatmap({}, dt.date(2027, 1, 6), TODAY, "sunday")
    assert heat.weekdays[0] == "sunday"
    assert heat.weeks[0][3] is not None and heat.weeks[0][3].date == dt.date(2027, 1, 6)
    assert heat.max_hours == 0.0 and {c.level for w in heat.weeks for c in w if c} == {0}


def test_hours_per_domain_against_the_plan() -> None:
    plan = make_plan(
        log=(
            LogEntry(dt.date(2027, 1, 5), 1.5, "d1"),
            LogEntry(dt.date(2027, 1, 6), 0.5, "d1"),
            LogEntry(dt.date(2027, 1, 6), 3, None, kind="practice"),
        )
    )
    rows = streaks.by_domain(plan, {d.id: d.planned_hours for d in build(plan, TODAY).domains})
    assert [(r.id, r.done) for r in rows] == [("d0", 0), ("d1", 2.0), ("d2", 0), ("d3", 0)]
    assert all(r.planned > 0 for r in rows)


def test_status_lines_give_the_streak_and_the_running_session() -> None:
    plan = make_plan(log=(LogEntry(dt.date(2027, 1, 18), 1, "d0"), LogEntry(dt.date(2027, 1, 19), 2, "d1")))
    now = pendulum.datetime(2027, 1, 20, 19, 30, tz="Europe/London")
    sched = build(plan, TODAY)
    assert streaks.status_lines(plan, sched, now, "Europe/London") == [
        "",
        "Streak: 2 days (longest 2 days), 3 h in the last 7 days; none logged today yet",
    ]
    plan = sessions.start(plan, now.subtract(minutes=50), "Europe/London", "d2")
    assert (
        streaks.status_lines(plan, sched, now, "Europe/London")[1] == "Session: Domain 2 since Wed 20 Jan 18:40, 50 min"
    )
    assert streaks.status_lines(make_plan(), sched, now, "Europe/London") == []
