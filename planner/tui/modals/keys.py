"""Every key of the planner, with what it does, on one screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


def _rows() -> list[tuple[str, str, str, str]]:
    from planner.tui.app import PlannerApp
    from planner.tui.views.logview import LogView
    from planner.tui.views.planform import PlanView
    from planner.tui.views.resources import ResourcesView

    rows = []
    for where, bindings in (
        ("everywhere", PlannerApp.BINDINGS),
        ("Resources", ResourcesView.BINDINGS),
        ("Plan", PlanView.BINDINGS),
        ("Log", LogView.BINDINGS),
    ):
        for b in bindings:
            if isinstance(b, Binding):
                key = b.key_display or b.key.replace(",", " / ")
                rows.append((where, key, b.description, b.tooltip))
    rows.append(("everywhere", "ctrl+p", "Command palette", "Search every command"))
    rows.append(("everywhere", "tab / shift+tab", "Next / previous field", "Move the focus"))
    rows.append(("Schedule", "↑ ↓ enter", "Choose a week", "Shows the week's days and what is due"))
    rows.append(("Practice timer", "space / enter / escape", "Pause / finish / abandon", ""))
    return rows


class KeysScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss", "Close", id="keys.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="keys-dialog"):
            yield Static("Every key (↑↓ to scroll, escape closes)", classes="dialog-title")
            table: DataTable[Text] = DataTable(id="keys-table", cursor_type="row")
            yield table

    def on_mount(self) -> None:
        table = self.query_one("#keys-table", DataTable)
        for title in ("Where", "Key", "What it does"):
            table.add_column(title)
        for where, key, does, detail in _rows():
            table.add_row(Text(where), Text(key, style="bold"), Text(f"{does}: {detail}" if detail else does))
        table.focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
