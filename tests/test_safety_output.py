"""``-o FILE`` never destroys the plan; paths shown are cleaned (issue 10, items 1, 6 and 9)."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REFERENCE
from planfactory import replace_study
from safetyrun import has_controls, one_clear_line, planner

from planner.edge import store

TODAY = ("--today", "2026-12-14")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan that has been saved once, so that its ``.bak`` exists too."""
    path = tmp_path / "p.toml"
    path.write_bytes(REFERENCE.read_bytes())
    loaded = store.load(path)
    store.save(path, replace_study(loaded.plan, target_hours=150.0), loaded.fingerprint)
    assert (tmp_path / "p.toml.bak").is_file()
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def _same(plan: Path) -> Path:
    return plan


def _dot_slash(plan: Path) -> Path:
    return plan.parent / "." / ".." / plan.parent.name / plan.name


def _symlink(plan: Path) -> Path:
    link = plan.parent / "schedule.txt"
    link.symlink_to(plan.name)
    return link


def _hard_link(plan: Path) -> Path:
    link = plan.parent / "schedule.txt"
    os.link(plan, link)
    return link


def _backup(plan: Path) -> Path:
    return plan.with_name("p.toml.bak")


def _symlink_to_backup(plan: Path) -> Path:
    link = plan.parent / "out" / "schedule.txt"
    link.parent.mkdir()
    link.symlink_to(plan.with_name("p.toml.bak"))
    return link


def _hard_link_to_backup(plan: Path) -> Path:
    link = plan.parent / "schedule.txt"
    os.link(plan.with_name("p.toml.bak"), link)
    return link


def _lock(plan: Path) -> Path:
    return plan.with_name(".p.toml.lock")


def _symlink_chain(plan: Path) -> Path:
    (plan.parent / "a").symlink_to(plan.name)
    (plan.parent / "b.txt").symlink_to("a")
    return plan.parent / "b.txt"


def _other_plan(plan: Path) -> Path:
    other = plan.parent / "other.toml"
    other.write_bytes(REFERENCE.read_bytes())
    return other


def _theirs(plan: Path) -> Path:
    kept = plan.with_name("p.toml.theirs-20270101-120000")
    kept.write_bytes(REFERENCE.read_bytes())
    return kept


REFUSED: list[tuple[str, Callable[[Path], Path], str]] = [
    ("the-plan", _same, "is the plan file"),
    ("the-plan-by-another-spelling", _dot_slash, "is the plan file"),
    ("symlink-to-the-plan", _symlink, "is the plan file"),
    ("chain-of-symlinks-to-the-plan", _symlink_chain, "is the plan file"),
    ("hard-link-to-the-plan", _hard_link, "is the plan file"),
    ("the-backup", _backup, "is the plan's backup"),
    ("symlink-to-the-backup", _symlink_to_backup, "is the plan's backup"),
    ("hard-link-to-the-backup", _hard_link_to_backup, "is the plan's backup"),
    ("the-lock-file", _lock, "is the plan's lock file"),
    ("another-plan", _other_plan, "is a plan file or a copy of one"),
    ("a-copy-kept-aside", _theirs, "is a plan file or a copy of one"),
]


CASES = [(["print"], *c[1:]) for c in REFUSED] + [
    (["export", "ics"], *c[1:]) for c in REFUSED if c[0] in ("the-plan", "hard-link-to-the-plan", "the-backup")
]
IDS = [f"print-{c[0]}" for c in REFUSED] + ["ics-the-plan", "ics-hard-link-to-the-plan", "ics-the-backup"]


@pytest.mark.parametrize(("command", "make", "needle"), CASES, ids=IDS)
def test_an_output_that_is_the_plan_or_its_backup_is_refused(
    plan: Path, command: list[str], make: Callable[[Path], Path], needle: str
) -> None:
    target = make(plan)
    before = _snapshot(plan.parent)
    r = planner(*command, "--plan", str(plan), *TODAY, "-o", str(target))
    assert r.code == 2
    line = one_clear_line(r.err)
    assert needle in line
    assert _snapshot(plan.parent) == before, "nothing on disk changed"


def test_stdout_redirected_onto_the_plan_is_refused_for_dev_stdout(plan: Path) -> None:
    before = plan.read_bytes()
    with open(plan, "ab") as appending:  # `planner print -o /dev/stdout >> p.toml`
        r = planner("print", "--plan", str(plan), *TODAY, "-o", "/dev/stdout", stdout=appending)
    assert r.code == 2
    assert "is the plan file" in one_clear_line(r.err)
    assert plan.read_bytes() == before


