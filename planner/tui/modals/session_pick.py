"""Which domain a study session is on, when the screen shown has none highlighted."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planner.core.model import Plan
from planner.tui.text import content


class SessionPicker(ModalScreen[str | None]):
    """Dismissed with the chosen domain's id, or ``None`` (no session is started)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="sessionpick.cancel", tooltip="Start no session"),
    ]

    def __init__(self, plan: Plan, resource: str | None = None) -> None:
        super().__init__()
        self._plan = plan
        self._resource = resource

    def compose(self) -> ComposeResult:
        plan = self._plan
        resource = plan.resource(self._resource) if self._resource else None
        title = (
            Content.assemble("Study ", content(resource.title, "bold", width=40), ": which domain?")
            if resource is not None
            else Content("Start a study session on which domain?")
        )
        with Vertical(classes="dialog", id="session-pick"):
            yield Static(title, classes="dialog-title")
            yield OptionList(*(Option(content(d.name), id=d.id) for d in plan.domains), id="session-domains")
            yield Static("enter starts the session · escape cancels", classes="hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
