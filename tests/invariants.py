"""The engine rules of design.md, checked from the outside on any schedule."""

from __future__ import annotations

import datetime as dt
import math

from planner.core.engine import Schedule, study_days
from planner.core.model import Plan

EPS = 1e-6


def is_multiple(value: float, g: float) -> bool:
    return abs(value / g - round(value / g)) < 1e-6


def check_baseline(plan: Plan, s: Schedule) -> None:
    """Every rule, for a schedule made on or before the first study day with nothing done."""
    g = plan.study.granularity_hours
    days = study_days(plan)
    exam_day = plan.exam.date.date()
    ids = [d.id for d in plan.domains]

    # Rule 1: weeks run from the start to the eve of the exam, contiguous, cut at week_starts.
    assert s.weeks[0].start == plan.study.start
    assert s.weeks[-1].end == exam_day - dt.timedelta(days=1)
    first_weekday = 0 if plan.study.week_starts == "monday" else 6
    for a, b in zip(s.weeks, s.weeks[1:]):
        assert b.start == a.end + dt.timedelta(days=1)
        assert b.start.weekday() == first_weekday
    for w in s.weeks:
        assert (w.end - w.start).days < 7
        assert w.end < exam_day

    # Rule 2: capacity is the sum of the days.
    by_day = {d: h for d, h, _ in days}
    for w in s.weeks:
        cap = math.fsum(by_day[w.start + dt.timedelta(days=k)] for k in range((w.end - w.start).days + 1))
        assert abs(cap - w.capacity_hours) < EPS
    assert abs(s.capacity_hours - math.fsum(by_day.values())) < 1e-4

    # Rule 5: no week over its capacity; every number is whole blocks.
    for w in s.weeks:
        total = sum(w.hours.values()) + w.practice_hours
        assert total <= w.capacity_hours + EPS, (w.start, total, w.capacity_hours)
        for h in [*w.hours.values(), w.practice_hours]:
            assert is_multiple(h, g)

    # Rule 3: practice only inside the final weeks_before_exam weeks.
    window = exam_day - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
    for w in s.weeks:
        if w.practice_hours:
            assert w.end >= window
    assert abs(sum(w.practice_hours for w in s.weeks) - s.practice_hours) < EPS

    # Rule 4: domain totals add up, by largest remainder of the shares.
    planned = {d.id: d.planned_hours for d in s.domains}
    for i in ids:
        assert abs(sum(w.hours.get(i, 0.0) for w in s.weeks) - planned[i]) < EPS
        assert is_multiple(planned[i], g)
    study = sum(planned.values())
    assert abs(study - s.study_hours) < EPS
    shares = [d.adjusted_share for d in s.domains]
    for d, share in zip(s.domains, shares):
        assert abs(d.planned_hours - study * share) < g + EPS

    # Rule 2: with a target, the total is the target when it fits; without one, every block.
    blocks = sum(math.floor(w.capacity_hours / g + 1e-9) for w in s.weeks)
    placed = study + s.practice_hours
    if plan.study.target_hours is None:
        if s.practice_overflow_exams == 0:
            assert abs(placed - blocks * g) < EPS
    elif s.shortfall_hours == 0 and s.practice_overflow_exams == 0:
        practice_blocks = plan.practice.count * s.practice_exam_hours
        expected = max(round(plan.study.target_hours / g) * g, practice_blocks)
        assert abs(placed - expected) < EPS, (placed, expected)

    # Rule 5: interleaved cells stay within one block of week study x share;
    # sequential domains follow their order.
    if plan.study.strategy == "interleaved":
        for w in s.weeks:
            week_study = sum(w.hours.values())
            for i, share in zip(ids, shares):
                exact = week_study * share
                assert abs(w.hours.get(i, 0.0) - exact) < g + EPS, (w.start, i, w.hours, exact)
    else:
        order = []
        for w in s.weeks:
            for i in ids:
                if w.hours.get(i) and (not order or order[-1] != i):
                    order.append(i)
        assert order == sorted(order, key=ids.index)
        assert len(order) == len(set(order))
