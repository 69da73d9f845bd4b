"""Publishing to a real CalDAV server: once, again (nothing changes), after a replan, and never touching others.

The plan studies from Monday 4 January 2027 to the exam on Monday 1 February
(London): Monday-Thursday 1.5 h, Saturday 3 h, Sunday 2 h, Fridays off, with
no target, so every available day has study: 4 weeks x 6 days = 24 study
days, plus the exam, is 25 events. One practice exam sits in the last week.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pendulum
import pytest
from conftest_caldav import DavHelper, dav_fixture, radicale_fixture  # noqa: F401
from planfactory import make_plan

from planner.core import uids
from planner.core.model import Plan, Practice, Publish, replace
from planner.core.situation import situate
from planner.edge.calendars import PASSWORD_ENV, CalendarError
from planner.edge.publish import HASH_PROPERTY, publish

ZONE = "Europe/London"
D = dt.date.fromisoformat

FOREIGN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//someone else//EN\r
BEGIN:VEVENT\r
UID:{uid}\r
DTSTAMP:20261201T000000Z\r
DTSTART;TZID=Europe/London:{start}\r
DURATION:PT1H\r
SUMMARY:{summary}\r
{extra}END:VEVENT\r
END:VCALENDAR\r
"""


def study_plan(url: str, **publish_fields: object) -> Plan:
    plan = make_plan(
        start=D("2027-01-04"),
        exam=dt.datetime(2027, 2, 1, 10, 0),
        zone=ZONE,
        availability=(1.5, 1.5, 1.5, 1.5, 0, 3, 2),
        practice=Practice(count=1, minutes=120, weeks_before_exam=1),
    )
    return replace(plan, publish=Publish(url, username="alice", **publish_fields))  # type: ignore[arg-type]


def at(day: str, plan: Plan):
    return situate(plan, pendulum.datetime(*D(day).timetuple()[:3], 8, 0, tz=ZONE), ZONE)


def ours(dav: DavHelper, url: str, key: str) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in dav.events(url) if uids.owns(str(e["uid"]), key)}


def study_days(events: dict[str, icalendar.Event]) -> list[dt.date]:
    return sorted(e["dtstart"].dt.date() for e in events.values() if "study" in str(e["uid"]))


@pytest.fixture
def env(dav: DavHelper) -> dict[str, str]:
    return {PASSWORD_ENV: dav.server.password}


@pytest.mark.slow
def test_publish_is_idempotent_updates_after_a_replan_and_leaves_other_events_alone(
    dav: DavHelper, env: dict[str, str]
) -> None:
    url = dav.make("study")
    calendar = dav.calendar(url)
    calendar.add_event(FOREIGN.format(uid="dentist@example.org", start="20270106T190000", summary="Dentist", extra=""))
    other_plan = "study-2027-01-13-0123456789abcdef@planner"  # another plan's session, in the same calendar
    calendar.add_event(
        FOREIGN.format(
            uid=other_plan, start="20270113T190000", summary="Other plan", extra="X-PLANNER-PLAN:0123456789abcdef\r\n"
        )
    )
    plan = study_plan(url, alarm_minutes=10)
    key = uids.plan_key(plan)

    dry = publish(at("2027-01-04", plan), dry_run=True, env=env)
    assert (dry.count("add"), dry.count("update"), dry.count("delete"), dry.unchanged) == (25, 0, 0, 0)
    assert ours(dav, url, key) == {}  # a dry run writes nothing

    first = publish(at("2027-01-04", plan), env=env)
    assert (first.count("add"), first.unchanged) == (25, 0)
    events = ours(dav, url, key)
    weekdays_off = {4}  # Friday
    expected_days = [
        d for d in (D("2027-01-04") + dt.timedelta(days=k) for k in range(28)) if d.weekday() not in weekdays_off
    ]
    assert study_days(events) == expected_days  # one event per study day
    assert uids.exam_uid(key) in events
    exam = events[uids.exam_uid(key)]
    assert exam["dtstart"].dt == dt.datetime(2027, 2, 1, 10, 0, tzinfo=exam["dtstart"].dt.tzinfo)
    assert str(exam["dtstart"].dt.tzinfo) == ZONE
    monday = events[uids.session_uid(key, D("2027-01-04"))]
    assert monday["dtstart"].dt.strftime("%H:%M") == "19:00"
    assert monday["duration"].dt == dt.timedelta(hours=1.5)
    assert str(monday[uids.MARK_PROPERTY]) == key
    [alarm] = monday.walk("VALARM")
    assert alarm["trigger"].dt == dt.timedelta(minutes=-10)
    practice = [e for e in events.values() if "Practice exam" in str(e["summary"])]
    assert len(practice) == 1 and "practice exam (timed, 120 min)" in str(practice[0]["description"])

    again = publish(at("2027-01-04", plan), env=env)
    assert (again.changes, again.unchanged) == ((), 25)
    assert {u: str(e[HASH_PROPERTY]) for u, e in ours(dav, url, key).items()} == {
        u: str(e[HASH_PROPERTY]) for u, e in events.items()
    }

    # The replan, a week later: Wednesdays are given up. Past events stay as they were.
    later = replace(plan, study=replace(plan.study, availability=(1.5, 1.5, 0, 1.5, 0, 3, 2)))
    replanned = publish(at("2027-01-11", later), env=env)
    deleted = sorted(c.day for c in replanned.changes if c.action == "delete")
    assert deleted == [D("2027-01-13"), D("2027-01-20"), D("2027-01-27")]
    after = ours(dav, url, key)
    kept_past = [d for d in expected_days if d < D("2027-01-11")]
    future = [d for d in expected_days if d >= D("2027-01-11") and d.weekday() != 2]
    assert study_days(after) == kept_past + future
    assert uids.exam_uid(key) in after
    foreign = {str(e["uid"]) for e in dav.events(url)} - set(after)
    assert foreign == {"dentist@example.org", other_plan}
    assert publish(at("2027-01-11", later), env=env).changes == ()


