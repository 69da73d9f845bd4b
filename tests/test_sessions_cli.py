"""`planner session` from the command line, with `--today` as the clock, checked in the file it writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import Run, run_planner

from planner.edge import store


def session(plan: Path, today: str, *args: str) -> Run:
    return run_planner("session", *args, "--plan", str(plan), "--today", today)


def log_of(plan: Path) -> list[tuple[str, float, str | None, str | None, str]]:
    return [(e.date.isoformat(), e.hours, e.domain, e.resource, e.note) for e in store.load(plan).plan.log]


def test_a_session_from_start_to_stop(plan_copy: Path) -> None:
    started = session(plan_copy, "2026-12-08T19:00", "start", "--domain", "modelling", "--resource", "udemy-hands-on")
    assert started.code == 0, started.err
    assert (
        "Modelling (AWS Certified Machine Learning Specialty" in started.out and "since Tue 8 Dec 19:00" in started.out
    )
    running = store.load(plan_copy).plan.session
    assert running is not None
    assert (running.started, running.domain, running.resource) == (
        dt.datetime(2026, 12, 8, 19, 0),
        "modelling",
        "udemy-hands-on",
    )
    assert "[session]" in plan_copy.read_text(encoding="utf-8")

    before = plan_copy.read_bytes()
    again = session(plan_copy, "2026-12-08T19:10", "start", "--domain", "eda")
    assert again.code == 2 and "a session is already running: Modelling" in again.err, again.err
    assert again.err.count("\n") == 1
    assert plan_copy.read_bytes() == before

    status = session(plan_copy, "2026-12-08T19:30", "status")
    assert status.code == 0, status.err
    assert "since Tue 8 Dec 19:00, 30 min so far" in status.out

    stopped = session(plan_copy, "2026-12-08T19:50", "stop", "--note", "built-in [algorithms]")
    assert stopped.code == 0, stopped.err
    assert "Logged 0.83 h on Tue 8 Dec" in stopped.out and "50 min" in stopped.out
    assert log_of(plan_copy) == [("2026-12-08", 0.83, "modelling", "udemy-hands-on", "built-in [algorithms]")]
    assert store.load(plan_copy).plan.session is None
    assert "[session]" not in plan_copy.read_text(encoding="utf-8")


def test_a_session_over_midnight_is_logged_on_both_days(plan_copy: Path) -> None:
    assert session(plan_copy, "2026-12-08T23:30", "start", "--domain", "eda").code == 0
    stopped = session(plan_copy, "2026-12-09T00:45", "stop")
    assert stopped.code == 0, stopped.err
    assert "Logged 1.25 h (Tue 8 Dec 0.5 h, Wed 9 Dec 0.75 h)" in stopped.out
    assert log_of(plan_copy) == [("2026-12-08", 0.5, "eda", None, ""), ("2026-12-09", 0.75, "eda", None, "")]


def test_the_logged_hours_count_in_the_schedule(plan_copy: Path) -> None:
    import json

    assert session(plan_copy, "2026-12-08T19:00", "start", "--domain", "modelling").code == 0
    assert session(plan_copy, "2026-12-08T20:30", "stop").code == 0
    r = run_planner("schedule", "--json", "--plan", str(plan_copy), "--today", "2026-12-09")
    data = json.loads(r.out)
    assert {d["id"]: d["done_hours"] for d in data["domains"]}["modelling"] == 1.5


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["stop"], "no session is running"),
        (["start", "--domain", "nope"], "--domain: "),
        (["start", "--domain", "eda", "--resource", "nope"], "--resource: "),
        (["start"], "--domain ID is required"),
        (["start", "--domain", "eda", "--note", "x"], "--note: only for `planner session stop`"),
        (["stop", "--domain", "eda"], "--domain: only for `planner session start`"),
        (["pause"], "invalid choice"),
    ],
    ids=[
        "stop-with-nothing-running",
        "unknown-domain",
        "unknown-resource",
        "no-domain",
        "note-on-start",
        "domain-on-stop",
        "unknown-action",
    ],
)
def test_bad_session_commands_exit_2_and_leave_the_file(plan_copy: Path, args: list[str], needle: str) -> None:
    before = plan_copy.read_bytes()
    r = session(plan_copy, "2026-12-08T19:00", *args)
    assert r.code == 2 and needle in r.err, r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert plan_copy.read_bytes() == before


def test_status_with_nothing_running(plan_copy: Path) -> None:
    r = session(plan_copy, "2026-12-08T19:00", "status")
    assert (r.code, r.out.strip()) == (0, f"No session is running in {plan_copy}.")


def test_a_session_left_running_asks_before_it_logs(plan_copy: Path) -> None:
    assert session(plan_copy, "2026-12-08T19:00", "start", "--domain", "eda").code == 0
    status = session(plan_copy, "2026-12-09T09:00", "status")
    assert "14 h so far" in status.out and "over 12 h" in status.out
    before = plan_copy.read_bytes()
    refused = session(plan_copy, "2026-12-09T09:00", "stop")
    assert refused.code == 2 and "running for 14 h" in refused.err and "--at TIME" in refused.err, refused.err
    assert plan_copy.read_bytes() == before
    at = session(plan_copy, "2026-12-09T09:00", "stop", "--at", "2026-12-08T21:15")
    assert at.code == 0, at.err
    assert log_of(plan_copy) == [("2026-12-08", 2.25, "eda", None, "")]


def test_yes_logs_a_long_session_and_discard_drops_one(plan_copy: Path) -> None:
    assert session(plan_copy, "2026-12-08T19:00", "start", "--domain", "eda").code == 0
    assert session(plan_copy, "2026-12-09T08:00", "stop", "--yes").code == 0
    assert log_of(plan_copy) == [("2026-12-08", 5.0, "eda", None, ""), ("2026-12-09", 8.0, "eda", None, "")]
    assert session(plan_copy, "2026-12-10T19:00", "start", "--domain", "eda").code == 0
    dropped = session(plan_copy, "2026-12-10T19:20", "stop", "--discard")
    assert dropped.code == 0 and "nothing logged" in dropped.out
    assert len(log_of(plan_copy)) == 2 and store.load(plan_copy).plan.session is None


def test_stop_at_a_time_of_today(plan_copy: Path) -> None:
    assert session(plan_copy, "2026-12-08T19:00", "start", "--domain", "eda").code == 0
    assert session(plan_copy, "2026-12-08T22:00", "stop", "--at", "19:40").code == 0
    assert log_of(plan_copy) == [("2026-12-08", 0.67, "eda", None, "")]


@pytest.mark.slow
def test_status_prints_the_streak_and_the_running_session(plan_copy: Path) -> None:
    for day in ("07", "08"):
        assert session(plan_copy, f"2026-12-{day}T19:00", "start", "--domain", "eda").code == 0
        assert session(plan_copy, f"2026-12-{day}T20:00", "stop").code == 0
    assert session(plan_copy, "2026-12-09T19:00", "start", "--domain", "modelling").code == 0
    r = run_planner("status", "--plan", str(plan_copy), "--today", "2026-12-09T19:25")
    assert "Session: Modelling since Wed 9 Dec 19:00, 25 min" in r.out
    assert "Streak: 2 days (longest 2 days), 2 h in the last 7 days; none logged today yet" in r.out


@pytest.mark.parametrize(
    "flags",
    [
        pytest.param(["--yes"], id="log-it-all-and-discard"),
        pytest.param(["--note", "built-in algorithms"], id="a-note-and-discard"),
        pytest.param(["--at", "20:00"], id="a-stop-time-and-discard"),
    ],
)
def test_discard_with_a_flag_that_logs_is_refused_and_the_session_kept(plan_copy: Path, flags: list[str]) -> None:
    assert session(plan_copy, "2026-12-08T19:00", "start", "--domain", "eda").code == 0
    before = plan_copy.read_bytes()
    r = session(plan_copy, "2026-12-08T20:30", "stop", "--discard", *flags)
    assert r.code == 2 and r.err.count("\n") == 1, r.err
    assert f"{flags[0]}: not with --discard" in r.err
    assert plan_copy.read_bytes() == before  # the session still runs; nothing logged, nothing dropped
    assert store.load(plan_copy).plan.session is not None
