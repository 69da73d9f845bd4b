"""Warnings from a plan and its schedule, with the numbers and the options.

Pure like the engine: the caller passes ``now`` and the exam as aware
date-times (see ``moments``). Every warning says how much, and for the two
that threaten the exam (``infeasible`` and ``behind``) the options are laid
side by side: more hours a week, dropping low-priority resources, or
postponing to the first date that fits.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

from planner.core import engine
from planner.core.engine import Schedule
from planner.core.engine.feasibility import earliest_fit
from planner.core.engine.feasibility import schedule_if as _moved
from planner.core.model import Plan

__all__ = ["Alert", "Option", "Readiness", "assess", "earliest_fit", "readiness"]

SEVERITIES: Final = ("info", "warn", "risk")
READY_MARGIN: Final = 5.0
"""Points above the pass mark the last practice results must reach to call a person ready."""
READY_RESULTS: Final = 3
"""How many of the latest practice results the verdict looks at."""
MAX_WEEK_HOURS: Final = 70.0
"""Ten hours a day, every day: beyond this, "study more" is not advice."""
READINESS_DAYS: Final = 7
"""The verdict starts this many days before the exam."""


class Option(NamedTuple):
    kind: str
    """``more-hours``, ``drop-low`` or ``postpone``."""
    text: str


class Alert(NamedTuple):
    code: str
    severity: str
    message: str
    options: tuple[Option, ...] = ()
    subject: str | None = None
    """The domain or resource id the alert is about, if any."""


class Readiness(NamedTuple):
    ready: bool
    reasons: tuple[str, ...]


def _h(hours: float) -> str:
    """Hours as people write them: ``12 h``, ``12.5 h`` (a tenth is precise enough to act on)."""
    return f"{hours:.1f}".rstrip("0").rstrip(".") + " h"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _weeks(n: int) -> str:
    return f"{n} week{'s' if n != 1 else ''}"


def _weeks_left(schedule: Schedule) -> int:
    return sum(1 for w in schedule.weeks if w.state != "past")


def assess(plan: Plan, schedule: Schedule, now: dt.datetime, exam_at: dt.datetime) -> tuple[Alert, ...]:
    """Every warning of the plan as it stands at ``now``, most serious first."""
    alerts: list[Alert] = []
    hours_to_exam = (exam_at - now).total_seconds() / 3600
    passed = hours_to_exam <= 0
    left = plan.postponements_left
    cutoff = plan.exam.reschedule_cutoff_hours
    inside_cutoff = 0 < hours_to_exam < cutoff

    if passed:
        alerts.append(
            Alert(
                "exam-passed",
                "warn",
                f"The exam date {exam_at:%Y-%m-%d %H:%M} has passed. If it moved, record the new date"
                " (planner reschedule DATE --force, or r on the Plan screen).",
            )
        )
    elif hours_to_exam < 7 * 24:
        days = int(hours_to_exam // 24)
        if days:
            when = f"{days} day{'s' if days != 1 else ''}"
        elif hours_to_exam >= 1:
            when = f"{int(hours_to_exam)} h"
        else:
            when = f"{max(1, round(hours_to_exam * 60))} min"
        alerts.append(Alert("exam-soon", "info", f"The exam is in {when}: {exam_at:%a %d %b %H:%M}."))
    if inside_cutoff:
        alerts.append(
            Alert(
                "reschedule-cutoff",
                "warn",
                f"The exam is {_h(hours_to_exam)} away, inside the {_h(cutoff)} cutoff: its date can no longer change.",
            )
        )

    if not passed:
        _feasibility(plan, schedule, now, exam_at, left, inside_cutoff, alerts)
        _practice(plan, schedule, alerts)

    if left is not None:
        if left == 1:
            alerts.append(
                Alert(
                    "postponement-last",
                    "warn",
                    f"One postponement of {plan.exam.postponements_allowed} left:"
                    " the next date change uses the last one.",
                )
            )
        elif left == 0 and plan.exam.postponements_allowed is not None:
            alerts.append(
                Alert(
                    "postponement-none",
                    "warn",
                    f"All {plan.exam.postponements_allowed} postponements are used:"
                    " the date can only move with a new booking.",
                )
            )
    _resources(plan, schedule, alerts)
    _weak(plan, schedule, alerts)
    if not passed:
        verdict = readiness(plan, schedule, exam_at, now)
        if verdict is not None and not verdict.ready:
            infeasible = any(a.code == "infeasible" for a in alerts)
            options = () if infeasible else _options(plan, schedule, 0.0, left, inside_cutoff, now, exam_at)
            alerts.append(Alert("not-ready", "warn", "Not ready yet: " + "; ".join(verdict.reasons) + ".", options))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(alerts, key=lambda a: -rank[a.severity]))


def _feasibility(
    plan: Plan,
    schedule: Schedule,
    now: dt.datetime,
    exam_at: dt.datetime,
    left: int | None,
    inside_cutoff: bool,
    alerts: list[Alert],
) -> None:
    short = schedule.shortfall_hours
    if short > 0:
        found = earliest_fit(plan, schedule.today)
        fit = found.day if found is not None else None
        where = f" At this availability it fits an exam on {_day(fit)} or later." if fit else ""
        alerts.append(
            Alert(
                "infeasible",
                "risk",
                f"The remaining work needs {_h(schedule.remaining_need_hours)} but only "
                f"{_h(schedule.remaining_capacity_hours)} remain before the exam: {_h(short)} short.{where}",
                _options(plan, schedule, short, left, inside_cutoff, now, exam_at, fit),
            )
        )
    total = schedule.study_hours + schedule.practice_hours
    weeks = len(schedule.weeks) or 1
    week_share = total / weeks
    behind = schedule.planned_to_date_hours - schedule.done_to_date_hours
    if behind > week_share and behind > 0:
        weeks_left = max(1, _weeks_left(schedule))
        catch_up = behind / weeks_left
        spare_week = max(0.0, schedule.remaining_capacity_hours - schedule.remaining_need_hours) / weeks_left
        no_target = plan.study.target_hours is None
        # The re-flowed plan already holds the missed hours: catching up fits exactly when the plan fits.
        fits = not no_target and short == 0
        if fits:
            room = f"that fits, with {_h(spare_week)} a week still free."
        elif no_target:
            room = "every available hour is already planned (there is no target), so they are lost unless you add time."
        else:
            room = f"that does not fit ({_h(short)} short; the options are under infeasible)."
        alerts.append(
            Alert(
                "behind",
                "warn" if fits or no_target else "risk",
                f"{_h(behind)} behind the plan to date (planned {_h(schedule.planned_to_date_hours)}, "
                f"done {_h(schedule.done_to_date_hours)}): catching up takes {_h(catch_up)} more a week "
                f"over the {_weeks(weeks_left)} left; {room}",
                _options(plan, schedule, behind, left, inside_cutoff, now, exam_at) if no_target else (),
            )
        )


def _options(
    plan: Plan,
    schedule: Schedule,
    short: float,
    left: int | None,
    inside_cutoff: bool,
    now: dt.datetime,
    exam_at: dt.datetime,
    fit: dt.date | None = None,
) -> tuple[Option, ...]:
    options = []
    weeks_left = max(1, _weeks_left(schedule))
    if short > 0:
        per_week = short / weeks_left
        now_week = schedule.remaining_capacity_hours / weeks_left
        if now_week + per_week > MAX_WEEK_HOURS:
            text = (
                f"More hours cannot close this: it would take {_h(now_week + per_week)} a week"
                f" for the {_weeks(weeks_left)} left."
            )
        else:
            text = (
                f"Make {_h(per_week)} more a week available ({_h(now_week)} → {_h(now_week + per_week)})"
                f" for the {_weeks(weeks_left)} left."
            )
        options.append(Option("more-hours", text))
    low = [
        (r.id, p.remaining_hours)
        for r, p in zip(plan.resources, schedule.resources, strict=True)
        if r.priority == "low" and r.status != "done" and p.remaining_hours > 0
    ]
    if low:
        saved = sum(h for _, h in low)
        names = ", ".join(i for i, _ in low[:5]) + (f" and {len(low) - 5} more" if len(low) > 5 else "")
        options.append(
            Option(
                "drop-low",
                f"Drop the {len(low)} low-priority resource{'s' if len(low) != 1 else ''} ({names}): "
                f"{_h(saved)} less to study (lower the target hours by as much).",
            )
        )
    if fit is not None:
        if inside_cutoff:
            text = f"Postponing to {_day(fit)} is no longer possible: the exam is inside its cutoff."
        elif left == 0:
            text = f"Move to {_day(fit)} with a new booking: no postponements are left."
        else:
            count = "unlimited" if left is None else f"{left} left"
            last = " — it would use the last one" if left == 1 else ""
            text = f"Postpone to {_day(fit)} or later (postponements: {count}{last}); still outside the cutoff."
        if _moved(plan, fit, schedule.today).practice_overflow_exams:
            text += " The practice exams would then need long enough days in the new final weeks."
        options.append(Option("postpone", text))
    return tuple(options)


def _practice(plan: Plan, schedule: Schedule, alerts: list[Alert]) -> None:
    over = schedule.practice_overflow_exams
    if over <= 0:
        return
    weeks = plan.practice.weeks_before_exam
    alerts.append(
        Alert(
            "practice-overflow",
            "risk",
            f"{over} of {schedule.practice_needed_exams} practice exams ({_h(over * schedule.practice_exam_hours)}) "
            f"do not fit in the final {_weeks(weeks)}: each needs a day with at least "
            f"{_h(schedule.practice_exam_hours)}. Raise practice.weeks_before_exam or add hours on days before "
            "the exam.",
        )
    )


def _resources(plan: Plan, schedule: Schedule, alerts: list[Alert]) -> None:
    for d in schedule.domains:
        over = d.resource_hours - d.planned_hours
        if over > 0.05:
            alerts.append(
                Alert(
                    "resource-overrun",
                    "warn",
                    f"{d.name}: resource estimates add up to {_h(d.resource_hours)} but the plan gives it "
                    f"{_h(d.planned_hours)} ({_h(over)} over).",
                    subject=d.id,
                )
            )
    by_start = {w.start: w for w in schedule.weeks}
    for r, p in zip(plan.resources, schedule.resources, strict=True):
        if r.status == "done" or p.planned_week is None:
            continue
        week = by_start.get(p.planned_week)
        if week is None or week.end >= schedule.today:
            continue
        moved = f"; it is now due in the week of {_day(p.due_week)}" if p.due_week else ""
        alerts.append(
            Alert(
                "resource-late",
                "warn",
                f"“{r.title}” was due by the week of {_day(p.planned_week)} and is not done{moved}.",
                subject=r.id,
            )
        )


def _weak(plan: Plan, schedule: Schedule, alerts: list[Alert]) -> None:
    passing = plan.exam.passing_score
    if passing is None:
        return
    latest = engine.latest_domain_scores(plan, schedule.today)
    gains = [d for d in schedule.domains if d.shift_hours > 0]
    losses = [d for d in schedule.domains if d.shift_hours < 0]
    moved = ""
    if gains or losses:
        moved = (
            " Remaining hours moved: "
            + ", ".join(f"{d.name} {'+' if d.shift_hours > 0 else '−'}{_h(abs(d.shift_hours))}" for d in gains + losses)
            + "."
        )
    for d in schedule.domains:
        if d.id in latest and latest[d.id][1] < passing:
            day, score = latest[d.id]
            alerts.append(
                Alert(
                    "weak-domain",
                    "warn",
                    f"{d.name}: {score:g}% in the practice exam of {_day(day)}, under the pass mark of {passing:g}%."
                    + moved,
                    subject=d.id,
                )
            )


def readiness(plan: Plan, schedule: Schedule, exam_at: dt.datetime, now: dt.datetime) -> Readiness | None:
    """From a week before the exam: ready, or not and why. ``None`` before then."""
    passing = plan.exam.passing_score
    if passing is None or (exam_at - now) > dt.timedelta(days=READINESS_DAYS) or exam_at <= now:
        return None
    reasons = []
    results = sorted(plan.practice.results, key=lambda r: r.date)[-READY_RESULTS:]
    bar = passing + READY_MARGIN
    if len(results) < READY_RESULTS:
        reasons.append(
            f"{len(results)} practice result{'s' if len(results) != 1 else ''} so far, {READY_RESULTS} needed"
        )
    low = [r for r in results if r.score < bar]
    if low:
        reasons.append(
            f"{len(low)} of the last {len(results)} practice scores under {bar:g}%"
            f" (pass mark {passing:g}% + {READY_MARGIN:g})"
        )
    latest = engine.latest_domain_scores(plan, schedule.today)
    weak = [plan.domain(i).name for i, (_, s) in latest.items() if s < passing and plan.domain(i)]  # type: ignore[union-attr]
    if weak:
        reasons.append("under the pass mark in " + ", ".join(weak))
    return Readiness(ready=not reasons, reasons=tuple(reasons))
