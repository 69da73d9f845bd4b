"""The checks of a whole plan, entity by entity, on model objects.

``check_plan`` is what the loader runs on every file and what every edit
runs on the plan it makes, so nothing can be saved that could not be opened
again. Each check names the key path of the first problem it finds, the way
the file spells it (``resources[3].domains[0]``), so ``planfile.locate`` can
point at the line. The entity checks are public for edits that change one
part of a big plan and need not re-check the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Final

from planner.core.errors import KeyPath, PlanError
from planner.core.model import (
    ALL_DAY_CHOICES,
    CALENDAR_KINDS,
    KINDS,
    LOG_KINDS,
    PRIORITIES,
    STATUSES,
    STRATEGIES,
    WEEKDAYS,
    CalendarSource,
    DayRange,
    Domain,
    Exam,
    Focus,
    LogEntry,
    Plan,
    Practice,
    Publish,
    Resource,
    RunningSession,
    Study,
)
from planner.core.rules.urls import check_url
from planner.core.rules.values import (
    ALARM_MINUTES,
    ANCHOR_DAYS,
    CONFIDENCE,
    CUTOFF_HOURS,
    EXAM_MINUTES,
    FOCUS_BREAK_MINUTES,
    FOCUS_WORK_MINUTES,
    MAX_DAY_HOURS,
    MAX_PLAN_YEARS,
    MAX_TARGET_HOURS,
    MAX_TEXT,
    MAX_WEIGHT,
    MIN_GRANULARITY,
    ORDER,
    POSTPONEMENTS,
    PRACTICE_COUNT,
    PRACTICE_WEEKS,
    YEARS,
    check_choice,
    check_id,
    check_number,
    check_text,
    check_url_has_no_password,
    check_whole,
    check_year,
    check_zone,
    dangling,
    number_error,
    shown,
)

__all__ = [
    "check_calendars",
    "check_domains",
    "check_exam",
    "check_focus",
    "check_log",
    "check_log_entry",
    "check_plan",
    "check_practice",
    "check_publish",
    "check_resource",
    "check_resources",
    "check_session",
    "check_settings",
    "check_study",
]

_KIND_SET: Final = frozenset(KINDS)
_PRIORITY_SET: Final = frozenset(PRIORITIES)
_STATUS_SET: Final = frozenset(STATUSES)
_LOG_KIND_SET: Final = frozenset(LOG_KINDS)
_LOW_YEAR, _HIGH_YEAR = YEARS
_WEEK_STARTS: Final = ("monday", "sunday")
_NO_OFFSET: Final = (
    "must be the local time without an offset, like 2027-04-05T10:00:00 (the zone goes in exam.timezone)"
)


def check_plan(plan: Plan) -> Plan:
    """``plan`` when every value in it is allowed, else the ``PlanError`` of the first one that is not."""
    check_settings(plan)
    domain_ids = {d.id for d in plan.domains}
    check_resources(plan.resources, domain_ids)
    resource_ids = {r.id for r in plan.resources}
    check_log(plan.log, domain_ids, resource_ids)
    check_calendars(plan.calendars)
    if plan.publish is not None:
        check_publish(plan.publish)
    if plan.session is not None:
        check_session(plan.session, domain_ids, resource_ids)
    if plan.focus is not None:
        check_focus(plan.focus)
    return plan


def check_settings(plan: Plan) -> Plan:
    """The exam, the study settings, the practice block and the domains: what the Plan form edits.

    The long lists (resources, log) are left out, so a form field on a big
    plan is checked in microseconds; ``check_plan`` adds them.
    """
    check_domains(plan.domains)
    check_exam(plan.exam)
    _check_dates(plan.exam, plan.study)
    check_study(plan.study, plan.exam.date.date())
    check_practice(plan.practice, {d.id for d in plan.domains})
    return plan


def _check_dates(exam: Exam, study: Study) -> None:
    exam_day = exam.date.date()
    if exam_day <= study.start:
        raise PlanError(f"the exam ({exam_day}) must be after study.start ({study.start})", ("exam", "date"))
    check_year(study.start, ("study", "start"))
    check_year(exam_day, ("exam", "date"))
    if (exam_day - study.start).days > MAX_PLAN_YEARS * 366:
        raise PlanError(
            f"is more than {MAX_PLAN_YEARS} years after study.start ({study.start}); check the year", ("exam", "date")
        )


def check_domains(domains: Sequence[Domain]) -> None:
    if not domains:
        raise PlanError("is empty; a plan needs at least one [[domains]] entry", ("domains",))
    seen: set[str] = set()
    for i, d in enumerate(domains):
        check_id(d.id, ("domains", i, "id"))
        if d.id in seen:
            raise PlanError(f"{shown(d.id)} is used by another domain; ids must be unique", ("domains", i, "id"))
        seen.add(d.id)
        check_text(d.name, ("domains", i, "name"))
        check_number(d.weight, ("domains", i, "weight"), high=MAX_WEIGHT)
        if d.confidence is not None:
            check_whole(d.confidence, ("domains", i, "confidence"), CONFIDENCE)
    if sum(d.weight for d in domains) <= 0:
        raise PlanError("every domain weight is 0; at least one must be more than 0", ("domains", 0, "weight"))


def check_exam(exam: Exam) -> None:
    check_text(exam.name, ("exam", "name"))
    if exam.code is not None:
        check_text(exam.code, ("exam", "code"))
    if exam.date.tzinfo is not None:
        raise PlanError(_NO_OFFSET, ("exam", "date"))
    if exam.timezone is not None:
        check_zone(check_text(exam.timezone, ("exam", "timezone")), ("exam", "timezone"))
    check_whole(exam.duration_minutes, ("exam", "duration_minutes"), EXAM_MINUTES)
    if exam.passing_score is not None:
        check_number(exam.passing_score, ("exam", "passing_score"), high=100.0)
    if exam.postponements_allowed is not None:
        check_whole(exam.postponements_allowed, ("exam", "postponements_allowed"), POSTPONEMENTS)
    check_number(exam.reschedule_cutoff_hours, ("exam", "reschedule_cutoff_hours"), high=CUTOFF_HOURS)
    for i, r in enumerate(exam.reschedules):
        key: KeyPath = ("exam", "reschedules", i)
        for name, moment in (("from", r.from_), ("to", r.to)):
            if moment.tzinfo is not None:
                raise PlanError(_NO_OFFSET, (*key, name))
            check_year(moment.date(), (*key, name))
        check_year(r.on, (*key, "on"))
        check_text(r.reason, (*key, "reason"), required=False)


def check_study(study: Study, exam_day: dt.date) -> None:
    """The study settings; ``exam_day`` places the ranges anchored to the exam."""
    check_number(study.granularity_hours, ("study", "granularity_hours"), low=MIN_GRANULARITY, high=MAX_DAY_HOURS)
    if len(study.availability) != len(WEEKDAYS):
        raise PlanError(f"must give hours for {len(WEEKDAYS)} weekdays", ("study", "availability"))
    for day, hours in zip(WEEKDAYS, study.availability, strict=True):
        check_number(hours, ("study", "availability", day), high=MAX_DAY_HOURS)
    if not any(study.availability):
        raise PlanError(
            "gives no study hours on any weekday; set hours for at least one day", ("study", "availability")
        )
    days_seen: set[str] = set()
    for day, time in study.start_times:
        check_choice(day, ("study", "start_times", day), WEEKDAYS)
        if day in days_seen:
            raise PlanError("is given twice", ("study", "start_times", day))
        days_seen.add(day)
        if time.tzinfo is not None:
            raise PlanError("must be a local time without an offset", ("study", "start_times", day))
    for i, r in enumerate(study.blackouts):
        _check_range(r, ("study", "blackouts", i), exam_day, with_hours=False)
    for i, r in enumerate(study.overrides):
        _check_range(r, ("study", "overrides", i), exam_day, with_hours=True)
    if study.target_hours is not None:
        check_number(study.target_hours, ("study", "target_hours"), high=MAX_TARGET_HOURS, low_open=True)
    check_choice(study.week_starts, ("study", "week_starts"), _WEEK_STARTS)
    check_choice(study.strategy, ("study", "strategy"), STRATEGIES)


def _check_range(r: DayRange, key: KeyPath, exam_day: dt.date, *, with_hours: bool) -> None:
    anchor = r.days_before_exam
    if anchor is None:
        check_year(r.start, (*key, "start"))
        if r.end < r.start:
            raise PlanError(f"{r.end} is before start {r.start}; the end day is inclusive", (*key, "end"))
        check_year(r.end, (*key, "end"))
    else:
        check_whole(anchor, (*key, "days_before_exam"), ANCHOR_DAYS)
        check_whole(r.days, (*key, "days"), ANCHOR_DAYS)
        if r.days > anchor:
            raise PlanError(
                f"is {r.days}: the range would reach the exam day;"
                f" {anchor} day{'s' if anchor != 1 else ''} before the exam leave room for at most {anchor}",
                (*key, "days"),
            )
        if r.start != exam_day - dt.timedelta(days=anchor):
            raise PlanError(
                f"puts the range on {exam_day - dt.timedelta(days=anchor)}, but it starts on {r.start}",
                (*key, "days_before_exam"),
            )
    if with_hours:
        if r.hours is None:
            raise PlanError("is missing (required)", (*key, "hours"))
        check_number(r.hours, (*key, "hours"), high=MAX_DAY_HOURS)
    elif r.hours is not None:
        raise PlanError("a blackout has no hours (an override sets a day's hours)", (*key, "hours"))
    check_text(r.reason, (*key, "reason"), required=False)


def check_practice(practice: Practice, domain_ids: Collection[str]) -> None:
    for i, result in enumerate(practice.results):
        key: KeyPath = ("practice", "results", i)
        seen: set[str] = set()
        for domain_id, score in result.domains:
            if domain_id not in domain_ids:
                raise PlanError(dangling("domain", domain_id, domain_ids), (*key, "domains", domain_id))
            if domain_id in seen:
                raise PlanError("is given twice", (*key, "domains", domain_id))
            seen.add(domain_id)
            check_number(score, (*key, "domains", domain_id), high=100.0)
        check_year(result.date, (*key, "date"))
        check_number(result.score, (*key, "score"), high=100.0)
    check_whole(practice.count, ("practice", "count"), PRACTICE_COUNT)
    check_whole(practice.minutes, ("practice", "minutes"), EXAM_MINUTES)
    check_whole(practice.weeks_before_exam, ("practice", "weeks_before_exam"), PRACTICE_WEEKS)


def check_resources(resources: Sequence[Resource], domain_ids: Collection[str]) -> None:
    seen: set[str] = set()
    add = seen.add
    for i, r in enumerate(resources):
        check_resource(r, i, domain_ids)
        if r.id in seen:
            raise PlanError(f"{shown(r.id)} is used by another resource; ids must be unique", ("resources", i, "id"))
        add(r.id)


def check_resource(r: Resource, index: int, domain_ids: Collection[str]) -> None:
    """One resource, at ``resources[index]``; the common case costs a few comparisons."""
    check_id(r.id, ("resources", index, "id"))
    title = r.title
    if len(title) > MAX_TEXT or not title or title.isspace():
        check_text(title, ("resources", index, "title"))
    if not 0.0 <= r.hours <= MAX_TARGET_HOURS:
        number_error(r.hours, ("resources", index, "hours"), 0.0, MAX_TARGET_HOURS)
    if r.kind not in _KIND_SET:
        check_choice(r.kind, ("resources", index, "kind"), KINDS)
    if r.priority not in _PRIORITY_SET:
        check_choice(r.priority, ("resources", index, "priority"), PRIORITIES)
    if r.status not in _STATUS_SET:
        check_choice(r.status, ("resources", index, "status"), STATUSES)
    if r.domains:
        _check_resource_domains(r.domains, ("resources", index, "domains"), domain_ids)
    if r.url is not None and len(r.url) > MAX_TEXT:
        check_text(r.url, ("resources", index, "url"), required=False)
    if len(r.notes) > MAX_TEXT:
        check_text(r.notes, ("resources", index, "notes"), required=False)
    if r.done_on is not None and not _LOW_YEAR <= r.done_on.year <= _HIGH_YEAR:
        check_year(r.done_on, ("resources", index, "done_on"))
    if r.order is not None:
        check_whole(r.order, ("resources", index, "order"), ORDER)
    if r.origin is not None:
        check_text(r.origin, ("resources", index, "origin"))


def _check_resource_domains(listed: tuple[str, ...], key: KeyPath, domain_ids: Collection[str]) -> None:
    for j, domain_id in enumerate(listed):
        if domain_id not in domain_ids:
            raise PlanError(dangling("domain", domain_id, domain_ids), (*key, j))
    if len(set(listed)) != len(listed):
        raise PlanError("lists a domain twice", key)


def check_log(log: Sequence[LogEntry], domain_ids: Collection[str], resource_ids: Collection[str]) -> None:
    for i, entry in enumerate(log):
        check_log_entry(entry, i, domain_ids, resource_ids)


def check_log_entry(e: LogEntry, index: int, domain_ids: Collection[str], resource_ids: Collection[str]) -> None:
    """One log entry, at ``log[index]``: a date in range, hours of one day, known domain and resource."""
    if e.kind not in _LOG_KIND_SET:
        check_choice(e.kind, ("log", index, "kind"), LOG_KINDS)
    domain = e.domain
    if domain is None:
        if e.kind == "study":
            raise PlanError("is missing (required)", ("log", index, "domain"))
    elif domain not in domain_ids:
        check_text(domain, ("log", index, "domain"))
        raise PlanError(dangling("domain", domain, domain_ids), ("log", index, "domain"))
    resource = e.resource
    if resource is not None and resource not in resource_ids:
        check_text(resource, ("log", index, "resource"))
        raise PlanError(dangling("resource", resource, resource_ids), ("log", index, "resource"))
    if not _LOW_YEAR <= e.date.year <= _HIGH_YEAR:
        check_year(e.date, ("log", index, "date"))
    if not 0.0 < e.hours <= MAX_DAY_HOURS:
        number_error(e.hours, ("log", index, "hours"), 0.0, MAX_DAY_HOURS, low_open=True)
    if len(e.note) > MAX_TEXT:
        check_text(e.note, ("log", index, "note"), required=False)


def check_calendars(calendars: Sequence[CalendarSource]) -> None:
    seen: set[str] = set()
    for i, c in enumerate(calendars):
        key: KeyPath = ("calendars", i)
        check_id(c.id, (*key, "id"))
        if c.id in seen:
            raise PlanError(f"{shown(c.id)} is used by another calendar; ids must be unique", (*key, "id"))
        seen.add(c.id)
        source_key: KeyPath = (*key, "source")
        check_url(check_url_has_no_password(check_text(c.source, source_key), source_key), source_key)
        check_choice(c.kind, (*key, "kind"), CALENDAR_KINDS)
        _check_login(c.username, c.password_command, key)
        check_choice(c.all_day, (*key, "all_day"), ALL_DAY_CHOICES)


def _check_login(username: str | None, password_command: str | None, key: KeyPath) -> None:
    if username is not None:
        check_text(username, (*key, "username"))
    if password_command is not None:
        check_text(password_command, (*key, "password_command"))


def check_publish(publish: Publish) -> None:
    url_key: KeyPath = ("publish", "url")
    check_url(check_url_has_no_password(check_text(publish.url, url_key), url_key), url_key)
    _check_login(publish.username, publish.password_command, ("publish",))
    if publish.alarm_minutes is not None:
        check_whole(publish.alarm_minutes, ("publish", "alarm_minutes"), ALARM_MINUTES)


def check_session(session: RunningSession, domain_ids: Collection[str], resource_ids: Collection[str]) -> None:
    """A running session: a local start time and a domain (and resource) the plan has."""
    if session.started.tzinfo is not None:
        raise PlanError(_NO_OFFSET, ("session", "started"))
    check_year(session.started.date(), ("session", "started"))
    if session.domain not in domain_ids:
        raise PlanError(dangling("domain", session.domain, domain_ids), ("session", "domain"))
    if session.resource is not None and session.resource not in resource_ids:
        raise PlanError(dangling("resource", session.resource, resource_ids), ("session", "resource"))


def check_focus(focus: Focus) -> None:
    check_whole(focus.work_minutes, ("focus", "work_minutes"), FOCUS_WORK_MINUTES)
    check_whole(focus.break_minutes, ("focus", "break_minutes"), FOCUS_BREAK_MINUTES)
