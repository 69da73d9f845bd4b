"""Rule 7's first half: what the log says was done, counted once for every later step."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from planner.core.engine.calendar import Calendar
from planner.core.engine.practice import exams_taken
from planner.core.model import Plan

__all__ = ["Progress", "tally"]


class Progress(NamedTuple):
    done: list[float]
    """Hours of study logged per domain (in the plan's domain order)."""
    done_by_week: list[list[float]]
    """[week][domain] hours logged."""
    practice_by_week: list[float]
    done_practice: float
    """Practice hours logged (and study logged without a domain)."""
    logged_from_today: dict[dt.date, float]
    """Hours logged on today and later days: they use those days up."""
    resource_logged: dict[str, float]
    done_to_date: float
    """Hours logged before today."""
    exams_taken: int


def tally(plan: Plan, cal: Calendar, today: dt.date) -> Progress:
    """Walk the log once: done hours per domain and week, and what uses up the days from today."""
    n = len(plan.domains)
    index_of = {d.id: i for i, d in enumerate(plan.domains)}
    weeks_n = len(cal.bounds)
    done = [0.0] * n
    done_by_week = [[0.0] * n for _ in range(weeks_n)]
    practice_by_week = [0.0] * weeks_n
    done_practice = 0.0
    logged_from_today: dict[dt.date, float] = {}
    resource_logged: dict[str, float] = {}
    done_to_date = 0.0
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
    return Progress(
        done,
        done_by_week,
        practice_by_week,
        done_practice,
        logged_from_today,
        resource_logged,
        done_to_date,
        exams_taken(plan, today),
    )
