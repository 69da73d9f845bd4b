"""What was done: study sessions, practice exams and their results, and the session running now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.core import rules
from planner.core.edits._common import not_after_today, text_in
from planner.core.errors import PlanError
from planner.core.model import LOG_KINDS, LogEntry, Plan, PracticeResult, RunningSession, replace

__all__ = [
    "add_log",
    "add_practice_result",
    "delete_log",
    "end_session",
    "log_practice",
    "replace_log",
    "start_session",
]


def add_log(plan: Plan, entry: LogEntry, *, today: dt.date) -> Plan:
    """``plan`` with ``entry`` logged: done by today, before the exam, at most 24 h on its day."""
    _check_entry(plan, entry, plan.log, today)
    return replace(plan, log=(*plan.log, entry))


def replace_log(plan: Plan, index: int, entry: LogEntry, *, today: dt.date) -> Plan:
    """``plan`` with the entry at ``index`` replaced (an edited session), checked like a new one."""
    _log_index(plan, index)
    others = plan.log[:index] + plan.log[index + 1 :]
    _check_entry(plan, entry, others, today)
    return replace(plan, log=(*plan.log[:index], entry, *plan.log[index + 1 :]))


def delete_log(plan: Plan, index: int) -> Plan:
    _log_index(plan, index)
    return replace(plan, log=plan.log[:index] + plan.log[index + 1 :])


def log_practice(
    plan: Plan,
    *,
    day: dt.date,
    hours: float,
    today: dt.date,
    score: float | None = None,
    note: str = "",
    domain: str | None = None,
    resource: str | None = None,
) -> Plan:
    """A practice exam taken: its hours in the log and, with a ``score``, a practice result too.

    ``domain`` is for a practice test of one domain; without it the exam covers them all.
    """
    if score is not None and not note:
        note = f"practice exam: {rules.num(score)}%"
    plan = add_log(plan, LogEntry(day, hours, domain, resource, note, "practice"), today=today)
    if score is None:
        return plan
    return add_practice_result(plan, PracticeResult(day, score), today=today)


def add_practice_result(plan: Plan, result: PracticeResult, *, today: dt.date) -> Plan:
    """A practice exam's score (and per-domain scores): only for an exam already taken."""
    not_after_today(result.date, today, ("date",), "record a result once the exam is taken")
    rules.check_year(result.date, ("date",))
    rules.check_number(result.score, ("score",), high=100.0)
    domain_ids = {d.id for d in plan.domains}
    for domain_id, score in result.domains:
        if domain_id not in domain_ids:
            raise PlanError(rules.dangling("domain", domain_id, domain_ids), ("domains", domain_id))
        rules.check_number(score, ("domains", domain_id), high=100.0)
    practice = replace(plan.practice, results=(*plan.practice.results, result))
    rules.check_practice(practice, domain_ids)
    return replace(plan, practice=practice)


def start_session(plan: Plan, *, started: dt.datetime, domain: str, resource: str | None = None) -> Plan:
    """A study session started at ``started`` (local, naive, in the exam's zone); one at a time."""
    if plan.session is not None:
        raise PlanError(f"a session is already running since {plan.session.started:%Y-%m-%d %H:%M}", ("session",))
    session = RunningSession(started, domain, resource)
    rules.check_session(session, {d.id for d in plan.domains}, {r.id for r in plan.resources})
    return replace(plan, session=session)


def end_session(plan: Plan, *, entries: Sequence[LogEntry], today: dt.date) -> Plan:
    """The running session stopped: it is cleared and ``entries`` (its time, one per day) are logged."""
    if plan.session is None:
        raise PlanError("no session is running", ("session",))
    plan = replace(plan, session=None)
    for entry in entries:
        plan = add_log(plan, entry, today=today)
    return plan


def _log_index(plan: Plan, index: int) -> None:
    if not 0 <= index < len(plan.log):
        raise PlanError(f"there is no entry {index} (the log has {len(plan.log)})", ("log", index))


def _check_entry(plan: Plan, entry: LogEntry, others: Sequence[LogEntry], today: dt.date) -> None:
    """The use case's checks, each naming the argument it is about, then the file's rule for a log entry."""
    rules.check_choice(entry.kind, ("kind",), LOG_KINDS)
    domain_ids = {d.id for d in plan.domains}
    if entry.domain is None:
        if entry.kind == "study":
            raise PlanError("is required for study (a practice exam needs none)", ("domain",))
    elif entry.domain not in domain_ids:
        raise PlanError(rules.dangling("domain", entry.domain, domain_ids), ("domain",))
    resource_ids = {r.id for r in plan.resources}
    if entry.resource is not None and entry.resource not in resource_ids:
        raise PlanError(rules.dangling("resource", entry.resource, resource_ids), ("resource",))
    rules.check_year(entry.date, ("date",))
    not_after_today(entry.date, today, ("date",), "log study once it is done")
    exam_day = plan.exam.date.date()
    if entry.date >= exam_day:
        raise PlanError(f"{entry.date} is not before the exam ({exam_day})", ("date",))
    rules.check_number(entry.hours, ("hours",), high=rules.MAX_DAY_HOURS, low_open=True)
    logged = sum(e.hours for e in others if e.date == entry.date)
    if logged + entry.hours > rules.MAX_DAY_HOURS + 1e-9:
        raise PlanError(
            f"{entry.date} already has {rules.num(logged)} h logged; {rules.num(entry.hours)} h more"
            f" would be more than {rules.num(rules.MAX_DAY_HOURS)} h in one day",
            ("hours",),
        )
    text_in(entry.note, ("note",))
    rules.check_log_entry(entry, len(others), domain_ids, resource_ids)
