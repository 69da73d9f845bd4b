"""``planner status``: the countdown, a bar per domain, this week's work, the warnings grouped.

A bar is done hours over the domain's total as the schedule now shows it
(``views.totals``), so a weak domain's bar grows with the hours moved to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from planner.core import fmt
from planner.core.safetext import clean, clip, width
from planner.core.streaks import status_lines
from planner.core.views.header import WIDTH, header_lines, wrap, wrapped
from planner.core.views.schedule_text import hours_summary, shortfall_line
from planner.core.views.totals import totals
from planner.core.views.warnings import warning_lines, warnings_text
from planner.core.views.week import ThisWeek, day_text, this_week

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["status_text", "this_week_text"]

BAR: Final = 20
"""Cells of a progress bar."""


def status_text(s: Situation) -> str:
    t = totals(s.plan, s.schedule)
    lines = header_lines(s, hours_summary(t))
    short = shortfall_line(t)
    if short:
        lines.extend(wrapped(short))
    lines.append("")
    name_width = max(8, min(28, max((width(clean(d.name, one_line=True)) for d in t.domains), default=8)))
    for d in t.domains:
        frac = min(1.0, d.done / d.goal) if d.goal > 0 else 0.0
        filled = round(frac * BAR)
        bar = "#" * filled + "-" * (BAR - filled)
        name = clip(clean(d.name, one_line=True), name_width)
        name += " " * (name_width - width(name))  # padded by terminal cells: wide names line up too
        lines.append(f"  {name} [{bar}] {fmt.hours(d.done):>5} / {fmt.hours_h(d.goal)}")
    for line in status_lines(s.plan, s.schedule, s.now, s.zone):  # the streak, and a running session
        lines.extend(wrapped(line))
    week = this_week(s)
    if week.week is not None:
        lines.append("")
        lines.extend(this_week_text(week))
    lines.extend(warnings_text(warning_lines(s), WIDTH))
    return "\n".join(lines) + "\n"


def this_week_text(week: ThisWeek) -> list[str]:
    """``This week · Mon 7 Dec – Sun 13 Dec: Modelling 3.5 h, …``, today's line, and what is due by when."""
    parts = [f"{row.name} {fmt.hours_h(row.hours)}" for row in week.rows]
    if week.practice_exams:
        parts.append(f"practice {fmt.hours_h(week.practice_hours)} ({fmt.plural(week.practice_exams, 'timed exam')})")
    lines = wrap(f"{week.heading}: " + (", ".join(parts) or "nothing planned"), WIDTH, rest="  ")
    if week.today is not None:
        lines.extend(wrap(f"Today, {day_text(week.today)}", WIDTH, rest="  "))
    if week.due and week.due_by is not None:
        lines.append(f"Due by {fmt.day_month(week.due_by)}:")
        for r in week.due:
            lines.append(clip(f"  [ ] {clean(r.title, one_line=True)}", WIDTH))
    return lines
