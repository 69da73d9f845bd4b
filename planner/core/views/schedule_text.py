"""``planner schedule``: the weeks as a table of hours, the totals under it, what is due, the warnings.

80 columns. Every total is the sum of what is printed above or beside it
(``views.totals``): a domain's line is its column's sum, the header's hours
the Total column's. Plan text is cleaned of control characters, never
interpreted.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from planner.core import fmt
from planner.core.safetext import clean, clip
from planner.core.views.header import WIDTH, header_lines
from planner.core.views.totals import Totals, domain_note, practice_text, totals
from planner.core.views.warnings import warning_lines, warnings_text

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["domain_labels", "hours_summary", "schedule_text", "shortfall_line"]

COL: Final = 6
"""Width of a domain's column: ``MODEL`` and ``100.5`` fit with a space."""
FIXED: Final = 11 + 7 + 6 + 7 + 1
"""The columns every table has: the week, Avail, Prac, Total and the today mark."""


def domain_labels(ids: list[str], size: int = 5) -> list[str]:
    """Short unique column labels for domain ids."""
    labels: list[str] = []
    for domain_id in ids:
        parts = [p for p in domain_id.replace("_", "-").split("-") if p]
        label = "".join(p[0] for p in parts).upper() if len(parts) > 1 else domain_id[:size].upper()
        label = label[:size]
        base, k = label, 2
        while label in labels:
            label = f"{base[: size - len(str(k))]}{k}"
            k += 1
        labels.append(label)
    return labels


def hours_summary(t: Totals) -> str:
    """``Planned 185 h (155 study + 30 practice) of 204.5 h available · 0 h done``: the Total column's sum."""
    return (
        f"Planned {fmt.hours_h(t.total)} ({fmt.hours(t.study)} study + {fmt.hours(t.practice.hours)} practice)"
        f" of {fmt.hours_h(t.capacity)} available · {fmt.hours_h(t.done)} done"
    )


def shortfall_line(t: Totals) -> str | None:
    """What of the baseline no longer fits, when something does not."""
    if t.unplaced <= 0:
        return None
    return f"{fmt.hours_h(t.unplaced)} of the plan's {fmt.hours_h(t.planned)} no longer fit before the exam."


def _day(day: dt.date) -> str:
    return fmt.weekday_day(day)


def schedule_text(s: Situation) -> str:
    t = totals(s.plan, s.schedule)
    lines = header_lines(s, hours_summary(t))
    short = shortfall_line(t)
    if short:
        lines.append(clip(short, WIDTH))
    lines.append("")
    if FIXED + COL * len(s.plan.domains) <= WIDTH:
        lines.extend(_table(s, t))
    else:
        lines.extend(_narrow(s, t))
    lines.extend(_due(s))
    lines.extend(warnings_text(warning_lines(s), WIDTH))
    return "\n".join(lines) + "\n"


def _table(s: Situation, t: Totals) -> list[str]:
    ids = [d.id for d in s.plan.domains]
    labels = domain_labels(ids)
    head = f"{'Week of':<11}{'Avail':>7}" + "".join(f"{lab:>{COL}}" for lab in labels) + f"{'Prac':>6}{'Total':>7}"
    lines = [head.rstrip()]
    for w in s.schedule.weeks:
        mark = ">" if w.state == "current" else " "
        cells = "".join(f"{fmt.hours(w.hours[i]) if w.hours.get(i) else '·':>{COL}}" for i in ids)
        prac = fmt.hours(w.practice_hours) if w.practice_hours else "·"
        total = fmt.hours(w.study_hours + w.practice_hours)
        row = f"{mark}{_day(w.start):<10}{fmt.hours(w.capacity_hours):>7}{cells}{prac:>6}{total:>7}"
        if w.blackout_days:
            row += f"  {w.blackout_days}d off"
        lines.append(row.rstrip())
    lines.append("")
    for label, d in zip(labels, t.domains, strict=True):
        lines.append(
            clip(
                f"  {label:<6}{clean(d.name, one_line=True)}: {fmt.hours_h(d.hours)} ({domain_note(d)})"
                f" · done {fmt.hours_h(d.done)}",
                WIDTH,
            )
        )
    if t.practice.exams or t.practice.hours:
        lines.append(
            clip(
                f"  {'Prac':<6}Practice exams: {practice_text(t.practice)} · done {fmt.hours_h(t.practice.done)}", WIDTH
            )
        )
    return lines


def _narrow(s: Situation, t: Totals) -> list[str]:
    """Too many domains for columns: a line per week, its hours listed under it."""
    lines = []
    for w in s.schedule.weeks:
        mark = ">" if w.state == "current" else " "
        total = fmt.hours(w.study_hours + w.practice_hours)
        lines.append(f"{mark}{_day(w.start)}–{_day(w.end)}  {total} of {fmt.hours_h(w.capacity_hours)}")
        parts = [f"{i} {fmt.hours(h)}" for i, h in w.hours.items() if h]
        if w.practice_hours:
            parts.append(f"practice {fmt.hours(w.practice_hours)}")
        line = "    "
        for part in parts:
            if len(line) + len(part) + 2 > WIDTH:
                lines.append(line.rstrip(", "))
                line = "    "
            line += part + ", "
        if parts:
            lines.append(line.rstrip(", "))
    lines.append("")
    for d in t.domains:
        lines.append(
            clip(
                f"  {d.id}: {fmt.hours_h(d.hours)} ({domain_note(d)}) · done {fmt.hours_h(d.done)}",
                WIDTH,
            )
        )
    if t.practice.exams or t.practice.hours:
        lines.append(clip(f"  practice: {practice_text(t.practice)} · done {fmt.hours_h(t.practice.done)}", WIDTH))
    return lines


def _due(s: Situation) -> list[str]:
    """Resources not done, soonest due first, each with the last day of its due week."""
    ends = {w.start: w.end for w in s.schedule.weeks}
    todo = [(p, r) for r, p in zip(s.plan.resources, s.schedule.resources, strict=True) if p.status != "done"]
    if not todo:
        return []
    todo.sort(key=lambda pr: pr[0].due_week or dt.date.max)  # stable: in a week, the study order
    lines = ["", "Resources still to do, by the day they are due:"]
    for p, r in todo:
        by = _day(ends.get(p.due_week, p.due_week)) if p.due_week else "—"
        lines.append(clip(f"  {by:<10} [{r.priority[0].upper()}] {clean(r.title, one_line=True)}", WIDTH))
    return lines
