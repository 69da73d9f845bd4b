"""This week and its days: the work, in hours, as a reader of any output expects it.

A day line shows the hours of what it lists (planned study and sittings,
and what was logged), never the hours available: "Sun 13 Dec: ML Ops 1 h".
"Due" means by the week's last day. The status, the exports and the TUI's
dashboard and schedule all take their day lines from here.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, NamedTuple

from planner.core import fmt
from planner.core.engine import week_days
from planner.core.safetext import clean
from planner.core.views.totals import totals

if TYPE_CHECKING:
    from planner.core.engine import Week
    from planner.core.model import Resource
    from planner.core.situation import Situation

__all__ = ["DayLine", "ThisWeek", "WeekRow", "day_lines", "day_text", "this_week"]


class DayLine(NamedTuple):
    date: dt.date
    hours: float
    """The hours of what the line lists: planned study, planned sittings and what was logged."""
    study: tuple[tuple[str, float], ...]
    """(domain name, hours) planned, in study order."""
    practice_exams: int
    done: tuple[tuple[str, float], ...]
    """(domain name, or ``practice``, hours) logged that day."""
    note: str
    """Why the day differs from its weekday: a blackout or an override, with its reason."""
    state: str
    """``past``, ``today`` or ``future``."""
    available: float
    """The hours the day gives (for a tick box: a day with none gets none)."""

    @property
    def planned(self) -> str:
        """``practice exam, ML Ops 1 h``: what to do that day."""
        parts = [f"{name} {fmt.hours_h(h)}" for name, h in self.study]
        if self.practice_exams:
            exams = "practice exam" + (f" ×{self.practice_exams}" if self.practice_exams > 1 else "")
            parts.insert(0, exams)
        return ", ".join(parts)

    @property
    def logged(self) -> str:
        """``EDA 1 h, practice 3 h``: what was done that day."""
        return ", ".join(f"{name} {fmt.hours_h(h)}" for name, h in self.done)

    @property
    def work(self) -> str:
        """What the line lists, all of it counted in ``hours``: the plan, then what was done."""
        if not self.logged:
            return self.planned
        return f"{self.planned}; done: {self.logged}" if self.planned else f"done: {self.logged}"


def day_lines(s: Situation, week: Week, total: float | None = None) -> list[DayLine]:
    """The days of ``week``, each with its work in hours (plan text cleaned for one line).

    The days' hours are shown in hundredths adding up to ``total``, the week's
    shown total (``views.totals.Row.total``), so a sitting of 100 minutes does
    not make the days and their week disagree by a hundredth.
    """
    names = {d.id: clean(d.name, one_line=True) for d in s.plan.domains}
    days = week_days(s.plan, s.schedule, week)
    hours = fmt.shown([math.fsum([d.planned_hours, *(h for _, h in d.done)]) for d in days], total)
    out = []
    for day, shown in zip(days, hours, strict=True):
        study = tuple((names[d], h) for d, h in day.study)
        done = tuple((names.get(d, d) if d else "practice", h) for d, h in day.done)
        out.append(
            DayLine(
                date=day.date,
                hours=shown,
                study=study,
                practice_exams=day.practice_exams,
                done=done,
                note=clean(day.note, one_line=True),
                state=day.state,
                available=day.capacity,
            )
        )
    return out


def day_text(line: DayLine) -> str:
    """``Sun 13 Dec: ML Ops 1 h``, with what was done and the day's note."""
    what = line.work
    if line.note:
        what = f"{what} ({line.note})" if what else line.note
    return f"{fmt.day_month(line.date)}: {what or 'nothing planned'}"


class WeekRow(NamedTuple):
    domain_id: str
    name: str
    hours: float
    """The week's cell: done on past days plus planned from today."""
    done: float


class ThisWeek(NamedTuple):
    heading: str
    """``This week · Mon 7 Dec – Sun 13 Dec``, or the first week when study has not started."""
    week: Week | None
    """``None`` when no study week is left."""
    rows: tuple[WeekRow, ...]
    practice_exams: int
    practice_hours: float
    today: DayLine | None
    due: tuple[Resource, ...]
    """Resources not done whose due week this is."""
    due_by: dt.date | None
    """The week's last day: what is due is due by then."""


def this_week(s: Situation) -> ThisWeek:
    sched = s.schedule
    week = sched.week_of(sched.today)
    heading = "This week"
    if week is None and sched.weeks and sched.today < sched.weeks[0].start:
        week, heading = sched.weeks[0], "Study starts: the first week"
    if week is None:
        return ThisWeek(heading, None, (), 0, 0.0, None, (), None)
    (row,) = [r for r in totals(s.plan, sched).rows if r.week.start == week.start]
    names = {d.id: clean(d.name, one_line=True) for d in s.plan.domains}
    rows = tuple(WeekRow(i, names[i], h, week.done_hours.get(i, 0.0)) for i, h in row.cells.items() if i in names)
    today = next((d for d in day_lines(s, week, row.total) if d.state == "today"), None)
    by_id = {r.id: r for r in s.plan.resources}
    due = tuple(r for rid in week.resources_due if (r := by_id.get(rid)) is not None and r.status != "done")
    span = f"{fmt.day_month(week.start)} – {fmt.day_month(week.end)}"
    return ThisWeek(f"{heading} · {span}", week, rows, week.practice_exams, row.practice, today, due, week.end)
