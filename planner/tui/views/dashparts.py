"""The dashboard's cards as styled text: this week, the practice exams left, the warnings, the totals.

The numbers and sentences come from ``planner.core.views`` (the models
``planner status`` prints); this module only gives them the dashboard's
styles, so the dashboard, the command line and the exports cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from textual.content import Content

from planner.core import fmt
from planner.tui.text import content, join, label

if TYPE_CHECKING:
    from planner.core.situation import Situation
    from planner.core.views.totals import Totals
    from planner.tui.calendars import Card

__all__ = ["calendars", "practice_hint", "progress", "this_week", "warnings"]

SEVERITY_STYLE: Final = {"risk": "bold $error", "warn": "bold $warning", "info": "bold $accent"}
DUE_SHOWN: Final = 4
"""Resources due this week listed by title; the rest are counted, so the week card keeps its height."""
BAR: Final = 16
"""Cells of a progress bar."""
NAME_WIDTH: Final = 22
"""A domain name beside its bar is clipped to this many cells."""


def this_week(s: Situation) -> Content:
    """The week's hours per domain, its practice exams, today's work and what is due by its last day."""
    from planner.core.views.week import day_text
    from planner.core.views.week import this_week as week_model

    week = week_model(s)
    if week.week is None:
        return join([label(("This week", "bold")), label("No study days left before the exam.")])
    lines = [label((week.heading, "bold"))]
    for row in week.rows:
        done = (f"  ({fmt.hours_h(row.done)} done)", "$text-muted") if row.done else ""
        lines.append(label(f"  {fmt.hours(row.hours):>4} h  ", row.name, done))
    if week.practice_exams:
        sittings = fmt.plural(week.practice_exams, "timed practice exam")
        lines.append(label(f"  {fmt.hours(week.practice_hours):>4} h  ", ("Practice: ", "$accent"), sittings))
    if not week.rows and not week.practice_exams:
        lines.append(label(("  Nothing planned this week.", "$text-muted")))
    if week.today is not None:
        day = week.today
        today = day_text(day).split(": ", 1)[-1]
        several = len(day.study) + len(day.done) + (1 if day.practice_exams else 0) > 1
        lines.append(label(("Today: ", "bold"), today + (f" · {fmt.hours_h(day.hours)} in all" if several else "")))
    if week.due and week.due_by is not None:
        lines.append(label((f"Due by {fmt.day_month(week.due_by)}", "bold")))
        for r in week.due[:DUE_SHOWN]:
            lines.append(label("  [~] " if r.status == "doing" else "  [ ] ", r.title))
        if len(week.due) > DUE_SHOWN:
            lines.append(label((f"  and {len(week.due) - DUE_SHOWN} more (3 Resources)", "$text-muted")))
    return join(lines)


def practice_hint(s: Situation, t: Totals) -> str | None:
    """``9 of 10 practice exams left: 8 this week, 1 does not fit``; ``None`` outside the practice weeks.

    The parts add up to the first number, and "this week" is the number the week card shows.
    """
    plan, sched = s.plan, s.schedule
    p = t.practice
    left = p.to_take + p.unplaced
    week = sched.week_of(sched.today)
    this_week_count = week.practice_exams if week else 0
    in_block = bool(p.exams and left and sched.days_left <= 7 * plan.practice.weeks_before_exam)
    if not this_week_count and not in_block:
        return None
    parts = [f"{this_week_count} this week"] if this_week_count else []
    later = p.to_take - this_week_count
    if later:
        parts.append(f"{later} in the weeks after")
    if p.unplaced:
        parts.append(f"{p.unplaced} {'does' if p.unplaced == 1 else 'do'} not fit")
    head = f"{left} of {fmt.plural(p.exams, 'practice exam')} left"
    return f"{head}: {', '.join(parts)} · {p.minutes} min each"


def warnings(s: Situation) -> Content:
    """Every warning as a person reads them: repeats grouped, most serious first, with the options."""
    from planner.core.views.warnings import warning_lines

    lines = [label(("Warnings", "bold"))]
    shown = warning_lines(s)
    if not shown:
        lines.append(label(("No warnings: the plan fits.", "$success")))
    for line in shown:
        severity = str(line.severity)
        lines.append(
            label(
                (f"{severity.upper():<4} ", SEVERITY_STYLE.get(severity, "bold")),
                (str(line.code), "bold"),
                f"  {line.text}",
            )
        )
        for option in line.options:
            lines.append(label(("   → ", "$accent"), option.text))
    return join(lines)


def _bar(done: float, planned: float) -> Content:
    frac = 0.0 if planned <= 0 else min(1.0, done / planned)
    filled = round(frac * BAR)
    return Content.assemble(("█" * filled, "$success"), ("░" * (BAR - filled), "$foreground 30%"))


def progress(t: Totals) -> Content:
    """Done against the schedule's totals, per domain and in all: the numbers ``planner status`` prints."""
    rows = [label(("Hours planned and done", "bold"))]
    width = min(NAME_WIDTH, max((content(d.name).cell_length for d in t.domains), default=5))
    for d in t.domains:
        name = content(d.name, width=width)
        rows.append(
            Content.assemble(
                name,
                " " * (width - name.cell_length + 1),
                _bar(d.done, d.hours),
                f" {fmt.hours(d.done):>5}/{fmt.hours_h(d.hours)}",
            )
        )
    rows.append(
        Content.assemble(
            ("Total".ljust(width + 1), "bold"),
            _bar(t.done, t.total),
            f" {fmt.hours(t.done):>5}/{fmt.hours_h(t.total)}",
        )
    )
    return join(rows)


def calendars(card: Card) -> Content:
    """Each calendar, where it is, when it was read and the hours it takes; then the last publish."""
    return join([label(("Calendars", "bold"), (f"  {card.keys}", "$text-muted")), *map(label, card.lines)])
