"""The disk-sync rules of an open plan (planner.edge.sync), on real files, without Textual."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import REFERENCE
from planfactory import replace_study

from planner.core.model import LogEntry, replace
from planner.edge import store
from planner.edge.session import Session
from planner.edge.store import SaveError
from planner.edge.sync import (
    BROKEN_REFUSAL,
    Adopted,
    Answer,
    Ask,
    Broken,
    Choice,
    Failed,
    Fixed,
    Missing,
    Quiet,
    Quit,
    Reloaded,
    Saved,
    Sync,
    UpToDate,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "plan.toml"
    shutil.copy(REFERENCE, target)
    return target


def outside_edit(path: Path, **study: object) -> None:
    """What an editor does: write the whole file anew, with a newer mtime."""
    changed = replace_study(store.load(path).plan, **study)
    path.write_text(store.dumps(changed))
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def touch(path: Path, text: str) -> None:
    path.write_text(text)
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def log_one(session: Session, hours: float = 1.0) -> None:
    plan = session.plan
    entry = LogEntry(dt.date(2026, 12, 14), hours, "eda")
    session.apply(replace(plan, log=(*plan.log, entry)), "log")


def test_nothing_changed_is_quiet(path: Path) -> None:
    sync = Sync(Session.open(path))
    assert sync.poll() == Quiet()
    assert sync.save() == Quiet()
    assert sync.save_now() == UpToDate("plan.toml")


def test_an_outside_edit_with_nothing_unsaved_is_reloaded_and_one_undo_goes_back(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    outside_edit(path, target_hours=150.0)
    assert sync.poll() == Reloaded("plan.toml")
    assert session.plan.study.target_hours == 150 and not session.dirty
    label, kept = sync.undo()
    assert label == "reload from disk" and session.plan.study.target_hours == 185
    assert kept is not None and store.load(kept).plan.study.target_hours == 150, "their version is kept aside"


def test_an_outside_edit_with_unsaved_changes_asks_once_and_writes_nothing(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    theirs = path.read_bytes()
    assert sync.poll() == Ask("changed")
    assert sync.poll() == Quiet(), "the dialog is open: nothing more is asked"
    assert sync.save() == Quiet()
    assert path.read_bytes() == theirs


def test_ctrl_s_after_an_outside_edit_asks_and_writes_nothing(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    theirs = path.read_bytes()
    assert sync.save_now() == Ask("changed")
    assert path.read_bytes() == theirs


def test_ctrl_s_with_nothing_unsaved_takes_an_outside_edit(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    outside_edit(path, target_hours=150.0)
    assert sync.save_now() == Reloaded("plan.toml")
    assert session.plan.study.target_hours == 150


def test_a_file_rewritten_with_the_same_plan_counts_as_saved(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    touch(path, store.dumps(session.plan))  # same plan, the planner's own formatting
    assert sync.poll() == Adopted()
    assert not session.dirty
    assert sync.poll() == Quiet()


def test_later_holds_until_the_file_changes_again(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    assert isinstance(sync.poll(), Ask)
    assert sync.answer(Answer(Choice.LATER)) == Quiet()
    assert sync.poll() == Quiet()
    assert sync.save() == Quiet(), "the save a moment after an edit does not ask again"
    outside_edit(path, target_hours=140.0)
    assert sync.poll() == Ask("changed")


def test_ctrl_s_after_later_asks_again(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    sync.poll()
    sync.answer(Answer(Choice.LATER))
    assert sync.save_now() == Ask("changed")


def test_quit_after_later_asks_again_and_can_quit_saving_nothing(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    theirs = path.read_bytes()
    sync.poll()
    sync.answer(Answer(Choice.LATER))
    assert sync.quit() == Ask("changed", quitting=True)
    assert sync.answer(Answer(Choice.QUIT)) == Quit()
    assert path.read_bytes() == theirs


def test_quit_with_everything_saved_just_quits(path: Path) -> None:
    assert Sync(Session.open(path)).quit() == Quit()


def test_quit_saves_first(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    assert sync.quit() == Quit()
    assert len(store.load(path).plan.log) == 1


def test_a_broken_file_is_told_once_and_never_written(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    broken = REFERENCE.read_text().replace("[exam]", "[exam", 1)
    touch(path, broken)
    decision = sync.poll()
    assert isinstance(decision, Broken) and "not valid TOML" in str(decision.error)
    assert sync.poll() == Quiet(), "the same error is not told twice"
    log_one(session)
    assert sync.save() == Failed(BROKEN_REFUSAL)
    assert sync.save_now() == Ask("broken")
    assert sync.answer(Answer(Choice.LATER)) == Quiet()
    assert sync.quit() == Ask("broken", quitting=True)
    assert path.read_text() == broken


def test_a_broken_file_put_back_as_it_was_is_saved_again(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    original = path.read_text()
    touch(path, "schema = 1\n[exam\n")
    assert isinstance(sync.poll(), Broken)
    log_one(session)
    path.write_text(original)
    os.utime(path, ns=(session.fingerprint.mtime_ns, session.fingerprint.mtime_ns))
    assert sync.poll() == Fixed("plan.toml", unsaved=True)
    assert sync.save() == Saved(path)
    assert len(store.load(path).plan.log) == 1


def test_a_broken_file_fixed_differently_asks(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    touch(path, "schema = 1\n[exam\n")
    sync.poll()
    log_one(session)
    touch(path, REFERENCE.read_text().replace("target_hours = 185", "target_hours = 170"))
    assert sync.poll() == Ask("changed")
    assert sync.answer(Answer(Choice.RELOAD)) == Reloaded("plan.toml")
    assert session.plan.study.target_hours == 170 and session.plan.log == ()


def test_a_missing_file_is_told_once_autosave_waits_and_ctrl_s_writes_it_again(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    path.unlink()
    assert sync.poll() == Missing(path)
    assert sync.poll() == Quiet()
    log_one(session)
    assert sync.save() == Quiet()
    assert not path.exists(), "nothing is written back behind the person's back"
    assert sync.save_now() == Saved(path)
    assert len(store.load(path).plan.log) == 1


def test_quitting_with_a_missing_file_asks_and_write_again_quits(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    path.unlink()
    log_one(session)
    assert sync.quit() == Ask("missing", quitting=True)
    assert sync.answer(Answer(Choice.WRITE_AGAIN)) == Quit()
    assert len(store.load(path).plan.log) == 1


def test_overwrite_keeps_their_version_aside(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    sync.poll()
    decision = sync.answer(Answer(Choice.OVERWRITE))
    assert isinstance(decision, Saved) and decision.how == "overwrote" and decision.kept is not None
    assert store.load(decision.kept).plan.study.target_hours == 150
    assert len(store.load(path).plan.log) == 1


def test_save_as_writes_a_new_file_and_leaves_theirs(path: Path, tmp_path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    sync.poll()
    decision = sync.answer(Answer(Choice.SAVE_AS, tmp_path / "mine"))
    assert decision == Saved(tmp_path / "mine.toml", "saved-as")
    assert session.path == tmp_path / "mine.toml"
    assert store.load(path).plan.study.target_hours == 150
    assert len(store.load(tmp_path / "mine.toml").plan.log) == 1


def test_save_as_an_existing_file_is_refused(path: Path, tmp_path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    outside_edit(path, target_hours=150.0)
    sync.poll()
    decision = sync.answer(Answer(Choice.SAVE_AS, path))
    assert isinstance(decision, Failed) and "already exists" in decision.message


def test_a_failed_save_on_quit_asks_rather_than_trapping_the_person(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)

    def full(*, force: bool = False) -> bool:
        raise SaveError(f"{path}: not saved (the disk is full); the plan on disk is unchanged")

    monkeypatch.setattr(session, "save", full)
    assert sync.save() == Failed(f"{path}: not saved (the disk is full); the plan on disk is unchanged")
    decision = sync.quit()
    assert isinstance(decision, Ask) and decision.why == "failed" and "disk is full" in decision.detail
    assert sync.answer(Answer(Choice.QUIT)) == Quit()


# --- the terminal went away: no one can answer, nothing unsaved is lost ------------------------


def _changed_outside(path: Path, sync: Sync) -> str:
    outside_edit(path, target_hours=150.0)
    return path.read_text()


def _broken(path: Path, sync: Sync) -> str:
    touch(path, "schema = 1\n[exam\n")
    assert isinstance(sync.poll(), Broken)
    return path.read_text()


def _gone(path: Path, sync: Sync) -> str:
    path.unlink()
    return ""


def _unwritable(path: Path, sync: Sync) -> str:
    def full(*, force: bool = False) -> bool:
        raise SaveError(f"{path}: not saved (the disk is full); the plan on disk is unchanged")

    sync.session.save = full  # type: ignore[method-assign]
    return path.read_text()


HANG_UPS = [  # (case, what happened to the file before the hang-up)
    ("changed outside", _changed_outside),
    ("does not load", _broken),
    ("removed", _gone),
    ("cannot be written", _unwritable),
]


def test_a_hang_up_with_everything_saved_just_quits(path: Path) -> None:
    before = sorted(p.name for p in path.parent.iterdir())
    assert Sync(Session.open(path)).hang_up() == Quit()
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_a_hang_up_saves_what_is_unsaved_into_the_file(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session, 2.5)
    assert sync.hang_up() == Saved(path)
    assert [e.hours for e in store.load(path).plan.log] == [2.5]
    assert not list(path.parent.glob("*.unsaved-*")), "nothing beside it"


@pytest.mark.parametrize("happen", [c[1] for c in HANG_UPS], ids=[c[0] for c in HANG_UPS])
def test_a_hang_up_the_file_cannot_take_keeps_ours_beside_it_and_theirs_as_it_is(path: Path, happen: object) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session, 2.5)
    theirs = happen(path, sync)  # type: ignore[operator]
    decision = sync.hang_up()
    (aside,) = path.parent.glob("plan.unsaved-*.toml")
    assert decision == Saved(aside, "saved-as")
    assert [e.hours for e in store.load(aside).plan.log] == [2.5], "ours, whole"
    if theirs:
        assert path.read_text() == theirs, "theirs not written over"
    else:
        assert not path.exists(), "a removed file is not put back behind the person's back"


def test_hang_ups_in_one_second_never_write_over_an_earlier_copy(path: Path) -> None:
    kept = []
    for hours in (1.0, 2.0, 3.0):
        session = Session.open(path)
        sync = Sync(session)
        log_one(session, hours)
        outside_edit(path, target_hours=100.0 + hours)
        decision = sync.hang_up()
        assert isinstance(decision, Saved) and decision.how == "saved-as"
        kept.append(decision.path)
    assert len(set(kept)) == 3
    assert sorted(store.load(p).plan.log[-1].hours for p in kept) == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("mode", "happen"),
    [(0o600, _changed_outside), (0o640, _changed_outside), (0o644, _gone)],
    ids=["private plan", "group-readable plan", "removed plan: private"],
)
def test_the_copy_a_hang_up_keeps_is_no_more_open_than_the_plan(path: Path, mode: int, happen: object) -> None:
    path.chmod(mode)
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    happen(path, sync)  # type: ignore[operator]
    old = os.umask(0o022)
    try:
        decision = sync.hang_up()
    finally:
        os.umask(old)
    assert isinstance(decision, Saved) and decision.how == "saved-as"
    expected = 0o600 if happen is _gone else mode
    assert os.stat(decision.path).st_mode & 0o777 == expected


def test_a_hang_up_keeps_a_copy_of_a_plan_with_a_very_long_name(tmp_path: Path) -> None:
    path = tmp_path / ("é" * 120 + ".toml")  # 245 bytes: a longer name for its copy would not be allowed
    shutil.copy(REFERENCE, path)
    session = Session.open(path)
    sync = Sync(session)
    log_one(session, 2.5)
    _changed_outside(path, sync)
    decision = sync.hang_up()
    assert isinstance(decision, Saved) and decision.how == "saved-as"
    assert len(decision.path.name.encode()) <= 255
    assert [e.hours for e in store.load(decision.path).plan.log] == [2.5]


def test_a_hang_up_when_the_file_already_holds_the_plan_writes_nothing(path: Path) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session)
    path.write_text(store.dumps(session.plan))  # another program wrote the very same plan
    assert sync.hang_up() == Quit()
    assert not list(path.parent.glob("*.unsaved-*"))


def test_a_copy_name_taken_between_the_look_and_the_write_moves_on(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session.open(path)
    sync = Sync(session)
    log_one(session, 2.5)
    _changed_outside(path, sync)
    create = store.create
    taken: list[Path] = []

    def racing(target: Path, plan: object, **kw: object) -> object:
        if not taken:  # another planner writes this very name first
            taken.append(target)
            target.write_text("someone else's\n")
        return create(target, plan, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "create", racing)
    decision = sync.hang_up()
    assert isinstance(decision, Saved) and decision.path != taken[0]
    assert taken[0].read_text() == "someone else's\n"
    assert [e.hours for e in store.load(decision.path).plan.log] == [2.5]