@pytest.mark.slow
def test_logged_hours_change_the_published_day(dav: DavHelper, env: dict[str, str]) -> None:
    """Hours logged ahead on Saturday leave less to do that day: the event is rewritten, not doubled."""
    from planner.core.model import LogEntry

    url = dav.make("study")
    plan = study_plan(url)
    key = uids.plan_key(plan)
    publish(at("2027-01-09", plan), env=env)
    logged = replace(plan, log=(LogEntry(D("2027-01-09"), 1.0, domain="d0"),))
    result = publish(at("2027-01-09", logged), env=env)
    assert D("2027-01-09") in {c.day for c in result.changes if c.action == "update"}
    saturday = [e for e in dav.events(url) if str(e["uid"]) == uids.session_uid(key, D("2027-01-09"))]
    assert len(saturday) == 1
    assert saturday[0]["duration"].dt == dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("password", "message"),
    [("wrong-password", "[publish]: login failed for alice at "), (None, "[publish]: no password for alice")],
    ids=["wrong-password", "no-password"],
)
def test_a_failed_login_is_one_line_without_the_secret(dav: DavHelper, password: str | None, message: str) -> None:
    url = dav.make("study")
    with pytest.raises(CalendarError) as caught:
        publish(at("2027-01-04", study_plan(url)), env={PASSWORD_ENV: password} if password else {})
    text = str(caught.value)
    assert text.startswith(message)
    assert "\n" not in text and "wrong-password" not in text and dav.server.password not in text
    assert dav.events(url) == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://exa mple.org/dav/", "its host has a space in it"),
        ("https://example.org:99999/dav/", "its port must be a whole number from 1 to 65535"),
        ("https://[::1/dav/", "the [ ] around its host do not hold an IPv6 address"),
        ("https://" + "a" * 70 + ".example.org/dav/", "a part of its host (between dots) is longer than 63 characters"),
    ],
    ids=["space-in-host", "port-too-high", "unclosed-bracket", "long-host-part"],
)
def test_a_publish_url_no_request_can_be_made_to_is_one_line(url: str, why: str) -> None:
    """A plan made in code skips the plan check: publish refuses the URL itself (it was an internal error)."""
    with pytest.raises(CalendarError) as caught:
        publish(at("2027-01-04", study_plan(url)), env={PASSWORD_ENV: "pw"})
    text = str(caught.value)
    assert text.startswith("[publish] url: https://") and text.endswith(f"is not a valid URL: {why}")
    assert "\n" not in text


@pytest.mark.slow
def test_a_study_calendar_read_for_busy_time_does_not_count_the_plans_own_sessions(
    dav: DavHelper, env: dict[str, str], tmp_path
) -> None:
    """Publishing into a calendar that is also read for busy time: only the dentist (Wed 6 Jan 19:00-20:00) is busy."""
    from planner.core.model import CalendarSource
    from planner.edge.calendars import read_calendars

    url = dav.make("study")
    dav.calendar(url).add_event(
        FOREIGN.format(uid="dentist@example.org", start="20270106T190000", summary="Dentist", extra="")
    )
    plan = study_plan(url)
    publish(at("2027-01-04", plan), env=env)
    plan = replace(plan, calendars=(CalendarSource("study", url, kind="caldav", username="alice"),))
    reading = read_calendars(
        plan, tmp_path / "plan.toml", ZONE, D("2027-01-04"), env={**env, "PLANNER_CACHE": str(tmp_path)}
    )
    assert len(dav.events(url)) == 26
    assert (reading.busy, reading.notices) == ({D("2027-01-06"): 1.0}, ())


HOLDOUT = Path(__file__).resolve().parent / "calendars"


