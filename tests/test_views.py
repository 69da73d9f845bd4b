"""The view models every front end shows: grouped warnings, this week and its days, the reschedule preview."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import pytest
from hypothesis import given
from hypothesis import strategies as st
from planfactory import make_plan

from planner.core import moments
from planner.core.alerts import AlertCode, OptionKind
from planner.core.model import DayRange, LogEntry, Plan, Practice, PracticeResult, Resource
from planner.core.situation import Situation, situate
from planner.core.views.reschedule import GONE, NEW, STILL, preview, preview_lines
from planner.core.views.status import status_text
from planner.core.views.warnings import warning_lines
from planner.core.views.week import day_lines, day_text, this_week

D, T = dt.date, dt.datetime
ZONE = "Europe/London"


def at(plan: Plan, when: str) -> Situation:
    return situate(plan, moments.parse_moment(when, ZONE), ZONE)


def fourteen_weeks(**kw: object) -> Plan:
    return make_plan(start=D(2027, 1, 4), exam=T(2027, 4, 12, 9), availability=(2, 2, 2, 2, 2, 0, 0), **kw)


# --- warnings that fit a screen ------------------------------------------------------


def test_six_late_resources_are_one_line_naming_the_oldest() -> None:
    resources = tuple(Resource(id=f"r{k}", title=f"Chapter {k}", hours=2, domains=("d0",)) for k in range(6))
    s = at(fourteen_weeks(target=100.0, resources=resources), "2027-03-29")
    late = [a for a in s.alerts if a.code == AlertCode.RESOURCE_LATE]
    assert len(late) == 6, "the JSON keeps one alert per resource"
    lines = [line for line in warning_lines(s) if line.code == AlertCode.RESOURCE_LATE]
    assert len(lines) == 1 and len(lines[0].alerts) == 6
    text = lines[0].text
    assert text.startswith("6 resources are late; the oldest, “Chapter 0”, was due by Sun ")
    assert "and 2 more" in text, "three named, the rest counted"
    # Where it is due now, in the same words as its own alert (and the week it is listed under).
    (oldest,) = [a for a in late if a.subject == "r0"]
    now = re.search(r"it is now due by (\w{3} \d+ \w{3} \d{4})\.", oldest.message)
    assert now is not None, oldest.message
    assert f", was due by {oldest.message.split('was due by ')[1].split(' and')[0]} and is now due by {now[1]}." in text
    out = status_text(s)
    assert out.count("resource-late") == 1


def test_weak_domains_are_one_line_and_the_move_is_stated_once() -> None:
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 4, 12, 9),
        target=150.0,
        passing_score=75.0,
        practice=Practice(
            results=(PracticeResult(D(2027, 2, 1), 64.0, (("d1", 70.0), ("d3", 72.0), ("d2", 55.0), ("d0", 90.0))),)
        ),
    )
    s = at(plan, "2027-02-02")
    weak = [a for a in s.alerts if a.code == AlertCode.WEAK_DOMAIN]
    assert {a.subject for a in weak} == {"d1", "d2", "d3"}
    (line,) = [line for line in warning_lines(s) if line.code == AlertCode.WEAK_DOMAIN]
    assert line.text.count("The remaining hours move") == 1
    for name, score in (("Domain 1", 70), ("Domain 2", 55), ("Domain 3", 72)):
        assert line.text.count(f"{name} {score}%") == 1
    moves = re.findall(r"(Domain \d) ([+−])(\d+(?:\.\d+)?) h", line.text.split("move:")[1])
    shifts = {d.name: d.shift_hours for d in s.schedule.domains if d.shift_hours}
    assert {name: float(h) * (1 if sign == "+" else -1) for name, sign, h in moves} == pytest.approx(shifts)
    assert sum(shifts.values()) == pytest.approx(0.0), "hours move between domains, none appear or vanish"
    assert " ".join(status_text(s).split()).count("The remaining hours move") == 1


WEAK_D1: Final = {  # a practice score under the pass mark in d1 moves hours to it from the others
    "passing_score": 75.0,
    "practice": Practice(results=(PracticeResult(D(2027, 1, 10), 70.0, (("d1", 50.0), ("d0", 90.0))),)),
}
OVERRUNS = [  # (case, weights, hours of resources per domain, more of the plan, today)
    ("two domains over", (25, 25, 25, 25), (90, 0, 70, 0), {}, "2027-01-04"),
    ("three over, all named", (10, 20, 30, 40), (60, 70, 80, 0), {}, "2027-01-04"),
    ("six over, three named", (10, 10, 20, 20, 20, 20), (50, 90, 70, 100, 60, 80), {}, "2027-01-04"),
    ("equal overruns keep the file's order", (25, 25, 25, 25), (90, 90, 90, 90), {}, "2027-01-04"),
    ("over what the weak domain's move left", (25, 25, 25, 25), (70, 40, 75, 80), WEAK_D1, "2027-01-11"),
]


@pytest.mark.parametrize(("weights", "hours", "more", "today"), [c[1:] for c in OVERRUNS], ids=[c[0] for c in OVERRUNS])
def test_domains_over_their_estimates_are_one_line_naming_the_furthest_over(
    weights: tuple[int, ...], hours: tuple[int, ...], more: dict[str, object], today: str
) -> None:
    resources = tuple(
        Resource(id=f"r{i}", title=f"Course {i}", hours=h, domains=(f"d{i}",)) for i, h in enumerate(hours) if h
    )
    plan = make_plan(start=D(2027, 1, 4), exam=T(2027, 3, 1, 10), weights=weights, resources=resources, **more)
    s = at(plan, today)
    if more:
        assert any(d.shift_hours for d in s.schedule.domains), "the case needs hours moved to a weak domain"
    alerts = [a for a in s.alerts if a.code == AlertCode.RESOURCE_OVERRUN]
    assert len(alerts) >= 2, "the case needs several domains over"
    (line,) = [line for line in warning_lines(s) if line.code == AlertCode.RESOURCE_OVERRUN]
    assert line.alerts == tuple(alerts), "the JSON keeps one alert per domain"
    assert line.text.startswith(f"Resource estimates exceed the planned hours of {len(alerts)} domains: ")
    # What each alert says alone, and how far over: the line names the furthest over with the same figures.
    said = {}
    for a in alerts:
        name, total, given, over = re.fullmatch(
            r"(.+): resource estimates add up to ([\d.]+) h but the plan gives it ([\d.]+) h \(([\d.]+) h over\)\.",
            a.message,
        ).groups()
        said[name] = (float(over), f"{name} by {over} h ({total} h for {given} h)")
    ranked = sorted(said, key=lambda n: -said[n][0])  # stable: alerts come in the file's order
    named = re.findall(r"(Domain \d+) by [\d.]+ h \([\d.]+ h for [\d.]+ h\)", line.text)
    assert named == ranked[:3], "the furthest over first, three at most"
    for name in named:
        assert said[name][1] in line.text
    rest = len(alerts) - 3
    assert line.text.endswith(f" and {rest} more." if rest > 0 else ")."), line.text


def test_domains_over_by_the_same_hours_are_named_in_the_files_order() -> None:
    """Each domain 0.2 h over what it is given: the figures are equal as shown, so the file's order decides."""
    weights = (10, 20, 30, 40)
    bare = make_plan(start=D(2027, 1, 4), exam=T(2027, 3, 1, 10), weights=weights)
    given = {d.id: d.planned_hours for d in at(bare, "2027-01-04").schedule.domains}
    resources = tuple(
        Resource(id=f"r{i}", title=f"Course {i}", hours=round(given[f"d{i}"] + 0.2, 2), domains=(f"d{i}",))
        for i in range(len(weights))
    )
    plan = make_plan(start=D(2027, 1, 4), exam=T(2027, 3, 1, 10), weights=weights, resources=resources)
    (line,) = [x for x in warning_lines(at(plan, "2027-01-04")) if x.code == AlertCode.RESOURCE_OVERRUN]
    assert re.findall(r"(Domain \d) by 0\.2 h", line.text) == ["Domain 0", "Domain 1", "Domain 2"]
    assert line.text.endswith(" and 1 more.")


