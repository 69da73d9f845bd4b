"""A tab shown for the first time: its first frame holds the plan, not an empty form to be filled a moment later.

The Plan form does not fit what it shows to its size, so it is shown the
plan as soon as it is built (``ShowsSituation.SHOWN_ONCE_MOUNTED``). (The log
is narrow below 100 columns of its own, which it knows only once laid out.)
Each case watches the frames the app draws after the tab's key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import opened, show_tab

from planner.tui.app import make_app


def _minutes_shown(app: Any) -> bool:
    return bool(app.query_one("#f-exam-duration_minutes").input.value)


CASES = [("plan", "4", _minutes_shown)]


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
