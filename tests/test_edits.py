"""The use cases of core.edits: what they change, what they refuse, and that a plan they make always loads.

Refusals are tables with the case name as id: each names the argument (or the
place in the plan) and says why, in one line.
"""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planfactory import plans

from planner.core import edits, rules
from planner.core.errors import PlanError, format_key
from planner.core.model import DayRange, LogEntry, Plan, PracticeResult, Resource, replace
from planner.planfile.text import dumps, loads

TEXT = """schema = 1

[exam]
name = "Data Engineer Associate"
date = 2027-04-05T10:00:00
timezone = "Europe/London"
passing_score = 70
postponements_allowed = 2

[study]
start = 2027-01-04

[study.availability]
monday = 1.5
saturday = 3

[[study.blackouts]]
start = 2027-02-01
end = 2027-02-03
reason = "trip"

[[study.overrides]]
start = 2027-03-29
end = 2027-04-01
hours = 6
reason = "leave"

[[study.overrides]]
days_before_exam = 2
hours = 4
reason = "last day off"

[practice]
count = 2
minutes = 90

[[domains]]
id = "ingest"
name = "Ingestion"
weight = 40

[[domains]]
id = "store"
name = "Storage"
weight = 60

[[resources]]
id = "book"
title = "The book"
hours = 10

[[log]]
date = 2027-01-05
hours = 20
domain = "ingest"
resource = "book"
"""

PLAN = loads(TEXT)
TODAY = dt.date(2027, 2, 10)


def refused(call) -> PlanError:  # type: ignore[no-untyped-def]
    with pytest.raises(PlanError) as info:
        call()
    assert "\n" not in str(info.value)
    return info.value


def loads_back(plan: Plan) -> Plan:
    """The plan as its file would be read again: what an edit makes must always load."""
    again = loads(dumps(plan))
    assert again == plan
    return again


# --- logging ------------------------------------------------------------------------------------


def entry(**changes: object) -> LogEntry:
    return replace(LogEntry(dt.date(2027, 2, 8), 1.5, "store", None, "chapter 2"), **changes)  # type: ignore[arg-type]


def test_a_session_is_logged() -> None:
    plan = edits.add_log(PLAN, entry(), today=TODAY)
    assert plan.log == (*PLAN.log, entry())
    loads_back(plan)


def test_a_practice_exam_needs_no_domain_and_a_day_may_be_full() -> None:
    plan = edits.add_log(PLAN, entry(domain=None, kind="practice", date=dt.date(2027, 1, 5), hours=4), today=TODAY)
    assert sum(e.hours for e in plan.log if e.date == dt.date(2027, 1, 5)) == 24
    loads_back(plan)


LOG_REFUSED = [
    ("after-today", entry(date=dt.date(2027, 2, 11)), "date", "is after today (2027-02-10)"),
    ("before-1970", entry(date=dt.date(1969, 12, 31)), "date", "not a year the planner plans"),
    ("after-2200", entry(date=dt.date(2201, 1, 1)), "date", "not a year the planner plans"),
    ("over-24-h-in-a-day", entry(date=dt.date(2027, 1, 5), hours=4.5), "hours", "more than 24 h in one day"),
    ("zero-hours", entry(hours=0.0), "hours", "more than 0"),
    ("a-day-and-more", entry(hours=24.5), "hours", "at most 24"),
    ("not-a-number", entry(hours=float("nan")), "hours", "finite"),
    ("unknown-domain", entry(domain="stor"), "domain", 'did you mean "store"?'),
    ("study-without-domain", entry(domain=None), "domain", "is required for study"),
    ("unknown-resource", entry(resource="bok"), "resource", 'did you mean "book"?'),
    ("unknown-kind", entry(kind="exam"), "kind", "one of study, practice"),
    ("note-too-long", entry(note="x" * 10_001), "note", "at most 10000"),
    ("note-not-utf8", entry(note="caf\udce9"), "note", "not UTF-8"),
]


@pytest.mark.parametrize(("given", "key", "needle"), [c[1:] for c in LOG_REFUSED], ids=[c[0] for c in LOG_REFUSED])
def test_a_log_entry_is_refused_naming_what(given: LogEntry, key: str, needle: str) -> None:
    error = refused(lambda: edits.add_log(PLAN, given, today=TODAY))
    assert format_key(error.key) == key
    assert needle in error.message


