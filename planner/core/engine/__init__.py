"""Back-planning: from a plan and a day, the weeks of work until the exam.

This is the rules of design.md in code, and nothing else: no files, no
clock (``today`` is an argument), no Textual, no time zones. Everything is
planned in local dates of the exam's zone; the exam's time and zone are
attached by the callers, at the edge. Busy time from calendars (rule 8) is
read at the edge too and handed in as hours per day.

Domain study is handed out in whole blocks of ``granularity_hours``
(integers, so totals add up exactly); practice sittings count their real
minutes. Where each rule lives:

- ``calendar``: study days, their hours less busy time, weeks (rules 1, 2, 8);
- ``practice``: sittings and which ones were taken (rule 3);
- ``layout``: practice first, then domain blocks into weeks (rules 3, 5);
- ``replan`` and ``weak``: the baseline, the re-flow, the weak-domain shift (rules 2, 4, 7);
- ``resources``: the week each resource is due (rule 6);
- ``progress`` and ``weeks``: what was done and the weeks as shown (rule 7);
- ``build``: the steps in order; ``types``: what it answers;
- ``days`` and ``timetable``: a week as days, a day on the clock;
- ``feasibility``: the earliest exam date the work fits.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from planner.core.engine.build import build
from planner.core.engine.calendar import Busy, day_hours, study_days
from planner.core.engine.practice import counts_as_exam, exams_taken
from planner.core.engine.types import Day, DomainPlan, ResourcePlan, Schedule, Week
from planner.core.engine.weak import latest_domain_scores

if TYPE_CHECKING:
    from planner.core.engine.days import DayPlan, week_days
    from planner.core.engine.feasibility import Fit, earliest_fit
    from planner.core.engine.timetable import Session, day_sessions

_LATER: Final = {
    "DayPlan": "days",
    "week_days": "days",
    "Fit": "feasibility",
    "earliest_fit": "feasibility",
    "Session": "timetable",
    "day_sessions": "timetable",
}
"""Loaded when first asked for: ``planner status`` needs none of them, and every module costs start-up time."""


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "Busy",
    "Day",
    "DayPlan",
    "DomainPlan",
    "Fit",
    "ResourcePlan",
    "Schedule",
    "Session",
    "Week",
    "build",
    "counts_as_exam",
    "day_hours",
    "day_sessions",
    "earliest_fit",
    "exams_taken",
    "latest_domain_scores",
    "study_days",
    "week_days",
]
