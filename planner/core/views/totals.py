"""The one set of numbers: every total shown is the sum of the column or list shown under it.

The schedule's week columns hold the plan as it is now: what was done in
past weeks and what is planned from today. A domain's total is therefore
the sum of its column, not the baseline made at ``study.start``; when the
two differ (a weak practice score moved hours, or the remaining work no
longer fits) the baseline is shown beside it with the reason, never instead
of it. The CLI, the exports and the TUI all read their totals from here.
"""

# No ``from __future__ import annotations``: ``typing.NamedTuple`` compiles each field annotation
# written as a string into a ForwardRef, which costs more than the rest of the class.
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from planner.core import engine, fmt
from planner.core.engine import Schedule, Week
from planner.core.model import Plan

__all__ = ["DomainTotal", "PracticeTotal", "Row", "Totals", "difference", "domain_note", "practice_text", "totals"]

_EPS = 1e-6


class DomainTotal(NamedTuple):
    id: str
    name: str
    share: float
    """The exam's weight share."""
    hours: float
    """The sum of the domain's column: done in past weeks plus planned from today."""
    planned: float
    """The baseline total, made at ``study.start``."""
    done: float
    shift: float
    """Moved toward (+) or away from (−) the domain by practice results."""
    unplaced: float
    """Hours of the domain's work that no longer fit before the exam."""
    outside: float
    """Hours done on days no week column shows (before ``study.start``, or logged ahead of today)."""

    @property
    def goal(self) -> float:
        """What the done hours are counted against: the column, and the hours done where no column shows them.

        Without the second, an hour logged before the study start counted as done but not as part of the
        domain (1.5 of 29.5 h on the dashboard, 1.5 of 31 h in the log).
        """
        return _sum([self.hours, self.outside])


class PracticeTotal(NamedTuple):
    hours: float
    """The sum of the practice column: practice logged in past weeks plus sittings planned from today."""
    to_take: int
    """Sittings in the schedule from today."""
    taken: int
    exams: int
    """``practice.count``: sittings the plan asks for."""
    exam_hours: float
    minutes: int
    """One sitting's length: said in minutes, as 100 min is not a round number of hours."""
    done: float
    unplaced: int
    """Sittings that do not fit their weeks."""


class Row(NamedTuple):
    """A week as every output shows it: each number in hundredths, the Total the sum of the row."""

    week: Week
    available: float
    cells: dict[str, float]
    """Domain id -> the hours shown (done on past days, planned from today); zero cells left out."""
    practice: float
    total: float
    """The sum of ``cells`` and ``practice``: what the week's header, its chips and its day lines add up to."""


class Totals(NamedTuple):
    rows: tuple[Row, ...]
    domains: tuple[DomainTotal, ...]
    practice: PracticeTotal
    capacity: float
    """The sum of the weeks' available hours (after busy time)."""
    busy: float
    """Hours the calendars' busy time took off the study days."""
    study: float
    """The sum of the domains' totals."""
    total: float
    """Study plus practice: the sum of the Total column."""
    done: float
    planned: float
    """The baseline's study and practice hours."""
    unplaced: float
    """Hours of work (domain study and practice sittings) that no longer fit before the exam."""

    @property
    def goal(self) -> float:
        """What ``done`` is counted against: the Total column, and the study done where no column shows it."""
        return _sum([self.total, *(d.outside for d in self.domains)])


def _sum(values: list[float]) -> float:
    return round(math.fsum(values), 6) + 0.0


def _rows(schedule: Schedule, columns: dict[str, list[float]]) -> tuple[Row, ...]:
    """The weeks, from the domains' ``columns`` as shown (``fmt.shown``: each adds up to its own shown total)."""
    weeks = schedule.weeks
    ids = list(columns)
    practice = fmt.shown([w.practice_hours for w in weeks])
    available = fmt.shown([w.capacity_hours for w in weeks])
    rows = []
    across = zip(*columns.values(), strict=True) if ids else ((),) * len(weeks)
    for k, (w, shown) in enumerate(zip(weeks, across, strict=True)):
        cells = {i: v for i, v in zip(ids, shown, strict=True) if v}
        total = round(math.fsum([*cells.values(), practice[k]]), 2) + 0.0
        rows.append(Row(w, available[k], cells, practice[k], total))
    return tuple(rows)


