"""Pilot tests of the TUI's side of issue 10: hostile file names, new plans, exports, saves and clock changes.

Every path the TUI shows is cleaned like plan text; a new plan is created (never written through a
link); an export never lands on the plan; a problem beside a save is said; a copy of "their" version
that cannot be made stops the overwrite; a typed time the clocks skip or repeat says which instant is used.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import REFERENCE, record_notes, screen_text
from test_tui_disk import log_one, outside_edit
from tui_helpers import opened, screen_shown

from planner.core.safetext import clean
from planner.edge import store
from planner.tui.app import make_app

EVIL = "x\x1b[2J\x1b]0;pwned\x07\u202e\x9b31m"
"""A clear-screen, a window title, a bell, a right-to-left override and a C1 CSI: all to be left out."""
SHOWN = "x[2J]0;pwned31m"
"""What is left of ``EVIL`` when it is shown."""


def hostile(text: str) -> bool:
    return clean(text) != text


@pytest.fixture
def evil_plan(tmp_path: Path) -> Path:
    folder = tmp_path / f"plans{EVIL}"
    folder.mkdir()
    path = folder / f"p{EVIL}.toml"
    shutil.copy(REFERENCE, path)
    return path


@pytest.mark.slow
async def test_a_plan_named_with_escape_sequences_is_shown_cleaned(evil_plan: Path) -> None:
    app = make_app(plan=evil_plan, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(200, 40)) as pilot:
        await opened(pilot)
        dashboard = screen_text(app)
        title = f"{app.title} {app.sub_title}"
        log_one(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        log_one(app)
        outside_edit(evil_plan, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"
        conflict = screen_text(app)
        suggested = app.screen.query_one("#save-as-path").value
        why = str(app.screen.query_one("#conflict-why").render())
        await pilot.click("#save-as")  # the suggestion as shown: their file stays, mine goes beside it
        await pilot.pause()
    assert f"plans{SHOWN}/p{SHOWN}.toml" in dashboard
    assert title.endswith(f"p{SHOWN}.toml")
    assert why.startswith(clean(str(evil_plan))) and suggested == clean(str(evil_plan.with_name(f"p{EVIL}-mine.toml")))
    assert any(f"Saved {evil_plan.parent.parent}" in n and SHOWN in n for n in [clean(n) for n in notes])
    assert any(f"Saved as {clean(str(evil_plan.parent))}" in n for n in notes), notes
    for shown in (dashboard, conflict, title, suggested, *notes):
        assert not hostile(shown), shown
    mine = evil_plan.with_name(f"p{EVIL}-mine.toml")
    assert store.load(mine).plan.log and store.load(evil_plan).plan.study.target_hours == 150


async def test_the_picker_and_the_load_error_show_hostile_names_cleaned(evil_plan: Path) -> None:
    broken = evil_plan.with_name(f"broken{EVIL}.toml")
    broken.write_text('schema = 1\n[exam]\nname = "x"\n', encoding="utf-8")
    before = broken.read_bytes()
    app = make_app(plans_dir=evil_plan.parent, today="2026-12-14")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PlanPicker"
        picker = screen_text(app)
        await pilot.press("enter")  # the first plan: broken…, sorted before p…
        message = str((await screen_shown(pilot, "LoadErrorScreen", "#load-error-message")).render())
        error = screen_text(app)
    assert f"broken{SHOWN}" in picker and f"p{SHOWN}" in picker
    assert message.startswith(f"{clean(str(broken))}: ")
    assert not hostile(picker) and not hostile(error)
    assert broken.read_bytes() == before


@pytest.mark.slow
async def test_a_new_plan_is_created_and_said_cleaned(evil_plan: Path) -> None:
    folder = evil_plan.parent
    app = make_app(plan=evil_plan, plans_dir=folder, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = screen_text(app)
        where = str(app.screen.query_one("#new-folder").render())
        app.screen.query_one("#new-name").value = "second"
        await pilot.click("#create")
        await opened(pilot)
    assert where == f"Saved in {clean(str(folder))}" and not hostile(dialog)
    assert store.load(folder / "second.toml").plan.exam.name == store.load(REFERENCE).plan.exam.name
    assert any(n == f"New plan: Created {clean(str(folder / 'second.toml'))}" for n in notes), notes
    assert not [n for n in notes if hostile(n)]


@pytest.mark.slow
@pytest.mark.parametrize("target_exists", [False, True], ids=["dangling link", "link to a file"])
async def test_the_new_plan_dialog_never_writes_through_a_link(
    tmp_path: Path, plan_copy: Path, target_exists: bool
) -> None:
    plans, elsewhere = tmp_path / "new-plans", tmp_path / "elsewhere"
    plans.mkdir()
    elsewhere.mkdir()
    target = elsewhere / "target.toml"
    if target_exists:
        target.write_text("mine, not a plan\n")
    (plans / "trap.toml").symlink_to(target)
    app = make_app(plan=plan_copy, plans_dir=plans, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewPlanScreen"
        app.screen.query_one("#new-name").value = "trap"
        await pilot.click("#create")
        await pilot.pause()
        error = str(app.screen.query_one("#new-error").render())
        assert type(app.screen).__name__ == "NewPlanScreen"
    assert "is a symbolic link to" in error and "never written through a link" in error
    assert "\n" not in error.strip()
    assert (plans / "trap.toml").is_symlink()
    assert target.read_text() == "mine, not a plan\n" if target_exists else not target.exists()


@pytest.mark.slow
async def test_an_exam_typed_in_a_clock_change_gap_says_which_instant(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    app = make_app(plans_dir=plans, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "NewPlanScreen"
        app.screen.query_one("#new-exam").value = "2027-03-28T01:30"  # London skips 01:00-02:00 that night
        await pilot.pause()
        shown = str(app.screen.query_one("#new-exam-note").render())
        await pilot.click("#create")
        await opened(pilot)
    note = "01:30 does not exist on 2027-03-28 in Europe/London (the clocks go forward); using 02:30 BST (UTC+01:00)"
    assert shown == note
    assert f"The exam's time: {note}" in notes
    (made,) = plans.glob("*.toml")
    assert store.load(made).plan.exam.date == dt.datetime(2027, 3, 28, 2, 30)


@pytest.mark.slow
async def test_a_reschedule_into_a_repeated_hour_says_which_instant(plan_copy: Path) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#reschedule-date").value = "2027-10-31T01:30"  # London repeats 01:00-02:00
        await pilot.pause()
        preview = str(app.screen.query_one("#reschedule-after").render())
        app.screen.query_one("#move").press()
        await pilot.pause()
    note = "01:30 happens twice on 2027-10-31 in Europe/London (the clocks go back); using the second, 01:30 GMT"
    assert note in preview
    assert any(n.startswith(f"Rescheduled: {note}") for n in notes), notes
    assert store.load(plan_copy).plan.exam.date == dt.datetime(2027, 10, 31, 1, 30)


@pytest.mark.slow
async def test_the_print_preview_never_writes_over_the_plan(plan_copy: Path) -> None:
    before = plan_copy.read_bytes()
    trap = plan_copy.with_name(f"{plan_copy.stem}-schedule.txt")
    trap.symlink_to(plan_copy.name)  # the text export's name, pointing at the plan
    app = make_app(plan=plan_copy, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        refused = str(app.screen.query_one("#preview-written").render())
        await pilot.press("h")
        await pilot.pause()
        written = str(app.screen.query_one("#preview-written").render())
    assert plan_copy.read_bytes() == before
    assert refused.startswith("✗ ") and "\n" not in refused and str(trap) in refused
    assert any(n.startswith("Not written: ") for n in notes)
    html = plan_copy.with_name(f"{plan_copy.stem}-schedule.html")
    assert written == f"Wrote {html}" and html.read_text().lower().startswith("<!doctype html>")


async def test_a_backup_that_is_a_folder_is_said_after_the_save(plan_copy: Path) -> None:
    folder = store.backup_path(plan_copy)
    folder.mkdir()
    (folder / "mine.txt").write_text("my own backups")
    app = make_app(plan=plan_copy, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        log_one(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert f"Saved, but: {folder}: is a folder, so the version before this save was not kept" in notes
    assert len(store.load(plan_copy).plan.log) == 1
    assert (folder / "mine.txt").read_text() == "my own backups"


def copies_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy of their version cannot be written (a full disk: the tests run as root, so no permission stops it)."""

    def full(path: Path, data: bytes, of: os.stat_result) -> None:
        raise store.SaveError(f"{path}: not written (no space left on device)")

    monkeypatch.setattr(store, "write_copy", full)


@pytest.mark.slow
async def test_overwrite_is_refused_when_their_version_cannot_be_kept(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        log_one(app)
        outside_edit(plan_copy, target_hours=150.0)
        theirs = plan_copy.read_bytes()
        app.check_disk()
        await pilot.pause()
        copies_fail(monkeypatch)
        await pilot.click("#overwrite")
        await pilot.pause(0.3)  # a button ignores clicks during its 0.2 s press effect
        await pilot.click("#overwrite")
        await pilot.pause()
        assert app.plan.log  # mine is still open, unsaved
    assert plan_copy.read_bytes() == theirs
    assert any(n.startswith("Not overwritten: ") and "their file was not overwritten" in n for n in notes), notes
    assert not list(plan_copy.parent.glob("*.theirs-*"))


async def test_undoing_a_reload_is_refused_when_their_version_cannot_be_kept(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(plan=plan_copy, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        outside_edit(plan_copy, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        theirs = plan_copy.read_bytes()
        copies_fail(monkeypatch)
        app.set_focus(None)
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("y")  # yes, undo the reload: it cannot, their version not being kept aside
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.plan.study.target_hours == 150
    assert plan_copy.read_bytes() == theirs
    assert any(n.startswith("Not undone: ") for n in notes), notes
