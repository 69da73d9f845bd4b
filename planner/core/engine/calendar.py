"""Rules 1, 2 and 8: which days are study days, how long each is, and how they make weeks.

A day's hours come from its weekday, unless an override sets them or a
blackout takes them (a blackout wins; of two overrides, the later in the file
wins). Busy time from the calendars (rule 8, read at the edge and handed in
as hours per day) comes off what is left, and the rest is rounded down to
whole blocks: a block cut by a meeting is not a block of study.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Final

from planner.core.engine.types import round_hours
from planner.core.model import Plan

__all__ = ["Busy", "Calendar", "day_hours", "study_days"]

Busy = Mapping[dt.date, float]
"""Hours of each day's study window taken by calendar events (``core.busy`` computes them)."""

EPS: Final = 1e-9
"""Tolerance for comparing hours made of sums of floats."""

_ONE_DAY: Final = dt.timedelta(days=1)


def _rule_hours(plan: Plan, day: dt.date) -> tuple[float, bool]:
    """(hours by the plan's rules, blacked out) for ``day``."""
    study = plan.study
    for r in study.blackouts:
        if r.start <= day <= r.end:
            return 0.0, True
    hours = study.availability[day.weekday()]
    for r in study.overrides:
        if r.start <= day <= r.end and r.hours is not None:
            hours = r.hours
    return hours, False


def after_busy(hours: float, busy: float, granularity: float) -> float:
    """What busy time leaves of a day's ``hours``, in whole blocks; a day with no busy time keeps its hours."""
    if busy <= 0 or hours <= 0:
        return hours
    left = max(0.0, hours - busy)
    return round_hours(math.floor(left / granularity + EPS) * granularity)


def day_hours(plan: Plan, day: dt.date, busy: Busy | None = None) -> float:
    """Hours available on ``day`` by the plan's rules, less busy time, whether or not it is before the exam."""
    hours, _ = _rule_hours(plan, day)
    if busy:
        return after_busy(hours, busy.get(day, 0.0), plan.study.granularity_hours)
    return hours


def study_days(plan: Plan, busy: Busy | None = None) -> list[tuple[dt.date, float, bool]]:
    """(day, hours, blacked out) for every day from the start to the eve of the exam."""
    cal = Calendar(plan, busy)
    return list(zip(cal.dates, cal.hours, cal.blackout, strict=True))


class Calendar:
    """The study days grouped into weeks: the frame every other step fills.

    Days are kept as parallel lists (a big plan has hundreds of them and the
    engine walks them several times); a week is a range ``[lo, hi)`` of day
    indexes.
    """

    __slots__ = (
        "blackout",
        "bounds",
        "busy",
        "capacity_hours",
        "dates",
        "exam_day",
        "exam_hours",
        "g",
        "hours",
        "week_of_day",
        "window_start",
    )

    def __init__(self, plan: Plan, busy: Busy | None = None) -> None:
        self.g = plan.study.granularity_hours
        self.exam_day = plan.exam.date.date()
        self.exam_hours = plan.practice.minutes / 60
        self.window_start = self.exam_day - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
        self.dates: list[dt.date] = []
        self.hours: list[float] = []
        self.blackout: list[bool] = []
        self.busy: list[float] = []
        day = plan.study.start
        while day < self.exam_day:
            hours, blacked = _rule_hours(plan, day)
            self.dates.append(day)
            self.blackout.append(blacked)
            if busy and day in busy:
                left = after_busy(hours, busy[day], self.g)
                self.hours.append(left)
                self.busy.append(round_hours(hours - left))
            else:
                self.hours.append(hours)
                self.busy.append(0.0)
            day += _ONE_DAY
        self.bounds = self._weeks(plan.study.week_starts)
        self.week_of_day = [w for w, (a, b) in enumerate(self.bounds) for _ in range(a, b)]
        self.capacity_hours = [math.fsum(self.hours[a:b]) for a, b in self.bounds]

    def _weeks(self, week_starts: str) -> list[tuple[int, int]]:
        first = 0 if week_starts == "monday" else 6
        bounds = []
        lo = 0
        n = len(self.dates)
        for i in range(1, n + 1):
            if i == n or self.dates[i].weekday() == first:
                bounds.append((lo, i))
                lo = i
        return bounds

    @property
    def first_day(self) -> dt.date | None:
        return self.dates[0] if self.dates else None

    def blocks(self, hours: float) -> int:
        """Whole blocks in ``hours``."""
        return max(0, math.floor(hours / self.g + EPS))

    def index(self, day: dt.date) -> int:
        """The day's position in the study days (may lie outside them)."""
        return (day - self.dates[0]).days if self.dates else 0

    def week_index(self, day: dt.date) -> int | None:
        if not self.dates:
            return None
        k = (day - self.dates[0]).days
        if 0 <= k < len(self.week_of_day):
            return self.week_of_day[k]
        return None

    def week_starts(self) -> list[dt.date]:
        return [self.dates[a] for a, _ in self.bounds]