@pytest.mark.parametrize("domains", [4, 5, 12, 50], ids=lambda n: f"{n} domains")
def test_the_weak_domain_line_names_who_gains_and_who_gives_most(domains: int) -> None:
    """Every domain that gains is named; of those that give, the three that give most, then how many more."""
    plan = make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 4, 12, 9),
        weights=(10,) * domains,
        target=float(20 * domains),
        passing_score=75.0,
        practice=Practice(results=(PracticeResult(D(2027, 2, 1), 64.0, (("d1", 55.0), ("d2", 70.0))),)),
    )
    s = at(plan, "2027-02-02")
    (line,) = [x for x in warning_lines(s) if x.code == AlertCode.WEAK_DOMAIN]
    moved = {d.name: d.shift_hours for d in s.schedule.domains if d.shift_hours}
    shown = dict(re.findall(r"(Domain \d+) ([+−]\d+(?:\.\d+)?) h", line.text.split("move:")[1]))
    gain = {n for n, h in moved.items() if h > 0}
    give = sorted((n for n, h in moved.items() if h < 0), key=lambda n: moved[n])  # stable: the file's order
    assert gain == {"Domain 1", "Domain 2"} and gain <= shown.keys()
    assert [n for n in shown if n not in gain] == give[:3]
    for name, signed in shown.items():
        assert float(signed.replace("−", "-")) == pytest.approx(moved[name])
    rest = len(give) - 3
    assert line.text.endswith(f" and {rest} more." if rest > 0 else " h.")


