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
from planner.core.safetext import clean, clip, width
from planner.core.views.header import WIDTH, header_lines, wrap, wrapped
from planner.core.views.labels import domain_labels
from planner.core.views.totals import DomainTotal, Totals, difference, practice_text, totals
from planner.core.views.warnings import warning_lines, warnings_text

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["domain_labels", "hours_summary", "schedule_text", "shortfall_line"]

COL: Final = 6
"""Width of a domain's column: ``MODEL`` and ``100.5`` fit with a space."""
FIXED: Final = 11 + 7 + 6 + 7 + 1
"""The columns every table has: the week, Avail, Prac, Total and the today mark."""
MIN_NAME: Final = 12
"""Cells a name keeps beside its numbers; with less room the numbers go on a line of their own."""


def hours_summary(t: Totals) -> str:
    """``Planned 185 h (155 study + 30 practice) of 204.5 h available · 0 h done``: the Total column's sum."""
    busy = f" ({fmt.hours_h(t.busy)} busy taken off)" if t.busy > 0 else ""
    return (
        f"Planned {fmt.hours_h(t.total)} ({fmt.hours(t.study)} study + {fmt.hours(t.practice.hours)} practice)"
        f" of {fmt.hours_h(t.capacity)} available{busy} · {fmt.hours_h(t.done)} done"
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
        lines.extend(wrapped(short))
    lines.append("")
    if FIXED + COL * len(s.plan.domains) <= WIDTH:
        lines.extend(_table(s, t))
    else:
        lines.extend(_narrow(t))
    lines.extend(_due(s))
    lines.extend(warnings_text(warning_lines(s), WIDTH))
    return "\n".join(lines) + "\n"


def _table(s: Situation, t: Totals) -> list[str]:
    ids = [d.id for d in s.plan.domains]
    labels = domain_labels(ids)
    head = f"{'Week of':<11}{'Avail':>7}" + "".join(f"{lab:>{COL}}" for lab in labels) + f"{'Prac':>6}{'Total':>7}"
    lines = [head.rstrip()]
    for r in t.rows:
        w = r.week
        mark = ">" if w.state == "current" else " "
        cells = "".join(f"{fmt.hours(r.cells[i]) if r.cells.get(i) else '·':>{COL}}" for i in ids)
        prac = fmt.hours(r.practice) if r.practice else "·"
        row = f"{mark}{_day(w.start):<10}{fmt.hours(r.available):>7}{cells}{prac:>6}{fmt.hours(r.total):>7}"
        if w.blackout_days:
            row += f"  {w.blackout_days}d off"
        lines.append(row.rstrip())
    lines.append("")
    for label, d in zip(labels, t.domains, strict=True):
        lines.extend(_domain_lines(f"  {label:<6}", d))
    if t.practice.exams or t.practice.hours:
        lines.extend(_total_line(f"  {'Prac':<6}", "Practice exams", _practice_numbers(t)))
    return lines


def _domain_lines(head: str, d: DomainTotal) -> list[str]:
    """The domain's total, its share and what is done; below it, how it differs from the baseline."""
    lines = _total_line(head, d.name, f"{fmt.hours_h(d.hours)} ({d.share * 100:.0f}%) · done {fmt.hours_h(d.done)}")
    why = difference(d)
    if why:
        indent = " " * (width(head) + 2)
        lines.extend(wrap(why, WIDTH, first=indent, rest=indent))
    return lines


def _practice_numbers(t: Totals) -> str:
    return f"{practice_text(t.practice)} · done {fmt.hours_h(t.practice.done)}"


def _total_line(head: str, name: str, numbers: str) -> list[str]:
    """``head`` + ``name: numbers`` in 80 columns: the name is cut before a number is, or the numbers go below."""
    name = clean(name, one_line=True)
    room = WIDTH - width(head) - len(": ") - width(numbers)
    if room >= min(MIN_NAME, width(name)):
        return [f"{head}{clip(name, room)}: {numbers}"]
    indent = " " * (width(head) + 2)
    return [
        clip(f"{head}{name}:", WIDTH),
        *wrap(numbers, WIDTH, first=indent, rest=indent),
    ]


def _narrow(t: Totals) -> list[str]:
    """Too many domains for columns: a line per week, its hours listed under it."""
    lines = []
    for r in t.rows:
        w = r.week
        mark = ">" if w.state == "current" else " "
        lines.append(f"{mark}{_day(w.start)}–{_day(w.end)}  {fmt.hours(r.total)} of {fmt.hours_h(r.available)}")
        parts = [f"{i} {fmt.hours(h)}" for i, h in r.cells.items()]
        if r.practice:
            parts.append(f"practice {fmt.hours(r.practice)}")
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
        lines.extend(_domain_lines("  ", d._replace(name=d.id)))
    if t.practice.exams or t.practice.hours:
        lines.extend(_total_line("  ", "practice", _practice_numbers(t)))
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
