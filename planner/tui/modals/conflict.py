"""The plan file and the plan disagree and the planner will not choose alone: ask.

Shown when the file changed on disk under unsaved changes, stopped loading,
went away, or could not be written on the way out. The buttons are the
answers that make sense for that case; the result is an ``edge.sync.Answer``.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from planner.edge.sync import Answer, Ask, Choice
from planner.tui.text import content, kept, shown_path
from planner.tui.widgets.textfield import TextField

__all__ = ["ConflictScreen"]

_WHY: Final = {
    "changed": (
        " was changed by another program since the planner read it, and you have changes"
        " that are not saved. Nothing has been overwritten."
    ),
    "broken": (
        " was changed by another program and no longer loads. The planner will not write over it:"
        " fix it in your editor, or save your version as another file."
    ),
    "missing": " was removed or renamed since the planner read it, and you have changes that are not saved.",
    "failed": " could not be saved: ",
}
_BUTTONS: Final = {
    "changed": ("reload", "save-as", "overwrite"),
    "broken": ("save-as",),
    "missing": ("write-again", "save-as"),
    "failed": ("save-as",),
}
"""The answers offered for each reason, besides "later" (and "quit" on the way out)."""


class ConflictScreen(ModalScreen[Answer]):
    """Dismissed with the person's ``Answer``; escape is "later"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="conflict.later", tooltip="Decide later; nothing is written"),
    ]

    def __init__(self, path: Path, ask: Ask) -> None:
        super().__init__()
        self._path = path
        self._ask = ask
        self._armed = False

    def _other(self) -> Path:
        """The file "Save mine as" suggests: beside the plan, named after it."""
        return self._path.with_name(f"{self._path.stem}-mine.toml")

    def compose(self) -> ComposeResult:
        ask = self._ask
        other = self._other()
        offered = _BUTTONS[ask.why]
        with Vertical(classes="dialog wide"):
            title = "The plan could not be saved" if ask.why == "failed" else "The plan changed on disk"
            yield Static(title, classes="dialog-title")
            yield Static(
                Content.assemble(content(shown_path(self._path), "bold"), _WHY[ask.why], content(ask.detail)),
                id="conflict-why",
            )
            yield TextField(shown_path(other), id="save-as-path", compact=True)
            yield Static(id="conflict-hint", classes="hint")
            with Horizontal(classes="buttons", id="conflict-buttons"):
                # Compact, short labels: five answers fit 80 columns.
                if "reload" in offered:
                    yield Button("Reload theirs", id="reload", variant="primary", compact=True)
                if "write-again" in offered:
                    yield Button("Write it again", id="write-again", variant="primary", compact=True)
                yield Button("Save mine as…", id="save-as", compact=True)
                if "overwrite" in offered:
                    yield Button("Overwrite", id="overwrite", variant="error", compact=True)
                if ask.quitting:
                    yield Button("Discard & quit", id="quit", variant="error", compact=True)
                yield Button("Keep editing" if ask.quitting else "Later", id="later", compact=True)

    def on_mount(self) -> None:
        if self._ask.why in ("broken", "failed"):
            self.query_one("#save-as", Button).focus()

    @on(Button.Pressed, "#reload")
    def _reload(self) -> None:
        self.dismiss(Answer(Choice.RELOAD))

    @on(Button.Pressed, "#write-again")
    def _write_again(self) -> None:
        self.dismiss(Answer(Choice.WRITE_AGAIN))

    @on(Button.Pressed, "#save-as")
    def _save_as(self) -> None:
        # The field shows the suggestion cleaned; left as it is, it means the suggestion itself.
        typed = kept(self.query_one("#save-as-path", Input).value.strip(), str(self._other()))
        self.dismiss(Answer(Choice.SAVE_AS, Path(typed) if typed else None))

    @on(Button.Pressed, "#overwrite")
    def _overwrite(self) -> None:
        if not self._armed:
            self._armed = True
            self.query_one("#conflict-hint", Static).update(
                Content.styled("Press Overwrite again to replace their file (it is kept aside).", "$warning")
            )
            return
        self.dismiss(Answer(Choice.OVERWRITE))

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.dismiss(Answer(Choice.QUIT))

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(Answer(Choice.LATER))
