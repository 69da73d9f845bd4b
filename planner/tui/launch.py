"""``planner`` with no subcommand: build the app with the one factory and run it."""

from __future__ import annotations

from planner.tui.app import make_app


def run(*, plan: str | None, plans_dir: str | None, today: str | None) -> int:
    app = make_app(plan=plan, plans_dir=plans_dir, today=today)
    result = app.run()
    return 0 if result is None else int(result)
