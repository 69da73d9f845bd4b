"""What the command line and the TUI say about the calendars and a publish, in one wording.

``planner calendars`` and the dashboard list the same sources the same way;
``planner publish`` and the TUI's publish report the same changes. Every
line is safe text (a calendar id or an event summary comes from a file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from planner.core.fmt import day, hours_h, time_left
from planner.core.safetext import clean
from planner.edge.calendars.read import Reading, SourceState

if TYPE_CHECKING:
    from planner.edge.publish import PublishResult

__all__ = ["publish_lines", "source_line", "source_lines", "total_line", "when_read"]

_KINDS: Final = {"file": "file", "folder": "folder", "feed": "feed", "caldav": "CalDAV"}


def when_read(state: SourceState, now: dt.datetime) -> str:
    """``read now``, ``read 3 min ago (kept copy)``, ``not read (timed out); the copy read 2 h ago is used``."""
    if state.read_at is None:
        return f"not read: {state.problem}"
    seconds = (now - state.read_at).total_seconds()
    ago = "just now" if seconds < 60 else f"{time_left(seconds)} ago"
    if state.problem:
        return f"not read ({state.problem}); the copy read {ago} is used"
    if not state.cached and seconds < 60:
        return "read now"
    return f"read {ago}" + (" (kept copy)" if state.cached else "")


def source_line(state: SourceState, now: dt.datetime) -> str:
    where = f"{_KINDS.get(state.kind, state.kind)} {state.shown}"
    return clean(f"{state.id}: {where}: {when_read(state, now)}; {hours_h(state.busy_hours)} busy", one_line=True)


def total_line(states: Sequence[SourceState]) -> str:
    """The busy hours of all the calendars, as the command line and the dashboard say them."""
    total = sum(s.busy_hours for s in states)
    return f"Busy time overlaps {hours_h(total)} of the study windows from today to the exam."


def source_lines(reading: Reading, now: dt.datetime) -> list[str]:
    """One line per calendar, then the total of busy hours from today to the exam."""
    return [*(source_line(s, now) for s in reading.sources), total_line(reading.sources)]


def publish_lines(result: PublishResult) -> list[str]:
    """One line per change, then the counts."""
    head = f"Publishing to {result.calendar}" + (" (dry run: nothing is written)" if result.dry_run else "")
    lines = [clean(head, one_line=True)]
    for change in result.changes:
        lines.append(clean(f"  {change.action:<7}{day(change.day):<17}{change.summary}", one_line=True))
    counts = (result.count("add"), result.count("update"), result.count("delete"), result.unchanged)
    if result.dry_run:
        lines.append("Would add {}, update {}, delete {}; {} unchanged.".format(*counts))
    else:
        lines.append("Added {}, updated {}, deleted {}; {} unchanged.".format(*counts))
    return lines
