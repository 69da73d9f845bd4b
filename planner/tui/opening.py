"""The app's first screen, worked out while Textual is imported.

``planner`` forks a child to read the plan before it imports Textual
(``edge.prefetch``). The child also works out what the dashboard will show
(``first_screen``), so the app draws the plan in its first frame without
importing the engine, pendulum or the plan's modules first, and takes the
plan itself once that frame is on screen. The cards are made by the one
function the dashboard uses (``dashparts.cards``), for the same moment
(``now_source``, which the app's factory uses too): what the first frame
shows is what the open plan shows. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from planner.edge import clock

if TYPE_CHECKING:
    import pendulum

    from planner.edge.store import Loaded
    from planner.tui.views.dashparts import Cards

__all__ = ["first_screen", "now_source"]


def now_source(today: str | None) -> Callable[[str], pendulum.DateTime]:
    """ "Now" in a zone: ``today`` (``--today``; a date means 00:00 in that zone), else the clock."""

    def now(zone: str) -> pendulum.DateTime:
        if today is None:
            return clock.now_in(zone)
        from planner.core import moments

        return moments.parse_moment(today, zone)

    return now


def first_screen(loaded: Loaded, today: str | None) -> Cards:
    """The dashboard's cards for the plan just read, at the moment the app will open it.

    Calendars are not read yet when the app opens a plan, so the cards plan
    without busy time and have no calendar card, as the app's first showing does.
    """
    from planner.tui import calendars
    from planner.tui.views import dashparts

    plan = loaded.plan
    zone = clock.plan_zone(plan)
    situation = calendars.situate_with(plan, now_source(today)(zone), zone, clock.local_zone(), None)
    return dashparts.cards(situation, loaded.path, None)
