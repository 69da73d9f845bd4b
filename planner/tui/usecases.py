"""What a screen asks of ``core.edits`` beyond a single call: the TUI's side of the one way in.

Every change is a ``core.edits`` function. A screen shows a plan and the
person acts on it a moment later, when the file may have been reloaded: the
edits here find their item again by value (a session, a blackout) before
calling the core's by-index edit, so the change lands on the item that was
shown or is refused. Each takes the plan first and its arguments by keyword,
to be bound with ``functools.partial`` and posted up in an ``EditRequested``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from planner.core import edits
from planner.core.errors import PlanError
from planner.core.model import DayRange, LogEntry, Plan, RunningSession

if TYPE_CHECKING:
    import pendulum

    from planner.core.trello import Board

__all__ = [
    "delete_log",
    "discard_session",
    "end_session",
    "import_board",
    "movable_ranges",
    "remove_range",
    "replace_log",
    "reschedule",
]

RangeKind = Literal["blackouts", "overrides"]


def _log_index(plan: Plan, entry: LogEntry, hint: int) -> int:
    """Where ``entry`` is now: at ``hint`` when it still is, else found by value (the file may have changed)."""
    if 0 <= hint < len(plan.log) and plan.log[hint] == entry:
        return hint
    for i, e in enumerate(plan.log):
        if e == entry:
            return i
    raise PlanError("that session is no longer in the log (the file changed); nothing was changed")


def replace_log(plan: Plan, *, old: LogEntry, new: LogEntry, hint: int = -1, today: dt.date) -> Plan:
    return edits.replace_log(plan, _log_index(plan, old, hint), new, today=today)


def delete_log(plan: Plan, *, entry: LogEntry, hint: int = -1) -> Plan:
    return edits.delete_log(plan, _log_index(plan, entry, hint))


def remove_range(plan: Plan, *, which: RangeKind, day_range: DayRange) -> Plan:
    ranges = plan.study.blackouts if which == "blackouts" else plan.study.overrides
    if day_range not in ranges:
        raise PlanError("that day range is no longer in the plan (the file changed); nothing was removed")
    return edits.remove_range(plan, which, ranges.index(day_range))


def reschedule(
    plan: Plan,
    *,
    to: dt.datetime,
    now: pendulum.DateTime,
    zone: str,
    reason: str = "",
    force: bool = False,
    move_dated: bool = False,
) -> Plan:
    """The exam moved to ``to`` (local, naive): anchored ranges move with it, dated ones with ``move_dated``."""
    return edits.reschedule(plan, to, now=now, zone=zone, reason=reason, force=force, move_dated=move_dated).plan


def movable_ranges(plan: Plan) -> tuple[DayRange, ...]:
    """The dated blackouts and overrides of the final weeks: the ones a move may take along."""
    return tuple(r for _, _, r in edits.movable_ranges(plan))


def _same_session(plan: Plan, session: RunningSession) -> None:
    if plan.session != session:
        raise PlanError(
            "the session shown is no longer the one running (the file changed); nothing was logged", ("session",)
        )


def end_session(plan: Plan, *, session: RunningSession, entries: Sequence[LogEntry], today: dt.date) -> Plan:
    """The session that was shown stopped, with ``entries`` (as the person left them in the log form) logged."""
    _same_session(plan, session)
    return edits.end_session(plan, entries=entries, today=today)


def discard_session(plan: Plan, *, session: RunningSession) -> Plan:
    """The session that was shown ended without logging anything."""
    from planner.core import sessions

    _same_session(plan, session)
    return sessions.discard(plan)


def import_board(plan: Plan, *, board: Board, today: dt.date, lists: Mapping[str, str], hours: float) -> Plan:
    """The board's cards as resources, mapped as the preview showed (``core.trello.import_board``)."""
    from planner.core import trello

    return trello.import_board(plan, board, today=today, lists=lists, hours=hours).plan
