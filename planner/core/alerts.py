"""Warnings from a plan and its schedule, with the numbers and the options.

The codes are a contract: ``schedule --json`` prints them and scripts match
on them, so they are one enum (``AlertCode``), each documented in
docs/warnings.md. Pure like the engine: the caller passes ``now`` and the
exam as aware date-times (see ``moments``). Every warning says how much, and
for the two that threaten the exam (``infeasible`` and ``behind``) the
options are laid side by side: more hours a week, dropping low-priority
resources, or postponing to the first date that fits.
"""

# No ``from __future__ import annotations``: ``typing.NamedTuple`` compiles each field annotation
# written as a string into a ForwardRef, which costs more than the rest of the class.
import datetime as dt
from enum import StrEnum
from typing import Final, NamedTuple

from planner.core import engine
from planner.core.engine import Busy, Schedule
from planner.core.engine.types import round_hours
from planner.core.fmt import day as _day
from planner.core.fmt import hours, moment, percent, plural, signed_hours, time_left
from planner.core.fmt import hours_h as _h
from planner.core.model import DayRange, Plan, replace

__all__ = [
    "Alert",
    "AlertCode",
    "Option",
    "OptionKind",
    "Postponement",
    "Readiness",
    "Severity",
    "assess",
    "calendar_stale",
    "calendar_unreadable",
    "postponement",
    "ranked",
    "readiness",
]


class AlertCode(StrEnum):
    """Every warning the planner can give; the values are what ``schedule --json`` prints."""

    INFEASIBLE = "infeasible"
    BEHIND = "behind"
    RESOURCE_OVERRUN = "resource-overrun"
    RESOURCE_LATE = "resource-late"
    PRACTICE_OVERFLOW = "practice-overflow"
    POSTPONEMENT_LAST = "postponement-last"
    POSTPONEMENT_NONE = "postponement-none"
    RESCHEDULE_CUTOFF = "reschedule-cutoff"
    EXAM_SOON = "exam-soon"
    EXAM_PASSED = "exam-passed"
    WEAK_DOMAIN = "weak-domain"
    NOT_READY = "not-ready"
    CALENDAR_STALE = "calendar-stale"
    CALENDAR_UNREADABLE = "calendar-unreadable"


class Severity(StrEnum):
    """How much a warning matters; ``risk`` makes ``planner status`` exit 1."""

    INFO = "info"
    WARN = "warn"
    RISK = "risk"

    @property
    def rank(self) -> int:
        """0 for ``info`` up to 2 for ``risk``: most serious first means highest rank first."""
        return list(Severity).index(self)


class OptionKind(StrEnum):
    """The ways out that ``infeasible``, ``behind`` and ``not-ready`` offer."""

    MORE_HOURS = "more-hours"
    DROP_LOW = "drop-low"
    POSTPONE = "postpone"


READY_MARGIN: Final = 5.0
"""Points above the pass mark the last practice results must reach to call a person ready."""
READY_RESULTS: Final = 3
"""How many of the latest practice results the verdict looks at."""
MAX_WEEK_HOURS: Final = 70.0
"""Ten hours a day, every day: beyond this, "study more" is not advice."""
READINESS_DAYS: Final = 7
"""The verdict starts this many days before the exam."""
OVERRUN_TOLERANCE: Final = 0.05
"""Resource estimates may exceed a domain's hours by this much (float noise) before it is an overrun."""


class Option(NamedTuple):
    kind: OptionKind
    text: str


class Alert(NamedTuple):
    code: AlertCode
    severity: Severity
    message: str
    options: tuple[Option, ...] = ()
    subject: str | None = None
    """The domain, resource or calendar id the alert is about, if any."""


class Readiness(NamedTuple):
    ready: bool
    reasons: tuple[str, ...]


def calendar_stale(calendar_id: str, age_seconds: float, why: str) -> Alert:
    """A calendar that could not be read now, planned around from a copy ``age_seconds`` old."""
    return Alert(
        AlertCode.CALENDAR_STALE,
        Severity.WARN,
        f"Calendar {calendar_id} could not be read ({why}): its busy time comes from a copy"
        f" {time_left(age_seconds)} old.",
        subject=calendar_id,
    )


def calendar_unreadable(calendar_id: str, why: str) -> Alert:
    """A calendar that could not be read, with no copy kept: its busy time is not planned around."""
    return Alert(
        AlertCode.CALENDAR_UNREADABLE,
        Severity.RISK,
        f"Calendar {calendar_id} could not be read ({why}) and no copy of it is kept:"
        " study may be planned over its busy time.",
        subject=calendar_id,
    )


