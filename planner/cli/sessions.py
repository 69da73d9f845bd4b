"""``planner session start|status|stop``: a study session kept in the plan, that logs itself.

The session lives in the plan file, so ``start`` in one terminal and ``stop``
in another (or after a reboot) work, and the TUI shows the same one. Starting
and stopping change the plan, so they take its lock and save it atomically
like ``planner log``; ``--today`` is the clock, for tests and for the past.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from planner.cli import context
from planner.cli.errors import EXIT_OK, UsageError
from planner.core.errors import PlanError

if TYPE_CHECKING:
    from pathlib import Path

    from planner.core.model import Plan

__all__ = ["HANDLERS"]

_ONLY_FOR = {
    "domain": "start",
    "resource": "start",
    "note": "stop",
    "at": "stop",
    "yes": "stop",
    "discard": "stop",
}
"""Each flag and the one action it belongs to."""
_NOT_WITH_DISCARD = ("note", "at", "yes")
"""What says how to log the session: with ``--discard`` nothing is logged, so one of these means a mistake."""


def args_session(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("start", "status", "stop"), metavar="start|status|stop")
    p.add_argument("--domain", metavar="ID", help="start: the domain you study")
    p.add_argument("--resource", metavar="ID", help="start: the resource you study (optional)")
    p.add_argument("--note", metavar="TEXT", help="stop: a note for the log")
    p.add_argument("--at", metavar="TIME|DATETIME", help="stop: when you really stopped (default: now)")
    p.add_argument("--yes", action="store_true", help="stop: log a session that ran over 12 hours")
    p.add_argument("--discard", action="store_true", help="stop: end the session without logging it")


def run_session(args: argparse.Namespace) -> int:
    for flag, action in _ONLY_FOR.items():
        if getattr(args, flag) not in (None, False) and args.action != action:
            raise UsageError(f"--{flag}: only for `planner session {action}`")
    if args.discard:
        for flag in _NOT_WITH_DISCARD:
            if getattr(args, flag) not in (None, False):
                raise UsageError(f"--{flag}: not with --discard, which logs nothing (leave one of them out)")
    if args.action == "status":
        return _status(args)
    if args.action == "start" and args.domain is None:
        raise UsageError("session start: --domain ID is required (the domain you study)")
    from planner.edge import clock, store

    path = context.plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        plan = loaded.plan
        zone = clock.plan_zone(plan)
        now = context.now(args, zone)
        if args.action == "start":
            updated, said = _start(args, path, plan, now, zone)
        else:
            updated, said = _stop(args, path, plan, now, zone)
        store.save(path, updated, loaded.fingerprint, warn=context.warn)
    print(said)
    return EXIT_OK


def _start(args: argparse.Namespace, path: Path, plan: Plan, now: dt.datetime, zone: str) -> tuple[Plan, str]:
    from planner.core import sessions

    if plan.domain(args.domain) is None:
        known = ", ".join(d.id for d in plan.domains)
        raise UsageError(f"--domain: {context.shown(path)} has no domain {args.domain!r} (domains: {known})")
    if args.resource is not None and plan.resource(args.resource) is None:
        raise UsageError(f"--resource: {context.shown(path)} has no resource {args.resource!r}")
    try:
        updated = sessions.start(plan, now, zone, args.domain, args.resource)
    except PlanError as exc:
        raise UsageError(f"{context.shown(path)}: {exc.message}") from None
    assert updated.session is not None
    said = f"Started a session in {context.shown(path)}: {sessions.describe(updated, updated.session)} ({zone})."
    return updated, said + "\nStop it with `planner session stop` to log the time."


def _end(text: str, now: dt.datetime, zone: str) -> dt.datetime:
    """``--at``: a time today (``18:40``) or a date-time, in the exam's zone."""
    from planner.core import moments, sessions

    try:
        clock_time = dt.time.fromisoformat(text.strip())
    except ValueError:
        return moments.parse_moment(text, zone, what="--at")
    return moments.at_local(dt.datetime.combine(sessions.local(now, zone).date(), clock_time), zone)


def _stop(args: argparse.Namespace, path: Path, plan: Plan, now: dt.datetime, zone: str) -> tuple[Plan, str]:
    from planner.core import fmt, sessions

    if plan.session is None:
        raise UsageError(
            f"{context.shown(path)}: no session is running (start one with `planner session start --domain ID`)"
        )
    what = sessions.describe(plan, plan.session)
    if args.discard:
        return sessions.discard(plan), f"Discarded the session on {what} in {context.shown(path)}; nothing logged."
    end = _end(args.at, now, zone) if args.at else None
    try:
        stopped = sessions.stop(plan, now, zone, note=args.note or "", end=end, confirmed=args.yes)
    except sessions.LongSession as exc:
        raise UsageError(
            f"{context.shown(path)}: {exc.message}: say when you stopped with --at TIME, log it all with --yes,"
            " or drop it with --discard"
        ) from None
    except PlanError as exc:
        raise UsageError(f"{context.shown(path)}: {exc.message}") from None
    spent = sessions.duration(stopped.seconds)
    if not stopped.entries:
        return stopped.plan, f"Stopped the session on {what} after {spent}; nothing to log."
    total = fmt.hours_h(sum(e.hours for e in stopped.entries))
    days = ", ".join(f"{fmt.day_month(e.date)} {fmt.hours_h(e.hours)}" for e in stopped.entries)
    split = f" ({days})" if len(stopped.entries) > 1 else f" on {fmt.day_month(stopped.entries[0].date)}"
    return stopped.plan, f"Logged {total}{split} in {context.shown(path)}: {what}, {spent}."


def _status(args: argparse.Namespace) -> int:
    from planner.core import sessions
    from planner.edge import clock

    loaded = context.load(args)
    plan = loaded.plan
    zone = clock.plan_zone(plan)
    running = sessions.status(plan, context.now(args, zone), zone)
    if running is None:
        print(f"No session is running in {loaded.path}.")
        return EXIT_OK
    print(f"Session: {sessions.describe(plan, running.session)}, {sessions.duration(running.seconds)} so far.")
    if running.focus is not None:
        left = sessions.duration(running.focus.seconds_left + 59)
        print(f"Focus: {running.focus.kind} (cycle {running.focus.cycle}), {left} left.")
    if running.long:
        print(
            f"It has run over {sessions.LONG_SESSION_HOURS:g} h: if you forgot it, stop it with"
            " `planner session stop --at TIME`, or drop it with `--discard`."
        )
    return EXIT_OK


HANDLERS = {"session": (args_session, run_session)}
