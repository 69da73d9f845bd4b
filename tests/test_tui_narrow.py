"""Pilot tests at 80 columns: what a screen or dialog says is not cut off at the right edge."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from conftest import screen_text
from tui_helpers import opened

from planner.tui.app import make_app

TODAY = "2026-12-03"


def key_line(app) -> str:
    """The key bar's line, as drawn."""
    return next(line for line in screen_text(app).splitlines() if "^p palette" in line)


def on_screen(app, selector: str) -> bool:
    """The widget is drawn whole inside the terminal."""
    region = app.screen.query_one(selector).region
    return bool(region.width and region.height) and app.screen.region.contains_region(region)


async def test_print_preview_shows_every_button_and_the_page_scrolls_to_its_right_edge(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("p")
        await pilot.pause()
        for button in ("#scope", "#write-text", "#write-html", "#write-ics", "#close"):
            assert on_screen(app, button), button
        assert "← → scroll" in str(app.screen.query_one("#preview-title").render())
        area = app.screen.query_one("#preview-text")
        row, line = next((k, x) for k, x in enumerate(area.text.splitlines()) if x.startswith("WEEK 1"))
        assert len(line) == 80  # the hours are written against the page's right edge
        await pilot.press(*["down"] * row, "end")
        await pilot.pause()
        assert line[-20:] in screen_text(app)


async def test_the_resource_forms_choices_are_shown_whole(plan_copy: Path) -> None:
    from planner.tui.modals.resource_form import ResourceForm

    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        plan = app.plan
        article = next(r for r in plan.resources if r.kind == "article")
        app.push_screen(ResourceForm(plan, article, today=app.situation.now.date()))
        await pilot.pause()
        shown = screen_text(app)
        for key in ("kind", "priority", "status"):
            select = app.screen.query_one(f"#res-{key}")
            assert select.region.height == 1, key  # one line: the value is not wrapped ("articl" / "e")
            assert getattr(article, key) in shown, key


async def test_the_keys_list_wraps_what_a_key_does_instead_of_cutting_it(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#keys-table")
        assert table.max_scroll_x == 0  # nothing beyond the right edge
        _where, key, what = (c.get_render_width(table) for c in table.columns.values())
        assert key <= 18 and what >= 30
        shown = screen_text(app)
        assert "highlighted" in shown  # "Session: Start a session on what is highlighted", whole


async def test_the_log_table_fits_80_columns_with_its_note(plan_copy: Path) -> None:
    from tui_helpers import show_tab

    from planner.core import edits
    from planner.core.model import LogEntry

    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        resource = next(r for r in app.plan.resources if len(r.title) > 30)
        entry = LogEntry(
            date=app.plan.study.start,
            hours=1.5,
            domain=resource.domains[0] if resource.domains else app.plan.domains[0].id,
            resource=resource.id,
            note="read the whole chapter on feature engineering, then the exercises",
        )
        app.apply_edit(lambda plan: edits.add_log(plan, entry, today=app.plan.study.start), "log")
        await show_tab(pilot, "5", "log")
        table = app.query_one("#log-table")
        assert table.max_scroll_x == 0  # no column beyond the right edge
        assert "Note" in screen_text(app) and "read the" in screen_text(app)


async def test_the_key_bar_goes_compact_to_show_every_dashboard_key_at_80_columns(plan_copy: Path) -> None:
    from planner.tui.widgets.footer import KeyBar

    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        keys = app.query_one(KeyBar)
        assert not keys.compact  # room to spare: a space either side of each key
        assert " ^z Undo  ^y Redo " in key_line(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert keys.compact
        assert "^y Redo" in key_line(app)  # was cut to "^y Red"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not keys.compact


@pytest.mark.parametrize("size", [(72, 24), (80, 24), (100, 30), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_tabs_keys_are_shown_whole_or_left_out(plan_copy: Path, size: tuple[int, int]) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        for tab in "12345":
            await pilot.press(tab)
            await pilot.pause()
            await pilot.pause()
            line = key_line(app).replace(" ", "")  # compact keys are drawn apart by margins, not spaces
            palette = app.screen.query_one("FooterKey.-command-palette", FooterKey)
            assert palette.display and palette.region.right == size[0], tab
            keys = [k for k in app.screen.query(FooterKey) if k is not palette]
            shown = [k for k in keys if k.display]
            assert keys[0] in shown, tab  # the tab's first key always
            for key in shown:
                assert (key.key_display + key.description).replace(" ", "") in line, (tab, key.description)
                assert key.region.right <= palette.region.x, (tab, key.description)
            left_out = [k for k in keys if not k.display]
            assert keys[: len(shown)] == shown, tab  # the keys left out are the last ones
            if size[0] >= 120 and tab in "1245":
                assert not left_out, tab


FITS = [
    pytest.param(70, (False, [True, True, True]), id="room to spare"),
    pytest.param(24, (False, [True, True, True]), id="exactly wide enough"),
    pytest.param(23, (True, [True, True, True]), id="one cell short goes compact"),
    pytest.param(21, (True, [True, True, True]), id="compact exactly"),
    pytest.param(20, (True, [True, True, True]), id="the last margin may lie under the palette"),
    pytest.param(19, (True, [True, False, True]), id="a key that would be cut is left out"),
    pytest.param(3, (True, [False, False, True]), id="only the palette"),
]


@pytest.mark.parametrize(("width", "expected"), FITS)
def test_keys_fit_the_width(width: int, expected: tuple[bool, list[bool]]) -> None:
    from planner.tui.widgets.footer import fitting

    # "? Keys" is 1+4+3 = 8 cells (7 compact), "^y Redo" 2+4+3 = 9 (8), the palette "^p go" 2+2+3 = 7 (6)
    assert tuple(fitting([("?", "Keys", False), ("^y", "Redo", False), ("^p", "go", True)], width)) == expected


@pytest.mark.parametrize("kind", ["blackouts", "overrides"])
async def test_the_add_rows_boxes_are_all_on_screen_apart_and_wide_enough_for_a_date(
    plan_copy: Path, kind: str
) -> None:
    from tui_helpers import show_tab

    app = make_app(plan=plan_copy, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await show_tab(pilot, "4", "plan")
        row = app.query_one(f"#{kind} .range-add")
        boxes = list(row.children)
        for box in boxes:
            assert row.region.contains_region(box.region), box.id  # nothing pushed past the card's edge
        from textual.widgets import Input

        for left, right in pairwise(boxes):
            if isinstance(right, Input):  # a cell before each box: their hints do not run on
                assert left.region.right < right.region.x, (left.id, right.id)
        for name in ("first", "second"):
            assert app.query_one(f"#{kind}-{name}").region.width >= len("2027-01-09") + 1
