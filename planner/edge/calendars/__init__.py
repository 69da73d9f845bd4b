"""Busy time from the user's calendars: .ics files and folders, https feeds, CalDAV collections.

Imported only when a plan has ``[[calendars]]`` (or publishes): the
iCalendar and CalDAV libraries stay out of every other command's start-up.
The command line and the TUI call ``read_calendars`` (with ``refresh=True``
for a refresh key or ``planner calendars refresh``) and hand its ``busy``
and ``notices`` to ``situate``.
"""

from __future__ import annotations

from planner.edge.calendars.cache import CACHE_ENV, FRESH_FOR
from planner.edge.calendars.errors import CalendarError, FetchError
from planner.edge.calendars.password import PASSWORD_ENV
from planner.edge.calendars.read import Reading, SourceState, read_calendars

__all__ = [
    "CACHE_ENV",
    "FRESH_FOR",
    "PASSWORD_ENV",
    "CalendarError",
    "FetchError",
    "Reading",
    "SourceState",
    "read_calendars",
]
