"""Commands that show a plan and change nothing: schedule, status, check, print, export, templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli import context
from planner.cli.errors import EXIT_OK, EXIT_RISK, UsageError
from planner.core.safetext import clean


def args_schedule(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object (a stable format)")


def args_print(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("text", "markdown", "html"),
        help="default: from the -o file's extension (.md, .html), else text",
    )
    p.add_argument("--from", dest="from_", metavar="DATE", help="first week to print (the week holding DATE)")
    p.add_argument("--to", metavar="DATE", help="last week to print (the week holding DATE)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("ics",), metavar="ics")
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
    from planner.core.report import schedule_text

    sys.stdout.write(schedule_text(s))
    return EXIT_OK


def _json_of(s: Any) -> dict[str, Any]:
    from planner.core.report import schedule_json

    return schedule_json(s)


def run_status(args: argparse.Namespace) -> int:
    from planner.core.report import status_text

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
    if not export.select_weeks(s, first, last):
        raise UsageError(
            f"--from/--to: no study week between {first or 'the start'} and {last or 'the exam'}"
            f" (the plan runs {s.schedule.weeks[0].start} to {s.schedule.weeks[-1].end})"
            if s.schedule.weeks
            else "the plan has no study days"
        )
    fmt = args.format or _format_of(args.output)
    text = export.render(s, fmt, first=first, last=last)
    context.write(text, args.output, plan=loaded.path)
    return EXIT_OK


def _format_of(output: str | None) -> str:
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(suffix, "text")


def run_export(args: argparse.Namespace) -> int:
    from planner.export import ics

    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
    data = ics.render(s)
    context.write(data, args.output, plan=loaded.path)
    return EXIT_OK


HANDLERS = {
    "templates": (no_args, run_templates),
    "schedule": (args_schedule, run_schedule),
    "status": (no_args, run_status),
    "check": (no_args, run_check),
    "print": (args_print, run_print),
    "export": (args_export, run_export),
}
