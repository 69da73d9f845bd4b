"""A study day on the clock: the sessions of one day, with the times a person can live.

How start times work: a day's study begins at its start time
(``study.start_times``, default 19:00, in the exam's zone) and runs for the
hours planned that day, one session after another. A day too long to end by
23:00 from there starts earlier instead, so that it ends at 23:00: a 6-hour
leave day with the 19:00 default runs 17:00-23:00, never into the night. A
day longer than 23 hours starts at midnight. So no session crosses midnight
and no two overlap.

A practice sitting takes its real minutes, and the review after it is the
day's domain study that follows it (split evenly, in whole blocks, when a
day holds more than one sitting). Pure: times are naive local wall-clock
times of the exam's zone; the export attaches the zone.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, NamedTuple

from planner.core.engine.days import DayPlan
from planner.core.model import Plan
from planner.core.rounding import apportion

__all__ = ["LATEST_END", "Session", "day_sessions", "day_start"]

LATEST_END: Final = dt.time(23, 0)
"""A long day starts early enough to end by this time."""
_DAY_MINUTES: Final = 24 * 60


class Session(NamedTuple):
    start: dt.datetime
    """Naive local time in the exam's zone."""
    end: dt.datetime
    kind: str
    """``practice`` (a timed sitting), ``review`` (the study after a sitting) or ``study``."""
    study: tuple[tuple[str, float], ...]
    """(domain id, hours) studied in the session; empty for a sitting."""
    number: int
    """Which sitting of the day (1, 2, ...) a practice or review session follows; 0 for plain study."""

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    @property
    def key(self) -> str:
        """Stable within a plan for the same day and place (calendar UIDs are built on it)."""
        day = self.start.date().isoformat()
        if self.kind == "practice":
            return f"practice-{day}-{self.number}"
        return f"study-{day}" if self.number <= 1 else f"study-{day}-{self.number}"


def _minutes(hours: float) -> int:
    return round(hours * 60)


def day_start(start_time: dt.time, minutes: int) -> int:
    """Minutes after midnight a day of ``minutes`` begins: at ``start_time``, or early enough to end by 23:00."""
    start = start_time.hour * 60 + start_time.minute
    latest = LATEST_END.hour * 60 + LATEST_END.minute
    if start + minutes > latest:
        start = max(0, latest - minutes)
    return start


def _split(study: tuple[tuple[str, float], ...], parts: int, granularity: float) -> list[list[tuple[str, float]]]:
    """The day's study cut into ``parts`` runs after the sittings, as even as whole blocks allow."""
    if parts <= 1:
        return [list(study)]
    total = sum(h for _, h in study)
    blocks = round(total / granularity)
    sizes = [b * granularity for b in apportion(blocks, [1.0] * parts)]
    sizes[-1] = max(0.0, total - sum(sizes[:-1]))
    out: list[list[tuple[str, float]]] = [[] for _ in range(parts)]
    k = 0
    for domain_id, hours in study:
        while hours > 1e-9 and k < parts:
            take = min(hours, sizes[k])
            if take > 1e-9:
                out[k].append((domain_id, round(take, 6)))
                sizes[k] -= take
                hours -= take
            if sizes[k] <= 1e-9:
                k += 1
        if hours > 1e-9:
            out[-1].append((domain_id, round(hours, 6)))
    return out


_Piece = tuple[str, int, tuple[tuple[str, float], ...], int]


def _pieces(day: DayPlan, exam_minutes: int, granularity: float) -> list[_Piece]:
    """(kind, minutes, study, number) in the order of the day."""
    if not day.practice_exams:
        minutes = _minutes(day.study_hours)
        return [("study", minutes, day.study, 0)] if minutes > 0 else []
    pieces: list[_Piece] = []
    for n, run in enumerate(_split(day.study, day.practice_exams, granularity), start=1):
        pieces.append(("practice", exam_minutes, (), n))
        minutes = _minutes(sum(h for _, h in run))
        if minutes > 0:
            pieces.append(("review", minutes, tuple(run), n))
    return pieces


def day_sessions(plan: Plan, day: DayPlan) -> tuple[Session, ...]:
    """The sessions of ``day`` on the clock, in order: sittings with their review, then study."""
    pieces = _pieces(day, plan.practice.minutes, plan.study.granularity_hours)
    total = min(_DAY_MINUTES, sum(m for _, m, _, _ in pieces))
    at = dt.datetime.combine(day.date, dt.time()) + dt.timedelta(
        minutes=day_start(plan.study.start_time(day.date.weekday()), total)
    )
    midnight = dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time())
    out = []
    for kind, minutes, study, number in pieces:
        end = min(midnight, at + dt.timedelta(minutes=minutes))
        if end > at:
            out.append(Session(at, end, kind, study, number))
        at = end
    return tuple(out)
