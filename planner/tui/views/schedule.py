"""Schedule: every week by domain, the chosen week's days, and the burn-up chart."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from planner.days import week_days
from planner.engine import Week
from planner.report import domain_labels
from planner.situation import Situation
from planner.tui.text import content, join, label
from planner.tui.widgets.burnup import BurnUp


def _h(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".") if hours else "·"


def _key(cell: Text) -> tuple[str, str, str]:
    """What a cell shows; rich's ``Text ==`` ignores the base style, so compare this."""
    return (cell.plain, str(cell.style), str(cell.justify))


class ScheduleView(Vertical):
    """The weeks in a table whose cells are updated in place when the plan re-flows."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: tuple[str, ...] = ()
        self._row_keys: tuple[str, ...] = ()
        self._cells: dict[tuple[str, str], tuple[str, str, str]] = {}
        self._situation: Situation | None = None

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="weeks", cursor_type="row", zebra_stripes=True)
        table.tooltip = "Enter or click a week to see its days"
        yield table
        with Horizontal(id="schedule-lower"):
            yield Static(id="week-detail", classes="card")
            with Vertical(id="burnup-card", classes="card"):
                yield Static("Burn-up: hours planned and done", classes="card-title")
                yield BurnUp(id="burnup")

    def show(self, s: Situation) -> None:
        self._situation = s
        plan, sched = s.plan, s.schedule
        table = self.query_one("#weeks", DataTable)
        ids = tuple(d.id for d in plan.domains)
        columns = ("week", "avail", *ids, "practice", "total", "notes")
        rows = tuple(w.start.isoformat() for w in sched.weeks)
        if columns != self._columns or rows != self._row_keys:
            table.clear(columns=True)
            labels = domain_labels(list(ids))
            table.add_column("Week", key="week")
            table.add_column("Avail", key="avail")
            for domain_id, lab in zip(ids, labels, strict=True):
                table.add_column(lab, key=domain_id)
            table.add_column("Prac", key="practice")
            table.add_column("Total", key="total")
            table.add_column("Notes", key="notes")
            self._cells = {}
            for w in sched.weeks:
                cells = self._week_cells(w, ids)
                table.add_row(*cells.values(), key=w.start.isoformat())
                for col, cell in cells.items():
                    self._cells[(w.start.isoformat(), col)] = _key(cell)
            self._columns, self._row_keys = columns, rows
            if sched.current_week is not None:
                table.move_cursor(row=sched.current_week, animate=False)
        else:
            for w in sched.weeks:
                row = w.start.isoformat()
                for col, cell in self._week_cells(w, ids).items():
                    if self._cells.get((row, col)) != _key(cell):
                        table.update_cell(row, col, cell)
                        self._cells[(row, col)] = _key(cell)
        self._burnup(s)
        self._detail()

    def _week_cells(self, w: Week, ids: tuple[str, ...]) -> dict[str, Text]:
        style = {"past": "dim", "current": "bold", "future": ""}[w.state]
        cells: dict[str, Text] = {}
        marker = "▶ " if w.state == "current" else "  "
        cells["week"] = Text(f"{marker}{w.start:%a %d %b}", style=style)
        cells["avail"] = Text(_h(w.capacity_hours), style=style, justify="right")
        for i in ids:
            if w.state == "past":
                planned = w.planned_hours.get(i, 0.0)
                done = w.done_hours.get(i, 0.0)
                text = f"{_h(done)}/{_h(planned)}" if planned or done else "·"
                cell_style = style + (" green" if done >= planned and planned else "")
                cells[i] = Text(text, style=cell_style, justify="right")
            else:
                cells[i] = Text(_h(w.hours.get(i, 0.0)), style=style, justify="right")
        cells["practice"] = Text(
            f"{w.practice_exams}×" if w.practice_exams else _h(w.practice_hours),
            style=style + " cyan",
            justify="right",
        )
        if w.state == "past":
            cells["total"] = Text(f"{_h(w.done_total)}/{_h(w.planned_total)}", style=style, justify="right")
        else:
            cells["total"] = Text(_h(w.study_hours + w.practice_hours), style=style + " bold", justify="right")
        notes = []
        if w.practice_exams:
            notes.append(f"{w.practice_exams} practice")
        if w.blackout_days:
            notes.append(f"{w.blackout_days}d off")
        if w.resources_due:
            notes.append(f"{len(w.resources_due)} due")
        cells["notes"] = Text(", ".join(notes), style=style)
        return cells

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

    @on(DataTable.RowHighlighted, "#weeks")
    def _row_moved(self) -> None:
        self._detail()

    def _detail(self) -> None:
        s = self._situation
        if s is None or not s.schedule.weeks:
            return
        table = self.query_one("#weeks", DataTable)
        index = min(max(table.cursor_row, 0), len(s.schedule.weeks) - 1)
        week = s.schedule.weeks[index]
        plan = s.plan
        names = {d.id: d.name for d in plan.domains}
        lines = [label((f"Week of {week.start:%a %d %b %Y}", "bold"), f" · {week.state}")]
        for day in week_days(plan, s.schedule, week):
            parts: list = [(f"{day.date:%a %d}", "bold" if day.state == "today" else ""), f" {day.capacity:>4g} h "]
            if day.note:
                parts.append((f"({day.note}) ", "$warning"))
            if day.practice_exams:
                parts.append((f"practice exam ×{day.practice_exams} ", "$accent"))
            for domain_id, hours in day.study:
                parts.append(f"{names[domain_id]} {hours:g} h; ")
            for domain_id, hours in day.done:
                parts.append(
                    (f"done {names.get(domain_id, 'practice') if domain_id else 'practice'} {hours:g} h; ", "$success")
                )
            lines.append(label(*parts))
        if week.resources_due:
            lines.append(label(("Due by the end of the week", "bold")))
            for rid in week.resources_due:
                r = plan.resource(rid)
                if r is not None:
                    box = "[x]" if r.status == "done" else "[ ]"
                    lines.append(label(f"  {box} ", content(r.title).plain))
        self.query_one("#week-detail", Static).update(join(lines))
