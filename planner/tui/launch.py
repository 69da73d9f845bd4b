"""``planner`` with no subcommand: build the app with the one factory and run it."""

from __future__ import annotations

from planner.tui.app import make_app


def run(*, plan: str | None, plans_dir: str | None, today: str | None) -> int:
    app = make_app(plan=plan, plans_dir=plans_dir, today=today)
    result = app.run()
    if result is not None:
        return int(result)
    return app.return_code or 0  # a crash inside the app is not a success
