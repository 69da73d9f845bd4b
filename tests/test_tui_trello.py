"""Pilot tests: importing a Trello board from the Resources board, with a preview before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import screen_text
from tui_helpers import opened, show_tab

from planner.tui.app import make_app

TODAY = "2026-12-14"
BOARD = Path(__file__).parent / "fixtures" / "trello" / "aws-ml-board.json"
"""A realistic export: emoji and markup in names, escape sequences, archived cards and lists, a Done list."""


async def open_preview(pilot, path: Path) -> None:
    """From the Resources board: the import key, the file's path, Enter; wait for the worker to read it."""
    app = pilot.app
    await show_tab(pilot, "3", "resources")
    await pilot.press("i")
    await pilot.pause()
    assert type(app.screen).__name__ == "TrelloImport"
    app.screen.query_one("#trello-path").value = str(path)
    await pilot.press("enter")
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.screen.query("#trello-list-0") or str(app.screen.query_one("#trello-error").render()).strip():
            break
    await pilot.pause()


def row_of(screen, list_name: str) -> int:
    for k in range(20):
        found = screen.query(f"#trello-list-{k}")
        if not found:
            break
        label = found.first().parent.query_one(".trello-list-name")
        if str(label.render()).startswith(list_name):
            return k
    raise AssertionError(f"no row for {list_name}")


def preview_text(screen) -> str:
    return str(screen.query_one("#trello-changes").render())


@pytest.mark.slow
async def test_the_preview_maps_lists_and_a_changed_mapping_is_imported_as_one_edit(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(Path(__file__).parent.parent / "planner/edge/templates/aws-ml-specialty.toml", path)
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        before = app.plan
        await open_preview(pilot, BOARD)
        screen = app.screen
        modeling = row_of(screen, "Modeling")
        assert screen.query_one(f"#trello-list-{modeling}").is_blank()  # not matched: its cards go to every domain
        assert "did you mean Modelling?" in str(screen.query_one(f"#trello-how-{modeling}").render())
        assert "SageMaker built-in algorithms  all domains" in preview_text(screen)
        assert preview_text(screen).startswith("Would add 10 resources, update 0, leave 0 unchanged, skip 2.")
        screen.query_one(f"#trello-list-{modeling}").value = "modelling"
        await pilot.pause()
        assert "SageMaker built-in algorithms  Modelling · 3 h · high · done" in preview_text(screen)
        assert "your choice" in str(screen.query_one(f"#trello-how-{modeling}").render())
        assert app.plan == before  # a preview writes nothing
        await pilot.click("#trello-import")
        await pilot.pause()
        imported = [r for r in app.plan.resources if r.origin and r.origin.startswith("trello:")]
        assert len(imported) == 10
        by_title = {r.title: r for r in imported}
        assert by_title["SageMaker built-in algorithms"].domains == ("modelling",)
        assert by_title["Kinesis Data Streams vs Firehose"].hours == 2
        await pilot.press("ctrl+z")  # one undo takes the whole import back
        await pilot.pause()
        assert app.plan.resources == before.resources


@pytest.mark.slow
async def test_cancel_writes_nothing(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    on_disk = plan_copy.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        before = app.plan
        await open_preview(pilot, BOARD)
        await pilot.click("#trello-cancel")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert app.plan == before and not app.session.dirty
        app.flush_save()
    assert plan_copy.read_bytes() == on_disk


@pytest.mark.slow
async def test_board_text_is_shown_as_typed(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await open_preview(pilot, BOARD)
        text = screen_text(app)
        assert "[bold]Feature engineering[/] cheatsheet" in text  # markup in a title is not markup
        assert "XGBoost [31mred[0m flags" in text  # the escape and the bidi override are taken out
        assert "\x1b" not in preview_text(app.screen) and "\u202e" not in preview_text(app.screen)
        assert "Board AWS ML Specialty 📚 [study]" in text


@pytest.mark.slow
async def test_a_file_that_is_no_export_is_refused_and_nothing_can_be_imported(plan_copy: Path, tmp_path: Path) -> None:
    broken = tmp_path / "notes.json"
    broken.write_text('{"name": "x", "cards": 3}')
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        before = app.plan
        await open_preview(pilot, broken)
        error = str(app.screen.query_one("#trello-error").render())
        assert "notes.json" in error and "cards" in error
        assert app.screen.query_one("#trello-import").disabled
        await pilot.press("escape")
        await pilot.pause()
        assert app.plan == before


@pytest.mark.slow
async def test_a_missing_file_says_so(plan_copy: Path, tmp_path: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await open_preview(pilot, tmp_path / "nowhere.json")
        assert "no such file" in str(app.screen.query_one("#trello-error").render())


@pytest.mark.slow
async def test_the_dialog_fits_80x24(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await open_preview(pilot, BOARD)
        screen = app.screen
        for selector in ("#trello-path", "#trello-list-0", "#trello-import", "#trello-cancel"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.bottom <= 24 and region.right <= 80, selector


async def test_importing_again_starts_each_list_where_its_cards_went(tmp_path: Path) -> None:
    from conftest import run_planner

    from planner.edge import store

    path = tmp_path / "plan.toml"
    shutil.copy(Path(__file__).parent.parent / "planner/edge/templates/aws-ml-specialty.toml", path)
    first = run_planner("import", "trello", str(BOARD), "--list", "Modeling=modelling", "--plan", str(path))
    assert first.code == 0, first.err
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await open_preview(pilot, BOARD)
        screen = app.screen
        modeling = row_of(screen, "Modeling")
        assert screen.query_one(f"#trello-list-{modeling}").value == "modelling"
        assert "as imported before" in str(screen.query_one(f"#trello-how-{modeling}").render())
        assert preview_text(screen).startswith("Would add 0 resources, update 0, leave 10 unchanged, skip 2.")
        await pilot.click("#trello-import")
        await pilot.pause()
    sagemaker = next(r for r in store.load(path).plan.resources if r.title == "SageMaker built-in algorithms")
    assert sagemaker.domains == ("modelling",)


async def test_the_did_you_mean_hint_is_shown_whole_at_80_columns(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(Path(__file__).parent.parent / "planner/edge/templates/aws-ml-specialty.toml", path)
    app = make_app(plan=path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await open_preview(pilot, BOARD)
        screen = app.screen
        how = screen.query_one(f"#trello-how-{row_of(screen, 'Modeling')}")
        assert str(how.render()) == "did you mean Modelling?"
        assert how.region.width * how.region.height >= len("did you mean Modelling?")
        assert "Modelling?" in screen_text(app)
