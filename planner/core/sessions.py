"""A study session that runs while you study and writes the log itself when you stop.

People guess their hours when they log by hand, and a guessed log makes the
plan lie. A session keeps the moment it started in the plan (``[session]``),
so it survives quitting, a crash or a reboot, and the command line and the
TUI see the same one. Stopping it logs the minutes really spent, one entry
per day when it ran over midnight, because the engine counts hours by day.

``started`` is the wall-clock time in the exam's zone (naive, like
``exam.date``): that is what a person reads in the file. Elapsed time is
measured between instants, so a night with a clock change counts the minutes
that really passed. ``now`` and the zone are always arguments.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal, NamedTuple
from zoneinfo import ZoneInfo

from planner.core import edits, moments
from planner.core.errors import PlanError
from planner.core.fmt import day_month
from planner.core.model import Focus, LogEntry, Plan, RunningSession, replace
from planner.core.rules import MAX_DAY_HOURS, MAX_TEXT
from planner.core.safetext import clean

__all__ = [
    "LONG_SESSION_HOURS",
    "FocusPhase",
    "LongSession",
    "SessionStatus",
    "Stopped",
    "describe",
    "discard",
    "duration",
    "focus_phase",
    "local",
    "split",
    "start",
    "status",
    "stop",
]

LONG_SESSION_HOURS: Final = 12.0
"""Nobody studies this long in one go: such a session was left running, so a front end asks before logging it."""

MIN_LOGGED_SECONDS: Final = 60
"""A day's part shorter than a minute is not logged: it is the noise of stopping just after midnight."""

_KEY: Final = ("session",)
"""Where errors point: the ``[session]`` table."""


class FocusPhase(NamedTuple):
    """Where a running session is in its focus cycles: a front end signals when ``kind`` changes."""

    kind: Literal["work", "break"]
    cycle: int
    """1 for the first work period and the break after it, 2 for the next, ..."""
    seconds_left: int


class SessionStatus(NamedTuple):
    """The running session seen at one moment."""

    session: RunningSession
    started_at: dt.datetime
    """The start as an instant in the exam's zone."""
    seconds: int
    """Time spent so far (never negative, even when the clock was set back)."""
    long: bool
    """Over ``LONG_SESSION_HOURS``: ask before logging it."""
    focus: FocusPhase | None
    """The focus cycle, when the plan turns them on."""

    @property
    def hours(self) -> float:
        """What stopping now would log in all, in hours (two decimals)."""
        return round(self.seconds / 3600, 2)


class Stopped(NamedTuple):
    """A stopped session: the plan without it and with its log entries, and what they are."""

    plan: Plan
    entries: tuple[LogEntry, ...]
    seconds: int


class LongSession(PlanError):
    """Stopping a session that ran longer than ``LONG_SESSION_HOURS`` without saying it is meant."""

    def __init__(self, running: SessionStatus) -> None:
        super().__init__(
            f"the session has been running for {duration(running.seconds)} (since"
            f" {day_month(running.session.started.date())} {running.session.started:%H:%M}); it was probably"
            " left running",
            _KEY,
        )
        self.running = running


def local(now: dt.datetime, zone: str) -> dt.datetime:
    """``now`` (an aware instant) as the plan stores times: naive wall-clock time in ``zone``, whole seconds."""
    t = now.astimezone(ZoneInfo(zone))
    return dt.datetime(t.year, t.month, t.day, t.hour, t.minute, t.second)


def start(plan: Plan, now: dt.datetime, zone: str, domain: str, resource: str | None = None) -> Plan:
    """``plan`` with a session on ``domain`` (and ``resource``) started at ``now``; one session at a time."""
    if plan.session is not None:
        raise PlanError(f"a session is already running: {describe(plan, plan.session)}; stop it first", _KEY)
    if plan.domain(domain) is None:
        known = ", ".join(d.id for d in plan.domains)
        raise PlanError(f'no domain "{domain}" in the plan (domains: {known})', (*_KEY, "domain"))
    if resource is not None and plan.resource(resource) is None:
        raise PlanError(f'no resource "{resource}" in the plan', (*_KEY, "resource"))
    started = local(now, zone)
    exam_day = plan.exam.date.date()
    if started.date() >= exam_day:
        raise PlanError(f"the exam is on {exam_day}: study sessions are for the days before it", _KEY)
    return edits.start_session(plan, started=started, domain=domain, resource=resource)


