"""The engine rules of design.md (1-8), checked from the outside on any schedule."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from planner.core.engine import Schedule, latest_domain_scores, study_days
from planner.core.model import Plan

EPS = 1e-6


def is_multiple(value: float, g: float) -> bool:
    return abs(value / g - round(value / g)) < 1e-6


def nearest_block(hours: float, g: float) -> int:
    return math.floor(hours / g + 0.5)


def practice_tol(s: Schedule) -> float:
    """Sums of practice hours may differ by the rounding of each sitting's hours to six places."""
    return EPS * (2 + s.practice_needed_exams + sum(w.practice_exams for w in s.weeks))


def check_calendar(plan: Plan, s: Schedule, busy: Mapping[dt.date, float] | None = None) -> None:
    """Rules 1, 2 and 8: the weeks, their days and capacities, and what busy time took."""
    g = plan.study.granularity_hours
    exam_day = plan.exam.date.date()
    if not s.weeks:
        return
    assert s.weeks[0].start == plan.study.start
    assert s.weeks[-1].end == exam_day - dt.timedelta(days=1)
    first_weekday = 0 if plan.study.week_starts == "monday" else 6
    for a, b in zip(s.weeks, s.weeks[1:]):
        assert b.start == a.end + dt.timedelta(days=1)
        assert b.start.weekday() == first_weekday
    free = {d: h for d, h, _ in study_days(plan)}
    by_day = {d: h for d, h, _ in study_days(plan, busy)}
    for w in s.weeks:
        assert (w.end - w.start).days < 7 and w.end < exam_day
        assert [d.date for d in w.days] == [w.start + dt.timedelta(days=k) for k in range((w.end - w.start).days + 1)]
        assert abs(math.fsum(d.hours for d in w.days) - w.capacity_hours) < EPS
        assert abs(math.fsum(by_day[d.date] for d in w.days) - w.capacity_hours) < EPS
        # rule 8: busy time comes off, and what is left of a busy day is whole blocks
        assert abs(w.capacity_hours + w.busy_hours - math.fsum(free[d.date] for d in w.days)) < EPS
        for d in w.days:
            assert 0 <= d.hours <= free[d.date] + EPS
            if busy and busy.get(d.date, 0) > 0 and free[d.date] > 0:
                assert is_multiple(d.hours, g)
                assert d.hours <= max(0.0, free[d.date] - busy[d.date]) + EPS
            elif not busy or busy.get(d.date, 0) <= 0:
                assert d.hours == free[d.date]
    assert abs(s.capacity_hours - math.fsum(by_day.values())) < 1e-4


def check_practice_days(plan: Plan, s: Schedule, today: dt.date) -> None:
    """Rule 3: sittings only in the window, from today, each on a day long enough, one a day first."""
    exam_hours = plan.practice.minutes / 60
    window = plan.exam.date.date() - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
    logged: dict[dt.date, float] = {}
    for e in plan.log:
        logged[e.date] = logged.get(e.date, 0.0) + e.hours
    room = {}
    for w in s.weeks:
        assert w.practice_exams == sum(d.practice_exams for d in w.days)
        for d in w.days:
            left = max(0.0, d.hours - logged.get(d.date, 0.0))
            if d.practice_exams:
                assert d.date >= window and d.date >= today, (d.date, window, today)
                assert d.practice_exams * exam_hours <= left + EPS, (d, exam_hours)
            if d.date >= window and d.date >= today:
                room[d.date] = (math.floor(left / exam_hours + 1e-9), d.practice_exams)
    most = max((k for _, k in room.values()), default=0)
    for slots, k in room.values():  # spread: a day has a second sitting only when the others are full
        assert k >= min(slots, most - 1), (room, most)


def check_totals(s: Schedule) -> None:
    """Rule 7's numbers agree: what is placed, what is needed, what is usable and what is short."""
    tol = practice_tol(s)
    from_today = [w for w in s.weeks if w.state != "past"]
    practice_now = sum(w.practice_exams for w in from_today) * s.practice_exam_hours
    assert abs(s.remaining_planned_hours - (sum(d.remaining_hours for d in s.domains) + practice_now)) < tol
    assert s.remaining_planned_hours <= s.remaining_capacity_hours + EPS
    assert s.remaining_planned_hours <= s.remaining_need_hours + EPS
    assert abs(s.shortfall_hours - max(0.0, s.remaining_need_hours - s.remaining_capacity_hours)) < EPS
    unplaced = s.remaining_need_hours - s.remaining_planned_hours
    overflow = s.practice_overflow_exams * s.practice_exam_hours
    assert unplaced + tol >= overflow
    assert s.practice_overflow_exams <= s.practice_needed_exams
    if unplaced - overflow > tol:
        # domain study is left out only when every usable block is taken
        assert s.remaining_capacity_hours - s.remaining_planned_hours < EPS


