"""Every change of a plan, the one way in for the command line and the TUI.

Each use case is a pure function: the plan and what the person gave in, the
new plan out, or a ``PlanError`` saying why not (the plan given is never
changed: plans are immutable). The first argument is always the plan and the
rest are keywords, so a front end can bind one with ``functools.partial``
and apply it to the plan as it is when the change lands. Every result passes
``core.rules`` (the checks the file loader runs), never a round trip
through TOML. ``today`` and ``now`` are arguments: nothing here reads the clock.

Errors about what was given name the argument (``("date",)``, ``("hours",)``,
``("domain",)``), so the command line can name its flag and a form its
field; a value the file's rules refuse names its place in the plan
(``("resources", 3, "title")``).

| use case | function |
| --- | --- |
| log study, or a practice exam without a score | ``add_log(plan, entry, today=)`` |
| log a practice exam; a score also records a result | ``log_practice(plan, day=, hours=, today=, score=)`` |
| edit or delete a logged session | ``replace_log``, ``delete_log`` |
| record a practice result (none dated after today) | ``add_practice_result(plan, result, today=)`` |
| start and stop the running session | ``start_session``, ``end_session`` |
| move the exam (anchored ranges move with it) | ``reschedule(plan, to, now=, zone=, move_dated=)`` |
| the dated ranges that could move with the exam | ``movable_ranges(plan)`` |
| add, change or delete a resource | ``add_resource``, ``update_resource``, ``delete_resource`` |
| tick a resource (done records today) | ``set_resource_status(plan, id, status, today=)`` |
| set or clear a Plan form field | ``set_field(plan, key, value)``, ``clear_field(plan, key)`` |
| a form field's value; what was typed into it | ``get_field(plan, key)``, ``field_from_text(key, text)`` |
| add or remove a blackout or override | ``add_range``, ``remove_range``, ``anchored_range`` |
| a new plan from a template | ``plan_from_template(template, exam=, start=)`` |

Typed numbers go through ``core.rules.parse_hours`` / ``parse_percent`` first.
"""

from __future__ import annotations

from planner.core.edits.dates import (
    Rescheduled,
    add_range,
    anchored_range,
    movable_ranges,
    plan_from_template,
    remove_range,
    reschedule,
)
from planner.core.edits.fields import FORM_FIELDS, Field, clear_field, field_from_text, form_field, get_field, set_field
from planner.core.edits.log import (
    add_log,
    add_practice_result,
    delete_log,
    end_session,
    log_practice,
    replace_log,
    start_session,
)
from planner.core.edits.resources import add_resource, delete_resource, set_resource_status, update_resource

__all__ = [
    "FORM_FIELDS",
    "Field",
    "Rescheduled",
    "add_log",
    "add_practice_result",
    "add_range",
    "add_resource",
    "anchored_range",
    "clear_field",
    "delete_log",
    "delete_resource",
    "end_session",
    "field_from_text",
    "form_field",
    "get_field",
    "log_practice",
    "movable_ranges",
    "plan_from_template",
    "remove_range",
    "replace_log",
    "reschedule",
    "set_field",
    "set_resource_status",
    "start_session",
    "update_resource",
]
