"""The warning codes are a contract: every one documented in docs/warnings.md, and the JSON prints only those."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import cast

import pendulum
from conftest import REFERENCE, ROOT, run_planner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planfactory import plans

from planner.core.alerts import Alert, AlertCode, OptionKind, Severity, calendar_stale, calendar_unreadable
from planner.core.model import Plan
from planner.core.situation import situate
from planner.core.views.schedule_json import schedule_json

DOC = (ROOT / "docs" / "warnings.md").read_text(encoding="utf-8")


def documented_codes() -> list[str]:
    return re.findall(r"^### `([a-z-]+)`$", DOC, flags=re.M)


def section(code: str) -> str:
    return DOC.split(f"### `{code}`\n", 1)[1].split("\n### ", 1)[0]


def test_every_code_is_documented_once_and_nothing_else_is() -> None:
    documented = documented_codes()
    assert sorted(documented) == sorted(c.value for c in AlertCode)
    assert len(documented) == len(set(documented))


def test_every_code_says_when_its_severity_and_its_numbers() -> None:
    for code in AlertCode:
        text = section(code.value)
        for part in ("**When**", "**Severity**", "**Numbers**"):
            assert part in text, f"{code.value}: no {part}"
        severities = set(re.findall(r"`(info|warn|risk)`", text.split("**Severity**", 1)[1].split("- **", 1)[0]))
        assert severities, f"{code.value}: its severity is not named"


def test_severities_and_option_kinds_are_documented() -> None:
    for severity in Severity:
        assert f"| `{severity.value}` |" in DOC
    for kind in OptionKind:
        assert f"| `{kind.value}` |" in DOC


def test_the_enums_compare_and_serialise_as_their_strings() -> None:
    assert AlertCode.INFEASIBLE == "infeasible" and Severity.RISK == "risk"
    assert json.dumps({"code": AlertCode.RESOURCE_LATE}) == '{"code": "resource-late"}'
    assert f"{Severity.WARN}" == "warn" and Severity.WARN.upper() == "WARN"
    assert [s.rank for s in (Severity.INFO, Severity.WARN, Severity.RISK)] == [0, 1, 2]


def seen(plan: Plan, offset: int):
    zone = plan.exam.timezone or "UTC"
    day = plan.study.start + dt.timedelta(days=offset)
    return situate(plan, pendulum.datetime(day.year, day.month, day.day, 20, tz=zone), zone)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_log=True), st.integers(-3, 260))
def test_the_json_prints_only_documented_codes_severities_and_kinds(plan: Plan, offset: int) -> None:
    data = json.loads(json.dumps(schedule_json(seen(plan, offset))))
    codes = {c.value for c in AlertCode}
    for w in data["warnings"]:
        assert w["code"] in codes
        assert w["severity"] in {s.value for s in Severity}
        assert {o["kind"] for o in w.get("options", [])} <= {k.value for k in OptionKind}
        assert set(w) <= {"code", "severity", "message", "options", "subject"}


def test_the_reference_plan_over_its_life_prints_only_documented_codes() -> None:
    seen_codes: set[str] = set()
    for today in ("2026-12-07", "2027-01-25", "2027-03-30", "2027-04-04T12:00", "2027-04-06"):
        r = run_planner("schedule", "--json", "--plan", str(REFERENCE), "--today", today)
        assert r.code == 0, r.err
        seen_codes |= {w["code"] for w in json.loads(r.out)["warnings"]}
    assert seen_codes <= {c.value for c in AlertCode}
    assert {"infeasible", "behind", "resource-late", "exam-soon", "reschedule-cutoff", "exam-passed"} <= seen_codes


def test_calendar_notices_from_the_edge_join_the_warnings_and_the_json() -> None:
    from planfactory import make_plan

    plan = make_plan(start=dt.date(2027, 1, 4), exam=dt.datetime(2027, 3, 1, 9), target=40.0)
    notices = (
        calendar_stale("work", 3 * 3600 + 59 * 60 + 59, "connection refused"),
        calendar_unreadable("family", "404 Not Found"),
    )
    s = situate(plan, pendulum.datetime(2027, 1, 4, tz="Europe/London"), "Europe/London", notices=notices)
    assert s.risk, "an unreadable calendar is a risk: status exits 1"
    assert s.alerts[0].code == AlertCode.CALENDAR_UNREADABLE, "most serious first"
    data = schedule_json(s)
    by_code = {w["code"]: w for w in data["warnings"]}
    assert by_code["calendar-stale"]["subject"] == "work" and by_code["calendar-stale"]["severity"] == "warn"
    assert "a copy 3 h 59 min old" in by_code["calendar-stale"]["message"]
    assert by_code["calendar-unreadable"]["severity"] == "risk"


def test_a_code_outside_the_enum_cannot_reach_the_json() -> None:
    from planfactory import make_plan

    plan = make_plan(start=dt.date(2027, 1, 4), exam=dt.datetime(2027, 3, 1, 9))
    bogus = Alert(cast(AlertCode, "made-up"), Severity.WARN, "?")  # what a caller without mypy could build
    s = situate(plan, pendulum.datetime(2027, 1, 4, tz="Europe/London"), "Europe/London", notices=(bogus,))
    try:
        schedule_json(s)
    except ValueError as exc:
        assert "made-up" in str(exc)
    else:
        raise AssertionError("an undocumented code was printed")
