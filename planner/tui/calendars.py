"""The plan's calendars in the TUI: read once a session, re-used by every replan, as ``planner schedule`` uses them.

The command line reads the calendars on every run; the TUI reads them when a
plan opens (in the background: a feed may take 20 s, a password command 60 s)
and keeps what it read. Busy hours depend on the plan as much as on the events
(rule 8 takes an event's overlap with each day's study window), so when an edit
moves the windows (availability, start times, days off) they are worked out
again from the events kept, without reading anything; only a change of the
calendars themselves, of the plan's folder, or study days beyond the span read
sends the app back to the sources. Either way a replan sees what
``planner schedule`` would, and its numbers are the command line's.

Nothing here imports iCalendar or CalDAV: those come with ``read`` and
``publish_now``, which the app calls only for a plan that has calendars or a
``[publish]`` calendar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from planner.core.safetext import clean

if TYPE_CHECKING:
    import pendulum

    from planner.core.busy import BusyEvent, BusyTime
    from planner.core.model import CalendarSource, Plan
    from planner.core.situation import Situation
    from planner.edge.calendars import Reading, SourceState
    from planner.edge.publish import PublishResult

__all__ = ["Card", "Kept", "ReadFor", "card", "covers", "publish_now", "read", "read_for", "situate_with"]


class ReadFor(NamedTuple):
    """What a reading depends on besides the events: the sources, the folder they are relative to, the days read."""

    calendars: tuple[CalendarSource, ...]
    folder: Path
    first: dt.date
    last: dt.date


def read_for(plan: Plan, path: Path) -> ReadFor:
    return ReadFor(plan.calendars, path.parent, plan.study.start, plan.exam.date.date())


def covers(done: ReadFor, wanted: ReadFor) -> bool:
    """Whether what was read serves ``wanted`` (the same sources, and every day it asks for)."""
    return (
        done.calendars == wanted.calendars
        and done.folder == wanted.folder
        and done.first <= wanted.first
        and wanted.last <= done.last
    )


class Kept(NamedTuple):
    """A reading, and the plan and day it was read for."""

    reading: Reading
    plan: Plan
    zone: str
    today: dt.date
    read_for: ReadFor


def read(plan: Plan, path: Path, zone: str, today: dt.date, *, refresh: bool) -> Kept:
    """Read every calendar of ``plan`` (blocking: the app calls it off the event loop)."""
    from planner.edge.calendars import read_calendars

    reading = read_calendars(plan, path, zone, today, refresh=refresh)
    return Kept(reading, plan, zone, today, read_for(plan, path))


def _windows(plan: Plan, zone: str) -> tuple[object, ...]:
    """What busy hours depend on in the plan: the study days and windows, the exam day, the all-day rules."""
    return (plan.study, plan.exam.date, tuple((c.id, c.all_day) for c in plan.calendars), zone)


def _events(kept: Kept, plan: Plan, source: SourceState | None = None) -> list[BusyEvent]:
    ids = {c.id for c in plan.calendars}
    states = kept.reading.sources if source is None else (source,)
    return [e for s in states if s.id in ids for e in s.events]


def _busy(kept: Kept, plan: Plan, zone: str) -> BusyTime:
    from planner.core.busy import BusyTime, busy_time

    if _windows(plan, zone) == _windows(kept.plan, kept.zone):
        return BusyTime(kept.reading.busy, kept.reading.intervals)
    return busy_time(plan, zone, _events(kept, plan))


def situate_with(plan: Plan, now: pendulum.DateTime, zone: str, here: str, kept: Kept | None) -> Situation:
    """``plan`` at ``now``, planned around the busy time ``kept`` holds, as ``cli.context.situate`` plans it."""
    from planner.core.situation import situate

    if kept is None or not plan.calendars:
        return situate(plan, now, zone, here=here)
    busy = _busy(kept, plan, zone)
    return situate(
        plan, now, zone, here=here, busy=busy.hours, notices=kept.reading.notices, busy_intervals=busy.intervals
    )


class Card(NamedTuple):
    """What the dashboard says of the calendars: a line under the exam, and a card of its own."""

    summary: str
    lines: tuple[str, ...]
    keys: str
    """The keys that act on them: ``c reads them again · P publishes``."""


def _source_hours(kept: Kept, plan: Plan, zone: str, today: dt.date) -> dict[str, float]:
    """Each source's busy hours from ``today`` to the exam, for the plan as it is now."""
    if today == kept.today and _windows(plan, zone) == _windows(kept.plan, kept.zone):
        return {s.id: s.busy_hours for s in kept.reading.sources}
    from planner.core.busy import busy_by_day

    return {
        s.id: round(sum(busy_by_day(plan, zone, _events(kept, plan, s), first=today).values()), 6)
        for s in kept.reading.sources
    }


def card(
    plan: Plan,
    kept: Kept | None,
    *,
    zone: str,
    today: dt.date,
    now: dt.datetime,
    reading: bool,
    published: str | None = None,
) -> Card | None:
    """The calendars as the dashboard shows them (``None`` for a plan without calendars nor ``[publish]``).

    ``now`` is the real clock (when each source was read is real time, whatever ``--today`` says);
    ``reading`` is true while the sources are being read; ``published`` is the last publish's result.
    """
    if not plan.calendars and plan.publish is None:
        return None
    lines: list[str] = []
    ids = ", ".join(clean(c.id, one_line=True) for c in plan.calendars)
    summary = f"Calendars: {ids}" if ids else ""
    if plan.calendars and kept is None:
        summary += " · reading…" if reading else " · not read"
        lines.append(f"Reading {ids}…" if reading else "Not read yet: press c to read them.")
    elif kept is not None and plan.calendars:
        from planner.edge.calendars.text import source_line, total_line

        hours = _source_hours(kept, plan, zone, today)
        states = [s._replace(busy_hours=hours.get(s.id, 0.0)) for s in kept.reading.sources]
        lines.extend(source_line(s, now) for s in states)
        lines.append(total_line(states))
        from planner.core import fmt

        total = fmt.hours_h(sum(s.busy_hours for s in states))
        summary += f" · {total} busy before the exam"
        bad = [clean(s.id, one_line=True) for s in states if s.problem]
        if bad:
            summary += f" · {', '.join(bad)} not read now"
        if reading:
            summary += " · reading…"
            lines.append("Reading them again…")
    if plan.publish is not None:
        lines.append(published or "Press P to publish the study sessions to the [publish] calendar.")
        summary = summary or "Calendars: none read; the study sessions publish to [publish] (P)"
    keys = " · ".join(
        k for k, present in (("c reads them again", plan.calendars), ("P publishes", plan.publish)) if present
    )
    return Card(summary, tuple(clean(line, one_line=True) for line in lines), keys)


def publish_now(s: Situation, *, dry_run: bool) -> PublishResult | str:
    """Publish ``s`` to the plan's ``[publish]`` calendar (blocking); a failure is one line, never a secret."""
    from planner.edge.calendars import CalendarError
    from planner.edge.publish import publish

    try:
        return publish(s, dry_run=dry_run)
    except CalendarError as exc:
        return clean(str(exc), one_line=True)
