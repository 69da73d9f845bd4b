"""The ``planner`` command line.

Subcommands never import Textual; only ``planner`` with no subcommand opens
the TUI. Bad input of any kind ends with exit code 2 and one line on stderr
that names the file, the key or the flag, and what is wrong. A risk in the
plan makes ``status`` exit 1, for scripts and cron.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import NoReturn

from planner.core.errors import PlanError
from planner.core.safetext import clean

__all__ = ["main"]

EXIT_OK = 0
EXIT_RISK = 1
EXIT_USAGE = 2
EXIT_BUG = 70


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _common(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    default = argparse.SUPPRESS if sub else None
    parser.add_argument(
        "--plan", metavar="PATH|NAME", default=default, help="the plan file, or NAME for plans/NAME.toml"
    )
    parser.add_argument(
        "--plans-dir", metavar="DIR", default=default, help="the plans folder (default: $PLANNER_PLANS or ./plans)"
    )
    parser.add_argument(
        "--today",
        metavar="DATE|DATETIME",
        default=default,
        help="act as if it were this moment (a date means 00:00 in the exam's zone)",
    )


def _args_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", required=True, metavar="ID", help="template id (see `planner templates`)")
    p.add_argument("--exam", required=True, metavar="DATETIME", help="the booked exam, e.g. 2027-04-05T10:00")
    p.add_argument("--start", metavar="DATE", help="first study day (default: today)")
    p.add_argument("--name", metavar="NAME", help="file name in the plans folder (default: the template id)")


def _args_schedule(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object (a stable format)")


def _args_reschedule(p: argparse.ArgumentParser) -> None:
    p.add_argument("datetime", metavar="DATETIME", help="the new exam date-time (a date keeps the time)")
    p.add_argument("--reason", default="", metavar="TEXT")
    p.add_argument("--force", action="store_true", help="record it even with no postponements left (a new booking)")


def _args_log(p: argparse.ArgumentParser) -> None:
    p.add_argument("hours", metavar="HOURS")
    p.add_argument("--domain", metavar="ID", help="the domain studied (not needed with --practice)")
    p.add_argument("--resource", metavar="ID")
    p.add_argument("--date", metavar="DATE", help="default: today")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--practice", action="store_true", help="a practice exam rather than study")


def _args_print(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("text", "markdown", "html"),
        help="default: from the -o file's extension (.md, .html), else text",
    )
    p.add_argument("--from", dest="from_", metavar="DATE", help="first week to print (the week holding DATE)")
    p.add_argument("--to", metavar="DATE", help="last week to print (the week holding DATE)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("ics",), metavar="ics")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


SUBCOMMANDS = {
    "new": ("make a plan from a shipped template", _args_new, True),
    "templates": ("list the shipped templates", _no_args, False),
    "schedule": ("the weekly schedule", _args_schedule, True),
    "status": ("countdown, progress and warnings; exit 1 on a risk", _no_args, True),
    "check": ("validate the plan file only", _no_args, True),
    "reschedule": ("move the exam, counting the postponements", _args_reschedule, True),
    "log": ("record study done", _args_log, True),
    "print": ("a printable weekly schedule", _args_print, True),
    "export": ("export the plan (ics: a calendar feed)", _args_export, True),
}
"""name: (help, arguments, takes --plan/--plans-dir/--today)."""

_GLOBAL_WITH_VALUE = ("--plan", "--plans-dir", "--today")


def _command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv``, found without building every subparser."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _GLOBAL_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            return token if token in SUBCOMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that subcommand (start-up time matters for cron and prompts)."""
    parser = _Parser(
        prog="planner",
        description="Plan backwards from a booked exam. With no command, open the planner in the terminal.",
    )
    _common(parser, sub=False)
    parser.add_argument("--version", action="version", version=f"planner {_version()}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (text, add_arguments, common) in SUBCOMMANDS.items():
        if only is not None and name != only:
            continue
        p = subs.add_parser(name, help=text)
        if common:
            _common(p, sub=True)
        add_arguments(p)
    return parser


def _version() -> str:
    from planner import __version__

    return __version__


# --- helpers -------------------------------------------------------------------


def _folder(args: argparse.Namespace) -> Path:
    from planner.edge.paths import plans_dir

    return plans_dir(args.plans_dir)


def _plan_path(args: argparse.Namespace) -> Path:
    from planner.edge.paths import resolve_plan

    return resolve_plan(args.plan, _folder(args))


def _load(args: argparse.Namespace):
    from planner.edge import store

    return store.load(_plan_path(args))


def _now(args: argparse.Namespace, zone: str):
    from planner.core import moments
    from planner.edge import clock

    if args.today:
        return moments.parse_moment(args.today, zone)
    return clock.now_in(zone)


def _situate(args: argparse.Namespace, plan):
    from planner.core.situation import situate
    from planner.edge import clock

    zone = clock.plan_zone(plan)
    return situate(plan, _now(args, zone), zone, here=clock.local_zone())


def _write(text: str, output: str | None, *, binary: bytes | None = None) -> None:
    if output is None or output == "-":
        if binary is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(binary)
        else:
            sys.stdout.write(text)
        return
    from planner.edge.store import write_atomic

    path = Path(output)
    write_atomic(path, binary if binary is not None else text.encode("utf-8"))
    print(f"Wrote {path}", file=sys.stderr)


# --- commands ------------------------------------------------------------------


def cmd_templates(args: argparse.Namespace) -> int:
    from planner.edge import store
    from planner.edge.templates import template_ids, template_text

    for template_id in template_ids():
        plan = store.loads(template_text(template_id), template_id)
        code = f" ({plan.exam.code})" if plan.exam.code else ""
        print(clean(f"{template_id}: {plan.exam.name}{code}", one_line=True))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from planner.core import moments
    from planner.core.rules import is_valid_id
    from planner.edge import clock, store
    from planner.edge.templates import from_template, template_text

    template = store.loads(template_text(args.template), args.template)  # an unknown one is reported first
    name = args.name or args.template
    if not is_valid_id(name):
        raise UsageError(f"--name: {name!r} must be a plain file name (letters, digits, '-', '_' or '.')")
    folder = _folder(args)
    target = folder / f"{name}.toml"
    if target.exists():
        raise UsageError(f"{target} already exists; choose another --name or remove it first")
    zone = template.exam.timezone or clock.local_zone()
    exam = moments.local_time(args.exam, zone, template.exam.date.time(), what="--exam")
    now = _now(args, zone)
    start = moments.parse_date(args.start, what="--start") if args.start else dt.date(now.year, now.month, now.day)
    plan = from_template(args.template, exam, start)
    folder.mkdir(parents=True, exist_ok=True)
    store.save(target, plan)
    s = _situate(args, plan)
    weeks = len(s.schedule.weeks)
    print(
        f"Created {target}: {clean(plan.exam.name, one_line=True)}, exam {s.exam_at:%a %d %b %Y %H:%M} {s.zone},"
        f" {weeks} week{'s' if weeks != 1 else ''} from {start}."
    )
    return EXIT_OK


def cmd_schedule(args: argparse.Namespace) -> int:
    loaded = _load(args)
    s = _situate(args, loaded.plan)
    if args.json:
        import json

        from planner.core.safetext import escape_for_json

        # Indented for a person at a terminal; compact (and much faster) for a program.
        if sys.stdout.isatty():
            text = escape_for_json(json.dumps(_json_of(s), ensure_ascii=False, indent=2))
        else:  # for a program: compact, and ASCII (\uXXXX escapes), which is also safe for any terminal
            text = json.dumps(_json_of(s), separators=(",", ":"))
        sys.stdout.write(text + "\n")
        return EXIT_OK
    from planner.core.report import schedule_text

    sys.stdout.write(schedule_text(s))
    return EXIT_OK


def _json_of(s):
    from planner.core.report import schedule_json

    return schedule_json(s)


def cmd_status(args: argparse.Namespace) -> int:
    from planner.core.report import status_text

    loaded = _load(args)
    s = _situate(args, loaded.plan)
    sys.stdout.write(status_text(s))
    return EXIT_RISK if s.risk else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    loaded = _load(args)
    plan = loaded.plan
    print(
        f"{loaded.path}: ok: {len(plan.domains)} domains, {len(plan.resources)} resources, {len(plan.log)} log entries"
    )
    return EXIT_OK


def cmd_reschedule(args: argparse.Namespace) -> int:
    from planner.core import moments
    from planner.core.report import pace
    from planner.core.reschedule import decide
    from planner.core.situation import situate
    from planner.edge import clock, store

    path = _plan_path(args)
    with store.locked(path):
        loaded = store.load(path)
        plan = loaded.plan
        zone = clock.plan_zone(plan)
        now = _now(args, zone)
        to = moments.local_time(args.datetime, zone, plan.exam.date.time(), what="DATETIME")
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
        store.save(path, decision.plan, loaded.fingerprint)
    print(f"Rescheduled {path}: {_when(before.exam_at)} → {_when(after.exam_at)} {zone}")
    for label, s in (("before", before), ("after", after)):
        print(f"  {label:<6}  {pace(s)}")
    for note in decision.notes:
        print(f"  note: {note}")
    for alert in after.alerts:
        if alert.code in {"postponement-last", "postponement-none", "infeasible", "behind"}:
            print(f"  {alert.severity}: {alert.code}: {clean(alert.message, one_line=True)}")
    return EXIT_OK


def _when(moment) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"


def cmd_log(args: argparse.Namespace) -> int:
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
    path = _plan_path(args)
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
        now = _now(args, clock.plan_zone(plan))
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
        store.save(path, updated, loaded.fingerprint)
    what = "practice" if args.practice else args.domain
    print(f"Logged {hours:g} h of {what} on {day} in {path}")
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    from planner import export
    from planner.core import moments

    loaded = _load(args)
    s = _situate(args, loaded.plan)
    first = moments.parse_date(args.from_, what="--from") if args.from_ else None
    last = moments.parse_date(args.to, what="--to") if args.to else None
    if not export.select_weeks(s, first, last):
        raise UsageError(
            f"--from/--to: no study week between {first or 'the start'} and {last or 'the exam'}"
            f" (the plan runs {s.schedule.weeks[0].start} to {s.schedule.weeks[-1].end})"
            if s.schedule.weeks
            else "the plan has no study days"
        )
    fmt = args.format or _format_of(args.output)
    text = export.render(s, fmt, first=first, last=last)
    _write(text, args.output)
    return EXIT_OK


def _format_of(output: str | None) -> str:
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(suffix, "text")


def cmd_export(args: argparse.Namespace) -> int:
    from planner.export import ics

    loaded = _load(args)
    s = _situate(args, loaded.plan)
    data = ics.render(s)
    _write("", args.output, binary=data)
    return EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    from planner.tui.launch import run

    return run(plan=args.plan, plans_dir=args.plans_dir, today=args.today)


COMMANDS = {
    "new": cmd_new,
    "templates": cmd_templates,
    "schedule": cmd_schedule,
    "status": cmd_status,
    "check": cmd_check,
    "reschedule": cmd_reschedule,
    "log": cmd_log,
    "print": cmd_print,
    "export": cmd_export,
    None: cmd_tui,
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = build_parser(_command_in(argv)).parse_args(argv)
        return COMMANDS[args.command](args)
    except (UsageError, PlanError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        from planner.edge.store import SaveError

        if isinstance(exc, SaveError):
            _error(str(exc))
            return EXIT_USAGE
        if isinstance(exc, BrokenPipeError):
            _quiet_stdout()
            return EXIT_OK
        _error(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("planner: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set PLANNER_DEBUG=1 to see where)")
        return EXIT_BUG


def _error(message: str) -> None:
    """One line on stderr: whatever the file said, no control characters reach the terminal."""
    print(f"planner: {clean(message, one_line=True)}", file=sys.stderr)


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