@pytest.mark.parametrize("day", [dt.date(2027, 4, 5), dt.date(2027, 4, 6)], ids=["exam-day", "after-the-exam"])
def test_a_log_on_or_after_the_exam_day_is_refused(day: dt.date) -> None:
    error = refused(lambda: edits.add_log(PLAN, entry(date=day), today=dt.date(2027, 4, 10)))
    assert error.key == ("date",) and "is not before the exam (2027-04-05)" in error.message


def test_two_full_days_on_one_date_are_refused() -> None:
    full = edits.add_log(PLAN, entry(date=dt.date(2027, 2, 8), hours=24), today=TODAY)
    error = refused(lambda: edits.add_log(full, entry(date=dt.date(2027, 2, 8), hours=24), today=TODAY))
    assert "already has 24 h logged" in error.message


def test_an_edited_session_is_checked_without_itself() -> None:
    plan = edits.replace_log(PLAN, 0, entry(date=dt.date(2027, 1, 5), hours=24), today=TODAY)
    assert plan.log[0].hours == 24 and len(plan.log) == 1
    assert refused(lambda: edits.replace_log(PLAN, 3, entry(), today=TODAY)).key == ("log", 3)
    assert edits.delete_log(PLAN, 0).log == ()


HOURS_TYPED = [
    ("whole", "2", 2.0),
    ("decimal", "1.5", 1.5),
    ("leading-point", ".5", 0.5),
    ("spaces-around", " 0.25 ", 0.25),
    ("a-full-day", "24", 24.0),
]
HOURS_REFUSED = [
    ("underscore", "1_0", "not a number of hours"),
    ("arabic-indic-digit", "١", "not a number of hours"),
    ("full-width-digits", "０.５", "not a number of hours"),
    ("tiny-exponent", "5e-324", "not a number of hours"),
    ("infinity", "inf", "not a number of hours"),
    ("nan", "nan", "not a number of hours"),
    ("negative", "-1", "must be more than 0 and at most 24, got -1"),
    ("less-than-a-hundredth", "0.001", "log at least 0.01 h"),
    ("half-a-hundredth", "0.005", "log at least 0.01 h"),
    ("negative-not-plain", "-1e3", "not a number of hours"),
    ("plus-sign", "+1", "not a number of hours"),
    ("comma", "1,5", "not a number of hours"),
    ("trailing-point", "1.", "not a number of hours"),
    ("empty", "", "not a number of hours"),
    ("zero", "0", "more than 0"),
    ("over-a-day", "25", "at most 24"),
]


@pytest.mark.parametrize(("text", "hours"), [c[1:] for c in HOURS_TYPED], ids=[c[0] for c in HOURS_TYPED])
def test_plain_hours_are_read(text: str, hours: float) -> None:
    assert rules.parse_hours(text, "HOURS") == hours


@pytest.mark.parametrize(("text", "needle"), [c[1:] for c in HOURS_REFUSED], ids=[c[0] for c in HOURS_REFUSED])
def test_hours_that_are_not_plain_decimals_are_refused(text: str, needle: str) -> None:
    error = refused(lambda: rules.parse_hours(text, "HOURS"))
    assert error.message.startswith("HOURS: ") and needle in error.message


@pytest.mark.parametrize(
    ("text", "needle"),
    [("101", "at most 100"), ("7e1", "not a percent"), ("-3", "must be from 0 to 100 (percent), got -3")],
    ids=str,
)
def test_percents_are_plain_decimals_up_to_100(text: str, needle: str) -> None:
    assert needle in refused(lambda: rules.parse_percent(text, "--score")).message
    assert rules.parse_percent("72.5", "--score") == 72.5


# --- practice -----------------------------------------------------------------------------------


