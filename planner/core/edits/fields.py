"""The Plan form: one field at a time, by key path, with a typed value.

A field is applied only when its whole value is valid, and an optional key
is removed only by ``clear_field``, never by an empty box on the way to
retyping it (issue 10, item 3). ``field_from_text`` reads what a person
typed with the same strictness as ``rules.parse_hours``: plain ASCII
decimals, ISO dates, ``HH:MM`` times.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final, Literal

from planner.core import moments, rules
from planner.core.edits._common import text_in
from planner.core.errors import KeyPath, PlanError, format_key
from planner.core.model import DEFAULT_START_TIME, STRATEGIES, WEEKDAYS, Domain, Plan, replace
from planner.core.record import Record

__all__ = ["FORM_FIELDS", "Field", "clear_field", "field_from_text", "form_field", "get_field", "set_field"]

Kind = Literal["text", "zone", "number", "whole", "date", "time", "choice"]


class Field(Record):
    """What a form field holds: its kind, whether it may be cleared, and its choices."""

    kind: Kind
    optional: bool = False
    """May be removed with ``clear_field`` (the file then leaves the key out)."""
    choices: tuple[str, ...] = ()


_TEXT, _NUMBER, _WHOLE = Field("text"), Field("number"), Field("whole")
_EXAM: Final = {
    "name": _TEXT,
    "code": Field("text", optional=True),
    "timezone": Field("zone", optional=True),
    "duration_minutes": _WHOLE,
    "passing_score": Field("number", optional=True),
    "postponements_allowed": Field("whole", optional=True),
    "reschedule_cutoff_hours": _NUMBER,
}
_STUDY: Final = {
    "start": Field("date"),
    "target_hours": Field("number", optional=True),
    "granularity_hours": _NUMBER,
    "strategy": Field("choice", choices=STRATEGIES),
    "week_starts": Field("choice", choices=("monday", "sunday")),
}
_PRACTICE: Final = {"count": _WHOLE, "minutes": _WHOLE, "weeks_before_exam": _WHOLE}
_DOMAIN: Final = {"name": _TEXT, "weight": _NUMBER, "confidence": Field("whole", optional=True)}
_AVAILABILITY: Final = Field("number", optional=True)
"""Clearing a weekday's hours makes it 0, as a day missing from the file is."""
_START_TIME: Final = Field("time", optional=True)

FORM_FIELDS: Final = (
    *(f"exam.{name}" for name in _EXAM),
    *(f"study.{name}" for name in _STUDY),
    "study.availability.<weekday>",
    "study.start_times.<weekday>",
    *(f"practice.{name}" for name in _PRACTICE),
    *(f"domains[i].{name}" for name in _DOMAIN),
)
"""The key paths the form may set, as documentation (``<weekday>`` is monday .. sunday)."""

_DECIMAL: Final = re.compile(r"-?(?:[0-9]{1,15}(?:\.[0-9]{1,15})?|\.[0-9]{1,15})")
_DIGITS: Final = re.compile(r"-?[0-9]{1,15}")
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HHMM: Final = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def form_field(key: KeyPath) -> Field:
    """The field at ``key``, or a ``PlanError`` when the form has no such field."""
    match key:
        case ("exam", str(name)) if name in _EXAM:
            return _EXAM[name]
        case ("study", str(name)) if name in _STUDY:
            return _STUDY[name]
        case ("study", "availability", str(day)) if day in WEEKDAYS:
            return _AVAILABILITY
        case ("study", "start_times", str(day)) if day in WEEKDAYS:
            return _START_TIME
        case ("practice", str(name)) if name in _PRACTICE:
            return _PRACTICE[name]
        case ("domains", int(), str(name)) if name in _DOMAIN:
            return _DOMAIN[name]
    raise PlanError("is not a field of the Plan form", key)


def get_field(plan: Plan, key: KeyPath) -> object:
    """The value at ``key`` as the model holds it (``None`` for an optional key left out)."""
    form_field(key)
    match key:
        case ("study", "availability", str(day)):
            return plan.study.availability[WEEKDAYS.index(day)]
        case ("study", "start_times", str(day)):
            return dict(plan.study.start_times).get(day)
        case ("domains", int(i), str(name)):
            return getattr(_domain(plan, i, key), name)
        case (str(section), str(name)):
            return getattr(getattr(plan, section), name)
    raise PlanError("is not a field of the Plan form", key)  # pragma: no cover (form_field refused it)


