"""What every command needs from its flags: the plans folder, the plan, "now", and where output goes.

Everything a command shows of the file system goes through here too: paths
are shown cleaned like plan text (a file may be named with escape
sequences), ``-o`` files are written by ``planner.edge.output`` (which never
writes over the plan), and warnings that did not stop a command are one line
each on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.errors import UsageError
from planner.core.safetext import clean

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import Plan
    from planner.core.situation import Situation
    from planner.edge.calendars import Reading
    from planner.edge.store import Loaded

__all__ = ["busy_for", "folder", "load", "note", "now", "plan_path", "shown", "situate", "warn", "write"]


def folder(args: argparse.Namespace) -> Path:
    from planner.edge.paths import plans_dir

    return plans_dir(args.plans_dir)


def plan_path(args: argparse.Namespace) -> Path:
    """The plan ``--plan`` names; a ``--today`` no command could use is refused here, by every command alike."""
    from planner.core import moments
    from planner.edge.paths import resolve_plan

    if getattr(args, "today", None) is not None:
        moments.check_moment(args.today)
    return resolve_plan(args.plan, folder(args))


def load(args: argparse.Namespace) -> Loaded:
    from planner.edge import store

    return store.load(plan_path(args))


def now(args: argparse.Namespace, zone: str) -> pendulum.DateTime:
    """``--today`` when given, else the clock, in ``zone``."""
    from planner.core import moments
    from planner.edge import clock

    if args.today is not None:
        return moments.parse_moment(args.today, zone)
    return clock.now_in(zone)


def situate(args: argparse.Namespace, plan: Plan) -> Situation:
    from planner.core.situation import situate
    from planner.edge import clock

    zone = clock.plan_zone(plan)
    reading = busy_for(args, plan)
    if reading is None:
        return situate(plan, now(args, zone), zone, here=clock.local_zone())
    return situate(
        plan,
        now(args, zone),
        zone,
        here=clock.local_zone(),
        busy=reading.busy,
        notices=reading.notices,
        busy_intervals=reading.intervals,
    )


def busy_for(args: argparse.Namespace, plan: Plan, *, refresh: bool = False) -> Reading | None:
    """The plan's calendars read (``None`` without any: nothing of iCalendar or CalDAV is imported)."""
    if not plan.calendars:
        return None
    from planner.edge import clock
    from planner.edge.calendars import read_calendars

    zone = clock.plan_zone(plan)
    return read_calendars(plan, plan_path(args), zone, now(args, zone).date(), refresh=refresh)


def shown(path: str | os.PathLike[str]) -> str:
    """A path as the terminal may show it: no control characters, one line."""
    return clean(os.fspath(path), one_line=True)


def warn(message: str) -> None:
    """A problem that did not stop the command (a backup not kept), on stderr."""
    print(f"planner: warning: {clean(message, one_line=True)}", file=sys.stderr)


def note(message: str | None) -> None:
    """A remark on how an input was read (a time skipped by a clock change), under the command's output."""
    if message:
        print(f"  note: {clean(message, one_line=True)}")


def write(data: str | bytes, output: str | None, *, plan: Path) -> None:
    """Standard output, or the file ``output`` (``-o``), which is never the plan ``plan`` nor a copy of it."""
    if output is None or output == "-":
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return
    if not output:
        raise UsageError("-o: the file name is empty; name a file, or - for standard output")
    from planner.edge.output import write_output

    written = write_output(output, data.encode("utf-8") if isinstance(data, str) else data, plan=plan)
    print(f"Wrote {shown(written)}", file=sys.stderr)
