"""Schedule: every week by domain, the chosen week's days, and the burn-up chart."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from planner.core import fmt
from planner.core.engine import Week, week_days
from planner.core.report import domain_labels, hours
from planner.tui.text import join, label
from planner.tui.views.base import ShowsSituation
from planner.tui.widgets.burnup import BurnUp
from planner.tui.widgets.grid import Cell, CellGrid

if TYPE_CHECKING:
    from planner.core.situation import Situation


@lru_cache(maxsize=4096)  # a replan formats a few thousand cells from a few dozen distinct values
def _h(value: float) -> str:
    return hours(value) if value else "·"


@lru_cache(maxsize=4096)
def _hours_cell(hours: float) -> Cell:
    return Cell(_h(hours), right=True)


def _week_cells(w: Week, ids: tuple[str, ...]) -> tuple[Cell, ...]:
    """A week as a row: past weeks show done/planned, the current one is marked."""
    marker = "▶ " if w.state == "current" else "  "
    cells = [Cell(f"{marker}{w.start:%a %d %b}"), Cell(_h(w.capacity_hours), right=True)]
    for i in ids:
        if w.state == "past":
            planned, done = w.planned_hours.get(i, 0.0), w.done_hours.get(i, 0.0)
            text = f"{_h(done)}/{_h(planned)}" if planned or done else "·"
            cells.append(Cell(text, "green" if planned and done >= planned else "", right=True))
        else:
            cells.append(_hours_cell(w.hours.get(i, 0.0)))
    cells.append(Cell(f"{w.practice_exams}×" if w.practice_exams else _h(w.practice_hours), "cyan", right=True))
    if w.state == "past":
        cells.append(Cell(f"{_h(w.done_total)}/{_h(w.planned_total)}", right=True))
    else:
        cells.append(Cell(_h(w.study_hours + w.practice_hours), "bold", right=True))
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
        self._situation = s
        plan, sched = s.plan, s.schedule
        grid = self.query_one("#weeks", CellGrid)
        ids = tuple(d.id for d in plan.domains)
        headers = [Cell("Week"), Cell("Avail", right=True)]
        headers += [Cell(text, right=True) for text in domain_labels(list(ids))]
        headers += [Cell("Prac", right=True), Cell("Total", right=True), Cell("Notes")]
        grid.set_rows(headers, [_week_cells(w, ids) for w in sched.weeks], [w.state for w in sched.weeks])
        if not self._cursor_placed and sched.current_week is not None:
            grid.move_cursor(sched.current_week)
            self._cursor_placed = True
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
        s = self._situation
        if s is None or not s.schedule.weeks:
            return
        grid = self.query_one("#weeks", CellGrid)
        index = min(max(grid.cursor_row, 0), len(s.schedule.weeks) - 1)
        week = s.schedule.weeks[index]
        plan = s.plan
        # A narrow panel uses the grid's short labels (DE, EDA, ...), so a day stays on one line.
        short = self.query_one("#week-detail", Static).size.width < 64
        labels = domain_labels([d.id for d in plan.domains])
        names = {d.id: (labels[i] if short else d.name) for i, d in enumerate(plan.domains)}
        lines = [label((f"Week of {week.start:%a %d %b %Y}", "bold"), f" · {week.state}")]
        for day in week_days(plan, s.schedule, week):
            parts: list[tuple[str, str] | str] = [
                (f"{day.date:%a %d}", "bold" if day.state == "today" else ""),
                f" {fmt.hours(day.planned_hours):>4} h  ",
            ]
            items: list[tuple[str, str] | str] = []
            if day.practice_exams:
                items.append((f"practice exam ×{day.practice_exams}", "$accent"))
            items.extend(f"{names[domain_id]} {fmt.hours_h(hours)}" for domain_id, hours in day.study)
            items.extend(
                (
                    f"done: {names.get(domain_id, domain_id) if domain_id else 'practice'} {fmt.hours_h(hours)}",
                    "$success",
                )
                for domain_id, hours in day.done
            )
            for k, item in enumerate(items):
                parts.extend([", "] if k else [])
                parts.append(item)
            if day.note:
                parts.append((f"  ({day.note})", "$warning"))
            lines.append(label(*parts))
        if week.resources_due:
            lines.append(label(("Due by the end of the week", "bold")))
            for rid in week.resources_due:
                r = plan.resource(rid)
                if r is not None:
                    box = "[x]" if r.status == "done" else "[ ]"
                    lines.append(label(f"  {box} ", r.title))
        # The panel has a fixed size: when the number of lines is the same, no relayout is needed.
        self.query_one("#week-detail", Static).update(join(lines), layout=len(lines) != self._detail_lines)
        self._detail_lines = len(lines)
