"""The Plan form's fields through core.edits: a value is applied whole or not at all, and clearing is explicit.

Issue 10 item 3: typing ``2000`` minutes must never save ``200`` on the way,
a zone retyped through a typo must never drop the zone, and an empty box is
not a deleted key. The form sends a field's whole value when it is left;
these tests hold what each field accepts and what it refuses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_edits import PLAN, loads_back, refused

from planner.core import edits
from planner.core.errors import KeyPath, PlanError, format_key
from planner.core.model import WEEKDAYS

SET = [
    ("exam-name", ("exam", "name"), "Data Engineer Professional", lambda p: p.exam.name),
    ("exam-code", ("exam", "code"), "DEA-C01", lambda p: p.exam.code),
    ("exam-zone", ("exam", "timezone"), "America/New_York", lambda p: p.exam.timezone),
    ("exam-minutes", ("exam", "duration_minutes"), 170, lambda p: p.exam.duration_minutes),
    ("pass-mark", ("exam", "passing_score"), 72.5, lambda p: p.exam.passing_score),
    ("postponements", ("exam", "postponements_allowed"), 0, lambda p: p.exam.postponements_allowed),
    ("cutoff", ("exam", "reschedule_cutoff_hours"), 48, lambda p: p.exam.reschedule_cutoff_hours),
    ("study-start", ("study", "start"), dt.date(2027, 1, 11), lambda p: p.study.start),
    ("target", ("study", "target_hours"), 120, lambda p: p.study.target_hours),
    ("block", ("study", "granularity_hours"), 0.25, lambda p: p.study.granularity_hours),
    ("strategy", ("study", "strategy"), "sequential", lambda p: p.study.strategy),
    ("week-start", ("study", "week_starts"), "sunday", lambda p: p.study.week_starts),
    ("tuesday", ("study", "availability", "tuesday"), 2, lambda p: p.study.availability[1]),
    ("saturday-start", ("study", "start_times", "saturday"), dt.time(9, 30), lambda p: p.study.start_time(5)),
    ("practice-count", ("practice", "count"), 10, lambda p: p.practice.count),
    ("practice-minutes", ("practice", "minutes"), 180, lambda p: p.practice.minutes),
    ("practice-weeks", ("practice", "weeks_before_exam"), 2, lambda p: p.practice.weeks_before_exam),
    ("domain-name", ("domains", 1, "name"), "Storage and lakes", lambda p: p.domains[1].name),
    ("domain-weight", ("domains", 1, "weight"), 55.5, lambda p: p.domains[1].weight),
    ("domain-confidence", ("domains", 0, "confidence"), 2, lambda p: p.domains[0].confidence),
]


@pytest.mark.parametrize(("key", "value", "read"), [c[1:] for c in SET], ids=[c[0] for c in SET])
def test_a_valid_value_is_applied(key: KeyPath, value: object, read) -> None:  # type: ignore[no-untyped-def]
    plan = edits.set_field(PLAN, key, value)
    assert read(plan) == value
    assert edits.get_field(plan, key) == value
    loads_back(plan)


REFUSED = [
    ("minutes-over-a-day", ("exam", "duration_minutes"), 2000, "exam.duration_minutes", "from 1 to 1440, got 2000"),
    ("zone-typo", ("exam", "timezone"), "Europe/Lond", "exam.timezone", 'use an IANA name like "Europe/London"'),
    (
        "zone-in-lower-case",
        ("exam", "timezone"),
        "america/new_york",
        "exam.timezone",
        'did you mean "America/New_York"?',
    ),
    (
        "zone-with-a-space",
        ("exam", "timezone"),
        "America/New York",
        "exam.timezone",
        'did you mean "America/New_York"?',
    ),
    ("empty-name", ("exam", "name"), "  ", "exam.name", "must not be empty"),
    ("empty-box-is-not-a-clear", ("exam", "code"), None, "exam.code", "clear it to leave it out"),
    ("empty-required", ("practice", "count"), None, "practice.count", "must not be empty"),
    ("text-for-a-number", ("exam", "passing_score"), "high", "exam.passing_score", "must be a number"),
    ("fraction-for-a-whole", ("practice", "count"), 2.5, "practice.count", "must be a whole number"),
    ("boolean-for-a-number", ("domains", 0, "weight"), True, "domains[0].weight", "must be a number"),
    ("negative-weight", ("domains", 0, "weight"), -3, "domains[0].weight", "at least 0"),
    ("pass-mark-over-100", ("exam", "passing_score"), 101, "exam.passing_score", "at most 100"),
    ("bad-strategy", ("study", "strategy"), "random", "study.strategy", "one of interleaved, sequential"),
    ("start-after-the-exam", ("study", "start"), dt.date(2027, 5, 1), "exam.date", "must be after study.start"),
    ("date-time-for-a-date", ("study", "start"), dt.datetime(2027, 1, 4, 9), "study.start", "must be a date"),
    ("no-such-domain", ("domains", 9, "weight"), 3, "domains[9].weight", "no domain 9"),
    ("no-such-field", ("exam", "date"), dt.datetime(2027, 5, 1, 9), "exam.date", "not a field of the Plan form"),
    ("no-such-weekday", ("study", "availability", "funday"), 2, "study.availability.funday", "not a field"),
]


@pytest.mark.parametrize(("key", "value", "where", "needle"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_an_invalid_value_is_refused_and_nothing_changes(key: KeyPath, value: object, where: str, needle: str) -> None:
    error = refused(lambda: edits.set_field(PLAN, key, value))
    assert format_key(error.key) == where
    assert needle in error.message


def test_the_last_study_day_cannot_be_set_to_zero() -> None:
    saturday_only = edits.set_field(PLAN, ("study", "availability", "monday"), 0)
    error = refused(lambda: edits.set_field(saturday_only, ("study", "availability", "saturday"), 0))
    assert error.key == ("study", "availability") and "no study hours on any weekday" in error.message


def test_only_an_optional_field_is_cleared_and_only_explicitly() -> None:
    assert edits.clear_field(PLAN, ("exam", "passing_score")).exam.passing_score is None
    assert edits.clear_field(PLAN, ("exam", "timezone")).exam.timezone is None
    timed = edits.set_field(PLAN, ("study", "start_times", "monday"), dt.time(6, 0))
    assert edits.clear_field(timed, ("study", "start_times", "monday")).study.start_times == ()
    assert edits.clear_field(PLAN, ("study", "availability", "monday")).study.availability[0] == 0
    assert "cannot be cleared" in refused(lambda: edits.clear_field(PLAN, ("exam", "name"))).message
    assert edits.form_field(("exam", "code")).optional and not edits.form_field(("exam", "name")).optional


TYPED = [
    ("whole-minutes", ("exam", "duration_minutes"), "2000", 2000),
    ("decimal-weight", ("domains", 0, "weight"), "7.5", 7.5),
    ("point-five", ("study", "availability", "monday"), ".5", 0.5),
    ("iso-date", ("study", "start"), " 2027-01-11 ", dt.date(2027, 1, 11)),
    ("start-time", ("study", "start_times", "monday"), "6:30", dt.time(6, 30)),
    ("text-as-typed", ("exam", "name"), " Exam ", " Exam "),
    ("blank-is-nothing", ("exam", "passing_score"), "  ", None),
    ("zone", ("exam", "timezone"), "Europe/Berlin", "Europe/Berlin"),
]


@pytest.mark.parametrize(("key", "text", "value"), [c[1:] for c in TYPED], ids=[c[0] for c in TYPED])
def test_what_a_person_types_is_read_strictly(key: KeyPath, text: str, value: object) -> None:
    assert edits.field_from_text(key, text) == value


TYPED_REFUSED = [
    ("underscore", ("exam", "duration_minutes"), "1_0"),
    ("arabic-indic", ("study", "availability", "monday"), "١"),
    ("full-width", ("study", "availability", "monday"), "０.５"),
    ("exponent", ("domains", 0, "weight"), "5e-324"),
    ("infinity", ("domains", 0, "weight"), "inf"),
    ("fraction-count", ("practice", "count"), "2.5"),
    ("no-such-day", ("study", "start"), "2027-02-30"),
    ("no-such-month", ("study", "start"), "2027-13-01"),
    ("not-a-date", ("study", "start"), "next monday"),
    ("bad-time", ("study", "start_times", "monday"), "25:99"),
]


@pytest.mark.parametrize(("key", "text"), [c[1:] for c in TYPED_REFUSED], ids=[c[0] for c in TYPED_REFUSED])
def test_typed_text_that_is_not_plain_is_refused(key: KeyPath, text: str) -> None:
    error = refused(lambda: edits.field_from_text(key, text))
    said = {"2027-02-30": "is no day: February 2027 has 28 days", "2027-13-01": "has no month 13"}.get(text, "is not")
    assert error.key == key and said in error.message


NEGATIVE = [
    ("a-weight", ("domains", 0, "weight"), "-5", "must be at least 0"),
    ("minutes", ("exam", "duration_minutes"), "-1", "must be a whole number from 1 to 1440"),
    ("weekday-hours", ("study", "availability", "monday"), "-1", "must be at least 0"),
    ("target-hours", ("study", "target_hours"), "-3", "must be more than 0"),
]


@pytest.mark.parametrize(("key", "text", "said"), [c[1:] for c in NEGATIVE], ids=[c[0] for c in NEGATIVE])
def test_a_negative_number_is_read_and_refused_for_its_range_not_as_not_a_number(
    key: KeyPath, text: str, said: str
) -> None:
    error = refused(lambda: edits.set_field(PLAN, key, edits.field_from_text(key, text)))
    assert error.key == key and said in error.message and "not a number" not in error.message


def test_minus_zero_is_zero() -> None:
    value = edits.field_from_text(("domains", 0, "weight"), "-0")
    assert value == 0 and str(value) == "0.0"


def test_the_documented_fields_all_exist() -> None:
    for pattern in edits.FORM_FIELDS:
        key: tuple[str | int, ...] = tuple(
            0 if part == "domains[i]" else part for part in pattern.replace("<weekday>", "friday").split(".")
        )
        if key[0] == 0:
            key = ("domains", 0, *key[1:])
        edits.form_field(key)


_TYPED_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["Europe/Paris", "sequential", "sunday", "Mars/Base"]),
    st.dates(dt.date(1960, 1, 1), dt.date(2300, 1, 1)),
    st.times(),
)
_KEYS = st.sampled_from(
    [
        ("exam", "name"),
        ("exam", "timezone"),
        ("exam", "duration_minutes"),
        ("exam", "passing_score"),
        ("study", "start"),
        ("study", "target_hours"),
        ("study", "granularity_hours"),
        ("study", "strategy"),
        *(("study", "availability", day) for day in WEEKDAYS),
        ("study", "start_times", "monday"),
        ("practice", "count"),
        ("practice", "weeks_before_exam"),
        ("domains", 0, "weight"),
        ("domains", 1, "confidence"),
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_KEYS, _TYPED_VALUES), max_size=6))
def test_no_sequence_of_field_edits_makes_a_plan_the_loader_refuses(changes: list) -> None:  # type: ignore[type-arg]
    plan = PLAN
    for key, value in changes:
        try:
            plan = edits.set_field(plan, key, value)
        except PlanError:
            continue
    loads_back(plan)
