"""The calendar feed (``planner export ics``) as a calendar client reads it.

Every test exports with the command line and reads the file with the
icalendar library: the exam at its local time in its own zone, study and
practice events that add up to the planned hours, on days that have them,
with UIDs that stay stable across exports and reschedules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import shutil
from pathlib import Path

import icalendar
import pytest
from conftest import run_planner
from exportkit import TODAY, capacity, make_plans, planner_ok, schedule_json

from planner.core.model import Plan
from planner.edge import store

UTC = dt.UTC


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_plans(tmp_path_factory)


# --- ics ------------------------------------------------------------------------


@dataclasses.dataclass
class Event:
    kind: str
    uid: str
    start: dt.datetime
    duration: dt.timedelta
    summary: str
    description: str
    component: icalendar.Event

    @property
    def end(self) -> dt.datetime:
        return self.start + self.duration


def export_ics(path: Path, today: str, folder: Path, name: str = "plan.ics") -> bytes:
    target = folder / name
    r = run_planner("export", "ics", "--plan", str(path), "--today", today, "-o", str(target))
    assert r.code == 0, r.err
    return target.read_bytes()


def events(data: bytes) -> list[Event]:
    cal = icalendar.Calendar.from_ical(data)
    out = []
    for ev in cal.walk("VEVENT"):
        cats = [str(c) for c in ev["categories"].cats]
        assert len(cats) == 1, cats
        out.append(
            Event(
                kind=cats[0],
                uid=str(ev["uid"]),
                start=ev.decoded("dtstart"),
                duration=ev.decoded("duration"),
                summary=str(ev["summary"]),
                description=str(ev.get("description", "")),
                component=ev,
            )
        )
    return out


def vtimezone_offset(data: bytes, zone: str, local: dt.datetime) -> dt.timedelta:
    """The UTC offset the feed's own VTIMEZONE gives a local time (what a client without tz data uses)."""
    cal = icalendar.Calendar.from_ical(data)
    (tz,) = [c for c in cal.walk("VTIMEZONE") if str(c["tzid"]) == zone]
    best: tuple[dt.datetime, dt.timedelta] | None = None
    for sub in tz.subcomponents:
        assert "RRULE" not in sub, "RRULE onsets are not handled here"
        onsets = [sub.decoded("dtstart")]
        rdates = sub.get("rdate")
        for group in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
            onsets.extend(d.dt for d in group.dts)
        for onset in onsets:
            if onset <= local and (best is None or onset > best[0]):
                best = (onset, sub.decoded("tzoffsetto"))
    assert best is not None
    return best[1]


