"""What every printed format says about a week, worked out once (from ``core.views``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from planner.core import fmt
from planner.core.engine import Week
from planner.core.model import Resource
from planner.core.situation import Situation
from planner.core.views.totals import Row, totals
from planner.core.views.week import DayLine, day_lines

__all__ = ["PrintedWeek", "printed_weeks", "span"]


def span(week: Week) -> str:
    """``Mon 4 Jan – Sun 10 Jan 2027``."""
    return f"{fmt.day_month(week.start)} – {fmt.day_month(week.end)} {week.end:%Y}"


class PrintedWeek(NamedTuple):
    number: int
    row: Row
    """The week's numbers as the schedule shows them: its cells, practice and total in hundredths."""
    days: list[DayLine]
    due: list[Resource]
    names: dict[str, str]

    @property
    def week(self) -> Week:
        return self.row.week

    @property
    def planned(self) -> float:
        """The week's hours: the sum of its cells, and of its day lines."""
        return self.row.total


def printed_weeks(s: Situation, weeks: Sequence[Week]) -> list[PrintedWeek]:
    names = {d.id: d.name for d in s.plan.domains}
    by_id = {r.id: r for r in s.plan.resources}
    rows = {r.week.start: r for r in totals(s.plan, s.schedule).rows}
    out = []
    for week in weeks:
        row = rows[week.start]
        due = [r for rid in week.resources_due if (r := by_id.get(rid)) is not None]
        out.append(PrintedWeek(week.index + 1, row, day_lines(s, week, row.total), due, names))
    return out
