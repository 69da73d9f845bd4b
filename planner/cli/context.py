"""What every command needs from its flags: the plans folder, the plan, "now", and where output goes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import Plan
    from planner.core.situation import Situation
    from planner.edge.store import Loaded

__all__ = ["folder", "load", "now", "plan_path", "situate", "write"]


def folder(args: argparse.Namespace) -> Path:
    from planner.edge.paths import plans_dir

    return plans_dir(args.plans_dir)


def plan_path(args: argparse.Namespace) -> Path:
    from planner.edge.paths import resolve_plan

    return resolve_plan(args.plan, folder(args))


def load(args: argparse.Namespace) -> Loaded:
    from planner.edge import store

    return store.load(plan_path(args))


def now(args: argparse.Namespace, zone: str) -> pendulum.DateTime:
    """``--today`` when given, else the clock, in ``zone``."""
    from planner.core import moments
    from planner.edge import clock

    if args.today:
        return moments.parse_moment(args.today, zone)
    return clock.now_in(zone)


def situate(args: argparse.Namespace, plan: Plan) -> Situation:
    from planner.core.situation import situate
    from planner.edge import clock

    zone = clock.plan_zone(plan)
    return situate(plan, now(args, zone), zone, here=clock.local_zone())


def write(text: str, output: str | None, *, binary: bytes | None = None) -> None:
    """Standard output, or the file ``output`` written the way plans are (atomically)."""
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
