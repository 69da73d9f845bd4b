"""``planner`` with no subcommand: build the app with the one factory and run it.

The plan starts being read in a second process (``edge.prefetch``) before
Textual is imported here; that process also works out the first screen
(``tui.opening``), so the plan is read and planned while the app starts.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from planner.edge.prefetch import Prefetch

FRAME_HANDOFF_SECONDS: Final = 0.001
"""How long the app's thread may keep the interpreter from Textual's output thread while the app runs.

Textual draws a frame on the app's thread and hands it to a thread of its own
that writes it to the terminal; that thread needs the interpreter to write.
Python's default switch interval (5 ms) let the app go on working while a
drawn frame waited: the first frame, which holds the plan, reached the
terminal 10-15 ms after it was drawn (the app was taking the plan meanwhile),
measured in a pseudo-terminal. At 1 ms it is there within 1-2 ms.
"""


def run(*, plan: str | None, plans_dir: str | None, today: str | None, ready: Callable[[], None] = lambda: None) -> int:
    """Build the app and run it; ``ready`` has the last word once it is built (the command line refuses
    to start it without a terminal there)."""
    prefetch = start_reading(plan, plans_dir, today)
    try:
        from planner.tui.app import make_app

        app = make_app(plan=plan, plans_dir=plans_dir, today=today, prefetch=prefetch)
        ready()
        settle_start()
        switch = sys.getswitchinterval()
        sys.setswitchinterval(FRAME_HANDOFF_SECONDS)
        try:
            result = app.run()
        finally:
            sys.setswitchinterval(switch)  # as it was, for whoever called (a test, an embedding)
    finally:
        if prefetch is not None:
            prefetch.cancel()  # not taken (a bad --today, a quit while loading): no child reads on
    if result is not None:
        return int(result)
    return app.return_code or 0  # a crash inside the app is not a success


def start_reading(plan: str | None, plans_dir: str | None, today: str | None) -> Prefetch | None:
    """The plan the app will open, already being read by a child that prepares the first screen; else ``None``."""
    from functools import partial

    from planner.core.errors import PlanError
    from planner.edge import paths
    from planner.edge.prefetch import Prefetch
    from planner.tui.opening import first_screen

    try:
        path = paths.plan_to_open(plan, paths.plans_dir(plans_dir))
    except PlanError:
        return None  # the factory says what is wrong with --plan
    return Prefetch.start(path, partial(first_screen, today=today)) if path is not None else None


def settle_start() -> None:
    """Put what the imports and the factory made out of the cyclic collector's reach before the first frame.

    Textual, pendulum and the planner leave tens of thousands of objects that
    live until exit (modules, classes, styles). Left in the collector's
    generations, a full collection walks them all while the first frame is
    being drawn: 25-30 ms of the plan's start-up, measured. Frozen, a
    collection walks only what the app makes from then on. The command
    line's ``entry`` runs with the collector off (a command is short); the
    app is not, so it is on from here. What a full collection would have
    freed by now stays: a few hundred objects (454 measured), under 1 MB.
    """
    gc.freeze()
    gc.enable()
