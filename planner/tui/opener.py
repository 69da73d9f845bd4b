"""Opening a plan file: from the child that read it as ``planner`` started, at once, or off the loop.

``planner`` forks a child that reads the plan and works out the first
screen while Textual is imported (``edge.prefetch``, ``tui.opening``). The
app shows those cards as it mounts, so the plan is in its first frame, and
takes the plan itself once that frame is on screen. Without a child (no
``fork``, a plan opened later, a child too slow or failed) a small plan is
read at once, and a big one in a thread behind a loading indicator: the
event loop never waits long on a file.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from planner.core.errors import PlanError
from planner.edge import clock
from planner.tui.calendarkeeper import CalendarKeeper
from planner.tui.opening import FirstScreen

if TYPE_CHECKING:
    import pendulum

    from planner.core.situation import Situation
    from planner.edge.prefetch import Prefetch
    from planner.edge.session import Session
    from planner.edge.store import Loaded

__all__ = ["BIG_PLAN_BYTES", "FIRST_SCREEN_SECONDS", "PlanOpener"]

BIG_PLAN_BYTES: Final = 256 * 1024
"""A plan this big (a few thousand resources) is taken, or read, in a thread: the event loop never waits
on it. A smaller one is taken or read at once, in a few milliseconds."""

FIRST_SCREEN_SECONDS: Final = 1.0
"""How long the app waits, as it mounts, for the child reading the plan to send the first screen.

On a 2-CPU machine the child is done before the app mounts when the plan was
read before, and about 0.4 s after it when a plan of thousands of resources is
parsed for the first time: waiting draws that plan once, in the first frame,
sooner than a shell and a loading indicator would. A plan that takes longer
(a hundred thousand resources) is shown behind a loading indicator instead
of a blank terminal."""


class PlanOpener(CalendarKeeper):
    """The calendar keeper, opening plan files; the app draws what it hands down."""

    def __init__(self, *, now: Callable[[str], pendulum.DateTime], prefetch: Prefetch | None) -> None:
        super().__init__(now=now)
        self._prefetch = prefetch
        self._first: FirstScreen | None = None
        """The first screen shown while the plan it came with is not taken yet."""

    def show_first(self, first: FirstScreen) -> None:
        """Draw the first screen the child worked out, before the plan is taken (the app does)."""

    def calendar_facts(self) -> tuple[bool, bool] | None:
        facts = super().calendar_facts()
        if facts is None and self._first is not None:  # the first frame's footer, before the plan is taken
            return self._first.reads_calendars, self._first.publishes
        return facts

    def show_loading(self, loading: bool) -> None:
        """Show that a big plan is being read, or stop showing it (the app does)."""

    def _open(self, path: Path) -> None:
        try:
            big = path.stat().st_size > BIG_PLAN_BYTES
        except OSError:
            big = False
        first = self._first_screen(path)
        if first is None and not big and self._prefetch is not None:
            self._prefetch.cancel()  # nothing in time (or another plan): a small plan is read here at once
            self._prefetch = None
        if first is not None:
            # The child that read the plan worked out the first screen: the plan is in the first frame,
            # and the plan itself is taken once that frame is on screen.
            self._first = first
            self.show_first(first)
        elif big:
            self.show_loading(True)
        if big:
            # A big plan is read and planned off the event loop. Started after the first frame:
            # the thread's work would otherwise hold the GIL against it.
            self.call_after_refresh(
                self.run_worker, lambda: self._load_off_loop(path), thread=True, exclusive=True, group="open"
            )
        elif first is not None:
            self.call_after_refresh(self._open_at_once, path)
        else:
            self._open_at_once(path)

    def _first_screen(self, path: Path) -> FirstScreen | None:
        """The first screen from the child reading ``path``, when it has it ready in time."""
        prefetch = self._prefetch
        if prefetch is None or prefetch.path != path:
            return None
        first = prefetch.first(FIRST_SCREEN_SECONDS)
        return first if isinstance(first, FirstScreen) else None

    def _open_at_once(self, path: Path) -> None:
        from planner.edge.session import Session

        loaded = self._prefetched(path)
        try:
            session = Session.of(loaded) if loaded is not None else Session.open(path)
        except PlanError as exc:
            self._show_load_error(path, exc)
            return
        self.take(session)

    def _load_off_loop(self, path: Path) -> None:
        from planner.core.situation import situate
        from planner.edge.session import Session

        loaded = self._prefetched(path)
        try:
            session = Session.of(loaded) if loaded is not None else Session.open(path)
            zone = clock.plan_zone(session.plan)
            situation = situate(session.plan, self._clock(zone), zone, here=clock.local_zone())
        except PlanError as exc:
            self.call_from_thread(self._show_load_error, path, exc)
            return
        self.call_from_thread(self._opened, session, situation)

    def _prefetched(self, path: Path) -> Loaded | None:
        """``path`` as the child ``planner`` started read it, or ``None`` (no child, another plan, it failed)."""
        prefetch, self._prefetch = self._prefetch, None
        if prefetch is None:
            return None
        if prefetch.path != path:
            prefetch.cancel()
            return None
        return prefetch.result()

    def _opened(self, session: Session, situation: Situation) -> None:
        self.show_loading(False)  # when the first screen was not ready in time
        self.take(session, situation)
        _settle_heap()

    def _show_load_error(self, path: Path | None, error: PlanError) -> None:
        """The file's error in a dialog: try again, or leave when no plan is open."""
        from planner.tui.modals.load_error import LoadErrorScreen

        def done(retry: bool | None) -> None:
            if retry and path is not None:
                self._open(path)
            elif self.session is None:
                self.exit(2)

        self.push_screen(LoadErrorScreen(path, error), done)


def _settle_heap() -> None:
    """Move what is alive now (the widgets, the big plan just opened) out of the collector's sight.

    A big plan is a few hundred thousand long-lived objects. Left in the oldest generation,
    every full collection walks them all, and an edit that happens to set one off takes twice
    as long. The plan's objects hold no cycles: when an edit or a reload drops them, reference
    counting still frees them. Only a frozen widget caught in a cycle and removed later stays
    until exit, which is why small plans (cheap to collect) are not frozen.
    """
    gc.freeze()
