"""The dashboard's cards: the exam, this week, the practice exams left, the warnings, the totals.

The numbers and sentences come from ``planner.core.views`` (the models
``planner status`` prints); this module only gives them the dashboard's
styles, so the dashboard, the command line and the exports cannot disagree.
It does not import Textual: a card is ``tui.styled`` lines, so the child
that reads the plan as ``planner`` starts can work out the first screen
(``tui.opening``) while the app imports Textual. ``cards`` is the one place
a situation becomes what the dashboard shows, there and in the app.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

from planner.core import fmt
from planner.tui.cards import Cards
from planner.tui.styled import Line, Lines, clipped, line, line_width

if TYPE_CHECKING:
    from planner.core.situation import Situation
    from planner.core.views.totals import Totals
    from planner.tui.calendars import Card

__all__ = ["calendars", "cards", "practice_hint", "progress", "this_week", "warnings"]

SEVERITY_STYLE: Final = {"risk": "bold $error", "warn": "bold $warning", "info": "bold $accent"}
DUE_SHOWN: Final = 4
"""Resources due this week listed by title; the rest are counted, so the week card keeps its height."""
BAR: Final = 16
"""Cells of a progress bar."""
NAME_WIDTH: Final = 22
"""A domain name beside its bar is clipped to this many cells."""


def cards(s: Situation, plan_path: Path | None, calendar_card: Card | None) -> Cards:
    """Every card of the dashboard for ``s``, the plan's file and what the calendars say."""
    from planner.core.views.totals import totals

    t = totals(s.plan, s.schedule)
    week, week_rows = this_week(s)
    return Cards(
        exam=exam(s, plan_path, calendar_card),
        this_week=week,
        week_rows=week_rows,
        progress=progress(t),
        progress_rows=len(t.domains),
        warnings=warnings(s),
        practice_hint=practice_hint(s, t),
        at_risk=s.risk,
        calendars=calendars(calendar_card) if calendar_card is not None else None,
    )


def relative_path(path: Path) -> str:
    """The plan file as the user would type it: relative to here when it is below here."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def exam(s: Situation, plan_path: Path | None, calendar_card: Card | None) -> Lines:
    """The exam, when it is (in its zone, and here when here is elsewhere), the countdown, the file."""
    from planner.core.views.header import countdown, exam_when, postponements

    exam = s.plan.exam
    here = s.here
    local = f"  ·  {s.exam_at.in_timezone(here):%a %H:%M} {here} (local)" if here != s.zone else ""
    left = postponements(s.plan)
    last: Line = line((countdown(s).capitalize(), "bold"), f"  ·  {left}" if left else "")
    if plan_path is not None:
        last += line("  ·  ", (relative_path(plan_path), "$text-muted"))
    lines = [
        line((exam.name, "bold"), ("  " + exam.code, "$accent") if exam.code else ""),
        line(exam_when(s) + local),
        last,
    ]
    if calendar_card is not None:
        lines.append(line((calendar_card.summary, "$text-muted")))
    return tuple(lines)


def this_week(s: Situation) -> tuple[Lines, int]:
    """The week's hours per domain, its practice exams, today's work and what is due by its last day;
    and how many of its lines after the heading are a domain's hours."""
    from planner.core.views.week import day_text
    from planner.core.views.week import this_week as week_model

    week = week_model(s)
    if week.week is None:
        return (line(("This week", "bold")), line("No study days left before the exam.")), 0
    lines = [line((week.heading, "bold"))]
    for row in week.rows:
        done = (f"  ({fmt.hours_h(row.done)} done)", "$text-muted") if row.done else ""
        lines.append(line(f"  {fmt.hours(row.hours):>4} h  ", row.name, done))
    if week.practice_exams:
        sittings = fmt.plural(week.practice_exams, "timed practice exam")
        lines.append(line(f"  {fmt.hours(week.practice_hours):>4} h  ", ("Practice: ", "$accent"), sittings))
    if not week.rows and not week.practice_exams:
        lines.append(line(("  Nothing planned this week.", "$text-muted")))
    if week.today is not None:
        day = week.today
        today = day_text(day).split(": ", 1)[-1]
        several = len(day.study) + len(day.done) + (1 if day.practice_exams else 0) > 1
        lines.append(line(("Today: ", "bold"), today + (f" · {fmt.hours_h(day.hours)} in all" if several else "")))
    if week.due and week.due_by is not None:
        lines.append(line((f"Due by {fmt.day_month(week.due_by)}", "bold")))
        for r in week.due[:DUE_SHOWN]:
            lines.append(line("  [~] " if r.status == "doing" else "  [ ] ", r.title))
        if len(week.due) > DUE_SHOWN:
            lines.append(line((f"  and {len(week.due) - DUE_SHOWN} more (3 Resources)", "$text-muted")))
    return tuple(lines), len(week.rows)


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


def warnings(s: Situation) -> Lines:
    """Every warning as a person reads them: repeats grouped, most serious first, with the options."""
    from planner.core.views.warnings import warning_lines

    lines = [line(("Warnings", "bold"))]
    shown = warning_lines(s)
    if not shown:
        lines.append(line(("No warnings: the plan fits.", "$success")))
    for warning in shown:
        severity = str(warning.severity)
        lines.append(
            line(
                (f"{severity.upper():<4} ", SEVERITY_STYLE.get(severity, "bold")),
                (str(warning.code), "bold"),
                f"  {warning.text}",
            )
        )
        for option in warning.options:
            lines.append(line(("   → ", "$accent"), option.text))
    return tuple(lines)


def _bar(done: float, planned: float) -> Line:
    frac = 0.0 if planned <= 0 else min(1.0, done / planned)
    filled = round(frac * BAR)
    return line(("█" * filled, "$success"), ("░" * (BAR - filled), "$foreground 30%"))


def progress(t: Totals) -> Lines:
    """Done against the schedule's totals, per domain and in all: the numbers ``planner status`` prints."""
    rows = [line(("Hours planned and done", "bold"))]
    width = min(NAME_WIDTH, max((line_width(line(d.name)) for d in t.domains), default=5))
    for d in t.domains:
        name = (clipped(d.name, width),)
        rows.append(
            name
            + line(" " * (width - line_width(name) + 1))
            + _bar(d.done, d.goal)
            + line(f" {fmt.hours(d.done):>5}/{fmt.hours_h(d.goal)}")
        )
    rows.append(
        line(("Total".ljust(width + 1), "bold"))
        + _bar(t.done, t.goal)
        + line(f" {fmt.hours(t.done):>5}/{fmt.hours_h(t.goal)}")
    )
    return tuple(rows)


def calendars(card: Card) -> Lines:
    """Each calendar, where it is, when it was read and the hours it takes; then the last publish."""
    return (line(("Calendars", "bold"), (f"  {card.keys}", "$text-muted")), *(line(text) for text in card.lines))
