"""Moving the exam: what a date change costs, and whether it is allowed.

Pure: the caller gives ``now`` and the exam instant. Every change of date
counts against ``postponements_allowed``; past the allowance only a new
booking (``force``) may move it; inside ``reschedule_cutoff_hours`` before
the exam nothing may.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from planner.core.fmt import hours_h, moment, time_left
from planner.core.model import Plan, Reschedule, replace

__all__ = ["Decision", "decide"]


class Decision(NamedTuple):
    plan: Plan | None
    """The plan with the exam moved and the move recorded; ``None`` when refused."""
    refused: str | None
    notes: tuple[str, ...] = ()


def decide(
    plan: Plan,
    to: dt.datetime,
    *,
    now: dt.datetime,
    exam_at: dt.datetime,
    to_at: dt.datetime,
    reason: str = "",
    force: bool = False,
) -> Decision:
    """``to`` is the new local exam time (naive); ``to_at`` the same as an instant."""
    exam = plan.exam
    if to == exam.date or to_at == exam_at:  # the same instant (a time in a DST gap moves to the next hour)
        return Decision(None, f"the exam is already on {moment(exam.date)}")
    hours_left = (exam_at - now).total_seconds() / 3600
    cutoff = exam.reschedule_cutoff_hours
    if hours_left <= 0 and not force:
        return Decision(
            None,
            f"the exam of {moment(exam.date)} has passed; a new date is a new booking: add --force to record it",
        )
    if 0 < hours_left < cutoff:
        deadline = exam_at - dt.timedelta(hours=cutoff)
        return Decision(
            None,
            f"the exam is {time_left(hours_left * 3600)} away, inside the {hours_h(cutoff)} reschedule cutoff"
            f" (the last moment to change it was {moment(deadline)})",
        )
    if to_at <= now:
        return Decision(None, f"{moment(to)} is in the past")
    if to.date() <= plan.study.start:
        return Decision(None, f"{moment(to)} is not after study.start ({plan.study.start})")
    left = plan.postponements_left
    notes: list[str] = []
    if left == 0:
        if not force:
            return Decision(
                None,
                f"all {exam.postponements_allowed} postponements are used; a further change is a new booking:"
                " add --force once it is booked",
            )
        notes.append("recorded as a new booking: no postponements were left")
    elif left == 1:
        notes.append("this used the last postponement: the date cannot move again without a new booking")
    elif left is not None:
        notes.append(f"{left - 1} postponement{'s' if left - 1 != 1 else ''} left after this one")
    record = Reschedule(from_=exam.date, to=to, on=dt.date(now.year, now.month, now.day), reason=reason)
    moved = replace(plan, exam=replace(exam, date=to, reschedules=(*exam.reschedules, record)))
    return Decision(moved, None, tuple(notes))
