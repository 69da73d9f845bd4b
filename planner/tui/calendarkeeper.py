"""The app's side of the calendars: read them in the background, plan around them, refresh, publish.

A plan with ``[[calendars]]`` opens at once, planned without busy time,
while a thread reads the sources; when they are in, the plan is re-flowed
around them and every later replan re-uses what was read (``tui.calendars``).
``c`` reads them again (a feed's kept copy is not trusted then), ``P``
publishes the study sessions: first a dry run whose changes are shown for a
yes or no, then the real thing. The network and a password command run in
daemon threads, never on the event loop, so a slow server neither freezes
the screen nor holds the app when the person quits. Whatever goes wrong is
said in one line; a password is never shown (the edge never puts one in a
message).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Final, TypeVar

from planner.edge import clock
from planner.tui import calendars
from planner.tui.keeper import PlanKeeper

if TYPE_CHECKING:
    import pendulum
    from textual.timer import Timer

    from planner.core.model import Plan
    from planner.core.situation import Situation
    from planner.edge.publish import PublishResult
    from planner.edge.session import Session
    from planner.tui.calendars import Card, Kept, ReadFor

__all__ = ["CARD_SECONDS", "CalendarKeeper"]

CARD_SECONDS: Final = 30.0
"""How often "read 2 min ago" is brought up to date while the app is open."""

T = TypeVar("T")


PUBLISH_SETUP: Final = (
    "This plan has no [publish] calendar. Add a [publish] table with url, username and"
    " password_command to the plan file (see the README), then press P."
)
"""What ``P`` says for a plan without ``[publish]``: the key is out of the footer, but a press is not ignored."""


class CalendarKeeper(PlanKeeper):
    """The plan keeper, planning around the calendars read for the open plan."""

    def __init__(self, *, now: Callable[[str], pendulum.DateTime]) -> None:
        super().__init__(now=now)
        self._card_timer: Timer | None = None
        self._kept: Kept | None = None
        self._reading: int = 0
        """The number of the read under way (0: none); a read's result counts only if it is still the latest."""
        self._reads = 0
        self._failed_for: ReadFor | None = None
        """The sources whose read broke unexpectedly: not read again on its own (``c`` tries again)."""
        self._publishing = False
        self._published: str | None = None
        self._card: Card | None = None

    def show_calendars(self, card: Card | None) -> None:
        """Draw what the dashboard says of the calendars (the app's dashboard does)."""

    # --- planning around them ------------------------------------------------------

    def situate_now(self, plan: Plan) -> Situation:
        zone = clock.plan_zone(plan)
        return calendars.situate_with(plan, self.now(), zone, clock.local_zone(), self._kept)

    def take(self, session: Session, situation: Situation | None = None) -> None:
        self._kept, self._reading, self._failed_for, self._published = None, 0, None, None
        super().take(session, situation)
        self._watch_calendars()
        self.refresh_bindings()

    def replan(self, *, announce: bool = True) -> None:
        super().replan(announce=announce)
        self._watch_calendars()
        self.refresh_bindings()

    def _watch_calendars(self) -> None:
        """Read the sources when what is kept does not serve the plan as it is now; show the card."""
        session = self.session
        if session is None:
            return
        plan = session.plan
        wanted = calendars.read_for(plan, session.path)
        stale = self._kept is None or not calendars.covers(self._kept.read_for, wanted)
        if plan.calendars and stale and not self._reading and wanted != self._failed_for:
            self._read(refresh=False)
        if plan.calendars and self._card_timer is None:  # "read 2 min ago" stays true while the app is open
            self._card_timer = self.set_interval(CARD_SECONDS, self._show_card, name="calendar-card")
        self._show_card()

    def _show_card(self) -> None:
        plan = self.plan
        if plan is None:
            return
        zone = clock.plan_zone(plan)
        now = clock.now_in("UTC")
        today = self.now().date()
        card = calendars.card(
            plan,
            self._kept,
            zone=zone,
            today=today,
            now=dt.datetime.fromtimestamp(now.timestamp(), dt.UTC),
            reading=bool(self._reading),
            published=self._published,
        )
        if card != self._card:  # most replans change nothing here: no need to go down to the dashboard
            self._card = card
            self.show_calendars(card)

    # --- reading ---------------------------------------------------------------------

    def _read(self, *, refresh: bool) -> None:
        session = self.session
        if session is None:
            return
        plan, path = session.plan, session.path
        zone = clock.plan_zone(plan)
        today = self.now().date()
        self._reads += 1
        number = self._reads
        self._reading = number
        work = partial(calendars.read, plan, path, zone, today, refresh=refresh)
        self._in_background(work, partial(self._read_done, number, session, refresh), "calendars")

    def _read_done(self, number: int, session: Session, refresh: bool, kept: Kept | str) -> None:
        if number != self._reading or session is not self.session:
            return  # a newer read, or another plan
        self._reading = 0
        if isinstance(kept, str):
            self._failed_for = calendars.read_for(session.plan, session.path)
            self.say(kept, title="Calendars not read", severity="error", timeout=10)
        else:
            self._kept, self._failed_for = kept, None
            for state in kept.reading.fatal:
                self.say(f"{state.id}: {state.problem}", title="Calendar not read", severity="error", timeout=10)
            if refresh:
                self.say(self._read_summary(kept), title="Calendars")
        self.replan(announce=refresh)

    @staticmethod
    def _read_summary(kept: Kept) -> str:
        read = [s.id for s in kept.reading.sources if not s.problem]
        failed = [s.id for s in kept.reading.sources if s.problem]
        said = f"Read {', '.join(read)}" if read else "None could be read"
        return said + (f"; {', '.join(failed)} not read (see the warnings)" if failed else "")

    def action_refresh_calendars(self) -> None:
        """Read every calendar again now, a feed's recent copy included."""
        if self.plan is None or not self.plan.calendars:
            return
        if self._reading:
            self.say("The calendars are being read; the plan follows them as soon as they are in.")
            return
        self._read(refresh=True)
        self._show_card()
        self.say("Reading the calendars…", title="Calendars", timeout=3)

    # --- publishing ------------------------------------------------------------------

    def action_publish(self) -> None:
        """Publish the study sessions: what would change first, then, if the person says yes, the change."""
        s = self.situation
        if s is None or s.plan.publish is None:
            return
        if self._publishing:
            self.say("Already publishing; one moment.")
            return
        if self._reading:
            self.say("The calendars are being read: publish once the plan is laid around them (a moment).")
            return
        self._publishing = True
        self.say("Asking the calendar what would change…", title="Publish", timeout=3)
        self._in_background(partial(calendars.publish_now, s, dry_run=True), partial(self._previewed, s), "publish")

    def action_publish_setup(self) -> None:
        self.say(PUBLISH_SETUP, title="Nothing to send to", timeout=10)

    def _previewed(self, s: Situation, result: PublishResult | str) -> None:
        from planner.edge.calendars.text import publish_lines

        if isinstance(result, str):
            self._publish_failed(result)
            return
        if not result.changes:
            self._publishing = False
            self.say(f"Nothing to change: {result.unchanged} events are up to date.", title="Publish")
            return
        from planner.tui.modals.publish import PublishScreen

        unread = tuple(a.message for a in s.notices)  # sessions may sit over the busy time of these
        screen = PublishScreen(result.calendar, publish_lines(result), unread)
        self.push_screen(screen, partial(self._confirmed, s))

    def _confirmed(self, s: Situation, yes: bool | None) -> None:
        if not yes:
            self._publishing = False
            return
        if self.situation is not s and self.situation is not None:
            self.say("The plan changed meanwhile; here is what would change now.", title="Publish")
            s = self.situation
            self._in_background(partial(calendars.publish_now, s, dry_run=True), partial(self._previewed, s), "publish")
            return
        self.say("Publishing…", title="Publish", timeout=3)
        self._in_background(partial(calendars.publish_now, s, dry_run=False), self._publish_done, "publish")

    def _publish_done(self, result: PublishResult | str) -> None:
        from planner.edge.calendars.text import publish_lines

        if isinstance(result, str):
            self._publish_failed(result)
            return
        self._publishing = False
        counts = publish_lines(result)[-1]
        at = clock.now_in(clock.local_zone())
        self._published = f"Published at {at:%H:%M} to {result.calendar}: {counts}"
        self.say(counts, title=f"Published to {result.calendar}", timeout=8)
        self._show_card()

    def _publish_failed(self, message: str) -> None:
        self._publishing = False
        self.say(message, title="Not published", severity="error", timeout=10)

    # --- the keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The calendar keys show (and work) only for a plan with calendars, or with ``[publish]``."""
        if action in ("refresh_calendars", "publish", "publish_setup"):
            facts = self.calendar_facts()
            if facts is None:
                return False
            reads, publishes = facts
            return reads if action == "refresh_calendars" else publishes == (action == "publish")
        return super().check_action(action, parameters)

    def calendar_facts(self) -> tuple[bool, bool] | None:
        """Whether the open plan reads calendars, and whether it publishes; ``None`` with no plan open."""
        plan = self.plan
        return None if plan is None else (bool(plan.calendars), plan.publish is not None)

    # --- threads ---------------------------------------------------------------------------

    def _in_background(self, work: Callable[[], T], done: Callable[[T | str], None], what: str) -> None:
        """Run ``work`` in a daemon thread and hand its result (or one line on what broke) to ``done``.

        Not a Textual worker: its threads are waited for when the app ends, and a
        password command may take a minute to give up.
        """

        def run() -> None:
            try:
                result: T | str = work()
            except Exception as exc:  # the thread's edge: anything unforeseen is one line, not a traceback
                result = f"{what}: failed unexpectedly ({type(exc).__name__})"
            if self.is_running:
                with contextlib.suppress(RuntimeError):  # the app ended meanwhile
                    self.call_from_thread(done, result)

        threading.Thread(target=run, name=f"planner-{what}", daemon=True).start()
