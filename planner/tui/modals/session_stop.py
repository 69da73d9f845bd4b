"""The log form a stopped session opens: its entries written out, for the person to check and keep.

The session measured the time, so the form comes filled in: one line per day
it ran on (split at midnight), the domain and resource it was started on.
Everything stays editable, because a person who wandered off for twenty
minutes knows it and the clock does not. Keeping the session running is
the way out that loses nothing; discarding is there for a session started
by mistake (ctrl+z brings it back).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from planner.core import fmt, moments, rules, sessions
from planner.core.errors import PlanError
from planner.core.model import LogEntry, Plan, RunningSession
from planner.tui import usecases
from planner.tui.text import content, error_line
from planner.tui.widgets.textfield import TextField

__all__ = ["SessionEnd", "StopForm"]


class SessionEnd(NamedTuple):
    """How the person ended the session: the entries to log, or ``discard`` (log nothing)."""

    entries: tuple[LogEntry, ...]
    discard: bool = False


class StopForm(ModalScreen[SessionEnd | None]):
    """Dismissed with the ``SessionEnd``, or ``None``: the session keeps running."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep running", id="sessionstop.keep", tooltip="Close the form; the session runs on"),
    ]

    def __init__(
        self, plan: Plan, session: RunningSession, entries: tuple[LogEntry, ...], seconds: int, today: dt.date
    ) -> None:
        super().__init__()
        self._plan = plan
        self._session = session
        self._entries = entries
        self._seconds = seconds
        self._today = today

    def compose(self) -> ComposeResult:
        plan, session = self._plan, self._session
        with Vertical(classes="dialog", id="stop-form"):
            yield Static("Stop the session and log it", classes="dialog-title")
            yield Static(
                Content.assemble(
                    content(sessions.describe(plan, session)), f" · ran {sessions.duration(self._seconds)}"
                )
            )
            yield from self._days()
            with Horizontal(classes="field-row"):
                yield Label("What", classes="field-label")
                options = [(content(d.name), d.id) for d in plan.domains]
                domain = session.domain if plan.domain(session.domain) else plan.domains[0].id
                yield Select(options, value=domain, allow_blank=False, id="stop-domain", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Resource", classes="field-label")
                resources = [(content(r.title, width=50), r.id) for r in plan.resources]
                resource = session.resource if session.resource and plan.resource(session.resource) else Select.NULL
                yield Select(resources, prompt="(none)", value=resource, id="stop-resource", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Note", classes="field-label")
                yield TextField("", placeholder="what you did (optional)", id="stop-note", compact=True)
            yield Static(id="stop-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Log it", id="log", variant="primary")
                yield Button("Discard", id="discard", variant="error")
                yield Button("Keep running", id="keep")

    def _days(self) -> ComposeResult:
        if not self._entries:
            yield Static("Under a minute: nothing to log. Log it ends the session.", classes="hint")
            return
        if len(self._entries) > 1:
            yield Static("It ran past midnight: one entry per day.", classes="hint")
        with VerticalScroll(id="stop-days"):
            for k, entry in enumerate(self._entries):
                with Horizontal(classes="field-row"):
                    yield Label(fmt.day_month(entry.date), classes="field-label")
                    yield TextField(entry.date.isoformat(), id=f"stop-date-{k}", classes="stop-date", compact=True)
                    yield TextField(
                        f"{entry.hours:g}",
                        placeholder="hours",
                        id=f"stop-hours-{k}",
                        classes="stop-hours",
                        compact=True,
                    )
                    yield Label(" h", classes="stop-unit")

    def on_mount(self) -> None:
        first = self.query("#stop-hours-0")
        (first.first() if first else self.query_one("#log", Button)).focus()

    def _entries_from_fields(self) -> tuple[LogEntry, ...]:
        domain = str(self.query_one("#stop-domain", Select).value)
        chosen = self.query_one("#stop-resource", Select).value
        resource = None if chosen is Select.NULL else str(chosen)
        note = self.query_one("#stop-note", Input).value.strip()
        out = []
        for k in range(len(self._entries)):
            hours = self.query_one(f"#stop-hours-{k}", Input).value.strip()
            if not hours:
                continue  # an emptied line logs nothing on that day
            day = moments.parse_date(self.query_one(f"#stop-date-{k}", Input).value.strip(), what="date")
            out.append(LogEntry(day, rules.parse_hours(hours, "hours"), domain, resource, note))
        return tuple(out)

    def _submit(self) -> None:
        try:
            entries = self._entries_from_fields()
            # the check the app's edit makes, so a refusal shows here and the form stays open
            usecases.end_session(self._plan, session=self._session, entries=entries, today=self._today)
        except PlanError as exc:
            self.query_one("#stop-error", Static).update(error_line(str(exc)))
            return
        self.dismiss(SessionEnd(entries))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    @on(Button.Pressed, "#log")
    def _log(self) -> None:
        self._submit()

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss(SessionEnd((), discard=True))

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(None)
