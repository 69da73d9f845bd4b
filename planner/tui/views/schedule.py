"""Schedule: every week by domain, the chosen week's days, and the burn-up chart."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from planner.core import fmt
from planner.core.safetext import clean
from planner.core.views.labels import domain_labels
from planner.tui.text import join, label
from planner.tui.views.base import ShowsSituation
from planner.tui.widgets.burnup import BurnUp
from planner.tui.widgets.grid import Cell, CellGrid

if TYPE_CHECKING:
    from planner.core.situation import Situation
    from planner.core.views.totals import Row


@lru_cache(maxsize=4096)  # a replan formats a few thousand cells from a few dozen distinct values
def _h(value: float) -> str:
    return fmt.hours(value) if value else "·"


@lru_cache(maxsize=4096)
def _hours_cell(hours: float, style: str = "") -> Cell:
    return Cell(_h(hours), style, right=True)


def _week_cells(row: Row, ids: tuple[str, ...], busy: bool) -> tuple[Cell, ...]:
    """A week as the CLI's table has it (done on past days, planned from today); a past cell done in full is green.

    With ``busy`` (a plan with calendars) the hours its busy time took off follow the hours available.
    """
    w = row.week
    marker = "▶ " if w.state == "current" else "  "
    cells = [Cell(f"{marker}{w.start:%a %d %b}"), Cell(fmt.hours(row.available), right=True)]
    if busy:
        cells.append(_hours_cell(w.busy_hours, "yellow"))
    for i in ids:
        value = row.cells.get(i, 0.0)
        planned = w.planned_hours.get(i, 0.0)
        met = w.state == "past" and planned > 0 and w.done_hours.get(i, 0.0) >= planned
        cells.append(_hours_cell(value, "green" if met else ""))
    cells.append(_hours_cell(row.practice, "cyan"))
    cells.append(Cell(fmt.hours(row.total), "bold", right=True))  # a total is a number, 0 included
    notes = []
    if w.practice_exams:
        notes.append(f"{w.practice_exams} practice")
    if w.blackout_days:
        notes.append(f"{w.blackout_days}d off")
    if w.resources_due:
        notes.append(f"{len(w.resources_due)} due")
    cells.append(Cell(", ".join(notes)))
    return tuple(cells)


class ScheduleView(ShowsSituation, Vertical):
    """The weeks in a grid whose rows are redrawn only when the plan re-flows them."""

    NARROW: ClassVar[int] = 100
    """Below this many columns the burn-up chart gives its room to the week's days."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._situation: Situation | None = None
        self._rows: tuple[Row, ...] = ()
        self._cursor_placed = False
        self._detail_lines = -1

    def compose(self) -> ComposeResult:
        grid = CellGrid(id="weeks")
        grid.tooltip = "Move to a week (arrow keys or a click) to see its days"
        yield grid
        with Horizontal(id="schedule-lower"):
            yield Static(id="week-detail", classes="card")
            with Vertical(id="burnup-card", classes="card"):
                yield Static("Burn-up: hours planned and done", classes="card-title")
                yield BurnUp(id="burnup")

    def focus_main(self) -> None:
        for grid in self.query("#weeks").results(CellGrid):
            grid.focus()

    def show(self, s: Situation) -> None:
        from planner.core.views.totals import totals

        self._situation = s
        self._rows = totals(s.plan, s.schedule).rows
        grid = self.query_one("#weeks", CellGrid)
        ids = tuple(d.id for d in s.plan.domains)
        busy = bool(s.plan.calendars)
        headers = [Cell("Week"), Cell("Avail", right=True), *([Cell("Busy", right=True)] if busy else [])]
        headers += [Cell(text, right=True) for text in domain_labels(list(ids))]
        headers += [Cell("Prac", right=True), Cell("Total", right=True), Cell("Notes")]
        grid.set_rows(headers, [_week_cells(r, ids, busy) for r in self._rows], [r.week.state for r in self._rows])
        if not self._cursor_placed and s.schedule.current_week is not None:
            grid.move_cursor(s.schedule.current_week)
            self._cursor_placed = True
            self.call_after_refresh(grid.reveal_cursor)  # this week in view, however many weeks came before
        self._burnup(s)
        self._detail()

    def _burnup(self, s: Situation) -> None:
        planned, done, now = [], [], s.schedule.current_week
        run_planned = run_done = 0.0
        for w in s.schedule.weeks:
            run_planned += w.planned_total
            run_done += w.done_total
            planned.append(run_planned)
            done.append(run_done)
        if now is None and s.schedule.weeks and s.schedule.today > s.schedule.weeks[-1].end:
            now = len(s.schedule.weeks) - 1
        self.query_one("#burnup", BurnUp).set_series(planned, done, now)

    @on(CellGrid.RowHighlighted, "#weeks")
    def _row_moved(self) -> None:
        self._detail()

    def _detail(self) -> None:
        from planner.core.views.week import day_lines

        s = self._situation
        if s is None or not self._rows:
            return
        grid = self.query_one("#weeks", CellGrid)
        row = self._rows[min(max(grid.cursor_row, 0), len(self._rows) - 1)]
        week, plan = row.week, s.plan
        # A narrow panel uses the grid's short labels (DE, EDA, ...), so a day stays on one line.
        short = self.query_one("#week-detail", Static).size.width < 64
        labels = dict(
            zip(
                (clean(d.name, one_line=True) for d in plan.domains),
                domain_labels([d.id for d in plan.domains]),
                strict=True,
            )
        )
        busy = f" · {fmt.hours_h(week.busy_hours)} busy" if plan.calendars else ""
        lines = [label((f"Week of {fmt.day(week.start)}", "bold"), f" · {week.state} · {fmt.hours_h(row.total)}{busy}")]
        for day in day_lines(s, week, row.total):
            parts: list[tuple[str, str] | str] = [
                (f"{day.date:%a %d}", "bold" if day.state == "today" else ""),
                f" {fmt.hours(day.hours):>4} h  ",
            ]
            items: list[tuple[str, str] | str] = []
            if day.practice_exams:
                items.append((f"practice exam ×{day.practice_exams}", "$accent"))
            items.extend(f"{labels.get(n, n) if short else n} {fmt.hours_h(h)}" for n, h in day.study)
            items.extend(
                (f"done: {labels.get(n, n) if short else n} {fmt.hours_h(h)}", "$success") for n, h in day.done
            )
            for k, item in enumerate(items or [("—", "$text-muted")]):
                parts.extend([", "] if k else [])
                parts.append(item)
            if day.note:
                parts.append((f"  ({day.note})", "$warning"))
            lines.append(label(*parts))
        if week.resources_due:
            lines.append(label((f"Due by {fmt.day_month(week.end)}", "bold")))
            for rid in week.resources_due:
                r = plan.resource(rid)
                if r is not None:
                    lines.append(label("  [x] " if r.status == "done" else "  [ ] ", r.title))
        # The panel has a fixed size: when the number of lines is the same, no relayout is needed.
        self.query_one("#week-detail", Static).update(join(lines), layout=len(lines) != self._detail_lines)
        self._detail_lines = len(lines)
