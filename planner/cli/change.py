"""Commands that change a plan or make one: new, log, reschedule."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli import context
from planner.cli.errors import EXIT_OK, UsageError
from planner.core.errors import PlanError
from planner.core.safetext import clean


def args_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", required=True, metavar="ID", help="template id (see `planner templates`)")
    p.add_argument("--exam", required=True, metavar="DATETIME", help="the booked exam, e.g. 2027-04-05T10:00")
    p.add_argument("--start", metavar="DATE", help="first study day (default: today)")
    p.add_argument("--name", metavar="NAME", help="file name in the plans folder (default: the template id)")


def args_reschedule(p: argparse.ArgumentParser) -> None:
    p.add_argument("datetime", metavar="DATETIME", help="the new exam date-time (a date keeps the time)")
    p.add_argument("--reason", default="", metavar="TEXT")
    p.add_argument("--force", action="store_true", help="record it even with no postponements left (a new booking)")


def args_log(p: argparse.ArgumentParser) -> None:
    p.add_argument("hours", metavar="HOURS")
    p.add_argument("--domain", metavar="ID", help="the domain studied (not needed with --practice)")
    p.add_argument("--resource", metavar="ID")
    p.add_argument("--date", metavar="DATE", help="default: today")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--practice", action="store_true", help="a practice exam rather than study")


def run_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from planner.core import moments
    from planner.core.rules import is_valid_id
    from planner.edge import clock, store
    from planner.edge.templates import from_template, template_text

    template = store.loads(template_text(args.template), args.template)  # an unknown one is reported first
    name = args.name or args.template
    if not is_valid_id(name):
        raise UsageError(f"--name: {name!r} must be a plain file name (letters, digits, '-', '_' or '.')")
    folder = context.folder(args)
    target = folder / f"{name}.toml"
    store.check_new(target)  # nothing there, not even a link (a new plan is never written through one)
    zone = template.exam.timezone or clock.local_zone()
    typed = moments.typed_time(args.exam, zone, template.exam.date.time(), what="--exam")
    exam = moments.naive(typed.at)
    now = context.now(args, zone)
    start = moments.parse_date(args.start, what="--start") if args.start else dt.date(now.year, now.month, now.day)
    plan = from_template(args.template, exam, start)
    folder.mkdir(parents=True, exist_ok=True)
    store.create(target, plan)
    s = context.situate(args, plan)
    weeks = len(s.schedule.weeks)
    print(
        f"Created {context.shown(target)}: {clean(plan.exam.name, one_line=True)},"
        f" exam {s.exam_at:%a %d %b %Y %H:%M} {s.zone}, {weeks} week{'s' if weeks != 1 else ''} from {start}."
    )
    context.note(typed.note)
    return EXIT_OK


def run_reschedule(args: argparse.Namespace) -> int:
    from planner.core import moments
    from planner.core.report import pace
    from planner.core.reschedule import decide
    from planner.core.situation import situate
    from planner.edge import clock, store

    path = context.plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        plan = loaded.plan
        zone = clock.plan_zone(plan)
        now = context.now(args, zone)
        typed = moments.typed_time(args.datetime, zone, plan.exam.date.time(), what="DATETIME")
        to = moments.naive(typed.at)
        before = situate(plan, now, zone, here=clock.local_zone())
        decision = decide(
            plan,
            to,
            now=now,
            exam_at=before.exam_at,
            to_at=moments.at_local(to, zone),
            reason=args.reason,
            force=args.force,
        )
        if decision.plan is None:
            raise UsageError(f"{path}: not rescheduled: {decision.refused}")
        after = situate(decision.plan, now, zone, here=before.here)
        store.save(path, decision.plan, loaded.fingerprint, warn=context.warn)
    print(f"Rescheduled {context.shown(path)}: {_when(before.exam_at)} → {_when(after.exam_at)} {zone}")
    for label, s in (("before", before), ("after", after)):
        print(f"  {label:<6}  {pace(s)}")
    for note in (*decision.notes, typed.note):
        context.note(note)
    for alert in after.alerts:
        if alert.code in {"postponement-last", "postponement-none", "infeasible", "behind"}:
            print(f"  {alert.severity}: {alert.code}: {clean(alert.message, one_line=True)}")
    return EXIT_OK


def _when(moment: Any) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"


def run_log(args: argparse.Namespace) -> int:
    import dataclasses
    import datetime as dt
    import math

    from planner.core import moments
    from planner.core.model import LogEntry
    from planner.edge import clock, store
    from planner.planfile import parse

    try:
        hours = float(args.hours)
    except ValueError:
        raise UsageError(f"HOURS: {args.hours!r} is not a number of hours") from None
    if not math.isfinite(hours) or hours <= 0 or hours > 24:
        raise UsageError(f"HOURS: must be more than 0 and at most 24, got {args.hours}")
    path = context.plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        plan = loaded.plan
        if args.domain is None and not args.practice:
            raise UsageError("--domain ID is required (or --practice for a practice exam)")
        if args.domain is not None and plan.domain(args.domain) is None:
            known = ", ".join(d.id for d in plan.domains)
            raise UsageError(f"--domain: {path} has no domain {args.domain!r} (domains: {known})")
        if args.resource is not None and plan.resource(args.resource) is None:
            raise UsageError(f"--resource: {path} has no resource {args.resource!r}")
        now = context.now(args, clock.plan_zone(plan))
        today_date = dt.date(now.year, now.month, now.day)
        day = moments.parse_date(args.date, what="--date") if args.date else today_date
        if day > today_date:
            raise UsageError(f"--date: {day} is after today ({today_date}); log study once it is done")
        if day >= plan.exam.date.date():
            raise UsageError(f"--date: {day} is not before the exam ({plan.exam.date.date()})")
        entry = LogEntry(
            date=day,
            hours=hours,
            domain=args.domain,
            resource=args.resource,
            note=args.note,
            kind="practice" if args.practice else "study",
        )
        updated = dataclasses.replace(plan, log=(*plan.log, entry))
        try:
            updated = parse.validated(updated)
        except PlanError as exc:
            raise UsageError(f"{path}: the entry is not valid: {exc.message}") from None
        store.save(path, updated, loaded.fingerprint, warn=context.warn)
    what = "practice" if args.practice else args.domain
    print(f"Logged {hours:g} h of {what} on {day} in {context.shown(path)}")
    return EXIT_OK


HANDLERS = {
    "new": (args_new, run_new),
    "reschedule": (args_reschedule, run_reschedule),
    "log": (args_log, run_log),
}
