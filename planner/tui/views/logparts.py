"""What the Log screen says about the work done, from a ``Situation``: the heatmap's days, the streak,
and the hours per domain against the plan.

Pure drawing, no widgets (``logview.py`` shows these). The range of days and
the streak rules are those of the printed page: from the study start (or the
first day logged, when earlier) to today.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from textual.content import Content

from planner.core import fmt, streaks
from planner.core.views.totals import totals
from planner.tui.text import content, join
from planner.tui.widgets.heatmap import HeatDays

if TYPE_CHECKING:
    from planner.core.situation import Situation

__all__ = ["BAR_CELLS", "NAME_CELLS", "heat_days", "work_done"]

BAR_CELLS: Final = 12
"""A domain's bar of done against planned hours (half of it when the screen is narrow)."""
NAME_CELLS: Final = 20
"""A domain name beside its bar is clipped to this (14 when the screen is narrow)."""


def heat_days(s: Situation) -> HeatDays | None:
    """The days the heatmap covers, or ``None`` before study starts (nothing to show yet)."""
    plan, today = s.plan, s.schedule.today
    daily = streaks.daily_hours(plan.log)
    first = min([plan.study.start, *daily])
    last = min(today, plan.exam.date.date())
    if last < first:
        return None
    return HeatDays(daily, first, last, plan.study.week_starts)


def _streak_lines(s: Situation) -> list[Content]:
    plan, today = s.plan, s.schedule.today
    daily = streaks.daily_hours(plan.log)
    run = streaks.streaks(daily, today, streaks.rest_day(plan))
    week = sum(h for d, h in daily.items() if today - dt.timedelta(days=6) <= d <= today)
    current = Content.assemble(
        ("Streak ", "bold"),
        (fmt.plural(run.current, "day"), "bold $success" if run.current else "bold"),
        f" · longest {fmt.plural(run.longest, 'day')}",
    )
    recent = f"{fmt.hours_h(round(week, 2))} in the last 7 days"
    if run.current and not run.studied_today:
        recent += " · nothing logged today yet"
    return [current, Content.styled(recent, "$text-muted")]


def _bar(done: float, planned: float, cells: int) -> Content:
    filled = 0 if planned <= 0 else min(cells, round(done / planned * cells))
    return Content.assemble(("█" * filled, "$success"), ("░" * (cells - filled), "$text-muted"))


def work_done(s: Situation, *, narrow: bool = False) -> Content:
    """The streak, then each domain's study hours logged against the hours the plan gives it."""
    planned = {d.id: d.goal for d in totals(s.plan, s.schedule).domains}  # the dashboard's figures
    rows = streaks.by_domain(s.plan, planned)
    bar = BAR_CELLS // 2 if narrow else BAR_CELLS
    width = min(14 if narrow else NAME_CELLS, max((content(d.name).cell_length for d in rows), default=5))
    lines = [*_streak_lines(s), Content("")]
    for d in rows:
        name = content(d.name, width=width)
        pad = " " * (width - name.cell_length + 1)
        numbers = f" {fmt.hours(d.done)} of {fmt.hours_h(d.planned)}"
        lines.append(Content.assemble(name, pad, _bar(d.done, d.planned, bar), numbers))
    return join(lines)
