"""Plans for tests: a small builder and a Hypothesis strategy for valid plans."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from planner.core.model import (
    DayRange,
    Domain,
    Exam,
    LogEntry,
    Plan,
    Practice,
    PracticeResult,
    Resource,
    Study,
    replace,
)
from planner.planfile import parse


def make_plan(
    *,
    start: dt.date = dt.date(2027, 1, 4),
    exam: dt.datetime = dt.datetime(2027, 3, 1, 10, 0),
    zone: str | None = "Europe/London",
    availability: tuple[float, ...] = (1.5, 1.5, 1.5, 1.5, 0, 3, 2),
    weights: tuple[float, ...] = (20, 24, 36, 20),
    target: float | None = None,
    granularity: float = 0.5,
    strategy: str = "interleaved",
    week_starts: str = "monday",
    practice: Practice | None = None,
    blackouts: tuple[DayRange, ...] = (),
    overrides: tuple[DayRange, ...] = (),
    resources: tuple[Resource, ...] = (),
    log: tuple[LogEntry, ...] = (),
    start_times: tuple[tuple[str, dt.time], ...] = (),
    **exam_fields: object,
) -> Plan:
    plan = Plan(
        exam=Exam(name="Test exam", date=exam, timezone=zone, **exam_fields),  # type: ignore[arg-type]
        study=Study(
            start=start,
            availability=availability,
            target_hours=target,
            granularity_hours=granularity,
            strategy=strategy,
            week_starts=week_starts,
            blackouts=blackouts,
            overrides=overrides,
            start_times=start_times,
        ),
        domains=tuple(Domain(id=f"d{i}", name=f"Domain {i}", weight=w) for i, w in enumerate(weights)),
        practice=practice or Practice(),
        resources=resources,
        log=log,
    )
    return validated(plan)


def validated(plan: Plan) -> Plan:
    """The plan as the loader would give it (raises PlanError when invalid)."""
    return parse.validated(plan)


@st.composite
def plans(draw: st.DrawFn, *, with_log: bool = False) -> Plan:
    g = draw(st.sampled_from([0.1, 0.25, 0.5, 1.0]))
    step = st.integers(0, int(4 / g)).map(lambda k: k * g)
    availability = tuple(draw(step) for _ in range(7))
    if not any(availability):
        availability = (g, *availability[1:])
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 700)))
    days = draw(st.integers(1, 240))
    exam = dt.datetime.combine(start + dt.timedelta(days=days), dt.time(draw(st.integers(0, 23)), 0))
    n = draw(st.integers(1, 8))
    weights = [draw(st.sampled_from([0, 1, 5, 10, 20, 24, 36, 100, 7.5])) for _ in range(n)]
    if sum(weights) == 0:
        weights[0] = 10
    blackouts = []
    for _ in range(draw(st.integers(0, 2))):
        b = start + dt.timedelta(days=draw(st.integers(0, days)))
        blackouts.append(DayRange(b, b + dt.timedelta(days=draw(st.integers(0, 10))), "off"))
    overrides = []
    for _ in range(draw(st.integers(0, 2))):
        b = start + dt.timedelta(days=draw(st.integers(0, days)))
        overrides.append(DayRange(b, b + dt.timedelta(days=draw(st.integers(0, 6))), "leave", draw(step)))
    target = draw(st.one_of(st.none(), st.integers(1, 400).map(float)))
    practice = Practice(
        count=draw(st.integers(0, 10)),
        # minutes that are not whole blocks too: a sitting counts its real minutes
        minutes=draw(st.sampled_from([25, 30, 45, 60, 90, 100, 130, 180])),
        weeks_before_exam=draw(st.integers(1, 3)),
    )
    domain_ids = [f"d{i}" for i in range(n)]
    resources = []
    for k in range(draw(st.integers(0, 6))):
        status = draw(st.sampled_from(["todo", "todo", "doing", "done"]))
        resources.append(
            Resource(
                id=f"r{k}",
                title=draw(st.sampled_from([f"Resource {k}", "[bold]x[/] \u202etitle", "日本語 course"])),
                hours=float(draw(st.integers(0, 40))),
                kind=draw(st.sampled_from(["course", "docs", "practice"])),
                domains=tuple(draw(st.lists(st.sampled_from(domain_ids), unique=True, max_size=3))),
                priority=draw(st.sampled_from(["high", "medium", "low"])),
                status=status,
                done_on=start + dt.timedelta(days=draw(st.integers(0, days))) if status == "done" else None,
                notes=draw(st.sampled_from(["", "line one\n  line two\twith a tab"])),
                order=draw(st.one_of(st.none(), st.integers(0, 5))),
            )
        )
    log = []
    if with_log:
        for _ in range(draw(st.integers(0, 8))):
            practice_entry = draw(st.booleans()) and draw(st.booleans())
            log.append(
                LogEntry(
                    # before the start too: study done early still counts
                    date=start + dt.timedelta(days=draw(st.integers(-7, days))),
                    # 0.01 h: a sitting stopped after seconds, which is not an exam taken
                    hours=draw(st.sampled_from([0.01, 0.5, 1.0, 1.5, 3.0])),
                    domain=None if practice_entry else draw(st.sampled_from(domain_ids)),
                    kind="practice" if practice_entry else "study",
                    resource=draw(st.sampled_from([None, *[r.id for r in resources]])),
                )
            )
    results = []
    if with_log:
        for _ in range(draw(st.integers(0, 3))):
            scores = tuple((d, float(draw(st.integers(30, 100)))) for d in domain_ids if draw(st.booleans()))
            results.append(
                PracticeResult(
                    start + dt.timedelta(days=draw(st.integers(0, days))), float(draw(st.integers(30, 100))), scores
                )
            )
    practice = Practice(practice.count, practice.minutes, practice.weeks_before_exam, tuple(results))
    plan = make_plan(
        start=start,
        exam=exam,
        availability=availability,
        weights=tuple(weights),
        target=target,
        granularity=g,
        strategy=draw(st.sampled_from(["interleaved", "sequential"])),
        week_starts=draw(st.sampled_from(["monday", "sunday"])),
        practice=practice,
        blackouts=tuple(blackouts),
        overrides=tuple(overrides),
        resources=tuple(resources),
        log=tuple(log),
        zone=draw(st.sampled_from(["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"])),
        passing_score=draw(st.sampled_from([None, 70.0, 75.0])),
    )
    if draw(st.booleans()):
        domains = tuple(replace(d, confidence=draw(st.one_of(st.none(), st.integers(1, 5)))) for d in plan.domains)
        plan = validated(replace(plan, domains=domains))
    return plan


@st.composite
def busy_days(draw: st.DrawFn, plan: Plan) -> dict[dt.date, float]:
    """Hours of calendar events on some days of the plan (rule 8), blocks or not."""
    days = (plan.exam.date.date() - plan.study.start).days
    busy: dict[dt.date, float] = {}
    for _ in range(draw(st.integers(0, 12))):
        day = plan.study.start + dt.timedelta(days=draw(st.integers(-3, days + 3)))
        busy[day] = draw(st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.3, 2.0, 6.0, 24.0]))
    return busy


def replace_study(plan: Plan, **changes: object) -> Plan:
    return validated(replace(plan, study=replace(plan.study, **changes)))
