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
from planner.core.safetext import clean, clip, width
from planner.planfile.locate import toml_lines
from planner.tui.text import content


def excerpt(path: Path | None, line: int | None, column: int | None) -> Content:
    """The lines around the problem, with a caret under it.

    Lines are TOML's (``toml_lines``: only LF ends one), so a U+2028 in a
    comment does not shift them; the caret's column counts terminal cells,
    so it sits under the character even after wide ones.
    """
    if path is None or line is None:
        return Content("")
    try:
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")  # tomllib never sees a BOM
    except OSError:
        return Content("")
    lines = toml_lines(text)
    out: list[Content] = []
    for n in range(max(1, line - 2), min(len(lines), line + 1) + 1):
        raw = lines[n - 1]
        style = "bold" if n == line else "$text-muted"
        out.append(Content.assemble((f"{n:>5} │ ", "$text-muted"), (clip(_shown(raw), _EXCERPT_CELLS), style)))
        if n == line and column:
            cells = width(_shown(raw[: column - 1]))
            if cells < _EXCERPT_CELLS:
                out.append(Content.assemble(" " * (8 + cells), ("^", "bold $error")))
    return Content("\n").join(out)


_EXCERPT_CELLS = 100
"""Cells of a line shown; a longer one is clipped (a caret past it is left out)."""


def _shown(text: str) -> str:
    """A line as the excerpt shows it: no control characters, a tab one cell, separators as spaces."""
    return clean(text).expandtabs(1).replace("\u2028", " ").replace("\u2029", " ")


class LoadErrorScreen(ModalScreen[bool]):
    """Dismissed with ``True`` to read the file again, ``False`` to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Read again", id="loaderror.retry", tooltip="Read the file again after fixing it"),
        Binding("q,escape", "quit_planner", "Quit", id="loaderror.quit", tooltip="Leave; the file stays as it is"),
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
