"""Choose one of several plans; or make a new one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Final, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planner.core.errors import PlanError
from planner.edge import store
from planner.tui.text import content

NEW = "*new*"
NEW_PLAN: Final = "new"
"""The picker's answer for "make a new plan from a template"."""


class PlanPicker(ModalScreen[Path | Literal["new"] | None]):
    """Dismissed with the chosen path, ``NEW_PLAN`` for a new plan, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Quit", id="picker.cancel", tooltip="Leave without opening a plan")
    ]

    def __init__(self, plans: list[Path]) -> None:
        super().__init__()
        self._plans = plans

    def compose(self) -> ComposeResult:
        options = []
        for i, path in enumerate(self._plans):
            try:
                plan = store.load(path).plan
                detail = content(f"{plan.exam.name} · {plan.exam.date:%d %b %Y}", "$text-muted")
            except PlanError as exc:
                detail = content(f"cannot be read: {exc.message}", "$error")
            options.append(Option(Content.assemble(content(path.stem, "bold"), "\n", detail), id=str(i)))
        options.append(Option(Content.styled("+ New plan from a template", "$accent"), id=NEW))
        with Vertical(classes="dialog"):
            yield Static("Which plan?", classes="dialog-title")
            yield OptionList(*options, id="plans")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == NEW:
            self.dismiss(NEW_PLAN)
        else:
            self.dismiss(self._plans[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
