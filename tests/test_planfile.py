"""The plan file's one validator: what the loader refuses, a model check refuses alike, and nothing else escapes.

The loader turns TOML into model objects (types, key names) and hands them to
``core.rules.check_plan``; edits hand their plans to the same check. These
tests hold the two sides to one answer, and feed the loader arbitrary tables
to see that a bad one always ends in one clear ``PlanError``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core import rules
from planner.core.errors import PlanError, format_key
from planner.core.model import DayRange, LogEntry, Plan, PracticeResult, Reschedule, Resource, replace
from planner.planfile import parse
from planner.planfile.text import dumps, loads

BASE = """schema = 1

[exam]
name = "Data Engineer Associate"
date = 2027-04-05T10:00:00
timezone = "Europe/London"
passing_score = 70
postponements_allowed = 2

[study]
start = 2027-01-04
target_hours = 60

[study.availability]
monday = 1.5
saturday = 3

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
domains = ["ingest"]

[[log]]
date = 2027-01-05
hours = 1
domain = "ingest"
"""

PLAN = loads(BASE)


def first_error(call: Callable[[], object]) -> PlanError:
    with pytest.raises(PlanError) as info:
        call()
    return info.value


# --- one answer from the file and from the model ----------------------------------------------


def _study(plan: Plan, **changes: object) -> Plan:
    return replace(plan, study=replace(plan.study, **changes))


SAME_ANSWER = [
    (
        "log-hours-over-a-day",
        BASE.replace("hours = 1\ndomain", "hours = 25\ndomain"),
        lambda p: replace(p, log=(replace(p.log[0], hours=25.0),)),
        "log[0].hours",
    ),
    (
        "log-date-before-1970",
        BASE.replace("date = 2027-01-05", "date = 1969-12-31"),
        lambda p: replace(p, log=(replace(p.log[0], date=dt.date(1969, 12, 31)),)),
        "log[0].date",
    ),
    (
        "log-unknown-domain",
        BASE.replace('domain = "ingest"', 'domain = "ingst"'),
        lambda p: replace(p, log=(replace(p.log[0], domain="ingst"),)),
        "log[0].domain",
    ),
    (
        "resource-done-in-2201",
        BASE.replace('domains = ["ingest"]', 'domains = ["ingest"]\ndone_on = 2201-01-01'),
        lambda p: replace(p, resources=(replace(p.resources[0], done_on=dt.date(2201, 1, 1)),)),
        "resources[0].done_on",
    ),
    (
        "resource-negative-hours",
        BASE.replace("hours = 10", "hours = -1"),
        lambda p: replace(p, resources=(replace(p.resources[0], hours=-1.0),)),
        "resources[0].hours",
    ),
    (
        "resource-domain-twice",
        BASE.replace('domains = ["ingest"]', 'domains = ["ingest", "ingest"]'),
        lambda p: replace(p, resources=(replace(p.resources[0], domains=("ingest", "ingest")),)),
        "resources[0].domains",
    ),
    (
        "blackout-in-1800",
        BASE.replace("[practice]", "[[study.blackouts]]\nstart = 1800-01-01\nend = 1800-01-02\n\n[practice]"),
        lambda p: _study(p, blackouts=(DayRange(dt.date(1800, 1, 1), dt.date(1800, 1, 2)),)),
        "study.blackouts[0].start",
    ),
    (
        "result-in-1900",
        BASE + "\n[[practice.results]]\ndate = 1900-01-01\nscore = 50\n",
        lambda p: replace(p, practice=replace(p.practice, results=(PracticeResult(dt.date(1900, 1, 1), 50.0),))),
        "practice.results[0].date",
    ),
    (
        "reschedule-recorded-in-1969",
        BASE.replace(
            "[study]",
            "[[exam.reschedules]]\nfrom = 2027-03-01T10:00:00\nto = 2027-04-05T10:00:00\non = 1969-01-01\n\n[study]",
        ),
        lambda p: replace(
            p,
            exam=replace(
                p.exam,
                reschedules=(Reschedule(dt.datetime(2027, 3, 1, 10), p.exam.date, dt.date(1969, 1, 1)),),
            ),
        ),
        "exam.reschedules[0].on",
    ),
    (
        "zero-availability",
        BASE.replace("monday = 1.5\nsaturday = 3", "monday = 0"),
        lambda p: _study(p, availability=(0.0,) * 7),
        "study.availability",
    ),
    (
        "exam-eleven-years-on",
        BASE.replace("date = 2027-04-05T10:00:00", "date = 2038-04-05T10:00:00"),
        lambda p: replace(p, exam=replace(p.exam, date=dt.datetime(2038, 4, 5, 10))),
        "exam.date",
    ),
    (
        "unknown-zone",
        BASE.replace('"Europe/London"', '"Europe/Lodnon"'),
        lambda p: replace(p, exam=replace(p.exam, timezone="Europe/Lodnon")),
        "exam.timezone",
    ),
    (
        "title-too-long",
        BASE.replace('title = "The book"', f'title = "{"x" * 10_001}"'),
        lambda p: replace(p, resources=(replace(p.resources[0], title="x" * 10_001),)),
        "resources[0].title",
    ),
]


@pytest.mark.parametrize(("text", "change", "key"), [c[1:] for c in SAME_ANSWER], ids=[c[0] for c in SAME_ANSWER])
def test_the_file_and_the_model_get_the_same_answer(text: str, change: Callable[[Plan], Plan], key: str) -> None:
    from_file = first_error(lambda: parse.from_document(tomllib.loads(text)))
    from_model = first_error(lambda: rules.check_plan(change(PLAN)))
    assert format_key(from_file.key) == key
    assert (from_model.key, from_model.message) == (from_file.key, from_file.message)
    assert "\n" not in from_file.message


# --- names of keys -------------------------------------------------------------------------------

UNKNOWN_KEYS = [
    ("top-level", "\nplanner = 1\n", "planner", None),
    ("exam", BASE.replace("passing_score", "pasing_score"), "exam.pasing_score", "passing_score"),
    ("log", BASE.replace('domain = "ingest"\n', 'domian = "ingest"\n'), "log[0].domian", "domain"),
    ("resource", BASE.replace("title = ", "tilte = "), "resources[0].tilte", "title"),
    ("weekday", BASE.replace("saturday = 3", "saturdy = 3"), "study.availability.saturdy", "saturday"),
]


@pytest.mark.parametrize(("text", "key", "hint"), [c[1:] for c in UNKNOWN_KEYS], ids=[c[0] for c in UNKNOWN_KEYS])
def test_an_unknown_key_is_refused_by_name(text: str, key: str, hint: str | None) -> None:
    if text.startswith("\n"):
        text = text.strip() + "\n" + BASE
    error = first_error(lambda: loads(text))
    assert format_key(error.key) == key
    assert error.message.startswith("unknown key")
    if hint:
        assert f'did you mean "{hint}"?' in error.message


# --- any table: a plan or one clear error --------------------------------------------------------

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 30),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "x", "ingest", "store", "book", "course", "high", "done", "practice", "a" * 10_001]),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.lists(st.sampled_from(["ingest", "store", "nope", 3]), max_size=3),
    st.dictionaries(st.sampled_from(["ingest", "x"]), st.integers(0, 200), max_size=2),
)
_RESOURCE_KEYS = ["id", "title", "url", "kind", "domains", "hours", "priority", "status", "done_on", "notes", "order"]
_LOG_KEYS = ["date", "hours", "domain", "resource", "note", "kind"]


def _tables(keys: list[str], needed: dict[str, st.SearchStrategy[object]]) -> st.SearchStrategy[dict[str, object]]:
    return st.one_of(
        st.dictionaries(st.sampled_from([*keys, "typo"]), _VALUES, max_size=len(keys)),
        st.fixed_dictionaries(needed, optional={k: _VALUES for k in keys if k not in needed}),
    )


RESOURCE_TABLES = _tables(
    _RESOURCE_KEYS,
    {
        "id": st.sampled_from(["r1", "bad id"]),
        "title": st.just("T"),
        "hours": st.one_of(st.integers(0, 50), st.floats()),
    },
)
LOG_TABLES = _tables(
    _LOG_KEYS,
    {"date": st.dates(), "hours": st.one_of(st.integers(0, 25), st.floats(0, 25)), "domain": st.just("store")},
)


def _load_with(section: str, table: dict[str, object]) -> Plan | PlanError:
    doc = tomllib.loads(BASE)
    doc[section] = [*doc[section], {k: v for k, v in table.items() if v is not None}]
    try:
        return parse.from_document(doc)
    except PlanError as error:
        return error


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RESOURCE_TABLES)
def test_any_resource_table_gives_a_plan_that_round_trips_or_one_error_at_it(table: dict[str, object]) -> None:
    result = _load_with("resources", table)
    if isinstance(result, PlanError):
        assert result.key[:2] == ("resources", 1) and "\n" not in result.message
    else:
        assert parse.from_document(parse.to_document(result)) == result
        assert rules.check_plan(result) is result


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LOG_TABLES)
def test_any_log_table_gives_a_plan_that_round_trips_or_one_error_at_it(table: dict[str, object]) -> None:
    result = _load_with("log", table)
    if isinstance(result, PlanError):
        assert result.key[:2] == ("log", 1) and "\n" not in result.message
    else:
        assert parse.from_document(parse.to_document(result)) == result
        (entry,) = result.log[1:]
        assert 0 < entry.hours <= 24 and rules.YEARS[0] <= entry.date.year <= rules.YEARS[1]


def test_a_valid_resource_and_log_entry_are_read_as_written() -> None:
    resource = Resource("r1", "T", 2.0, "video", "https://x", ("store",), "high", "done", dt.date(2027, 1, 9), "n", 3)
    entry = LogEntry(dt.date(2027, 1, 9), 0.5, "store", "r1", "chapter 2", "study")
    plan = replace(PLAN, resources=(*PLAN.resources, resource), log=(*PLAN.log, entry))
    assert loads(dumps(plan)) == plan
