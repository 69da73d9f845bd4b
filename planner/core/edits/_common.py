"""What every use case checks about what it is given, before the plan's own rules."""

from __future__ import annotations

import datetime as dt

from planner.core import rules
from planner.core.errors import KeyPath, PlanError
from planner.core.model import Plan


def text_in(value: str, key: KeyPath, *, required: bool = False) -> str:
    """Text a person gave: not too long, not blank when ``required``, and writable as UTF-8.

    A file read as UTF-8 never holds a lone surrogate, but a command line
    argument with an undecodable byte does, and saving it would fail later.
    """
    rules.check_text(value, key, required=required)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PlanError("holds a byte that is not UTF-8 text; type it again", key) from None
    return value


def not_after_today(day: dt.date, today: dt.date, key: KeyPath, what: str) -> None:
    """Refuse a day in the future: what is recorded has happened (``what`` says what to wait for)."""
    if day > today:
        raise PlanError(f"{day} is after today ({today}); {what}", key)


def resource_index(plan: Plan, resource_id: str) -> int:
    for i, r in enumerate(plan.resources):
        if r.id == resource_id:
            return i
    raise PlanError(rules.dangling("resource", resource_id, [r.id for r in plan.resources]), ("resource",))
