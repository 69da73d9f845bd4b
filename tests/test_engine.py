"""The engine rules of design.md, case by case, with numbers checkable by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from invariants import check_baseline
from planfactory import make_plan

from planner.core import engine
from planner.core.model import DayRange, LogEntry, Practice, PracticeResult, Resource, replace

D = dt.date
T = dt.datetime
WEEKDAYS_2H = (2, 2, 2, 2, 2, 0, 0)


@dataclass
class Case:
    name: str
    plan: dict
    capacity: float | None = None
    weeks: list[tuple[str, str]] | None = None
    week_capacity: list[float] | None = None
    planned: dict[str, float] | None = None
    practice: list[float] | None = None
    cells: list[dict[str, float]] | None = None
    extra: dict = field(default_factory=dict)


CASES = [
    Case(
        "four-full-weeks",
        dict(start=D(2027, 1, 4), exam=T(2027, 2, 1, 9), availability=WEEKDAYS_2H, weights=(1, 1)),
        capacity=40,
        weeks=[
            ("2027-01-04", "2027-01-10"),
            ("2027-01-11", "2027-01-17"),
            ("2027-01-18", "2027-01-24"),
            ("2027-01-25", "2027-01-31"),
        ],
        week_capacity=[10, 10, 10, 10],
        planned={"d0": 20, "d1": 20},
        cells=[{"d0": 5, "d1": 5}] * 4,
    ),
    Case(
        "mid-week-start-is-a-partial-week",
        dict(start=D(2027, 1, 6), exam=T(2027, 1, 20, 9), availability=WEEKDAYS_2H, weights=(1,)),
        weeks=[("2027-01-06", "2027-01-10"), ("2027-01-11", "2027-01-17"), ("2027-01-18", "2027-01-19")],
        week_capacity=[6, 10, 4],
    ),
    Case(
        "sunday-week-start",
        dict(start=D(2027, 1, 4), exam=T(2027, 1, 19, 9), availability=WEEKDAYS_2H, weights=(1,), week_starts="sunday"),
        weeks=[("2027-01-04", "2027-01-09"), ("2027-01-10", "2027-01-16"), ("2027-01-17", "2027-01-18")],
        week_capacity=[10, 10, 2],
    ),
    Case(
        "exam-day-itself-is-not-a-study-day",
        dict(start=D(2027, 1, 4), exam=T(2027, 1, 6, 23), availability=WEEKDAYS_2H, weights=(1,)),
        weeks=[("2027-01-04", "2027-01-05")],
        capacity=4,
    ),
    Case(
        "blackout-wins-over-override",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 11, 9),
            availability=WEEKDAYS_2H,
            weights=(1,),
            blackouts=(DayRange(D(2027, 1, 5), D(2027, 1, 6), "off"),),
            overrides=(DayRange(D(2027, 1, 6), D(2027, 1, 9), "leave", 5.0),),
        ),
        # Mon 2, Tue off, Wed off (blackout wins), Thu 5, Fri 5, Sat 5, Sun 0
        capacity=17,
    ),
    Case(
        "override-gives-hours-on-a-free-weekday",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 11, 9),
            availability=WEEKDAYS_2H,
            weights=(1,),
            overrides=(DayRange(D(2027, 1, 9), D(2027, 1, 10), "weekend push", 4.0),),
        ),
        capacity=18,
    ),
    Case(
        "target-spread-evenly-over-capacity",
        dict(start=D(2027, 1, 4), exam=T(2027, 2, 1, 9), availability=WEEKDAYS_2H, weights=(1,), target=20.0),
        planned={"d0": 20},
        cells=[{"d0": 5}] * 4,
    ),
    Case(
        "target-follows-each-week-capacity",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 18, 9),
            availability=WEEKDAYS_2H,
            weights=(1,),
            target=10.0,
            blackouts=(DayRange(D(2027, 1, 11), D(2027, 1, 13)),),
        ),
        # capacity 10 + 4: 10 h spread 10/14 and 4/14 -> 7.14 and 2.86 -> 7 and 3
        week_capacity=[10, 4],
        cells=[{"d0": 7}, {"d0": 3}],
    ),
    Case(
        "largest-remainder-ties-go-to-the-earlier-domain",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 9, 9),
            availability=(1, 1, 1, 1, 1, 0, 0),
            weights=(1, 1, 1),
            granularity=0.5,
        ),
        # 5 h = 10 blocks over three equal domains: 4, 3, 3 blocks
        planned={"d0": 2.0, "d1": 1.5, "d2": 1.5},
    ),
    Case(
        "reference-weights-quota",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 3, 1, 9),
            availability=(1.5, 1.5, 1.5, 1.5, 0, 3, 2),
            weights=(20, 24, 36, 20),
            target=80.0,
        ),
        # 80 h x 0.20/0.24/0.36/0.20 = 16, 19.2, 28.8, 16 -> 16, 19, 29, 16
        planned={"d0": 16, "d1": 19, "d2": 29, "d3": 16},
    ),
    Case(
        "granularity-one-hour-floors-each-week",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 18, 9),
            availability=(1.5, 1.5, 1.5, 0, 0, 0, 0),
            weights=(1,),
            granularity=1.0,
        ),
        # 4.5 h a week holds 4 whole one-hour blocks
        week_capacity=[4.5, 4.5],
        cells=[{"d0": 4}, {"d0": 4}],
    ),
    Case(
        "practice-placed-backwards-from-the-exam",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 25, 9),
            availability=(2, 2, 2, 2, 2, 6, 6),
            weights=(1,),
            practice=Practice(count=7, minutes=180, weeks_before_exam=2),
        ),
        # a 3 h exam needs a 3 h day: the 6 h weekend days hold two each, so 4 a week;
        # backwards from the exam: 4 in the last week, 3 the week before
        practice=[0, 9, 12],
        cells=[{"d0": 22}, {"d0": 13}, {"d0": 10}],
    ),
    Case(
        "practice-overflow-is-left-out",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 18, 9),
            availability=(2, 2, 2, 2, 2, 3, 0),
            weights=(1,),
            practice=Practice(count=5, minutes=180, weeks_before_exam=1),
        ),
        # only the Saturday is long enough for one 3 h sitting
        practice=[0, 3],
        extra={"overflow": 4},
    ),
    Case(
        "practice-window-counts-days-not-calendar-weeks",
        dict(
            start=D(2027, 1, 4),
            exam=T(2027, 1, 19, 9),
            availability=WEEKDAYS_2H,
            weights=(1,),
            practice=Practice(count=2, minutes=120, weeks_before_exam=1),
        ),
        # exam Tue 19: the final week is Tue 12 .. Mon 18, across two calendar weeks
        practice=[0, 2, 2],
    ),
    Case(
        "sequential-domains-in-order",
        dict(
            start=D(2027, 1, 4), exam=T(2027, 1, 25, 9), availability=WEEKDAYS_2H, weights=(1, 2), strategy="sequential"
        ),
        planned={"d0": 10, "d1": 20},
        cells=[{"d0": 10}, {"d1": 10}, {"d1": 10}],
    ),
    Case(
        "zero-weight-domain-gets-nothing",
        dict(start=D(2027, 1, 4), exam=T(2027, 1, 11, 9), availability=WEEKDAYS_2H, weights=(0, 3)),
        planned={"d0": 0, "d1": 10},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_engine_case(case: Case) -> None:
    plan = make_plan(**case.plan)
    s = engine.build(plan, plan.study.start)
    check_baseline(plan, s)
    if case.capacity is not None:
        assert s.capacity_hours == case.capacity
    if case.weeks is not None:
        assert [(w.start.isoformat(), w.end.isoformat()) for w in s.weeks] == case.weeks
    if case.week_capacity is not None:
        assert [w.capacity_hours for w in s.weeks] == case.week_capacity
    if case.planned is not None:
        assert {d.id: d.planned_hours for d in s.domains} == case.planned
    if case.practice is not None:
        assert [w.practice_hours for w in s.weeks] == case.practice
    if case.cells is not None:
        assert [w.hours for w in s.weeks] == case.cells
    if "overflow" in case.extra:
        assert s.practice_overflow_exams == case.extra["overflow"]


def resources_plan(**kw) -> object:
    return make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 2, 1, 9),
        availability=WEEKDAYS_2H,
        weights=(1, 1),
        resources=(
            Resource(id="a", title="A", hours=10, domains=("d0",)),
            Resource(id="b", title="B", hours=10, domains=("d0",)),
            Resource(id="c", title="C", hours=4, domains=("d1",), priority="low", order=0),
            Resource(id="d", title="D", hours=4, domains=("d1",), priority="high", order=0),
            Resource(id="e", title="E", hours=20, domains=("d0", "d1")),
        ),
        **kw,
    )


def test_resources_are_laid_along_their_domain_hours() -> None:
    plan = resources_plan()
    s = engine.build(plan, plan.study.start)
    due = {r.id: r.planned_week for r in s.resources}
    # d0 gets 5 h a week: a (10 h) by the end of week 2, b (20 h in all) by week 4.
    assert due["a"] == D(2027, 1, 11)
    assert due["b"] == D(2027, 1, 25)
    # d and c share order 0: priority breaks the tie, so d (high) comes first.
    assert due["d"] == D(2027, 1, 4)
    assert due["c"] == D(2027, 1, 11)
    # e needs 10 h of each domain after the others: d0 has no hours left, so it overruns to the end.
    assert due["e"] == D(2027, 1, 25)
    assert {r.id: r.due_week for r in s.resources} == due
    assert s.weeks[0].resources_due == ("d",)


def test_resource_hours_per_domain_are_split_by_weight() -> None:
    plan = resources_plan()
    s = engine.build(plan, plan.study.start)
    assert {d.id: d.resource_hours for d in s.domains} == {"d0": 30, "d1": 18}


def test_log_counts_and_the_past_stays_as_it_was() -> None:
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 2, 1, 9),
        availability=WEEKDAYS_2H,
        weights=(1, 1),
        target=30.0,
        log=(
            LogEntry(date=D(2027, 1, 5), hours=3.0, domain="d0"),
            LogEntry(date=D(2027, 1, 7), hours=1.0, domain="d1"),
        ),
    )
    base = engine.build(replace(plan, log=()), plan.study.start)
    s = engine.build(plan, D(2027, 1, 11))
    assert [w.state for w in s.weeks] == ["past", "current", "future", "future"]
    assert s.weeks[0].hours == {"d0": 3.0, "d1": 1.0}
    assert s.weeks[0].planned_hours == base.weeks[0].hours
    assert s.done_hours == 4.0
    assert {d.id: d.done_hours for d in s.domains} == {"d0": 3.0, "d1": 1.0}
    # What remains (15 - 3 and 15 - 1 h) is re-flowed over the three weeks left.
    remaining = {d.id: d.remaining_hours for d in s.domains}
    assert remaining == {"d0": 12.0, "d1": 14.0}
    for i in ("d0", "d1"):
        assert sum(w.hours.get(i, 0) for w in s.weeks) == 15.0
    for w in s.weeks[1:]:
        assert sum(w.hours.values()) <= w.capacity_hours
    # Planned to date: the first week's 7.5 h; done 4 h: 3.5 h behind.
    assert s.planned_to_date_hours == 7.5
    assert s.done_to_date_hours == 4.0


def test_replanning_from_today_mid_week_uses_only_the_days_left() -> None:
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 1, 18, 9),
        availability=WEEKDAYS_2H,
        weights=(1,),
        log=(LogEntry(date=D(2027, 1, 4), hours=2.0, domain="d0"),),
    )
    s = engine.build(plan, D(2027, 1, 7))  # Thursday: Thu and Fri are left in week one
    assert s.weeks[0].state == "current"
    assert s.weeks[0].hours == {"d0": 2.0 + 4.0}
    assert s.remaining_capacity_hours == 14.0


def test_hours_logged_today_use_up_today() -> None:
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 1, 9, 9),
        availability=WEEKDAYS_2H,
        weights=(1,),
        log=(LogEntry(date=D(2027, 1, 6), hours=1.5, domain="d0"),),
    )
    s = engine.build(plan, D(2027, 1, 6))
    assert s.remaining_capacity_hours == 4.5  # Wed 0.5 + Thu 2 + Fri 2


def test_done_resources_leave_the_reflow_and_keep_their_week() -> None:
    plan = resources_plan()
    plan = replace(
        plan,
        resources=tuple(replace(r, status="done", done_on=D(2027, 1, 5)) if r.id == "a" else r for r in plan.resources),
    )
    s = engine.build(plan, D(2027, 1, 11))
    by_id = {r.id: r for r in s.resources}
    assert by_id["a"].due_week == D(2027, 1, 4)
    assert by_id["a"].planned_week == D(2027, 1, 11)
    # b now starts from the current week: 10 h of d0 at 5 h a week.
    assert by_id["b"].due_week == D(2027, 1, 18)


def test_practice_results_count_as_exams_taken() -> None:
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 1, 18, 9),
        availability=(2, 2, 2, 2, 2, 4, 4),
        weights=(1,),
        practice=Practice(count=4, minutes=120, weeks_before_exam=1, results=(PracticeResult(D(2027, 1, 11), 70.0),)),
    )
    s = engine.build(plan, D(2027, 1, 12))
    assert s.practice_needed_exams == 3
    assert s.weeks[1].practice_exams == 3


def test_weak_domain_gains_remaining_hours_and_the_shift_is_reported() -> None:
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 2, 1, 9),
        availability=WEEKDAYS_2H,
        weights=(1, 1),
        target=40.0,
        passing_score=75.0,
        practice=Practice(count=0, results=(PracticeResult(D(2027, 1, 10), 60.0, (("d0", 50.0), ("d1", 90.0))),)),
    )
    s = engine.build(plan, D(2027, 1, 11))
    shift = {d.id: d.shift_hours for d in s.domains}
    assert shift["d0"] > 0 > shift["d1"]
    assert shift["d0"] == -shift["d1"]
    remaining = {d.id: d.remaining_hours for d in s.domains}
    assert remaining["d0"] > remaining["d1"]


def test_infeasible_target_reports_the_shortfall_and_stays_within_capacity() -> None:
    plan = make_plan(start=D(2027, 1, 4), exam=T(2027, 1, 18, 9), availability=WEEKDAYS_2H, weights=(1,), target=50.0)
    s = engine.build(plan, plan.study.start)
    assert s.shortfall_hours == 30.0
    assert all(sum(w.hours.values()) <= w.capacity_hours for w in s.weeks)


def test_same_input_same_output() -> None:
    plan = resources_plan(target=30.0)
    assert engine.build(plan, D(2027, 1, 13)) == engine.build(plan, D(2027, 1, 13))


def test_after_the_exam_every_week_is_past() -> None:
    plan = make_plan(start=D(2027, 1, 4), exam=T(2027, 1, 18, 9), availability=WEEKDAYS_2H, weights=(1,))
    s = engine.build(plan, D(2027, 1, 18))
    assert {w.state for w in s.weeks} == {"past"}
    assert s.remaining_capacity_hours == 0


def test_before_the_start_every_week_is_future_and_the_plan_is_the_baseline() -> None:
    plan = make_plan(start=D(2027, 1, 4), exam=T(2027, 1, 18, 9), availability=WEEKDAYS_2H, weights=(1,))
    early = engine.build(plan, D(2026, 12, 20))
    on_start = engine.build(plan, plan.study.start)
    assert {w.state for w in early.weeks} == {"future"}
    assert [w.hours for w in early.weeks] == [w.hours for w in on_start.weeks]
