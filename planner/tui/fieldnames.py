"""Fields named the way a person reads them: "Exam minutes", not ``exam.duration_minutes``.

The loader and the edits say where a problem is as a key path (right for a
file and for ``planner check``); on screen the same place is the label the
person sees next to the field, and a domain is called by its name.
"""

from __future__ import annotations

from typing import Final

from planner.core.errors import KeyPath, PlanError, format_key
from planner.core.model import Plan
from planner.core.safetext import clean, clip

__all__ = ["LABELS", "error_text", "field_name"]

LABELS: Final[dict[tuple[str, str], str]] = {
    ("exam", "name"): "Exam name",
    ("exam", "code"): "Exam code",
    ("exam", "date"): "Exam date",
    ("exam", "timezone"): "Exam time zone",
    ("exam", "duration_minutes"): "Exam minutes",
    ("exam", "passing_score"): "Pass mark",
    ("exam", "postponements_allowed"): "Postponements allowed",
    ("exam", "reschedule_cutoff_hours"): "Reschedule cutoff hours",
    ("study", "start"): "First study day",
    ("study", "target_hours"): "Target hours",
    ("study", "granularity_hours"): "Block size",
    ("study", "strategy"): "Strategy",
    ("study", "week_starts"): "Week starts",
    ("study", "availability"): "Hours per weekday",
    ("study", "start_times"): "Start times",
    ("practice", "count"): "Practice exams",
    ("practice", "minutes"): "Practice exam minutes",
    ("practice", "weeks_before_exam"): "Practice weeks before the exam",
}
"""The plan form's labels, by table and key."""

_LISTS: Final = {
    "blackouts": "Blackout",
    "overrides": "Override",
    "reschedules": "Reschedule",
    "results": "Practice result",
}
_DOMAIN_FIELDS: Final = {"name": "Name of", "weight": "Weight of", "confidence": "Confidence in", "id": "Id of"}
_NAME_CELLS: Final = 30
"""A domain or resource named in a message is clipped to this many cells."""


def field_name(key: KeyPath, plan: Plan | None = None) -> str:
    """``("domains", 2, "weight")`` -> ``Weight of Modelling``; unknown paths keep their key path."""
    if len(key) >= 2 and isinstance(key[0], str) and isinstance(key[1], str):
        known = LABELS.get((key[0], key[1]))
        if known is not None and len(key) == 2:
            return known
        if key[:2] in (("study", "availability"), ("study", "start_times")) and len(key) == 3:
            day = str(key[2]).capitalize()
            return f"{day} hours" if key[1] == "availability" else f"{day} start time"
        if len(key) >= 3 and isinstance(key[2], int) and key[1] in _LISTS:
            rest = f" {format_key(key[3:])}" if len(key) > 3 else ""
            return f"{_LISTS[key[1]]} {key[2] + 1}{rest}"
    if len(key) >= 2 and key[0] in ("domains", "resources", "log") and isinstance(key[1], int):
        return _item_name(key, plan)
    return format_key(key)


def _item_name(key: KeyPath, plan: Plan | None) -> str:
    table, index = str(key[0]), int(key[1])
    field = str(key[2]) if len(key) > 2 else ""
    if table == "domains":
        name = plan.domains[index].name if plan and index < len(plan.domains) else f"domain {index + 1}"
        shown = clip(clean(name, one_line=True), _NAME_CELLS)
        return f"{_DOMAIN_FIELDS[field]} {shown}" if field in _DOMAIN_FIELDS else f"Domain {shown}"
    if table == "resources":
        title = plan.resources[index].title if plan and index < len(plan.resources) else f"resource {index + 1}"
        shown = clip(clean(title, one_line=True), _NAME_CELLS)
        return f"{shown}: {field}" if field else shown
    when = f" ({plan.log[index].date})" if plan and index < len(plan.log) else ""
    return f"Log entry {index + 1}{when}" + (f": {field}" if field else "")


def error_text(error: PlanError, plan: Plan | None = None) -> str:
    """One line for a form or a toast: the field as the person reads it, then what is wrong."""
    if not error.key:
        return error.message
    return f"{field_name(error.key, plan)}: {error.message}"