def test_a_practice_exam_with_a_score_is_also_a_result() -> None:
    plan = edits.log_practice(PLAN, day=dt.date(2027, 2, 9), hours=1.5, today=TODAY, score=72)
    assert plan.log[-1] == LogEntry(dt.date(2027, 2, 9), 1.5, None, None, "practice exam: 72%", "practice")
    assert plan.practice.results == (PracticeResult(dt.date(2027, 2, 9), 72),)
    loads_back(plan)
    without = edits.log_practice(PLAN, day=dt.date(2027, 2, 9), hours=1.5, today=TODAY)
    assert without.practice.results == () and without.log[-1].kind == "practice"


PRACTICE_REFUSED = [
    ("score-over-100", lambda: edits.log_practice(PLAN, day=TODAY, hours=1, today=TODAY, score=101), "score"),
    (
        "result-after-today",
        lambda: edits.add_practice_result(PLAN, PracticeResult(dt.date(2027, 2, 11), 80), today=TODAY),
        "date",
    ),
    (
        "result-for-an-unknown-domain",
        lambda: edits.add_practice_result(PLAN, PracticeResult(TODAY, 80, (("stor", 50),)), today=TODAY),
        "domains.stor",
    ),
    (
        "domain-score-over-100",
        lambda: edits.add_practice_result(PLAN, PracticeResult(TODAY, 80, (("store", 150),)), today=TODAY),
        "domains.store",
    ),
]


@pytest.mark.parametrize(("call", "key"), [c[1:] for c in PRACTICE_REFUSED], ids=[c[0] for c in PRACTICE_REFUSED])
def test_a_practice_result_is_refused_naming_what(call, key: str) -> None:  # type: ignore[no-untyped-def]
    assert format_key(refused(call).key) == key


# --- the running session ------------------------------------------------------------------------


def test_one_session_at_a_time_and_stopping_logs_it() -> None:
    started = dt.datetime(2027, 2, 9, 23, 0)
    running = edits.start_session(PLAN, started=started, domain="store", resource="book")
    assert running.session is not None and running.session.started == started
    loads_back(running)
    assert (
        "already running since 2027-02-09 23:00"
        in refused(lambda: edits.start_session(running, started=started, domain="store")).message
    )
    assert format_key(refused(lambda: edits.start_session(PLAN, started=started, domain="x")).key) == "session.domain"
    split = [LogEntry(dt.date(2027, 2, 9), 1, "store", "book"), LogEntry(TODAY, 0.5, "store", "book")]
    stopped = edits.end_session(running, entries=split, today=TODAY)
    assert stopped.session is None and stopped.log[-2:] == tuple(split)
    assert refused(lambda: edits.end_session(PLAN, entries=(), today=TODAY)).message == "no session is running"


# --- resources ----------------------------------------------------------------------------------

VIDEO = Resource("videos", "Deep dive videos", 8.0, "video", domains=("store",))


def test_a_resource_is_added_renamed_and_deleted_and_the_log_follows() -> None:
    plan = edits.add_resource(PLAN, VIDEO)
    assert plan.resources[-1] == VIDEO
    renamed = edits.update_resource(plan, "book", replace(plan.resources[0], id="the-book"))
    assert [r.id for r in renamed.resources] == ["the-book", "videos"]
    assert renamed.log[0].resource == "the-book"
    deleted = edits.delete_resource(renamed, "the-book")
    assert [r.id for r in deleted.resources] == ["videos"] and deleted.log[0].resource is None
    loads_back(deleted)


RESOURCE_REFUSED = [
    ("same-id", lambda: edits.add_resource(PLAN, replace(VIDEO, id="book")), "resources[1].id"),
    ("bad-id", lambda: edits.add_resource(PLAN, replace(VIDEO, id="my video")), "resources[1].id"),
    ("empty-title", lambda: edits.add_resource(PLAN, replace(VIDEO, title=" ")), "resources[1].title"),
    (
        "unknown-domain",
        lambda: edits.add_resource(PLAN, replace(VIDEO, domains=("x",))),
        "resources[1].domains[0]",
    ),
    ("bad-status", lambda: edits.set_resource_status(PLAN, "book", "finished", today=TODAY), "status"),
    ("update-unknown", lambda: edits.update_resource(PLAN, "bok", VIDEO), "resource"),
    (
        "rename-onto-another",
        lambda: edits.update_resource(edits.add_resource(PLAN, VIDEO), "videos", replace(VIDEO, id="book")),
        "resources[1].id",
    ),
]