def check_baseline(plan: Plan, s: Schedule, busy: Mapping[dt.date, float] | None = None) -> None:
    """Every rule, for a schedule made on or before the first study day with nothing done."""
    g = plan.study.granularity_hours
    ids = [d.id for d in plan.domains]
    exam_hours = plan.practice.minutes / 60
    check_calendar(plan, s, busy)
    check_practice_days(plan, s, plan.study.start)
    check_totals(s)
    assert abs(s.remaining_planned_hours - (s.study_hours + s.practice_hours)) < practice_tol(s)

    # Rule 5: no week over its capacity; domain hours are whole blocks; practice its real minutes.
    for w in s.weeks:
        total = sum(w.hours.values()) + w.practice_hours
        assert total <= w.capacity_hours + EPS, (w.start, total, w.capacity_hours)
        for h in w.hours.values():
            assert is_multiple(h, g)
        assert abs(w.practice_hours - w.practice_exams * exam_hours) < EPS
        assert w.hours == w.planned_hours
    assert abs(sum(w.practice_hours for w in s.weeks) - s.practice_hours) < practice_tol(s)

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
    if plan.study.target_hours is None:
        # every block of room, but those the sittings that found no day would need
        room = sum(math.floor((w.capacity_hours - w.practice_hours) / g + 1e-9) for w in s.weeks)
        held = math.ceil(s.practice_overflow_exams * plan.practice.minutes / 60 / g - 1e-9)
        assert abs(study - max(0, room - held) * g) < EPS
        # without a target, only sittings that found no day (and no room either) can be short
        assert s.shortfall_hours <= s.practice_overflow_exams * s.practice_exam_hours + practice_tol(s)
    elif s.shortfall_hours == 0 and s.practice_overflow_exams == 0:
        practice = plan.practice.count * exam_hours
        assert abs(s.practice_hours - practice) < EPS
        assert abs(study - max(0, nearest_block(plan.study.target_hours - practice, g)) * g) < EPS

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


def check_weak_shift(plan: Plan, s: Schedule) -> None:
    """Rule 4's shift: toward every domain under the mark, from those above it (or unscored), summing to zero."""
    assert abs(sum(d.shift_hours for d in s.domains)) < EPS
    passing = plan.exam.passing_score
    latest = latest_domain_scores(plan, s.today)
    for d in s.domains:
        score = latest.get(d.id, (None, None))[1]
        if passing is None or not latest:
            assert d.shift_hours == 0
        elif score is not None and score < passing:
            assert d.shift_hours >= 0, (d, score)
        elif score is not None and score == passing:
            assert d.shift_hours == 0
        else:
            assert d.shift_hours <= 0, (d, score)


def check_replan(plan: Plan, s: Schedule, baseline: Schedule, busy: Mapping[dt.date, float] | None = None) -> None:
    """Rule 7 seen from any day: the past as it was, the rest within what is left, totals kept."""
    g = plan.study.granularity_hours
    today = s.today
    exam_hours = plan.practice.minutes / 60
    check_calendar(plan, s, busy)
    check_practice_days(plan, s, today)
    check_totals(s)
    check_weak_shift(plan, s)
    logged: dict[dt.date, float] = {}
    for e in plan.log:
        logged[e.date] = logged.get(e.date, 0.0) + e.hours
    for w, b in zip(s.weeks, baseline.weeks, strict=True):
        assert w.planned_hours == b.hours, "the baseline is the plan made at the start"
        if w.state == "past":
            assert w.hours == w.done_hours, "the past stays as it was"
            continue
        for h in w.hours.values():
            if w.state == "future":
                assert is_multiple(h, g)
        planned_now = sum(w.hours.values()) - sum(w.done_hours.values()) + w.practice_exams * exam_hours
        left = sum(max(0.0, d.hours - logged.get(d.date, 0.0)) for d in w.days if d.date >= today)
        assert planned_now <= left + EPS, (w.start, planned_now, left)
    for d in s.domains:
        assert is_multiple(d.remaining_hours, g)
