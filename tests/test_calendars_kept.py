"""What a calendar's bytes expanded to is kept, so the next command plans around it without the libraries.

Every case reads a calendar file twice: the second reading comes from what
the first one kept (the iCalendar libraries are made to fail, so it must),
and it must plan exactly the same busy time. Changing the file, the days
the plan spans or the kept file itself makes the libraries read it again.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from planfactory import make_plan
from test_calendars_holdout import EXPECTED_BUSY, HERE, holdout_in

from planner.core.model import CalendarSource, Plan, replace
from planner.edge.calendars import expanded as kept_module
from planner.edge.calendars import read_calendars
from planner.edge.calendars.read import Reading

D = dt.date.fromisoformat
TODAY = D("2027-01-04")
NOW = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)
ZONE = "Europe/London"


def vcalendar(*events: str, extra: str = "") -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{k}@tests\r\nDTSTAMP:20261201T000000Z\r\n{e}END:VEVENT\r\n" for k, e in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//kept//EN\r\n{extra}{body}END:VCALENDAR\r\n".encode()


CASES = {
    "utc": vcalendar("DTSTART:20270104T190000Z\r\nDTEND:20270104T200000Z\r\n"),
    "zone-named": vcalendar(
        "DTSTART;TZID=Europe/Berlin:20270105T203000\r\nDTEND;TZID=Europe/Berlin:20270105T213000\r\n"
    ),
    "floating-with-x-wr-timezone": vcalendar(
        "DTSTART:20270104T140000\r\nDTEND:20270104T150000\r\n", extra="X-WR-TIMEZONE:America/New_York\r\n"
    ),
    "floating": vcalendar("DTSTART:20270106T193000\r\nDTEND:20270106T203000\r\n"),
    "all-day": vcalendar("DTSTART;VALUE=DATE:20270107\r\nDTEND;VALUE=DATE:20270108\r\n"),
    "weekly-with-exdate": vcalendar(
        "DTSTART:20270104T190000Z\r\nDTEND:20270104T193000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE:20270111T190000Z\r\n"
    ),
    "transparent-and-cancelled": vcalendar(
        "DTSTART:20270104T190000Z\r\nDTEND:20270104T200000Z\r\nTRANSP:TRANSPARENT\r\n",
        "DTSTART:20270105T190000Z\r\nDTEND:20270105T200000Z\r\nSTATUS:CANCELLED\r\n",
    ),
    "across-the-spring-clock-change": vcalendar(
        "DTSTART;TZID=America/New_York:20270313T230000\r\nDTEND;TZID=America/New_York:20270314T040000\r\n"
    ),
    "holdout-work": (HERE / "holdout-work.ics").read_bytes(),
    "holdout-home": (HERE / "holdout-home.ics").read_bytes(),
    "empty": b"",
}


def plan_with(file: str) -> Plan:
    plan = make_plan(start=D("2027-01-04"), exam=dt.datetime(2027, 4, 5, 10, 0), zone=ZONE, availability=(2,) * 7)
    return replace(plan, calendars=(CalendarSource("cal", file),))


def read(plan: Plan, folder: Path) -> Reading:
    return read_calendars(plan, folder / "plan.toml", ZONE, TODAY, now=NOW)


def instants(reading: Reading) -> list[tuple[object, ...]]:
    """Each event as the planner uses it: aware times as instants, floating ones and dates as they are."""

    def at(value: dt.date) -> object:
        return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) and value.utcoffset() is not None else value

    return [(e.calendar, at(e.start), at(e.end), e.transparent, e.cancelled) for s in reading.sources for e in s.events]


@pytest.fixture
def no_libraries(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """From here on, expanding with the iCalendar libraries fails the test."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the calendar was expanded again instead of read from what was kept")

    return lambda: monkeypatch.setattr(kept_module, "events_of", refuse)


@pytest.mark.parametrize("data", CASES.values(), ids=CASES.keys())
def test_the_second_reading_is_the_kept_one_and_plans_the_same(data: bytes, tmp_path: Path, no_libraries) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cal.ics").write_bytes(data)
    plan = plan_with("cal.ics")
    first = read(plan, tmp_path)
    no_libraries()
    second = read(plan, tmp_path)
    assert second.notices == first.notices == ()
    assert (second.busy, second.intervals) == (first.busy, first.intervals)
    assert instants(second) == instants(first)
    assert [s.busy_hours for s in second.sources] == [s.busy_hours for s in first.sources]


