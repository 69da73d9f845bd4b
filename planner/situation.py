"""A plan seen at one moment: the schedule, the warnings and the exam instant.

Every front end needs the same four things computed the same way, so they
are computed here once: the engine's schedule for today's local date in the
exam's zone, the warnings for this instant, and the exam as an instant.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pendulum

from planner import engine, moments, risks
from planner.engine import Schedule
from planner.model import Plan
from planner.risks import Alert

__all__ = ["Situation", "situate"]


class Situation(NamedTuple):
    plan: Plan
    schedule: Schedule
    alerts: tuple[Alert, ...]
    now: pendulum.DateTime
    exam_at: pendulum.DateTime
    zone: str

    @property
    def risk(self) -> bool:
        return any(a.severity == "risk" for a in self.alerts)


def situate(plan: Plan, now: pendulum.DateTime | None = None, zone: str | None = None) -> Situation:
    """``plan`` at ``now`` (default: the clock), in the exam's zone."""
    zone = zone or moments.plan_zone(plan)
    now = (now or moments.now_in(zone)).in_timezone(zone)
    exam_at = moments.exam_at(plan, zone)
    today = dt.date(now.year, now.month, now.day)
    schedule = engine.build(plan, today)
    alerts = risks.assess(plan, schedule, now, exam_at)
    return Situation(plan=plan, schedule=schedule, alerts=alerts, now=now, exam_at=exam_at, zone=zone)
