"""Log: the work done. Days studied as a heatmap, the streak, hours per domain, and every session.

The heatmap and the streak are what keeps a person going (and shows the
gaps honestly); the table below is where a session is added, edited or
deleted. The numbers are ``core.streaks``'s, the same ``planner status``
and the printed page give.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from planner.core import fmt
from planner.core.model import LogEntry, Plan
from planner.tui import usecases
from planner.tui.messages import ActionRequested, EditRequested, Say
from planner.tui.modals.confirm import ConfirmScreen
from planner.tui.text import content, rich_text
from planner.tui.views.base import SessionTarget, ShowsSituation
from planner.tui.views.logparts import heat_days, work_done
from planner.tui.widgets.heatmap import HeatmapChart

if TYPE_CHECKING:
    from planner.core.situation import Situation


_CELLS: Final = {False: (30, 30, 40), True: (16, 16, 14)}
"""What, Resource and Note are clipped to these cells, narrow or not: at 80 columns every column shows."""


class LogView(ShowsSituation, Vertical):
    NARROW: ClassVar[int] = 100
    """Below this many columns the heatmap keeps fewer weeks and the domain bars are shorter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="log.add", tooltip="Add a session"),
        Binding("e", "edit", "Edit", id="log.edit", tooltip="Edit the selected session"),
        Binding("d,delete", "delete", "Delete", id="log.delete", tooltip="Delete the selected session"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[tuple[int, LogEntry], ...] | None = None
        """The rows the table shows; ``None`` before the first show, so an empty log still gets its column heads."""
        self._plan: Plan | None = None
        self._today: dt.date | None = None
        self._situation: Situation | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="log-top"):
            with Vertical(id="heat-card", classes="card"):
                yield HeatmapChart(id="heatmap")
                yield Static(id="heat-empty")
            with Vertical(id="work-card", classes="card"):
                yield Static(id="work-done")
        yield Static(id="log-summary")
        table: DataTable[Text] = DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield table

    def focus_main(self) -> None:
        for table in self.query("#log-table").results(DataTable):
            table.focus()

    def show(self, s: Situation) -> None:
        plan = self._plan = s.plan
        self._today = s.now.date()
        self._show_work(s)
        table: DataTable[Text] = self.query_one("#log-table", DataTable)
        order = sorted(range(len(plan.log)), key=lambda i: (plan.log[i].date, i), reverse=True)
        rows = tuple((i, plan.log[i]) for i in order)
        if rows != self._shown:
            cursor = table.cursor_row
            table.clear()
            if not table.columns:
                for title, key in (
                    ("Date", "date"),
                    ("Hours", "hours"),
                    ("What", "what"),
                    ("Resource", "resource"),
                    ("Note", "note"),
                ):
                    table.add_column(title, key=key)
            what_cells, resource_cells, note_cells = _CELLS[self.narrow]
            names = {d.id: d.name for d in plan.domains}
            titles = {r.id: r.title for r in plan.resources}
            for i, e in rows:
                what = "practice exam" if e.kind == "practice" else names.get(e.domain or "", e.domain or "")
                table.add_row(
                    Text(f"{e.date:%a %d %b %Y}"),
                    Text(fmt.hours(e.hours), justify="right"),
                    rich_text(what, width=what_cells),
                    rich_text(titles.get(e.resource or "", ""), width=resource_cells),
                    rich_text(e.note, width=note_cells),
                    key=str(i),
                )
            self._shown = rows
            if rows:
                table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
        total = sum(e.hours for e in plan.log)
        self.query_one("#log-summary", Static).update(
            Content(
                f"{fmt.plural(len(plan.log), 'session')} · {fmt.hours_h(total)} logged"
                " · a add · e edit · d delete · l from anywhere"
            )
        )

    def watch_narrow(self, narrow: bool) -> None:
        super().watch_narrow(narrow)
        if self._situation is not None:
            self._shown = None  # the rows again, clipped to the new widths
            self.query_one("#log-table", DataTable).clear(columns=True)
            self.show(self._situation)

    def _show_work(self, s: Situation) -> None:
        self._situation = s
        days = heat_days(s)
        chart = self.query_one("#heatmap", HeatmapChart)
        chart.show_days(days)
        chart.display = days is not None
        empty = self.query_one("#heat-empty", Static)
        empty.display = days is None
        if days is None:
            empty.update(Content(f"Study starts on {fmt.day_month(s.plan.study.start)}."))
        card = self.query_one("#heat-card", Vertical)
        card.border_title = "Days studied"
        most = max((h for d, h in days.daily.items() if days.first <= d <= days.last), default=0.0) if days else 0.0
        card.border_subtitle = f"darkest {fmt.hours_h(most)}" if most else ""
        work = self.query_one("#work-card", Vertical)
        work.border_title = "Streak and hours per domain"
        self.query_one("#work-done", Static).update(work_done(s, narrow=self.narrow))

    def session_target(self) -> SessionTarget | None:
        """The domain and resource of the highlighted session: study more of the same."""
        chosen = self._selected_entry() if self.screen.focused is self.query_one("#log-table") else None
        if chosen is None or chosen[1].domain is None:
            return None
        return SessionTarget(chosen[1].domain, chosen[1].resource)

    def _selected_entry(self) -> tuple[int, LogEntry] | None:
        plan = self._plan
        table = self.query_one("#log-table", DataTable)
        if plan is None or not plan.log or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return None
        index = int(key)
        return index, plan.log[index]

    def action_add(self) -> None:
        self.post_message(ActionRequested("add_log"))

    @on(DataTable.RowSelected, "#log-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        from planner.tui.modals.log_form import LogForm

        chosen = self._selected_entry()
        if chosen is None or self._plan is None or self._today is None:
            return
        index, entry = chosen
        today = self._today

        def done(result: LogEntry | None) -> None:
            if result is not None:
                edit = partial(usecases.replace_log, old=entry, new=result, hint=index, today=today)
                self.post_message(EditRequested(edit, "edit a session"))

        self.app.push_screen(LogForm(self._plan, self._today, entry), done)

    def action_delete(self) -> None:
        chosen = self._selected_entry()
        if chosen is None:
            return
        index, entry = chosen
        what = f"the session of {entry.date} ({fmt.hours_h(entry.hours)}"
        what += f", {entry.note})" if entry.note else ")"

        def answered(yes: bool | None) -> None:  # asked first, as a card on the board is
            if yes:
                edit = partial(usecases.delete_log, entry=entry, hint=index)
                self.post_message(EditRequested(edit, "delete a session"))
                self.post_message(Say(f"Deleted {what}; ctrl+z brings it back"))

        self.app.push_screen(ConfirmScreen(content(f"Delete {what}? (ctrl+z brings it back)")), answered)
