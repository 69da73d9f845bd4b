"""The one place that reads the clock and the machine's time zone.

The core takes ``now`` and every zone as arguments; the command line, the TUI
and the tests decide what they are. ``--today`` replaces this clock, never
the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

    from planner.core.model import Plan

__all__ = ["local_zone", "now_in", "plan_zone"]


def local_zone() -> str:
    """The machine's IANA zone name, or UTC when it cannot be told."""
    # the function itself: ``pendulum.local_timezone`` is also a module's name, which confuses type checkers
    from pendulum.tz.local_timezone import get_local_timezone

    try:
        name = get_local_timezone().name
    except Exception:
        return "UTC"
    return name if (name and "/" in name) or name == "UTC" else "UTC"


def plan_zone(plan: Plan) -> str:
    """The exam's zone: the plan's ``exam.timezone``, else the machine's."""
    return plan.exam.timezone or local_zone()


def now_in(zone: str) -> pendulum.DateTime:
    import pendulum

    return pendulum.now(zone)
