"""Where a day's sessions go when the calendars hold busy time inside its study window.

Rule 8 takes busy time off a day's *hours*; a person also expects it taken off
the *clock*: with a class 19:30-20:30, Monday's hour of study is 19:00-19:30
and 20:30-21:00, not 19:00-20:00 on top of the class. The window is rule 8's
(the day's start time, or early enough to end by 23:00, lasting the day's
hours before busy time), and its free time is what the busy intervals leave:

- the day begins at its start time, or early enough for the free time left
  in the window to hold all of it;
- study runs through the free time in order, cut in two around a meeting; a
  free stretch shorter than one block is passed over while the rest of the
  window still has room for what is left of the day;
- a practice sitting needs one free stretch as long as its minutes: where the
  stretch it would start in is too short it moves to the next one that holds
  it, else to the latest earlier one; study that then finds no room before the
  window ends fills the free time the sitting left behind (from the start on
  first, then the nearest time before it);
- with no free stretch long enough, a sitting is cut around the meetings
  (``Placed.piece`` says which sitting a part belongs to, so the caller can say so);
- should the window's free time be shorter than the day (busy intervals that
  rule 8 did not count), the rest runs after the window, then before it,
  flagged ``outside``; a session never sits on busy time and never crosses midnight.

Times are whole minutes after the day's midnight on its wall clock, so this
module knows nothing of dates, zones or the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

__all__ = ["DAY_MINUTES", "Placed", "Span", "free_spans", "lay_out"]

DAY_MINUTES: Final = 24 * 60
"""A session never crosses midnight: every time here lies in 0 .. DAY_MINUTES."""

Span = tuple[int, int]
"""[start, end) in minutes after midnight."""


class Placed(NamedTuple):
    start: int
    end: int
    piece: int
    """Index of the piece (sitting, review or study) the minutes belong to."""
    outside: bool
    """Laid outside the study window, because its free time could not hold the day."""


def free_spans(window: Span, busy: Sequence[Span]) -> list[Span]:
    """``window`` less ``busy`` (any order, overlapping or not), as sorted disjoint spans."""
    out: list[Span] = []
    at, end = window
    for a, b in sorted(busy):
        if b <= at:
            continue
        if a >= end:
            break
        if a > at:
            out.append((at, a))
        at = b
    if at < end:
        out.append((at, end))
    return out


class _Free:
    """The free minutes not used yet: sorted, disjoint spans."""

    __slots__ = ("spans",)

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = [s for s in spans if s[1] > s[0]]

    def after(self, at: int) -> int:
        """Free minutes from ``at`` on."""
        return sum(b - max(a, at) for a, b in self.spans if b > at)

    def use(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` used; it lies inside one free span."""
        for i, (a, b) in enumerate(self.spans):
            if a <= start and end <= b:
                self.spans[i : i + 1] = [s for s in ((a, start), (end, b)) if s[1] > s[0]]
                return

    def start(self, at: int, total: int) -> int:
        """Where a day of ``total`` minutes begins: at ``at``, or late as can be with room for it all after."""
        if self.after(at) >= total:
            return at
        need = total
        for a, b in reversed(self.spans):
            if b - a >= need:
                return b - need
            need -= b - a
        return self.spans[0][0] if self.spans else at

    def forward(self, at: int, minutes: int, block: int, later: int) -> tuple[list[Span], int]:
        """Up to ``minutes`` free minutes from ``at`` on, in order (used up), and the minutes that found no room.

        A stretch shorter than ``block`` is passed over when what comes after it
        still holds these minutes and the ``later`` ones.
        """
        got: list[Span] = []
        for a, b in list(self.spans):
            if minutes <= 0:
                break
            if b <= at:
                continue
            lo = max(a, at)
            if b - lo < block and self.after(b) >= minutes + later:
                continue
            take = min(b - lo, minutes)
            got.append((lo, lo + take))
            minutes -= take
        for span in got:
            self.use(*span)
        return got, minutes

    def holding(self, at: int, minutes: int) -> Span | None:
        """Where a sitting of ``minutes`` goes whole: at ``at``, else the next stretch for it, else an earlier one."""
        for a, b in self.spans:
            if b > at and b - max(a, at) >= minutes:
                return max(a, at), max(a, at) + minutes
        for a, b in reversed(self.spans):
            if a < at and b - a >= minutes:
                return b - minutes, b
        return None

    def holes(self, pivot: int, minutes: int) -> tuple[list[Span], int]:
        """Up to ``minutes`` of what is free: from ``pivot`` on first, then backwards from it (used up)."""
        got: list[Span] = []
        for a, b in self.spans:
            if minutes > 0 and b > pivot:
                lo = max(a, pivot)
                take = min(b - lo, minutes)
                got.append((lo, lo + take))
                minutes -= take
        for a, b in reversed(self.spans):
            if minutes > 0 and a < pivot:
                hi = min(b, pivot)
                take = min(hi - a, minutes)
                got.append((hi - take, hi))
                minutes -= take
        for span in got:
            self.use(*span)
        return got, minutes


def lay_out(
    pieces: Sequence[tuple[int, bool]], window: Span, busy: Sequence[Span], start_at: int, block: int
) -> list[Placed]:
    """The minutes of each piece (``(minutes, is a sitting)``, in the day's order), placed around ``busy``.

    ``start_at`` is the day's start time, ``block`` the smallest block of study
    (both in minutes). The answer is in time order; a piece may be in several
    parts. Only a day with more minutes than midnight allows loses the rest.
    """
    free = _Free(free_spans(window, busy))
    total = sum(m for m, _ in pieces)
    at = free.start(min(max(start_at, window[0]), window[1]), total)
    pivot = at
    placed: list[Placed] = []
    left: list[tuple[int, int]] = []
    for k, (minutes, sitting) in enumerate(pieces):
        later = sum(m for m, _ in pieces[k + 1 :])
        whole = free.holding(at, minutes) if sitting else None
        if whole is not None:
            free.use(*whole)
            spans, short = [whole], 0
        else:
            spans, short = free.forward(at, minutes, 0 if sitting else block, later)
        placed.extend(Placed(a, b, k, False) for a, b in spans)
        at = spans[-1][1] if spans else at
        if short:
            left.append((k, short))
    outside = _Free(free_spans((0, window[0]), busy) + free_spans((window[1], DAY_MINUTES), busy))
    for k, minutes in left:
        spans, short = free.holes(pivot, minutes)
        placed.extend(Placed(a, b, k, False) for a, b in spans)
        spans, _ = outside.holes(window[1], short)
        placed.extend(Placed(a, b, k, True) for a, b in spans)
    return sorted(placed)
