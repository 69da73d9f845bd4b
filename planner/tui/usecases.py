"""The changes the TUI asks for, as ``Plan -> Plan`` functions: the one place it calls them from.

Each function takes the plan first and its arguments by keyword, so a view
binds the arguments (``functools.partial``) and posts the result up in an
``EditRequested``; the app applies it to the plan as it is at that moment.
A refused change raises ``PlanError``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

from planner.core import moments
from planner.core.errors import KeyPath, PlanError
from planner.core.model import DayRange, LogEntry, Plan, PracticeResult
from planner.core.reschedule import decide
from planner.planfile import parse

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = [
    "MoveChange",
    "MovePreview",
    "add_day_range",
    "add_log",
    "clear_field",
    "delete_log",
    "movable_ranges",
    "preview_move",
    "record_practice",
    "remove_day_range",
    "replace_log",
    "reschedule",
    "set_field",
    "skeleton",
]

RangeKind = Literal["blackouts", "overrides"]


def add_log(plan: Plan, *, entry: LogEntry) -> Plan:
    return parse.validated(dataclasses.replace(plan, log=(*plan.log, entry)))


def _log_index(plan: Plan, entry: LogEntry, hint: int) -> int:
    """Where ``entry`` is now: at ``hint`` when it still is, else found by value (the file may have changed)."""
    if 0 <= hint < len(plan.log) and plan.log[hint] == entry:
        return hint
    for i, e in enumerate(plan.log):
        if e == entry:
            return i
    raise PlanError("that session is no longer in the log (the file changed); nothing was changed")


def replace_log(plan: Plan, *, old: LogEntry, new: LogEntry, hint: int = -1) -> Plan:
    at = _log_index(plan, old, hint)
    log = (*plan.log[:at], new, *plan.log[at + 1 :])
    return parse.validated(dataclasses.replace(plan, log=log))


def delete_log(plan: Plan, *, entry: LogEntry, hint: int = -1) -> Plan:
    at = _log_index(plan, entry, hint)
    return dataclasses.replace(plan, log=(*plan.log[:at], *plan.log[at + 1 :]))


def skeleton(plan: Plan) -> Plan:
    """The parts the form edits: checking them never needs the resources or the log."""
    return dataclasses.replace(plan, resources=(), log=())


def _with_document(plan: Plan, key: KeyPath, value: Any) -> Plan:
    doc = parse.to_document(skeleton(plan))
    node: Any = doc
    for part in key[:-1]:
        if isinstance(node, dict) and part not in node:
            node[part] = {}
        node = node[part]
    if value is None:
        if not isinstance(node, dict) or key[-1] not in node:
            return plan
        del node[key[-1]]
    else:
        node[key[-1]] = value
    checked = parse.from_document(doc)
    return dataclasses.replace(
        plan, exam=checked.exam, study=checked.study, practice=checked.practice, domains=checked.domains
    )


def set_field(plan: Plan, *, key: KeyPath, value: object) -> Plan:
    """``plan`` with the value at ``key`` (a key path of the file) set, checked as the loader checks it."""
    return _with_document(plan, key, value)


def clear_field(plan: Plan, *, key: KeyPath) -> Plan:
    """``plan`` without the optional key ``key`` (its default applies); a required key is refused."""
    return _with_document(plan, key, None)


def _with_ranges(plan: Plan, kind: RangeKind, ranges: tuple[DayRange, ...]) -> Plan:
    study = plan.study
    study = (
        dataclasses.replace(study, blackouts=ranges)
        if kind == "blackouts"
        else dataclasses.replace(study, overrides=ranges)
    )
    return dataclasses.replace(plan, study=study)


def add_day_range(plan: Plan, *, kind: RangeKind, day_range: DayRange) -> Plan:
    ranges: tuple[DayRange, ...] = getattr(plan.study, kind)
    return parse.validated(_with_ranges(plan, kind, (*ranges, day_range)))


def remove_day_range(plan: Plan, *, kind: RangeKind, day_range: DayRange) -> Plan:
    ranges: tuple[DayRange, ...] = getattr(plan.study, kind)
    if day_range not in ranges:
        raise PlanError("that day range is no longer in the plan (the file changed); nothing was removed")
    at = ranges.index(day_range)
    return _with_ranges(plan, kind, (*ranges[:at], *ranges[at + 1 :]))


def reschedule(
    plan: Plan,
    *,
    to: dt.datetime,
    now: dt.datetime,
    zone: str,
    reason: str = "",
    force: bool = False,
    move_dated: bool = False,
) -> Plan:
    """The exam moved to ``to`` (local, naive) and the move recorded; refused moves raise ``PlanError``."""
    decision = decide(
        plan,
        to,
        now=now,
        exam_at=moments.exam_at(plan, zone),
        to_at=moments.at_local(to, zone),
        reason=reason,
        force=force,
    )
    if decision.plan is None:
        raise PlanError(f"not rescheduled: {decision.refused}")
    return parse.validated(_move_ranges(decision.plan, plan, move_dated))


def record_practice(plan: Plan, *, result: PracticeResult, minutes: float) -> Plan:
    """The result kept, and the time taken logged as a practice session (a quarter hour at least)."""
    entry = LogEntry(
        date=result.date,
        hours=max(0.25, round(minutes / 60 * 4) / 4),
        kind="practice",
        note=f"practice exam: {result.score:g}%",
    )
    practice = dataclasses.replace(plan.practice, results=(*plan.practice.results, result))
    return parse.validated(dataclasses.replace(plan, practice=practice, log=(*plan.log, entry)))


FINAL_WEEKS: Final = 2
"""Dated ranges this close to the exam (or the practice weeks, if longer) are offered to move with it."""


def movable_ranges(plan: Plan) -> tuple[DayRange, ...]:
    """The dated blackouts and overrides in the exam's final weeks: the ones a move may take along."""
    exam_day = plan.exam.date.date()
    window = dt.timedelta(weeks=max(FINAL_WEEKS, plan.practice.weeks_before_exam))
    return tuple(
        r
        for r in (*plan.study.blackouts, *plan.study.overrides)
        if r.days_before_exam is None and r.end >= exam_day - window and r.start < exam_day
    )


