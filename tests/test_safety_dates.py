"""Dates at the edge and clock changes (issue 10, items 5 and 10): an answer or one clear line, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REFERENCE, UNSEEN
from safetyrun import one_clear_line, planner

from planner.core import moments
from planner.core.errors import PlanError
from planner.edge import store

EXTREMES = ["0001-01-01", "9999-12-31", "2200-12-31", "1969-12-31", "9999-12-31T23:59:59+14:00", "1970-01-01"]
"""The ends of what ``date.fromisoformat`` takes, the ends of the planner's years, and just outside them."""
IN_RANGE = {"2200-12-31", "1970-01-01"}

COMMANDS: dict[str, list[str]] = {
    "schedule": ["schedule"],
    "schedule-json": ["schedule", "--json"],
    "status": ["status"],
    "check": ["check"],
    "print": ["print"],
    "print-html": ["print", "--format", "html"],
    "export-ics": ["export", "ics"],
    "log": ["log", "1", "--domain", "eda"],
    "reschedule": ["reschedule", "2027-04-19"],
    "new": ["new", "--template", "aws-ml-specialty", "--exam", "2027-06-01", "--name", "fresh"],
}


@pytest.mark.parametrize("today", EXTREMES)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_answers_or_refuses_any_today(tmp_path: Path, command: str, today: str) -> None:
    plan = tmp_path / "p.toml"
    plan.write_bytes(REFERENCE.read_bytes())
    before = plan.read_bytes()
    r = planner(*COMMANDS[command], "--plan", str(plan), "--plans-dir", str(tmp_path), "--today", today)
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err
    if today not in IN_RANGE:
        assert r.code == 2
        line = one_clear_line(r.err)
        assert line == f"planner: --today: {today!r} is outside the years the planner handles (1970 to 2200)"
        assert plan.read_bytes() == before and not (tmp_path / "fresh.toml").exists()
    elif r.code == 2:  # a refusal that makes sense on that day (logging after the exam, say)
        one_clear_line(r.err)
        assert plan.read_bytes() == before
    else:
        assert r.code in (0, 1), r.err  # 1: status saw a risk
        assert r.out


@pytest.mark.slow
def test_a_plan_at_the_far_end_of_the_years_is_planned(tmp_path: Path) -> None:
    plan = tmp_path / "far.toml"
    text = REFERENCE.read_text().replace("date = 2027-04-05T10:00:00", "date = 2200-12-31T23:00:00")
    plan.write_text(text.replace("start = 2026-12-07", "start = 2200-06-01", 1))
    for today in ("2200-06-01", "2200-12-31T23:59:59", "1970-01-01"):
        for args in (["status"], ["schedule", "--json"], ["export", "ics"], ["print"]):
            r = planner(*args, "--plan", str(plan), "--today", today)
            assert r.code in (0, 1), (args, today, r.err)


def test_the_tui_refuses_an_impossible_today_before_it_starts(tmp_path: Path) -> None:
    from planner.tui.app import make_app

    plan = tmp_path / "p.toml"
    plan.write_bytes(REFERENCE.read_bytes())
    with pytest.raises(PlanError, match="outside the years"):
        make_app(plan=plan, today="9999-12-31")
    r = planner("--plan", str(plan), "--today", "9999-12-31")  # `planner` alone opens the TUI
    assert r.code == 2
    assert "outside the years the planner handles" in one_clear_line(r.err)


@pytest.mark.parametrize(
    ("what", "text"),
    [("--date", "9999-12-31"), ("--from", "0001-01-01"), ("--start", "2201-01-01")],
)
def test_typed_dates_are_bounded_too(what: str, text: str) -> None:
    with pytest.raises(PlanError, match=f"{what}: '{text}' is outside the years"):
        moments.parse_date(text, what=what)


# --- a time the clocks skip or repeat is said, not shifted silently (item 10) ---------------------


