"""Every key of the planner, with what it does, on one screen.

The rows are handed in (the app knows its own keys and its views'), so this
screen imports nothing of the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from planner.tui.bindings import KeyRow

__all__ = ["KeysScreen"]

_MIN_WHAT: Final = 24
"""Cells of the last column however narrow the terminal: below that the table scrolls sideways."""
_SCROLLBAR: Final = 2
"""The table's vertical scrollbar, which the rows do not draw under."""


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
        self.query_one("#keys-table", DataTable).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """The rows, with what a key does wrapped to the room the table has (not cut at the right edge)."""
        table: DataTable[Text] = self.query_one("#keys-table", DataTable)
        where = max((cell_len(r.where) for r in self._rows), default=5)
        key = max((cell_len(r.key) for r in self._rows), default=3)
        padding = 2 * table.cell_padding * 3
        room = table.scrollable_content_region.width - where - key - padding - _SCROLLBAR
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Where", width=where)
        table.add_column("Key", width=key)
        table.add_column("What it does", width=max(_MIN_WHAT, room))
        for r in self._rows:
            does = f"{r.what}: {r.detail}" if r.detail else r.what
            table.add_row(Text(r.where), Text(r.key, style="bold"), Text(does), height=None)
        table.move_cursor(row=row)

    def action_close(self) -> None:
        self.dismiss(None)
