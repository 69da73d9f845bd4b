"""The hold-out week: a calendar no code was written against, read from a file and from CalDAV.

The plan (London) studies four weeks from Monday 4 January 2027 to the exam
on Monday 1 February: Monday-Thursday 2 h from 19:00, Saturday 4 h from
10:00, Sunday 3 h from 18:00, Fridays off; 15 h a week, in 0.5 h blocks.

``calendars/holdout-work.ics`` (all-day events busy) holds:
- "Team sync", Tuesdays 18:30-19:30, four times from 5 Jan; 12 Jan excluded
  (EXDATE); 19 Jan moved to Wednesday 20 Jan 19:00-20:30 (RECURRENCE-ID).
  Each Tuesday it happens takes 19:00-19:30 of the window: 0.5 h.
- "Evening class" Mondays 20:30-21:30 Berlin time = 19:30-20:30 London, to 25 Jan: 1 h.
- an all-day company day on Monday 11 Jan: the whole 2 h.
- a transparent reminder (Thu 7 Jan) and a cancelled review (Thu 14 Jan): nothing.
- a trip Friday 22 Jan 17:00 to Sunday 24 Jan 20:00: all of Saturday (4 h) and
  Sunday 18:00-20:00 (2 h); Friday has no window.
- a call Thursday 28 Jan 14:00-15:20 New York (UTC-5) = 19:00-20:20 London: 1 h 20.

``calendars/holdout-home.ics`` (all-day events free) holds a birthday all day
Saturday 9 Jan (free: nothing) and a dinner Sunday 10 Jan 18:00-19:00 UTC
(London is on UTC in January): 1 h.

By hand, per day (hours lost) and per week (what is left, each day rounded
down to whole 0.5 h blocks):
- week 1: Mon 4 class 1, Tue 5 sync 0.5, Sun 10 dinner 1 -> 2.5 lost;
  left Mon 1 + Tue 1.5 + Wed 2 + Thu 2 + Sat 4 + Sun 2 = 12.5
- week 2: Mon 11 company day 2 (the class inside it counts once) -> 2 lost; left 13
- week 3: Mon 18 class 1, Wed 20 moved sync 1.5, Sat 23 trip 4, Sun 24 trip 2 -> 8.5 lost;
  left Mon 1 + Tue 2 + Wed 0.5 + Thu 2 + Sat 0 + Sun 1 = 6.5
- week 4: Mon 25 class 1, Tue 26 sync 0.5, Thu 28 call 1 1/3 -> 2 5/6 lost;
  left Mon 1 + Tue 1.5 + Wed 2 + Thu 0.5 (2/3 rounded down) + Sat 4 + Sun 3 = 12
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest_caldav import DavHelper, dav_fixture, radicale_fixture  # noqa: F401
from planfactory import make_plan

from planner.core import engine
from planner.core.model import CalendarSource, Plan, replace
from planner.edge.calendars import PASSWORD_ENV, read_calendars

HERE = Path(__file__).resolve().parent / "calendars"
D = dt.date.fromisoformat
TODAY = D("2027-01-04")
NOW = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)

EXPECTED_BUSY = {
    D("2027-01-04"): 1.0,
    D("2027-01-05"): 0.5,
    D("2027-01-10"): 1.0,
    D("2027-01-11"): 2.0,
    D("2027-01-18"): 1.0,
    D("2027-01-20"): 1.5,
    D("2027-01-23"): 4.0,
    D("2027-01-24"): 2.0,
    D("2027-01-25"): 1.0,
    D("2027-01-26"): 0.5,
    D("2027-01-28"): round(4 / 3, 6),
}
EXPECTED_WEEKS = [12.5, 13.0, 6.5, 12.0]
EXPECTED_WEEK_BUSY = [2.5, 2.0, 8.5, 3.0]
"""What each week loses: 15 h less its capacity (week 4's 2 5/6 h cost 3 h once Thursday is rounded down)."""


def holdout_plan(work: CalendarSource, home: CalendarSource) -> Plan:
    plan = make_plan(
        start=D("2027-01-04"),
        exam=dt.datetime(2027, 2, 1, 10, 0),
        zone="Europe/London",
        availability=(2, 2, 2, 2, 0, 4, 3),
    )
    study = replace(plan.study, start_times=(("saturday", dt.time(10, 0)), ("sunday", dt.time(18, 0))))
    return replace(plan, study=study, calendars=(work, home))


def holdout_in(folder: Path) -> Plan:
    """The hold-out plan, its two calendars copied into ``folder/calendars`` (work: all-day busy; home: free)."""
    (folder / "calendars").mkdir(parents=True, exist_ok=True)
    for name in ("holdout-work.ics", "holdout-home.ics"):
        shutil.copy(HERE / name, folder / "calendars" / name)
    return holdout_plan(
        CalendarSource("work", "calendars/holdout-work.ics"),
        CalendarSource("home", "calendars/holdout-home.ics", all_day="free"),
    )


def week_capacities(plan: Plan, busy: dict[dt.date, float]) -> list[float]:
    """The engine's weeks, planned around the busy time read."""
    return [w.capacity_hours for w in engine.build(plan, TODAY, busy).weeks]


def test_holdout_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    plan = holdout_in(tmp_path)
    reading = read_calendars(plan, tmp_path / "plan.toml", "Europe/London", TODAY, now=NOW)
    assert reading.notices == ()
    assert reading.busy == EXPECTED_BUSY
    assert week_capacities(plan, reading.busy) == EXPECTED_WEEKS
    assert [w.busy_hours for w in engine.build(plan, TODAY, reading.busy).weeks] == EXPECTED_WEEK_BUSY
    assert [w.capacity_hours for w in engine.build(plan, TODAY).weeks] == [15.0] * 4  # without calendars
    by_id = {s.id: s for s in reading.sources}
    assert by_id["home"].busy_hours == 1.0
    assert by_id["work"].busy_hours == pytest.approx(sum(EXPECTED_BUSY.values()) - 1.0)
    assert [s.kind for s in reading.sources] == ["file", "file"]


def test_holdout_from_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both files in one folder, all-day busy: the birthday now takes Saturday 9 January (4 h) too."""
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cals").mkdir()
    for name in ("holdout-work.ics", "holdout-home.ics"):
        shutil.copy(HERE / name, tmp_path / "cals" / name)
    plan = holdout_plan(CalendarSource("all", "cals"), CalendarSource("unused", "-"))
    plan = replace(plan, calendars=plan.calendars[:1])
    reading = read_calendars(plan, tmp_path / "plan.toml", "Europe/London", TODAY, now=NOW)
    assert reading.sources[0].kind == "folder"
    assert reading.busy == {**EXPECTED_BUSY, D("2027-01-09"): 4.0}


def test_holdout_via_caldav(dav: DavHelper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_CACHE", str(tmp_path / "cache"))
    work_url, home_url = dav.make("work"), dav.make("home")
    dav.upload(work_url, (HERE / "holdout-work.ics").read_bytes())
    dav.upload(home_url, (HERE / "holdout-home.ics").read_bytes())
    user = dav.server.username
    plan = holdout_plan(
        CalendarSource("work", work_url, kind="caldav", username=user),
        CalendarSource("home", home_url, kind="caldav", username=user, all_day="free"),
    )
    env = {"PLANNER_CACHE": str(tmp_path / "cache"), PASSWORD_ENV: dav.server.password}
    reading = read_calendars(plan, tmp_path / "plan.toml", "Europe/London", TODAY, now=NOW, env=env)
    assert reading.notices == ()
    assert [(s.kind, s.cached, s.problem) for s in reading.sources] == [("caldav", False, None)] * 2
    assert reading.busy == EXPECTED_BUSY
    assert week_capacities(plan, reading.busy) == EXPECTED_WEEKS
    assert dav.server.password not in repr(reading)
