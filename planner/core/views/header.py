"""The exam at the top of every output: its name, when it is (in its zone and yours), how long is left."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from planner.core import fmt
from planner.core.safetext import clean, clip

if TYPE_CHECKING:
    from planner.core.model import Plan
    from planner.core.situation import Situation

__all__ = [
    "WIDTH",
    "countdown",
    "exam_line",
    "exam_title",
    "exam_when",
    "header_lines",
    "pace",
    "postponements",
    "wrapped",
]

WIDTH: Final = 80
"""Columns of every text the CLI prints: a terminal's default, and a printed page."""
_KEEP: Final = "\ue000"
"""Joins a number to its unit while a line is wrapped, so ``24.5 h`` is never cut in two: a private-use
character, so a no-break space the text itself holds comes out as it went in."""


def wrap(text: str, width: int = WIDTH, *, first: str = "", rest: str = "") -> list[str]:
    """``text`` in lines of ``width`` columns, the first after ``first``, the others after ``rest``.

    The one wrapper of every text the CLI prints: textwrap's lines (none for
    blank text), except that a number is never parted from its unit (``24.5 h``,
    ``20 min``). A line that fits is returned as it is, without textwrap.
    """
    if len(first) + len(text) <= width and text[-1:] not in ("", " ") and text.isprintable():
        # What textwrap gives for it (it measures len too): printable text has no white space
        # for it to expand or replace but the space (nor the private-use character that keeps units).
        return [first + text]
    import textwrap  # only for a line that needs it

    kept = re.sub(r"(\d) (h|min)\b", rf"\1{_KEEP}\2", text)
    lines = textwrap.wrap(kept, width, initial_indent=first, subsequent_indent=rest)
    return [line.replace(_KEEP, " ") for line in lines]


def wrapped(text: str, indent: str = "  ", width: int = WIDTH) -> list[str]:
    """A sentence of numbers in lines of ``width``, the next ones indented: wrapped, never cut; one line at least."""
    return wrap(clean(text, one_line=True), width, rest=indent) or [""]


def exam_title(plan: Plan) -> str:
    """``AWS Certified … (MLS-C01)``, cleaned of control characters."""
    code = f" ({plan.exam.code})" if plan.exam.code else ""
    return clean(plan.exam.name + code, one_line=True)


def countdown(s: Situation) -> str:
    """``119 days left (17 weeks)``, ``today, in 3 h 20 min``, or that the date has passed."""
    seconds = (s.exam_at - s.now).total_seconds()
    if seconds <= 0:
        return "the exam date has passed"
    days = s.schedule.days_left
    if days == 0:
        return f"today, in {int(seconds // 3600)} h {int(seconds % 3600 // 60)} min"
    weeks, rest = divmod(days, 7)
    if not weeks:
        return f"{fmt.plural(days, 'day')} left"
    span = fmt.plural(weeks, "week") + (f" {fmt.plural(rest, 'day')}" if rest else "")
    return f"{fmt.plural(days, 'day')} left ({span})"


def pace(s: Situation) -> str:
    """Weeks left, the hours a week they need, and whether the plan fits.

    Written with the same formatter as the warnings, so "needs 180.5 h" and
    the hours a week of a one-week plan read the same number; "fits" means the
    hours and the practice exams both do.
    """
    sched = s.schedule
    weeks = sum(1 for w in sched.weeks if w.state != "past")
    per_week = sched.remaining_need_hours / weeks if weeks else 0.0
    misfits = []
    if sched.shortfall_hours > 0:
        misfits.append(f"{fmt.hours_h(sched.shortfall_hours)} short")
    if sched.practice_overflow_exams > 0:
        over = sched.practice_overflow_exams
        misfits.append(f"{fmt.plural(over, 'practice exam')} {'does' if over == 1 else 'do'} not fit")
    fits = ", ".join(misfits) or "fits"
    return f"{fmt.plural(weeks, 'week')} left, {fmt.hours_h(per_week)} a week needed, {fits}"


def postponements(plan: Plan) -> str | None:
    """``2 postponements left``, or ``None`` when the exam sets no limit."""
    left = plan.postponements_left
    return None if left is None else f"{fmt.plural(left, 'postponement')} left"


def exam_when(s: Situation) -> str:
    """The exam in its own zone: ``Mon 5 Apr 2027 10:00 Europe/London``."""
    return f"{fmt.moment(s.exam_at)} {s.zone}"


def exam_line(s: Situation) -> str:
    """The exam in its own zone, and in the machine's zone when that differs."""
    text = f"Exam: {exam_when(s)}"
    if s.here != s.zone:
        local = s.exam_at.in_timezone(s.here)
        text += f" ({local:%a %H:%M} {s.here})"
    return text


def header_lines(s: Situation, summary: str) -> list[str]:
    """The exam's name, when, how long is left, and ``summary`` (the hours line of the output)."""
    left = postponements(s.plan)
    post = f" · {left}" if left else ""
    lines = [
        clip(exam_title(s.plan), WIDTH),
        clip(exam_line(s), WIDTH),
        clip(f"{countdown(s).capitalize()}{post}", WIDTH),
    ]
    if len(summary) > WIDTH and " · " in summary:  # a number is never cut: the last part goes below
        first, rest = summary.rsplit(" · ", 1)
        return [*lines, *wrapped(first), *wrapped(rest)]
    return [*lines, *wrapped(summary)]
