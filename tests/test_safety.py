"""Never lose a plan: atomic saves, locks, outside edits, broken files, hostile text, limits."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import REFERENCE, ROOT, run_planner, screen_text
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from invariants import check_baseline
from planfactory import make_plan, replace_study
from test_toml_corpus import CORPUS, INVALID

from planner import cli
from planner.core import engine
from planner.core.model import LogEntry, Resource, replace
from planner.edge import store
from planner.edge.session import Session

PLAN = store.load(REFERENCE).plan


def with_target(hours: float):
    return replace_study(PLAN, target_hours=hours)


# --- atomic save -------------------------------------------------------------


def test_save_through_a_symlink_keeps_the_link_the_mode_and_a_backup(tmp_path: Path) -> None:
    real = tmp_path / "real" / "plan.toml"
    real.parent.mkdir()
    store.save(real, PLAN)
    os.chmod(real, 0o640)
    link = tmp_path / "plan.toml"
    link.symlink_to(real)
    loaded = store.load(link)
    store.save(link, with_target(150), loaded.fingerprint)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o640
    assert store.load(real).plan.study.target_hours == 150
    backup = real.with_name("plan.toml.bak")
    assert store.load(backup).plan == PLAN


def test_no_change_means_no_write(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    first = store.save(path, PLAN)
    before = os.stat(path)
    store.save(path, PLAN, first)
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


@pytest.mark.parametrize(
    ("where", "error", "needle"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EACCES, "Permission denied"),
        ("open", errno.EROFS, "Read-only file system"),
    ],
    ids=["disk-full", "folder-not-writable", "read-only-filesystem"],
)
def test_a_failed_save_says_why_and_leaves_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: int, needle: str
) -> None:
    path = tmp_path / "p.toml"
    loaded_print = store.save(path, PLAN)
    before = path.read_bytes()
    real = {"write": os.write, "replace": os.replace, "open": os.open}[where]

    def failing(*args, **kwargs):
        if where == "open" and not str(args[0]).split("/")[-1].startswith(".p.toml.tmp"):
            return real(*args, **kwargs)
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, where, failing)
    with pytest.raises(store.SaveError) as info:
        store.save(path, with_target(150), loaded_print)
    monkeypatch.undo()
    assert needle in str(info.value) and "unchanged" in str(info.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []


def test_a_save_leaves_every_file_it_did_not_make(tmp_path: Path) -> None:
    """Not even one shaped like a dead planner's: the name says little (pids are reused, folders shared)."""
    path = tmp_path / "p.toml"
    store.save(path, PLAN)
    others = [tmp_path / ".p.toml.tmp-999999999-dead", tmp_path / ".p.toml.tmp-notes", tmp_path / ".x.toml.tmp-1-ab"]
    for other in others:
        other.write_text("not this save's")
    store.save(path, with_target(150), store.load(path).fingerprint)
    assert all(other.read_text() == "not this save's" for other in others)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.toml", "p.toml.bak", *(o.name for o in others)])


KILLER = textwrap.dedent(
    """
    import dataclasses, datetime as dt, sys
    sys.path.insert(0, {root!r})
    from planner.edge import store
    from planner.core.model import LogEntry, replace
    path = sys.argv[1]
    loaded = store.load(path)
    plan, printed = loaded.plan, loaded.fingerprint
    for i in range(len(plan.log), len(plan.log) + 40):
        plan = replace(plan, log=(*plan.log, LogEntry(dt.date(2026, 12, 8), 0.5, "eda", note="x" * 2000)))
        printed = store.save(path, plan, printed)
        print(len(plan.log), flush=True)
    """
)


@pytest.mark.slow
def test_kill_9_during_saves_never_breaks_the_plan_nor_loses_a_finished_save(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    store.save(path, PLAN)
    script = tmp_path / "saver.py"
    script.write_text(KILLER.format(root=str(ROOT)))
    rng = random.Random(1)
    saved = 0
    for _ in range(200):  # kills at random moments until 40 saves have landed (fewer rounds on a quiet machine)
        if saved >= 40:
            break
        proc = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True)
        try:
            proc.wait(timeout=rng.uniform(0.05, 0.6))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        out = proc.stdout.read().split() if proc.stdout else []
        finished = int(out[-1]) if out else saved
        plan = store.load(path).plan  # always loads
        assert len(plan.log) >= finished >= saved, "a finished save was lost"
        saved = len(plan.log)
    assert saved >= 40


