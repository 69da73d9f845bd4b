"""A new plan from a template: choose the template, type the booked exam date, press Enter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from planner.core import moments
from planner.core.errors import PlanError
from planner.core.rules import is_valid_id
from planner.edge import clock, store
from planner.edge.templates import from_template, template_ids, template_text
from planner.tui.text import content, error_line

DEFAULT_TEMPLATE = "aws-ml-specialty"
WEEKS_AHEAD = 17
"""The default exam date: about four months out, as the reference plan."""


def _unique_name(folder: Path, base: str) -> str:
    name, n = base, 2
    while (folder / f"{name}.toml").exists():
        name, n = f"{base}-{n}", n + 1
    return name


class NewPlanScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="newplan.cancel", tooltip="Close the form, making no plan"),
    ]

    def __init__(self, folder: Path, now: pendulum.DateTime) -> None:
        super().__init__()
        self._folder = folder
        self._today = dt.date(now.year, now.month, now.day)
        self._templates = {tid: store.loads(template_text(tid), tid) for tid in template_ids()}

    def compose(self) -> ComposeResult:
        ids = list(self._templates)
        options = [
            (content(plan.exam.name + (f" ({plan.exam.code})" if plan.exam.code else "")), tid)
            for tid, plan in self._templates.items()
        ]
        default = DEFAULT_TEMPLATE if DEFAULT_TEMPLATE in ids else ids[0]
        exam = dt.datetime.combine(
            self._today + dt.timedelta(weeks=WEEKS_AHEAD), self._templates[default].exam.date.time()
        )
        with Vertical(classes="dialog wide"):
            yield Static("New plan: book the exam first, then plan back from it", classes="dialog-title")
            with Horizontal(classes="field-row"):
                yield Label("Template", classes="field-label")
                yield Select(options, value=default, allow_blank=False, id="new-template", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Exam date", classes="field-label")
                yield Input(exam.strftime("%Y-%m-%dT%H:%M"), id="new-exam", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Study from", classes="field-label")
                yield Input(self._today.isoformat(), id="new-start", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Plan name", classes="field-label")
                yield Input(_unique_name(self._folder, default), id="new-name", compact=True)
            yield Static(Content(f"Saved in {self._folder}"), classes="hint")
            yield Static(id="new-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Create plan", id="create", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#create", Button).focus()

    @on(Select.Changed, "#new-template")
    def _template_changed(self, event: Select.Changed) -> None:
        name = self.query_one("#new-name", Input)
        name.value = _unique_name(self._folder, str(event.value))

    def _show_error(self, message: str) -> None:
        self.query_one("#new-error", Static).update(error_line(message))

    def _create(self) -> None:
        template = str(self.query_one("#new-template", Select).value)
        name = self.query_one("#new-name", Input).value.strip()
        if not is_valid_id(name):
            self._show_error("plan name: use letters, digits, '-', '_' or '.'")
            return
        target = self._folder / f"{name}.toml"
        if target.exists():
            self._show_error(f"{target} already exists; choose another name")
            return
        try:
            booked = self._templates[template].exam
            zone = booked.timezone or clock.local_zone()
            typed = self.query_one("#new-exam", Input).value
            exam = moments.local_time(typed, zone, booked.date.time(), what="exam date")
            start = moments.parse_date(self.query_one("#new-start", Input).value, what="study from")
            plan = from_template(template, exam, start)
        except PlanError as exc:
            self._show_error(str(exc))
            return
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            store.save(target, plan)
        except (OSError, store.SaveError) as exc:
            self._show_error(str(exc))
            return
        self.dismiss(target)

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def _pressed(self) -> None:
        self._create()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
