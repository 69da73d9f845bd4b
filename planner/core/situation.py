"""A plan seen at one moment: the schedule, the warnings and the exam instant.

Every front end needs the same four things computed the same way, so they
are computed here once: the engine's schedule for today's local date in the
exam's zone, the warnings for this instant, and the exam as an instant.
What only the edge can know (busy time read from calendars, a calendar that
could not be read) is handed in, never fetched.
"""

# No ``from __future__ import annotations``: ``typing.NamedTuple`` compiles each field annotation
# written as a string into a ForwardRef, which costs more than the rest of the class.
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

import pendulum

from planner.core import alerts as risks
from planner.core import engine, moments
from planner.core.alerts import Alert, Severity
from planner.core.engine import Schedule
from planner.core.model import Plan

if TYPE_CHECKING:
    from planner.core.engine.timetable import Interval

__all__ = ["Situation", "situate"]


class Situation(NamedTuple):
    plan: Plan
    schedule: Schedule
    alerts: tuple[Alert, ...]
    now: pendulum.DateTime
    exam_at: pendulum.DateTime
    zone: str
    """The exam's zone: every date shown is in it."""
    here: str
    """The zone of the person looking (the machine's), for "your local time" lines."""
    busy: Mapping[dt.date, float] | None = None
    """Hours taken off each day by the calendars (rule 8), as the edge read them; kept for a re-plan."""
    notices: tuple[Alert, ...] = ()
    """Warnings from the edge (a calendar that could not be read), already among ``alerts``."""
    busy_intervals: Mapping[dt.date, tuple["Interval", ...]] | None = None
    """Where that busy time lies on each day's clock (``core.busy.busy_time``), so sessions go around it."""

    def busy_on(self, day: dt.date) -> tuple["Interval", ...]:
        """The busy intervals of ``day``, for ``engine.day_sessions``."""
        return tuple(self.busy_intervals.get(day, ())) if self.busy_intervals else ()

    @property
    def risk(self) -> bool:
        return any(a.severity == Severity.RISK for a in self.alerts)


def situate(
    plan: Plan,
    now: pendulum.DateTime,
    zone: str,
    *,
    here: str | None = None,
    busy: Mapping[dt.date, float] | None = None,
    notices: Iterable[Alert] = (),
    busy_intervals: Mapping[dt.date, tuple["Interval", ...]] | None = None,
) -> Situation:
    """``plan`` at ``now`` in the exam's ``zone``, seen from ``here`` (default: the same zone).

    ``busy`` is the calendars' busy hours per day and ``busy_intervals`` where
    they lie; ``notices`` are warnings the edge found while reading them
    (``calendar-stale``, ``calendar-unreadable``).
    """
    now = now.in_timezone(zone)
    exam_at = moments.exam_at(plan, zone)
    today = dt.date(now.year, now.month, now.day)
    schedule = engine.build(plan, today, busy)
    extra = tuple(notices)
    alerts = risks.ranked((*risks.assess(plan, schedule, now, exam_at, busy), *extra))
    return Situation(plan, schedule, alerts, now, exam_at, zone, here or zone, busy, extra, busy_intervals)
