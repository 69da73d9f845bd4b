"""A week's plan, day by day: what to study on which evening, and for how long.

The engine plans weeks; people study on days. This turns a planned week into
suggestions per study day: practice exams first, on the longest days nearest
the exam, then the week's domain hours poured into the days in order, so an
evening holds one or two domains rather than six fragments. The hours per
week are kept exactly. Pure, like the engine.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from planner.core.engine import Schedule, Week, day_hours
from planner.core.model import Plan

__all__ = ["DayPlan", "week_days"]

_EPS = 1e-9


class DayPlan(NamedTuple):
    date: dt.date
    capacity: float
    """Hours available that day."""
    note: str
    """Why the day differs from its weekday: a blackout or an override, with its reason."""
    practice_exams: int
    study: tuple[tuple[str, float], ...]
    """(domain id, hours) suggested, in study order."""
    done: tuple[tuple[str | None, float], ...]
    """(domain id, or ``None`` for practice, hours) logged that day."""
    state: str
    """``past``, ``today`` or ``future``."""

    @property
    def planned_hours(self) -> float:
        return sum(h for _, h in self.study)


def _notes(plan: Plan, day: dt.date) -> str:
    for r in plan.study.blackouts:
        if day in r:
            return f"off: {r.reason}" if r.reason else "off"
    note = ""
    for r in plan.study.overrides:
        if day in r:
            note = f"{r.hours:g} h: {r.reason}" if r.reason else f"{r.hours:g} h"
    return note


def week_days(plan: Plan, schedule: Schedule, week: Week) -> list[DayPlan]:
    today = schedule.today
    span = (week.end - week.start).days + 1  # a week lies inside the study days, by the engine's making
    days = [(d, day_hours(plan, d)) for d in (week.start + dt.timedelta(days=k) for k in range(span))]
    done: dict[dt.date, list[tuple[str | None, float]]] = {}
    for entry in plan.log:
        if week.start <= entry.date <= week.end:
            key = None if entry.kind == "practice" else entry.domain
            done.setdefault(entry.date, []).append((key, entry.hours))
    room = {}
    for d, h in days:
        if d < today:
            room[d] = 0.0
        else:  # what was already logged on a day uses it up, as the engine counts it
            room[d] = max(0.0, h - sum(x for _, x in done.get(d, [])))
    exams = {d: 0 for d, _ in days}
    exam_hours = schedule.practice_exam_hours
    future = [d for d, _ in days if d >= today]
    window_start = schedule.exam_day - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
    sittings = [d for d in future if d >= window_start]
    for _ in range(week.practice_exams):
        if not sittings:
            break
        fitting = [d for d in sittings if room[d] + _EPS >= exam_hours]
        pick = max(fitting or sittings, key=lambda d: (room[d], d))
        exams[pick] += 1
        room[pick] = max(0.0, room[pick] - exam_hours)
    to_pour: list[tuple[str, float]] = []
    for domain_id, hours in week.hours.items():
        left = hours - (week.done_hours.get(domain_id, 0.0) if week.state == "current" else 0.0)
        if week.state != "past" and left > _EPS:
            to_pour.append((domain_id, left))
    study: dict[dt.date, list[tuple[str, float]]] = {d: [] for d, _ in days}
    order = [d for d in future if room[d] > _EPS]
    k = 0
    for domain_id, hours in to_pour:
        while hours > _EPS and k < len(order):
            d = order[k]
            take = min(hours, room[d])
            if take > _EPS:
                study[d].append((domain_id, round(take, 6)))
                room[d] -= take
                hours -= take
            if room[d] <= _EPS:
                k += 1
        if hours > _EPS and order:
            study[order[-1]].append((domain_id, round(hours, 6)))
    out = []
    for d, h in days:
        state = "past" if d < today else ("today" if d == today else "future")
        out.append(
            DayPlan(
                date=d,
                capacity=h,
                note=_notes(plan, d),
                practice_exams=exams[d],
                study=_merge(study[d]),
                done=tuple(done.get(d, ())),
                state=state,
            )
        )
    return out


def _merge(items: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    merged: dict[str, float] = {}
    for domain_id, hours in items:
        merged[domain_id] = merged.get(domain_id, 0.0) + hours
    return tuple((k, round(v, 6)) for k, v in merged.items())
