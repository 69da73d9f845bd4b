"""Sessions around busy time: a day's study goes into the free parts of its window, never over a meeting.

The plan (London) is the hold-out week's: Monday-Thursday 2 h from 19:00,
Saturday 4 h from 10:00, Sunday 3 h from 18:00, Fridays off, no target (every
free hour is planned), 0.5 h blocks, and one 120-minute practice exam in the
final week, which the engine puts on the last day long enough for it
(Sunday 31 January). Wednesday 13 January is a 6 h leave day, so its window
is 17:00-23:00. Each case is worked out by hand on the wall clock: the
window, less the meetings, is the free time; the day's hours are what rule 8
leaves, rounded down to whole blocks.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planfactory import make_plan, plans

from planner.core import engine
from planner.core.busy import BusyEvent, busy_time
from planner.core.engine import DayPlan, day_sessions, week_days
from planner.core.engine.freetime import free_spans
from planner.core.engine.timetable import window_minutes
from planner.core.model import DayRange, Plan, Practice

ZONE = "Europe/London"
LONDON = ZoneInfo(ZONE)
D = dt.date.fromisoformat


def holdout_plan(start: str = "2027-01-04", exam: dt.datetime = dt.datetime(2027, 2, 1, 10, 0)) -> Plan:
    return make_plan(
        start=D(start),
        exam=exam,
        zone=ZONE,
        availability=(2, 2, 2, 2, 0, 4, 3),
        weights=(1, 1),
        practice=Practice(count=1, minutes=120, weeks_before_exam=1),
        overrides=(DayRange(D("2027-01-13"), D("2027-01-13"), "leave", 6.0),),
        start_times=(("saturday", dt.time(10, 0)), ("sunday", dt.time(18, 0))),
    )


PLAN = holdout_plan()
SPRING = holdout_plan("2027-03-15", dt.datetime(2027, 4, 5, 10, 0))
"""The same week in spring: London moves to summer time (UTC+1) on Sunday 28 March."""


def meeting(day: str, start: str, end: str, zone: dt.tzinfo = LONDON) -> BusyEvent:
    return BusyEvent("work", dt.datetime.fromisoformat(f"{day}T{start}").replace(tzinfo=zone),
                     dt.datetime.fromisoformat(f"{day}T{end}").replace(tzinfo=zone))  # fmt: skip


def the_day(plan: Plan, events: list[BusyEvent], day: dt.date) -> tuple[DayPlan, tuple]:
    """The engine's plan of ``day`` with the calendars' busy hours, and the busy intervals of that day."""
    busy = busy_time(plan, ZONE, events)
    s = engine.build(plan, plan.study.start, busy.hours)
    for week in s.weeks:
        for d in week_days(plan, s, week):
            if d.date == day:
                return d, busy.intervals.get(day, ())
    raise AssertionError(f"{day} is not a study day")


def shown(plan: Plan, events: list[BusyEvent], day: dt.date) -> list[str]:
    d, intervals = the_day(plan, events, day)
    return [
        f"{x.kind} {x.start:%H:%M}-{x.end:%H:%M}" + (f" ({x.note})" if x.note else "")
        for x in day_sessions(plan, d, intervals)
    ]


@dataclass
class Case:
    name: str
    day: str
    events: list[BusyEvent]
    sessions: list[str]
    plan: Plan = PLAN


SPLIT = "no free stretch of 120 min in the window"
CASES = [
    # Monday's window 19:00-21:00; each meeting takes its overlap off the 2 h, the rest is planned.
    Case(
        "a-meeting-at-the-window-start", "2027-01-04", [meeting("2027-01-04", "18:30", "19:30")], ["study 19:30-21:00"]
    ),
    Case(
        "a-meeting-in-the-middle",
        "2027-01-04",
        [meeting("2027-01-04", "19:30", "20:30")],
        ["study 19:00-19:30", "study 20:30-21:00"],
    ),
    Case("a-meeting-at-the-window-end", "2027-01-05", [meeting("2027-01-05", "20:00", "21:30")], ["study 19:00-20:00"]),
    # 45 minutes busy leave 1.25 h, 1 h in blocks: the quarter hour before the first meeting is passed over.
    Case(
        "two-meetings",
        "2027-01-06",
        [meeting("2027-01-06", "19:15", "19:45"), meeting("2027-01-06", "20:15", "20:30")],
        ["study 19:45-20:15", "study 20:30-21:00"],
    ),
    # 30 minutes busy leave 1.5 h, every free minute: the quarter hour is used after all.
    Case(
        "two-meetings-and-every-free-minute-needed",
        "2027-01-07",
        [meeting("2027-01-07", "19:15", "19:30"), meeting("2027-01-07", "20:00", "20:15")],
        ["study 19:00-19:15", "study 19:30-20:00", "study 20:15-21:00"],
    ),
    # The leave day's window is 17:00-23:00; an hour busy leaves 5 h, more than 19:00-23:00 holds.
    Case(
        "a-long-day-starts-earlier",
        "2027-01-13",
        [meeting("2027-01-13", "18:00", "19:00")],
        ["study 17:00-18:00", "study 19:00-23:00"],
    ),
    # Sunday 31 Jan, window 18:00-21:00: the sitting (2 h) and 0.5 h of review fit in 2.5 h free,
    # but no free stretch is 2 h long: the sitting is cut around the meeting and says so.
    Case(
        "a-meeting-leaves-no-stretch-long-enough-for-the-sitting",
        "2027-01-31",
        [meeting("2027-01-31", "19:00", "19:30")],
        [
            f"practice 18:00-19:00 (part 1 of 2: {SPLIT})",
            f"practice 19:30-20:30 (part 2 of 2: {SPLIT})",
            "review 20:30-21:00",
        ],
    ),
    # The sitting cannot start at 18:00 (a quarter hour before the meeting): it goes after the
    # meeting, and the review it leaves no room for takes the quarter hour.
    Case(
        "a-sitting-moves-past-a-meeting",
        "2027-01-31",
        [meeting("2027-01-31", "18:15", "18:45")],
        ["study 18:00-18:15", "practice 18:45-20:45", "review 20:45-21:00"],
    ),
    # 17:30-18:30 UTC is 17:30-18:30 on the wall clock on Sunday 21 March (GMT)...
    Case(
        "a-utc-meeting-before-summer-time",
        "2027-03-21",
        [meeting("2027-03-21", "17:30", "18:30", dt.UTC)],
        ["study 18:30-21:00"],
        SPRING,
    ),
    # ... and 18:30-19:30 on Sunday 28 March, the day the clocks go forward (BST).
    Case(
        "a-dst-day",
        "2027-03-28",
        [meeting("2027-03-28", "17:30", "18:30", dt.UTC)],
        ["study 18:00-18:30", "study 19:30-21:00"],
        SPRING,
    ),
    Case(
        "a-meeting-outside-the-window-changes-nothing",
        "2027-01-04",
        [meeting("2027-01-04", "17:00", "19:00")],
        ["study 19:00-21:00"],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sessions_go_around_busy_time(case: Case) -> None:
    assert shown(case.plan, case.events, D(case.day)) == case.sessions


def test_a_day_cut_by_a_meeting_keeps_its_study_and_its_keys_are_unique() -> None:
    day, intervals = the_day(PLAN, [meeting("2027-01-04", "19:30", "20:30")], D("2027-01-04"))
    sessions = day_sessions(PLAN, day, intervals)
    assert [x.study for x in sessions] == [(("d0", 0.5),), (("d0", 0.5),)]
    assert [x.key for x in sessions] == ["study-2027-01-04", "study-2027-01-04-part-2"]


def test_without_busy_time_in_the_window_the_day_is_laid_as_before() -> None:
    day, _ = the_day(PLAN, [], D("2027-01-31"))
    assert day_sessions(PLAN, day, ((dt.datetime(2027, 1, 31, 9), dt.datetime(2027, 1, 31, 10)),)) == day_sessions(
        PLAN, day
    )


def test_busy_time_rule_8_did_not_count_pushes_the_rest_past_the_window_and_says_so() -> None:
    """A day handed in with its full 2 h although a class takes an hour of its window: never on the class."""
    day = DayPlan(D("2027-01-04"), 2.0, "", 0, (("d0", 2.0),), (), "future")
    busy = ((dt.datetime(2027, 1, 4, 19, 30), dt.datetime(2027, 1, 4, 20, 30)),)
    got = [(f"{x.start:%H:%M}-{x.end:%H:%M}", x.note) for x in day_sessions(PLAN, day, busy)]
    outside = "outside the study window: busy time leaves too little of it free"
    assert got == [("19:00-19:30", ""), ("20:30-21:00", ""), ("21:00-22:00", outside)]


# The property: any plan, any meetings.

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def meetings(draw: st.DrawFn, plan: Plan) -> list[BusyEvent]:
    """Timed events on the plan's days, mostly in the evenings where the windows are, in its zone or UTC."""
    days = (plan.exam.date.date() - plan.study.start).days
    zone = draw(st.sampled_from([ZoneInfo(plan.exam.timezone or "UTC"), dt.UTC]))
    out = []
    for _ in range(draw(st.integers(0, 40))):
        day = plan.study.start + dt.timedelta(days=draw(st.integers(0, days)))
        start = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=draw(st.integers(15 * 60, 24 * 60)))
        length = dt.timedelta(minutes=draw(st.integers(1, 180)))
        out.append(BusyEvent("work", start.replace(tzinfo=zone), (start + length).replace(tzinfo=zone)))
    return out


