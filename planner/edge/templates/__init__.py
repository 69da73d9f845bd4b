"""Exam templates shipped with the planner, and making a plan from one.

A template is an ordinary plan file. Making a plan from it is a use case of
``core.edits`` (``plan_from_template``); this module finds and reads the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.core.errors import PlanError
from planner.core.model import Plan

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
    from planner.core.edits import plan_from_template
    from planner.edge import store

    template = store.loads(template_text(template_id), f"template {template_id}")
    return plan_from_template(template, exam=exam, start=start)
