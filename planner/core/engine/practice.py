"""Rule 3: the timed practice exams of the final weeks, and which ones were taken.

A sitting is taken in one go, so it needs a day at least as long as its real
minutes, and it counts those minutes (a 90-minute exam fits a 1.5 h day; two
100-minute exams are 3.33 h). Sittings are placed backwards from the exam and
spread one a day: a day gets a second sitting only when every long-enough
day of the window already has one, so each sitting leaves the rest of its
day for reviewing it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Final

from planner.core.model import LogEntry, Plan

__all__ = ["counts_as_exam", "exams_taken", "spread_sittings"]

_EPS: Final = 1e-9
HALF: Final = 0.5
"""A logged practice session counts as an exam from half the exam's minutes: a sitting
cut short after 20 seconds is practice time, not an exam taken."""


def counts_as_exam(entry: LogEntry, minutes: int) -> bool:
    """Whether a log entry is a practice exam taken: a practice entry of at least half the exam's minutes."""
    return entry.kind == "practice" and entry.hours * 60 + _EPS >= HALF * minutes


def exams_taken(plan: Plan, today: dt.date | None = None) -> int:
    """Practice exams taken by ``today`` (all of them when ``None``).

    A sitting counts as an exam when a score was recorded for it, or when the
    practice time logged for it is at least half the exam's minutes. Per day,
    the results or the counted log entries, whichever are more: the TUI
    records both for one exam, ``planner log --practice`` only the log entry,
    and a hand-written file may hold only the result. Results and entries
    dated after ``today`` have not happened yet and are ignored.
    """
    results: dict[dt.date, int] = {}
    for r in plan.practice.results:
        if today is None or r.date <= today:
            results[r.date] = results.get(r.date, 0) + 1
    logged: dict[dt.date, int] = {}
    minutes = plan.practice.minutes
    for e in plan.log:
        if e.kind == "practice" and (today is None or e.date <= today) and counts_as_exam(e, minutes):
            logged[e.date] = logged.get(e.date, 0) + 1
    return sum(max(results.get(d, 0), logged.get(d, 0)) for d in results.keys() | logged.keys())


def spread_sittings(hours: Sequence[float], count: int, exam_hours: float) -> tuple[list[int], int]:
    """Sittings per day for days of ``hours`` (in date order, the last nearest the exam), and those left over.

    One a day first, backwards from the exam, on the days long enough for
    one; then a second on the days long enough for two, and so on.
    """
    slots = [max(0, math.floor(h / exam_hours + _EPS)) for h in hours] if exam_hours > 0 else [0] * len(hours)
    room = sum(slots)
    if count >= room:
        return slots, count - room
    if count <= 0:
        return [0] * len(hours), 0
    level = 1  # the smallest number of sittings a day that holds them all
    while sum(min(s, level) for s in slots) < count:
        level += 1
    out = [min(s, level - 1) for s in slots]
    left = count - sum(out)
    for d in range(len(out) - 1, -1, -1):
        if left == 0:
            break
        if slots[d] >= level:
            out[d] += 1
            left -= 1
    return out, 0
