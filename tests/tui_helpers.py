"""Helpers for the Pilot tests of the TUI."""

from __future__ import annotations

from typing import Any


def set_plan(app: Any, plan: Any, label: str = "edit") -> bool:
    """Make ``plan`` the app's plan through the one way in (an edit that ignores the plan it is given)."""
    return bool(app.apply_edit(lambda _current: plan, label))


async def type_into(pilot: Any, field_id: str, text: str, *, submit: bool = True) -> None:
    """Click into a Plan form field, replace its text by typing ``text``, and press Enter."""
    app = pilot.app
    field = app.query_one(f"#{field_id}")
    field.input.focus()
    field.input.value = ""
    await pilot.pause()
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