def _inside(a: tuple[dt.datetime, dt.datetime], b: tuple[dt.datetime, dt.datetime]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@SETTINGS
@given(plans(with_log=True), st.data())
def test_sessions_never_meet_busy_time_or_each_other_and_add_up_to_the_day(plan: Plan, data: st.DataObject) -> None:
    zone = plan.exam.timezone or "UTC"
    busy = busy_time(plan, zone, data.draw(meetings(plan)))
    today = plan.study.start + dt.timedelta(days=data.draw(st.integers(0, 30)))
    s = engine.build(plan, today, busy.hours)
    for week in s.weeks:
        if week.state == "past":
            continue
        for day in week_days(plan, s, week):
            if day.state == "past":
                continue
            intervals = busy.intervals.get(day.date, ())
            sessions = day_sessions(plan, day, intervals)
            spans = [(x.start, x.end) for x in sessions]
            midnight = dt.datetime.combine(day.date, dt.time())
            lo, hi = (midnight + dt.timedelta(minutes=m) for m in window_minutes(plan, day.date))
            for x in sessions:
                assert x.start.date() == day.date and x.end <= midnight + dt.timedelta(days=1)
                assert not any(_inside((x.start, x.end), b) for b in intervals), "a session over busy time"
                if intervals:
                    assert lo <= x.start and x.end <= hi, "a session outside the study window"
            for a, b in itertools.pairwise(spans):
                assert a[1] <= b[0], "two sessions overlap"
            minutes = sum(x.minutes for x in sessions)
            assert minutes == sum(x.minutes for x in day_sessions(plan, day)), "the day's total changed"
            assert abs(minutes / 60 - day.planned_hours) <= (2 * day.practice_exams + 1) / 120 + 1e-6
            studied = sum(h for x in sessions for _, h in x.study)
            assert abs(studied - day.study_hours) <= 1e-5
            assert len({x.key for x in sessions}) == len(sessions), "two sessions share a calendar UID"
            _check_sittings(plan, day, sessions, intervals)


def _check_sittings(plan: Plan, day: DayPlan, sessions: tuple, intervals: tuple) -> None:
    """Each sitting has its real minutes, in one piece unless no free stretch of the window is long enough."""
    sittings: dict[int, list] = {}
    for x in sessions:
        if x.kind == "practice":
            sittings.setdefault(x.number, []).append(x)
    assert len(sittings) == day.practice_exams
    for parts in sittings.values():
        assert sum(x.minutes for x in parts) == plan.practice.minutes
        if len(parts) == 1:
            assert parts[0].note == ""
            continue
        assert all(x.note.startswith(f"part {k} of {len(parts)}: ") for k, x in enumerate(parts, start=1))
        if day.practice_exams == 1:
            midnight = dt.datetime.combine(day.date, dt.time())
            busy = [(_minute(a - midnight, math.floor), _minute(b - midnight, math.ceil)) for a, b in intervals]
            free = free_spans(window_minutes(plan, day.date), busy)
            assert max((b - a for a, b in free), default=0) < plan.practice.minutes, "a sitting cut that would fit"


def _minute(offset: dt.timedelta, rounding) -> int:
    return int(rounding(offset.total_seconds() / 60))
