"""Days and clock times (issue 11 items 5 and 6): what a day plans, and when its sessions run."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import EPS, is_multiple
from planfactory import busy_days, make_plan, plans

from planner.core import engine
from planner.core.engine import DayPlan, day_sessions, week_days
from planner.core.model import DayRange, LogEntry, Practice

D = dt.date
T = dt.datetime
MON = D(2027, 1, 4)
SAT = D(2027, 1, 9)


@dataclass
class ClockCase:
    name: str
    day: dt.date
    study: tuple[tuple[str, float], ...]
    exams: int
    sessions: list[tuple[str, str, str]]
    """(kind, start, end) as HH:MM."""
    start_times: tuple[tuple[str, dt.time], ...] = ()
    minutes: int = 180


CLOCK_CASES = [
    ClockCase("an-evening-starts-at-19:00", MON, (("d0", 1.5),), 0, [("study", "19:00", "20:30")]),
    ClockCase(
        "the-plan-says-when-saturday-starts",
        SAT,
        (("d0", 2.0), ("d1", 1.0)),
        0,
        [("study", "09:30", "12:30")],
        start_times=(("saturday", dt.time(9, 30)),),
    ),
    ClockCase("a-long-day-ends-at-23:00", MON, (("d0", 6.0),), 0, [("study", "17:00", "23:00")]),
    ClockCase(
        "a-sitting-takes-its-minutes-and-its-review-follows",
        MON,
        (("d0", 3.0),),
        1,
        [("practice", "17:00", "20:00"), ("review", "20:00", "23:00")],
    ),
    ClockCase(
        "two-sittings-each-with-its-review",
        MON,
        (("d0", 1.0), ("d1", 1.0)),
        2,
        [
            ("practice", "15:00", "18:00"),
            ("review", "18:00", "19:00"),
            ("practice", "19:00", "22:00"),
            ("review", "22:00", "23:00"),
        ],
    ),
    ClockCase(
        "a-90-minute-sitting-on-an-evening",
        MON,
        (),
        1,
        [("practice", "19:00", "20:30")],
        minutes=90,
    ),
    ClockCase(
        "a-late-start-moves-earlier-rather-than-past-midnight",
        MON,
        (("d0", 1.0),),
        0,
        [("study", "22:00", "23:00")],
        start_times=(("monday", dt.time(23, 30)),),
    ),
    ClockCase("a-whole-day-runs-from-midnight-to-midnight", MON, (("d0", 24.0),), 0, [("study", "00:00", "24:00")]),
    ClockCase("a-day-with-nothing-planned-has-no-session", MON, (), 0, []),
]


def _clock(at: dt.datetime, day: dt.date) -> str:
    return "24:00" if at.date() > day else f"{at:%H:%M}"


@pytest.mark.parametrize("case", CLOCK_CASES, ids=[c.name for c in CLOCK_CASES])
def test_day_sessions_on_the_clock(case: ClockCase) -> None:
    plan = make_plan(
        start=MON,
        exam=T(2027, 2, 1, 9),
        weights=(1, 1),
        start_times=case.start_times,
        practice=Practice(count=2, minutes=case.minutes),
    )
    practice = case.exams * case.minutes / 60
    capacity = sum(h for _, h in case.study) + practice
    day = DayPlan(case.day, capacity, "", case.exams, case.study, (), "future", practice)
    got = [(s.kind, _clock(s.start, case.day), _clock(s.end, case.day)) for s in day_sessions(plan, day)]
    assert got == case.sessions


def test_the_reference_leave_days_run_17_to_23_with_the_sitting_first() -> None:
    """Issue 11 item 5: the 19:00 start was applied to 6 h leave days, so sittings ran 22:00-01:00."""
    plan = make_plan(
        start=MON,
        exam=T(2027, 1, 25, 10),
        availability=(1.5, 1.5, 1.5, 1.5, 0, 3, 2),
        weights=(1, 1),
        target=60.0,
        practice=Practice(count=5, minutes=180, weeks_before_exam=1),
        overrides=(DayRange(D(2027, 1, 18), D(2027, 1, 22), "leave", 6.0),),
    )
    s = engine.build(plan, MON)
    days = week_days(plan, s, s.weeks[-1])
    # one sitting a day, backwards from the exam on the days long enough: Sat 23 (3 h), then Fri 22 .. Tue 19
    assert [d.practice_exams for d in days] == [0, 1, 1, 1, 1, 1, 0]
    for day in days[:5]:  # the leave days
        sessions = day_sessions(plan, day)
        assert sessions[0].start.time() == dt.time(17, 0) and sessions[-1].end.time() == dt.time(23, 0)
        if day.practice_exams:
            assert [x.kind for x in sessions] == ["practice", "review"]
            assert sessions[0].minutes == 180


def test_day_lines_show_the_planned_hours_not_the_available_ones() -> None:
    """Issue 11 item 6: a day says what is planned on it; the week's 11 h of 12 are shared by the days."""
    plan = make_plan(start=MON, exam=T(2027, 1, 11, 9), availability=(2, 2, 2, 2, 2, 0, 2), weights=(1,), target=11.0)
    s = engine.build(plan, MON)
    days = week_days(plan, s, s.weeks[0])
    assert sum(d.planned_hours for d in days) == 11
    sunday = days[-1]
    # 22 blocks over six days of four: two days give one up, the last ones (largest remainder, ties to the earlier)
    assert [d.planned_hours for d in days] == [2, 2, 2, 2, 1.5, 0, 1.5]
    assert (sunday.capacity, sunday.planned_hours) == (2, 1.5)


