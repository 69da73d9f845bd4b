"""Pilot tests of the command palette: a command is found by the name the footer shows, and listed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import screen_text
from tui_helpers import opened

from planner.tui.app import make_app

TODAY = "2026-12-14"


def listed(app, text: str) -> bool:
    """``text`` is on the screen (spaces left out: the palette draws matched letters as their own spans)."""
    return text.replace(" ", "") in screen_text(app).replace(" ", "")


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        pytest.param("save", "Write the plan file now", id="save"),
        pytest.param("undo", "Undo the last change", id="undo"),
        pytest.param("redo", "Redo what was undone", id="redo"),
        pytest.param("quit", "Save and quit", id="quit"),
        pytest.param("theme", "Switch dark and light", id="theme"),
        pytest.param("Write the plan", "Write the plan file now", id="by-description-still"),
    ],
)
async def test_a_command_is_found_by_its_name_or_what_it_does(plan_copy: Path, typed: str, found: str) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*("space" if ch == " " else ch for ch in typed))
        for _ in range(20):
            await pilot.pause(0.1)
            if listed(app, found):
                break
        assert listed(app, found)


async def test_textuals_own_keys_quit_and_theme_are_not_listed_beside_the_planners(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        helps = [c.help for c in commands]
        assert not {"Keys", "Quit", "Theme"} & set(titles), titles
        assert len(titles) == len(set(titles))
        for ours in ("Show every key", "Save and quit", "Switch dark and light"):
            assert titles.count(ours) == 1, ours
        assert "Quit (q)" in helps
        assert "Screenshot" in titles  # Textual's commands the planner has no key for stay


async def test_a_command_text_with_brackets_is_shown_as_written(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(100, 60)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"publishing")
        for _ in range(20):
            await pilot.pause(0.1)
            if listed(app, "Say how to set up publishing"):
                break
        assert listed(app, "(a plan without [publish])")  # read as markup, "[publish]" was dropped


async def test_the_commands_listed_before_typing_are_text_not_markup(plan_copy: Path) -> None:
    from textual.content import Content

    from planner.tui.palette import PlannerCommands

    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        hits = [hit async for hit in PlannerCommands(app.screen).discover()]
        shown = {Content.from_markup(hit.prompt).plain: Content.from_markup(hit.help or "").plain for hit in hits}
        assert shown["Say how to set up publishing (a plan without [publish])"] == "Publish (P)"
