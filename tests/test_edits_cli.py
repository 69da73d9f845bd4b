"""`log` and `reschedule` from the command line go through core.edits: what they refuse leaves the file as it was.

Run as a user would (a subprocess); the plan on disk is compared byte for byte.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_planner
from test_edits import TEXT

from planner.core.model import PracticeResult
from planner.edge import store


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "dea.toml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_practice_exam_with_a_score_is_logged_and_recorded(plan_file: Path) -> None:
    r = run_planner("log", "1.5", "--practice", "--score", "72", "--plan", str(plan_file), "--today", "2027-02-10")
    assert r.code == 0, r.err
    assert "Logged 1.5 h of practice on 2027-02-10 (score 72%)" in r.out
    plan = store.load(plan_file).plan
    assert plan.log[-1].kind == "practice" and plan.log[-1].hours == 1.5
    assert plan.practice.results == (PracticeResult(dt.date(2027, 2, 10), 72),)


REFUSED = [
    ("score-without-practice", ["1", "--domain", "store", "--score", "70"], "--score: only a practice exam"),
    ("score-over-100", ["1", "--practice", "--score", "170"], "--score: must be at most 100"),
    ("score-negative", ["1", "--practice", "--score", "-5"], "--score: must be from 0 to 100 (percent), got -5"),
    ("hours-under-a-hundredth", ["0.001", "--domain", "store"], "HOURS: 0.001 h is less than the hundredth"),
    ("score-not-plain", ["1", "--practice", "--score", "7e1"], "--score: '7e1' is not a percent"),
    ("hours-with-underscore", ["1_0", "--domain", "store"], "HOURS: '1_0' is not a number of hours"),
    ("hours-in-arabic-indic-digits", ["١", "--domain", "store"], "is not a number of hours"),
    ("hours-full-width", ["０.５", "--domain", "store"], "is not a number of hours"),
    ("hours-tiny-exponent", ["5e-324", "--domain", "store"], "is not a number of hours"),
    ("hours-negative", ["-1", "--domain", "store"], "HOURS: must be more than 0 and at most 24, got -1"),
    (
        "date-before-1970",
        ["1", "--domain", "store", "--date", "1969-12-31"],
        "--date: '1969-12-31' is outside the years the planner handles",
    ),
    ("date-after-today", ["1", "--domain", "store", "--date", "2027-02-11"], "--date: 2027-02-11 is after today"),
    ("a-day-over-24-h", ["5", "--domain", "store", "--date", "2027-01-05"], "HOURS: 2027-01-05 already has 20 h"),
    ("unknown-domain", ["1", "--domain", "stor"], '--domain: no domain has the id "stor"; did you mean "store"?'),
    ("unknown-resource", ["1", "--domain", "store", "--resource", "bok"], "--resource: no resource has the id"),
]


@pytest.mark.parametrize(("args", "needle"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_refused_log_exits_2_with_one_line_and_leaves_the_file(plan_file: Path, args: list[str], needle: str) -> None:
    before = plan_file.read_bytes()
    r = run_planner("log", *args, "--plan", str(plan_file), "--today", "2027-02-10")
    assert r.code == 2, r.out
    assert r.err.count("\n") == 1 and needle in r.err, r.err
    assert plan_file.read_bytes() == before


def test_two_full_days_on_one_date_are_refused(plan_file: Path) -> None:
    first = run_planner("log", "24", "--domain", "store", "--plan", str(plan_file), "--today", "2027-02-08")
    assert first.code == 0, first.err
    before = plan_file.read_bytes()
    second = run_planner("log", "24", "--domain", "ingest", "--plan", str(plan_file), "--today", "2027-02-08")
    assert second.code == 2 and "already has 24 h logged" in second.err
    assert plan_file.read_bytes() == before


def test_reschedule_moves_anchored_days_and_dated_ones_when_asked(plan_file: Path) -> None:
    r = run_planner("reschedule", "2027-04-19", "--plan", str(plan_file), "--today", "2027-02-10", "--move-dated")
    assert r.code == 0, r.err
    out = " ".join(r.out.split())  # the preview wraps its notes at 80 columns
    assert "note: override (leave) moved with the exam: 2027-03-29 – 2027-04-01 → 2027-04-12 – 2027-04-15" in out
    assert "note: override (last day off) moved with the exam: 2027-04-03 → 2027-04-17" in out
    plan = store.load(plan_file).plan
    assert [(o.start, o.days_before_exam) for o in plan.study.overrides] == [
        (dt.date(2027, 4, 12), None),
        (dt.date(2027, 4, 17), 2),
    ]
    assert "days_before_exam = 2" in plan_file.read_text()


def test_reschedule_without_the_flag_keeps_dated_days(plan_file: Path) -> None:
    r = run_planner("reschedule", "2027-04-19", "--plan", str(plan_file), "--today", "2027-02-10")
    assert r.code == 0, r.err
    assert "(leave) moved" not in r.out
    out = " ".join(r.out.split())  # the preview wraps its notes at 80 columns
    assert "note: override (leave) stays on 2027-03-29 – 2027-04-01: it is dated (ask to move dated days too)" in out
    assert store.load(plan_file).plan.study.overrides[0].start == dt.date(2027, 3, 29)


def test_a_new_plan_whose_exam_is_before_its_start_is_refused(tmp_path: Path) -> None:
    args = ["--template", "aws-ml-specialty", "--exam", "2027-03-01", "--start", "2027-04-01"]
    r = run_planner("new", *args, "--plans-dir", str(tmp_path))
    assert r.code == 2 and r.err.startswith("planner: --exam: the exam (2027-03-01) must be after study.start"), r.err
    assert list(tmp_path.iterdir()) == []
