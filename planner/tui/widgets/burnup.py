"""A burn-up chart of planned against done hours, drawn with block characters."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

_EIGHTHS = " ▁▂▃▄▅▆▇█"


class BurnUp(Widget):
    """Cumulative hours per week: the plan as a shaded area, what was done as solid bars."""

    DEFAULT_CSS = """
    BurnUp { height: 10; min-width: 20; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._planned: list[float] = []
        self._done: list[float] = []
        self._now: int | None = None

    def set_series(self, planned: list[float], done: list[float], now: int | None) -> None:
        """Cumulative planned and done hours per week; ``now`` is the current week's index."""
        if (planned, done, now) != (self._planned, self._done, self._now):
            self._planned, self._done, self._now = planned, done, now
            self.refresh()

    def render(self) -> Content:
        width, height = self.size.width, self.size.height
        if not self._planned or width < 8 or height < 3:
            return Content("")
        top = max(max(self._planned), max(self._done or [0.0])) or 1.0
        axis = f"{top:.0f} h"
        plot_width = max(1, width - len(axis) - 1)
        rows = height - 1
        n = len(self._planned)
        per_week = max(1, plot_width // n)
        columns = []
        for x in range(min(plot_width, n * per_week)):
            w = min(n - 1, x // per_week) if n * per_week <= plot_width else min(n - 1, int(x * n / plot_width))
            done = self._done[w] if (self._now is None or w <= self._now) and w < len(self._done) else None
            columns.append((self._planned[w], done, w == self._now))
        lines: list[Content] = []
        for r in range(rows):
            level_top = (rows - r) / rows * top
            level_bottom = (rows - r - 1) / rows * top
            pieces: list[tuple[str, str]] = [(axis if r == 0 else " " * len(axis), "$text-muted"), (" ", "")]
            for planned, done, is_now in columns:
                # Done is a solid bar (in eighths); the plan above it is shaded: the two differ
                # in shape, not only in colour.
                if done is not None and done > level_bottom:
                    fill = (done - level_bottom) / (level_top - level_bottom)
                    char, style = _EIGHTHS[max(0, min(8, round(fill * 8)))], "$success"
                elif planned > level_bottom + (level_top - level_bottom) / 2:
                    char, style = "░", "$primary"
                else:
                    char, style = " ", ""
                if is_now and char == " ":
                    char, style = "┊", "$accent"
                pieces.append((char, style))
            lines.append(Content.assemble(*pieces))
        legend = Content.assemble(
            ("0".rjust(len(axis)), "$text-muted"),
            " ",
            ("█ done", "$success"),
            "  ",
            ("░ planned", "$primary"),
            "  ",
            ("┊ now", "$accent"),
        )
        lines.append(legend)
        return Content("\n").join(lines)
