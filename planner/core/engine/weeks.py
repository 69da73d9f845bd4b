"""Rule 7's second half: the weeks as a person reads them, the past as it was and the rest as planned."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from planner.core.engine.calendar import Calendar
from planner.core.engine.layout import Layout
from planner.core.engine.progress import Progress
from planner.core.engine.types import Day, Week, round_hours

__all__ = ["planned_to_date", "state_of", "week_rows"]


def state_of(cal: Calendar, today: dt.date) -> Callable[[int], str]:
    """``past``, ``current`` or ``future`` for a week index, seen from ``today``."""
    current = cal.week_index(today)
    if current is None:
        first = cal.first_day
        state = "future" if first is not None and today < first else "past"
        return lambda w: state
    return lambda w: "past" if w < current else ("current" if w == current else "future")


def planned_to_date(cal: Calendar, base: Layout, today: dt.date) -> float:
    """What the baseline had done before today: its whole weeks, and the share of today's week before today.

    Domain study counts in whole blocks (the share of the current week is
    rounded to the nearest block), practice by its sittings' real minutes.
    """
    blocks = 0.0
    practice = 0
    for w, (a, b) in enumerate(cal.bounds):
        if cal.dates[a] >= today:
            break
        week_blocks = sum(base.cells[w])
        if cal.dates[b - 1] < today:
            blocks += week_blocks
        elif cal.capacity_hours[w] > 0:
            before = math.fsum(h for day, h in zip(cal.dates[a:b], cal.hours[a:b], strict=True) if day < today)
            blocks += week_blocks * before / cal.capacity_hours[w]
        practice += sum(k for day, k in zip(cal.dates[a:b], base.sittings[a:b], strict=True) if day < today)
    return round_hours(math.floor(blocks + 0.5) * cal.g + practice * cal.exam_hours)


def _days(cal: Calendar, current: Layout, a: int, b: int) -> tuple[Day, ...]:
    return tuple(
        Day(cal.dates[k], cal.hours[k], cal.busy[k], cal.blackout[k], current.sittings[k]) for k in range(a, b)
    )


def week_rows(
    cal: Calendar,
    ids: list[str],
    today: dt.date,
    layouts: tuple[Layout, Layout],
    progress: Progress,
    due_by_week: dict[dt.date, list[str]],
) -> list[Week]:
    """One ``Week`` per calendar week: its hours now, planned at the start and done."""
    base, current = layouts
    g = cal.g
    state = state_of(cal, today)
    biggest = max([0, *(max(row, default=0) for row in base.cells), *(max(row, default=0) for row in current.cells)])
    to_hours = [round_hours(k * g) for k in range(biggest + 1)]  # blocks -> hours, without float noise
    weeks = []
    for w, (a, b) in enumerate(cal.bounds):
        st = state(w)
        now_row, done_row = current.cells[w], progress.done_by_week[w]
        done_hours = {ids[i]: round_hours(x) for i, x in enumerate(done_row) if x}
        logged_practice = progress.practice_by_week[w]
        if st == "past":
            hours, practice, exams = dict(done_hours), round_hours(logged_practice), 0
        elif st == "current":
            hours = {ids[i]: round_hours(done_row[i] + x * g) for i, x in enumerate(now_row) if x or done_row[i]}
            practice, exams = round_hours(logged_practice + current.practice[w]), current.exams[w]
        else:
            hours = {ids[i]: to_hours[x] for i, x in enumerate(now_row) if x}
            practice, exams = round_hours(current.practice[w]), current.exams[w]
        start = cal.dates[a]
        weeks.append(
            Week(
                index=w,
                start=start,
                end=cal.dates[b - 1],
                capacity_hours=round_hours(cal.capacity_hours[w]),
                practice_hours=practice,
                practice_exams=exams,
                hours=hours,
                planned_hours={ids[i]: to_hours[x] for i, x in enumerate(base.cells[w]) if x},
                done_hours=done_hours,
                resources_due=tuple(due_by_week.get(start, ())),
                state=st,
                blackout_days=sum(cal.blackout[a:b]),
                planned_practice_hours=round_hours(base.practice[w]),
                done_practice_hours=round_hours(logged_practice),
                busy_hours=round_hours(math.fsum(cal.busy[a:b])),
                days=_days(cal, current, a, b),
            )
        )
    return weeks