def test_a_day_with_a_sitting_plans_its_real_minutes() -> None:
    plan = make_plan(
        start=MON,
        exam=T(2027, 1, 11, 9),
        availability=(2, 2, 2, 2, 2, 0, 0),
        weights=(1,),
        practice=Practice(count=1, minutes=100),
    )
    s = engine.build(plan, MON)
    friday = week_days(plan, s, s.weeks[0])[4]
    assert friday.practice_exams == 1
    assert friday.practice_hours == 1.666667
    assert friday.study == ()  # 20 minutes are left: less than a block
    assert friday.planned_hours == 1.666667


def test_today_keeps_whole_blocks_after_a_short_log() -> None:
    """Issue 11 item 8: 0.25 h logged today left a 0.75 h line; the day's study stays in blocks."""
    plan = make_plan(
        start=MON,
        exam=T(2027, 1, 11, 9),
        availability=(2, 2, 2, 2, 2, 0, 0),
        weights=(1,),
        log=(LogEntry(D(2027, 1, 6), 0.25, "d0"),),
    )
    s = engine.build(plan, D(2027, 1, 6))
    days = {d.date: d for d in week_days(plan, s, s.weeks[0])}
    assert all(is_multiple(h, 0.5) for d in days.values() for _, h in d.study)
    assert days[D(2027, 1, 6)].study_hours == 1.5


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(plans(with_log=True), st.integers(-3, 200), st.data())
def test_days_add_up_to_their_week_and_sessions_never_overlap(plan, offset, data) -> None:
    busy = data.draw(busy_days(plan)) if data.draw(st.booleans()) else None
    today = plan.study.start + dt.timedelta(days=offset)
    s = engine.build(plan, today, busy)
    logged: dict[dt.date, float] = {}
    for e in plan.log:
        logged[e.date] = logged.get(e.date, 0.0) + e.hours
    for week in s.weeks:
        if week.state == "past":
            continue
        days = week_days(plan, s, week)
        for domain_id, hours in week.hours.items():
            left = hours - (week.done_hours.get(domain_id, 0.0) if week.state == "current" else 0.0)
            poured = sum(h for d in days for i, h in d.study if i == domain_id)
            assert abs(poured - left) < EPS, (week.start, domain_id)
        for day in days:
            if day.state == "past":
                assert day.study == () and day.practice_exams == 0
                continue
            assert day.planned_hours <= max(0.0, day.capacity - logged.get(day.date, 0.0)) + EPS * 10
            sessions = day_sessions(plan, day)
            midnight = dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time())
            for x in sessions:
                assert x.start.date() == day.date and x.end <= midnight, "no session crosses midnight"
            for a, b in itertools.pairwise(sessions):
                assert b.start >= a.end, "no two sessions overlap"
            sittings = [x for x in sessions if x.kind == "practice"]
            assert len(sittings) == day.practice_exams
            assert all(x.minutes == plan.practice.minutes for x in sittings)
            if sessions:
                start = plan.study.start_time(day.date.weekday())
                first = sessions[0].start.time()
                assert first == start or sessions[-1].end.time() == dt.time(23, 0) or first == dt.time(0, 0)
