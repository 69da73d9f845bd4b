"""The busy events a calendar's bytes expanded to, kept so the same bytes are not expanded again.

Parsing iCalendar and expanding its recurrences needs ``icalendar`` and
``recurring-ical-events``, which take longer to import than the rest of a
``planner schedule`` run. Yet the bytes rarely change between two commands:
a feed's copy is used as it is for ``FRESH_FOR``, and a calendar file changes
when its owner adds a meeting. So what ``events_of`` made of them is kept
beside the copies, one file per place read, under a key that names
everything the result depends on (the bytes' digest, the days asked for,
the plan whose own sessions are left out, this format, and the installed
iCalendar libraries and time-zone data, told by their files' size and time,
so an upgrade is noticed without importing them). Any difference, or a kept
file that does not read, and the libraries expand the bytes again.

Only the instants are kept: an aware time as its UTC offset, which is all
``core.busy`` reads of it (every event becomes an instant in UTC there); a
floating time stays naive and an all-day event stays a date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib.util
import json
import os
from pathlib import Path
from typing import Final

from planner.core.busy import BusyEvent
from planner.core.digest import sha256_hex
from planner.edge.calendars.events import events_of

__all__ = ["expanded"]

FORMAT: Final = 2
"""Bumped when what ``events_of`` returns for the same bytes changes because of a fix here
(2: a calendar whose rules repeat past ``limits`` is refused, not expanded)."""
_LIBRARIES: Final = ("icalendar", "recurring_ical_events", "x_wr_timezone", "tzdata", "dateutil")
"""What expands the bytes: the libraries, and the zone data they may read (besides the system's)."""


def expanded(
    data: bytes, calendar_id: str, first: dt.date, last: dt.date, *, own: str | None, folder: Path, place: str
) -> list[BusyEvent]:
    """``events_of(data, ...)``, from the kept result when it was made from the same bytes and days.

    ``place`` names where the bytes came from (a file's path, a feed's cache
    key): one result is kept per place, the last one made. ``BrokenCalendar``
    is raised as ``events_of`` raises it, and nothing is kept then.
    """
    basis = sha256_hex(data) + f"|{FORMAT}|{calendar_id}|{first}|{last}|{own or ''}|{installed()}"
    path = _path(folder, place)
    kept = _load(path, basis, calendar_id)
    if kept is not None:
        return kept
    events = events_of(data, calendar_id, first, last, own=own)
    with contextlib.suppress(OSError, ValueError):  # a cache that cannot be written only costs time
        _store(path, basis, events)
    return events


@functools.cache
def installed() -> str:
    """The libraries and zone data as installed now: each file's size and time (``-`` when absent)."""
    marks = []
    for name in _LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        marks.append(_mark(spec.origin if spec is not None and spec.origin else None))
    import zoneinfo

    marks.extend(_mark(os.path.join(folder, "tzdata.zi")) for folder in zoneinfo.TZPATH)
    return ",".join(marks)


def _mark(path: str | None) -> str:
    try:
        st = os.stat(path) if path else None
    except OSError:
        st = None
    return f"{st.st_size}:{st.st_mtime_ns}" if st is not None else "-"


def _path(folder: Path, place: str) -> Path:
    name = sha256_hex(place.encode("utf-8", "surrogatepass"))[:24]
    return folder / "calendars" / f"{name}.events.json"


def _load(path: Path, basis: str, calendar_id: str) -> list[BusyEvent] | None:
    try:
        kept = json.loads(path.read_bytes())
        if kept["basis"] != basis:
            return None
        return [
            BusyEvent(calendar_id, _moment(start), _moment(end), transparent=bool(t), cancelled=bool(c))
            for start, end, t, c in kept["events"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(path: Path, basis: str, events: list[BusyEvent]) -> None:
    from planner.edge.store import write_atomic

    rows = [[e.start.isoformat(), e.end.isoformat(), e.transparent, e.cancelled] for e in events]
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, json.dumps({"basis": basis, "events": rows}).encode("utf-8"))


def _moment(text: str) -> dt.date | dt.datetime:
    """A date for an all-day event (``2027-01-04``), else the date-time, with its offset when it had one."""
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text)
