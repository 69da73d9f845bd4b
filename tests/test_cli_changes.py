"""`reschedule`, `log` and `status` from the command line, checked in the file they write."""

from __future__ import annotations

import datetime as dt
import json
import re
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
    assert re.search(r"^  now    \d+ weeks left, .* a week needed", first.out, flags=re.M)
    assert re.search(r"^  after  \d+ weeks left, .* a week needed", first.out, flags=re.M)
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


def leave_plan(tmp_path: Path) -> Path:
    """Evenings of 1.5 h and a week of dated 6 h leave days before the exam: the only days a 3 h sitting fits."""
    from planner.core.model import DayRange, Practice

    plan = make_plan(
        start=dt.date(2027, 1, 4),
        exam=dt.datetime(2027, 4, 5, 10),
        availability=(1.5, 1.5, 1.5, 1.5, 0, 1.5, 1.5),
        target=120.0,
        practice=Practice(count=4, minutes=180, weeks_before_exam=1),
        overrides=(DayRange(dt.date(2027, 3, 29), dt.date(2027, 4, 2), "leave", 6.0),),
        postponements_allowed=2,
    )
    path = tmp_path / "leave.toml"
    store.save(path, plan)
    return path


def test_reschedule_dry_run_previews_every_warning_and_saves_nothing(tmp_path: Path) -> None:
    path = leave_plan(tmp_path)
    before = path.read_bytes()
    r = run_planner("reschedule", "2027-04-12", "--dry-run", "--plan", str(path), "--today", "2027-01-10")
    assert r.code == 0, r.err
    assert path.read_bytes() == before
    assert r.out.startswith(f"Preview, nothing saved: {path}\nMon 5 Apr 2027 10:00 → Mon 12 Apr 2027 10:00")
    # the leave stays on its dates, so the practice exams lose their long days: the preview says so
    assert re.search(r"^  new +RISK practice-overflow: 4 of 4 practice exams", r.out, flags=re.M)
    assert re.search(r"^  new +WARN postponement-last", r.out, flags=re.M)
    assert re.search(r"^  now    .*, fits$", r.out, flags=re.M)
    assert re.search(r"^  after  .*, 4 practice exams do not fit$", r.out, flags=re.M), "'fits' is hours and sittings"
    assert all(len(line) <= 80 for line in r.out.splitlines()[1:]), "80 columns but for the plan's path"
    # what the preview promised is what the saved plan then shows
    saved = run_planner("reschedule", "2027-04-12", "--plan", str(path), "--today", "2027-01-10")
    assert saved.code == 0 and saved.out.startswith(f"Rescheduled {path}\n")
    assert saved.out.split("\n", 1)[1] == r.out.split("\n", 1)[1]
    codes = {w["code"] for w in schedule(path, "2027-01-10")["warnings"]}
    assert {"practice-overflow", "postponement-last"} <= codes


def test_a_refusal_inside_the_cutoff_never_rounds_up_to_the_cutoff(plan_copy: Path) -> None:
    # 23.98 h before the exam (10:00 on 5 Apr, BST): 10:01:12 on 4 Apr
    r = run_planner("reschedule", "2027-04-26", "--plan", str(plan_copy), "--today", "2027-04-04T10:01:12")
    assert r.code == 2
    assert "the exam is 23 h 58 min away, inside the 24 h reschedule cutoff" in r.err
    status = run_planner("status", "--plan", str(plan_copy), "--today", "2027-04-04T10:01:12")
    assert "23 h 58 min away, inside the 24 h cutoff" in " ".join(status.out.split())
    assert "24.0 h" not in status.out and "24.0 h" not in r.err
