"""Study sessions in the core: what start, status and stop do to a plan, at given moments."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from planfactory import make_plan

from planner.core import sessions
from planner.core.errors import PlanError
from planner.core.model import Focus, LogEntry, Resource, RunningSession, replace

ZONE = "Europe/Berlin"
EXAM = dt.datetime(2027, 5, 3, 10, 0)
COURSE = Resource(id="course", title="Course [bold]x[/]", hours=10, domains=("d1",))


def plan(**kwargs: object):
    return make_plan(zone=ZONE, exam=EXAM, resources=(COURSE,), **kwargs)  # type: ignore[arg-type]


def at(text: str, zone: str = ZONE) -> pendulum.DateTime:
    """A moment written as local wall-clock time in ``zone``."""
    return pendulum.parse(text, tz=zone)  # type: ignore[return-value]


def running(started: str, domain: str = "d1", resource: str | None = None, **kwargs: object):
    p = plan(**kwargs)
    return sessions.start(p, at(started), ZONE, domain, resource)


def test_start_keeps_the_local_wall_clock_time_of_the_exam_zone() -> None:
    p = sessions.start(plan(), pendulum.datetime(2027, 1, 10, 18, 30, 15, tz="UTC"), ZONE, "d1", "course")
    assert p.session == RunningSession(started=dt.datetime(2027, 1, 10, 19, 30, 15), domain="d1", resource="course")
    assert type(p.session.started) is dt.datetime  # a plain datetime: the file writer gets what it knows


@pytest.mark.parametrize(
    ("domain", "resource", "when", "needle"),
    [
        ("nope", None, "2027-01-10T19:00", 'no domain "nope"'),
        ("d1", "nope", "2027-01-10T19:00", 'no resource "nope"'),
        ("d1", None, "2027-05-03T08:00", "days before"),
        ("d1", None, "2027-06-01T08:00", "days before"),
    ],
    ids=["unknown-domain", "unknown-resource", "on-exam-day", "after-the-exam"],
)
def test_start_refuses(domain: str, resource: str | None, when: str, needle: str) -> None:
    with pytest.raises(PlanError, match=needle):
        sessions.start(plan(), at(when), ZONE, domain, resource)


def test_one_session_at_a_time() -> None:
    p = running("2027-01-10T19:00", resource="course")
    with pytest.raises(PlanError, match=r"already running: Domain 1 \(Course \[bold\]x\[/\]\) since Sun 10 Jan 19:00"):
        sessions.start(p, at("2027-01-10T19:05"), ZONE, "d2")


def test_status_after_thirty_minutes() -> None:
    p = running("2027-01-10T19:00")
    s = sessions.status(p, at("2027-01-10T19:30"), ZONE)
    assert s is not None
    assert (s.seconds, s.hours, s.long, s.focus) == (1800, 0.5, False, None)
    assert sessions.status(plan(), at("2027-01-10T19:30"), ZONE) is None


def test_status_never_goes_negative_when_the_clock_is_set_back() -> None:
    s = sessions.status(running("2027-01-10T19:00"), at("2027-01-10T18:00"), ZONE)
    assert s is not None and s.seconds == 0


def test_stop_after_fifty_minutes_logs_083_hours_with_its_note() -> None:
    p = running("2027-01-10T19:00", resource="course")
    stopped = sessions.stop(p, at("2027-01-10T19:50"), ZONE, note="SageMaker [algorithms]")
    assert stopped.plan.session is None
    assert stopped.entries == (LogEntry(dt.date(2027, 1, 10), 0.83, "d1", "course", "SageMaker [algorithms]"),)
    assert stopped.plan.log == stopped.entries
    assert stopped.seconds == 3000


def test_a_session_over_midnight_is_one_entry_per_day() -> None:
    p = running("2027-01-10T23:30")
    stopped = sessions.stop(p, at("2027-01-11T00:45"), ZONE)
    assert [(e.date, e.hours) for e in stopped.entries] == [(dt.date(2027, 1, 10), 0.5), (dt.date(2027, 1, 11), 0.75)]


def test_the_night_the_clocks_go_forward_counts_real_minutes() -> None:
    # Berlin skips 02:00-03:00 on 28 March 2027: 01:30 to 03:30 on the clock is one real hour.
    stopped = sessions.stop(running("2027-03-28T01:30"), at("2027-03-28T03:30"), ZONE)
    assert [(e.date, e.hours) for e in stopped.entries] == [(dt.date(2027, 3, 28), 1.0)]


def test_a_long_session_asks_and_then_logs_each_day() -> None:
    p = running("2027-01-10T20:00")
    now = at("2027-01-12T09:00")
    with pytest.raises(sessions.LongSession, match="running for 37 h") as caught:
        sessions.stop(p, now, ZONE)
    assert caught.value.running.long
    status = sessions.status(p, now, ZONE)
    assert status is not None and status.long
    stopped = sessions.stop(p, now, ZONE, confirmed=True)
    assert [(e.date.day, e.hours) for e in stopped.entries] == [(10, 4.0), (11, 24.0), (12, 9.0)]


def test_a_given_end_logs_until_then() -> None:
    p = running("2027-01-10T20:00")
    stopped = sessions.stop(p, at("2027-01-12T09:00"), ZONE, end=at("2027-01-10T21:15"))
    assert [(e.date.day, e.hours) for e in stopped.entries] == [(10, 1.25)]


@pytest.mark.parametrize(
    ("end", "needle"),
    [("2027-01-10T19:00", "after the end"), ("2027-01-10T23:00", "later than now")],
    ids=["end-before-start", "end-after-now"],
)
def test_an_impossible_end_is_refused(end: str, needle: str) -> None:
    with pytest.raises(PlanError, match=needle):
        sessions.stop(running("2027-01-10T20:00"), at("2027-01-10T22:00"), ZONE, end=at(end))


def test_stopping_within_a_minute_logs_nothing_and_ends_the_session() -> None:
    stopped = sessions.stop(running("2027-01-10T20:00"), at("2027-01-10T20:00:40"), ZONE)
    assert stopped.entries == () and stopped.plan.session is None and stopped.plan.log == ()


def test_a_few_seconds_after_midnight_are_not_logged() -> None:
    stopped = sessions.stop(running("2027-01-10T23:00"), at("2027-01-11T00:00:30"), ZONE)
    assert [(e.date.day, e.hours) for e in stopped.entries] == [(10, 1.0)]


def test_days_from_the_exam_on_are_not_logged() -> None:
    stopped = sessions.stop(running("2027-05-02T22:00"), at("2027-05-03T01:00"), ZONE)
    assert [(e.date.day, e.hours) for e in stopped.entries] == [(2, 2.0)]


def test_a_resource_removed_while_running_is_left_out_of_the_entry() -> None:
    p = running("2027-01-10T19:00", resource="course")
    p = replace(p, resources=())
    (entry,) = sessions.stop(p, at("2027-01-10T20:00"), ZONE).entries
    assert entry.resource is None and entry.domain == "d1"


def test_stop_and_discard_need_a_running_session() -> None:
    with pytest.raises(PlanError, match="no session is running"):
        sessions.stop(plan(), at("2027-01-10T20:00"), ZONE)
    with pytest.raises(PlanError, match="no session is running"):
        sessions.discard(plan())


def test_discard_logs_nothing() -> None:
    p = sessions.discard(running("2027-01-10T19:00"))
    assert p.session is None and p.log == ()


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0, ("work", 1, 25 * 60)),
        (24, ("work", 1, 60)),
        (25, ("break", 1, 5 * 60)),
        (29, ("break", 1, 60)),
        (30, ("work", 2, 25 * 60)),
        (61, ("work", 3, 24 * 60)),
    ],
    ids=["start", "end-of-work", "break-begins", "end-of-break", "second-cycle", "third-cycle"],
)
def test_focus_cycles_alternate_work_and_breaks(minutes: int, expected: tuple[str, int, int]) -> None:
    assert tuple(sessions.focus_phase(Focus(25, 5, True), minutes * 60)) == expected


def test_status_shows_the_focus_phase_when_cycles_are_on() -> None:
    p = replace(running("2027-01-10T19:00"), focus=Focus(50, 10, True))
    s = sessions.status(p, at("2027-01-10T19:55"), ZONE)
    assert s is not None and s.focus == ("break", 1, 300)
    off = replace(p, focus=Focus(50, 10, False))
    assert sessions.status(off, at("2027-01-10T19:55"), ZONE).focus is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 min"), (59, "0 min"), (3000, "50 min"), (3600, "1 h"), (3900, "1 h 05 min"), (133200, "37 h")],
    ids=["nothing", "under-a-minute", "fifty", "an-hour", "hour-and-five", "long"],
)
def test_durations_read_like_a_clock(seconds: int, text: str) -> None:
    assert sessions.duration(seconds) == text


ZONES = st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])


@settings(max_examples=150, deadline=None)
@given(
    zone=ZONES,
    start=st.datetimes(min_value=dt.datetime(2027, 1, 1), max_value=dt.datetime(2027, 12, 1)),
    minutes=st.integers(0, 4 * 24 * 60),
)
def test_the_parts_of_a_split_add_up_to_the_time_spent(zone: str, start: dt.datetime, minutes: int) -> None:
    start = start.replace(microsecond=0)
    begin = pendulum.instance(start, tz=zone)
    end = begin.add(minutes=minutes)
    started = sessions.local(begin, zone)
    parts = sessions.split(started, end, zone)
    assert sum(s for _, s in parts) == pytest.approx(end.timestamp() - moments_at(started, zone), abs=len(parts))
    days = [d for d, _ in parts]
    assert days == [started.date() + dt.timedelta(days=i) for i in range(len(days))]
    assert all(0 <= s <= 25 * 3600 for _, s in parts)


def moments_at(naive: dt.datetime, zone: str) -> float:
    from planner.core.moments import at_local

    return at_local(naive, zone).timestamp()
