"""The main screen skips Textual's restyle of every widget the first time it is shown.

Its widgets were styled as they mounted, a moment before: these tests hold
that the first frame's styles are the ones a full restyle gives, so the
skipped restyle changed nothing a user can see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import opened

from planner.tui.app import PlannerApp, make_app
from planner.tui.launch import start_reading


def _styles(app: PlannerApp) -> dict[str, str]:
    return {
        f"{type(w).__name__}#{w.id}:{k}": w.styles.css for k, w in enumerate(app.screen.walk_children(with_self=True))
    }


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_the_first_frame_is_styled_as_a_full_restyle_styles_it(plan_copy: Path, size: tuple[int, int]) -> None:
    today = "2027-01-19"  # at risk: the dashboard's state classes are set as the plan is shown
    app = make_app(plan=plan_copy, today=today, prefetch=start_reading(str(plan_copy), None, today))
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        await pilot.pause()
        shown = _styles(app)
        app.screen.update_node_styles(animate=False)
        assert _styles(app) == shown


async def test_a_dialog_closed_restyles_the_screen_as_textual_does(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2027-01-19")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")  # the keys dialog
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        shown = _styles(app)
        app.screen.update_node_styles(animate=False)
        assert _styles(app) == shown
