"""Hours per day as a contribution graph: a column per week, a row per weekday, darker for more.

The grid itself is ``core.streaks.heatmap``; this widget only fits it to its
width (the most recent weeks win when they do not all fit) and paints each
day with the shade of its ``Cell.level``. The shades are component classes,
so their colours live in ``planner.tcss`` with the rest and follow the theme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar, Final, NamedTuple

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from planner.core.streaks import LEVELS, Cell, Heatmap, heatmap

__all__ = ["CELL", "LABEL", "HeatDays", "HeatmapChart", "fit"]

CELL: Final = 2
"""Cells a week's column takes: the day's square and a space."""
LABEL: Final = 3
"""The weekday names on the left: ``Mo `` ."""
ROWS: Final = 9
"""The months' line, seven weekdays, the legend."""
GLYPH: Final = "■"
LEGEND: Final = "less " + " ".join(GLYPH * 1 for _ in range(LEVELS + 1)) + " more"


class HeatDays(NamedTuple):
    """What the chart shows: hours per day from ``first`` to ``last``, weeks cut at ``week_starts``."""

    daily: Mapping[dt.date, float]
    first: dt.date
    last: dt.date
    week_starts: str = "monday"


def fit(days: HeatDays, weeks: int) -> Heatmap:
    """The grid of the last ``weeks`` weeks of ``days`` (all of them when they fit).

    Shades stay those of the whole range: a day keeps its colour when the
    terminal narrows and older weeks drop off.
    """
    grid = heatmap(days.daily, days.first, days.last, days.week_starts)
    if len(grid.weeks) <= weeks:
        return grid
    kept = grid.weeks[len(grid.weeks) - max(1, weeks) :]
    first = min(c.date for week in kept for c in week if c is not None)
    return grid._replace(weeks=kept, first=first)


def _months(grid: Heatmap) -> str:
    """The month names over the weeks they begin in (the first week is named too, when there is room)."""
    line = [" "] * (LABEL + CELL * len(grid.weeks) + 3)
    free = 0
    for j, week in enumerate(grid.weeks):
        cells = [c for c in week if c is not None]
        if not cells:
            continue
        starts = next((c for c in cells if c.date.day == 1), None)
        shown = starts or (cells[0] if j == 0 else None)
        at = LABEL + CELL * j
        if shown is None or at < free:
            continue
        name = f"{shown.date:%b}"
        line[at : at + len(name)] = name
        free = at + len(name) + 1
    return "".join(line).rstrip()


class HeatmapChart(Widget):
    """The days studied, shaded by hours; handed ``HeatDays`` by its view."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"heatmap--level-{k}" for k in range(LEVELS + 1)),
        "heatmap--label",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: HeatDays | None = None

    def show_days(self, days: HeatDays | None) -> None:
        if days != self.days:
            self.days = days
            self.refresh(layout=True)

    def grid(self) -> Heatmap | None:
        """The weeks drawn at the present width."""
        if self.days is None:
            return None
        return fit(self.days, max(1, (self.size.width - LABEL) // CELL))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.days is None:
            return len(LEGEND) + LABEL
        days = self.days
        weeks = len(heatmap(days.daily, days.first, days.last, days.week_starts).weeks)
        return max(LABEL + CELL * weeks, LABEL + len(LEGEND))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return ROWS if self.days is not None else 1

    def _shade(self, cell: Cell | None) -> Content:
        if cell is None:
            return Content(" " * CELL)
        return Content.assemble((GLYPH, self.get_visual_style(f"heatmap--level-{cell.level}")), " ")

    def render(self) -> Content:
        grid = self.grid()
        if grid is None:
            return Content("")
        label = self.get_visual_style("heatmap--label")
        lines = [Content.styled(_months(grid), label)]
        for name, row in zip(grid.weekdays, grid.rows(), strict=True):
            lines.append(Content.assemble((f"{name[:2].capitalize()} ", label), *(self._shade(c) for c in row)))
        legend = [Content.styled(" " * LABEL + "less ", label)]
        for k in range(LEVELS + 1):
            legend.append(Content.assemble((GLYPH, self.get_visual_style(f"heatmap--level-{k}")), " "))
        legend.append(Content.styled("more", label))
        lines.append(Content.assemble(*legend))
        return Content("\n").join(lines)
