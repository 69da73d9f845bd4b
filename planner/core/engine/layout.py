"""Rules 3 and 5: one placement of the work into weeks, practice first, then domain blocks.

Practice sittings take their real minutes on the days of the window; what is
left of each week, rounded down to whole blocks, is the room for domain
study. Interleaved weeks mix the domains, each cell within one block of its
proportional value; sequential weeks take the domains in order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from planner.core.engine.calendar import EPS, Calendar
from planner.core.engine.practice import spread_sittings
from planner.core.rounding import apportion, round_table

__all__ = ["Layout", "Practice", "fill", "lay_out", "place_practice"]


def fill(room: Sequence[int], totals: Sequence[int], weights: Sequence[float], strategy: str) -> list[list[int]]:
    """Domain blocks into weeks: ``totals`` per domain, at most ``room`` per week, spread by each week's room."""
    week_study = apportion(sum(totals), room, room)
    if strategy != "sequential":
        return round_table(week_study, weights, totals)
    cells = [[0] * len(totals) for _ in room]
    w = 0
    left = list(week_study)
    for i, need in enumerate(totals):
        while need > 0:
            while left[w] == 0:
                w += 1
            take = min(need, left[w])
            cells[w][i] += take
            left[w] -= take
            need -= take
    return cells


class Practice:
    """The sittings placed, and the room they leave for domain study (plain slots: built twice per run)."""

    __slots__ = ("exams", "overflow", "practice", "room", "sittings")

    def __init__(
        self, sittings: list[int], exams: list[int], practice: list[float], room: list[int], overflow: int
    ) -> None:
        self.sittings = sittings
        """Practice sittings per study day."""
        self.exams = exams
        """Practice sittings per week."""
        self.practice = practice
        """Practice hours per week (the sittings' real minutes)."""
        self.room = room
        """Blocks of domain study each week can hold once its practice is placed."""
        self.overflow = overflow
        """Practice sittings that found no day long enough."""


class Layout(Practice):
    """One placement of the work: the practice, and the domain blocks in the room it left."""

    __slots__ = ("cells", "placed", "unplaced")

    def __init__(self, practice: Practice, cells: list[list[int]], placed: list[int], unplaced: int) -> None:
        super().__init__(practice.sittings, practice.exams, practice.practice, practice.room, practice.overflow)
        self.cells = cells
        """[week][domain] blocks placed."""
        self.placed = placed
        """Blocks placed per domain."""
        self.unplaced = unplaced
        """Domain blocks asked for that did not fit."""


def place_practice(cal: Calendar, avail: list[float], count: int) -> Practice:
    """``count`` sittings on the window's days of ``avail`` hours; the rest of each week, in blocks, is room."""
    days = len(avail)
    lo = min(days, max(0, cal.index(cal.window_start))) if days else 0
    in_window, overflow = spread_sittings(avail[lo:], count, cal.exam_hours)
    sittings = [0] * lo + in_window
    exams = [sum(sittings[a:b]) for a, b in cal.bounds]
    practice = [k * cal.exam_hours for k in exams]
    room = [
        max(0, math.floor((math.fsum(avail[a:b]) - p) / cal.g + EPS))
        for (a, b), p in zip(cal.bounds, practice, strict=True)
    ]
    return Practice(sittings, exams, practice, room, overflow)


def lay_out(practice: Practice, totals: list[int], weights: Sequence[float], strategy: str) -> Layout:
    """Domain ``totals`` (blocks per domain) into the room ``practice`` left.

    When they do not fit, what fits is split by ``weights`` and the rest is
    ``unplaced``. Cells follow ``weights``.
    """
    free = sum(practice.room)
    unplaced = max(0, sum(totals) - free)
    placed = apportion(free, weights) if unplaced else list(totals)
    return Layout(practice, fill(practice.room, placed, weights, strategy), placed, unplaced)