def status(plan: Plan, now: dt.datetime, zone: str) -> SessionStatus | None:
    """The running session at ``now``, or ``None`` when there is none."""
    session = plan.session
    if session is None:
        return None
    started_at = moments.at_local(session.started, zone)
    seconds = max(0, int(now.timestamp() - started_at.timestamp()))
    focus = focus_phase(plan.focus, seconds) if plan.focus is not None and plan.focus.enabled else None
    return SessionStatus(session, started_at, seconds, seconds > LONG_SESSION_HOURS * 3600, focus)


def split(started: dt.datetime, end: dt.datetime, zone: str) -> list[tuple[dt.date, int]]:
    """(day, seconds) for each local day from ``started`` (naive, in ``zone``) to the instant ``end``."""
    begin = moments.at_local(started, zone).timestamp()
    finish = end.timestamp()
    day = started.date()
    parts = []
    while begin < finish:
        following = day + dt.timedelta(days=1)
        midnight = moments.at_local(dt.datetime.combine(following, dt.time()), zone).timestamp()
        cut = min(finish, midnight)
        parts.append((day, int(cut - begin)))
        begin, day = cut, following
    return parts


def stop(
    plan: Plan,
    now: dt.datetime,
    zone: str,
    *,
    note: str = "",
    end: dt.datetime | None = None,
    confirmed: bool = False,
) -> Stopped:
    """Stop the running session at ``end`` (default ``now``) and log its time, a day at a time.

    A session over ``LONG_SESSION_HOURS`` raises ``LongSession`` unless
    ``confirmed``. Parts of a day shorter than a minute, and days from the exam
    on, are not logged; the session is cleared either way.
    """
    session = plan.session
    if session is None:
        raise PlanError("no session is running", _KEY)
    if len(note) > MAX_TEXT:
        raise PlanError(f"the note is {len(note)} characters long; at most {MAX_TEXT} are allowed", ("log", "note"))
    if plan.domain(session.domain) is None:
        raise PlanError(f'the session\'s domain "{session.domain}" is no longer in the plan; discard the session', _KEY)
    finish = now if end is None else end
    started_at = moments.at_local(session.started, zone)
    if finish.timestamp() > now.timestamp():
        raise PlanError("the session cannot end later than now", _KEY)
    if finish.timestamp() < started_at.timestamp():
        raise PlanError(f"the session started at {session.started:%Y-%m-%d %H:%M}, after the end given", _KEY)
    seconds = int(finish.timestamp() - started_at.timestamp())
    if seconds > LONG_SESSION_HOURS * 3600 and not confirmed:
        raise LongSession(SessionStatus(session, started_at, seconds, True, None))
    resource = session.resource if session.resource and plan.resource(session.resource) else None
    exam_day = plan.exam.date.date()
    entries = tuple(
        LogEntry(
            date=day,
            hours=min(MAX_DAY_HOURS, round(part / 3600, 2)),
            domain=session.domain,
            resource=resource,
            note=note,
        )
        for day, part in split(session.started, finish, zone)
        if part >= MIN_LOGGED_SECONDS and day < exam_day
    )
    today = local(now, zone).date()
    return Stopped(edits.end_session(plan, entries=entries, today=today), entries, seconds)


def discard(plan: Plan) -> Plan:
    """``plan`` without its running session, logging nothing."""
    if plan.session is None:
        raise PlanError("no session is running", _KEY)
    return replace(plan, session=None)


def focus_phase(focus: Focus, seconds: float) -> FocusPhase:
    """The focus cycle ``seconds`` into a session: work, then a break, again and again."""
    work, rest = max(0, focus.work_minutes) * 60, max(0, focus.break_minutes) * 60
    period = work + rest
    if period <= 0:
        return FocusPhase("work", 1, 0)
    cycle, into = divmod(int(max(0.0, seconds)), period)
    if into < work:
        return FocusPhase("work", cycle + 1, work - into)
    return FocusPhase("break", cycle + 1, period - into)


def duration(seconds: float) -> str:
    """``50 min``, ``1 h 05 min``, ``14 h``: time spent, as a clock-watcher reads it."""
    minutes = int(max(0.0, seconds)) // 60
    if minutes < 60:
        return f"{minutes} min"
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest:02d} min" if rest else f"{whole} h"


def describe(plan: Plan, session: RunningSession) -> str:
    """``Modelling (Hands On!) since Tue 8 Dec 19:00``: the session in a few words, plan text cleaned."""
    domain = plan.domain(session.domain)
    what = domain.name if domain is not None else session.domain
    if session.resource:
        resource = plan.resource(session.resource)
        what += f" ({resource.title if resource is not None else session.resource})"
    return f"{clean(what, one_line=True)} since {day_month(session.started.date())} {session.started:%H:%M}"
