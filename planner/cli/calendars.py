"""``planner calendars [refresh]`` and ``planner publish [--dry-run]``: the plan and the user's calendars.

``calendars`` says, per source, where it is, when what is used was read and
how many hours of study it takes before the exam, so a user can tell a
calendar that is not being read from one that is simply quiet. ``publish``
writes the sessions to the ``[publish]`` calendar and says what changed.
A failed login or a missing password ends with one line and exit 2; the
password itself is never printed.
"""

from __future__ import annotations

import argparse
import sys

from planner.cli import context
from planner.cli.errors import EXIT_OK, EXIT_RISK, EXIT_USAGE
from planner.core.safetext import clean


def args_calendars(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "action",
        nargs="?",
        choices=("refresh",),
        metavar="refresh",
        help="read every calendar now, even one whose kept copy is recent",
    )


def args_publish(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="list what would change and write nothing")


def run_calendars(args: argparse.Namespace) -> int:
    loaded = context.load(args)
    reading = context.busy_for(args, loaded.plan, refresh=args.action == "refresh")
    if reading is None:
        print('The plan has no calendars: add a [[calendars]] table (see "Your calendars" in the README).')
        return EXIT_OK
    from planner.edge.calendars.text import source_lines
    from planner.edge.clock import now_in

    sys.stdout.write("\n".join(source_lines(reading, now_in("UTC"))) + "\n")
    for state in reading.fatal:
        print(clean(f"planner: calendar {state.id}: {state.problem}", one_line=True), file=sys.stderr)
    if reading.fatal:
        return EXIT_USAGE
    return EXIT_RISK if any(n.severity == "risk" for n in reading.notices) else EXIT_OK


def run_publish(args: argparse.Namespace) -> int:
    from planner.edge.calendars.text import publish_lines
    from planner.edge.publish import publish

    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
    result = publish(s, dry_run=args.dry_run)
    sys.stdout.write("\n".join(publish_lines(result)) + "\n")
    return EXIT_OK


HANDLERS = {
    "calendars": (args_calendars, run_calendars),
    "publish": (args_publish, run_publish),
}
