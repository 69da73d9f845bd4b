"""`reschedule`, `log` and `status` from the command line, checked in the file they write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_planner
from planfactory import make_plan

from planner.edge import store


def schedule(path: Path, today: str) -> dict:
    r = run_planner("schedule", "--json", "--plan", str(path), "--today", today)
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_postponements_are_recorded_counted_and_refused(plan_copy: Path) -> None:
    first = run_planner(
        "reschedule", "2027-04-19", "--reason", "behind on Modelling", "--plan", str(plan_copy), "--today", "2027-02-01"
    )
    assert first.code == 0, first.err
    assert "Mon 5 Apr 2027 10:00 → Mon 19 Apr 2027 10:00" in first.out
    assert "before" in first.out and "after" in first.out and "weeks left" in first.out
    assert "last postponement" not in first.out
    plan = store.load(plan_copy).plan
    assert plan.exam.date.isoformat() == "2027-04-19T10:00:00"  # a date alone keeps the time
    (record,) = plan.exam.reschedules
    assert (record.from_.isoformat(), record.to.isoformat(), record.on.isoformat(), record.reason) == (
        "2027-04-05T10:00:00",
        "2027-04-19T10:00:00",
        "2027-02-01",
        "behind on Modelling",
    )
    data = schedule(plan_copy, "2027-02-01")
    assert data["exam"]["postponements_left"] == 1
    assert "postponement-last" in {w["code"] for w in data["warnings"]}

    second = run_planner("reschedule", "2027-05-03T09:30", "--plan", str(plan_copy), "--today", "2027-02-02")
    assert second.code == 0, second.err
    assert "used the last postponement" in second.out
    data = schedule(plan_copy, "2027-02-02")
    assert data["exam"]["postponements_left"] == 0
    assert "postponement-none" in {w["code"] for w in data["warnings"]}

    before = plan_copy.read_bytes()
    third = run_planner("reschedule", "2027-05-17", "--plan", str(plan_copy), "--today", "2027-02-03")
    assert third.code == 2
    assert "postponements are used" in third.err and third.err.count("\n") == 1
    assert plan_copy.read_bytes() == before

    forced = run_planner("reschedule", "2027-05-17", "--force", "--plan", str(plan_copy), "--today", "2027-02-03")
    assert forced.code == 0, forced.err
    assert "new booking" in forced.out
    assert len(store.load(plan_copy).plan.exam.reschedules) == 3


@pytest.mark.parametrize(
    ("today", "needle"),
    [
        ("2027-04-05", "inside the 24 h reschedule cutoff"),
        ("2027-04-04T11:00", "inside the 24 h reschedule cutoff"),
        ("2027-04-06", "has passed"),
    ],
    ids=["on-the-exam-day", "23-hours-before", "after-the-exam"],
)
def test_changes_inside_the_cutoff_are_refused(plan_copy: Path, today: str, needle: str) -> None:
    before = plan_copy.read_bytes()
    r = run_planner("reschedule", "2027-04-26", "--plan", str(plan_copy), "--today", today)
    assert r.code == 2
    assert needle in r.err
    assert plan_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["2027-04-05T10:00"], "already on"),
        (["2026-11-01"], "in the past"),
        (["someday"], "not a date"),
        (["2026-12-06", "--today", "2026-11-01"], "not after study.start"),
    ],
    ids=["same-date", "in-the-past", "not-a-date", "before-the-start"],
)
def test_bad_reschedules_are_refused(plan_copy: Path, args: list[str], needle: str) -> None:
    before = plan_copy.read_bytes()
    today = [] if "--today" in args else ["--today", "2026-12-10"]
    r = run_planner("reschedule", *args, "--plan", str(plan_copy), *today)
    assert r.code == 2 and needle in r.err, r.err
    assert plan_copy.read_bytes() == before


def test_log_adds_an_entry_that_counts(plan_copy: Path) -> None:
    r = run_planner(
        "log",
        "1.5",
        "--domain",
        "modelling",
        "--resource",
        "udemy-hands-on",
        "--note",
        "built-in [algorithms]",
        "--plan",
        str(plan_copy),
        "--today",
        "2026-12-08",
    )
    assert r.code == 0, r.err
    (entry,) = store.load(plan_copy).plan.log
    assert (entry.date.isoformat(), entry.hours, entry.domain, entry.resource, entry.note) == (
        "2026-12-08",
        1.5,
        "modelling",
        "udemy-hands-on",
        "built-in [algorithms]",
    )
    second = run_planner(
        "log", "2", "--domain", "eda", "--date", "2026-12-09", "--plan", str(plan_copy), "--today", "2026-12-10"
    )
    assert second.code == 0, second.err
    data = schedule(plan_copy, "2026-12-10")
    assert data["totals"]["done_hours"] == 3.5
    done = {d["id"]: d["done_hours"] for d in data["domains"]}
    assert done == {"data-engineering": 0, "eda": 2, "modelling": 1.5, "ml-ops": 0}
    assert data["weeks"][0]["done_hours"]["modelling"] == 1.5


def test_log_a_practice_exam(plan_copy: Path) -> None:
    r = run_planner("log", "3", "--practice", "--plan", str(plan_copy), "--today", "2027-03-30")
    assert r.code == 0, r.err
    (entry,) = store.load(plan_copy).plan.log
    assert entry.kind == "practice" and entry.domain is None


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["1", "--domain", "nope"], "--domain: "),
        (["1", "--domain", "eda", "--resource", "nope"], "--resource"),
        (["0", "--domain", "eda"], "more than 0"),
        (["25", "--domain", "eda"], "at most 24"),
        (["lots", "--domain", "eda"], "not a number"),
        (["1"], "--domain ID is required"),
        (["1", "--domain", "eda", "--date", "yesterday"], "--date"),
    ],
    ids=["unknown-domain", "unknown-resource", "zero-hours", "too-many-hours", "not-a-number", "no-domain", "bad-date"],
)
def test_bad_log_entries_exit_2_and_leave_the_file(plan_copy: Path, args: list[str], needle: str) -> None:
    before = plan_copy.read_bytes()
    r = run_planner("log", *args, "--plan", str(plan_copy))
    assert r.code == 2 and needle in r.err, r.err
    assert r.err.count("\n") == 1
    assert plan_copy.read_bytes() == before


def test_status_exits_1_on_a_risk_and_0_on_a_feasible_plan(tmp_path: Path, plan_copy: Path) -> None:
    import datetime as dt

    heavy = make_plan(
        start=dt.date(2027, 1, 4),
        exam=dt.datetime(2027, 4, 12, 9),
        availability=(2, 2, 2, 2, 2, 0, 0),
        weights=(1, 1),
        target=400.0,
    )
    path = tmp_path / "heavy.toml"
    store.save(path, heavy)
    r = run_planner("status", "--plan", str(path), "--today", "2027-01-04")
    assert r.code == 1
    assert "infeasible" in r.out and "Sat 9 Oct 2027" in r.out
    ok = run_planner("status", "--plan", str(plan_copy), "--today", "2026-12-07")
    assert ok.code == 0, ok.out
    assert "days left" in ok.out


def test_weeks_later_with_little_logged_behind_and_late_appear(plan_copy: Path) -> None:
    r = run_planner("log", "2", "--domain", "eda", "--plan", str(plan_copy), "--today", "2026-12-08")
    assert r.code == 0, r.err
    data = schedule(plan_copy, "2027-01-18")
    by_code = {}
    for w in data["warnings"]:
        by_code.setdefault(w["code"], []).append(w)
    assert "behind" in by_code
    assert "h behind the plan to date" in by_code["behind"][0]["message"]
    late = {w["subject"] for w in by_code["resource-late"]}
    assert {"elements-of-data-science", "blog-posts"} <= late  # the concept material comes first
