"""Every key of the planner, with what it does, on one screen.

The rows are handed in (the app knows its own keys and its views'), so this
screen imports nothing of the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from planner.tui.bindings import KeyRow

__all__ = ["KeysScreen"]


class KeysScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="keys.close", tooltip="Back to the plan"),
    ]

    def __init__(self, rows: Sequence[KeyRow]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="keys-dialog"):
            yield Static("Every key (↑↓ to scroll, escape closes)", classes="dialog-title")
            table: DataTable[Text] = DataTable(id="keys-table", cursor_type="row")
            yield table

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#keys-table", DataTable)
        for title in ("Where", "Key", "What it does"):
            table.add_column(title)
        for row in self._rows:
            does = f"{row.what}: {row.detail}" if row.detail else row.what
            table.add_row(Text(row.where), Text(row.key, style="bold"), Text(does))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
