"""iCalendar data to busy events, with the kept libraries doing all of RFC 5545.

``icalendar`` parses, ``x-wr-timezone`` gives the zone to feeds that name it
only in ``X-WR-TIMEZONE`` (Google's exports), and ``recurring-ical-events``
expands recurrences with their exclusions, moved instances, all-day dates
and zones. What is left here is reading the two flags rule 8 needs
(cancelled, transparent) off each occurrence, and refusing a calendar whose
rules repeat too often to expand (``limits``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.core.busy import BusyEvent
from planner.core.uids import MARK_PROPERTY
from planner.edge.calendars.limits import Count

__all__ = ["BrokenCalendar", "events_of"]


class BrokenCalendar(ValueError):
    """Data that is not iCalendar, or that the libraries cannot expand; the message says why in a few words."""


def events_of(
    data: bytes, calendar_id: str, first: dt.date, last: dt.date, *, own: str | None = None
) -> list[BusyEvent]:
    """The busy events of ``data`` (one or more VCALENDARs) from ``first`` to ``last`` inclusive.

    Events the plan with key ``own`` published are left out: a study calendar
    that is also read for busy time must not take the plan's own sessions
    off its study windows.
    """
    if not data.strip():
        return []
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError) as exc:
        raise BrokenCalendar(f"not iCalendar data ({_short(exc)})") from None
    if not calendars:
        raise BrokenCalendar("not iCalendar data (no VCALENDAR)")
    out: list[BusyEvent] = []
    count = Count(first, last)
    for calendar in calendars:
        if calendar.name != "VCALENDAR":
            raise BrokenCalendar(f"not iCalendar data ({calendar.name} where VCALENDAR belongs)")
        query = _query(calendar)
        _counted(count, query)
        try:
            found = query.between(first, last + dt.timedelta(days=1))
            out.extend(_busy(event, calendar_id) for event in found if not _own(event, own))
        except Exception as exc:  # the libraries raise many kinds on a bad RRULE or zone: all mean "broken"
            raise BrokenCalendar(f"an event cannot be read ({_short(exc)})") from None
    return out


def _query(calendar: Any) -> Any:
    """The calendar's events as ``recurring_ical_events`` will expand them (rules parsed, none worked out yet)."""
    import recurring_ical_events
    import x_wr_timezone

    try:
        return recurring_ical_events.of(x_wr_timezone.to_standard(calendar))
    except Exception as exc:  # as above: a bad RRULE, DTSTART or zone
        raise BrokenCalendar(f"an event cannot be read ({_short(exc)})") from None


def _counted(count: Count, query: Any) -> None:
    """Count the query's repeats (``limits``): ``BrokenCalendar`` when there are too many to expand."""
    try:
        problem = count.too_many(query)
    except Exception as exc:  # a rule dateutil cannot work out is as broken as one it cannot parse
        raise BrokenCalendar(f"an event cannot be read ({_short(exc)})") from None
    if problem is not None:
        raise BrokenCalendar(problem)


def _own(event: Any, key: str | None) -> bool:
    return key is not None and str(event.get(MARK_PROPERTY, "")) == key


def _busy(event: Any, calendar_id: str) -> BusyEvent:
    start = event["DTSTART"].dt
    end = event["DTEND"].dt if "DTEND" in event else start
    status = str(event.get("STATUS", "")).upper()
    transp = str(event.get("TRANSP", "")).upper()
    return BusyEvent(calendar_id, start, end, transparent=transp == "TRANSPARENT", cancelled=status == "CANCELLED")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:117] + "...") if len(text) > 120 else (text or type(exc).__name__)
