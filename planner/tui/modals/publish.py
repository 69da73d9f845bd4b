"""Publish to the study calendar: what would change, then yes or no.

Publishing writes into a calendar a person shares with their phone and
maybe with others, so nothing is written before they have seen the dry
run's list: each event to add, update or delete (only this plan's own; the
rest of the calendar is never touched), and the counts.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from planner.tui.text import content, join
from planner.tui.widgets.readscroll import ReadingScroll

__all__ = ["PublishScreen"]


class PublishScreen(ModalScreen[bool]):
    """Dismissed with ``True`` to publish, ``False`` to leave the calendar as it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Publish", id="publish.yes", tooltip="Write these changes to the calendar"),
        Binding("n,escape", "answer(False)", "Cancel", id="publish.no", tooltip="Write nothing"),
    ]

    def __init__(self, calendar: str, lines: list[str], unread: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._calendar = calendar
        self._lines = lines
        """``edge.calendars.text.publish_lines`` of the dry run: a heading, one line per change, the counts."""
        self._unread = unread
        """The warnings of calendars that could not be read: sessions may sit over their busy time."""

    def compose(self) -> ComposeResult:
        _, *changes, counts = self._lines
        with Vertical(classes="dialog wide", id="publish-dialog"):
            yield Static(content(f"Publish the study sessions to {self._calendar}?"), classes="dialog-title")
            with ReadingScroll(id="publish-changes"):
                yield Static(join([content(line) for line in changes]), id="publish-list")
            yield Static(content(counts, "bold"), id="publish-counts")
            for warning in self._unread:
                yield Static(content(warning, "$warning"), classes="publish-unread")
            yield Static(
                Content("Only this plan's own events change; nothing else in the calendar is touched."),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Publish (y)", id="yes", variant="primary")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
