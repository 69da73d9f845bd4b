"""Keys that come together are applied in the order they were typed (``tui.widgets.textfield``).

A held key, a paste of keystrokes, or keys typed while the app is busy
re-flowing a big plan reach the app together. Each case posts its keys in
one go, as the terminal driver does with what it read in one go, and expects
what typing them one at a time gives.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Input
from tui_helpers import focus, show_tab

from planner.edge import store
from planner.tui.app import make_app
from planner.tui.widgets.textfield import TextField

TODAY = "2026-12-07"

BURSTS = [  # (case, text before, cursor at the end or all selected, keys, text after)
    ("end, two backspaces, a digit", "180", "end", ("end", "backspace", "backspace", "4"), "14"),
    ("home then a digit", "14", "end", ("home", "8"), "814"),
    ("two backspaces then a digit", "814", "end", ("backspace", "backspace", "9"), "89"),
    ("the arrows, delete, a letter", "96714", "end", ("left", "left", "delete", "x"), "967x4"),
    ("a selected value replaced, then mended", "180", "all", ("1", "2", "0", "backspace", "5"), "125"),
    ("end on a selected value, then backspace", "180", "all", ("end", "backspace", "7"), "187"),
]


def _keys(keys: tuple[str, ...]) -> list[events.Key]:
    return [events.Key(k, k if len(k) == 1 else None) for k in keys]


class Nested(App[None]):
    """A field several containers deep, as in the planner's forms (each is a hop a bound key takes)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Vertical(), Vertical():
            yield TextField(self._text, id="field")


@pytest.mark.parametrize(("before", "at", "keys", "after"), [c[1:] for c in BURSTS], ids=[c[0] for c in BURSTS])
async def test_keys_in_one_burst_are_applied_in_order(before: str, at: str, keys: tuple[str, ...], after: str) -> None:
    app = Nested(before)
    async with app.run_test() as pilot:
        field = app.query_one("#field", TextField)
        await focus(pilot, field)
        if at == "end":
            field.selection = field.selection.cursor(len(before))
        else:
            field.select_all()
        for key in _keys(keys):
            app.post_message(key)
        await pilot.pause(0.2)
        assert field.value == after


class TwoFields(App[None]):
    """Two fields one tab apart, and a button after them, nested as in the planner's forms."""

    def __init__(self) -> None:
        super().__init__()
        self.presses: list[str | None] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Vertical():
            yield TextField(id="first")
            yield TextField(id="second")
            yield Button("Done", id="done")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.presses.append(event.button.id)


FOCUS_BURSTS = [  # (case, keys in one burst, first field, second field, button pressed)
    ("a digit, tab, a digit", ("1", "tab", "2"), "1", "2", False),
    ("digits, tab, digits, backspace", ("4", "2", "tab", "7", "5", "backspace"), "42", "7", False),
    ("tab, then shift+tab back (which selects the field)", ("1", "tab", "2", "shift+tab", "3"), "3", "2", False),
    ("two tabs to the button, enter", ("1", "tab", "2", "tab", "enter"), "1", "2", True),
]


@pytest.mark.parametrize(
    ("keys", "first", "second", "pressed"), [c[1:] for c in FOCUS_BURSTS], ids=[c[0] for c in FOCUS_BURSTS]
)
async def test_keys_after_a_focus_move_in_one_burst_go_where_the_focus_went(
    keys: tuple[str, ...], first: str, second: str, pressed: bool
) -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        await focus(pilot, app.query_one("#first", TextField))
        for key in _keys(keys):
            app.post_message(key)
        await pilot.pause(0.2)
        assert (app.query_one("#first", TextField).value, app.query_one("#second", TextField).value) == (first, second)
        assert app.presses == (["done"] if pressed else [])


async def _burst_into_minutes(plan_copy: Path, keys: tuple[str, ...]) -> tuple[Any, str]:
    """The app, and the text of the Plan tab's exam minutes (180, selected as on focus) after ``keys`` in one burst."""
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await show_tab(pilot, "4", "plan")
        field = app.query_one("#f-exam-duration_minutes")
        await focus(pilot, field.input)
        field.input.select_all()
        for key in _keys(keys):
            app.post_message(key)
        await pilot.pause(0.2)
        app.flush_save()
        app.top_inputs = [i.value for i in app.screen.query(Input)]  # the screen on top: a dialog's, the palette's
        return app, field.input.value


@pytest.mark.slow
async def test_a_plan_field_typed_in_one_burst_with_enter_saves_what_was_typed(plan_copy: Path) -> None:
    """The exam's minutes selected on focus, retyped and mended in one burst, then Enter in the same burst."""
    app, _ = await _burst_into_minutes(plan_copy, ("1", "2", "5", "backspace", "0", "enter"))
    assert app.plan is not None and app.plan.exam.duration_minutes == 120
    assert store.load(plan_copy).plan.exam.duration_minutes == 120


@pytest.mark.slow
async def test_a_plan_field_then_tab_then_the_next_field_in_one_burst_fills_both(plan_copy: Path) -> None:
    """Minutes retyped, tab to the passing score (selected on focus), retyped, enter: each field gets its own."""
    app, _ = await _burst_into_minutes(plan_copy, ("1", "5", "0", "tab", "8", "0", "enter"))
    assert app.plan is not None
    assert (app.plan.exam.duration_minutes, app.plan.exam.passing_score) == (150, 80)
    saved = store.load(plan_copy).plan.exam
    assert (saved.duration_minutes, saved.passing_score) == (150, 80)


@pytest.mark.slow
async def test_keys_typed_before_ctrl_p_stay_in_the_field(plan_copy: Path) -> None:
    """ctrl+p opens the palette at once (a priority key), before the field takes what was typed ahead of it."""
    app, text = await _burst_into_minutes(plan_copy, ("1", "2", "0", "ctrl+p"))
    assert text == "120"
    assert app.top_inputs and not any(app.top_inputs), "the palette opened empty"


@pytest.mark.slow
async def test_tab_away_and_back_in_one_burst_keeps_what_was_typed_after(plan_copy: Path) -> None:
    """120, tab (sent: the plan is re-flowed), shift+tab back (the field selects all), 5: the field says 5."""
    _, text = await _burst_into_minutes(plan_copy, ("1", "2", "0", "tab", "shift+tab", "5"))
    assert text == "5"


@pytest.mark.slow
async def test_escape_in_a_burst_puts_the_value_back_before_the_next_key(plan_copy: Path) -> None:
    """escape is the Plan field's key, not the input's: it too is applied in turn with the characters."""
    _, text = await _burst_into_minutes(plan_copy, ("5", "escape", "7"))
    assert text == "1807", "5 typed over 180, escape put 180 back, then 7"
    assert store.load(plan_copy).plan.exam.duration_minutes == 180, "nothing was finished: nothing saved"


def test_every_text_input_in_the_tui_is_a_text_field() -> None:
    """A plain ``Input`` would reorder keys again: only ``TextField`` subclasses it."""
    made = []
    for path in sorted((ROOT / "planner" / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Input":
                made.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert made == []
