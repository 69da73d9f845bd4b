"""The plan as plain, immutable data.

Every object is a frozen record holding tuples (``core.record``: a dataclass
to the type checker, cheaper to load), so a plan can be compared, hashed and
kept on an undo stack without copying, and an edit is always a ``replace``
that yields a new plan. Nothing here reads files,
knows about TOML or looks at the clock: that belongs to ``store`` and to the
edges of the program.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from planner.core.record import Record
from planner.core.record import replace as replace  # the one way to change a model value

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


class Reschedule(Record):
    """One move of the exam date, as the planner recorded it."""

    from_: dt.datetime
    to: dt.datetime
    on: dt.date
    reason: str = ""


class Exam(Record):
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


class DayRange(Record):
    """An inclusive run of days: a blackout, or an override when ``hours`` is set.

    Days that belong to the exam (leave taken just before it) are anchored to
    it: ``days_before_exam`` says how many days before the exam day the range
    starts, and the file stores that rather than dates (``days_before_exam = 7``,
    ``days = 5``). ``start`` and ``end`` are always the resolved dates, so the
    engine never needs to know; moving the exam moves an anchored range with it.
    """

    start: dt.date
    end: dt.date
    reason: str = ""
    hours: float | None = None
    days_before_exam: int | None = None
    """Set when the range is anchored to the exam date; ``None`` for a range of fixed dates."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def anchored_to(self, exam_day: dt.date) -> DayRange:
        """The range for an exam on ``exam_day``: an anchored range moves, a dated one stays."""
        if self.days_before_exam is None:
            return self
        start = exam_day - dt.timedelta(days=self.days_before_exam)
        return DayRange(start, start + dt.timedelta(days=self.days - 1), self.reason, self.hours, self.days_before_exam)


class Study(Record):
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


class PracticeResult(Record):
    """A practice exam taken: the score, and per domain when the test reports it."""

    date: dt.date
    score: float
    domains: tuple[tuple[str, float], ...] = ()
    """(domain id, percent) pairs, in the order the file gave them."""


class Practice(Record):
    """The timed practice exams of the final weeks, and the results so far."""

    count: int = 0
    minutes: int = 120
    weeks_before_exam: int = 1
    results: tuple[PracticeResult, ...] = ()


class Domain(Record):
    """One part of the exam's syllabus, with its weight in the exam."""

    id: str
    name: str
    weight: float
    confidence: int | None = None


class Resource(Record):
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
    origin: str | None = None
    """Where an imported resource came from (``trello:CARD_ID``): a re-import updates it, never adds it twice."""


class LogEntry(Record):
    """Study actually done (or a practice exam taken) on one day."""

    date: dt.date
    hours: float
    domain: str | None = None
    """Required for study; optional for a practice exam, which covers them all."""
    resource: str | None = None
    note: str = ""
    kind: str = "study"


ALL_DAY_CHOICES: Final = ("busy", "free")
CALENDAR_KINDS: Final = ("ics", "caldav")


class CalendarSource(Record):
    """A calendar whose busy time study is planned around (read at the edge, never by the engine)."""

    id: str
    source: str
    """A .ics file or a folder of them (relative to the plan), an https:// feed, or a CalDAV collection URL."""
    kind: str = "ics"
    """``ics`` (a file, a folder or a feed URL) or ``caldav``."""
    username: str | None = None
    password_command: str | None = None
    """Run to get the secret; the secret itself is never stored."""
    all_day: str = "busy"
    """Whether all-day events block the day (``busy``) or not (``free``)."""


class Publish(Record):
    """The CalDAV calendar the study sessions are written to."""

    url: str
    username: str | None = None
    password_command: str | None = None
    alarm_minutes: int | None = None
    """A reminder this long before each session (also in ``export ics``)."""


class RunningSession(Record):
    """A study session started and not yet stopped; it lives in the file so it survives the process."""

    started: dt.datetime
    """Local wall-clock time in the exam's zone (naive), like ``exam.date``."""
    domain: str
    resource: str | None = None


class Focus(Record):
    """Optional focus cycles while a session runs: work, then a break, with a signal at each end."""

    work_minutes: int = 25
    break_minutes: int = 5
    enabled: bool = False


class Plan(Record):
    """One plan file: everything the planner knows about one person's preparation."""

    exam: Exam
    study: Study
    domains: tuple[Domain, ...]
    practice: Practice = Practice()
    resources: tuple[Resource, ...] = ()
    log: tuple[LogEntry, ...] = ()
    schema: int = SCHEMA
    calendars: tuple[CalendarSource, ...] = ()
    publish: Publish | None = None
    session: RunningSession | None = None
    focus: Focus | None = None

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
