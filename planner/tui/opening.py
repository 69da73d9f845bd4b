"""The app's first screen, worked out while Textual is imported.

``planner`` forks a child to read the plan before it imports Textual
(``edge.prefetch``). The child also works out what the dashboard will show
(``first_screen``), so the app draws the plan in its first frame without
importing the engine, pendulum or the plan's modules first, and takes the
plan itself once that frame is on screen. The cards are made by the
functions the app uses (``dashparts.cards``, ``calendars.card``,
``running.session_shown``), for the same moment (``now_source``, which the
app's factory uses too): what the first frame shows is what the open plan
shows. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from planner.edge import clock

if TYPE_CHECKING:
    import pendulum

    from planner.edge.store import Loaded
    from planner.tui.cards import Cards
    from planner.tui.running import SessionShown

__all__ = ["FirstScreen", "first_screen", "now_source"]


def now_source(today: str | None) -> Callable[[str], pendulum.DateTime]:
    """ "Now" in a zone: ``today`` (``--today``; a date means 00:00 in that zone), else the clock."""

    def now(zone: str) -> pendulum.DateTime:
        if today is None:
            return clock.now_in(zone)
        from planner.core import moments

        return moments.parse_moment(today, zone)

    return now


class FirstScreen(NamedTuple):
    """What the app's first frame shows of the plan: the dashboard's cards and the running session's bar."""

    cards: Cards
    session: SessionShown | None
    reads_calendars: bool
    publishes: bool
    """With ``reads_calendars``, which calendar keys the footer shows before the plan is taken."""


def first_screen(loaded: Loaded, today: str | None) -> FirstScreen:
    """The first screen for the plan just read, at the moment the app will open it.

    As the app shows a plan it has just opened: planned without busy time (its
    calendars are being read), with the calendar card that says so, and with
    the session running now, if any.
    """
    import datetime as dt

    from planner.tui import calendars
    from planner.tui.running import session_shown
    from planner.tui.views import dashparts

    plan = loaded.plan
    zone = clock.plan_zone(plan)
    now = now_source(today)(zone)
    situation = calendars.situate_with(plan, now, zone, clock.local_zone(), None)
    utc = clock.now_in("UTC")  # when sources were read is real time, whatever --today says
    card = calendars.card(
        plan,
        None,
        zone=zone,
        today=now.date(),
        now=dt.datetime.fromtimestamp(utc.timestamp(), dt.UTC),
        reading=bool(plan.calendars),
    )
    session = session_shown(plan, now, zone)
    return FirstScreen(
        dashparts.cards(situation, loaded.path, card),
        session[0] if session is not None else None,
        reads_calendars=bool(plan.calendars),
        publishes=plan.publish is not None,
    )
