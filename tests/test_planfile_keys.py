"""The keys added to format v1: ranges anchored to the exam, calendars, publish, a running session, focus, origin.

Each is read, checked by the same rules as the rest, written back in the
form it was given, and refused with one clear line when wrong. A password
is never accepted anywhere in the file.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_planfile import BASE

from planner.core import rules
from planner.core.errors import PlanError, format_key
from planner.core.model import CalendarSource, DayRange, Focus, Plan, Publish, RunningSession, replace
from planner.planfile.text import dumps, loads

ANCHORED = BASE.replace(
    "[practice]",
    """[[study.overrides]]
days_before_exam = 7
days = 5
hours = 6
reason = "leave"

[[study.blackouts]]
days_before_exam = 10

[practice]""",
)

EXTRAS = """
[[calendars]]
id = "work"
source = "calendars/work.ics"
all_day = "free"

[[calendars]]
id = "team"
source = "https://dav.example.org/alice/team/"
kind = "caldav"
username = "alice"
password_command = "pass show dav"

[publish]
url = "https://dav.example.org/alice/study/"
username = "alice"
password_command = "pass show dav"
alarm_minutes = 10

[session]
started = 2027-01-06T19:30:00
domain = "store"
resource = "book"

[focus]
work_minutes = 50
break_minutes = 10
enabled = true
"""

FULL = ANCHORED.replace('domains = ["ingest"]', 'domains = ["ingest"]\norigin = "trello:5f1a"') + EXTRAS


def test_anchored_ranges_are_dated_from_the_exam_day() -> None:
    study = loads(ANCHORED).study
    (leave,) = study.overrides
    assert (leave.start, leave.end, leave.hours, leave.days_before_exam) == (
        dt.date(2027, 3, 29),
        dt.date(2027, 4, 2),
        6,
        7,
    )
    (blackout,) = study.blackouts
    assert (blackout.start, blackout.end) == (dt.date(2027, 3, 26), dt.date(2027, 3, 26)), "days defaults to 1"


def test_the_new_keys_are_read() -> None:
    plan = loads(FULL)
    assert plan.calendars == (
        CalendarSource("work", "calendars/work.ics", all_day="free"),
        CalendarSource("team", "https://dav.example.org/alice/team/", "caldav", "alice", "pass show dav"),
    )
    assert plan.publish == Publish("https://dav.example.org/alice/study/", "alice", "pass show dav", 10)
    assert plan.session == RunningSession(dt.datetime(2027, 1, 6, 19, 30), "store", "book")
    assert plan.focus == Focus(50, 10, True)
    assert plan.resources[0].origin == "trello:5f1a"


def test_the_new_keys_are_written_back_in_the_form_they_were_given() -> None:
    plan = loads(FULL)
    text = dumps(plan)
    assert loads(text) == plan
    overrides = text.split("[[study.overrides]]")[1].split("\n\n")[0]
    assert "days_before_exam = 7" in overrides and "days = 5" in overrides and "start" not in overrides
    blackout = text.split("[[study.blackouts]]")[1].split("\n\n")[0]
    assert "days_before_exam = 10" in blackout and "days =" not in blackout
    assert "[publish]" in text and "[session]" in text and "[focus]" in text and text.count("[[calendars]]") == 2
    assert "started = 2027-01-06T19:30:00" in text
    assert "password =" not in text


def test_an_anchored_range_moves_with_the_exam_and_a_dated_one_stays() -> None:
    plan = loads(ANCHORED.replace("[practice]", "[[study.overrides]]\nstart = 2027-02-01\nhours = 2\n\n[practice]"))
    later = replace(plan.exam, date=plan.exam.date + dt.timedelta(days=14))
    # the file stores the anchor, so the file with the new exam date reads the range two weeks later
    moved = loads(dumps(replace(plan, exam=later)))
    anchored, dated = moved.study.overrides
    assert anchored.start == dt.date(2027, 4, 12) and anchored.end == dt.date(2027, 4, 16)
    assert dated.start == dt.date(2027, 2, 1)


def _with(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


TEAM_URL = 'source = "https://dav.example.org/alice/team/"'
STUDY_URL = 'url = "https://dav.example.org/alice/study/"'
BAD_URLS = [
    ("space-in-host", "https://exa mple.org/x.ics", "its host has a space in it"),
    ("space-in-path", "https://example.org/a b.ics", "it has a space in it (write a space as %20)"),
    ("port-too-high", "https://example.org:99999/x.ics", "its port must be a whole number from 1 to 65535"),
    ("port-not-a-number", "https://example.org:abc/x.ics", "its port must be a whole number from 1 to 65535"),
    ("unclosed-bracket", "https://[::1/x.ics", "the [ ] around its host do not hold an IPv6 address"),
    ("line-break", "https://exa\\nmple.org/x.ics", "its host has a line break in it"),  # a TOML \n escape
    (
        "long-host-part",
        "https://" + "a" * 70 + ".example.org/x.ics",
        "a part of its host (between dots) is longer than 63",
    ),
    ("two-dots", "https://example..org/x.ics", "its host has an empty part"),
    ("no-host", "https:///x.ics", "it has no host"),
]
"""URLs the HTTP libraries refuse on first use (each was an internal error at the first command that read the
calendar): the plan check refuses them, naming the key and why, and never quoting the URL (a secret may be in it)."""

REFUSED = [
    (
        "both-forms-in-one-range",
        _with(ANCHORED, "days = 5", "days = 5\nstart = 2027-03-29"),
        "study.overrides[0].start",
        "not both",
    ),
    (
        "days-without-an-anchor",
        _with(BASE, "[practice]", "[[study.blackouts]]\nstart = 2027-02-01\ndays = 3\n\n[practice]"),
        "study.blackouts[0].days",
        "needs days_before_exam",
    ),
    (
        "range-reaching-the-exam-day",
        _with(ANCHORED, "days = 5", "days = 8"),
        "study.overrides[0].days",
        "would reach the exam day",
    ),
    (
        "anchor-zero",
        _with(ANCHORED, "days_before_exam = 7", "days_before_exam = 0"),
        "study.overrides[0].days_before_exam",
        "whole number from 1 to 3660",
    ),
    (
        "anchor-not-a-number",
        _with(ANCHORED, "days_before_exam = 7", 'days_before_exam = "7"'),
        "study.overrides[0].days_before_exam",
        "whole number",
    ),
    (
        "anchor-with-a-huge-number",
        _with(ANCHORED, "days_before_exam = 7", "days_before_exam = 9999999999"),
        "study.overrides[0].days_before_exam",
        "whole number from 1 to 3660",
    ),
    (
        "calendar-password",
        _with(FULL, 'username = "alice"', 'username = "alice"\npassword = "hunter2"'),
        "calendars[1].password",
        "use password_command",
    ),
    (
        "publish-password",
        _with(FULL, "alarm_minutes = 10", 'alarm_minutes = 10\npassword = "hunter2"'),
        "publish.password",
        "use password_command",
    ),
    ("top-level-secret", 'token = "abc"\n' + BASE, "token", "use password_command"),
    (
        "exam-password",
        _with(BASE, "passing_score = 70", 'passing_score = 70\npassword = "x"'),
        "exam.password",
        "use password_command",
    ),
    (
        "password-in-a-url",
        _with(FULL, 'url = "https://dav.example.org', 'url = "https://alice:hunter2@dav.example.org'),
        "publish.url",
        "password_command",
    ),
    ("calendar-kind", _with(FULL, 'kind = "caldav"', 'kind = "google"'), "calendars[1].kind", "one of ics, caldav"),
    *[
        (f"calendar-url-{name}", _with(FULL, TEAM_URL, f'source = "{url}"'), "calendars[1].source", f"URL: {why}")
        for name, url, why in BAD_URLS
    ],
    ("publish-url-space-in-host", _with(FULL, STUDY_URL, 'url = "https://dav.exa mple.org/"'), "publish.url", "space"),
    ("calendar-all-day", _with(FULL, 'all_day = "free"', 'all_day = "maybe"'), "calendars[0].all_day", "busy, free"),
    ("calendar-same-id", _with(FULL, 'id = "team"', 'id = "work"'), "calendars[1].id", "ids must be unique"),
    ("calendar-bad-id", _with(FULL, 'id = "team"', 'id = "my team"'), "calendars[1].id", "not a valid id"),
    ("calendar-no-source", _with(FULL, 'source = "calendars/work.ics"\n', ""), "calendars[0].source", "missing"),
    ("calendar-typo", _with(FULL, "all_day =", "allday ="), "calendars[0].allday", 'did you mean "all_day"?'),
    ("alarm-negative", _with(FULL, "alarm_minutes = 10", "alarm_minutes = -1"), "publish.alarm_minutes", "0 to"),
    (
        "session-domain",
        _with(FULL, 'domain = "store"\nresource', 'domain = "stor"\nresource'),
        "session.domain",
        "stor",
    ),
    ("session-resource", _with(FULL, 'resource = "book"', 'resource = "bok"'), "session.resource", "no resource"),
    (
        "session-with-offset",
        _with(FULL, "started = 2027-01-06T19:30:00", "started = 2027-01-06T19:30:00Z"),
        "session.started",
        "without an offset",
    ),
    (
        "session-date-only",
        _with(FULL, "started = 2027-01-06T19:30:00", "started = 2027-01-06"),
        "session.started",
        "time",
    ),
    ("focus-zero-work", _with(FULL, "work_minutes = 50", "work_minutes = 0"), "focus.work_minutes", "1 to 600"),
    ("focus-enabled-text", _with(FULL, "enabled = true", 'enabled = "yes"'), "focus.enabled", "true or false"),
    ("origin-empty", _with(FULL, 'origin = "trello:5f1a"', 'origin = ""'), "resources[0].origin", "must not be empty"),
]


@pytest.mark.parametrize(("text", "key", "needle"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_wrong_new_key_gets_one_clear_line(text: str, key: str, needle: str) -> None:
    with pytest.raises(PlanError) as info:
        loads(text, "p.toml")
    error = info.value
    assert format_key(error.key) == key
    assert needle in error.message
    assert "\n" not in str(error) and str(error).startswith("p.toml:")
    assert "hunter2" not in str(error)


@st.composite
def plans_with_new_keys(draw: st.DrawFn) -> Plan:
    plan = loads(BASE)
    anchors = []
    for _ in range(draw(st.integers(0, 3))):
        before = draw(st.integers(1, 60))
        days = draw(st.integers(1, before))
        anchors.append(DayRange(dt.date(2000, 1, 1), dt.date(2000, 1, 1), "leave", None, before))
        anchors[-1] = replace(anchors[-1], end=anchors[-1].start + dt.timedelta(days=days - 1))
    exam_day = plan.exam.date.date()
    blackouts = tuple(r.anchored_to(exam_day) for r in anchors)
    calendars = tuple(
        CalendarSource(
            f"c{i}", draw(st.sampled_from(["a.ics", "https://x/y"])), draw(st.sampled_from(["ics", "caldav"]))
        )
        for i in range(draw(st.integers(0, 2)))
    )
    focus = draw(st.one_of(st.none(), st.builds(Focus, st.integers(1, 600), st.integers(0, 600), st.booleans())))
    session = draw(
        st.one_of(
            st.none(),
            st.builds(
                RunningSession,
                st.datetimes(dt.datetime(2027, 1, 1), dt.datetime(2027, 4, 1)).map(lambda d: d.replace(microsecond=0)),
                st.sampled_from(["ingest", "store"]),
                st.sampled_from([None, "book"]),
            ),
        )
    )
    return replace(
        plan,
        study=replace(plan.study, blackouts=blackouts),
        calendars=calendars,
        focus=focus,
        session=session,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_new_keys())
def test_plans_with_the_new_keys_pass_the_rules_and_round_trip(plan: Plan) -> None:
    assert rules.check_plan(plan) is plan
    assert loads(dumps(plan)) == plan


@pytest.mark.parametrize(
    "url",
    [
        "https://calendar.example.org/ical/a%40b/private-0123/basic.ics",
        "webcal://p01-caldav.icloud.com/published/2/abc",
        "https://example.org./x.ics",
        "https://[::1]:8443/dav/",
        "http://localhost:5232/alice/work/",
        "https://bücher.example/kalender.ics",
        "https://example.org/kalender/müller.ics",
        " https://example.org/x.ics ",
        "calendars/my work.ics",
        "~/Calendars/work.ics",
        "file:///tmp/x.ics",
        "ftp://calendar.example.org/f.ics",
    ],
    ids=[
        "percent-escape",
        "webcal",
        "trailing-dot",
        "ipv6-with-port",
        "localhost",
        "non-ascii-host",
        "non-ascii-path",
        "blanks-around",
        "a-path-with-a-space-is-no-url",
        "a-home-path",
        "a-file-url-is-left-to-its-calendar",  # unreadable on its own there, the plan still loads
        "an-ftp-url-is-left-to-its-calendar",
    ],
)
def test_a_url_a_request_can_be_made_to_is_kept(url: str) -> None:
    assert rules.url_problem(url) is None
    plan = loads(FULL)
    assert plan.publish is not None
    changed = replace(plan, calendars=(replace(plan.calendars[0], source=url),), publish=replace(plan.publish, url=url))
    assert rules.check_plan(changed) is changed
