"""What the engine answers: days, weeks, domains, resources and the totals.

Every number here is meant to be checked by hand, so each field says what it
counts and how it relates to the others. Hours are rounded to six places
(``round_hours``): the planner never shows finer, and sums stay exact.
"""

# No ``from __future__ import annotations`` here: ``typing.NamedTuple`` compiles every field
# annotation written as a string into a ForwardRef, a third of this module's import time.
import datetime as dt
from bisect import bisect_left
from typing import NamedTuple

__all__ = ["Day", "DomainPlan", "ResourcePlan", "Schedule", "Week", "round_hours"]


def round_hours(value: float) -> float:
    """``value`` without float noise (``0.1 + 0.2`` is ``0.3``), and never ``-0.0``."""
    return round(value + 0.0, 6) + 0.0


class Day(NamedTuple):
    date: dt.date
    hours: float
    """Hours available that day: the weekday's hours, an override or a blackout, less busy time."""
    busy_hours: float
    """Hours busy time took off the day (rule 8), the rounding down to whole blocks included."""
    blackout: bool
    practice_exams: int
    """Practice sittings the current plan puts on the day (none before today)."""


_WeekFields = NamedTuple(  # noqa: UP014 (the class form trips mypy over the field named index)
    "_WeekFields",
    [
        ("index", int),
        ("start", dt.date),
        ("end", dt.date),
        ("capacity_hours", float),
        ("practice_hours", float),
        ("practice_exams", int),
        ("hours", dict[str, float]),
        ("planned_hours", dict[str, float]),
        ("done_hours", dict[str, float]),
        ("resources_due", tuple[str, ...]),
        ("state", str),
        ("blackout_days", int),
        ("planned_practice_hours", float),
        ("done_practice_hours", float),
        ("busy_hours", float),
        ("days", tuple[Day, ...]),
    ],
)
"""Written as a call: a field named ``index`` in a class body would shadow ``tuple.index`` for mypy."""


class Week(_WeekFields):
    """One calendar week of study days.

    - ``start``, ``end``: its first and last study days (the first and last weeks may be partial);
    - ``capacity_hours``: hours available in it (past days included), after busy time;
    - ``busy_hours``: hours busy time took off it: ``capacity_hours + busy_hours`` is the week without calendars;
    - ``hours``: the plan now, per domain: what was done on past days plus what is planned from today;
    - ``planned_hours``: the baseline plan made at ``study.start``; ``done_hours``: what the log says;
    - ``practice_hours``: the real minutes of the sittings planned from today, plus practice logged;
      ``practice_exams``: the sittings planned from today; ``planned_practice_hours``: the baseline's;
    - ``state``: ``past``, ``current`` (holds today) or ``future``;
    - ``days``: its days, with their hours and sittings.
    """

    __slots__ = ()

    @property
    def study_hours(self) -> float:
        return round_hours(sum(self.hours.values()))

    @property
    def planned_total(self) -> float:
        return round_hours(sum(self.planned_hours.values()) + self.planned_practice_hours)

    @property
    def done_total(self) -> float:
        return round_hours(sum(self.done_hours.values()) + self.done_practice_hours)


class DomainPlan(NamedTuple):
    id: str
    name: str
    weight: float
    share: float
    """``weight / sum of weights``: what the exam says."""
    adjusted_share: float
    """The share actually planned once confidence shifts it."""
    planned_hours: float
    """The domain's total in the baseline plan."""
    done_hours: float
    remaining_hours: float
    """Placed from today on in the current plan."""
    shift_hours: float
    """Hours the current plan moved toward (+) or away from (-) this domain
    because of practice results: positive for a domain under the pass mark,
    negative for one that gives (above the mark, or without a score of its
    own), zero otherwise. The one place the move is stated; the views show it."""
    resource_hours: float
    """Sum of the estimates of the domain's resources (their share of it)."""


class ResourcePlan(NamedTuple):
    id: str
    due_week: dt.date | None
    planned_week: dt.date | None
    status: str
    remaining_hours: float


class Schedule(NamedTuple):
    today: dt.date
    exam_day: dt.date
    granularity: float
    weeks: tuple[Week, ...]
    domains: tuple[DomainPlan, ...]
    resources: tuple[ResourcePlan, ...]
    capacity_hours: float
    """Hours available from the start to the eve of the exam, after busy time."""
    study_hours: float
    """Domain study in the baseline plan: the sum of the domains' ``planned_hours``."""
    practice_hours: float
    """Practice in the baseline plan: the sittings placed, at their real minutes."""
    done_hours: float
    done_practice_hours: float
    remaining_capacity_hours: float
    """Hours the plan can still use, from today to the eve of the exam: in each
    week, the practice sittings placed there plus the whole blocks of domain
    study that fit in the rest of its hours left (hours logged from today on
    use their day up). The part of a week smaller than a block is not counted:
    nothing can be planned in it."""
    remaining_need_hours: float
    """The work still to do, placed or not: each domain's total less what is
    done (moved by the weak-domain shift; without a target, also every spare
    block), plus the practice exams not yet taken at their real minutes.
    Equals ``remaining_planned_hours`` plus the work that did not fit."""
    shortfall_hours: float
    """``max(0, remaining_need_hours - remaining_capacity_hours)``: the work beyond every usable hour left."""
    practice_needed_exams: int
    practice_overflow_exams: int
    """Practice exams that do not fit their weeks."""
    practice_exam_hours: float
    """One sitting's real length: ``practice.minutes / 60``."""
    planned_to_date_hours: float
    """What the baseline plan had done by today (days before today)."""
    done_to_date_hours: float
    current_week: int | None
    """Index of the week holding today; ``None`` before the start or after the last week."""
    remaining_planned_hours: float = 0.0
    """The work placed from today on: the domains' ``remaining_hours`` plus the
    practice sittings planned from today. Never more than ``remaining_capacity_hours``
    nor more than ``remaining_need_hours``."""
    busy_hours: float = 0.0
    """Hours busy time took off the study days (the sum over the weeks)."""

    def week_of(self, day: dt.date) -> Week | None:
        starts = [w.start for w in self.weeks]
        i = bisect_left(starts, day + dt.timedelta(days=1)) - 1
        if 0 <= i < len(self.weeks) and self.weeks[i].start <= day <= self.weeks[i].end:
            return self.weeks[i]
        return None

    @property
    def days_left(self) -> int:
        return (self.exam_day - self.today).days
