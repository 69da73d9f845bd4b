"""Log: the study sessions, newest first; add, edit and delete them."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from planner.core.model import LogEntry, Plan
from planner.tui.text import rich_text
from planner.tui.views.base import ShowsSituation

if TYPE_CHECKING:
    from planner.core.situation import Situation


class LogView(ShowsSituation, Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="log.add", tooltip="Add a session"),
        Binding("e", "edit", "Edit", id="log.edit", tooltip="Edit the selected session"),
        Binding("d,delete", "delete", "Delete", id="log.delete", tooltip="Delete the selected session"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple = ()

    def compose(self) -> ComposeResult:
        yield Static(id="log-summary")
        table: DataTable[Text] = DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield table

    def focus_main(self) -> None:
        for table in self.query("#log-table").results(DataTable):
            table.focus()

    def show(self, s: Situation) -> None:
        plan = s.plan
        table = self.query_one("#log-table", DataTable)
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
            names = {d.id: d.name for d in plan.domains}
            titles = {r.id: r.title for r in plan.resources}
            for i, e in rows:
                what = "practice exam" if e.kind == "practice" else names.get(e.domain or "", e.domain or "")
                table.add_row(
                    Text(f"{e.date:%a %d %b %Y}"),
                    Text(f"{e.hours:g}", justify="right"),
                    rich_text(what, width=30),
                    rich_text(titles.get(e.resource or "", ""), width=30),
                    rich_text(e.note, width=40),
                    key=str(i),
                )
            self._shown = rows
            if rows:
                table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
        total = sum(e.hours for e in plan.log)
        self.query_one("#log-summary", Static).update(
            Content(
                f"{len(plan.log)} session{'s' if len(plan.log) != 1 else ''} · {total:g} h logged"
                " · a add · e edit · d delete · l from anywhere"
            )
        )

    def _selected_entry(self) -> tuple[int, LogEntry] | None:
        plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
        table = self.query_one("#log-table", DataTable)
        if plan is None or not plan.log or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return None
        index = int(key)
        return index, plan.log[index]

    def action_add(self) -> None:
        self.app.action_add_log()  # type: ignore[attr-defined]

    @on(DataTable.RowSelected, "#log-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        from planner.tui.modals.log_form import LogForm

        chosen = self._selected_entry()
        if chosen is None:
            return
        index, entry = chosen

        def done(result: LogEntry | None) -> None:
            plan: Plan | None = self.app.plan  # type: ignore[attr-defined]
            if result is None or plan is None:
                return
            # Found again by value: the log may have changed (a reload) while the form was open.
            at = index if index < len(plan.log) and plan.log[index] == entry else _find(plan.log, entry)
            if at is None:
                self.app.say("That session is no longer in the log (the file changed); nothing was edited.")  # type: ignore[attr-defined]
                return
            log = tuple(result if i == at else e for i, e in enumerate(plan.log))
            self.app.change(dataclasses.replace(plan, log=log), "edit a session")  # type: ignore[attr-defined]

        self.app.push_screen(LogForm(self.app.plan, entry.date, entry), done)  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        chosen = self._selected_entry()
        if chosen is None:  # also when no plan is open
            return
        index, entry = chosen
        plan: Plan = self.app.plan  # type: ignore[attr-defined]
        log = tuple(e for i, e in enumerate(plan.log) if i != index)
        self.app.change(dataclasses.replace(plan, log=log), "delete a session")  # type: ignore[attr-defined]
        self.app.say(f"Deleted the session of {entry.date} ({entry.hours:g} h); ctrl+z brings it back")  # type: ignore[attr-defined]


def _find(log: tuple[LogEntry, ...], entry: LogEntry) -> int | None:
    return next((i for i, e in enumerate(log) if e == entry), None)
