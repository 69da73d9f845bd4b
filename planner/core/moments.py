"""Where plan dates meet instants: zones, and the dates people type.

The engine plans in local dates; this module turns a plan's naive exam time
into an instant in its zone and reads ``--today`` and typed dates. It never
reads the clock or the machine's zone (``planner.edge.clock`` does).
Everything is ``pendulum``, which gets daylight-saving transitions right
(an exam at 09:00 on the day Berlin moves to summer time is 09:00+02:00).

A local time that does not exist (02:30 on the spring-forward day) or exists
twice (02:30 on the fall-back day) still becomes one instant, but never
silently: ``resolve`` says which one (``Local.note``), for the front ends to show.

Every date typed is bounded to ``rules.YEARS``, the years a plan may hold: a
``--today`` of 9999-12-31 would otherwise overflow the date arithmetic of the
engine and the warnings (a week after it is past the year 9999).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from planner.core.errors import PlanError
from planner.core.years import YEARS

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import Plan

# pendulum is imported where it is used: the TUI paints its first frame before it needs any.

__all__ = [
    "Local",
    "at_local",
    "check_moment",
    "exam_at",
    "exam_note",
    "local_time",
    "naive",
    "no_such_day",
    "parse_date",
    "parse_moment",
    "resolve",
    "typed_time",
]


class Local(NamedTuple):
    """A wall-clock time in a zone, made an instant."""

    at: pendulum.DateTime
    note: str | None
    """Set when the wall-clock time is skipped or repeated that day: which instant ``at`` is, in words."""


def exam_at(plan: Plan, zone: str) -> pendulum.DateTime:
    """The exam as an instant in ``zone`` (the exam's own)."""
    return at_local(plan.exam.date, zone)


def exam_note(plan: Plan, zone: str) -> str | None:
    """What ``resolve`` says of the exam's time: ``None`` unless a clock change skips or repeats it."""
    return resolve(plan.exam.date, zone).note


def at_local(naive: dt.datetime, zone: str) -> pendulum.DateTime:
    """``naive`` in ``zone``: a skipped time moves forward by the gap, a repeated one is the second."""
    import pendulum

    return pendulum.datetime(naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second, tz=zone)


def resolve(naive: dt.datetime, zone: str) -> Local:
    """``naive`` in ``zone`` as ``at_local`` makes it, and a note when the clocks change around it."""
    import pendulum

    at = at_local(naive, zone)
    wall = f"{naive:%H:%M}"
    if (at.hour, at.minute, at.second) != (naive.hour, naive.minute, naive.second):
        return Local(
            at,
            f"{wall} does not exist on {naive:%Y-%m-%d} in {zone} (the clocks go forward);"
            f" using {at:%H:%M} {at.tzname()} (UTC{_offset(at)})",
        )
    first = pendulum.datetime(
        naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second, tz=zone, fold=0
    )
    if first.utcoffset() != at.utcoffset():
        return Local(
            at,
            f"{wall} happens twice on {naive:%Y-%m-%d} in {zone} (the clocks go back);"
            f" using the second, {at:%H:%M} {at.tzname()} (UTC{_offset(at)})",
        )
    return Local(at, None)


def _offset(at: pendulum.DateTime) -> str:
    text = at.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def _bounded(value: dt.date, text: str, what: str) -> None:
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise PlanError(f"{what}: {text.strip()!r} is outside the years the planner handles ({YEARS[0]} to {YEARS[1]})")


def check_moment(text: str, *, what: str = "--today") -> dt.date | dt.datetime:
    """``text`` as a date or a date-time within ``rules.YEARS``, or the ``PlanError`` every front end prints."""
    value = text.strip()
    try:
        if len(value) == 10:
            parsed: dt.date | dt.datetime = dt.date.fromisoformat(value)
        else:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        why = no_such_day(value)
        if why:
            raise PlanError(f"{what}: {value!r} {why}") from None
        raise PlanError(f"{what}: {value!r} is not a date (2027-01-10) or a date-time (2027-01-10T19:00)") from None
    _bounded(parsed, text, what)
    return parsed


def parse_moment(text: str, zone: str, *, what: str = "--today") -> pendulum.DateTime:
    """``2027-01-10`` (00:00 of that day in ``zone``) or a date-time; an offset is honoured."""
    return _in_zone(check_moment(text, what=what), zone, text, what)


def _in_zone(parsed: dt.date | dt.datetime, zone: str, text: str, what: str) -> pendulum.DateTime:
    import pendulum

    try:
        if not isinstance(parsed, dt.datetime):
            moment = pendulum.datetime(parsed.year, parsed.month, parsed.day, tz=zone)
        elif parsed.tzinfo is None:
            moment = at_local(parsed, zone)
        else:
            moment = pendulum.instance(parsed).in_timezone(zone)
    except (OverflowError, ValueError):
        raise PlanError(f"{what}: {text.strip()!r} is out of the range of dates the planner handles") from None
    _bounded(moment.date(), text, what)  # an offset can carry it over the edge of a year
    return moment


def typed_time(text: str, zone: str, keep: dt.time, *, what: str) -> Local:
    """A typed exam time in ``zone``: a date alone keeps the time ``keep``; an offset is honoured.

    A wall-clock time the clocks skip or repeat that day is resolved as
    ``resolve`` does, with its note, for the front end to show.
    """
    parsed = check_moment(text, what=what)
    if not isinstance(parsed, dt.datetime):
        parsed = dt.datetime.combine(parsed, keep)
    if parsed.tzinfo is not None:
        return Local(_in_zone(parsed, zone, text, what), None)  # an exact instant: nothing to choose
    _in_zone(parsed, zone, text, what)  # the bounds, and a zone the date arithmetic can take
    return resolve(parsed, zone)


def local_time(text: str, zone: str, keep: dt.time, *, what: str) -> dt.datetime:
    """A new exam time as the plan stores it (local, naive): the wall-clock time of ``typed_time``."""
    return naive(typed_time(text, zone, keep, what=what).at)


def naive(moment: pendulum.DateTime) -> dt.datetime:
    """The wall-clock time of ``moment``, as a plan stores times (no zone)."""
    return dt.datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def parse_date(text: str, *, what: str) -> dt.date:
    """A typed day (``2027-01-10``) within ``rules.YEARS``."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        why = no_such_day(text.strip())
        raise PlanError(f"{what}: {text!r} {why or 'is not a date like 2027-01-10'}") from None
    _bounded(day, text, what)
    return day


def no_such_day(text: str) -> str | None:
    """Why a date written in the right shape is no day (``2027-02-30``), or ``None`` when it is not that."""
    if len(text) < 10 or not (text[:4] + text[5:7] + text[8:10]).isascii():
        return None
    year, month, day = text[:4], text[5:7], text[8:10]
    if text[4] != "-" or text[7] != "-" or not (year + month + day).isdigit():
        return None
    if not 1 <= int(month) <= 12:
        return f"has no month {int(month)} (months go from 01 to 12)"
    if int(year) == 0:
        return "has no year 0"
    import calendar

    days = calendar.monthrange(int(year), int(month))[1]
    if not 1 <= int(day) <= days:
        return f"is no day: {calendar.month_name[int(month)]} {int(year)} has {days} days"
    return None
