"""The plan as plain, immutable data.

Every object is a frozen dataclass holding tuples, so a plan can be compared,
hashed and kept on an undo stack without copying, and an edit is always a
``dataclasses.replace`` that yields a new plan. Nothing here reads files,
knows about TOML or looks at the clock: that belongs to ``store`` and to the
edges of the program.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

SCHEMA: Final = 1
"""The plan file format this version reads and writes."""

WEEKDAYS: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
"""Weekday names in ``datetime.date.weekday()`` order, as the file spells them."""

KINDS: Final = ("course", "docs", "video", "book", "article", "practice", "notes")
PRIORITIES: Final = ("high", "medium", "low")
STATUSES: Final = ("todo", "doing", "done")
STRATEGIES: Final = ("interleaved", "sequential")
LOG_KINDS: Final = ("study", "practice")

DEFAULT_START_TIME: Final = dt.time(19, 0)
"""When a study day begins in the calendar feed unless the plan says otherwise."""


@dataclass(frozen=True, slots=True)
class Reschedule:
    """One move of the exam date, as the planner recorded it."""

    from_: dt.datetime
    to: dt.datetime
    on: dt.date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Exam:
    """The booked exam: when, where (its zone), how long, and the rules for moving it."""

    name: str
    date: dt.datetime
    """Local wall-clock time at the test centre (naive); the zone is ``timezone``."""
    code: str | None = None
    timezone: str | None = None
    """IANA zone name; ``None`` means the machine's zone, resolved at the edge."""
    duration_minutes: int = 120
    passing_score: float | None = None
    postponements_allowed: int | None = None
    """``None``: the exam sets no limit."""
    reschedule_cutoff_hours: float = 24
    reschedules: tuple[Reschedule, ...] = ()


@dataclass(frozen=True, slots=True)
class DayRange:
    """An inclusive run of days: a blackout, or an override when ``hours`` is set."""

    start: dt.date
    end: dt.date
    reason: str = ""
    hours: float | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Study:
    """When and how much a person can study, and how the hours are handed out."""

    start: dt.date
    availability: tuple[float, ...] = (0.0,) * 7
    """Hours per weekday, Monday first."""
    target_hours: float | None = None
    week_starts: str = "monday"
    granularity_hours: float = 0.5
    strategy: str = "interleaved"
    start_times: tuple[tuple[str, dt.time], ...] = ()
    """(weekday, time) pairs; a weekday not listed starts at ``DEFAULT_START_TIME``."""
    blackouts: tuple[DayRange, ...] = ()
    overrides: tuple[DayRange, ...] = ()

    def start_time(self, weekday: int) -> dt.time:
        name = WEEKDAYS[weekday]
        for day, time in self.start_times:
            if day == name:
                return time
        return DEFAULT_START_TIME


@dataclass(frozen=True, slots=True)
class PracticeResult:
    """A practice exam taken: the score, and per domain when the test reports it."""

    date: dt.date
    score: float
    domains: tuple[tuple[str, float], ...] = ()
    """(domain id, percent) pairs, in the order the file gave them."""


@dataclass(frozen=True, slots=True)
class Practice:
    """The timed practice exams of the final weeks, and the results so far."""

    count: int = 0
    minutes: int = 120
    weeks_before_exam: int = 1
    results: tuple[PracticeResult, ...] = ()


@dataclass(frozen=True, slots=True)
class Domain:
    """One part of the exam's syllabus, with its weight in the exam."""

    id: str
    name: str
    weight: float
    confidence: int | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    """A course, document, video, book or practice test, with its estimate and state."""

    id: str
    title: str
    hours: float
    kind: str = "course"
    url: str | None = None
    domains: tuple[str, ...] = ()
    """Empty: every domain, split by weight."""
    priority: str = "medium"
    status: str = "todo"
    done_on: dt.date | None = None
    notes: str = ""
    order: int | None = None
    """Study order; without it the resource keeps its place in the file."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """Study actually done (or a practice exam taken) on one day."""

    date: dt.date
    hours: float
    domain: str | None = None
    """Required for study; optional for a practice exam, which covers them all."""
    resource: str | None = None
    note: str = ""
    kind: str = "study"


@dataclass(frozen=True, slots=True)
class Plan:
    """One plan file: everything the planner knows about one person's preparation."""

    exam: Exam
    study: Study
    domains: tuple[Domain, ...]
    practice: Practice = field(default_factory=Practice)
    resources: tuple[Resource, ...] = ()
    log: tuple[LogEntry, ...] = ()
    schema: int = SCHEMA

    def domain(self, domain_id: str) -> Domain | None:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        return None

    def resource(self, resource_id: str) -> Resource | None:
        for resource in self.resources:
            if resource.id == resource_id:
                return resource
        return None

    @property
    def postponements_left(self) -> int | None:
        allowed = self.exam.postponements_allowed
        if allowed is None:
            return None
        return max(0, allowed - len(self.exam.reschedules))