def _weeks_left(schedule: Schedule) -> int:
    return sum(1 for w in schedule.weeks if w.state != "past")


def _week_end(schedule: Schedule, start: dt.date) -> dt.date:
    """The last day of the week starting ``start``: "due" means by then."""
    for w in schedule.weeks:
        if w.start == start:
            return w.end
    return start + dt.timedelta(days=6)


def assess(
    plan: Plan, schedule: Schedule, now: dt.datetime, exam_at: dt.datetime, busy: Busy | None = None
) -> tuple[Alert, ...]:
    """Every warning of the plan as it stands at ``now``, most serious first (``busy``: as the schedule had it)."""
    alerts: list[Alert] = []
    hours_to_exam = (exam_at - now).total_seconds() / 3600
    passed = hours_to_exam <= 0
    left = plan.postponements_left
    inside_cutoff = 0 < hours_to_exam < plan.exam.reschedule_cutoff_hours
    alerts.extend(_exam_time(plan, hours_to_exam, exam_at))
    if not passed:
        _feasibility(plan, schedule, busy, left, inside_cutoff, alerts)
        _practice(plan, schedule, alerts)
    alerts.extend(_postponements(plan))
    _resources(plan, schedule, alerts)
    _weak(plan, schedule, alerts)
    if not passed:
        verdict = readiness(plan, schedule, exam_at, now)
        if verdict is not None and not verdict.ready:
            infeasible = any(a.code == AlertCode.INFEASIBLE for a in alerts)
            options = () if infeasible else _options(plan, schedule, 0.0, left, inside_cutoff)
            alerts.append(
                Alert(AlertCode.NOT_READY, Severity.WARN, "Not ready yet: " + "; ".join(verdict.reasons) + ".", options)
            )
    return ranked(alerts)


def ranked(alerts: list[Alert] | tuple[Alert, ...]) -> tuple[Alert, ...]:
    """Most serious first; in a severity, the order they were found in."""
    return tuple(sorted(alerts, key=lambda a: -a.severity.rank))


def _exam_time(plan: Plan, hours_to_exam: float, exam_at: dt.datetime) -> list[Alert]:
    cutoff = plan.exam.reschedule_cutoff_hours
    if hours_to_exam <= 0:
        return [
            Alert(
                AlertCode.EXAM_PASSED,
                Severity.WARN,
                f"The exam date {moment(exam_at)} has passed. If it moved, record the new date"
                " (planner reschedule DATE --force, or r on the Plan screen).",
            )
        ]
    out = []
    if hours_to_exam < 7 * 24:
        out.append(
            Alert(
                AlertCode.EXAM_SOON,
                Severity.INFO,
                f"The exam is in {time_left(hours_to_exam * 3600)}: {exam_at:%a} {exam_at.day} {exam_at:%b %H:%M}.",
            )
        )
    if hours_to_exam < cutoff:
        out.append(
            Alert(
                AlertCode.RESCHEDULE_CUTOFF,
                Severity.WARN,
                f"The exam is {time_left(hours_to_exam * 3600)} away, inside the {_h(cutoff)} cutoff:"
                " its date can no longer change.",
            )
        )
    return out


def _postponements(plan: Plan) -> list[Alert]:
    left, allowed = plan.postponements_left, plan.exam.postponements_allowed
    if left == 1:
        return [
            Alert(
                AlertCode.POSTPONEMENT_LAST,
                Severity.WARN,
                f"One postponement of {allowed} left: the next date change uses the last one.",
            )
        ]
    if left == 0 and allowed is not None:
        return [
            Alert(
                AlertCode.POSTPONEMENT_NONE,
                Severity.WARN,
                f"All {allowed} postponements are used: the date can only move with a new booking.",
            )
        ]
    return []


def _feasibility(
    plan: Plan, schedule: Schedule, busy: Busy | None, left: int | None, inside_cutoff: bool, alerts: list[Alert]
) -> None:
    short = schedule.shortfall_hours
    if short > 0:
        fit = postponement(plan, schedule.today, busy)
        where = f" At this availability it fits an exam on {_day(fit.day)} or later." if fit else ""
        alerts.append(
            Alert(
                AlertCode.INFEASIBLE,
                Severity.RISK,
                f"The remaining work needs {_h(schedule.remaining_need_hours)} but only "
                f"{_h(schedule.remaining_capacity_hours)} remain before the exam: {_h(short)} short.{where}",
                _options(plan, schedule, short, left, inside_cutoff, fit),
            )
        )
    behind = _behind(plan, schedule, left, inside_cutoff)
    if behind is not None:
        alerts.append(behind)


