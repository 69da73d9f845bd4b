"""How much of a calendar the planner takes on: its size, and how often its events may repeat.

A calendar comes from elsewhere (a file, a feed, a server), and one line of
it can ask for endless work: ``RRULE:FREQ=SECONDLY`` without an end is an
event every second, 86,400 a day, which the expansion would make one by one
until the memory ran out. So a calendar is read only up to ``MAX_BYTES``,
and before its recurrences are expanded they are counted here, lazily, on
the very rules the expansion will use (``recurring-ical-events`` builds
them with ``dateutil``, which keeps what it worked out: counting first
costs the expansion nothing). Past a limit the calendar is refused as
unreadable, with the reason, and the plan says so (``calendar-unreadable``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Final

__all__ = ["MAX_BYTES", "MAX_OCCURRENCES", "MAX_REPEATS", "MAX_RULE_REPEATS", "Count"]

MAX_BYTES: Final = 50 * 1024 * 1024
"""A calendar this large is not a personal calendar (years of a busy one are a few megabytes)."""
MAX_OCCURRENCES: Final = 20_000
"""Occurrences of repeating events in one calendar's study window. A busy working calendar has ten
events a working day, 2,600 a year, and most plans last months; 20,000 is years of that. Each one
costs the expansion about 50 µs, so the limit also keeps a calendar's first read near a second
(``FREQ=MINUTELY`` makes 20,000 in a fortnight, ``FREQ=SECONDLY`` in six hours)."""
MAX_RULE_REPEATS: Final = 200_000
"""Times one rule may repeat from its first day to the study window's end, before it as well as in it:
each repeat is worked out from the rule's start, a few µs a time. A daily meeting kept since 1970 is
21,000; a rule repeating every minute since 2020, ended or not, is millions."""
MAX_REPEATS: Final = 2_000_000
"""Repeats of all the calendar's rules together, counted the same way: a few seconds of work at most.
Counted per rule first, as many slow rules are ordinary: a contacts calendar writes a birthday of an
unknown year as a yearly rule from 1604, 420 repeats each, 250,000 for 600 contacts."""


class Count:
    """What the rules of one calendar (one file, one feed: all its VCALENDARs) repeat so far."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time())
        """The window, a day wider each way than the days asked for (zones), as wall-clock times."""
        self.stop = dt.datetime.combine(last + dt.timedelta(days=2), dt.time())
        self.repeats = 0
        self.occurrences = 0

    def too_many(self, query: Any) -> str | None:
        """Why expanding ``query`` (``recurring_ical_events.of(...)``) would be too much, or ``None``."""
        for rule in _rules(query):
            for repeats, when in enumerate(rule, start=1):
                wall = _wall(when)
                if wall > self.stop:
                    break
                self.repeats += 1
                self.occurrences += wall >= self.start
                if self.occurrences > MAX_OCCURRENCES:
                    return f"more than {MAX_OCCURRENCES:,} occurrences of repeating events in the study window"
                if repeats > MAX_RULE_REPEATS:
                    return f"an event repeats more than {MAX_RULE_REPEATS:,} times by the study window's end"
                if self.repeats > MAX_REPEATS:
                    return f"its events repeat more than {MAX_REPEATS:,} times by the study window's end"
        return None


def _wall(when: dt.date) -> dt.datetime:
    """A rule's instant as wall-clock time in its own zone: hours off UTC do not matter to a count by days."""
    if isinstance(when, dt.datetime):
        return when.replace(tzinfo=None)
    return dt.datetime.combine(when, dt.time())


def _rules(query: Any) -> Iterator[Any]:
    """The ``dateutil`` rules (and the rule set of each event's own dates) the query's series expand.

    recurring-ical-events 3 keeps them in ``query.series[i].recurrence.rrules``;
    an event that does not repeat has none. Iterating one fills its cache,
    which the expansion then reads instead of working the rule out again.
    """
    for series in getattr(query, "series", ()):
        yield from getattr(getattr(series, "recurrence", None), "rrules", ())
