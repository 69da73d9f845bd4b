"""The earliest exam date the remaining work fits: its hours, and its practice sittings.

Moving the exam moves what belongs to it: the days anchored to it (leave
"7 days before the exam") move along, dated days stay. A date fits when the
schedule has no shortfall and every practice exam left finds a day long
enough in its window; when no date within the search gives the sittings
their days, the answer is the first date the hours fit, and says so.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Final, NamedTuple

from planner.core.engine.build import build
from planner.core.engine.calendar import Busy, day_hours
from planner.core.engine.practice import exams_taken
from planner.core.engine.types import Schedule
from planner.core.model import Plan, replace

__all__ = ["Fit", "earliest_fit", "fits", "moved", "schedule_if"]

_ONE_DAY: Final = dt.timedelta(days=1)
_CONFIRM_DAYS: Final = 21
"""The day-by-day count is exact but for the rounding at week ends: the engine confirms within three weeks."""
_PRACTICE_SEARCH_DAYS: Final = 366
"""How far past the first date that fits the hours to look for one that also fits the sittings."""
_PRACTICE_CONFIRMS: Final = 30
"""At most this many engine runs to confirm a date the sittings seem to fit (each is a full build)."""


class Fit(NamedTuple):
    day: dt.date
    practice_fits: bool
    """``False``: the hours fit from ``day``, but no date searched leaves the practice sittings long enough days."""


def moved(plan: Plan, day: dt.date) -> Plan:
    """``plan`` with the exam on ``day`` at the same time; the ranges anchored to the exam move with it."""
    exam = replace(plan.exam, date=dt.datetime.combine(day, plan.exam.date.time()))
    study = plan.study
    if any(r.days_before_exam is not None for r in (*study.blackouts, *study.overrides)):
        study = replace(
            study,
            blackouts=tuple(r.anchored_to(day) for r in study.blackouts),
            overrides=tuple(r.anchored_to(day) for r in study.overrides),
        )
    return replace(plan, exam=exam, study=study)


def schedule_if(plan: Plan, day: dt.date, today: dt.date, busy: Busy | None = None) -> Schedule:
    """The schedule if the exam were on ``day`` at the same time."""
    return build(moved(plan, day), today, busy)


def fits(plan: Plan, today: dt.date, day: dt.date, busy: Busy | None = None, *, practice: bool = True) -> bool:
    """Whether the work left fits an exam on ``day``: no shortfall, and (``practice``) every sitting placed."""
    s = schedule_if(plan, day, today, busy)
    return s.shortfall_hours == 0 and (not practice or s.practice_overflow_exams == 0)


def earliest_fit(plan: Plan, today: dt.date, busy: Busy | None = None) -> Fit | None:
    """The first exam day after the booked one (and after today) on which the remaining work fits.

    The calendar is extended past the exam with the same weekday hours,
    blackouts and overrides. ``None`` when the hours fit no day within the
    planner's limit of years (no hours at all, say).
    """
    from planner.core.rules import MAX_PLAN_YEARS  # only when a plan does not fit: the rest never needs it

    last = plan.study.start + dt.timedelta(days=MAX_PLAN_YEARS * 365)
    first = max(plan.exam.date.date(), today) + _ONE_DAY
    guess = _count_forward(plan, today, last, busy)
    if guess is None:
        return None
    day = _first_fitting(plan, today, max(guess, first), (first, last), busy)
    if day is None:
        return None
    if fits(plan, today, day, busy):
        return Fit(day, True)
    full = _first_with_sittings(plan, today, day, last, busy)
    return Fit(full, True) if full is not None else Fit(day, False)


def _first_fitting(
    plan: Plan, today: dt.date, day: dt.date, bounds: tuple[dt.date, dt.date], busy: Busy | None
) -> dt.date | None:
    """From a guess: step on until the hours fit, then back while they still do."""
    first, last = bounds
    for _ in range(_CONFIRM_DAYS):
        if fits(plan, today, day, busy, practice=False):
            earlier = day - _ONE_DAY
            while earlier >= first and fits(plan, today, earlier, busy, practice=False):
                day, earlier = earlier, earlier - _ONE_DAY
            return day
        day += _ONE_DAY
        if day > last:
            return None
    return None


def _count_forward(plan: Plan, today: dt.date, last: dt.date, busy: Busy | None) -> dt.date | None:
    """The first day by which the hours available since today (whole blocks per week) cover the work to do."""
    need = build(plan, today, busy).remaining_need_hours
    g = plan.study.granularity_hours
    logged = _logged_from(plan, today)
    week_start = 0 if plan.study.week_starts == "monday" else 6
    day = max(today, plan.study.start)
    banked = 0.0
    week_hours = 0.0
    while day <= last:
        if day.weekday() == week_start:
            banked += math.floor(week_hours / g + 1e-9) * g
            week_hours = 0.0
        week_hours += max(0.0, day_hours(plan, day, busy) - logged.get(day, 0.0))
        if banked + math.floor(week_hours / g + 1e-9) * g >= need - 1e-9:
            return day + _ONE_DAY
        day += _ONE_DAY
    return None


def _logged_from(plan: Plan, today: dt.date) -> dict[dt.date, float]:
    """Hours logged per day from today on: they use those days up."""
    logged: dict[dt.date, float] = {}
    for entry in plan.log:
        if entry.date >= today:
            logged[entry.date] = logged.get(entry.date, 0.0) + entry.hours
    return logged


def _sittings_room(plan: Plan, today: dt.date, day: dt.date, logged: dict[dt.date, float], busy: Busy | None) -> int:
    """Sittings the window before an exam on ``day`` holds, one per sitting-length of each day."""
    there = moved(plan, day)
    exam_hours = plan.practice.minutes / 60
    d = max(today, plan.study.start, day - dt.timedelta(days=7 * plan.practice.weeks_before_exam))
    room = 0
    while d < day:
        left = max(0.0, day_hours(there, d, busy) - logged.get(d, 0.0))
        room += math.floor(left / exam_hours + 1e-9)
        d += _ONE_DAY
    return room


def _first_with_sittings(plan: Plan, today: dt.date, day: dt.date, last: dt.date, busy: Busy | None) -> dt.date | None:
    """The first date from ``day`` whose window has days for every sitting left (confirmed by the engine)."""
    left = max(0, plan.practice.count - exams_taken(plan, today))
    logged = _logged_from(plan, today)
    confirms = 0
    end = min(last, day + dt.timedelta(days=_PRACTICE_SEARCH_DAYS))
    while day <= end and confirms < _PRACTICE_CONFIRMS:
        if _sittings_room(plan, today, day, logged, busy) >= left:
            confirms += 1
            if fits(plan, today, day, busy):
                return day
        day += _ONE_DAY
    return None