@pytest.mark.parametrize(("call", "key"), [c[1:] for c in RESOURCE_REFUSED], ids=[c[0] for c in RESOURCE_REFUSED])
def test_a_resource_change_is_refused_naming_what(call, key: str) -> None:  # type: ignore[no-untyped-def]
    assert format_key(refused(call).key) == key


def test_done_records_today_and_undone_clears_it() -> None:
    done = edits.set_resource_status(PLAN, "book", "done", today=TODAY)
    assert (done.resources[0].status, done.resources[0].done_on) == ("done", TODAY)
    again = edits.set_resource_status(done, "book", "done", today=TODAY + dt.timedelta(days=3))
    assert again.resources[0].done_on == TODAY, "ticking a done resource again keeps the day it was done"
    undone = edits.set_resource_status(done, "book", "doing", today=TODAY)
    assert (undone.resources[0].status, undone.resources[0].done_on) == ("doing", None)


# --- rescheduling -------------------------------------------------------------------------------

NOW = pendulum.datetime(2027, 2, 10, 12, tz="Europe/London")


def test_anchored_days_move_with_the_exam_and_dated_ones_stay() -> None:
    done = edits.reschedule(PLAN, dt.datetime(2027, 4, 19, 10), now=NOW, zone="Europe/London", reason="behind")
    study = done.plan.study
    assert done.plan.exam.date == dt.datetime(2027, 4, 19, 10)
    assert (study.overrides[1].start, study.overrides[1].end) == (dt.date(2027, 4, 17), dt.date(2027, 4, 17))
    assert study.overrides[0].start == dt.date(2027, 3, 29), "dated leave stays unless asked"
    assert any("last day off" in n and "2027-04-17" in n for n in done.notes)
    assert "override (leave) stays on 2027-03-29 – 2027-04-01: it is dated (ask to move dated days too)" in done.notes
    assert "1 postponement left after this one" in done.notes
    loads_back(done.plan)


def test_dated_days_of_the_final_weeks_move_when_asked() -> None:
    assert [(w, i) for w, i, _ in edits.movable_ranges(PLAN)] == [("overrides", 0)]
    done = edits.reschedule(PLAN, dt.datetime(2027, 4, 19, 10), now=NOW, zone="Europe/London", move_dated=True)
    leave, anchored = done.plan.study.overrides
    assert (leave.start, leave.end) == (dt.date(2027, 4, 12), dt.date(2027, 4, 15))
    assert done.plan.study.blackouts == PLAN.study.blackouts, "the February trip is far from the exam"
    assert anchored.start == dt.date(2027, 4, 17)
    loads_back(done.plan)


RESCHEDULE_REFUSED = [
    ("same-date", dt.datetime(2027, 4, 5, 10), {}, "already on"),
    ("in-the-past", dt.datetime(2027, 2, 1, 10), {}, "in the past"),
    (
        "before-the-start",
        dt.datetime(2027, 1, 3, 10),
        {"now": pendulum.datetime(2027, 1, 1, tz="Europe/London")},
        "not after study.start",
    ),
    ("year-9999", dt.datetime(9999, 4, 5, 10), {}, "not a year the planner plans"),
    ("too-far", dt.datetime(2040, 4, 5, 10), {}, "more than 10 years"),
]


@pytest.mark.parametrize(
    ("to", "extra", "needle"), [c[1:] for c in RESCHEDULE_REFUSED], ids=[c[0] for c in RESCHEDULE_REFUSED]
)
def test_a_reschedule_is_refused_saying_why(to: dt.datetime, extra: dict, needle: str) -> None:
    kwargs = {"now": NOW, "zone": "Europe/London", **extra}
    assert needle in refused(lambda: edits.reschedule(PLAN, to, **kwargs)).message


# --- ranges and templates -------------------------------------------------------------------------