def _per_domain(ids: list[str], weeks: Sequence[Mapping[str, float]]) -> dict[str, list[float]]:
    """Each domain's column of the weeks' hours per domain, a zero where a week has none.

    Filled week by week from what each week holds, not looked up domain by domain in every week:
    fifty domains over a hundred weeks are a hundred weeks of a few entries.
    """
    columns = {i: [0.0] * len(weeks) for i in ids}
    for k, hours in enumerate(weeks):
        for i, value in hours.items():
            column = columns.get(i)
            if column is not None:
                column[k] = value
    return columns


_last: tuple[Plan, Schedule, Totals] | None = None
"""The totals of the last schedule asked for: a screen asks for them from several parts.

Held with the plan and schedule they were made from, so identity is a safe key
(neither can be freed and its id reused while it is here)."""


def totals(plan: Plan, schedule: Schedule) -> Totals:
    """The totals of ``schedule``; asked again for the same two objects, the same ones, not computed twice."""
    global _last
    last = _last
    if last is not None and last[0] is plan and last[1] is schedule:
        return last[2]
    made = _totals(plan, schedule)
    _last = (plan, schedule, made)
    return made


def _totals(plan: Plan, schedule: Schedule) -> Totals:
    weeks = schedule.weeks
    ids = [d.id for d in schedule.domains]
    columns = {i: fmt.shown(column) for i, column in _per_domain(ids, [w.hours for w in weeks]).items()}
    rows = _rows(schedule, columns)
    done_columns = _per_domain(ids, [w.done_hours for w in weeks if w.state != "future"])
    short = schedule.shortfall_hours > 0
    domains = []
    for d in schedule.domains:
        column = _sum(columns[d.id])
        wanted = d.planned_hours + d.shift_hours
        unplaced = max(0.0, round(wanted - column, 2)) if short else 0.0
        shown_done = _sum(done_columns[d.id])
        outside = max(0.0, round(d.done_hours - shown_done, 2))
        domains.append(
            DomainTotal(d.id, d.name, d.share, column, d.planned_hours, d.done_hours, d.shift_hours, unplaced, outside)
        )
    practice = PracticeTotal(
        hours=_sum([r.practice for r in rows]),
        to_take=sum(w.practice_exams for w in weeks),
        taken=engine.exams_taken(plan, schedule.today),
        exams=plan.practice.count,
        exam_hours=schedule.practice_exam_hours,
        minutes=plan.practice.minutes,
        done=schedule.done_practice_hours,
        unplaced=schedule.practice_overflow_exams,
    )
    study = _sum([d.hours for d in domains])
    unplaced = _sum([d.unplaced for d in domains] + fmt.shown([practice.unplaced * practice.exam_hours]))
    return Totals(
        rows=rows,
        domains=tuple(domains),
        practice=practice,
        capacity=_sum([r.available for r in rows]),
        busy=schedule.busy_hours,
        study=study,
        total=_sum([r.total for r in rows]),
        done=schedule.done_hours,
        planned=_sum([schedule.study_hours, schedule.practice_hours]),
        unplaced=unplaced,
    )


def domain_note(t: DomainTotal) -> str:
    """``20%``, or ``36%; planned 56 h, +6 h for weak scores, 2 h do not fit``: why a total is what it is."""
    why = difference(t)
    return f"{t.share * 100:.0f}%" + (f"; {why}" if why else "")


def difference(t: DomainTotal) -> str | None:
    """How a domain's total differs from its baseline, and why; ``None`` when it does not."""
    if abs(t.hours - t.planned) <= _EPS and t.outside <= _EPS:
        return None
    more = [f"planned {fmt.hours_h(t.planned)}"]
    if t.shift:
        more.append(f"{fmt.signed_hours(t.shift)} for weak scores")
    if t.unplaced > _EPS:
        more.append(f"{fmt.hours_h(t.unplaced)} do not fit")
    if t.outside > _EPS:
        more.append(f"{fmt.hours_h(t.outside)} done outside the weeks")
    return ", ".join(more)


def practice_text(p: PracticeTotal) -> str:
    """``30 h (10 × 180 min to take)``: the practice total in hours, with the count where it helps."""
    parts = [f"{p.to_take} × {p.minutes} min to take"]
    if p.taken:
        parts.append(f"{p.taken} taken")
    if p.unplaced:
        parts.append(f"{p.unplaced} do not fit")
    return f"{fmt.hours_h(p.hours)} ({', '.join(parts)})"
