"""A tab shown for the first time: its first frame holds the plan, not an empty form to be filled a moment later.

The Plan form and the log do not fit what they show to their size, so they
are shown the plan as soon as they are built (``ShowsSituation.SHOWN_ONCE_MOUNTED``).
Each case watches the frames the app draws after the tab's key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static
from tui_helpers import opened, show_tab

from planner.tui.app import make_app


def _minutes_shown(app: Any) -> bool:
    return bool(app.query_one("#f-exam-duration_minutes").input.value)


def _log_shown(app: Any) -> bool:
    return bool(str(app.query_one("#work-done", Static).render()).strip())  # the hours done, per domain


CASES = [("plan", "4", _minutes_shown), ("log", "5", _log_shown)]


@pytest.mark.parametrize(("tab", "key", "shown"), CASES, ids=[c[0] for c in CASES])
async def test_the_first_frame_of_a_tab_holds_the_plan(
    plan_copy: Path, tab: str, key: str, shown: Callable[[Any], bool]
) -> None:
    app = make_app(plan=plan_copy, today="2027-01-19")
    frames: list[bool] = []  # per frame drawn with the tab's view on screen: did it hold the plan?
    display = app._display

    def watched(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        views = app.query(f"#{tab}-view")
        if renderable is not None and views and views.first().region.area:
            frames.append(shown(app))

    app._display = watched  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await show_tab(pilot, key, tab)
        assert frames, f"the {tab} tab was never drawn"
        assert frames[0], f"the {tab} tab's first frame was drawn before the plan was shown in it"