def test_ranges_are_added_anchored_or_dated_and_removed() -> None:
    leave = edits.anchored_range(PLAN, days_before_exam=9, days=3, hours=5, reason="leave")
    plan = edits.add_range(PLAN, "overrides", leave)
    assert (plan.study.overrides[-1].start, plan.study.overrides[-1].end) == (
        dt.date(2027, 3, 27),
        dt.date(2027, 3, 29),
    )
    assert "days_before_exam = 9" in dumps(plan)
    plan = edits.add_range(plan, "blackouts", DayRange(dt.date(2027, 3, 1), dt.date(2027, 3, 2), "away"))
    assert edits.remove_range(plan, "blackouts", 0).study.blackouts == (plan.study.blackouts[1],)
    loads_back(plan)


RANGE_REFUSED = [
    (
        "ends-before-it-starts",
        "blackouts",
        DayRange(dt.date(2027, 3, 2), dt.date(2027, 3, 1)),
        "study.blackouts[1].end",
    ),
    (
        "blackout-with-hours",
        "blackouts",
        DayRange(dt.date(2027, 3, 1), dt.date(2027, 3, 1), hours=2),
        "study.blackouts[1].hours",
    ),
    (
        "override-without-hours",
        "overrides",
        DayRange(dt.date(2027, 3, 1), dt.date(2027, 3, 1)),
        "study.overrides[2].hours",
    ),
    ("not-a-list", "holidays", DayRange(dt.date(2027, 3, 1), dt.date(2027, 3, 1)), "study.holidays"),
]


@pytest.mark.parametrize(("which", "given", "key"), [c[1:] for c in RANGE_REFUSED], ids=[c[0] for c in RANGE_REFUSED])
def test_a_range_is_refused_naming_what(which: str, given: DayRange, key: str) -> None:
    assert format_key(refused(lambda: edits.add_range(PLAN, which, given)).key) == key  # type: ignore[arg-type]


def test_an_anchor_reaching_the_exam_day_is_refused() -> None:
    leave = edits.anchored_range(PLAN, days_before_exam=2, days=3, hours=5)
    assert "would reach the exam day" in refused(lambda: edits.add_range(PLAN, "overrides", leave)).message
    assert refused(lambda: edits.anchored_range(PLAN, days_before_exam=0)).key == ("days_before_exam",)


def test_a_plan_from_a_template_moves_the_exam_days_and_leaves_the_history() -> None:
    template = edits.log_practice(PLAN, day=dt.date(2027, 2, 9), hours=1, today=TODAY, score=60)
    made = edits.plan_from_template(template, exam=dt.date(2027, 9, 6), start=dt.date(2027, 6, 1))
    assert made.exam.date == dt.datetime(2027, 9, 6, 10) and made.study.start == dt.date(2027, 6, 1)
    leave, anchored = made.study.overrides
    assert (leave.start, leave.end) == (dt.date(2027, 8, 30), dt.date(2027, 9, 2)), "the template's leave moves"
    assert anchored.start == dt.date(2027, 9, 4)
    assert made.study.blackouts == (), "the February trip is outside the new study period"
    assert made.log == () and made.practice.results == () and made.exam.reschedules == ()
    loads_back(made)
    error = refused(lambda: edits.plan_from_template(PLAN, exam=dt.date(2027, 5, 1), start=dt.date(2027, 6, 1)))
    assert format_key(error.key) == "exam.date" and "must be after study.start" in error.message


# --- whatever the edit, the plan it makes loads --------------------------------------------------

_ENTRIES = st.builds(
    LogEntry,
    st.dates(dt.date(1960, 1, 1), dt.date(2030, 1, 1)),
    st.one_of(st.floats(allow_nan=True), st.sampled_from([0.5, 1.0, 24.0, 23.9])),
    st.sampled_from([None, "d0", "d1", "nope"]),
    st.sampled_from([None, "r1"]),
    st.text(max_size=5),
    st.sampled_from(["study", "practice"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_log=True), st.lists(_ENTRIES, max_size=4), st.dates(dt.date(2025, 1, 1), dt.date(2029, 1, 1)))
def test_logging_never_makes_a_plan_the_loader_refuses(plan: Plan, entries: list[LogEntry], today: dt.date) -> None:
    for e in entries:
        try:
            plan = edits.add_log(plan, e, today=today)
        except PlanError:
            continue
        assert e.date <= today and e.date < plan.exam.date.date()
        assert e.hours > 0 and sum(x.hours for x in plan.log if x.date == e.date) <= 24 + 1e-9
    loads_back(plan)