def test_a_single_warning_keeps_its_own_words() -> None:
    plan = fourteen_weeks(resources=(Resource(id="a", title="Intro", hours=4, domains=("d0",)),))
    s = at(plan, "2027-02-01")
    (line,) = [line for line in warning_lines(s) if line.code == AlertCode.RESOURCE_LATE]
    assert line.text == line.alerts[0].message


# --- this week and its days -------------------------------------------------------------


def logged_week() -> Situation:
    plan = fourteen_weeks(
        target=100.0,
        practice=Practice(count=2, minutes=120, weeks_before_exam=2),
        log=(LogEntry(D(2027, 2, 1), 1.5, "d0"), LogEntry(D(2027, 2, 3), 0.5, "d2")),
    )
    return at(plan, "2027-02-03")


def test_day_lines_show_the_hours_of_what_they_list_and_add_up_to_the_week() -> None:
    s = logged_week()
    week = s.schedule.week_of(s.schedule.today)
    assert week is not None
    days = day_lines(s, week)
    exam_hours = s.schedule.practice_exam_hours
    for day in days:
        listed = sum(h for _, h in day.study) + day.practice_exams * exam_hours + sum(h for _, h in day.done)
        assert day.hours == pytest.approx(listed, abs=0.01), day  # shown in hundredths
        text = day_text(day)
        assert re.match(r"^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}: ", text), text
    assert sum(d.hours for d in days) == pytest.approx(week.study_hours + week.practice_hours)
    monday = days[0]
    assert monday.state == "past" and monday.hours == 1.5 and day_text(monday) == "Mon 1 Feb: done: Domain 0 1.5 h"
    today = days[2]
    assert today.state == "today" and ("Domain 2", 0.5) in today.done and today.hours == 2.0


def test_a_day_with_several_entries_of_a_domain_shows_one_figure_for_it() -> None:
    """Two sessions of one domain on a day read as their sum, beside the other domain's, in the order logged."""
    log = (
        LogEntry(D(2027, 2, 1), 1.5, "d0"),
        LogEntry(D(2027, 2, 1), 0.25, "d1"),
        LogEntry(D(2027, 2, 1), 0.75, "d0"),
    )
    s = at(fourteen_weeks(target=100.0, log=log), "2027-02-03")
    week = s.schedule.week_of(s.schedule.today)
    assert week is not None
    monday = day_lines(s, week)[0]
    assert monday.done == (("Domain 0", 2.25), ("Domain 1", 0.25))
    assert day_text(monday) == "Mon 1 Feb: done: Domain 0 2.25 h, Domain 1 0.25 h"


def test_this_week_rows_are_the_weeks_cells_and_what_is_due_is_due_by_its_last_day() -> None:
    plan = fourteen_weeks(target=100.0, resources=(Resource(id="r", title="Short read", hours=1, domains=("d1",)),))
    s = at(plan, "2027-01-05")
    week = this_week(s)
    assert week.week is not None
    assert sum(r.hours for r in week.rows) == pytest.approx(week.week.study_hours)
    assert week.heading == "This week · Mon 4 Jan – Sun 10 Jan"
    assert [r.id for r in week.due] == ["r"] and week.due_by == D(2027, 1, 10)
    assert "Due by Sun 10 Jan:" in status_text(s)
    before = this_week(at(plan, "2027-01-01"))
    assert before.heading.startswith("Study starts: the first week")


