"""Commands that show a plan and change nothing: schedule, status, check, print, export, templates."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from planner.cli import context
from planner.cli.errors import EXIT_OK, EXIT_RISK, UsageError
from planner.core.safetext import clean

if TYPE_CHECKING:
    from pathlib import Path

    from planner.core.situation import Situation


def args_schedule(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object (a stable format)")


def args_print(p: argparse.ArgumentParser) -> None:
    from planner.export import FORMATS, weekly_formats

    suffixes = ", ".join(FORMATS[name].suffix for name in weekly_formats() if name != "text")
    p.add_argument(
        "--format",
        choices=weekly_formats(),
        help=f"default: from the -o file's extension ({suffixes}), else text",
    )
    p.add_argument("--from", dest="from_", metavar="DATE", help="first week to print (the week holding DATE)")
    p.add_argument("--to", metavar="DATE", help="last week to print (the week holding DATE)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def args_export(p: argparse.ArgumentParser) -> None:
    from planner.export import FORMATS

    p.add_argument(
        "what", choices=tuple(FORMATS), metavar="FORMAT", help=f"{', '.join(FORMATS)} (ics: the calendar feed)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def no_args(p: argparse.ArgumentParser) -> None:
    pass


def run_templates(args: argparse.Namespace) -> int:
    from planner.edge import store
    from planner.edge.templates import template_ids, template_text

    for template_id in template_ids():
        plan = store.loads(template_text(template_id), template_id)
        code = f" ({plan.exam.code})" if plan.exam.code else ""
        print(clean(f"{template_id}: {plan.exam.name}{code}", one_line=True))
    return EXIT_OK


def run_schedule(args: argparse.Namespace) -> int:
    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
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
    from planner.core.views.schedule_text import schedule_text

    sys.stdout.write(schedule_text(s))
    return EXIT_OK


def _json_of(s: Situation) -> dict[str, Any]:
    from planner.core.views.schedule_json import schedule_json

    return schedule_json(s)


def run_status(args: argparse.Namespace) -> int:
    from planner.core.views.status import status_text

    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
    sys.stdout.write(status_text(s))
    return EXIT_RISK if s.risk else EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    loaded = context.load(args)
    plan = loaded.plan
    print(
        f"{context.shown(loaded.path)}: ok: {len(plan.domains)} domains, {len(plan.resources)} resources,"
        f" {len(plan.log)} log entries"
    )
    from planner.core import moments
    from planner.edge import clock

    context.note(moments.exam_note(plan, clock.plan_zone(plan)))
    return EXIT_OK


def run_print(args: argparse.Namespace) -> int:
    from planner import export
    from planner.core import moments

    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
    first = moments.parse_date(args.from_, what="--from") if args.from_ else None
    last = moments.parse_date(args.to, what="--to") if args.to else None
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from {first} comes after --to {last}")
    if not export.select_weeks(s, first, last):
        raise UsageError(
            f"--from/--to: no study week between {first or 'the start'} and {last or 'the exam'}"
            f" (the plan runs {s.schedule.weeks[0].start} to {s.schedule.weeks[-1].end})"
            if s.schedule.weeks
            else "the plan has no study days"
        )
    name = args.format or export.format_of_path(args.output, export.weekly_formats())
    if name is None:
        from planner.edge.output import check_output

        check_output(args.output, plan=loaded.path)  # the plan file, its backup...: said first, as for any -o
        raise UsageError(_unknown_suffix(args.output))
    _write(export.render(s, name, first=first, last=last), name, args.output, loaded.path)
    return EXIT_OK


def _unknown_suffix(output: str) -> str:
    """Why ``print -o`` refuses a file whose suffix names no printable format, and what to do instead."""
    from pathlib import PurePath

    from planner.export import FORMATS, weekly_formats

    suffix = PurePath(output).suffix
    offered = [f"{name} ({FORMATS[name].suffix})" for name in weekly_formats()]
    hint = {
        ".ics": "; the calendar feed is `planner export ics -o FILE`",
        ".pdf": "; for a PDF, print the .html file from a browser",
    }.get(suffix.lower(), "")
    return (
        f"-o {clean(output, one_line=True)}: print writes {', '.join(offered[:-1])} or {offered[-1]},"
        f" not {clean(suffix, one_line=True)}: end the name with one of those, or give --format{hint}"
    )


def run_export(args: argparse.Namespace) -> int:
    from planner import export

    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
    _write(export.render(s, args.what), args.what, args.output, loaded.path)
    return EXIT_OK


def _write(text: str, name: str, output: str | None, plan: Path) -> None:
    """Text as text; a format whose lines end in CRLF as bytes, so nothing on the way translates them."""
    from planner.export import FORMATS

    context.write(text.encode("utf-8") if FORMATS[name].crlf else text, output, plan=plan)


HANDLERS = {
    "templates": (no_args, run_templates),
    "schedule": (args_schedule, run_schedule),
    "status": (no_args, run_status),
    "check": (no_args, run_check),
    "print": (args_print, run_print),
    "export": (args_export, run_export),
}
