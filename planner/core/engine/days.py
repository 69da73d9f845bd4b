"""A week's plan, day by day: what to study on which day, and for how long.

The engine plans weeks; people study on days. The practice sittings are on
the days the engine chose (one a day, nearest the exam first); the week's
domain hours are poured into the days in order, in whole blocks where the
days allow, so a day holds one or two domains rather than six fragments.
The hours per week are kept exactly. A day shows what is *planned* on it
(``planned_hours``), beside what is available (``capacity``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Final, NamedTuple

from planner.core.engine.types import Day, Schedule, Week, round_hours
from planner.core.model import Plan

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
        if day.date in r:
            note = f"{r.hours:g} h: {r.reason}" if r.reason else f"{r.hours:g} h"
    if day.busy_hours > 0:
        note = f"{note}; {day.busy_hours:g} h busy" if note else f"{day.busy_hours:g} h busy"
    return note


def _pour(
    items: list[tuple[str, float]], room: dict[dt.date, float], order: list[dt.date], g: float
) -> dict[dt.date, list[tuple[str, float]]]:
    """Domain hours into days in order: whole blocks first, then whatever part-blocks the days have left."""
    blocks = {d: max(0, math.floor(room[d] / g + _EPS)) for d in order}
    out: dict[dt.date, list[tuple[str, float]]] = {d: [] for d in order}
    rest: list[tuple[str, float]] = []
    k = 0
    for domain_id, hours in items:
        n = round(hours / g)
        while n > 0 and k < len(order):
            d = order[k]
            take = min(n, blocks[d])
            if take:
                out[d].append((domain_id, take * g))
                blocks[d] -= take
                room[d] -= take * g
                n -= take
            if blocks[d] == 0:
                k += 1
        if n:
            rest.append((domain_id, n * g))
    for domain_id, hours in rest:  # a week's blocks may need the part-blocks of several days
        for d in order:
            part = min(hours, room[d])
            if part > _EPS:
                out[d].append((domain_id, part))
                room[d] -= part
                hours -= part
        if hours > _EPS and order:
            out[order[-1]].append((domain_id, hours))
    return out


def _logged(plan: Plan, week: Week) -> dict[dt.date, list[tuple[str | None, float]]]:
    done: dict[dt.date, list[tuple[str | None, float]]] = {}
    for entry in plan.log:
        if week.start <= entry.date <= week.end:
            key = None if entry.kind == "practice" else entry.domain
            done.setdefault(entry.date, []).append((key, entry.hours))
    return done


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
