"""``planner schedule --json``: one stable object (design.md). Keys may be added, none renamed.

Warning codes and severities are the values of ``AlertCode`` and
``Severity`` (documented in docs/warnings.md), so a script can match on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.core.alerts import AlertCode, OptionKind, Severity

if TYPE_CHECKING:
    from planner.core.alerts import Alert
    from planner.core.engine import Schedule
    from planner.core.situation import Situation

__all__ = ["schedule_json"]


def _n(hours: float) -> float:
    return round(float(hours), 6) + 0.0


def schedule_json(s: Situation) -> dict[str, Any]:
    plan, sched = s.plan, s.schedule
    return {
        "schema": 1,
        "today": sched.today.isoformat(),
        "now": s.now.isoformat(),
        "exam": {
            "name": plan.exam.name,
            "code": plan.exam.code,
            "date": s.exam_at.isoformat(),
            "timezone": s.zone,
            "duration_minutes": plan.exam.duration_minutes,
            "days_left": sched.days_left,
            "postponements_allowed": plan.exam.postponements_allowed,
            "postponements_left": plan.postponements_left,
        },
        "totals": _totals(s),
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "weight": d.weight,
                "share": round(d.share, 6),
                "adjusted_share": round(d.adjusted_share, 6),
                "planned_hours": _n(d.planned_hours),
                "done_hours": _n(d.done_hours),
                "remaining_hours": _n(d.remaining_hours),
                "shift_hours": _n(d.shift_hours),
                "resource_hours": _n(d.resource_hours),
            }
            for d in sched.domains
        ],
        "weeks": _weeks(s),
        "resources": [
            {
                "id": p.id,
                "title": r.title,
                "due_week": p.due_week.isoformat() if p.due_week else None,
                "planned_week": p.planned_week.isoformat() if p.planned_week else None,
                "status": p.status,
                "remaining_hours": p.remaining_hours,
            }
            for r, p in zip(plan.resources, sched.resources, strict=True)
        ],
        "warnings": [_warning(a) for a in s.alerts],
    }


def _totals(s: Situation) -> dict[str, Any]:
    plan, sched = s.plan, s.schedule
    return {
        "capacity_hours": _n(sched.capacity_hours),
        "study_hours": _n(sched.study_hours),
        "practice_hours": _n(sched.practice_hours),
        "done_hours": _n(sched.done_hours),
        "target_hours": plan.study.target_hours,
        "remaining_capacity_hours": _n(sched.remaining_capacity_hours),
        "remaining_need_hours": _n(sched.remaining_need_hours),
        "remaining_planned_hours": _n(sched.remaining_planned_hours),
        "shortfall_hours": _n(sched.shortfall_hours),
        "planned_to_date_hours": _n(sched.planned_to_date_hours),
        "done_to_date_hours": _n(sched.done_to_date_hours),
        "practice_exams": plan.practice.count,
        "practice_exams_left": sched.practice_needed_exams,
        "busy_hours": _n(sched.busy_hours),
    }


def _weeks(s: Situation) -> list[dict[str, Any]]:
    sched: Schedule = s.schedule
    zeros = dict.fromkeys((d.id for d in s.plan.domains), 0.0)
    return [
        {
            "start": w.start.isoformat(),
            "end": w.end.isoformat(),
            "state": w.state,
            "capacity_hours": _n(w.capacity_hours),
            "busy_hours": _n(w.busy_hours),
            "practice_hours": _n(w.practice_hours),
            "practice_exams": w.practice_exams,
            # every domain, zeros too, so a reader can index by id; the engine's hours are already rounded
            "hours": {**zeros, **w.hours},
            "planned_hours": {**zeros, **w.planned_hours},
            "done_hours": {**zeros, **w.done_hours},
            "resources_due": list(w.resources_due),
            "blackout_days": w.blackout_days,
        }
        for w in sched.weeks
    ]


def _warning(a: Alert) -> dict[str, Any]:
    # Through the enums: a code that is not documented fails here, in the tests, not in a script downstream.
    out: dict[str, Any] = {
        "code": AlertCode(a.code).value,
        "severity": Severity(a.severity).value,
        "message": a.message,
    }
    if a.options:
        out["options"] = [{"kind": OptionKind(o.kind).value, "text": o.text} for o in a.options]
    if a.subject:
        out["subject"] = a.subject
    return out
