"""``build``: the rules of design.md in order, each step a function of its own module.

1. the calendar (rules 1, 2, 8): study days, their hours less busy time, weeks;
2. the progress (rule 7): what the log says was done;
3. the baseline (rules 2-5): the plan made at the start, practice first;
4. the current plan (rules 4, 7): the past kept, the rest re-flowed from today;
5. the resources (rule 6) and the weeks, then the totals.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Final

from planner.core.engine.calendar import Busy, Calendar
from planner.core.engine.progress import Progress, tally
from planner.core.engine.replan import Placement, baseline, reflow
from planner.core.engine.resources import Track, lay_resources
from planner.core.engine.types import DomainPlan, ResourcePlan, Schedule, Week, round_hours
from planner.core.engine.weeks import planned_to_date, week_rows
from planner.core.model import Plan

__all__ = ["build", "shares"]

CONFIDENCE_STEP: Final = 0.1
"""Each step of confidence below the middle (3) adds 10% to a domain's weight (and each step above takes 10%)."""


def shares(plan: Plan, *, with_confidence: bool) -> list[float]:
    """Each domain's share of the study: its weight over the sum, moved by confidence when asked."""
    weights = []
    for d in plan.domains:
        w = d.weight
        if with_confidence and d.confidence is not None:
            w *= 1 + CONFIDENCE_STEP * (3 - d.confidence)
        weights.append(w)
    total = math.fsum(weights)
    return [w / total for w in weights]


def _fresh(plan: Plan, cal: Calendar, today: dt.date) -> bool:
    """Nothing has happened yet: the current plan is the baseline."""
    first = cal.first_day or plan.study.start
    return today <= first and not plan.log and all(r.date > today for r in plan.practice.results)


def build(plan: Plan, today: dt.date, busy: Busy | None = None) -> Schedule:
    """The schedule of ``plan`` as seen on ``today`` (a local date of the exam's zone).

    ``busy`` gives, per day, the hours of its study window that calendar
    events take (rule 8; ``core.busy`` computes them at the edge).
    """
    cal = Calendar(plan, busy)
    adjusted = shares(plan, with_confidence=True)
    progress = tally(plan, cal, today)
    base = baseline(plan, cal, adjusted)
    current = base if _fresh(plan, cal, today) else reflow(plan, cal, today, progress, base, adjusted)
    start_week = _first_open_week(cal, today)
    tracks = (Track(base.layout, len(plan.domains), 0), Track(current.layout, len(plan.domains), start_week))
    base_shares = shares(plan, with_confidence=False)
    due, resource_hours = lay_resources(plan, cal, tracks, base_shares, progress.resource_logged)
    due_by_week: dict[dt.date, list[str]] = {}
    for r in due:
        if r.due_week is not None:
            due_by_week.setdefault(r.due_week, []).append(r.id)
    ids = [d.id for d in plan.domains]
    weeks = week_rows(cal, ids, today, (base.layout, current.layout), progress, due_by_week)
    domains = _domains(plan, cal, (base_shares, adjusted), base, current, progress, resource_hours)
    return _schedule(plan, cal, today, (base, current), progress, weeks, domains, due)


def _first_open_week(cal: Calendar, today: dt.date) -> int:
    """The first week the current plan may still fill: today's, the first one, or none (past the last)."""
    current = cal.week_index(today)
    if current is not None:
        return current
    if cal.dates and today > cal.dates[-1]:
        return len(cal.bounds)
    return 0


def _domains(
    plan: Plan,
    cal: Calendar,
    domain_shares: tuple[list[float], list[float]],
    base: Placement,
    current: Placement,
    progress: Progress,
    resource_hours: list[float],
) -> tuple[DomainPlan, ...]:
    g = cal.g
    base_shares, adjusted = domain_shares
    return tuple(
        DomainPlan(
            id=d.id,
            name=d.name,
            weight=d.weight,
            share=base_shares[i],
            adjusted_share=adjusted[i],
            planned_hours=round_hours(base.layout.placed[i] * g),
            done_hours=round_hours(progress.done[i]),
            remaining_hours=round_hours(current.layout.placed[i] * g),
            shift_hours=round_hours(current.shift[i] * g),
            resource_hours=round_hours(resource_hours[i]),
        )
        for i, d in enumerate(plan.domains)
    )


def _schedule(
    plan: Plan,
    cal: Calendar,
    today: dt.date,
    placements: tuple[Placement, Placement],
    progress: Progress,
    weeks: list[Week],
    domains: tuple[DomainPlan, ...],
    due: list[ResourcePlan],
) -> Schedule:
    base, current = placements
    g, exam_hours = cal.g, cal.exam_hours
    now = current.layout
    # rounded before they are compared, so the numbers shown agree exactly
    capacity = round_hours(math.fsum(now.practice) + sum(now.room) * g)
    need = round_hours(sum(current.need) * g + current.exams_left * exam_hours)
    placed = round_hours(sum(now.placed) * g + (current.exams_left - now.overflow) * exam_hours)
    return Schedule(
        today=today,
        exam_day=cal.exam_day,
        granularity=g,
        weeks=tuple(weeks),
        domains=domains,
        resources=tuple(due),
        capacity_hours=round_hours(math.fsum(cal.capacity_hours)),
        study_hours=round_hours(sum(base.layout.placed) * g),
        practice_hours=round_hours(sum(base.layout.exams) * exam_hours),
        done_hours=round_hours(sum(progress.done) + progress.done_practice),
        done_practice_hours=round_hours(progress.done_practice),
        remaining_capacity_hours=capacity,
        remaining_need_hours=need,
        shortfall_hours=round_hours(max(0.0, need - capacity)),
        practice_needed_exams=current.exams_left,
        practice_overflow_exams=now.overflow,
        practice_exam_hours=round_hours(exam_hours),
        planned_to_date_hours=planned_to_date(cal, base.layout, today),
        done_to_date_hours=round_hours(progress.done_to_date),
        current_week=cal.week_index(today),
        remaining_planned_hours=placed,
        busy_hours=round_hours(math.fsum(cal.busy)),
    )
