"""The file changed on disk while there are unsaved changes: reload, overwrite or save as."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from planner.tui.text import content


class ConflictScreen(ModalScreen[str | None]):
    """Dismissed with ``"reload"``, ``"overwrite"``, ``"save-as:PATH"`` or ``None`` (decide later)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "later", "Later", id="conflict.later")]

    def __init__(self, path: Path, *, broken: bool = False) -> None:
        super().__init__()
        self._path = path
        self._armed = False
        self._broken = broken

    def compose(self) -> ComposeResult:
        other = self._path.with_name(f"{self._path.stem}-mine.toml")
        with Vertical(classes="dialog wide"):
            yield Static("The plan changed on disk", classes="dialog-title")
            if self._broken:
                why = (
                    " was changed by another program and no longer loads. The planner will not write over it:"
                    " fix it in your editor, or save your version as another file."
                )
            else:
                why = (
                    " was changed by another program since the planner read it, and you have changes"
                    " that are not saved. Nothing has been overwritten."
                )
            yield Static(Content.assemble(content(str(self._path), "bold"), why))
            yield Input(str(other), id="save-as-path", compact=True)
            yield Static(id="conflict-hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Reload theirs", id="reload", variant="primary")
                yield Button("Save mine as…", id="save-as")
                yield Button("Overwrite theirs", id="overwrite", variant="error")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        if self._broken:
            self.query_one("#reload", Button).display = False
            self.query_one("#overwrite", Button).display = False
            self.query_one("#save-as", Button).focus()

    @on(Button.Pressed, "#reload")
    def _choose_reload(self) -> None:
        self.dismiss("reload")

    @on(Button.Pressed, "#save-as")
    def _save_as(self) -> None:
        self.dismiss("save-as:" + self.query_one("#save-as-path", Input).value.strip())

    @on(Button.Pressed, "#overwrite")
    def _overwrite(self) -> None:
        if not self._armed:
            self._armed = True
            self.query_one("#conflict-hint", Static).update(
                Content.styled("Press Overwrite again to replace the file on disk (it is kept as .bak).", "$warning")
            )
            return
        self.dismiss("overwrite")

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(None)