# --- the reschedule preview --------------------------------------------------------------


def leave_before_the_exam(target: float = 120.0, **kw: object) -> Plan:
    """Evenings of 1.5 h, and a week of 6 h days before the exam: the only days a 3-hour sitting fits."""
    return make_plan(
        start=D(2027, 1, 4),
        exam=T(2027, 4, 5, 10),
        availability=(1.5, 1.5, 1.5, 1.5, 0, 1.5, 1.5),
        target=target,
        practice=Practice(count=4, minutes=180, weeks_before_exam=1),
        overrides=(DayRange(D(2027, 3, 29), D(2027, 4, 2), "leave", 6.0),),
        postponements_allowed=2,
        **kw,
    )


def test_a_move_that_leaves_the_dated_leave_behind_shows_the_practice_overflow_it_causes() -> None:
    s = at(leave_before_the_exam(), "2027-01-10")
    assert not s.risk
    p = preview(s, T(2027, 4, 12, 10), reason="more time")
    assert p.after is not None and p.plan is not None and p.refused is None
    new = {c.line.code for c in p.changes if c.kind == NEW}
    assert AlertCode.PRACTICE_OVERFLOW in new, "the leave stays on its dates: no 6 h day in the new final week"
    assert AlertCode.POSTPONEMENT_LAST in new
    assert not p.fits
    assert any("1 postponement left" in n for n in p.notes)
    text = "\n".join(preview_lines(p))
    assert "Mon 5 Apr 2027 10:00 → Mon 12 Apr 2027 10:00 Europe/London" in text
    assert re.search(r"new +RISK practice-overflow", text)
    assert all(len(line) <= 80 for line in preview_lines(p))


def test_the_preview_lists_every_warning_after_the_move_and_those_that_go() -> None:
    plan = fourteen_weeks(target=160.0, resources=(Resource(id="a", title="Intro", hours=4, domains=("d0",)),))
    s = at(plan, "2027-02-01")
    assert {AlertCode.INFEASIBLE, AlertCode.RESOURCE_LATE} <= {a.code for a in s.alerts}
    p = preview(s, T(2027, 6, 7, 9))
    assert p.after is not None
    after = {(a.code, a.subject) for a in p.after.alerts}
    shown = {(a.code, a.subject) for c in p.changes if c.kind in (NEW, STILL) for a in c.line.alerts}
    assert shown == after, "every warning of the moved plan is in the preview"
    gone = {c.line.code for c in p.changes if c.kind == GONE}
    assert AlertCode.INFEASIBLE in gone
    assert {c.line.code for c in p.changes if c.kind == STILL} >= {AlertCode.RESOURCE_LATE}


def test_a_refused_move_says_why_and_has_no_after() -> None:
    s = at(leave_before_the_exam(), "2027-04-04T12:00")
    p = preview(s, T(2027, 4, 19, 10))
    assert p.after is None and p.plan is None and not p.fits
    assert p.refused is not None and "inside the 24 h reschedule cutoff" in p.refused
    assert "22 h away" in p.refused, "a time left is rounded down, never up to the cutoff"
    assert preview_lines(p)[0].startswith("Not possible: ")


