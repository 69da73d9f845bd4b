"""Rule 8 by hand: which part of each study window a busy event takes.

The plan studies Monday-Thursday 1.5 h from 19:00 (Thursday's start time is
23:00, but a day ends by 23:00, so Thursday's window is 21:30-23:00),
Saturday 3 h from 09:30 and Sunday 2 h from 19:00, in London; Fridays are
free. Every expected value below is the overlap of the event with that
window, worked out on the wall clock.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from planfactory import make_plan

from planner.core.busy import BusyEvent, busy_by_day, study_window
from planner.core.model import CalendarSource, DayRange, replace

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.UTC


def _plan():
    plan = make_plan(
        start=dt.date(2027, 1, 4),
        exam=dt.datetime(2027, 4, 5, 10, 0),
        zone="Europe/London",
        availability=(1.5, 1.5, 1.5, 1.5, 0, 3, 2),
        blackouts=(DayRange(dt.date(2027, 2, 1), dt.date(2027, 2, 2), "away"),),
    )
    study = replace(plan.study, start_times=(("thursday", dt.time(23, 0)), ("saturday", dt.time(9, 30))))
    calendars = (CalendarSource("work", "work.ics"), CalendarSource("home", "home.ics", all_day="free"))
    return replace(plan, study=study, calendars=calendars)


PLAN = _plan()


def at(day: str, clock: str, zone: dt.tzinfo | None = LONDON) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zone)


def timed(
    day: str, start: str, end: str, zone: dt.tzinfo | None = LONDON, end_day: str | None = None, **kw
) -> BusyEvent:
    return BusyEvent("work", at(day, start, zone), at(end_day or day, end, zone), **kw)


def all_day(first: str, end: str, calendar: str = "work") -> BusyEvent:
    return BusyEvent(calendar, dt.date.fromisoformat(first), dt.date.fromisoformat(end))


D = dt.date.fromisoformat

CASES = [
    # Monday 4 Jan: window 19:00-20:30. A meeting until 19:30 takes the first half hour.
    ("overlap-at-start", [timed("2027-01-04", "18:00", "19:30")], {D("2027-01-04"): 0.5}),
    ("inside", [timed("2027-01-05", "19:15", "19:45")], {D("2027-01-05"): 0.5}),
    # 17:00-22:00 covers the whole 1.5 h window: the day loses its 1.5 h, never more.
    ("covers-the-window", [timed("2027-01-06", "17:00", "22:00")], {D("2027-01-06"): 1.5}),
    ("ends-as-the-window-starts", [timed("2027-01-04", "18:00", "19:00")], {}),
    ("starts-as-the-window-ends", [timed("2027-01-04", "20:30", "21:30")], {}),
    # Thursday's window is 21:30-23:00: a 22:00-23:30 call takes its last hour.
    ("late-start-ends-by-23", [timed("2027-01-07", "22:00", "23:30")], {D("2027-01-07"): 1.0}),
    # An overnight journey Sunday 20:00 to Monday 19:30 takes Sunday's 20:00-21:00 and Monday's 19:00-19:30.
    (
        "across-midnight",
        [timed("2027-01-10", "20:00", "19:30", end_day="2027-01-11")],
        {D("2027-01-10"): 1.0, D("2027-01-11"): 0.5},
    ),
    # 19:00-20:00 and 19:30-20:30 overlap: together they cover 19:00-20:30 once, 1.5 h, not 2 h.
    (
        "overlapping-events-count-once",
        [timed("2027-01-04", "19:00", "20:00"), timed("2027-01-04", "19:30", "20:30")],
        {D("2027-01-04"): 1.5},
    ),
    # Saturday starts 09:30: a 09:00-10:00 appointment takes 30 minutes of its 3 h.
    ("saturday-morning", [timed("2027-01-09", "09:00", "10:00")], {D("2027-01-09"): 0.5}),
    ("all-day-busy", [all_day("2027-01-09", "2027-01-10")], {D("2027-01-09"): 3.0}),
    ("all-day-free", [all_day("2027-01-09", "2027-01-10", calendar="home")], {}),
    # Friday to Monday (end exclusive): Friday has no hours, Saturday 3 h, Sunday 2 h.
    ("all-day-weekend-trip", [all_day("2027-01-08", "2027-01-11")], {D("2027-01-09"): 3.0, D("2027-01-10"): 2.0}),
    ("transparent", [timed("2027-01-04", "19:00", "20:00", transparent=True)], {}),
    ("cancelled", [timed("2027-01-04", "19:00", "20:00", cancelled=True)], {}),
    ("cancelled-all-day", [replace(all_day("2027-01-09", "2027-01-10"), cancelled=True)], {}),
    # 14:00-15:00 in New York in January (UTC-5) is 19:00-20:00 in London (UTC+0): 1 h.
    ("another-zone", [timed("2027-01-04", "14:00", "15:00", zone=NEW_YORK)], {D("2027-01-04"): 1.0}),
    # A floating time (no zone) is read on the exam's wall clock.
    ("floating-time", [timed("2027-01-04", "20:00", "21:00", zone=None)], {D("2027-01-04"): 0.5}),
    # 18:00-19:00 UTC misses the 19:00 GMT window on Sunday 21 March, but on Sunday 28 March
    # London is on summer time (UTC+1) and its 19:00 window starts at 18:00 UTC: 1 h.
    (
        "dst-day",
        [timed("2027-03-21", "18:00", "19:00", zone=UTC), timed("2027-03-28", "18:00", "19:00", zone=UTC)],
        {D("2027-03-28"): 1.0},
    ),
    ("blackout-day-has-no-window", [timed("2027-02-01", "19:00", "20:00")], {}),
    ("friday-has-no-window", [timed("2027-01-08", "19:00", "20:00")], {}),
    ("after-the-exam", [timed("2027-04-05", "19:00", "20:00"), all_day("2027-04-06", "2027-04-08")], {}),
    ("before-the-start", [all_day("2027-01-02", "2027-01-04")], {}),
    # A three-day conference Tuesday 09:00 to Thursday 12:00 takes Tuesday's and Wednesday's
    # whole windows; Thursday's 23:00 window starts after it ends.
    (
        "multi-day-timed",
        [timed("2027-01-12", "09:00", "12:00", end_day="2027-01-14")],
        {D("2027-01-12"): 1.5, D("2027-01-13"): 1.5},
    ),
    ("zero-length", [timed("2027-01-04", "19:30", "19:30")], {}),
]


@pytest.mark.parametrize(("events", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_busy_hours_per_day(events: list[BusyEvent], expected: dict[dt.date, float]) -> None:
    assert busy_by_day(PLAN, "Europe/London", events) == expected


def test_the_window_starts_at_the_wall_clock_time_on_a_dst_day() -> None:
    winter = study_window(PLAN, D("2027-03-21"), "Europe/London")
    summer = study_window(PLAN, D("2027-03-28"), "Europe/London")
    assert winter == (at("2027-03-21", "19:00", UTC), at("2027-03-21", "21:00", UTC))
    assert summer == (at("2027-03-28", "18:00", UTC), at("2027-03-28", "20:00", UTC))


def test_a_long_day_starts_early_enough_to_end_by_23() -> None:
    """A 6 h leave day with the 19:00 start runs 17:00-23:00: a 16:00-18:00 errand takes its first hour."""
    plan = replace(
        PLAN,
        study=replace(PLAN.study, overrides=(DayRange(D("2027-01-04"), D("2027-01-04"), "leave", 6.0),)),
    )
    assert study_window(plan, D("2027-01-04"), "Europe/London") == (
        at("2027-01-04", "17:00", UTC),
        at("2027-01-04", "23:00", UTC),
    )
    assert busy_by_day(plan, "Europe/London", [timed("2027-01-04", "16:00", "18:00")]) == {D("2027-01-04"): 1.0}


def test_first_and_last_narrow_the_days() -> None:
    events = [all_day("2027-01-04", "2027-01-11")]
    assert busy_by_day(PLAN, "Europe/London", events, first=D("2027-01-06"), last=D("2027-01-07")) == {
        D("2027-01-06"): 1.5,
        D("2027-01-07"): 1.5,
    }


_ORIGIN = at("2027-01-04", "00:00", UTC)
_timed = st.builds(
    lambda a, b: BusyEvent("work", _ORIGIN + dt.timedelta(minutes=a), _ORIGIN + dt.timedelta(minutes=a + b)),
    st.integers(0, 60 * 24 * 9),
    st.integers(0, 600),
)
_whole = st.builds(lambda k: all_day(f"2027-01-{4 + k:02d}", f"2027-01-{5 + k:02d}"), st.integers(0, 8))
_events = st.lists(st.one_of(_timed, _timed, _whole), max_size=8)


@given(_events, _events)
def test_a_day_loses_at_most_its_hours_and_more_events_never_give_time_back(
    events: list[BusyEvent], more: list[BusyEvent]
) -> None:
    from planner.core.engine import day_hours

    some = busy_by_day(PLAN, "Europe/London", events)
    every = busy_by_day(PLAN, "Europe/London", events + more)
    for day, lost in every.items():
        assert 0 < lost <= day_hours(PLAN, day)
    for day, lost in some.items():
        assert every[day] >= lost


@given(_events)
def test_events_together_take_no_more_than_each_alone_and_a_timed_one_no_more_than_it_lasts(
    events: list[BusyEvent],
) -> None:
    together = busy_by_day(PLAN, "Europe/London", events)
    alone = [busy_by_day(PLAN, "Europe/London", [e]) for e in events]
    slack = 1e-6 * (len(events) + 1)  # each day's hours are rounded to 1e-6: each alone by up to half of it
    for day, lost in together.items():
        assert lost <= sum(a.get(day, 0.0) for a in alone) + slack
    for event, taken in zip(events, alone):
        if isinstance(event.start, dt.datetime):
            assert isinstance(event.end, dt.datetime)
            assert sum(taken.values()) <= (event.end - event.start).total_seconds() / 3600 + 1e-6
