"""A plan that does not load: the error, the line, how to fix it. Nothing is saved over it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from planner.core.errors import PlanError
from planner.core.safetext import clean
from planner.tui.text import content


def excerpt(path: Path | None, line: int | None, column: int | None) -> Content:
    """The lines around the problem, with a caret under it."""
    if path is None or line is None:
        return Content("")
    try:
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return Content("")
    out: list[Content] = []
    for n in range(max(1, line - 2), min(len(lines), line + 1) + 1):
        text = clean(lines[n - 1]).expandtabs(1)[:100]  # keep the spacing: the caret points by column
        style = "bold" if n == line else "$text-muted"
        out.append(Content.assemble((f"{n:>5} │ ", "$text-muted"), (text, style)))
        if n == line and column:
            out.append(Content.assemble(" " * (8 + column - 1), ("^", "bold $error")))
    return Content("\n").join(out)


class LoadErrorScreen(ModalScreen[bool]):
    """Dismissed with ``True`` to read the file again, ``False`` to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Read again", id="loaderror.retry", tooltip="Read the file again after fixing it"),
        Binding("q,escape", "quit_planner", "Quit", id="loaderror.quit"),
    ]

    def __init__(self, path: Path | None, error: PlanError) -> None:
        super().__init__()
        self._path = path
        self._plan_error = error

    def compose(self) -> ComposeResult:
        e = self._plan_error
        with Vertical(classes="dialog wide error-dialog"):
            yield Static("This plan cannot be opened", classes="dialog-title")
            yield Static(content(str(e), "bold $error"), id="load-error-message")
            yield Static(excerpt(self._path, e.line, e.column), id="load-error-excerpt")
            yield Static(
                Content(
                    "Fix the file in an editor (the line is shown above), then press r to read it again. "
                    "The planner will not write to a file it cannot read."
                ),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Read again (r)", id="retry", variant="primary")
                yield Button("Quit (q)", id="quit")

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#quit")
    def action_quit_planner(self) -> None:
        self.dismiss(False)