@pytest.mark.parametrize(
    ("plan", "today", "move_dated"),
    [
        pytest.param(fourteen_weeks(target=200.0), "2027-01-04", False, id="hours-only"),
        pytest.param(
            fourteen_weeks(target=190.0, practice=Practice(count=3, minutes=90, weeks_before_exam=2)),
            "2027-01-04",
            False,
            id="practice",
        ),
        pytest.param(
            leave_before_the_exam(target=150.0), "2027-01-25", True, id="practice-needs-the-dated-leave-moved"
        ),
    ],
)
def test_the_date_infeasible_advises_is_one_whose_preview_fits(plan: Plan, today: str, move_dated: bool) -> None:
    s = at(plan, today)
    (alert,) = [a for a in s.alerts if a.code == AlertCode.INFEASIBLE]
    (postpone,) = [o for o in alert.options if o.kind == OptionKind.POSTPONE]
    day = re.search(r"Postpone to ([A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4})", postpone.text)
    assert day is not None
    assert ("--move-dated" in postpone.text) == move_dated
    fit = dt.datetime.strptime(day[1], "%a %d %b %Y")
    p = preview(s, dt.datetime.combine(fit.date(), plan.exam.date.time()), move_dated=move_dated)
    assert p.after is not None
    codes = {a.code for a in p.after.alerts}
    assert AlertCode.INFEASIBLE not in codes and AlertCode.PRACTICE_OVERFLOW not in codes
    assert p.fits
    # and a day earlier does not: the advice is the earliest
    earlier = preview(
        s, dt.datetime.combine(fit.date() - dt.timedelta(days=1), plan.exam.date.time()), move_dated=move_dated
    )
    assert earlier.after is not None and not earlier.fits


@pytest.mark.parametrize("busy_per_day", [0.0, 0.5, 1.25], ids=["no-busy", "half-hour-busy", "quarter-hours-busy"])
def test_the_hours_line_is_wrapped_never_cut(busy_per_day: float) -> None:
    """Long enough with busy time and odd quarter hours logged, the summary goes on lines of 80, its numbers whole."""
    from planner.core.views.schedule_text import schedule_text

    log = tuple(LogEntry(dt.date(2027, 1, 4) + dt.timedelta(days=k), 0.27, "d0") for k in range(3))
    plan = fourteen_weeks(log=log, target=None)
    busy = {dt.date(2027, 1, 4) + dt.timedelta(days=k): busy_per_day for k in range(90) if busy_per_day}
    s = situate(plan, moments.parse_moment("2027-01-07", plan.exam.timezone), plan.exam.timezone, busy=busy)
    for text in (status_text(s), schedule_text(s)):
        lines = text.splitlines()
        assert all(len(line) <= 80 for line in lines)
        head = " ".join(line.strip() for line in lines[3:6])
        assert "…" not in head
        assert re.search(r"Planned [\d.]+ h \([\d.]+ study \+ [\d.]+ practice\) of [\d.]+ h available", head)
        if busy_per_day:
            assert re.search(r"\([\d.]+ h busy taken off\)", head)
        assert re.search(r"[\d.]+ h done", head)


@given(
    words=st.lists(
        st.sampled_from(
            [
                "24.5 h",
                "3 min",
                "Modelling",
                "é",
                "数据",
                "of",
                "the",
                "plan's",
                "",
                " ",
                "\t",
                "20-min",
                "Chapitre\u00a01",
            ]
        ),
        max_size=30,
    ),
    width=st.integers(min_value=20, max_value=100),  # room for the indent and the longest word
    first=st.sampled_from(["", "  ", "      - "]),
    rest=st.sampled_from(["", "  ", "        "]),
)
def test_wrapped_lines_fit_keep_every_word_and_never_split_a_unit(
    words: list[str], width: int, first: str, rest: str
) -> None:
    import textwrap

    from planner.core.views.header import wrap

    text = " ".join(words)
    lines = wrap(text, width, first=first, rest=rest)
    assert all(len(line) <= width for line in lines)
    bodies = [line.removeprefix(first if k == 0 else rest) for k, line in enumerate(lines)]
    assert " ".join(bodies).split() == text.split()
    units = re.findall(r"\d+(?:\.\d+)? (?:h|min)\b", text)
    assert re.findall(r"\d+(?:\.\d+)? (?:h|min)\b", "\n".join(bodies)) == units
    # Otherwise the lines are textwrap's, whether the text fit on one line or not.
    kept = re.sub(r"(\d) (h|min)\b", "\\1\ue000\\2", text)
    expected = textwrap.wrap(kept, width, initial_indent=first, subsequent_indent=rest)
    assert lines == [line.replace("\ue000", " ") for line in expected]


def test_a_no_break_space_in_the_text_stays_one_when_wrapped() -> None:
    from planner.core.views.header import wrap

    text = "Late: “Chapitre\u00a01”, “Chapitre\u00a02” and 24.5 h of “Chapitre\u00a03” " * 3
    lines = wrap(text.strip(), 40, rest="  ")
    assert "".join(lines).count("\u00a0") == text.count("\u00a0") == 9
