"""A study session to add to the log (or to change), dismissed with the entry."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from planner.core import edits, moments, rules
from planner.core.errors import PlanError
from planner.core.model import LogEntry, Plan
from planner.core.safetext import clean
from planner.tui import usecases
from planner.tui.text import content, error_line, kept
from planner.tui.widgets.textfield import TextField


class LogForm(ModalScreen[LogEntry | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="logform.cancel", tooltip="Close the form, logging nothing"),
    ]

    def __init__(self, plan: Plan, today: dt.date, entry: LogEntry | None = None) -> None:
        super().__init__()
        self._plan = plan
        self._today = dt.date(today.year, today.month, today.day)
        self._entry = entry

    def compose(self) -> ComposeResult:
        e = self._entry
        plan = self._plan
        with Vertical(classes="dialog"):
            yield Static("Edit a session" if e else "Log a study session", classes="dialog-title")
            with Horizontal(classes="field-row"):
                yield Label("Date", classes="field-label")
                yield TextField((e.date if e else self._today).isoformat(), id="log-date", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Hours", classes="field-label")
                yield TextField(
                    f"{e.hours:g}" if e else "", placeholder="hours, e.g. 1.5", id="log-hours", compact=True
                )
            with Horizontal(classes="field-row"):
                yield Label("What", classes="field-label")
                options = [(content(d.name), d.id) for d in plan.domains] + [("practice exam", "*practice*")]
                value = ("*practice*" if e.kind == "practice" else e.domain) if e else plan.domains[0].id
                yield Select(options, value=value, allow_blank=False, id="log-domain", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Resource", classes="field-label")
                resources = [(content(r.title, width=50), r.id) for r in plan.resources]
                yield Select(
                    resources,
                    prompt="(none)",
                    value=(e.resource if e and e.resource else Select.NULL),
                    id="log-resource",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("Note", classes="field-label")
                yield TextField(clean(e.note, one_line=True) if e else "", id="log-note", compact=True)
            yield Static(id="log-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#log-hours", Input).focus()

    def _entry_from_fields(self) -> LogEntry:
        day = moments.parse_date(self.query_one("#log-date", Input).value.strip(), what="date")
        hours = rules.parse_hours(self.query_one("#log-hours", Input).value, "hours")
        what = self.query_one("#log-domain", Select).value
        resource = self.query_one("#log-resource", Select).value
        practice = what == "*practice*"
        return LogEntry(
            date=day,
            hours=hours,
            domain=None if practice else str(what),
            resource=None if resource is Select.NULL else str(resource),
            note=self._note(),
            kind="practice" if practice else "study",
        )

    def _note(self) -> str:
        return kept(self.query_one("#log-note", Input).value, self._entry.note if self._entry else None)

    def _submit(self) -> None:
        try:
            entry = self._entry_from_fields()
            if self._entry is None:  # the check the app's edit makes
                edits.add_log(self._plan, entry, today=self._today)
            else:
                usecases.replace_log(self._plan, old=self._entry, new=entry, today=self._today)
        except PlanError as exc:
            self.query_one("#log-error", Static).update(error_line(str(exc)))
            return
        self.dismiss(entry)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self._submit()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self._submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