def _move_ranges(plan: Plan, before: Plan, move_dated: bool) -> Plan:
    """Anchored ranges follow the exam; with ``move_dated`` the movable dated ones shift by as many days."""
    exam_day = plan.exam.date.date()
    shift = exam_day - before.exam.date.date()
    movable = set(movable_ranges(before)) if move_dated else set()

    def moved(r: DayRange) -> DayRange:
        if r.days_before_exam is not None:
            return r.anchored_to(exam_day)
        if r in movable:
            return dataclasses.replace(r, start=r.start + shift, end=r.end + shift)
        return r

    study = dataclasses.replace(
        plan.study,
        blackouts=tuple(moved(r) for r in plan.study.blackouts),
        overrides=tuple(moved(r) for r in plan.study.overrides),
    )
    return dataclasses.replace(plan, study=study)


class MoveChange(NamedTuple):
    """One warning in the reschedule preview: ``new`` with the move, ``still`` there, or ``gone``."""

    kind: Literal["new", "still", "gone"]
    severity: str
    code: str
    text: str


class MovePreview(NamedTuple):
    """The situation after a move, beside the one now: every warning that comes, stays or goes."""

    after: Situation | None
    """``None`` when the move is refused."""
    refused: str | None
    notes: tuple[str, ...]
    changes: tuple[MoveChange, ...]


def preview_move(
    s: Situation, *, to: dt.datetime, reason: str = "", force: bool = False, move_dated: bool = False
) -> MovePreview:
    """What ``reschedule`` with these arguments would make of ``s``: the same edit, seen at ``s.now``."""
    from planner.core.situation import situate

    decision = decide(
        s.plan,
        to,
        now=s.now,
        exam_at=s.exam_at,
        to_at=moments.at_local(to, s.zone),
        reason=reason,
        force=force,
    )
    if decision.plan is None:
        return MovePreview(None, decision.refused, decision.notes, ())
    try:
        moved = reschedule(s.plan, to=to, now=s.now, zone=s.zone, reason=reason, force=force, move_dated=move_dated)
    except PlanError as exc:
        return MovePreview(None, str(exc), decision.notes, ())
    after = situate(moved, s.now, s.zone, here=s.here)
    return MovePreview(after, None, decision.notes, _changes(s, after))


def _changes(before: Situation, after: Situation) -> tuple[MoveChange, ...]:
    now = {(a.code, a.subject) for a in before.alerts}
    then = {(a.code, a.subject) for a in after.alerts}
    out = [
        MoveChange("still" if (a.code, a.subject) in now else "new", str(a.severity), str(a.code), a.message)
        for a in after.alerts
    ]
    out += [
        MoveChange("gone", str(a.severity), str(a.code), a.message)
        for a in before.alerts
        if (a.code, a.subject) not in then
    ]
    return tuple(out)
