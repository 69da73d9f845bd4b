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
from typing import TYPE_CHECKING

from planner.cli import context
from planner.cli.errors import EXIT_OK, EXIT_RISK, EXIT_USAGE
from planner.core.safetext import clean

if TYPE_CHECKING:
    import datetime as dt

    from planner.edge.calendars import Reading, SourceState
    from planner.edge.publish import PublishResult

_KINDS = {"file": "file", "folder": "folder", "feed": "feed", "caldav": "CalDAV"}


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


def _when(state: SourceState, now: dt.datetime) -> str:
    from planner.edge.calendars import age

    if state.read_at is None:
        return f"not read: {state.problem}"
    ago = age(now - state.read_at)
    when = "read now" if not state.cached and ago == "less than a minute" else f"read {ago} ago"
    if state.problem:
        return f"not read ({state.problem}); the copy {when.removeprefix('read ')} is used"
    return when + (" (kept copy)" if state.cached else "")


def source_lines(reading: Reading, now: dt.datetime) -> list[str]:
    """One line per calendar, then the total, as ``planner calendars`` prints them."""
    from planner.core.fmt import hours_h

    lines = []
    for s in reading.sources:
        where = f"{_KINDS.get(s.kind, s.kind)} {s.shown}"
        lines.append(clean(f"{s.id}: {where}: {_when(s, now)}; {hours_h(s.busy_hours)} busy", one_line=True))
    total = sum(s.busy_hours for s in reading.sources)
    lines.append(f"Busy time takes {hours_h(total)} of study from today to the exam.")
    return lines


def run_calendars(args: argparse.Namespace) -> int:
    import datetime as dt

    loaded = context.load(args)
    reading = context.busy_for(args, loaded.plan, refresh=args.action == "refresh")
    if reading is None:
        print('The plan has no calendars: add a [[calendars]] table (see "Your calendars" in the README).')
        return EXIT_OK
    now = dt.datetime.now(dt.UTC)
    sys.stdout.write("\n".join(source_lines(reading, now)) + "\n")
    for state in reading.fatal:
        print(clean(f"planner: calendar {state.id}: {state.problem}", one_line=True), file=sys.stderr)
    if reading.fatal:
        return EXIT_USAGE
    return EXIT_RISK if any(n.severity == "risk" for n in reading.notices) else EXIT_OK


def result_lines(result: PublishResult) -> list[str]:
    """What ``planner publish`` prints: one line per change, then the counts."""
    from planner.core.fmt import day

    head = f"Publishing to {result.calendar}" + (" (dry run: nothing is written)" if result.dry_run else "")
    verbs = {"add": "add", "update": "update", "delete": "delete"}
    lines = [clean(head, one_line=True)]
    for change in result.changes:
        lines.append(clean(f"  {verbs[change.action]:<7}{day(change.day):<17}{change.summary}", one_line=True))
    counts = (result.count("add"), result.count("update"), result.count("delete"))
    if result.dry_run:
        lines.append("Would add {}, update {}, delete {}; {} unchanged.".format(*counts, result.unchanged))
    else:
        lines.append("Added {}, updated {}, deleted {}; {} unchanged.".format(*counts, result.unchanged))
    return lines


def run_publish(args: argparse.Namespace) -> int:
    from planner.edge.publish import publish

    loaded = context.load(args)
    s = context.situate(args, loaded.plan)
    result = publish(s, dry_run=args.dry_run)
    sys.stdout.write("\n".join(result_lines(result)) + "\n")
    return EXIT_OK


HANDLERS = {
    "calendars": (args_calendars, run_calendars),
    "publish": (args_publish, run_publish),
}
