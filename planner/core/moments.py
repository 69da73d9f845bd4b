"""Where plan dates meet instants: zones, and the dates people type.

The engine plans in local dates; this module turns a plan's naive exam time
into an instant in its zone and reads ``--today`` and typed dates. It never
reads the clock or the machine's zone (``planner.edge.clock`` does).
Everything is ``pendulum``, which gets daylight-saving transitions right
(an exam at 09:00 on the day Berlin moves to summer time is 09:00+02:00).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from planner.core.errors import PlanError

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import Plan

# pendulum is imported where it is used: the TUI paints its first frame before it needs any.

__all__ = ["at_local", "check_moment", "exam_at", "local_time", "parse_date", "parse_moment"]


def exam_at(plan: Plan, zone: str) -> pendulum.DateTime:
    """The exam as an instant in ``zone`` (the exam's own)."""
    return at_local(plan.exam.date, zone)


def at_local(naive: dt.datetime, zone: str) -> pendulum.DateTime:
    import pendulum

    return pendulum.datetime(naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second, tz=zone)


def check_moment(text: str, *, what: str = "--today") -> dt.date | dt.datetime:
    """``text`` as a date or a date-time, or the ``PlanError`` every front end prints."""
    value = text.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise PlanError(f"{what}: {value!r} is not a date (2027-01-10) or a date-time (2027-01-10T19:00)") from None


def parse_moment(text: str, zone: str, *, what: str = "--today") -> pendulum.DateTime:
    """``2027-01-10`` (00:00 of that day in ``zone``) or a date-time; an offset is honoured."""
    return _in_zone(check_moment(text, what=what), zone, text, what)


def _in_zone(parsed: dt.date | dt.datetime, zone: str, text: str, what: str) -> pendulum.DateTime:
    import pendulum

    try:
        if not isinstance(parsed, dt.datetime):
            return pendulum.datetime(parsed.year, parsed.month, parsed.day, tz=zone)
        if parsed.tzinfo is None:
            return at_local(parsed, zone)
        return pendulum.instance(parsed).in_timezone(zone)
    except (OverflowError, ValueError):
        raise PlanError(f"{what}: {text.strip()!r} is out of the range of dates the planner handles") from None


def local_time(text: str, zone: str, keep: dt.time, *, what: str) -> dt.datetime:
    """A new exam time as the plan stores it (local, naive): a date alone keeps the time ``keep``."""
    parsed = check_moment(text, what=what)
    if not isinstance(parsed, dt.datetime):
        return dt.datetime.combine(parsed, keep)
    moment = _in_zone(parsed, zone, text, what)
    return dt.datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def parse_date(text: str, *, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(f"{what}: {text!r} is not a date like 2027-01-10") from None
