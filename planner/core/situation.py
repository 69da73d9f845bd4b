"""A plan seen at one moment: the schedule, the warnings and the exam instant.

Every front end needs the same four things computed the same way, so they
are computed here once: the engine's schedule for today's local date in the
exam's zone, the warnings for this instant, and the exam as an instant.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pendulum

from planner.core import alerts as risks
from planner.core import engine, moments
from planner.core.alerts import Alert
from planner.core.engine import Schedule
from planner.core.model import Plan

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

    @property
    def risk(self) -> bool:
        return any(a.severity == "risk" for a in self.alerts)


def situate(plan: Plan, now: pendulum.DateTime, zone: str, *, here: str | None = None) -> Situation:
    """``plan`` at ``now`` in the exam's ``zone``, seen from ``here`` (default: the same zone)."""
    now = now.in_timezone(zone)
    exam_at = moments.exam_at(plan, zone)
    today = dt.date(now.year, now.month, now.day)
    schedule = engine.build(plan, today)
    alerts = risks.assess(plan, schedule, now, exam_at)
    return Situation(plan, schedule, alerts, now, exam_at, zone, here or zone)
