"""Commands that change a plan or make one: new, log, reschedule.

Each reads its flags, calls the use case in ``core.edits`` (the same one the
TUI calls), and saves. A ``PlanError`` about what was given names its
argument; ``_refused`` turns that into the flag it came from.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from planner.cli import context
from planner.cli.errors import EXIT_OK, UsageError
from planner.core.errors import PlanError
from planner.core.safetext import clean

if TYPE_CHECKING:
    from pathlib import Path


def args_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", required=True, metavar="ID", help="template id (see `planner templates`)")
    p.add_argument("--exam", required=True, metavar="DATETIME", help="the booked exam, e.g. 2027-04-05T10:00")
    p.add_argument("--start", metavar="DATE", help="first study day (default: today)")
    p.add_argument("--name", metavar="NAME", help="file name in the plans folder (default: the template id)")


def args_reschedule(p: argparse.ArgumentParser) -> None:
    p.add_argument("datetime", metavar="DATETIME", help="the new exam date-time (a date keeps the time)")
    p.add_argument("--reason", default="", metavar="TEXT")
    p.add_argument("--force", action="store_true", help="record it even with no postponements left (a new booking)")
    p.add_argument(
        "--move-dated",
        action="store_true",
        help="also move the dated blackouts and overrides of the final weeks by as many days as the exam",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show the plan after the move, every warning beside now; save nothing"
    )


def args_log(p: argparse.ArgumentParser) -> None:
    p.add_argument("hours", metavar="HOURS")
    p.add_argument("--domain", metavar="ID", help="the domain studied (not needed with --practice)")
    p.add_argument("--resource", metavar="ID")
    p.add_argument("--date", metavar="DATE", help="default: today")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--practice", action="store_true", help="a practice exam rather than study")
    p.add_argument("--score", metavar="PERCENT", help="with --practice: the score, also recorded as a practice result")


def _refused(exc: PlanError, path: Path | str, flags: dict[str, str]) -> UsageError:
    """The use case's refusal as one line: the flag it is about, else where in the plan."""
    if exc.key and isinstance(exc.key[0], str) and exc.key[0] in flags and len(exc.key) == 1:
        return UsageError(f"{flags[exc.key[0]]}: {exc.message}")
    return UsageError(f"{context.shown(path)}: not changed: {exc}")


_NEW_FLAGS: dict[tuple[str, ...], str] = {("exam", "date"): "--exam", ("study", "start"): "--start"}


def run_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from planner.core import edits, moments
    from planner.edge import clock, store
    from planner.edge.paths import NEW_NAME, new_plan_path
    from planner.edge.templates import template_text

    template = store.loads(template_text(args.template), args.template)  # an unknown one is reported first
    folder = context.folder(args)
    try:
        target = new_plan_path(folder, args.template if args.name is None else args.name)
    except PlanError as exc:
        about_name = args.name is not None and exc.key == NEW_NAME
        raise UsageError(f"--name: {exc.message}" if about_name else exc.message) from None
    store.check_new(target)  # nothing there, not even a link (a new plan is never written through one)
    zone = template.exam.timezone or clock.local_zone()
    typed = moments.typed_time(args.exam, zone, template.exam.date.time(), what="--exam")
    exam = moments.naive(typed.at)
    now = context.now(args, zone)
    start = moments.parse_date(args.start, what="--start") if args.start else dt.date(now.year, now.month, now.day)
    try:
        plan = edits.plan_from_template(template, exam=exam, start=start)
    except PlanError as exc:
        flag = _NEW_FLAGS.get(tuple(map(str, exc.key)))
        raise UsageError(f"{flag}: {exc.message}" if flag else f"template {args.template}: {exc}") from None
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
    from planner.core.views.reschedule import preview, preview_lines
    from planner.edge import clock, store

    path = context.plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        plan = loaded.plan
        zone = clock.plan_zone(plan)
        typed = moments.typed_time(args.datetime, zone, plan.exam.date.time(), what="DATETIME")
        before = context.situate(args, plan)
        p = preview(
            before,
            moments.naive(typed.at),
            reason=args.reason,
            force=args.force,
            move_dated=args.move_dated,
        )
        if p.plan is None:
            if p.error is not None and p.error.key == ("reason",):
                raise UsageError(f"--reason: {p.error.message}")
            raise UsageError(f"{context.shown(path)}: not rescheduled: {p.refused}")
        if not args.dry_run:
            store.save(path, p.plan, loaded.fingerprint, warn=context.warn)
    print(f"Preview, nothing saved: {context.shown(path)}" if args.dry_run else f"Rescheduled {context.shown(path)}")
    for line in preview_lines(p):
        print(line)
    context.note(typed.note)
    return EXIT_OK


_LOG_FLAGS = {
    "date": "--date",
    "hours": "HOURS",
    "domain": "--domain",
    "resource": "--resource",
    "note": "--note",
    "score": "--score",
}


def run_log(args: argparse.Namespace) -> int:
    import datetime as dt

    from planner.core import edits, fmt, moments, rules
    from planner.core.model import LogEntry
    from planner.edge import clock, store

    hours = rules.parse_hours(args.hours, "HOURS")
    if args.score is not None and not args.practice:
        raise UsageError("--score: only a practice exam has a score; add --practice")
    score = None if args.score is None else rules.parse_percent(args.score, "--score")
    path = context.plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        plan = loaded.plan
        if args.domain is None and not args.practice:
            raise UsageError("--domain ID is required (or --practice for a practice exam)")
        now = context.now(args, clock.plan_zone(plan))
        today = dt.date(now.year, now.month, now.day)
        day = moments.parse_date(args.date, what="--date") if args.date else today
        try:
            if args.practice:
                updated = edits.log_practice(
                    plan,
                    day=day,
                    hours=hours,
                    today=today,
                    score=score,
                    note=args.note,
                    domain=args.domain,
                    resource=args.resource,
                )
            else:
                entry = LogEntry(date=day, hours=hours, domain=args.domain, resource=args.resource, note=args.note)
                updated = edits.add_log(plan, entry, today=today)
        except PlanError as exc:
            raise _refused(exc, path, _LOG_FLAGS) from None
        store.save(path, updated, loaded.fingerprint, warn=context.warn)
    what = "practice" if args.practice else args.domain
    scored = "" if score is None else f" (score {rules.num(score)}%)"
    print(f"Logged {fmt.hours_h(hours)} of {what} on {day}{scored} in {context.shown(path)}")
    return EXIT_OK


HANDLERS = {
    "new": (args_new, run_new),
    "reschedule": (args_reschedule, run_reschedule),
    "log": (args_log, run_log),
}
