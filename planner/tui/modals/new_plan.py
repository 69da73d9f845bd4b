"""A new plan from a template: choose the template, type the booked exam date, press Enter.

The plan is made by ``core.edits.plan_from_template`` (what ``planner new``
runs) and written by ``store.create``, which never writes through a link nor
over anything already there. An exam time the clocks skip or repeat that day
is said under the field, with the instant that will be used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar, NamedTuple

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from planner.core import edits, moments
from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.edge import clock, store
from planner.edge.paths import new_plan_path
from planner.edge.templates import template_ids, template_text
from planner.tui.text import content, error_line, shown_path
from planner.tui.widgets.textfield import TextField

__all__ = ["NewPlan", "NewPlanScreen"]

DEFAULT_TEMPLATE = "aws-ml-specialty"
WEEKS_AHEAD = 17
"""The default exam date: about four months out, as the reference plan."""


def _unique_name(folder: Path, base: str) -> str:
    name, n = base, 2
    while (folder / f"{name}.toml").exists():
        name, n = f"{base}-{n}", n + 1
    return name


class NewPlan(NamedTuple):
    """The plan made: its file, and what to say about the exam's time (a clock change that day)."""

    path: Path
    note: str | None = None


class NewPlanScreen(ModalScreen[NewPlan | None]):
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
                yield TextField(exam.strftime("%Y-%m-%dT%H:%M"), id="new-exam", compact=True)
            yield Static(id="new-exam-note", classes="hint")
            with Horizontal(classes="field-row"):
                yield Label("Study from", classes="field-label")
                yield TextField(self._today.isoformat(), id="new-start", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Plan name", classes="field-label")
                yield TextField(_unique_name(self._folder, default), id="new-name", compact=True)
            yield Static(content(f"Saved in {shown_path(self._folder)}"), classes="hint", id="new-folder")
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

    def _exam_time(self) -> moments.Local:
        """The exam typed, in the template's zone (the machine's when it has none); ``PlanError`` if unusable."""
        booked = self._templates[str(self.query_one("#new-template", Select).value)].exam
        zone = booked.timezone or clock.local_zone()
        typed = self.query_one("#new-exam", Input).value
        return moments.typed_time(typed, zone, booked.date.time(), what="exam date")

    @on(Input.Changed, "#new-exam")
    @on(Select.Changed, "#new-template")
    def _exam_typed(self) -> None:
        """Say at once when the time typed is skipped or repeated by a clock change, and which instant is used."""
        try:
            note = self._exam_time().note
        except PlanError:
            note = None
        shown = self.query_one("#new-exam-note", Static)
        shown.update(content(note or "", "$warning"))
        shown.display = note is not None

    def _plan(self) -> tuple[Plan, str | None]:
        template = self._templates[str(self.query_one("#new-template", Select).value)]
        typed = self._exam_time()
        start = moments.parse_date(self.query_one("#new-start", Input).value, what="study from")
        return edits.plan_from_template(template, exam=moments.naive(typed.at), start=start), typed.note

    def _create(self) -> None:
        try:
            target = new_plan_path(self._folder, self.query_one("#new-name", Input).value)
        except PlanError as exc:
            self._show_error(exc.message)
            return
        try:
            store.check_new(target)  # nothing there, not even a dangling link
            plan, note = self._plan()
            self._folder.mkdir(parents=True, exist_ok=True)
            store.create(target, plan)
        except (PlanError, OSError) as exc:  # SaveError is an OSError
            self._show_error(str(exc))
            return
        self.dismiss(NewPlan(target, note))

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def _pressed(self) -> None:
        self._create()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