def holdout_meetings(ics: bytes, all_day_busy: bool) -> tuple[list[tuple[dt.datetime, dt.datetime]], set[dt.date]]:
    """The hold-out's busy time as the kept libraries expand it, apart from the planner's own reading:
    (timed meetings, days an all-day event takes)."""
    import recurring_ical_events

    timed, days = [], set()
    found = recurring_ical_events.of(icalendar.Calendar.from_ical(ics)).between(D("2027-01-01"), D("2027-02-03"))
    for event in found:
        if str(event.get("TRANSP", "")) == "TRANSPARENT" or str(event.get("STATUS", "")) == "CANCELLED":
            continue
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, dt.datetime):
            timed.append((start, end))
        elif all_day_busy:
            days.update(start + dt.timedelta(days=k) for k in range((end - start).days))
    return timed, days


@pytest.mark.slow
def test_published_sessions_go_around_the_holdout_meetings(dav: DavHelper, env: dict[str, str], tmp_path) -> None:
    """The hold-out calendars (see test_calendars_holdout) read from Radicale, the plan published into it:
    one event per study day (the design's contract), none on a busy all-day; the sessions its description
    lists never overlap a meeting, and add up to the day's planned hours."""
    from planner.core.engine import week_days
    from planner.core.model import CalendarSource
    from planner.edge.calendars import read_calendars

    work_url, home_url, study_url = dav.make("work"), dav.make("home"), dav.make("study")
    dav.upload(work_url, (HOLDOUT / "holdout-work.ics").read_bytes())
    dav.upload(home_url, (HOLDOUT / "holdout-home.ics").read_bytes())
    plan = make_plan(
        start=D("2027-01-04"), exam=dt.datetime(2027, 2, 1, 10, 0), zone=ZONE, availability=(2, 2, 2, 2, 0, 4, 3)
    )
    study = replace(plan.study, start_times=(("saturday", dt.time(10, 0)), ("sunday", dt.time(18, 0))))
    calendars = (
        CalendarSource("work", work_url, kind="caldav", username="alice"),
        CalendarSource("home", home_url, kind="caldav", username="alice", all_day="free"),
    )
    plan = replace(plan, study=study, calendars=calendars, publish=Publish(study_url, username="alice"))
    reading = read_calendars(
        plan, tmp_path / "plan.toml", ZONE, D("2027-01-04"), env={**env, "PLANNER_CACHE": str(tmp_path)}
    )
    assert reading.notices == ()
    now = pendulum.datetime(2027, 1, 4, 8, 0, tz=ZONE)
    s = situate(plan, now, ZONE, busy=reading.busy, busy_intervals=reading.intervals)
    publish(s, env=env)

    work, busy_days = holdout_meetings((HOLDOUT / "holdout-work.ics").read_bytes(), all_day_busy=True)
    home, _ = holdout_meetings((HOLDOUT / "holdout-home.ics").read_bytes(), all_day_busy=False)
    published = [e for e in ours(dav, study_url, uids.plan_key(plan)).values() if "exam" not in str(e["uid"])]

    def clock(day: dt.date, text: str) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.fromisoformat(text), tzinfo=ZoneInfo(ZONE))

    sessions: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = {}
    for event in published:
        day = event["dtstart"].dt.date()
        assert day not in busy_days
        lines = str(event["description"]).splitlines()
        for line in lines:
            if "busy" in line:
                continue
            a, b = line.split()[0].split("–")
            sessions.setdefault(day, []).append((clock(day, a), clock(day, b)))
        first, last = min(sessions[day]), max(sessions[day])
        assert (event["dtstart"].dt, event["dtstart"].dt + event["duration"].dt) == (first[0], last[1])
        assert ("around busy time" in str(event["summary"])) == any("busy" in line for line in lines)
    for spans in sessions.values():
        for start, end in spans:
            clash = [m for m in work + home if m[0] < end and start < m[1]]
            assert clash == [], f"{start:%a %d %b %H:%M}-{end:%H:%M} is published over {clash}"
    # Monday 4 Jan: 2 h from 19:00 and the evening class 19:30-20:30 London: the half hours either side of it,
    # in one event that says so.
    monday = sorted(f"{a:%H:%M}-{b:%H:%M}" for a, b in sessions[D("2027-01-04")])
    assert monday == ["19:00-19:30", "20:30-21:00"]
    # Thursday 28 Jan: the New York call ends 20:20 London; what is left (0.5 h) follows it.
    assert [f"{a:%H:%M}-{b:%H:%M}" for a, b in sessions[D("2027-01-28")]] == ["20:20-20:50"]
    planned: dict[dt.date, float] = {}
    for week in s.schedule.weeks:
        for day in week_days(plan, s.schedule, week):
            if day.planned_hours > 0:
                planned[day.date] = day.planned_hours
    assert len(published) == len(planned)
    published_hours = {d: sum((b - a).total_seconds() for a, b in spans) / 3600 for d, spans in sessions.items()}
    assert published_hours == planned
    assert publish(s, env=env).changes == ()