ICS_PLANS = ["reference", "fifteen", "berlin", "new-york"]


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_is_crlf_folded_and_round_trips(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    data = export_ics(plans[name], TODAY[name], tmp_path)
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r"), "every line ends in CRLF, and only there"
    long = [line for line in data.split(b"\r\n") if len(line) > 75]
    assert not long, f"{len(long)} lines over 75 octets, e.g. {long[:2]}"
    plan = store.load(plans[name]).plan
    evs = events(data)
    (exam,) = [e for e in evs if e.kind == "exam"]
    assert exam.summary == f"Exam: {plan.exam.name}" + (f" ({plan.exam.code})" if plan.exam.code else "")
    for e in evs:
        stamp = e.component.decoded("dtstamp")
        assert stamp.utcoffset() == dt.timedelta(0), "DTSTAMP is UTC"
    # Titles (non-ASCII, long, with markup characters) survive folding whole: each study
    # evening names what is due by the end of its week.
    titles = {r.id: r.title for r in plan.resources if r.status != "done"}
    for week in schedule_json(plans[name], TODAY[name])["weeks"]:
        first, last = dt.date.fromisoformat(week["start"]), dt.date.fromisoformat(week["end"])
        due = [titles[i] for i in week["resources_due"] if i in titles]
        for e in evs:
            if e.kind == "study" and first <= e.start.date() <= last:
                assert all(t in e.description for t in due), (e.start, due, e.description)


@pytest.mark.parametrize(
    ("name", "zone", "local", "utc"),
    [
        # London is on BST (+01:00) from 28 Mar 2027: 10:00 on 5 Apr is 09:00 UTC.
        pytest.param(
            "reference", "Europe/London", dt.datetime(2027, 4, 5, 10), dt.datetime(2027, 4, 5, 9), id="london-bst"
        ),
        # Berlin goes from +01:00 to +02:00 at 02:00 on Sunday 28 Mar 2027: 09:00 that day is 07:00 UTC.
        pytest.param(
            "berlin", "Europe/Berlin", dt.datetime(2027, 3, 28, 9), dt.datetime(2027, 3, 28, 7), id="berlin-dst-day"
        ),
        # New York goes from -05:00 to -04:00 at 02:00 on Sunday 14 Mar 2027: 09:00 is 13:00 UTC.
        pytest.param(
            "new-york",
            "America/New_York",
            dt.datetime(2027, 3, 14, 9),
            dt.datetime(2027, 3, 14, 13),
            id="new-york-dst-day",
        ),
        # 19 Apr 2027 is in BST too (+01:00): 10:00 is 09:00 UTC.
        pytest.param(
            "fifteen", "Europe/London", dt.datetime(2027, 4, 19, 10), dt.datetime(2027, 4, 19, 9), id="london-15-weeks"
        ),
    ],
)
def test_ics_exam_is_at_its_local_time_in_its_zone(
    plans: dict[str, Path], tmp_path: Path, name: str, zone: str, local: dt.datetime, utc: dt.datetime
) -> None:
    data = export_ics(plans[name], TODAY[name], tmp_path)
    plan = store.load(plans[name]).plan
    (exam,) = [e for e in events(data) if e.kind == "exam"]
    assert exam.component["dtstart"].params.get("TZID") == zone
    assert exam.start.replace(tzinfo=None) == local == plan.exam.date
    assert exam.start.astimezone(UTC) == utc.replace(tzinfo=UTC)
    assert exam.duration == dt.timedelta(minutes=plan.exam.duration_minutes)
    # The VTIMEZONE in the feed says the same, for clients that go by it.
    assert local - vtimezone_offset(data, zone, local) == utc
    # Every TZID used has its VTIMEZONE.
    cal = icalendar.Calendar.from_ical(data)
    zones = {str(c["tzid"]) for c in cal.walk("VTIMEZONE")}
    used = {str(e.component["dtstart"].params["TZID"]) for e in events(data) if "TZID" in e.component["dtstart"].params}
    assert zone in zones and used <= zones


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_events_add_up_to_the_planned_hours(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    plan = store.load(plans[name]).plan
    totals = schedule_json(plans[name], TODAY[name])["totals"]
    evs = events(export_ics(plans[name], TODAY[name], tmp_path))
    practice = [e for e in evs if e.kind == "practice"]
    study = [e for e in evs if e.kind == "study"]
    assert len(practice) == plan.practice.count
    assert all(e.duration == dt.timedelta(minutes=plan.practice.minutes) for e in practice)
    hours = sum((e.duration for e in practice + study), dt.timedelta()).total_seconds() / 3600
    assert abs(hours - (totals["study_hours"] + totals["practice_hours"])) <= 1 / 60, (hours, totals)
    assert {e.kind for e in evs} == {"exam", "practice", "study"}


def events_by_day(plan: Plan, data: bytes) -> dict[dt.date, list[Event]]:
    """Practice and study events by their local day, each day's in time order."""
    by_day: dict[dt.date, list[Event]] = {}
    for e in events(data):
        assert e.start.tzinfo is not None and str(e.start.tzinfo) == plan.exam.timezone
        if e.kind != "exam":
            by_day.setdefault(e.start.date(), []).append(e)
    return {day: sorted(evs, key=lambda e: e.start) for day, evs in sorted(by_day.items())}


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_events_start_at_the_days_start_time(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    plan = store.load(plans[name]).plan
    today = dt.date.fromisoformat(TODAY[name])
    exam_day = plan.exam.date.date()
    by_day = events_by_day(plan, export_ics(plans[name], TODAY[name], tmp_path))
    window_start = exam_day - dt.timedelta(days=7 * plan.practice.weeks_before_exam)
    for day, evs in by_day.items():
        assert today <= day < exam_day, f"{day}: outside the study days from today"
        # a day starts at its start time, or early enough to end by 23:00 (issue 11 item 5)
        start = dt.datetime.combine(day, plan.study.start_time(day.weekday()))
        booked = sum((e.duration for e in evs), dt.timedelta())
        latest = dt.datetime.combine(day, dt.time(23, 0))
        expected = start if start + booked <= latest else max(dt.datetime.combine(day, dt.time()), latest - booked)
        assert evs[0].start.replace(tzinfo=None) == expected, f"{day}: first event at {evs[0].start}"
        assert evs[-1].end.replace(tzinfo=None) <= dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
        for before, after in itertools.pairwise(evs):
            assert after.start == before.end, f"{day}: {before.summary} and {after.summary} overlap or leave a gap"
        practice = [e for e in evs if e.kind == "practice"]
        studies = [e for e in evs if e.kind == "study"]
        assert len(studies) <= max(1, len(practice)), f"{day}: one study block a day, or one review per sitting"
        if practice:
            assert day >= window_start, f"{day}: practice exam before its final weeks"
            assert evs[0].kind == "practice", f"{day}: the sitting comes first, its review after it"
            kinds = [e.kind for e in evs]
            assert "study,study" not in ",".join(kinds), f"{day}: {kinds}"


@pytest.mark.parametrize("name", ICS_PLANS)
def test_ics_books_no_day_beyond_its_hours(plans: dict[str, Path], tmp_path: Path, name: str) -> None:
    """A timed practice exam needs its minutes in one sitting: an evening with less is no place for it."""
    plan = store.load(plans[name]).plan
    for day, evs in events_by_day(plan, export_ics(plans[name], TODAY[name], tmp_path)).items():
        assert capacity(plan, day) > 0, f"{day} gives no hours but has {[e.summary for e in evs]}"
        booked = sum((e.duration for e in evs), dt.timedelta())
        assert booked <= dt.timedelta(hours=capacity(plan, day)), (
            f"{day:%a %d %b %Y} has {capacity(plan, day):g} h but the feed books {booked}: "
            + ", ".join(f"{e.summary} {e.start:%H:%M}+{e.duration}" for e in evs)
        )


@pytest.mark.slow
def test_ics_uids_are_stable(plans: dict[str, Path], tmp_path: Path) -> None:
    source = plans["fifteen"]
    path = tmp_path / "mine.toml"
    shutil.copy(source, path)
    today = TODAY["fifteen"]
    first = events(export_ics(path, today, tmp_path, "a.ics"))
    second = events(export_ics(path, today, tmp_path, "b.ics"))
    uids = [e.uid for e in first]
    assert len(set(uids)) == len(uids), "no two events share a UID"
    assert set(uids) == {e.uid for e in second}
    (exam_uid,) = [e.uid for e in first if e.kind == "exam"]

    planner_ok("log", "1", "--domain", "d0", "--date", today, "--plan", str(path), "--today", today)
    assert len(store.load(path).plan.log) == 1
    logged = events(export_ics(path, today, tmp_path, "c.ics"))
    assert [e.uid for e in logged if e.kind == "exam"] == [exam_uid]
    study_hours = sum((e.duration for e in logged if e.kind == "study"), dt.timedelta())
    assert study_hours == sum((e.duration for e in first if e.kind == "study"), dt.timedelta()) - dt.timedelta(hours=1)

    planner_ok("reschedule", "2027-04-26", "--plan", str(path), "--today", today)
    moved = events(export_ics(path, today, tmp_path, "d.ics"))
    (exam,) = [e for e in moved if e.kind == "exam"]
    assert exam.uid == exam_uid, "a reschedule updates the exam event instead of adding one"
    assert exam.start.replace(tzinfo=None) == dt.datetime(2027, 4, 26, 10, 0)
