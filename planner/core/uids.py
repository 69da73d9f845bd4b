"""The UIDs of a plan's calendar events, one scheme for ``export ics`` and ``publish``.

A calendar app matches events by UID: an imported feed and a published
calendar that share them update one another's events instead of doubling
them. UIDs depend only on the plan (its exam and first study day, which a
reschedule leaves alone) and the day, so a new export or a second publish
finds the same events again. The ``-KEY@planner`` ending, with the
``X-PLANNER-PLAN`` property, marks an event as this plan's own: publish
changes and deletes only those.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from planner.core.digest import sha256_hex
from planner.core.model import Plan

__all__ = ["MARK_PROPERTY", "event_uid", "exam_uid", "owns", "plan_key", "session_uid"]

DOMAIN: Final = "planner"
"""The right-hand side of every UID (RFC 5545 suggests a domain-like part)."""
MARK_PROPERTY: Final = "X-PLANNER-PLAN"
"""Set to the plan's key on every event the planner writes: its signature, beside the UID."""


def plan_key(plan: Plan) -> str:
    """Stable across exports and reschedules of the same plan."""
    exam = plan.exam
    basis = f"{exam.code or exam.name}|{plan.study.start.isoformat()}"
    return sha256_hex(basis.encode("utf-8"))[:16]


def event_uid(key: str, name: str) -> str:
    """The event ``name`` of the plan (a session's ``key``: ``study-2027-01-04``, ``practice-2027-03-29-1``)."""
    return f"{name}-{key}@{DOMAIN}"


def exam_uid(key: str) -> str:
    return event_uid(key, "exam")


def session_uid(key: str, day: dt.date) -> str:
    """The day's (first) study session in the feed; ``publish`` writes the whole day under it."""
    return event_uid(key, f"study-{day.isoformat()}")


def owns(uid: str, key: str) -> bool:
    """Whether ``uid`` is one the plan with ``key`` writes (the mark property says it too)."""
    return uid.endswith(f"-{key}@{DOMAIN}")
