"""The exam date and the days around it: rescheduling, blackouts and overrides, a plan from a template.

Days anchored to the exam (``days_before_exam``) always move with it. Dated
ranges in the final weeks (leave booked for the old date) move only when
asked (``move_dated``): the person knows whether their leave moves too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, Literal

from planner.core import moments, rules
from planner.core.edits._common import text_in
from planner.core.errors import PlanError
from planner.core.model import DayRange, Plan, Study, replace
from planner.core.record import Record
from planner.core.reschedule import decide

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "Rescheduled",
    "add_range",
    "anchored_range",
    "movable_ranges",
    "plan_from_template",
    "remove_range",
    "reschedule",
]

RangeList = Literal["blackouts", "overrides"]
FINAL_WEEKS: Final = 2
"""Dated ranges this close to the exam (or the practice weeks, if longer) are offered to move with it."""


class Rescheduled(Record):
    """The plan with the exam moved, and what to tell the person about it."""

    plan: Plan
    notes: tuple[str, ...]
    """The postponements left, and every range that moved with the exam."""


def reschedule(
    plan: Plan,
    to: dt.datetime,
    *,
    now: pendulum.DateTime,
    zone: str,
    reason: str = "",
    force: bool = False,
    move_dated: bool = False,
) -> Rescheduled:
    """The exam moved to ``to`` (local, naive, in ``zone``) as ``core.reschedule.decide`` allows, or a ``PlanError``.

    Ranges anchored to the exam move with it; with ``move_dated`` the dated
    ones of ``movable_ranges`` move by the same number of days.
    """
    text_in(reason, ("reason",))
    rules.check_year(to.date(), ("exam", "date"))  # before any date arithmetic
    decision = decide(
        plan,
        to,
        now=now,
        exam_at=moments.at_local(plan.exam.date, zone),
        to_at=moments.at_local(to, zone),
        reason=reason,
        force=force,
    )
    if decision.plan is None:
        raise PlanError(decision.refused or "the exam cannot move to that date")
    shift = to.date() - plan.exam.date.date()
    dated = movable_ranges(plan)
    movable = {(which, i) for which, i, _ in dated} if move_dated else set()
    notes = list(decision.notes)
    if shift and not move_dated:
        notes.extend(
            f"{_what(which, r)} stays on {_days(r)}: it is dated (ask to move dated days too)" for which, _, r in dated
        )
    study = decision.plan.study
    which: RangeList
    for which in ("blackouts", "overrides"):
        moved = []
        for i, r in enumerate(_ranges(study, which)):
            new = _moved(r, to.date(), shift, (which, i) in movable)
            if new is not r:
                notes.append(f"{_what(which, r)} moved with the exam: {_days(r)} → {_days(new)}")
            moved.append(new)
        study = _with_ranges(study, which, tuple(moved))
    moved_plan = replace(decision.plan, study=study)
    return Rescheduled(rules.check_settings(moved_plan), tuple(notes))


def movable_ranges(plan: Plan) -> tuple[tuple[RangeList, int, DayRange], ...]:
    """The dated blackouts and overrides in the exam's final weeks: (list, index, range).

    These are the ones a reschedule may move with ``move_dated``; ask about them only when there are any.
    """
    exam_day = plan.exam.date.date()
    window = dt.timedelta(weeks=max(FINAL_WEEKS, plan.practice.weeks_before_exam))
    found: list[tuple[RangeList, int, DayRange]] = []
    which: RangeList
    for which in ("blackouts", "overrides"):
        for i, r in enumerate(_ranges(plan.study, which)):
            if r.days_before_exam is None and r.end >= exam_day - window and r.start < exam_day:
                found.append((which, i, r))
    return tuple(found)


def _moved(r: DayRange, exam_day: dt.date, shift: dt.timedelta, dated_too: bool) -> DayRange:
    if r.days_before_exam is not None:
        return r.anchored_to(exam_day)
    if dated_too and shift:
        return replace(r, start=r.start + shift, end=r.end + shift)
    return r


def _what(which: str, r: DayRange) -> str:
    kind = "blackout" if which == "blackouts" else "override"
    return f"{kind} ({r.reason})" if r.reason else kind


def _days(r: DayRange) -> str:
    return str(r.start) if r.start == r.end else f"{r.start} – {r.end}"


def anchored_range(
    plan: Plan, *, days_before_exam: int, days: int = 1, hours: float | None = None, reason: str = ""
) -> DayRange:
    """A range of ``days`` days starting ``days_before_exam`` days before the exam: give it to ``add_range``."""
    rules.check_whole(days_before_exam, ("days_before_exam",), rules.ANCHOR_DAYS)
    rules.check_whole(days, ("days",), rules.ANCHOR_DAYS)
    start = plan.exam.date.date() - dt.timedelta(days=days_before_exam)
    return DayRange(start, start + dt.timedelta(days=days - 1), reason, hours, days_before_exam)


def add_range(plan: Plan, which: RangeList, day_range: DayRange) -> Plan:
    """``plan`` with a blackout (no ``hours``) or an override (with ``hours``) added last."""
    text_in(day_range.reason, ("reason",))
    study = _with_ranges(plan.study, which, (*_ranges(plan.study, which), day_range))
    return rules.check_settings(replace(plan, study=study))


def remove_range(plan: Plan, which: RangeList, index: int) -> Plan:
    ranges = _ranges(plan.study, which)
    if not 0 <= index < len(ranges):
        raise PlanError(f"there is no {which[:-1]} {index} (the plan has {len(ranges)})", ("study", which, index))
    return replace(plan, study=_with_ranges(plan.study, which, ranges[:index] + ranges[index + 1 :]))


def _ranges(study: Study, which: RangeList) -> tuple[DayRange, ...]:
    if which == "blackouts":
        return study.blackouts
    if which == "overrides":
        return study.overrides
    raise PlanError("must be blackouts or overrides", ("study", which))


def _with_ranges(study: Study, which: RangeList, ranges: tuple[DayRange, ...]) -> Study:
    if which == "blackouts":
        return replace(study, blackouts=ranges)
    return replace(study, overrides=ranges)


def plan_from_template(template: Plan, *, exam: dt.datetime | dt.date, start: dt.date) -> Plan:
    """A new plan from a template: the exam on ``exam`` (a date keeps the template's time), study from ``start``.

    Ranges anchored to the exam and the template's dated overrides (leave
    before its exam) move with the exam; its dated blackouts (fixed
    holidays) are kept only when they fall inside the new study period. The
    template's history (reschedules, log, results, a running session) is left behind.
    """
    if not isinstance(exam, dt.datetime):
        exam = dt.datetime.combine(exam, template.exam.date.time())
    exam_day = rules.check_year(exam.date(), ("exam", "date"))  # before any date arithmetic
    rules.check_year(start, ("study", "start"))
    shift = exam_day - template.exam.date.date()
    study = template.study
    overrides = tuple(
        r.anchored_to(exam_day) if r.days_before_exam is not None else _shifted(r, shift) for r in study.overrides
    )
    blackouts = tuple(
        r.anchored_to(exam_day) if r.days_before_exam is not None else r
        for r in study.blackouts
        if r.days_before_exam is not None or (r.end >= start and r.start < exam_day)
    )
    made = replace(
        template,
        exam=replace(template.exam, date=exam, reschedules=()),
        study=replace(study, start=start, overrides=overrides, blackouts=blackouts),
        practice=replace(template.practice, results=()),
        log=(),
        session=None,
    )
    return rules.check_plan(made)


def _shifted(r: DayRange, shift: dt.timedelta) -> DayRange:
    try:
        return replace(r, start=r.start + shift, end=r.end + shift)
    except OverflowError:
        raise PlanError("moves past the dates the planner handles; check the exam date", ("exam", "date")) from None
