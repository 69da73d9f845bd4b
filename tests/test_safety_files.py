"""Odd files, other people's temporary files, planted links, umasks and backups (issue 10, items 4, 8, 9, 10)."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REFERENCE
from planfactory import replace_study
from safetyrun import one_clear_line, planner

from planner.core.errors import PlanError
from planner.edge import files, store
from planner.edge.session import Disk, Session

TODAY = ("--today", "2026-12-14")
LOG = ("log", "1", "--domain", "eda")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "p.toml"
    path.write_bytes(REFERENCE.read_bytes())
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set this process's umask for one test."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask) and None
    os.umask(old)


# --- only regular files are read (item 4) ----------------------------------------------------


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "plan.toml")
    return folder / "plan.toml"


def _link_to_fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe")
    (folder / "plan.toml").symlink_to("pipe")
    return folder / "plan.toml"


def _folder(folder: Path) -> Path:
    (folder / "plan.toml").mkdir()
    return folder / "plan.toml"


def _socket(folder: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "s.toml"))
    sock.close()
    return folder / "s.toml"


def _huge(folder: Path) -> Path:
    path = folder / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(files.MAX_READ_BYTES + 1)  # sparse: no disk used
    return path


NOT_FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("fifo", _fifo, "is a FIFO (named pipe), not a plan file"),
    ("symlink-to-fifo", _link_to_fifo, "is a FIFO (named pipe), not a plan file"),
    ("dev-zero", lambda _: Path("/dev/zero"), "is a character device, not a plan file"),
    ("dev-urandom", lambda _: Path("/dev/urandom"), "is a character device, not a plan file"),
    ("folder", _folder, "is a folder, not a plan file"),
    ("socket", _socket, "is a socket, not a plan file"),
    ("larger-than-the-limit", _huge, "is 67,108,865 bytes, more than the 67,108,864 bytes (64 MB) the planner reads"),
]


@pytest.mark.parametrize("command", [["check"], ["status"], list(LOG)], ids=["check", "status", "log"])
@pytest.mark.parametrize(("make", "needle"), [c[1:] for c in NOT_FILES], ids=[c[0] for c in NOT_FILES])
def test_what_is_not_a_file_is_refused_at_once(
    tmp_path: Path, command: list[str], make: Callable[[Path], Path], needle: str
) -> None:
    path = make(tmp_path)
    r = planner(*command, "--plan", str(path), *TODAY, timeout=20)  # a hang fails by the timeout
    assert r.code == 2
    line = one_clear_line(r.err)
    assert line == f"planner: {path}: {needle}" or needle in line
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) in ([], [f".{path.name}.lock"])


def test_the_session_and_the_store_refuse_a_fifo_without_waiting(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    with pytest.raises(PlanError, match="FIFO"):
        Session.open(fifo)
    with pytest.raises(PlanError, match="FIFO"):
        store.check_file(fifo)
    with pytest.raises(OSError, match="FIFO"):
        store.fingerprint(fifo)


# --- temporary files, the lock, and new plans (item 8) ---------------------------------------


def test_a_save_never_removes_files_it_did_not_make(plan: Path) -> None:
    theirs = {
        ".p.toml.tmp-notes": b"my notes, kept here on purpose",
        ".p.toml.tmp-999999999-dead": b"looks like a planner's, is not this one's",
        ".p.toml.bak.tmp-1-00000000": b"another",
    }
    for name, data in theirs.items():
        (plan.parent / name).write_bytes(data)
    r = planner(*LOG, "--plan", str(plan), *TODAY)
    assert r.code == 0, r.err
    for name, data in theirs.items():
        assert (plan.parent / name).read_bytes() == data
    ours = [p.name for p in plan.parent.iterdir() if ".tmp-" in p.name and p.name not in theirs]
    assert ours == [], "and nothing of its own is left behind"


def test_a_planted_lock_symlink_is_refused_and_creates_nothing(plan: Path) -> None:
    elsewhere = plan.parent / "elsewhere" / "created-by-the-planner"
    elsewhere.parent.mkdir()
    (plan.parent / ".p.toml.lock").symlink_to(elsewhere)
    before = plan.read_bytes()
    r = planner(*LOG, "--plan", str(plan), *TODAY)
    assert r.code == 2
    assert "is a symbolic link; the planner never follows one" in one_clear_line(r.err)
    assert not elsewhere.exists()
    assert plan.read_bytes() == before


def test_a_lock_that_is_a_fifo_is_refused(plan: Path) -> None:
    os.mkfifo(plan.parent / ".p.toml.lock")
    r = planner(*LOG, "--plan", str(plan), *TODAY, timeout=20)
    assert r.code == 2
    assert "the lock file .p.toml.lock is a FIFO (named pipe); remove it" in one_clear_line(r.err)


@pytest.mark.parametrize("exists", [False, True], ids=["dangling", "to-an-existing-file"])
def test_new_never_writes_through_a_symlink_out_of_the_plans_folder(tmp_path: Path, exists: bool) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    outside = tmp_path / "outside" / "target.toml"
    outside.parent.mkdir()
    if exists:
        outside.write_text("someone's file")
    (folder / "mine.toml").symlink_to(outside)
    r = planner(
        "new", "--template", "aws-ml-specialty", "--exam", "2027-06-01", "--name", "mine", "--plans-dir", str(folder)
    )
    assert r.code == 2
    line = one_clear_line(r.err)
    assert "is a symbolic link to" in line and "never written through a link" in line
    assert outside.exists() == exists
    if exists:
        assert outside.read_text() == "someone's file"
    assert (folder / "mine.toml").is_symlink()


def test_save_as_never_writes_through_a_dangling_link(plan: Path) -> None:
    session = Session.open(plan)
    link = plan.parent / "copy.toml"
    link.symlink_to(plan.parent / "nowhere" / "x.toml")
    with pytest.raises(store.SaveError, match="symbolic link"):
        session.save_as(link)
    assert session.path == plan
    assert not (plan.parent / "nowhere").exists()


# --- the umask and the mode of copies (item 9) -------------------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_plan_follows_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    r = planner(
        "new", "--template", "aws-ml-specialty", "--exam", "2027-06-01", "--plans-dir", str(tmp_path), umask=mask
    )
    assert r.code == 0, r.err
    assert stat.S_IMODE(os.stat(tmp_path / "aws-ml-specialty.toml").st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_save_keeps_the_plans_mode_and_the_backup_has_it_too(plan: Path, mode: int) -> None:
    os.chmod(plan, mode)
    for _ in range(2):  # the second save makes the backup from a file the planner wrote
        r = planner(*LOG, "--plan", str(plan), *TODAY, umask=0o077)
        assert r.code == 0, r.err
    assert stat.S_IMODE(os.stat(plan).st_mode) == mode
    assert stat.S_IMODE(os.stat(store.backup_path(plan)).st_mode) == mode


@pytest.mark.parametrize(
    ("plan_mode", "mask", "copy_mode"),
    [(0o600, 0o022, 0o600), (0o644, 0o077, 0o600), (0o664, 0o002, 0o664), (0o640, 0o022, 0o640)],
    ids=["private-plan", "private-umask", "group-writable", "group-readable"],
)
def test_the_copy_kept_aside_has_the_plans_mode_narrowed_by_the_umask(
    plan: Path, umask: Callable[[int], None], plan_mode: int, mask: int, copy_mode: int
) -> None:
    session = Session.open(plan)
    os.chmod(plan, plan_mode)
    umask(mask)
    kept = session.keep_theirs()
    assert kept is not None and kept.read_bytes() == plan.read_bytes()
    assert stat.S_IMODE(os.stat(kept).st_mode) == copy_mode
    again = session.keep_theirs()
    assert again is not None and again != kept and kept.exists(), "a second copy in the same second keeps the first"


# --- smaller ones (item 10) ---------------------------------------------------------------------


def test_a_backup_that_is_a_folder_does_not_stop_the_save_and_is_left_alone(plan: Path) -> None:
    folder = plan.with_name("p.toml.bak")
    folder.mkdir()
    (folder / "mine.txt").write_text("my own backups")
    r = planner(*LOG, "--plan", str(plan), *TODAY)
    assert r.code == 0
    assert r.err == (f"planner: warning: {folder}: is a folder, so the version before this save was not kept\n"), (
        "a problem with the backup, named as such"
    )
    assert len(store.load(plan).plan.log) == 1, "the plan is saved"
    assert (folder / "mine.txt").read_text() == "my own backups"


def test_the_session_tells_of_a_backup_not_kept(plan: Path) -> None:
    plan.with_name("p.toml.bak").mkdir()
    session = Session.open(plan)
    session.apply(replace_study(session.plan, target_hours=150.0), "edit")
    assert session.save()
    assert store.load(plan).plan.study.target_hours == 150
    (warning,) = session.take_warnings()
    assert "p.toml.bak: is a folder" in warning
    assert session.take_warnings() == []


def test_a_deleted_plan_is_reported_as_deleted(plan: Path) -> None:
    session = Session.open(plan)
    session.apply(replace_study(session.plan, target_hours=150.0), "edit")
    plan.unlink()
    state = session.disk_state()
    assert state.kind is Disk.DELETED and state.missing
    with pytest.raises(store.SaveConflict) as info:
        session.save()
    assert info.value.deleted
    assert "deleted or moved" in str(info.value) and "changed" not in str(info.value)
    assert session.save(force=True), "written again when asked"
    assert store.load(plan).plan.study.target_hours == 150


# --- the disk states a front end follows -----------------------------------------------------------


def test_disk_states_fine_changed_broken_deleted(plan: Path) -> None:
    session = Session.open(plan)
    assert session.disk_state().kind is Disk.FINE
    st = os.stat(plan)
    os.utime(plan, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert session.disk_state().kind is Disk.FINE, "touched is not changed"
    theirs = replace_study(session.plan, target_hours=120.0)
    plan.write_text(store.dumps(theirs))
    state = session.disk_state()
    assert state.kind is Disk.CHANGED and state.loaded is not None and state.loaded.plan == theirs
    session.reload(state.loaded)
    assert session.plan == theirs and session.disk_state().kind is Disk.FINE
    plan.write_text("schema = 1\n[exam\n")
    state = session.disk_state()
    assert state.kind is Disk.BROKEN and state.error is not None and "not valid TOML" in str(state.error)
    plan.unlink()
    os.mkfifo(plan)
    state = session.disk_state()
    assert state.kind is Disk.BROKEN and "FIFO" in str(state.error)
    plan.unlink()
    assert session.disk_state().kind is Disk.DELETED


def test_a_session_whose_plan_became_a_fifo_does_not_save_nor_wait(plan: Path) -> None:
    session = Session.open(plan)
    session.apply(replace_study(session.plan, target_hours=150.0), "edit")
    plan.unlink()
    os.mkfifo(plan)
    for force in (False, True):
        with pytest.raises(store.SaveError, match="is a FIFO"):
            session.save(force=force)
    assert stat.S_ISFIFO(os.lstat(plan).st_mode)
    assert session.keep_theirs() is None
