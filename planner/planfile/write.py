"""A ``Plan`` to the TOML document of format v1, as a person would write it.

Defaults a person would leave out are left out, whole numbers are written
as integers, and days anchored to the exam are written as
``days_before_exam`` (and ``days``) so they keep moving with it.
``parse.from_document(to_document(plan)) == plan`` for every valid plan.
"""

from __future__ import annotations

from typing import Any

from planner.core.model import (
    SCHEMA,
    WEEKDAYS,
    CalendarSource,
    DayRange,
    Domain,
    Exam,
    Focus,
    LogEntry,
    Plan,
    Practice,
    PracticeResult,
    Publish,
    Reschedule,
    Resource,
    RunningSession,
    Study,
)

__all__ = ["to_document"]


def to_document(plan: Plan) -> dict[str, Any]:
    """The TOML document for a plan: tables and arrays of tables in the order design.md shows them."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "exam": _exam_doc(plan.exam),
        "study": _study_doc(plan.study),
        "practice": _practice_doc(plan.practice),
    }
    if plan.calendars:
        doc["calendars"] = [_calendar_doc(c) for c in plan.calendars]
    if plan.publish is not None:
        doc["publish"] = _publish_doc(plan.publish)
    if plan.session is not None:
        doc["session"] = _session_doc(plan.session)
    if plan.focus is not None:
        doc["focus"] = _focus_doc(plan.focus)
    doc["domains"] = [_domain_doc(d) for d in plan.domains]
    if plan.resources:
        doc["resources"] = [_resource_doc(r) for r in plan.resources]
    if plan.log:
        doc["log"] = [_log_doc(e) for e in plan.log]
    return doc


def _clean(value: float) -> float | int:
    """Whole hours are written as integers so the file reads as a person wrote it."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _put(out: dict[str, Any], name: str, value: object, default: object = None) -> None:
    if value is not None and value != default:
        out[name] = value


def _exam_doc(exam: Exam) -> dict[str, Any]:
    out: dict[str, Any] = {"name": exam.name}
    _put(out, "code", exam.code)
    out["date"] = exam.date
    _put(out, "timezone", exam.timezone)
    out["duration_minutes"] = exam.duration_minutes
    if exam.passing_score is not None:
        out["passing_score"] = _clean(exam.passing_score)
    _put(out, "postponements_allowed", exam.postponements_allowed)
    out["reschedule_cutoff_hours"] = _clean(exam.reschedule_cutoff_hours)
    if exam.reschedules:
        out["reschedules"] = [_reschedule_doc(r) for r in exam.reschedules]
    return out


def _study_doc(study: Study) -> dict[str, Any]:
    out: dict[str, Any] = {"start": study.start}
    if study.target_hours is not None:
        out["target_hours"] = _clean(study.target_hours)
    out["week_starts"] = study.week_starts
    out["granularity_hours"] = _clean(study.granularity_hours)
    out["strategy"] = study.strategy
    out["availability"] = {day: _clean(h) for day, h in zip(WEEKDAYS, study.availability, strict=True)}
    if study.start_times:
        out["start_times"] = {day: time.strftime("%H:%M") for day, time in study.start_times}
    if study.blackouts:
        out["blackouts"] = [_range_doc(r) for r in study.blackouts]
    if study.overrides:
        out["overrides"] = [_range_doc(r) for r in study.overrides]
    return out


def _practice_doc(practice: Practice) -> dict[str, Any]:
    out: dict[str, Any] = {
        "count": practice.count,
        "minutes": practice.minutes,
        "weeks_before_exam": practice.weeks_before_exam,
    }
    if practice.results:
        out["results"] = [_result_doc(r) for r in practice.results]
    return out


def _reschedule_doc(r: Reschedule) -> dict[str, Any]:
    out: dict[str, Any] = {"from": r.from_, "to": r.to, "on": r.on}
    _put(out, "reason", r.reason, "")
    return out


def _range_doc(r: DayRange) -> dict[str, Any]:
    out: dict[str, Any]
    if r.days_before_exam is None:
        out = {"start": r.start, "end": r.end}
    else:
        out = {"days_before_exam": r.days_before_exam}
        _put(out, "days", r.days, 1)
    if r.hours is not None:
        out["hours"] = _clean(r.hours)
    _put(out, "reason", r.reason, "")
    return out


def _result_doc(r: PracticeResult) -> dict[str, Any]:
    out: dict[str, Any] = {"date": r.date, "score": _clean(r.score)}
    if r.domains:
        out["domains"] = {k: _clean(v) for k, v in r.domains}
    return out


def _domain_doc(d: Domain) -> dict[str, Any]:
    out: dict[str, Any] = {"id": d.id, "name": d.name, "weight": _clean(d.weight)}
    _put(out, "confidence", d.confidence)
    return out


def _resource_doc(r: Resource) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id, "title": r.title}
    _put(out, "url", r.url)
    out["kind"] = r.kind
    if r.domains:
        out["domains"] = list(r.domains)
    out["hours"] = _clean(r.hours)
    out["priority"] = r.priority
    out["status"] = r.status
    _put(out, "done_on", r.done_on)
    _put(out, "notes", r.notes, "")
    _put(out, "order", r.order)
    _put(out, "origin", r.origin)
    return out


def _log_doc(e: LogEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"date": e.date, "hours": _clean(e.hours)}
    _put(out, "domain", e.domain)
    _put(out, "resource", e.resource)
    _put(out, "note", e.note, "")
    _put(out, "kind", e.kind, "study")
    return out


def _calendar_doc(c: CalendarSource) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "source": c.source}
    _put(out, "kind", c.kind, "ics")
    _put(out, "username", c.username)
    _put(out, "password_command", c.password_command)
    out["all_day"] = c.all_day
    return out


def _publish_doc(p: Publish) -> dict[str, Any]:
    out: dict[str, Any] = {"url": p.url}
    _put(out, "username", p.username)
    _put(out, "password_command", p.password_command)
    _put(out, "alarm_minutes", p.alarm_minutes)
    return out


def _session_doc(s: RunningSession) -> dict[str, Any]:
    out: dict[str, Any] = {"started": s.started, "domain": s.domain}
    _put(out, "resource", s.resource)
    return out


def _focus_doc(f: Focus) -> dict[str, Any]:
    return {"work_minutes": f.work_minutes, "break_minutes": f.break_minutes, "enabled": f.enabled}
