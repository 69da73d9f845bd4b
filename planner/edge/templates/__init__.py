"""Exam templates shipped with the planner, and making a plan from one.

A template is an ordinary plan file. Making a plan from it moves the exam to
the booked date and the start to the chosen day; the template's overrides
(leave taken just before the exam) move with the exam, and its blackouts
(fixed holidays) are kept only when they fall inside the new study period.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from planner.core.errors import PlanError
from planner.core.model import DayRange, Plan

__all__ = ["from_template", "template_ids", "template_text"]

_HERE = Path(__file__).parent


def template_ids() -> list[str]:
    return sorted(p.stem for p in _HERE.glob("*.toml"))


def template_text(template_id: str) -> str:
    if template_id not in template_ids():
        known = ", ".join(template_ids())
        raise PlanError(f"--template: no template {template_id!r}; the templates are: {known}")
    return (_HERE / f"{template_id}.toml").read_text(encoding="utf-8")


def from_template(template_id: str, exam: dt.datetime | dt.date, start: dt.date) -> Plan:
    """A new plan from a template, its exam on ``exam`` (a date keeps the template's time)."""
    from planner.edge import store
    from planner.planfile import parse

    plan = store.loads(template_text(template_id), f"template {template_id}")
    if not isinstance(exam, dt.datetime):
        exam = dt.datetime.combine(exam, plan.exam.date.time())
    shift = exam.date() - plan.exam.date.date()
    overrides = tuple(dataclasses.replace(r, start=r.start + shift, end=r.end + shift) for r in plan.study.overrides)
    blackouts = tuple(r for r in plan.study.blackouts if _overlaps(r, start, exam.date()))
    made = dataclasses.replace(
        plan,
        exam=dataclasses.replace(plan.exam, date=exam, reschedules=()),
        study=dataclasses.replace(plan.study, start=start, overrides=overrides, blackouts=blackouts),
    )
    # Validate the result the same way a file is validated.
    return parse.from_document(parse.to_document(made))


def _overlaps(r: DayRange, start: dt.date, exam_day: dt.date) -> bool:
    return r.end >= start and r.start < exam_day
