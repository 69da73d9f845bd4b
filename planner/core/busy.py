"""Rule 8: the hours each day's study window loses to the calendars' busy time.

People study in the evening after work, and a meeting that runs late, a trip
or a dinner takes that evening. The edge reads calendars (files, feeds, CalDAV)
and hands their events in as plain ``BusyEvent`` values; this module decides,
by the rule a user can check by hand, how much of each day's study window they
take. A day's window starts at its start time (``study.start_times``, default
19:00, in the exam's zone) and lasts that day's hours; every busy event takes
its overlap with the window off the day, events that overlap each other count
once, and an all-day event takes the whole day when its calendar says
``all_day = "busy"``. Rounding what is left down to whole blocks is the
engine's, so the lost hours here are exact.

The same overlaps, merged, are also handed on as intervals on the exam's wall
clock (``busy_time``), so the engine lays each day's sessions around them
rather than on top of a meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo

from planner.core.engine import day_hours
from planner.core.engine.timetable import Interval, day_start
from planner.core.model import Plan
from planner.core.record import Record

__all__ = ["BusyEvent", "BusyTime", "busy_by_day", "busy_time", "study_window"]

_UTC: Final = dt.UTC
_REACH_DAYS: Final = 2
"""A window starts on its own day and lasts at most 24 h, so it ends before its day + 2: an event
on day D can only touch the windows of D - 2 .. D."""
_PLACES: Final = 6
"""Hours are rounded to a few microseconds' worth of an hour, so sums of clipped intervals compare exactly."""


class BusyEvent(Record):
    """One busy stretch of a calendar, recurrences already expanded.

    ``start`` and ``end`` (exclusive) are dates for an all-day event, else
    date-times: aware in any zone, or naive for iCalendar's floating time,
    which is read in the exam's zone (where the study windows are).
    """

    calendar: str
    """The id of the ``[[calendars]]`` entry it came from: its ``all_day`` applies."""
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    transparent: bool = False
    """``TRANSP:TRANSPARENT``: shown in the calendar but not busy (a reminder, a holiday note)."""
    cancelled: bool = False
    """``STATUS:CANCELLED``: not happening."""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def study_window(plan: Plan, day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime] | None:
    """The day's study window as an interval in UTC, or ``None`` when the day has no hours.

    It starts at the day's start time on the wall clock of ``zone`` (a day too
    long to end by 23:00 from there starts earlier, as the engine lays its
    sessions: ``day_start``) and lasts the day's hours of real time, so on a
    daylight-saving day a 19:00 start is still 19:00 and two hours are still
    two hours.
    """
    hours = day_hours(plan, day)
    if hours <= 0:
        return None
    begin = day_start(plan.study.start_time(day.weekday()), round(hours * 60))
    local = (dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=begin)).replace(tzinfo=ZoneInfo(zone))
    start = local.astimezone(_UTC)
    return start, start + dt.timedelta(hours=hours)


def _instant(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.datetime:
    if not isinstance(value, dt.datetime):  # a timed event cut short by a date: its midnight
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(_UTC)


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    """``start`` up to ``end`` exclusive; an all-day event that ends where it starts is one day."""
    day = start
    while True:
        yield day
        day += dt.timedelta(days=1)
        if day >= end:
            return


def _merged(intervals: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    """The union of ``intervals`` (each already inside one window) as sorted, disjoint intervals."""
    out: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif end > start:
            out.append((start, end))
    return out


class BusyTime(NamedTuple):
    """What the calendars take of each study day's window (only days that lose some)."""

    hours: dict[dt.date, float]
    """Hours lost (rule 8), for ``engine.build``."""
    intervals: dict[dt.date, tuple[Interval, ...]]
    """Where: the events' overlaps with the window, merged, as naive wall-clock times of the exam's zone,
    for ``engine.day_sessions``."""


def busy_by_day(
    plan: Plan,
    zone: str,
    events: Iterable[BusyEvent],
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> dict[dt.date, float]:
    """Hours of each study day's window taken by ``events`` (only days that lose some); see ``busy_time``."""
    return busy_time(plan, zone, events, first, last).hours


def busy_time(
    plan: Plan,
    zone: str,
    events: Iterable[BusyEvent],
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> BusyTime:
    """How much of each study day's window ``events`` take, and where.

    The days are the plan's study days (``study.start`` to the day before the
    exam), narrowed to ``first`` .. ``last`` when given. A day never loses more
    than its hours.
    """
    tz = ZoneInfo(zone)
    begin = max(plan.study.start, first) if first else plan.study.start
    end = plan.exam.date.date() - dt.timedelta(days=1)
    end = min(end, last) if last else end
    policy = {c.id: c.all_day for c in plan.calendars}
    windows: dict[dt.date, tuple[dt.datetime, dt.datetime] | None] = {}

    def window(day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if day not in windows:
            windows[day] = study_window(plan, day, zone) if begin <= day <= end else None
        return windows[day]

    whole: set[dt.date] = set()
    taken: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = {}
    for event in events:
        if event.transparent or event.cancelled:
            continue
        if event.all_day:
            if policy.get(event.calendar, "busy") == "busy":
                whole.update(d for d in _days(_date_of(event.start), _date_of(event.end)) if window(d))
            continue
        start, stop = _instant(event.start, tz), _instant(event.end, tz)
        if stop <= start:
            continue
        first_day = start.astimezone(tz).date() - dt.timedelta(days=_REACH_DAYS)
        for day in _days(first_day, stop.astimezone(tz).date() + dt.timedelta(days=1)):
            span = window(day)
            if span is not None and start < span[1] and stop > span[0]:
                taken.setdefault(day, []).append((max(start, span[0]), min(stop, span[1])))
    hours: dict[dt.date, float] = {}
    intervals: dict[dt.date, tuple[Interval, ...]] = {}
    for day in sorted(whole | taken.keys()):
        span = window(day)
        assert span is not None
        merged = [span] if day in whole else _merged(taken[day])
        lost = sum(((end - start) for start, end in merged), dt.timedelta()).total_seconds() / 3600
        if lost > 0:
            hours[day] = round(lost, _PLACES)
            intervals[day] = tuple((_local(start, tz), _local(end, tz)) for start, end in merged)
    return BusyTime(hours, intervals)


def _local(instant: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """An instant on the wall clock of ``zone``, without the zone (as the engine's sessions are)."""
    return instant.astimezone(zone).replace(tzinfo=None)


def _date_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
