"""Hypothesis: the engine's invariants hold for any valid plan and any day."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from invariants import EPS, check_baseline, check_replan, nearest_block
from planfactory import busy_days, plans

from planner.core import engine, rounding
from planner.core.model import replace

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(plans())
def test_baseline_obeys_every_rule(plan) -> None:
    check_baseline(plan, engine.build(plan, plan.study.start))


@SETTINGS
@given(st.data())
def test_baseline_with_busy_days_obeys_every_rule(data) -> None:
    plan = data.draw(plans())
    busy = data.draw(busy_days(plan))
    s = engine.build(plan, plan.study.start, busy)
    check_baseline(plan, s, busy)
    free = engine.build(plan, plan.study.start)
    assert abs(s.capacity_hours + s.busy_hours - free.capacity_hours) < EPS, "busy time only takes hours off"


@SETTINGS
@given(plans(with_log=True), st.integers(-10, 260), st.data())
def test_replanning_from_any_day(plan, offset, data) -> None:
    busy = data.draw(busy_days(plan)) if data.draw(st.booleans()) else None
    today = plan.study.start + dt.timedelta(days=offset)
    s = engine.build(plan, today, busy)
    assert s == engine.build(plan, today, busy), "same input, same output"
    untouched = replace(plan, log=(), practice=replace(plan.practice, results=()))
    check_replan(plan, s, engine.build(untouched, plan.study.start, busy), busy)
    g = plan.study.granularity_hours
    target = plan.study.target_hours
    practice_total = plan.practice.count * s.practice_exam_hours
    baseline_fits = (
        target is not None
        and s.practice_hours == practice_total
        and abs(s.study_hours - max(0, nearest_block(target - practice_total, g)) * g) < EPS
    )  # (a plan short at the start can fit later: a practice exam taken frees its hours for study)
    if s.shortfall_hours == 0 and today <= plan.exam.date.date() and (baseline_fits or target is None):
        # every domain still gets its total: what was done plus what is re-flowed (missed hours are kept)
        for d in s.domains:
            done_blocks = math.floor(d.done_hours / g + 1e-9)
            # what is left of the total, moved toward weak domains by the (reported) shift
            left = max(0.0, d.planned_hours - done_blocks * g) + d.shift_hours
            if target is None:  # spare blocks are planned too
                assert d.remaining_hours >= left - EPS
            else:
                assert abs(d.remaining_hours - left) < EPS


@SETTINGS
@given(plans(), st.integers(0, 260))
def test_resource_weeks_are_study_weeks(plan, offset) -> None:
    today = plan.study.start + dt.timedelta(days=offset)
    s = engine.build(plan, today)
    starts = {w.start for w in s.weeks}
    current = s.week_of(today)
    for r in s.resources:
        assert r.planned_week is None or r.planned_week in starts
        assert r.due_week is None or r.due_week in starts
        if r.status != "done" and current is not None and r.due_week is not None:
            assert r.due_week >= current.start, "what is not done is never due in the past"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=30),
    st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=10),
)
def test_round_table_keeps_margins_and_cells_within_one_block(rows, weights) -> None:
    assume(sum(weights) > 0)
    columns = rounding.apportion(sum(rows), weights)
    table = rounding.round_table(rows, weights, columns)
    total = sum(weights)
    assert [sum(r) for r in table] == rows
    assert [sum(col) for col in zip(*table)] == columns
    for r, row in zip(rows, table):
        for w, cell in zip(weights, row):
            assert abs(cell - r * w / total) < 1 + 1e-9


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 500), st.lists(st.floats(0, 1000, allow_nan=False), min_size=1, max_size=12))
def test_apportion_is_exact_and_within_one(total, weights) -> None:
    assume(sum(weights) > 0)
    parts = rounding.apportion(total, weights)
    assert sum(parts) == total
    for p, w in zip(parts, weights):
        assert abs(p - total * w / sum(weights)) < 1 + 1e-9


def _copied(plan):
    """``plan`` with an equal resources tuple that is another object (nothing kept for the original applies)."""
    return replace(plan, resources=tuple(list(plan.resources)))


@SETTINGS
@given(plans(), plans(), st.integers(0, 260))
def test_a_replan_does_not_depend_on_the_plans_built_before(other, plan, offset) -> None:
    today = plan.study.start + dt.timedelta(days=offset)
    fresh = engine.build(_copied(plan), today)
    engine.build(other, today)  # another plan in between, as when a second plan is opened
    again = engine.build(plan, today)
    assert again == fresh
    assert [r.id for r in again.resources] == [r.id for r in plan.resources]  # the file's order, this plan's
    # An edit that keeps the resources (a weight) is planned as the edited plan would be from scratch.
    first = plan.domains[0]
    edited = replace(plan, domains=(replace(first, weight=first.weight + 1), *plan.domains[1:]))
    assert edited.resources is plan.resources
    engine.build(plan, today)
    assert engine.build(edited, today) == engine.build(_copied(edited), today)