class Postponement(NamedTuple):
    """The earliest exam date the work left fits, and how the move must be made for it to fit."""

    day: dt.date
    practice_fits: bool
    """``False``: the hours fit from ``day``, but no date found gives every sitting a long enough day."""
    move_dated: bool
    """The dated days off of the final weeks (leave booked for the old date) must move with the exam."""


def postponement(plan: Plan, today: dt.date, busy: Busy | None = None) -> Postponement | None:
    """``engine.earliest_fit``, and when its date leaves the practice sittings without long enough days
    while dated leave sits in the final weeks, the date that fits when that leave moves with the exam.

    Either way it is a date whose reschedule preview fits (moving the leave is
    ``edits.reschedule(..., move_dated=True)``, which the CLI and the dialog offer).
    """
    from planner.core.engine.feasibility import earliest_fit  # searched only when the work does not fit

    fit = earliest_fit(plan, today, busy)
    if fit is None:
        return None
    if not fit.practice_fits:
        from planner.core.edits import movable_ranges  # the use cases load only when a move must be advised

        movable = movable_ranges(plan)
        if movable:
            moved = earliest_fit(_anchored(plan, movable), today, busy)
            if moved is not None and moved.practice_fits:
                return Postponement(moved.day, True, True)
    return Postponement(fit.day, fit.practice_fits, False)


def _anchored(plan: Plan, ranges: tuple[tuple[str, int, DayRange], ...]) -> Plan:
    """``plan`` with ``ranges`` anchored to the exam where they are: they move with it as ``move_dated`` moves them."""
    exam_day = plan.exam.date.date()
    anchor = {(which, i): (exam_day - r.start).days for which, i, r in ranges}

    def moved(which: str, rs: tuple[DayRange, ...]) -> tuple[DayRange, ...]:
        return tuple(
            replace(r, days_before_exam=anchor[(which, i)]) if (which, i) in anchor else r for i, r in enumerate(rs)
        )

    study = replace(
        plan.study,
        blackouts=moved("blackouts", plan.study.blackouts),
        overrides=moved("overrides", plan.study.overrides),
    )
    return replace(plan, study=study)


def _behind(plan: Plan, schedule: Schedule, left: int | None, inside_cutoff: bool) -> Alert | None:
    short = schedule.shortfall_hours
    total = schedule.study_hours + schedule.practice_hours
    week_share = total / (len(schedule.weeks) or 1)
    behind = schedule.planned_to_date_hours - schedule.done_to_date_hours
    if not (behind > week_share and behind > 0):
        return None
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
    return Alert(
        AlertCode.BEHIND,
        Severity.WARN if fits or no_target else Severity.RISK,
        f"{_h(behind)} behind the plan to date (planned {_h(schedule.planned_to_date_hours)} "
        f"and done {_h(schedule.done_to_date_hours)} before today): catching up takes {_h(catch_up)} more a week "
        f"over the {plural(weeks_left, 'week')} left; {room}",
        _options(plan, schedule, behind, left, inside_cutoff) if no_target else (),
    )


def _options(
    plan: Plan,
    schedule: Schedule,
    short: float,
    left: int | None,
    inside_cutoff: bool,
    fit: Postponement | None = None,
) -> tuple[Option, ...]:
    options = []
    weeks_left = max(1, _weeks_left(schedule))
    if short > 0:
        per_week = short / weeks_left
        now_week = schedule.remaining_capacity_hours / weeks_left
        if now_week + per_week > MAX_WEEK_HOURS:
            text = (
                f"More hours cannot close this: it would take {_h(now_week + per_week)} a week"
                f" for the {plural(weeks_left, 'week')} left."
            )
        else:
            text = (
                f"Make {_h(per_week)} more a week available ({_h(now_week)} → {_h(now_week + per_week)})"
                f" for the {plural(weeks_left, 'week')} left."
            )
        options.append(Option(OptionKind.MORE_HOURS, text))
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
                OptionKind.DROP_LOW,
                f"Drop the {plural(len(low), 'low-priority resource')} ({names}): "
                f"{_h(saved)} less to study (lower the target hours by as much).",
            )
        )
    if fit is not None:
        options.append(Option(OptionKind.POSTPONE, _postpone_text(fit, left, inside_cutoff)))
    return tuple(options)


