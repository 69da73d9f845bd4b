"""The TUI and a file edited by someone else: reload, ask, never overwrite, never write a broken file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import REFERENCE, record_notes, run_planner, screen_text
from planfactory import replace_study
from tui_helpers import set_plan

from planner.core.model import LogEntry, replace
from planner.edge import store
from planner.tui import keeper
from planner.tui.app import make_app


def outside_edit(path: Path, **study: object) -> None:
    """What an editor does: write the whole file anew (with a newer mtime)."""
    changed = replace_study(store.load(path).plan, **study)
    path.write_text(store.dumps(changed))
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def log_one(app, hours: float = 1.0) -> None:
    plan = app.plan
    set_plan(app, replace(plan, log=(*plan.log, LogEntry(dt.date(2026, 12, 14), hours, "eda"))), "log")


async def test_an_outside_edit_with_nothing_unsaved_is_reloaded(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        outside_edit(path, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        assert app.plan.study.target_hours == 150
        assert any("changed on disk and was reloaded" in n for n in notes)
        await pilot.press("ctrl+z")  # the version before the reload is one undo away, asked first
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen" and app.plan.study.target_hours == 150
        await pilot.press("y")
        await pilot.pause()
        assert app.plan.study.target_hours == 185


@pytest.mark.parametrize("answer", ["n", "escape"])
async def test_undo_after_a_reload_asks_and_no_keeps_the_other_sides_work(plan_copy: Path, answer: str) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        outside_edit(path, target_hours=150.0)  # another window's change, saved
        app.check_disk()
        await pilot.pause()
        app.set_focus(None)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undo it, putting your version back over theirs?" in screen_text(app)
        await pilot.press(answer)
        await pilot.pause()
        assert type(app.screen).__name__ != "ConfirmScreen"
        assert app.plan.study.target_hours == 150
        app.flush_save()
    assert store.load(path).plan.study.target_hours == 150
    assert not list(path.parent.glob(f"{path.name}.theirs-*"))


@pytest.mark.slow
async def test_the_poll_notices_within_a_few_seconds(plan_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan_copy
    monkeypatch.setattr(keeper, "DISK_POLL_SECONDS", 0.05)  # read when the app mounts
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        outside_edit(path, target_hours=140.0)
        for _ in range(100):  # nobody calls check_disk here: only the poll can notice
            if app.plan.study.target_hours == 140:
                break
            await pilot.pause(0.05)
        assert app.plan.study.target_hours == 140


@pytest.mark.slow
async def test_an_outside_edit_with_an_unsaved_change_asks_and_reload_keeps_mine_in_undo(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log_one(app)
        outside_edit(path, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"
        assert path.read_text().count("[[log]]") == 0, "nothing was written over their edit"
        await pilot.click("#reload")
        await pilot.pause()
        assert app.plan.study.target_hours == 150 and app.plan.log == ()
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("y")  # undoing a reload is asked first
        await pilot.pause()
        assert len(app.plan.log) == 1


@pytest.mark.slow
async def test_save_as_keeps_both_sides(tmp_path: Path, plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log_one(app)
        outside_edit(path, target_hours=150.0)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"
        mine = tmp_path / "mine.toml"
        app.screen.query_one("#save-as-path").value = str(mine)
        await pilot.click("#save-as")
        await pilot.pause()
    assert store.load(path).plan.study.target_hours == 150  # theirs, untouched
    kept = store.load(mine).plan
    assert len(kept.log) == 1 and kept.study.target_hours == 185  # mine


@pytest.mark.slow
async def test_overwrite_needs_a_second_press_and_keeps_theirs_as_the_backup(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log_one(app)
        outside_edit(path, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        await pilot.click("#overwrite")
        await pilot.pause(0.3)  # a button ignores clicks during its 0.2 s press effect
        assert type(app.screen).__name__ == "ConflictScreen"
        assert store.load(path).plan.study.target_hours == 150
        await pilot.click("#overwrite")
        await pilot.pause()
    assert len(store.load(path).plan.log) == 1
    assert store.load(store.backup_path(path)).plan.study.target_hours == 150
    (theirs,) = path.parent.glob(f"{path.name}.theirs-*")
    assert store.load(theirs).plan.study.target_hours == 150


@pytest.mark.slow
async def test_their_version_outlives_the_next_save(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log_one(app)
        outside_edit(path, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        await pilot.click("#overwrite")
        await pilot.pause(0.3)  # a button ignores clicks during its 0.2 s press effect
        await pilot.click("#overwrite")
        await pilot.pause()
        log_one(app, 2.0)  # another change: the .bak rotates, the copy aside stays
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.load(store.backup_path(path)).plan.study.target_hours == 185
    (theirs,) = path.parent.glob(f"{path.name}.theirs-*")
    assert store.load(theirs).plan.study.target_hours == 150


@pytest.mark.slow
async def test_ctrl_q_saves_like_q(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log_one(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert len(store.load(path).plan.log) == 1


@pytest.mark.slow
async def test_later_is_not_asked_again_until_the_file_changes(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log_one(app)
        outside_edit(path, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        await pilot.click("#later")
        await pilot.pause()
        app.check_disk()
        await pilot.pause()
        assert len(app.screen_stack) == 1
        outside_edit(path, target_hours=140.0)
        app.check_disk()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"


@pytest.mark.slow
async def test_undoing_a_reload_keeps_the_file_s_version_aside(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        outside_edit(path, target_hours=150.0)
        app.check_disk()
        await pilot.pause()
        assert app.plan.study.target_hours == 150
        app.set_focus(None)
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("y")  # yes, put mine back over theirs
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.load(path).plan.study.target_hours == 185
    (theirs,) = path.parent.glob(f"{path.name}.theirs-*")
    assert store.load(theirs).plan.study.target_hours == 150


@pytest.mark.slow
async def test_a_file_broken_on_disk_is_never_written(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        broken = REFERENCE.read_text().replace("[exam]", "[exam", 1)
        path.write_text(broken)
        app.check_disk()
        await pilot.pause()
        assert any("broken" in n and "not valid TOML" in n for n in notes), notes
        log_one(app)
        assert app.flush_save() is False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"
        assert not app.screen.query("#overwrite"), "a broken file is never overwritten"
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running, "quitting with an unsaved change and a broken file asks first"
        assert type(app.screen).__name__ == "ConflictScreen"
        assert app.screen.query_one("#quit"), "the dialog on the way out can quit saving nothing"
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert path.read_text() == broken
        # Fixed in the editor, back to what the planner read: saving is safe again and happens.
        path.write_text(REFERENCE.read_text())
        app.check_disk()
        await pilot.pause()
        assert app.flush_save() is True
        assert len(app.screen_stack) == 1
    assert len(store.load(path).plan.log) == 1


@pytest.mark.slow
async def test_a_broken_file_fixed_differently_asks_before_saving(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        path.write_text("schema = 1\n[exam\n")
        app.check_disk()
        log_one(app)
        await pilot.pause()
        assert app.flush_save() is False, "the broken file is not saved over"
        assert path.read_text() == "schema = 1\n[exam\n"
        outside_edit_text = REFERENCE.read_text().replace("target_hours = 185", "target_hours = 170")
        path.write_text(outside_edit_text)
        app.check_disk()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"
        assert app.screen.query_one("#overwrite").display
        await pilot.click("#reload")
        await pilot.pause()
        assert app.plan.study.target_hours == 170
    assert path.read_text() == outside_edit_text


@pytest.mark.slow
async def test_q_after_later_asks_again_and_can_quit_saving_nothing(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log_one(app)
        outside_edit(path, target_hours=150.0)
        theirs = path.read_bytes()
        app.check_disk()
        await pilot.pause()
        await pilot.click("#later")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ == "ConflictScreen", "q after later asks again"
        await pilot.click("#quit")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_bytes() == theirs, "quitting without saving leaves their file as it is"


@pytest.mark.slow
async def test_a_deleted_file_is_reported_as_removed_and_written_again_on_ctrl_s(plan_copy: Path) -> None:
    path = plan_copy
    app = make_app(plan=path, today="2026-12-14")
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        path.unlink()
        app.check_disk()
        log_one(app)
        await pilot.pause(0.6)  # past the save delay: nothing is written behind the person's back
        assert not path.exists()
        assert any("was removed or renamed" in n for n in notes), notes
        assert not any("changed by another program" in n for n in notes), notes
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConflictScreen"
        assert "was removed or renamed" in str(app.screen.query_one("#conflict-why").render())
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(store.load(path).plan.log) == 1


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(lambda d: (os.mkfifo(d / "p.toml"), d / "p.toml")[1], "is a FIFO", id="fifo"),
        pytest.param(lambda d: Path("/dev/zero"), "is a character device", id="dev-zero"),
        pytest.param(lambda d: (d / "folder.toml").mkdir() or d / "folder.toml", "is a folder", id="folder"),
    ],
)
def test_a_plan_that_is_not_a_file_is_refused_before_the_tui_starts(tmp_path: Path, make, expected: str) -> None:
    target = make(tmp_path)
    run = run_planner("--plan", str(target))
    assert run.code == 2
    assert run.err.count("\n") == 1 and expected in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "2201-01-01"])
def test_a_today_out_of_range_is_refused_before_the_tui_starts(plan_copy: Path, today: str) -> None:
    run = run_planner("--plan", str(plan_copy), "--today", today)
    assert run.code == 2
    assert (
        run.err.count("\n") == 1 and "outside the years the planner handles" in run.err and "Traceback" not in run.err
    )
