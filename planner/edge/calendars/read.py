"""Reading every ``[[calendars]]`` source of a plan: files now, remote ones through their cache.

A file or a folder of ``.ics`` files is read on every run (it is on this
machine). A feed or a CalDAV collection is read when its kept copy is older
than ``FRESH_FOR`` (or on ``refresh``); when that fails, the copy stands in
with a ``calendar-stale`` warning saying how old it is, and with no copy the
source gives no busy time and a ``calendar-unreadable`` risk says so. Each
source's problem names its calendar id, so a user knows which one to fix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from planner.core.alerts import Alert, calendar_stale, calendar_unreadable
from planner.core.busy import BusyEvent, busy_by_day, busy_time
from planner.core.engine.timetable import Interval
from planner.core.model import CalendarSource, Plan
from planner.core.uids import plan_key
from planner.edge.calendars import cache
from planner.edge.calendars.errors import CalendarError, FetchError
from planner.edge.calendars.events import BrokenCalendar
from planner.edge.calendars.expanded import expanded
from planner.edge.calendars.limits import MAX_BYTES
from planner.edge.calendars.net import checked_url, is_url, shown_url
from planner.edge.calendars.password import password
from planner.edge.files import NotAFile, TooBig, read_regular

__all__ = ["Reading", "SourceState", "read_calendars"]


class SourceState(NamedTuple):
    """One calendar as this run read it."""

    id: str
    kind: str
    """``file``, ``folder``, ``feed`` or ``caldav``."""
    shown: str
    """Where it is, fit to print (a feed's secret path left out)."""
    read_at: dt.datetime | None
    """When the data in use was read (aware); ``None``: nothing could be read."""
    cached: bool
    """The data is the kept copy, not read in this run."""
    problem: str | None
    """Why it was not read now (one line, never a secret)."""
    fatal: bool
    """The problem needs the user (a failed login, a refused URL): waiting will not fix it."""
    events: tuple[BusyEvent, ...]
    busy_hours: float
    """Hours it takes off the study windows from today to the exam."""


class Reading(NamedTuple):
    """All of a plan's calendars: per source, the busy hours per day, and what went wrong."""

    sources: tuple[SourceState, ...]
    busy: dict[dt.date, float]
    """Hours each study day's window loses (rule 8), for ``engine.build`` / ``situate``."""
    notices: tuple[Alert, ...]
    """``calendar-stale`` and ``calendar-unreadable`` alerts."""
    intervals: dict[dt.date, tuple[Interval, ...]]
    """Where in each day's window the busy time lies (wall clock of the exam's zone), for ``situate``:
    the sessions are laid around it."""

    @property
    def fatal(self) -> tuple[SourceState, ...]:
        return tuple(s for s in self.sources if s.fatal)


class _Got(NamedTuple):
    events: list[BusyEvent]
    read_at: dt.datetime | None
    cached: bool
    problem: str | None = None
    fatal: bool = False


def _span(plan: Plan) -> tuple[dt.date, dt.date]:
    """The days whose windows events can touch, with a day's margin for zones."""
    return plan.study.start - dt.timedelta(days=1), plan.exam.date.date() + dt.timedelta(days=1)


def _kind(source: CalendarSource, base: Path) -> str:
    if source.kind == "caldav":
        return "caldav"
    if is_url(source.source):
        return "feed"
    return "folder" if _path(source, base).is_dir() else "file"


def _path(source: CalendarSource, base: Path) -> Path:
    path = Path(source.source).expanduser()
    return path if path.is_absolute() else base / path


def _shown(source: CalendarSource, kind: str) -> str:
    if kind == "feed":
        return shown_url(source.source, whole_path=False)
    if kind == "caldav":
        return shown_url(source.source)
    return source.source


def _read_files(
    source: CalendarSource, base: Path, first: dt.date, last: dt.date, now: dt.datetime, own: str, folder: Path
) -> _Got:
    path = _path(source, base)
    try:
        files = _calendar_files(path)
    except OSError as exc:
        return _Got([], None, False, f"{source.source}: {exc.strerror or type(exc).__name__}")
    events: list[BusyEvent] = []
    problems: list[str] = []
    for file in files:
        shown = source.source if file == path else str(Path(source.source) / file.name)
        try:
            data, _ = read_regular(file, MAX_BYTES)
        except (OSError, ValueError) as exc:  # the ValueError: a NUL in the name
            problems.append(_file_problem(shown, exc))
            continue
        try:
            events.extend(expanded(data, source.id, first, last, own=own, folder=folder, place=f"file|{file}"))
        except (OSError, BrokenCalendar) as exc:  # any other error is a bug, and says so
            problems.append(_file_problem(shown, exc))
    read_at = now if len(problems) < len(files) or not files else None
    return _Got(events, read_at, False, "; ".join(problems) or None)


def _calendar_files(path: Path) -> list[Path]:
    """The ``.ics`` files of a folder (not the hidden ones), or ``[path]``: what is there is looked at when read."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".ics" and not p.name.startswith("."))
    return [path]


def _file_problem(shown: str, exc: OSError | ValueError) -> str:
    """Why a calendar file was not read, in a few words after its name.

    A FIFO or a device is never opened (``files.read_regular`` looks first):
    reading one would wait forever, or fill the memory.
    """
    if isinstance(exc, BrokenCalendar):
        return f"{shown}: {exc}"
    if isinstance(exc, FileNotFoundError):
        return f"{shown}: no such file"
    if isinstance(exc, NotAFile):
        return f"{shown} is {exc.what}, not a calendar file"
    if isinstance(exc, TooBig):
        return f"{shown} {exc.strerror}"
    if isinstance(exc, OSError):
        return f"{shown}: {exc.strerror or type(exc).__name__}"
    return f"{shown}: not a file name this system takes ({exc})"  # a NUL in the name


def _fetch(source: CalendarSource, url: str, kind: str, first: dt.date, last: dt.date, env: Mapping[str, str]) -> bytes:
    secret = password(f"calendar {source.id}", source.username, source.password_command, env)
    if kind == "feed":
        from planner.edge.calendars.fetch import get_feed

        return get_feed(url, source.username, secret)
    from planner.edge.calendars.dav import read_collection

    return read_collection(url, source.username, secret, first, last)


def _fetched(source: CalendarSource, kind: str, first: dt.date, last: dt.date, env: Mapping[str, str]) -> bytes:
    """The source's data from the network; every way it can fail is a ``FetchError``."""
    try:
        url = checked_url(f"calendar {source.id}", source.source)
        return _fetch(source, url, kind, first, last, env)
    except CalendarError as exc:  # its message starts "calendar ID: ", which the notice says its own way
        raise FetchError(exc.message.removeprefix(f"calendar {source.id}: "), fatal=True) from None
    except ValueError as exc:  # last resort: a URL the HTTP libraries refuse (the IDNA codec's UnicodeError)
        raise FetchError(f"the request could not be made ({type(exc).__name__})", fatal=True) from None


def _read_remote(
    source: CalendarSource,
    kind: str,
    span: tuple[dt.date, dt.date],
    now: dt.datetime,
    refresh: bool,
    env: Mapping[str, str],
    own: str,
) -> _Got:
    first, last = span
    folder = cache.cache_dir(env)
    key = cache.source_key(source)
    copy = cache.load(folder, key)

    def expand(data: bytes) -> list[BusyEvent]:
        return expanded(data, source.id, first, last, own=own, folder=folder, place=key)

    fresh = copy is not None and dt.timedelta(0) <= now - copy.read_at < cache.FRESH_FOR  # a clock set back: not fresh
    if copy is not None and fresh and not refresh and copy.covers(first, last):
        try:
            return _Got(expand(copy.data), copy.read_at, True)
        except BrokenCalendar:
            pass  # a copy that no longer reads is no copy: ask the server
    try:
        data = _fetched(source, kind, first, last, env)
        events = expand(data)
    except FetchError as exc:
        problem, fatal = exc.message, exc.fatal
    except BrokenCalendar as exc:
        problem, fatal = f"the server sent {exc}", False
    else:
        kept = cache.Copy(data, now, first if kind == "caldav" else None, last if kind == "caldav" else None)
        with contextlib.suppress(OSError):  # no copy kept this time: a run without network will say so
            cache.store(folder, key, kept)
        return _Got(events, now, False)
    if copy is not None:
        try:
            events = expand(copy.data)
            return _Got(events, copy.read_at, True, problem, fatal)
        except BrokenCalendar:
            pass
    return _Got([], None, False, problem, fatal)


def _notice(state: SourceState, now: dt.datetime) -> Alert | None:
    if state.problem is None:
        return None
    if state.cached and state.read_at is not None:
        return calendar_stale(state.id, (now - state.read_at).total_seconds(), state.problem)
    return calendar_unreadable(state.id, state.problem)


def read_calendars(
    plan: Plan,
    plan_path: Path,
    zone: str,
    today: dt.date,
    *,
    refresh: bool = False,
    now: dt.datetime | None = None,
    env: Mapping[str, str] = os.environ,
) -> Reading:
    """Every calendar of ``plan`` (sources relative to ``plan_path``'s folder), as of ``now`` (the real clock).

    ``today`` is the plan's today (``--today``): busy hours per source count from it.
    """
    if now is None:
        from planner.edge.clock import now_in

        now = now_in("UTC")
    own = plan_key(plan)
    base = plan_path.parent
    span = _span(plan)
    states: list[SourceState] = []
    for source in plan.calendars:
        kind = _kind(source, base)
        if kind in ("file", "folder"):
            got = _read_files(source, base, span[0], span[1], now, own, cache.cache_dir(env))
        else:
            got = _read_remote(source, kind, span, now, refresh, env, own)
        ahead = busy_by_day(plan, zone, got.events, first=today)
        states.append(
            SourceState(
                source.id,
                kind,
                _shown(source, kind),
                got.read_at,
                got.cached,
                got.problem,
                got.fatal,
                tuple(got.events),
                round(sum(ahead.values()), 6),
            )
        )
    busy = busy_time(plan, zone, [e for s in states for e in s.events])
    notices = tuple(n for s in states if (n := _notice(s, now)) is not None)
    return Reading(tuple(states), busy.hours, notices, busy.intervals)