def _postpone_text(fit: Postponement, left: int | None, inside_cutoff: bool) -> str:
    day = _day(fit.day)
    if inside_cutoff:
        text = f"Postponing to {day} is no longer possible: the exam is inside its cutoff."
    elif left == 0:
        text = f"Move to {day} with a new booking: no postponements are left."
    else:
        count = "unlimited" if left is None else f"{left} left"
        last = " — it would use the last one" if left == 1 else ""
        text = f"Postpone to {day} or later (postponements: {count}{last}); still outside the cutoff."
    if fit.move_dated:
        text += (
            " It fits when the dated blackouts and overrides of the final weeks (leave before the exam)"
            " move with it: reschedule --move-dated, or move them in the dialog."
        )
    elif not fit.practice_fits:
        text += " The hours fit from then, but no date found gives every practice exam a long enough day."
    return text


def _practice(plan: Plan, schedule: Schedule, alerts: list[Alert]) -> None:
    over = schedule.practice_overflow_exams
    if over <= 0:
        return
    weeks = plan.practice.weeks_before_exam
    alerts.append(
        Alert(
            AlertCode.PRACTICE_OVERFLOW,
            Severity.RISK,
            f"{over} of {schedule.practice_needed_exams} practice exams ({_h(over * schedule.practice_exam_hours)}) "
            f"do not fit in the final {plural(weeks, 'week')}: each needs a day with at least "
            f"{_h(schedule.practice_exam_hours)}. Raise practice.weeks_before_exam or add hours on days before "
            "the exam.",
        )
    )


def _resources(plan: Plan, schedule: Schedule, alerts: list[Alert]) -> None:
    for d in schedule.domains:
        # What the plan gives the domain: its baseline with any weak-domain move (work that no longer
        # fits is the infeasible warning's, not this one's).
        given = round_hours(d.planned_hours + d.shift_hours)
        over = d.resource_hours - given
        if over > OVERRUN_TOLERANCE:
            alerts.append(
                Alert(
                    AlertCode.RESOURCE_OVERRUN,
                    Severity.WARN,
                    f"{d.name}: resource estimates add up to {_h(d.resource_hours)} but the plan gives it "
                    f"{_h(given)} ({_h(over)} over).",
                    subject=d.id,
                )
            )
    ends = {w.start: w.end for w in schedule.weeks}
    for r, p in zip(plan.resources, schedule.resources, strict=True):
        if r.status == "done" or p.planned_week is None:
            continue
        end = ends.get(p.planned_week)
        if end is None or end >= schedule.today:
            continue
        moved = f"; it is now due by {_day(_week_end(schedule, p.due_week))}" if p.due_week else ""
        alerts.append(
            Alert(
                AlertCode.RESOURCE_LATE,
                Severity.WARN,
                f"“{r.title}” was due by {_day(end)} and is not done{moved}.",
                subject=r.id,
            )
        )


def _weak(plan: Plan, schedule: Schedule, alerts: list[Alert]) -> None:
    """One alert per domain under the pass mark, each with its own gain (the whole move is in the view)."""
    passing = plan.exam.passing_score
    if passing is None:
        return
    latest = engine.latest_domain_scores(plan, schedule.today)
    for d in schedule.domains:
        if d.id in latest and latest[d.id][1] < passing:
            day, score = latest[d.id]
            gain = f": {signed_hours(d.shift_hours)} of the remaining hours" if d.shift_hours else ""
            alerts.append(
                Alert(
                    AlertCode.WEAK_DOMAIN,
                    Severity.WARN,
                    f"{d.name}: {percent(score)} in the practice exam of {_day(day)},"
                    f" under the pass mark of {percent(passing)}{gain}.",
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
        reasons.append(f"{plural(len(results), 'practice result')} so far, {READY_RESULTS} needed")
    low = [r for r in results if r.score < bar]
    if low:
        reasons.append(
            f"{len(low)} of the last {len(results)} practice scores under {percent(bar)}"
            f" (pass mark {percent(passing)} + {hours(READY_MARGIN)})"
        )
    latest = engine.latest_domain_scores(plan, schedule.today)
    names = {d.id: d.name for d in plan.domains}
    weak = [names[i] for i, (_, s) in latest.items() if s < passing and i in names]
    if weak:
        reasons.append("under the pass mark in " + ", ".join(weak))
    return Readiness(ready=not reasons, reasons=tuple(reasons))
