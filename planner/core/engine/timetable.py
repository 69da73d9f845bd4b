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

Busy time from the calendars (rule 8) is handed in as intervals on that
wall clock. When some of it falls in the day's study window, the sessions
go into the window's free parts instead (``engine.freetime`` says how): a
session is cut in two around a meeting, a sitting moves to a free stretch
long enough for it, and one that finds none is cut too and says so in its
``note``. The day's total stays what it was.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Final, NamedTuple

from planner.core.engine.calendar import day_hours
from planner.core.engine.days import DayPlan
from planner.core.engine.freetime import DAY_MINUTES, Placed, Span, lay_out
from planner.core.model import Plan
from planner.core.rounding import apportion

__all__ = ["LATEST_END", "Interval", "Session", "day_sessions", "day_start", "window_minutes"]

LATEST_END: Final = dt.time(23, 0)
"""A long day starts early enough to end by this time."""
_DAY_MINUTES: Final = DAY_MINUTES

Interval = tuple[dt.datetime, dt.datetime]
"""Busy time, [start, end) as naive wall-clock times of the exam's zone (``core.busy`` hands them in)."""


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
    part: int = 0
    """0, or 1, 2, ... for the later sessions of the same kind and number that busy time cut off the first."""
    note: str = ""
    """What a person should know that the times do not say (a sitting cut around meetings); usually empty."""

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    @property
    def key(self) -> str:
        """Stable within a plan for the same day and place (calendar UIDs are built on it)."""
        day = self.start.date().isoformat()
        if self.kind == "practice":
            key = f"practice-{day}-{self.number}"
        else:
            key = f"study-{day}" if self.number <= 1 else f"study-{day}-{self.number}"
        return f"{key}-part-{self.part + 1}" if self.part else key


def _minutes(hours: float) -> int:
    return round(hours * 60)


def _clock(at: dt.time) -> int:
    return at.hour * 60 + at.minute


def day_start(start_time: dt.time, minutes: int) -> int:
    """Minutes after midnight a day of ``minutes`` begins: at ``start_time``, or early enough to end by 23:00."""
    start = _clock(start_time)
    latest = _clock(LATEST_END)
    if start + minutes > latest:
        start = max(0, latest - minutes)
    return start


def window_minutes(plan: Plan, day: dt.date) -> Span:
    """Rule 8's study window of ``day`` on the wall clock, in minutes after midnight: busy time is taken from it."""
    minutes = round(day_hours(plan, day) * 60)
    begin = day_start(plan.study.start_time(day.weekday()), minutes)
    return begin, min(_DAY_MINUTES, begin + minutes)


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


def day_sessions(plan: Plan, day: DayPlan, busy: Sequence[Interval] = ()) -> tuple[Session, ...]:
    """The sessions of ``day`` on the clock, in order: sittings with their review, then study.

    ``busy`` is the calendars' busy time on that day (``core.busy``); where
    some of it lies in the study window, the sessions go around it.
    """
    pieces = _pieces(day, plan.practice.minutes, plan.study.granularity_hours)
    if not pieces:
        return ()
    window = window_minutes(plan, day.date)
    spans = _spans(day.date, busy)
    if any(a < window[1] and b > window[0] for a, b in spans):
        return _around(plan, day, pieces, window, spans)
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


def _spans(day: dt.date, busy: Sequence[Interval]) -> list[Span]:
    """``busy`` in minutes after the day's midnight, widened to whole minutes, cut to the day."""
    midnight = dt.datetime.combine(day, dt.time())
    out = []
    for start, end in busy:
        a = max(0, math.floor((start - midnight).total_seconds() / 60))
        b = min(_DAY_MINUTES, math.ceil((end - midnight).total_seconds() / 60))
        if b > a:
            out.append((a, b))
    return out


def _around(plan: Plan, day: DayPlan, pieces: list[_Piece], window: Span, busy: list[Span]) -> tuple[Session, ...]:
    """The pieces laid in the window's free time (``freetime.lay_out``), as sessions."""
    block = max(1, round(plan.study.granularity_hours * 60))
    start = _clock(plan.study.start_time(day.date.weekday()))
    placed = _joined(lay_out([(m, kind == "practice") for kind, m, _, _ in pieces], window, busy, start, block))
    parts: dict[int, list[Placed]] = {}
    for p in placed:
        parts.setdefault(p.piece, []).append(p)
    study = {k: _cut(pieces[k][2], [p.end - p.start for p in ps]) for k, ps in parts.items()}
    midnight = dt.datetime.combine(day.date, dt.time())
    sittings: dict[int, int] = {}
    seen: dict[str, int] = {}
    out = []
    for p in placed:
        kind, minutes, _, _ = pieces[p.piece]
        own = parts[p.piece]
        notes = []
        if kind == "practice":
            number = sittings.setdefault(p.piece, len(sittings) + 1)
            if len(own) > 1:
                notes.append(f"part {own.index(p) + 1} of {len(own)}: no free stretch of {minutes} min in the window")
        else:
            number = max(sittings.values(), default=0)
            kind = "review" if number else "study"
        if p.outside:
            notes.append("outside the study window: busy time leaves too little of it free")
        what = () if kind == "practice" else study[p.piece][own.index(p)]
        at = midnight + dt.timedelta(minutes=p.start)
        session = Session(at, midnight + dt.timedelta(minutes=p.end), kind, what, number, 0, "; ".join(notes))
        part = seen[session.key] = seen.get(session.key, -1) + 1
        out.append(session._replace(part=part))
    return tuple(out)


def _joined(placed: list[Placed]) -> list[Placed]:
    """Parts of one piece that touch, as one."""
    out: list[Placed] = []
    for p in placed:
        if out and out[-1].piece == p.piece and out[-1].end == p.start and out[-1].outside == p.outside:
            out[-1] = out[-1]._replace(end=p.end)
        else:
            out.append(p)
    return out


def _cut(study: tuple[tuple[str, float], ...], sizes: list[int]) -> list[tuple[tuple[str, float], ...]]:
    """``study`` poured in order into parts of ``sizes`` minutes; the last part takes what is left."""
    items = list(study)
    out: list[tuple[tuple[str, float], ...]] = []
    for size in sizes[:-1]:
        want = size / 60
        run = []
        while want > 1e-9 and items:
            domain_id, hours = items[0]
            take = min(hours, want)
            run.append((domain_id, round(take, 6)))
            want -= take
            if hours - take > 1e-9:
                items[0] = (domain_id, round(hours - take, 6))
            else:
                items.pop(0)
        out.append(tuple(run))
    out.append(tuple(items))
    return out
