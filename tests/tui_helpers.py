"""Helpers for the Pilot tests of the TUI."""

from __future__ import annotations

from typing import Any


def set_plan(app: Any, plan: Any, label: str = "edit") -> bool:
    """Make ``plan`` the app's plan through the one way in (an edit that ignores the plan it is given)."""
    return bool(app.apply_edit(lambda _current: plan, label))


async def type_into(pilot: Any, field_id: str, text: str, *, submit: bool = True) -> None:
    """Click into a Plan form field, replace its text by typing ``text``, and press Enter."""
    field = pilot.app.query_one(f"#{field_id}")
    await focus(pilot, field.input)
    field.input.value = ""
    await pilot.press(*text)
    if submit:
        await pilot.press("enter")
    await pilot.pause()


async def show_tab(pilot: Any, key: str, tab: str) -> None:
    """Press the tab's key and wait until its view is built, shown the plan and focused."""
    app = pilot.app
    await pilot.press(key)
    for _ in range(200):
        await pilot.pause()
        view = app.query(f"#{tab}-view")
        if view and tab not in app._stale and app.focused is not None:
            break
    await pilot.pause()


async def focus(pilot: Any, widget: Any) -> None:
    """Focus ``widget`` and wait until it has the keyboard (a view just built may still take it)."""
    for _ in range(100):
        if widget.has_focus:
            return
        widget.focus()
        await pilot.pause()
    raise AssertionError(f"{widget} never got the focus")


async def opened(pilot: Any) -> None:
    """Wait until the plan is open and the dashboard has drawn it (its cards are built with the first plan)."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        cards = app.query("#exam-card")
        if app.situation is not None and cards and str(cards.first().render()).strip():
            break
    await pilot.pause()


async def screen_shown(pilot: Any, name: str, selector: str) -> Any:
    """Wait until the screen named ``name`` is on top and composed (it is pushed before its children mount)."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.02)
        if type(app.screen).__name__ == name and app.screen.query(selector):
            return app.screen.query_one(selector)
    raise AssertionError(f"{name} with {selector} never shown; on top: {type(app.screen).__name__}")
