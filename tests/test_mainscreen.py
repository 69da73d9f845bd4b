"""Restyles the app skips: the main screen's the first time it is shown, a view's subtree on a focus change.

The main screen's widgets were styled as they mounted, a moment before; a
view that takes or leaves the keyboard is restyled alone (``views.base``).
These tests hold that the styles on screen are the ones a full restyle gives,
so the skipped restyles changed nothing a user can see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.model import SelectorType
from tui_helpers import opened, show_tab

from planner.tui.app import TABS, PlannerApp, make_app, view_class
from planner.tui.launch import start_reading
from planner.tui.widgets.readscroll import ReadingScroll


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


async def test_tabs_shown_and_left_have_the_styles_of_a_full_restyle(plan_copy: Path) -> None:
    """Each view takes the keyboard when its tab is shown and leaves it when another is: restyled alone."""
    app = make_app(plan=plan_copy, today="2027-01-19")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        for key, tab in [("4", "plan"), ("1", "dashboard"), ("4", "plan"), ("2", "schedule"), ("5", "log")]:
            await show_tab(pilot, key, tab)
            shown = _styles(app)
            app.screen.update_node_styles(animate=False)
            assert _styles(app) == shown, f"after showing {tab}"


async def test_no_rule_styles_what_is_inside_a_view_by_the_views_own_focus(plan_copy: Path) -> None:
    """What makes restyling a view (or the warnings) alone on a focus change right: no ``VerticalScroll:focus > X``."""
    app = make_app(plan=plan_copy, today="2027-01-19")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        for tab in TABS:
            await show_tab(pilot, tab.key, tab.id)  # every view built: its widgets' styles are in the stylesheet
        restyled_alone = [*(view_class(tab.id) for tab in TABS), ReadingScroll]  # tui.focusstyle's users
        view_types = set().union(*(cls._css_type_names for cls in restyled_alone))
        by_focus = [
            selector.css
            for rule in app.stylesheet.rules
            for selector in rule.selector_set
            for part in selector.selectors[:-1]  # a part above the widget styled
            # Only a part naming another type of widget (``Select:focus > SelectCurrent``) is safe: an id, a
            # class or ``*`` could be one of them, so it is counted too.
            if {"focus", "focus-within"} & part.pseudo_classes
            and (part.type is not SelectorType.TYPE or part.name in view_types)
        ]
        assert by_focus == []
