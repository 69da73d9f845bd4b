"""The study material: add, change, delete, and tick off resources."""

from __future__ import annotations

import datetime as dt

from planner.core import rules
from planner.core.edits._common import resource_index, text_in
from planner.core.errors import PlanError
from planner.core.model import STATUSES, LogEntry, Plan, Resource, replace

__all__ = ["add_resource", "delete_resource", "set_resource_status", "update_resource"]


def add_resource(plan: Plan, resource: Resource) -> Plan:
    """``plan`` with ``resource`` last in its list; its id must be new."""
    _check(plan, resource, len(plan.resources), plan.resources)
    return replace(plan, resources=(*plan.resources, resource))


def update_resource(plan: Plan, resource_id: str, resource: Resource) -> Plan:
    """``resource_id`` replaced by ``resource`` in its place; a new id carries its log entries (and session) along."""
    index = resource_index(plan, resource_id)
    others = plan.resources[:index] + plan.resources[index + 1 :]
    _check(plan, resource, index, others)
    resources = (*plan.resources[:index], resource, *plan.resources[index + 1 :])
    return _relink(replace(plan, resources=resources), resource_id, resource.id)


def delete_resource(plan: Plan, resource_id: str) -> Plan:
    """``resource_id`` removed; its log entries stay (the hours were studied) without the link."""
    index = resource_index(plan, resource_id)
    resources = plan.resources[:index] + plan.resources[index + 1 :]
    return _relink(replace(plan, resources=resources), resource_id, None)


def set_resource_status(plan: Plan, resource_id: str, status: str, *, today: dt.date) -> Plan:
    """todo, doing or done: done records ``today`` as ``done_on``, anything else clears it."""
    rules.check_choice(status, ("status",), STATUSES)
    index = resource_index(plan, resource_id)
    current = plan.resources[index]
    done_on = (current.done_on if current.status == "done" else today) if status == "done" else None
    changed = replace(current, status=status, done_on=done_on)
    resources = (*plan.resources[:index], changed, *plan.resources[index + 1 :])
    return replace(plan, resources=resources)


def _check(plan: Plan, resource: Resource, index: int, others: tuple[Resource, ...]) -> None:
    for name in ("title", "notes", "url", "origin"):
        value = getattr(resource, name)
        if value is not None:
            text_in(value, ("resources", index, name), required=name in ("title", "origin"))
    rules.check_resource(resource, index, {d.id for d in plan.domains})
    if any(r.id == resource.id for r in others):
        raise PlanError(
            f"{rules.shown(resource.id)} is used by another resource; ids must be unique", ("resources", index, "id")
        )


def _relink(plan: Plan, old: str, new: str | None) -> Plan:
    """Log entries and the running session that named ``old`` name ``new`` (``None``: no resource)."""
    if old == new:
        return plan

    def moved(e: LogEntry) -> LogEntry:
        return replace(e, resource=new) if e.resource == old else e

    session = plan.session
    if session is not None and session.resource == old:
        session = replace(session, resource=new)
    return replace(plan, log=tuple(moved(e) for e in plan.log), session=session)