def set_field(plan: Plan, key: KeyPath, value: object) -> Plan:
    """``plan`` with ``value`` at ``key``, or the ``PlanError`` that names why not (the plan is unchanged)."""
    field = form_field(key)
    if value is None or (isinstance(value, str) and field.kind != "text" and not value.strip()):
        raise PlanError("must not be empty" + ("; clear it to leave it out" if field.optional else ""), key)
    return rules.check_settings(_put(plan, key, _typed(field, value, key)))


def clear_field(plan: Plan, key: KeyPath) -> Plan:
    """``plan`` without the optional key at ``key``: the explicit way to remove it."""
    if not form_field(key).optional:
        raise PlanError("is required; it cannot be cleared", key)
    match key:
        case ("study", "availability", str()):
            return rules.check_settings(_put(plan, key, 0.0))
        case ("study", "start_times", str(day)):
            times = tuple((d, t) for d, t in plan.study.start_times if d != day)
            return replace(plan, study=replace(plan.study, start_times=times))
    return _put(plan, key, None)


def field_from_text(key: KeyPath, text: str) -> object:
    """What ``text`` typed into the field at ``key`` means: a number, a date, a time, or the text itself.

    Blank text is ``None``: an empty box is not a value (``set_field`` says so).
    """
    field = form_field(key)
    value = text.strip()
    if field.kind == "text":
        return text if text.strip() else None
    if not value:
        return None
    pattern, what = {
        "number": (_DECIMAL, "a number (write it like 1.5)"),
        "whole": (_DIGITS, "a whole number"),
        "date": (_ISO_DATE, "a date like 2027-01-31"),
        "time": (_HHMM, 'a time of day like "19:00"'),
    }.get(field.kind, (None, ""))
    if pattern is None:
        return value
    match = pattern.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        return _convert(field.kind, value, match)
    except ValueError:
        why = moments.no_such_day(value) if field.kind == "date" else None  # "2027-02-30": say why it is none
        raise PlanError(f"{rules.shown(value)} {why or f'is not {what}'}", key) from None


def _convert(kind: Kind, value: str, match: re.Match[str]) -> object:
    if kind == "number":
        return float(value) + 0.0  # "-0" is 0, not -0.0 written back as "-0.0"
    if kind == "whole":
        return int(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    return dt.time(int(match[1]), int(match[2]))


def _typed(field: Field, value: object, key: KeyPath) -> object:
    """``value`` as the model's type for ``field``, or a ``PlanError`` naming what was expected."""
    kind = field.kind
    if kind in ("text", "zone", "choice") and isinstance(value, str):
        if kind == "choice":
            return rules.check_choice(value, key, field.choices)
        text = text_in(value, key, required=True)
        return rules.check_zone(text, key) if kind == "zone" else text
    if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    whole = isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer()
    if kind == "whole" and whole and isinstance(value, (int, float)):
        return int(value)
    if kind == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if kind == "time" and isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    expected = {"number": "a number", "whole": "a whole number", "date": "a date", "time": "a time of day"}
    got = f"{rules.type_name(value)} {rules.shown(value)}"
    raise PlanError(f"must be {expected.get(kind, 'text')}, got {got}", key)


def _domain(plan: Plan, index: int, key: KeyPath) -> Domain:
    if not 0 <= index < len(plan.domains):
        raise PlanError(f"there is no domain {index} (the plan has {len(plan.domains)})", key)
    return plan.domains[index]


def _put(plan: Plan, key: KeyPath, value: object) -> Plan:
    study = plan.study
    match key:
        case ("study", "availability", str(day)):
            if not isinstance(value, float):
                raise PlanError(f"must be a number, got {rules.type_name(value)}", key)
            hours = list(study.availability)
            hours[WEEKDAYS.index(day)] = value
            return replace(plan, study=replace(study, availability=tuple(hours)))
        case ("study", "start_times", str(day)):
            times = dict(study.start_times)
            times[day] = value if isinstance(value, dt.time) else DEFAULT_START_TIME
            ordered = tuple((d, times[d]) for d in WEEKDAYS if d in times)
            return replace(plan, study=replace(study, start_times=ordered))
        case ("domains", int(i), str(name)):
            changes: dict[str, Any] = {name: value}  # (the field's kind made ``value`` the attribute's type)
            changed = replace(_domain(plan, i, key), **changes)
            return replace(plan, domains=(*plan.domains[:i], changed, *plan.domains[i + 1 :]))
        case (str(section), str(name)):
            part = replace(getattr(plan, section), **{name: value})
            return replace(plan, **{section: part})
    raise PlanError(f"is not a field of the Plan form ({format_key(key)})", key)  # pragma: no cover
