"""What every printed format says about a week, worked out once."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from planner.core.engine import DayPlan, Week, week_days
from planner.core.model import Resource
from planner.core.report import hours
from planner.core.situation import Situation


def day_name(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def span(week: Week) -> str:
    return f"{day_name(week.start)} – {day_name(week.end)} {week.end:%Y}"


class PrintedWeek(NamedTuple):
    number: int
    week: Week
    days: list[DayPlan]
    due: list[Resource]
    names: dict[str, str]

    @property
    def planned(self) -> float:
        return self.week.study_hours + self.week.practice_hours

    def study_text(self, day: DayPlan) -> str:
        parts = [f"{self.names[d]} {hours(h)} h" for d, h in day.study]
        if day.practice_exams:
            parts.insert(0, f"practice exam ×{day.practice_exams}" if day.practice_exams > 1 else "practice exam")
        return ", ".join(parts)

    def done_text(self, day: DayPlan) -> str:
        return ", ".join(f"{self.names.get(d, d) if d else 'practice'} {hours(h)} h" for d, h in day.done)


def printed_weeks(s: Situation, weeks: list[Week]) -> list[PrintedWeek]:
    names = {d.id: d.name for d in s.plan.domains}
    by_id = {r.id: r for r in s.plan.resources}
    out = []
    for week in weeks:
        due = [r for rid in week.resources_due if (r := by_id.get(rid)) is not None]
        out.append(PrintedWeek(week.index + 1, week, week_days(s.plan, s.schedule, week), due, names))
    return out
