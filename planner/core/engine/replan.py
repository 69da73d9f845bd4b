"""Rules 2, 4 and 7: the plan made at the start, and the plan re-flowed from today.

The *baseline* is the plan as it stood at ``study.start`` with nothing done:
it fixes each domain's total (the target less the practice, or every block
when there is no target). The *current* plan keeps those totals: what was
done counts against them, and only what remains is re-flowed over the days
from today, moved toward weak domains by their practice scores. Hours missed
in the past are never dropped: when the rest no longer fits, the schedule
says by how much (``shortfall_hours``), target or not. Without a target,
spare blocks left once every total is met are planned too, by share.
"""

from __future__ import annotations

import datetime as dt
import math

from planner.core.engine.calendar import Calendar
from planner.core.engine.layout import Layout, Practice, lay_out, place_practice
from planner.core.engine.progress import Progress
from planner.core.engine.weak import weak_shift
from planner.core.model import Plan
from planner.core.rounding import apportion

__all__ = ["Placement", "baseline", "reflow", "remaining_hours", "study_blocks"]


class Placement:
    """A layout with the totals it aims for (plain slots: built on every run)."""

    __slots__ = ("exams_left", "goal", "layout", "need", "shift")

    def __init__(self, layout: Layout, goal: list[int], need: list[int], shift: list[int], exams_left: int) -> None:
        self.layout = layout
        self.goal = goal
        """Each domain's total in blocks, fixed by the baseline."""
        self.need = need
        """Blocks still to do per domain, placed or not (after the weak-domain shift)."""
        self.shift = shift
        """Blocks moved toward weak domains (+) and from the others (-)."""
        self.exams_left = exams_left


def study_blocks(plan: Plan) -> int | None:
    """Blocks of domain study a target asks for: the target less the sittings' real hours, to the nearest block."""
    target = plan.study.target_hours
    if target is None:
        return None
    practice = plan.practice.count * plan.practice.minutes / 60
    return max(0, math.floor((target - practice) / plan.study.granularity_hours + 0.5))


def held_blocks(practice: Practice, cal: Calendar) -> int:
    """Blocks a plan without a target leaves free for the sittings that found no day long enough.

    Without a target every spare block is planned; counting the hours of the
    sittings left over on top would make a plan "short" of what is only a
    practice overflow (its own warning).
    """
    return max(0, math.ceil(practice.overflow * cal.exam_hours / cal.g - 1e-9))


def baseline(plan: Plan, cal: Calendar, shares: list[float]) -> Placement:
    """The plan made at ``study.start``: practice first, then the domain totals by share."""
    blocks = study_blocks(plan)
    practice = place_practice(cal, cal.hours, plan.practice.count)
    if blocks is None:
        blocks = max(0, sum(practice.room) - held_blocks(practice, cal))
    wanted = apportion(blocks, shares)
    layout = lay_out(practice, wanted, shares, plan.study.strategy)
    return Placement(layout, wanted, list(wanted), [0] * len(wanted), plan.practice.count)


def remaining_hours(cal: Calendar, today: dt.date, logged_from_today: dict[dt.date, float]) -> list[float]:
    """Hours left per study day: none before today; from today, the day less what is already logged on it."""
    if not logged_from_today:
        return [0.0 if day < today else h for day, h in zip(cal.dates, cal.hours, strict=True)]
    return [
        0.0 if day < today else max(0.0, h - logged_from_today.get(day, 0.0))
        for day, h in zip(cal.dates, cal.hours, strict=True)
    ]


def reflow(
    plan: Plan, cal: Calendar, today: dt.date, progress: Progress, base: Placement, shares: list[float]
) -> Placement:
    """The past as it was, and the rest of every domain's total placed in the days from today."""
    avail = remaining_hours(cal, today, progress.logged_from_today)
    exams_left = max(0, plan.practice.count - progress.exams_taken)
    practice = place_practice(cal, avail, exams_left)
    done_blocks = [cal.blocks(h) for h in progress.done]
    need = [max(0, t - d) for t, d in zip(base.goal, done_blocks, strict=True)]
    shift = weak_shift(plan, today, need, base.goal)
    wanted = [n + s for n, s in zip(need, shift, strict=True)]
    spare = sum(practice.room) - held_blocks(practice, cal) - sum(wanted)
    if plan.study.target_hours is None and spare > 0:  # every available hour is planned
        wanted = [w + e for w, e in zip(wanted, apportion(spare, shares), strict=True)]
    weights = [float(x) for x in wanted] if sum(wanted) > 0 else shares
    layout = lay_out(practice, wanted, weights, plan.study.strategy)
    return Placement(layout, base.goal, wanted, shift, exams_left)