def test_the_holdout_files_plan_the_hand_counted_busy_time_when_kept(tmp_path: Path, no_libraries) -> None:  # type: ignore[no-untyped-def]
    plan = holdout_in(tmp_path)
    read(plan, tmp_path)
    no_libraries()
    assert read(plan, tmp_path).busy == EXPECTED_BUSY


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    file = tmp_path / "cal.ics"
    file.write_bytes(CASES["utc"])  # Monday 19:00-20:00: 1 h
    plan = plan_with("cal.ics")
    assert read(plan, tmp_path).busy == {D("2027-01-04"): 1.0}
    file.write_bytes(CASES["floating"])  # Wednesday 19:30-20:30 London: 1 h
    assert read(plan, tmp_path).busy == {D("2027-01-06"): 1.0}


def test_a_plan_that_spans_other_days_reads_it_again(tmp_path: Path) -> None:
    """Only the plan's days are expanded: a study start moved earlier needs the events before the old one."""
    (tmp_path / "cal.ics").write_bytes(CASES["weekly-with-exdate"])  # 4, 18 and 25 January
    plan = plan_with("cal.ics")
    later = replace(plan, study=replace(plan.study, start=D("2027-01-12")))
    assert sorted(read(later, tmp_path).busy) == [D("2027-01-18"), D("2027-01-25")]
    assert sorted(read(plan, tmp_path).busy) == [D("2027-01-04"), D("2027-01-18"), D("2027-01-25")]


@pytest.mark.parametrize("damage", [b"", b"{", b'{"basis": 1}', b'{"basis": "x", "events": []}', b"\xff\xfe"])
def test_a_kept_file_that_does_not_read_is_no_kept_file(damage: bytes, tmp_path: Path) -> None:
    (tmp_path / "cal.ics").write_bytes(CASES["utc"])
    plan = plan_with("cal.ics")
    expected = read(plan, tmp_path).busy
    (kept,) = (Path(os.environ["PLANNER_CACHE"]) / "calendars").glob("*.events.json")
    kept.write_bytes(damage)
    assert read(plan, tmp_path).busy == expected == {D("2027-01-04"): 1.0}


def test_the_kept_event_keeps_the_basis_it_was_made_from(tmp_path: Path) -> None:
    """A kept result made for other bytes (the file edited back and forth) is never used for these."""
    file = tmp_path / "cal.ics"
    plan = plan_with("cal.ics")
    for data, day in ((CASES["utc"], "2027-01-04"), (CASES["floating"], "2027-01-06"), (CASES["utc"], "2027-01-04")):
        file.write_bytes(data)
        assert read(plan, tmp_path).busy == {D(day): 1.0}


def test_the_next_command_does_not_import_the_calendar_libraries(tmp_path: Path) -> None:
    """What a user waits for: `planner schedule` with an unchanged calendar file skips parsing it."""
    plan_text = (ROOT / "planner" / "edge" / "templates" / "aws-ml-specialty.toml").read_text(encoding="utf-8")
    (tmp_path / "plan.toml").write_text(plan_text + '\n[[calendars]]\nid = "work"\nsource = "work.ics"\n', "utf-8")
    (tmp_path / "work.ics").write_bytes(CASES["weekly-with-exdate"])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TZ": "UTC"}
    args = [sys.executable, "-X", "importtime", "-m", "planner", "--plan", str(tmp_path / "plan.toml")]
    runs = [subprocess.run([*args, "schedule"], capture_output=True, text=True, env=env, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert "| icalendar" in runs[0].stderr
    assert "icalendar" not in runs[1].stderr and "recurring_ical_events" not in runs[1].stderr


def test_an_upgrade_of_the_calendar_libraries_reads_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new icalendar or new zone data may expand the same bytes otherwise: what was kept is not used."""
    (tmp_path / "cal.ics").write_bytes(CASES["zone-named"])
    plan = plan_with("cal.ics")
    first = read(plan, tmp_path)
    expanded_again: list[bytes] = []
    real = kept_module.events_of

    def counting(data: bytes, *args: object, **kwargs: object) -> object:
        expanded_again.append(data)
        return real(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kept_module, "events_of", counting)
    assert read(plan, tmp_path).busy == first.busy and expanded_again == []
    now_installed = kept_module.installed()
    monkeypatch.setattr(kept_module, "installed", lambda: now_installed + ",upgraded")
    assert read(plan, tmp_path).busy == first.busy and len(expanded_again) == 1


def test_the_installed_libraries_are_told_without_importing_them() -> None:
    import subprocess

    code = "import sys; from planner.edge.calendars.expanded import installed; installed(); print('icalendar' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout.strip() == "False"
    )
