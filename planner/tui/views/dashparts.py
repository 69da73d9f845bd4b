"""The dashboard's cards as styled text: this week, the practice exams left, the warnings.

The numbers and sentences come from the core's view models; this module
only gives them the dashboard's styles, so the dashboard, ``planner status``
and the exports cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from textual.content import Content

from planner.core import fmt
from planner.tui.text import join, label

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["practice_hint", "this_week", "warnings"]

SEVERITY_STYLE: Final = {"risk": "bold $error", "warn": "bold $warning", "info": "bold $accent"}
DUE_SHOWN: Final = 4
"""Resources due this week listed by title; the rest are counted, so the week card keeps its height."""


def this_week(s: Situation) -> Content:
    """The week's hours per domain, its practice exams, today's work and what is due by its last day."""
    from planner.core.engine import week_days

    plan, sched = s.plan, s.schedule
    week = sched.week_of(sched.today)
    heading = "This week"
    if week is None and sched.weeks and sched.today < sched.weeks[0].start:
        week, heading = sched.weeks[0], "Study starts: the first week"
    if week is None:
        return join([label(("This week", "bold")), label("No study days left before the exam.")])
    lines = [label((f"{heading} · {fmt.day_month(week.start)} – {fmt.day_month(week.end)}", "bold"))]
    names = {d.id: d.name for d in plan.domains}
    for domain_id, planned in week.hours.items():
        if planned and domain_id in names:
            done = week.done_hours.get(domain_id, 0.0)
            lines.append(
                label(
                    f"  {fmt.hours(planned):>4} h  ",
                    names[domain_id],
                    (f"  ({fmt.hours_h(done)} done)", "$text-muted") if done else "",
                )
            )
    if week.practice_exams:
        exams = fmt.plural(week.practice_exams, "timed practice exam")
        lines.append(label(("  Practice: ", "$accent"), f"{exams}, {plan.practice.minutes} min each"))
    if not week.hours and not week.practice_exams:
        lines.append(label(("  Nothing planned this week.", "$text-muted")))
    today = next((d for d in week_days(plan, sched, week) if d.state == "today"), None)
    if today is not None:
        what = [f"{names[i]} {fmt.hours_h(h)}" for i, h in today.study if i in names]
        if today.practice_exams:
            what.insert(0, "practice exam" + (f" ×{today.practice_exams}" if today.practice_exams > 1 else ""))
        lines.append(label(("Today: ", "bold"), ", ".join(what) or "nothing planned"))
    due = [r for rid in week.resources_due if (r := plan.resource(rid)) is not None and r.status != "done"]
    if due:
        lines.append(label((f"Due by {fmt.day_month(week.end)}", "bold")))
        for r in due[:DUE_SHOWN]:
            box = "[~]" if r.status == "doing" else "[ ]"
            lines.append(label(f"  {box} ", r.title))
        if len(due) > DUE_SHOWN:
            lines.append(label((f"  and {len(due) - DUE_SHOWN} more (3 Resources)", "$text-muted")))
    return join(lines)


def practice_hint(s: Situation) -> str | None:
    """``9 of 10 practice exams left: 8 this week, 1 does not fit``; ``None`` outside the practice weeks.

    The parts add up to the first number, and "this week" is the number the week card shows.
    """
    plan, sched = s.plan, s.schedule
    to_take = sched.practice_needed_exams
    week = sched.week_of(sched.today)
    this_week_count = week.practice_exams if week else 0
    in_block = bool(plan.practice.count and to_take and sched.days_left <= 7 * plan.practice.weeks_before_exam)
    if not this_week_count and not in_block:
        return None
    current = sched.current_week if sched.current_week is not None else -1
    later = sum(w.practice_exams for k, w in enumerate(sched.weeks) if k > current)
    unfit = max(0, to_take - this_week_count - later)
    parts = [f"{this_week_count} this week"] if this_week_count else []
    if later:
        parts.append(f"{later} in the weeks after")
    if unfit:
        parts.append(f"{unfit} {'does' if unfit == 1 else 'do'} not fit")
    head = f"{to_take} of {fmt.plural(plan.practice.count, 'practice exam')} left"
    return f"{head}: {', '.join(parts)} · {plan.practice.minutes} min each"


def warnings(s: Situation) -> Content:
    """Every warning, most serious first, with the options a person has."""
    lines = [label(("Warnings", "bold"))]
    if not s.alerts:
        lines.append(label(("No warnings: the plan fits.", "$success")))
    for alert in s.alerts:
        lines.append(
            label(
                (f"{str(alert.severity).upper():<4} ", SEVERITY_STYLE[str(alert.severity)]),
                (str(alert.code), "bold"),
                f"  {alert.message}",
            )
        )
        for option in alert.options:
            lines.append(label(("   → ", "$accent"), option.text))
    return join(lines)
