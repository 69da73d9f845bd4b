"""The preview of moving the exam: the whole situation after the move, beside the one now.

A move can fix one warning and cause another (leave days left behind make
the practice exams overflow), so the preview is not a summary: it is every
warning the moved plan will have, marked new or still there, and every
warning that goes away, with the decision's notes (postponements used,
a refusal and why). The CLI prints it (``reschedule``, ``--dry-run``) and the
TUI's dialog shows it, from the same function.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, NamedTuple

from planner.core import edits, fmt
from planner.core.errors import PlanError
from planner.core.situation import Situation, situate
from planner.core.views.header import WIDTH, pace, wrapped
from planner.core.views.warnings import GROUPED, WarningLine, warning_lines

if TYPE_CHECKING:
    from planner.core.model import Plan

__all__ = ["GONE", "NEW", "STILL", "Change", "Preview", "preview", "preview_lines"]

NEW: Final = "new"
"""A warning the move brings."""
STILL: Final = "still"
"""A warning there now and after the move (its numbers may change)."""
GONE: Final = "gone"
"""A warning the move takes away."""


class Change(NamedTuple):
    kind: str
    """``new``, ``still`` or ``gone``."""
    line: WarningLine
    """The warning as it will read after the move (as it reads now, for ``gone``)."""


class Preview(NamedTuple):
    before: Situation
    after: Situation | None
    """``None`` when the move is refused."""
    plan: Plan | None
    """The plan to save: the exam moved, the move recorded, the ranges moved with it; ``None`` when refused."""
    refused: str | None
    notes: tuple[str, ...]
    """The postponements left after the move, and every blackout or override that moved with the exam."""
    changes: tuple[Change, ...]
    """Every warning after the move (new or still), then those that go away."""
    error: PlanError | None = None
    """The refusal as ``core.edits`` gave it: its key names what was wrong (``reason``, ``exam.date``)."""

    @property
    def fits(self) -> bool:
        """The move is allowed and leaves no risk."""
        return self.after is not None and not self.after.risk


def preview(
    before: Situation, to: dt.datetime, *, reason: str = "", force: bool = False, move_dated: bool = False
) -> Preview:
    """Moving ``before``'s exam to ``to`` (local wall-clock time in the exam's zone), at ``before.now``.

    The move is ``core.edits.reschedule``'s, the one the CLI and the TUI save:
    ranges anchored to the exam move with it, and with ``move_dated`` the
    dated ranges of its final weeks too (``edits.movable_ranges`` lists them).
    """
    try:
        moved = edits.reschedule(
            before.plan, to, now=before.now, zone=before.zone, reason=reason, force=force, move_dated=move_dated
        )
    except PlanError as exc:
        return Preview(before, None, None, exc.message, (), (), exc)
    after = situate(moved.plan, before.now, before.zone, here=before.here, busy=before.busy, notices=before.notices)
    return Preview(before, after, moved.plan, None, moved.notes, _changes(before, after))


def _key(line: WarningLine) -> tuple[str, str | None]:
    """Which warning a line is, across the move: its code, and its subject unless the line groups a code."""
    return (line.code, None if line.code in GROUPED else line.alerts[0].subject)


def _changes(before: Situation, after: Situation) -> tuple[Change, ...]:
    now = {_key(line): line for line in warning_lines(before)}
    then = warning_lines(after)
    kept = {_key(line) for line in then}
    out = [Change(STILL if _key(line) in now else NEW, line) for line in then]
    out.extend(Change(GONE, line) for key, line in now.items() if key not in kept)
    return tuple(out)


def preview_lines(p: Preview, width: int = WIDTH) -> list[str]:
    """The preview as text: the move, the pace before and after, the notes, every warning marked."""
    b = p.before
    if p.after is None:
        return wrapped(f"Not possible: {p.refused}", "  ", width)
    lines = [
        f"{fmt.moment(b.exam_at)} → {fmt.moment(p.after.exam_at)} {b.zone}",
        f"  now    {pace(b)}",
        f"  after  {pace(p.after)}",
    ]
    for note in p.notes:
        lines.extend(wrapped(f"  note: {note}", " " * 8, width))
    if not p.changes:
        lines.append("No warnings now or after the move.")
        return lines
    lines.append("Warnings after the move, beside now:")
    for change in p.changes:
        line = change.line
        lines.extend(wrapped(f"  {change.kind:<5} {line.severity.upper()} {line.code}: {line.text}", " " * 8, width))
        for o in line.options:
            lines.extend(wrapped(f"        - {o.text}", " " * 10, width))
    return lines