@pytest.mark.parametrize(
    ("naive", "zone", "note"),
    [
        (
            dt.datetime(2027, 3, 28, 2, 30),
            "Europe/Berlin",
            "02:30 does not exist on 2027-03-28 in Europe/Berlin (the clocks go forward); using 03:30 CEST (UTC+02:00)",
        ),
        (
            dt.datetime(2027, 10, 31, 2, 30),
            "Europe/Berlin",
            "02:30 happens twice on 2027-10-31 in Europe/Berlin (the clocks go back);"
            " using the second, 02:30 CET (UTC+01:00)",
        ),
        (
            dt.datetime(2027, 3, 14, 2, 0),
            "America/New_York",
            "02:00 does not exist on 2027-03-14 in America/New_York (the clocks go forward);"
            " using 03:00 EDT (UTC-04:00)",
        ),
        (dt.datetime(2027, 3, 28, 9, 0), "Europe/Berlin", None),
        (dt.datetime(2027, 3, 28, 3, 0), "Europe/Berlin", None),
    ],
    ids=["gap", "fold", "gap-new-york", "plain-dst-day", "just-after-the-gap"],
)
def test_resolve_says_which_instant_is_used(naive: dt.datetime, zone: str, note: str | None) -> None:
    local = moments.resolve(naive, zone)
    assert local.note == note
    assert local.at == moments.at_local(naive, zone), "the note describes the instant the planner uses"
    if note is not None:
        assert f"{local.at:%H:%M}" in note


def test_new_with_an_exam_in_the_gap_says_which_instant(tmp_path: Path) -> None:
    r = planner(
        "new", "--template", "aws-ml-specialty", "--exam", "2027-03-28T01:30", "--plans-dir", str(tmp_path),
        "--today", "2026-12-01",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert (
        "  note: 01:30 does not exist on 2027-03-28 in Europe/London (the clocks go forward);"
        " using 02:30 BST (UTC+01:00)\n"
    ) in r.out
    plan = store.load(tmp_path / "aws-ml-specialty.toml").plan
    assert plan.exam.date == dt.datetime(2027, 3, 28, 2, 30), "the file holds the time used, which exists"


def test_reschedule_into_a_repeated_hour_and_check_say_which_instant(tmp_path: Path) -> None:
    plan = tmp_path / "cka.toml"
    plan.write_text(UNSEEN)
    r = planner("reschedule", "2027-10-31T02:30", "--plan", str(plan), "--today", "2027-01-10")
    assert r.code == 0, r.err
    note = (
        "  note: 02:30 happens twice on 2027-10-31 in Europe/Berlin (the clocks go back);"
        " using the second, 02:30 CET (UTC+01:00)\n"
    )
    assert note in r.out
    r = planner("check", "--plan", str(plan))
    assert r.code == 0 and r.out.endswith(note)


NO_SUCH_DAY = [
    ("2027-02-29", "is no day: February 2027 has 28 days"),
    ("2028-02-30", "is no day: February 2028 has 29 days"),
    ("2027-04-31T10:00", "is no day: April 2027 has 30 days"),
    ("2027-13-01", "has no month 13"),
    ("2027-00-10", "has no month 0"),
    ("0000-01-01", "has no year 0"),
    ("2027-05-1", "is not a date"),
    ("tomorrow", "is not a date"),
]


@pytest.mark.parametrize(("text", "said"), NO_SUCH_DAY, ids=[c[0] for c in NO_SUCH_DAY])
def test_a_date_that_cannot_be_says_why(text: str, said: str) -> None:
    with pytest.raises(PlanError) as typed:
        moments.typed_time(text, "Europe/London", dt.time(10, 0), what="--exam")
    assert said in typed.value.message and typed.value.message.startswith(f"--exam: {text!r}")
    if "T" not in text:
        with pytest.raises(PlanError) as day:
            moments.parse_date(text, what="--from")
        assert said in day.value.message


def test_the_cli_says_why_a_date_cannot_be(tmp_path: Path) -> None:
    import shutil

    plan = tmp_path / "plan.toml"
    shutil.copy(REFERENCE, plan)
    before = plan.read_bytes()
    r = planner("log", "1", "--domain", "eda", "--date", "2027-02-29", "--plan", str(plan), cwd=tmp_path)
    assert r.code == 2
    assert one_clear_line(r.err) == "planner: --date: '2027-02-29' is no day: February 2027 has 28 days"
    assert plan.read_bytes() == before