@pytest.mark.slow
def test_three_writers_at_once_all_land(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    store.save(path, PLAN)
    script = tmp_path / "logger.py"
    script.write_text(
        textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from planner.cli import main
        for i in range(50):
            code = main(["log", "0.1", "--domain", "eda", "--note", sys.argv[1] + str(i), "--plan", {str(path)!r},
                         "--today", "2026-12-08"])
            assert code == 0, code
    """)
    )
    procs = [subprocess.Popen([sys.executable, str(script), name], stdout=subprocess.DEVNULL) for name in "abc"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    log = store.load(path).plan.log
    assert len(log) == 150
    assert {e.note for e in log} == {f"{n}{i}" for n in "abc" for i in range(50)}


# --- broken files ----------------------------------------------------------------


@pytest.mark.slow
def test_every_invalid_toml_test_document_exits_2_with_a_message(tmp_path: Path) -> None:
    for name in INVALID:
        target = tmp_path / "case.toml"
        target.write_bytes((CORPUS / name).read_bytes())
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            code = cli.main(["check", "--plan", str(target)])
        assert code == 2, name
        lines = err.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"planner: {target}"), (name, lines)
        assert target.read_bytes() == (CORPUS / name).read_bytes()


def test_a_few_invalid_documents_by_subprocess(tmp_path: Path) -> None:
    for name in INVALID[::100]:
        target = tmp_path / "case.toml"
        target.write_bytes((CORPUS / name).read_bytes())
        r = run_planner("schedule", "--plan", str(target))
        assert r.code == 2 and r.err.count("\n") == 1 and "Traceback" not in r.err


def test_a_valid_toml_file_that_is_not_a_plan_says_so(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    r = run_planner("check", "--plan", str(path))
    assert r.code == 2
    assert "does not look like a planner plan" in r.err


# --- limits --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_plan_with_100000_resources_loads(tmp_path: Path) -> None:
    many = replace(
        PLAN,
        resources=tuple(Resource(id=f"r{i}", title=f"Resource {i}", hours=1, domains=("eda",)) for i in range(100_000)),
    )
    path = tmp_path / "many.toml"
    store.save(path, many)
    loaded = store.load(path).plan
    assert len(loaded.resources) == 100_000
    s = engine.build(loaded, loaded.study.start)
    assert len(s.resources) == 100_000


# --- hostile text in the CLI and the exports -----------------------------------------

HOSTILE = "\x1b[2J\x1b]0;pwned\x07Evil \u202eabc\u202c [bold]x[/] [@click=app.quit]q[/] \x9b31m\x7f"


def hostile_plan(tmp_path: Path) -> Path:
    plan = make_plan(
        start=dt.date(2027, 1, 4),
        exam=dt.datetime(2027, 2, 1, 9),
        weights=(1, 1),
        resources=(Resource(id="evil", title=HOSTILE, hours=3, notes=HOSTILE, url="https://x/" + HOSTILE),),
        log=(LogEntry(dt.date(2027, 1, 5), 1, "d0", note=HOSTILE),),
    )
    plan = replace(
        plan,
        exam=replace(plan.exam, name=HOSTILE, code="A\x1bB"),
        domains=(replace(plan.domains[0], name=HOSTILE), plan.domains[1]),
    )
    path = tmp_path / "hostile.toml"
    store.save(path, plan)
    return path


CONTROL = [chr(c) for c in (*range(0, 9), *range(11, 32), *range(0x7F, 0xA0))] + ["\u202e", "\u202c"]


@pytest.mark.parametrize(
    "args",
    [
        ["schedule"],
        ["status"],
        ["print"],
        ["print", "--format", "markdown"],
        ["print", "--format", "html"],
        ["schedule", "--json"],
    ],
    ids=["schedule", "status", "print-text", "print-markdown", "print-html", "json"],
)
def test_hostile_text_is_shown_literally_by_the_cli(tmp_path: Path, args: list[str]) -> None:
    path = hostile_plan(tmp_path)
    r = run_planner(*args, "--plan", str(path), "--today", "2027-01-06")
    assert r.code in (0, 1), r.err
    out = r.out.replace("\f", "") if args[0] == "print" else r.out
    assert not [ch for ch in CONTROL if ch in out and ch not in "\n"], "control characters reached the output"
    assert "Evil" in out
    if args == ["print", "--format", "html"]:
        assert "[bold]x[/]" in out and "<bold>" not in out
    elif args == ["print", "--format", "markdown"]:
        assert r"\[bold\]x\[/\]" in out
    elif args != ["schedule", "--json"]:
        assert "[bold]x[/]" in out


def test_hostile_text_in_the_calendar_feed(tmp_path: Path) -> None:
    path = hostile_plan(tmp_path)
    r = run_planner("export", "ics", "--plan", str(path), "--today", "2027-01-06")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out and "\u202e" not in r.out
    assert "Evil" in r.out


def test_error_messages_never_carry_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(REFERENCE.read_text().replace('kind = "video"', 'kind = "\\u001b[31mvid"'))
    r = run_planner("check", "--plan", str(path))
    assert r.code == 2
    assert "\x1b" not in r.err and "[31mvid" in r.err


# --- outside edits: a state machine over the session and the file --------------------


class EditSaveReload(RuleBasedStateMachine):
    """Edits, saves, outside edits and reloads in any order never lose an edit."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.folder = Path(tempfile.mkdtemp())
        self.path = self.folder / "p.toml"
        store.save(self.path, PLAN)
        self.session = Session.open(self.path)
        self.disk = PLAN  # what the file holds, by our own account
        self.synced = PLAN  # what the session last read or wrote

    @rule(hours=st.sampled_from([120.0, 150.0, 185.0, 200.0, 400.0]))
    def edit(self, hours: float) -> None:
        plan = self.session.plan
        self.session.apply(replace_study(plan, target_hours=hours), "e")

    @rule(hours=st.sampled_from([1.0, 2.5]))
    def log_hours(self, hours: float) -> None:
        plan = self.session.plan
        self.session.apply(replace(plan, log=(*plan.log, LogEntry(dt.date(2026, 12, 9), hours, "eda"))), "l")

    @property
    def outside(self) -> bool:
        """Another program changed what the file says since the session last read or wrote it."""
        return self.disk != self.synced

    @rule()
    def save(self) -> None:
        if self.outside and self.session.dirty:
            with pytest.raises(store.SaveConflict):
                self.session.save()
            return
        wrote = self.session.save()
        if wrote:
            self.disk = self.synced = self.session.plan

    @rule(weeks=st.integers(0, 3))
    def outside_edit(self, weeks: int) -> None:
        plan = store.load(self.path).plan
        changed = replace(plan, practice=replace(plan.practice, count=weeks + 1 + plan.practice.count % 7))
        self.path.write_text(store.dumps(changed))
        self.disk = changed

    @precondition(lambda self: self.outside)
    @rule()
    def reload(self) -> None:
        mine = self.session.plan
        self.session.reload()
        assert self.session.plan == self.disk
        self.synced = self.disk
        if mine != self.disk:
            assert self.session.undo() is not None and self.session.plan == mine, "the edit is still one undo away"
            self.session.redo()

    @precondition(lambda self: self.outside and self.session.dirty)
    @rule()
    def overwrite(self) -> None:
        theirs = self.disk
        kept = self.session.keep_theirs()
        self.session.save(force=True)
        self.disk = self.synced = self.session.plan
        assert kept is not None and store.load(kept).plan == theirs, "their version is kept aside"
        assert store.load(store.backup_path(self.path)).plan == theirs

    @invariant()
    def the_file_is_what_we_think(self) -> None:
        assert store.load(self.path).plan == self.disk

    @invariant()
    def the_engine_rules_hold(self) -> None:
        plan = self.session.plan
        check_baseline(plan, engine.build(replace(plan, log=()), plan.study.start))
        s = engine.build(plan, dt.date(2027, 1, 20))
        for w in s.weeks:
            if w.state != "past":
                ahead = w.study_hours + w.practice_hours - sum(w.done_hours.values())
                assert ahead <= w.capacity_hours + 1e-9

    def teardown(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


EditSaveReload.TestCase.settings = settings(
    max_examples=25, stateful_step_count=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_edit_save_outside_edit_reload = EditSaveReload.TestCase


# --- hostile text on every TUI screen ----------------------------------------------------


@pytest.mark.slow
async def test_hostile_text_on_every_screen(tmp_path: Path) -> None:
    from planner.tui.app import make_app

    path = hostile_plan(tmp_path)
    plan = store.load(path).plan
    wide = Resource(id="wide", title="日本語の教科書 " * 12, hours=2, domains=("d1",))
    long_note = LogEntry(dt.date(2027, 1, 5), 1, "d1", note="n" * 300)
    store.save(path, replace(plan, resources=(*plan.resources, wide), log=(*plan.log, long_note)))
    app = make_app(plan=path, today="2027-01-06")
    async with app.run_test(size=(140, 45)) as pilot:
        for key in ["1", "2", "3", "4", "5", "p", "escape", "question_mark", "escape", "l", "escape"]:
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert not [ch for ch in CONTROL if ch in text and ch not in "\n"], key
            assert app.is_running, key
            if key in "1235":
                assert "Evil" in text, key
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/] [@click=app.quit]q[/]" in text or "[bold]x[/] [@click=app.qu" in text
        assert "日本語の教科書" in text and "…" in text  # cut with an ellipsis, measured in cells
        await pilot.press("5")
        await pilot.pause()
        assert "n" * 30 + "…" in screen_text(app)
