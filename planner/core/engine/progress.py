"""Rule 7's first half: what the log says was done, counted once for every later step."""

from __future__ import annotations

import datetime as dt

from planner.core.engine.calendar import Calendar
from planner.core.engine.practice import exams_taken
from planner.core.model import Plan

__all__ = ["Progress", "tally"]


class Progress:
    """What the log says, counted once (plain slots: built on every run)."""

    __slots__ = (
        "done",
        "done_by_week",
        "done_practice",
        "done_to_date",
        "exams_taken",
        "logged_from_today",
        "practice_by_week",
        "resource_logged",
    )

    def __init__(self, n: int, weeks: int) -> None:
        self.done = [0.0] * n
        """Hours of study logged per domain (in the plan's domain order)."""
        self.done_by_week = [[0.0] * n for _ in range(weeks)]
        """[week][domain] hours logged."""
        self.practice_by_week = [0.0] * weeks
        self.done_practice = 0.0
        """Practice hours logged (and study logged without a domain)."""
        self.logged_from_today: dict[dt.date, float] = {}
        """Hours logged on today and later days: they use those days up."""
        self.resource_logged: dict[str, float] = {}
        self.done_to_date = 0.0
        """Hours logged before today."""
        self.exams_taken = 0


def tally(plan: Plan, cal: Calendar, today: dt.date) -> Progress:
    """Walk the log once: done hours per domain and week, and what uses up the days from today."""
    index_of = {d.id: i for i, d in enumerate(plan.domains)}
    out = Progress(len(plan.domains), len(cal.bounds))
    done, done_by_week, practice_by_week = out.done, out.done_by_week, out.practice_by_week
    logged_from_today, resource_logged = out.logged_from_today, out.resource_logged
    done_to_date = done_practice = 0.0
    first_day = cal.first_day or plan.study.start
    week_of_day = cal.week_of_day  # cal.week_index, inlined: a big plan logs thousands of entries
    days_n = len(week_of_day)
    for entry in plan.log:
        k = (entry.date - first_day).days
        w = week_of_day[k] if 0 <= k < days_n else None
        if entry.date < today:
            done_to_date += entry.hours
        else:
            logged_from_today[entry.date] = logged_from_today.get(entry.date, 0.0) + entry.hours
        if entry.resource is not None:
            resource_logged[entry.resource] = resource_logged.get(entry.resource, 0.0) + entry.hours
        if entry.kind == "practice" or entry.domain is None:
            done_practice += entry.hours
            if w is not None:
                practice_by_week[w] += entry.hours
            continue
        i = index_of[entry.domain]
        done[i] += entry.hours
        if w is not None:
            done_by_week[w][i] += entry.hours
    out.done_to_date, out.done_practice = done_to_date, done_practice
    out.exams_taken = exams_taken(plan, today)
    return out