def test_an_existing_other_file_is_replaced_and_keeps_its_mode(plan: Path) -> None:
    out = plan.parent / "week.txt"
    out.write_text("last week's printout\n")
    os.chmod(out, 0o640)
    before = plan.read_bytes()
    r = planner("print", "--plan", str(plan), *TODAY, "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_text().startswith("AWS Certified Machine Learning")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert r.err == f"Wrote {out}\n"
    assert plan.read_bytes() == before


def test_through_a_symlink_the_target_is_written_and_the_link_stays(plan: Path) -> None:
    real = plan.parent / "shared" / "feed.ics"
    real.parent.mkdir()
    real.write_text("old feed")
    link = plan.parent / "feed.ics"
    link.symlink_to(real)
    r = planner("export", "ics", "--plan", str(plan), *TODAY, "-o", str(link))
    assert r.code == 0, r.err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("BEGIN:VCALENDAR")


def test_dev_stdout_is_written_into(plan: Path) -> None:
    r = planner("print", "--plan", str(plan), *TODAY, "-o", "/dev/stdout")
    assert r.code == 0, r.err
    assert r.out.startswith("AWS Certified Machine Learning")


def test_dev_stdout_redirected_to_a_file_appends_rather_than_replacing_it(plan: Path) -> None:
    log = plan.parent / "cron.log"
    log.write_text("earlier runs\n")
    with open(log, "ab") as appending:
        r = planner("print", "--plan", str(plan), *TODAY, "-o", "/dev/stdout", stdout=appending)
    assert r.code == 0, r.err
    text = log.read_text()
    assert text.startswith("earlier runs\nAWS Certified Machine Learning")


def test_dev_null_is_written_into_not_replaced(plan: Path) -> None:
    r = planner("print", "--plan", str(plan), *TODAY, "-o", "/dev/null")
    assert r.code == 0, r.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_into(plan: Path) -> None:
    fifo = plan.parent / "feed"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        r = planner("export", "ics", "--plan", str(plan), *TODAY, "-o", str(fifo))
    finally:
        if reader.is_alive() and not got:
            with open(fifo, "wb"):  # unblock the reader if the planner never opened it
                pass
        reader.join(10)
    assert r.code == 0, r.err
    assert got and got[0].startswith(b"BEGIN:VCALENDAR")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "still a FIFO, not replaced by a file"


def test_a_fifo_nobody_reads_is_an_error_not_a_wait(plan: Path) -> None:
    fifo = plan.parent / "feed"
    os.mkfifo(fifo)
    r = planner("print", "--plan", str(plan), *TODAY, "-o", str(fifo), timeout=20)
    assert r.code == 2
    assert "no program is reading" in one_clear_line(r.err)


@pytest.mark.parametrize(
    ("output", "needle"),
    [
        ("", "the file name is empty"),
        (".", "is a folder"),
        ("missing/dir/x.txt", "No such file or directory"),
        ("missing/", "missing/: there is no such folder"),
    ],
    ids=["empty", "a-folder", "no-such-folder", "a-folder-that-is-not-there"],
)
def test_an_output_that_cannot_be_a_file_gets_a_clear_error(plan: Path, output: str, needle: str) -> None:
    before = _snapshot(plan.parent)
    r = planner("print", "--plan", str(plan), *TODAY, "-o", output, cwd=plan.parent)
    assert r.code == 2
    assert needle in one_clear_line(r.err)
    assert _snapshot(plan.parent) == before


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640)])
def test_a_new_output_file_follows_the_umask(plan: Path, umask: int, mode: int) -> None:
    out = plan.parent / "week.html"
    r = planner("print", "--plan", str(plan), *TODAY, "-o", str(out), umask=umask)
    assert r.code == 0, r.err
    assert stat.S_IMODE(os.stat(out).st_mode) == mode


# --- paths reach the terminal cleaned (item 6) ------------------------------------------------

EVIL = "x\x1b[2J\x1b]0;pwned\x07\u202e\x9b31m"


@pytest.mark.slow
def test_a_plan_named_with_escape_sequences_is_shown_cleaned(tmp_path: Path) -> None:
    folder = tmp_path / f"plans{EVIL}"
    folder.mkdir()
    path = folder / f"p{EVIL}.toml"
    path.write_bytes(REFERENCE.read_bytes())
    runs = {
        "check": planner("check", "--plan", str(path)),
        "log": planner("log", "1", "--domain", "eda", "--plan", str(path), *TODAY),
        "reschedule": planner("reschedule", "2027-04-19", "--plan", str(path), *TODAY),
        "print -o": planner("print", "--plan", str(path), *TODAY, "-o", str(folder / f"out{EVIL}.txt")),
        "new": planner("new", "--template", "aws-ml-specialty", "--exam", "2027-06-01", "--plans-dir", str(folder)),
        "missing plan": planner("check", "--plan", str(folder / f"gone{EVIL}.toml")),
        "-o refused": planner("print", "--plan", str(path), *TODAY, "-o", str(path)),
    }
    for name, r in runs.items():
        assert r.code in (0, 2), (name, r.err)
        assert not has_controls(r.out) and not has_controls(r.err), (name, r.out, r.err)
        shown = r.out + r.err
        assert "plansx[2J]0;pwned31m" in shown, (name, shown)
    assert runs["missing plan"].code == 2 and runs["-o refused"].code == 2
    assert (folder / f"out{EVIL}.txt").is_file() and (folder / "aws-ml-specialty.toml").is_file()
