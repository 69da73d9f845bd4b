"""``planner`` with no subcommand: build the app with the one factory and run it."""

from __future__ import annotations

import gc

from planner.tui.app import make_app


def run(*, plan: str | None, plans_dir: str | None, today: str | None) -> int:
    app = make_app(plan=plan, plans_dir=plans_dir, today=today)
    settle_start()
    result = app.run()
    if result is not None:
        return int(result)
    return app.return_code or 0  # a crash inside the app is not a success


def settle_start() -> None:
    """Put what the imports and the factory made out of the cyclic collector's reach before the first frame.

    Textual, pendulum and the planner leave tens of thousands of objects that
    live until exit (modules, classes, styles). Left in the collector's
    generations, a full collection walks them all while the first frame is
    being drawn: 25-30 ms of the plan's start-up, measured. Frozen, a
    collection walks only what the app makes from then on. At this point a
    full collection finds no garbage, so freezing keeps nothing alive that
    would have been freed.
    """
    gc.freeze()
