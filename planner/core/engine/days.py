"""A week's plan, day by day: what to study on which day, and for how long.

The engine plans weeks; people study on days. The practice sittings are on
the days the engine chose (one a day, nearest the exam first); each day takes
its share of the week's domain study (in whole blocks where it can), and the
domains are poured into the days in order, so a day holds one or two domains
rather than six fragments and a practice day keeps time to review its
sitting. The hours per week are kept exactly. A day shows what is *planned*
on it (``planned_hours``), beside what is available (``capacity``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Final, NamedTuple

from planner.core.engine.types import Day, Schedule, Week, round_hours
from planner.core.fmt import hours_h
from planner.core.model import Plan
from planner.core.rounding import apportion

__all__ = ["DayPlan", "week_days"]

_EPS: Final = 1e-9


class DayPlan(NamedTuple):
    date: dt.date
    capacity: float
    """Hours available that day (after busy time)."""
    note: str
    """Why the day differs from its weekday: a blackout, an override or busy time, with its reason."""
    practice_exams: int
    study: tuple[tuple[str, float], ...]
    """(domain id, hours) planned, in study order."""
    done: tuple[tuple[str | None, float], ...]
    """(domain id, or ``None`` for practice, hours) logged that day."""
    state: str
    """``past``, ``today`` or ``future``."""
    practice_hours: float = 0.0
    """The sittings' real minutes, in hours."""
    busy_hours: float = 0.0

    @property
    def study_hours(self) -> float:
        return round_hours(sum(h for _, h in self.study))

    @property
    def planned_hours(self) -> float:
        """What to do that day: the practice sittings and the domain study."""
        return round_hours(self.study_hours + self.practice_hours)


def _note(plan: Plan, day: Day) -> str:
    for r in plan.study.blackouts:
        if day.date in r:
            return f"off: {r.reason}" if r.reason else "off"
    note = ""
    for r in plan.study.overrides:
        if day.date in r and r.hours is not None:
            note = f"{hours_h(r.hours)}: {r.reason}" if r.reason else hours_h(r.hours)
    if day.busy_hours > 0:
        note = f"{note}; {hours_h(day.busy_hours)} busy" if note else f"{hours_h(day.busy_hours)} busy"
    return note


def _quotas(room: dict[dt.date, float], order: list[dt.date], hours: float, g: float) -> dict[dt.date, float]:
    """How much of the week's study each day takes: its share of the room, in whole blocks where it can.

    A week planned at 70% of its hours asks about 70% of each day, so a
    practice day keeps time to review its sitting. Blocks the days cannot
    hold whole (a week's hours are rounded as a week) go into their part-blocks.
    """
    want = round(hours / g)
    whole = [max(0, math.floor(room[d] / g + _EPS)) for d in order]
    parts = apportion(min(want, sum(whole)), [float(w) for w in whole], whole)
    quota = {d: p * g for d, p in zip(order, parts, strict=True)}
    rest = hours - sum(quota.values())
    for d in order:
        if rest <= _EPS:
            break
        extra = min(rest, room[d] - quota[d])
        if extra > _EPS:
            quota[d] += extra
            rest -= extra
    if rest > _EPS and order:
        quota[order[-1]] += rest
    return quota


def _pour(
    items: list[tuple[str, float]], room: dict[dt.date, float], order: list[dt.date], g: float
) -> dict[dt.date, list[tuple[str, float]]]:
    """Domain hours into the days in order, each day up to its quota: a day holds one or two domains."""
    quota = _quotas(room, order, sum(h for _, h in items), g)
    out: dict[dt.date, list[tuple[str, float]]] = {d: [] for d in order}
    k = 0
    for domain_id, hours in items:
        while hours > _EPS and k < len(order):
            d = order[k]
            take = min(hours, quota[d])
            if take > _EPS:
                out[d].append((domain_id, take))
                quota[d] -= take
                hours -= take
            if quota[d] <= _EPS:
                k += 1
        if hours > _EPS and order:
            out[order[-1]].append((domain_id, hours))
    return out


def _logged(plan: Plan, week: Week) -> dict[dt.date, list[tuple[str | None, float]]]:
    """Per day, the hours logged per domain (``None``: practice), one figure each, in the order first logged."""
    by_day: dict[dt.date, dict[str | None, float]] = {}
    for entry in plan.log:
        if week.start <= entry.date <= week.end:
            key = None if entry.kind == "practice" else entry.domain
            day = by_day.setdefault(entry.date, {})
            day[key] = round_hours(day.get(key, 0.0) + entry.hours)
    return {date: list(day.items()) for date, day in by_day.items()}


def week_days(plan: Plan, schedule: Schedule, week: Week) -> list[DayPlan]:
    """The days of ``week`` with their practice sittings and domain hours."""
    today = schedule.today
    exam_hours = schedule.practice_exam_hours
    done = _logged(plan, week)
    room = {
        d.date: max(0.0, d.hours - sum(x for _, x in done.get(d.date, [])) - d.practice_exams * exam_hours)
        for d in week.days
        if d.date >= today
    }
    items = []
    if week.state != "past":
        for domain_id, hours in week.hours.items():
            left = hours - (week.done_hours.get(domain_id, 0.0) if week.state == "current" else 0.0)
            if left > _EPS:
                items.append((domain_id, left))
    order = [d for d, r in room.items() if r > _EPS]
    study = _pour(items, room, order, schedule.granularity)
    return [
        DayPlan(
            date=d.date,
            capacity=d.hours,
            note=_note(plan, d),
            practice_exams=d.practice_exams,
            study=_merge(study.get(d.date, [])),
            done=tuple(done.get(d.date, ())),
            state="past" if d.date < today else ("today" if d.date == today else "future"),
            practice_hours=round_hours(d.practice_exams * exam_hours),
            busy_hours=d.busy_hours,
        )
        for d in week.days
    ]


def _merge(items: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    merged: dict[str, float] = {}
    for domain_id, hours in items:
        merged[domain_id] = merged.get(domain_id, 0.0) + hours
    return tuple((k, round_hours(v)) for k, v in merged.items())
