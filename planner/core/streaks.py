"""The work done, seen the way people keep themselves going: a heatmap of days, and streaks.

A streak counts days studied in a row. Two rules make it fair to a plan:
today without study yet does not break it (the day is not over), and a day
the plan gives no study (a zero weekday, a blackout) neither breaks it nor
adds to it unless you studied anyway. The heatmap is weeks by weekdays, as
terminal users know it from contribution graphs; its shade is a day's hours
against the busiest day shown.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.core.fmt import hours as fmt_hours
from planner.core.fmt import plural
from planner.core.model import WEEKDAYS, LogEntry, Plan

if TYPE_CHECKING:
    from planner.core.engine import Schedule

__all__ = [
    "LEVELS",
    "Cell",
    "DomainHours",
    "Heatmap",
    "Streaks",
    "by_domain",
    "daily_hours",
    "heatmap",
    "rest_day",
    "status_lines",
    "streaks",
]

LEVELS: Final = 4
"""Shades of a studied day (1..4; 0 is a day without study), as contribution graphs have."""

_ONE: Final = dt.timedelta(days=1)

RestDay = Callable[[dt.date], bool]


class Streaks(NamedTuple):
    current: int
    """Days studied in a row up to today (or yesterday, while today has no study yet)."""
    longest: int
    studied_today: bool


class Cell(NamedTuple):
    date: dt.date
    hours: float
    level: int
    """0 (no study) .. ``LEVELS`` (the busiest day shown)."""


class Heatmap(NamedTuple):
    """Hours per day from ``first`` to ``last``, a column per week."""

    weeks: tuple[tuple[Cell | None, ...], ...]
    """Each week is 7 cells from the plan's first weekday; ``None`` outside ``first``..``last``."""
    first: dt.date
    last: dt.date
    max_hours: float
    weekdays: tuple[str, ...]
    """The names of the rows, in order (``monday`` first, or ``sunday``)."""

    def rows(self) -> tuple[tuple[Cell | None, ...], ...]:
        """The same cells a row per weekday, as a terminal draws them."""
        return tuple(tuple(week[i] for week in self.weeks) for i in range(7))


class DomainHours(NamedTuple):
    id: str
    name: str
    done: float
    planned: float


def daily_hours(log: Iterable[LogEntry]) -> dict[dt.date, float]:
    """Hours logged per day, study and practice exams together."""
    out: dict[dt.date, float] = {}
    for entry in log:
        out[entry.date] = out.get(entry.date, 0.0) + entry.hours
    return {day: round(h, 6) for day, h in out.items()}


def rest_day(plan: Plan) -> RestDay:
    """Whether the plan gives a day no study: such a day does not break a streak."""
    from planner.core.engine import day_hours

    return lambda day: day_hours(plan, day) <= 0


def _never(day: dt.date) -> bool:
    return False


def streaks(daily: Mapping[dt.date, float], today: dt.date, rest: RestDay = _never) -> Streaks:
    """The current and the longest streak up to ``today`` (days after it are not counted)."""
    studied = {day for day, h in daily.items() if h > 0 and day <= today}
    if not studied:
        return Streaks(0, 0, False)
    longest = run = 0
    day = min(studied)
    while day <= today:
        if day in studied:
            run += 1
            longest = max(longest, run)
        elif not rest(day) and day != today:
            run = 0
        day += _ONE
    return Streaks(run, longest, today in studied)


def _level(hours: float, most: float) -> int:
    if hours <= 0 or most <= 0:
        return 0
    return max(1, min(LEVELS, math.ceil(hours / most * LEVELS - 1e-9)))


def heatmap(daily: Mapping[dt.date, float], first: dt.date, last: dt.date, week_starts: str = "monday") -> Heatmap:
    """The days ``first``..``last`` as whole weeks starting on ``week_starts``."""
    start_index = WEEKDAYS.index(week_starts)
    begin = first - dt.timedelta(days=(first.weekday() - start_index) % 7)
    shown = [h for day, h in daily.items() if first <= day <= last]
    most = max(shown, default=0.0)
    weeks = []
    day = begin
    while day <= last:
        week: list[Cell | None] = []
        for _ in range(7):
            if first <= day <= last:
                h = daily.get(day, 0.0)
                week.append(Cell(day, h, _level(h, most)))
            else:
                week.append(None)
            day += _ONE
        weeks.append(tuple(week))
    names = WEEKDAYS[start_index:] + WEEKDAYS[:start_index]
    return Heatmap(tuple(weeks), first, last, most, names)


def by_domain(plan: Plan, planned: Mapping[str, float]) -> tuple[DomainHours, ...]:
    """Study hours logged per domain against the hours the plan gives it, in the plan's order."""
    done: dict[str, float] = {}
    for entry in plan.log:
        if entry.kind == "study" and entry.domain is not None:
            done[entry.domain] = done.get(entry.domain, 0.0) + entry.hours
    return tuple(DomainHours(d.id, d.name, round(done.get(d.id, 0.0), 6), planned.get(d.id, 0.0)) for d in plan.domains)


def status_lines(plan: Plan, schedule: Schedule, now: dt.datetime, zone: str) -> list[str]:
    """The lines ``planner status`` gives the work done: the streak, and a running session.

    A blank line first, to set them apart from the domain bars; nothing when
    nothing has been logged and no session runs, so a new plan's status stays
    as short as it was.
    """
    from planner.core import sessions

    lines = []
    running = sessions.status(plan, now, zone)
    if running is not None:
        lines.append(f"Session: {sessions.describe(plan, running.session)}, {sessions.duration(running.seconds)}")
    if plan.log:
        today = schedule.today
        s = streaks(daily_hours(plan.log), today, rest_day(plan))
        text = f"Streak: {plural(s.current, 'day')} (longest {plural(s.longest, 'day')})"
        week = sum(e.hours for e in plan.log if today - dt.timedelta(days=6) <= e.date <= today)
        text += f", {fmt_hours(week)} h in the last 7 days"
        if s.current and not s.studied_today:
            text += "; none logged today yet"
        lines.append(text)
    return ["", *lines] if lines else []
