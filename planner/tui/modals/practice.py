"""A timed practice exam: a full-screen countdown that can pause, then the score."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Digits, Input, Label, Static

from planner.core.errors import PlanError
from planner.core.model import Plan, PracticeResult
from planner.planfile import parse
from planner.tui.text import content, error_line


class PracticeTimer(Screen[tuple[PracticeResult, float] | None]):
    """Counts ``practice.minutes`` down like the real exam; dismissed with the result and minutes used."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space", "pause", "Pause/resume", id="practice.pause", tooltip="Stop or restart the clock", priority=True
        ),
        Binding("enter", "finish", "Finish", id="practice.finish", tooltip="Stop and record the score", priority=True),
        Binding("escape", "abandon", "Abandon", id="practice.abandon", tooltip="Leave without recording"),
    ]

    paused: reactive[bool] = reactive(False)
    overtime: reactive[bool] = reactive(False)

    def __init__(self, plan: Plan, today: dt.date, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._plan = plan
        self._today = today
        self._monotonic = clock
        self._limit = plan.practice.minutes * 60
        self._used_so_far = 0.0
        self._since: float | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="practice-screen"):
            yield Static(
                Content.assemble(("Practice exam · ", "bold"), content(self._plan.exam.name)),
                id="practice-title",
            )
            with Center():
                yield Digits(self._format(self._limit), id="practice-clock")
            yield Static(id="practice-state")
            with Horizontal(classes="buttons"):
                yield Button("Pause (space)", id="pause")
                yield Button("Finish (enter)", id="finish", variant="primary")
                yield Button("Abandon (esc)", id="abandon", variant="error")

    def on_mount(self) -> None:
        self._since = self._monotonic()
        self.set_interval(0.5, self._on_tick)
        self._on_tick()

    def used_seconds(self) -> float:
        running = self._monotonic() - self._since if self._since is not None else 0.0
        return self._used_so_far + running

    @staticmethod
    def _format(seconds: float) -> str:
        seconds = max(0, math.ceil(seconds))
        return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    def _on_tick(self) -> None:
        left = self._limit - self.used_seconds()
        self.overtime = left <= 0
        self.query_one("#practice-clock", Digits).update(self._format(left))
        state = (
            "paused"
            if self.paused
            else (
                "time is up: press enter to record the score"
                if self.overtime
                else f"{self._plan.practice.minutes} minutes, like the real exam"
            )
        )
        self.query_one("#practice-state", Static).update(Content(state))

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "paused")

    def watch_overtime(self, overtime: bool) -> None:
        self.set_class(overtime, "overtime")
        if overtime:
            self.app.bell()

    def action_pause(self) -> None:
        if self.paused:
            self._since = self._monotonic()
        else:
            self._used_so_far = self.used_seconds()
            self._since = None
        self.paused = not self.paused
        self._on_tick()

    @on(Button.Pressed, "#pause")
    def _pause_pressed(self) -> None:
        self.action_pause()

    @on(Button.Pressed, "#finish")
    def action_finish(self) -> None:
        minutes = self.used_seconds() / 60
        if not self.paused:
            self.action_pause()

        def done(result: PracticeResult | None) -> None:
            if result is None:
                self.action_pause()  # back to the exam, clock running again
                return
            self.dismiss((result, minutes))

        self.app.push_screen(PracticeResultForm(self._plan, self._today), done)

    @on(Button.Pressed, "#abandon")
    def action_abandon(self) -> None:
        self.dismiss(None)


class PracticeResultForm(ModalScreen[PracticeResult | None]):
    """The score of a practice exam, and per domain when the test reports it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back", id="practiceresult.cancel")]

    def __init__(self, plan: Plan, today: dt.date) -> None:
        super().__init__()
        self._plan = plan
        self._today = dt.date(today.year, today.month, today.day)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Record the practice exam", classes="dialog-title")
            with VerticalScroll(classes="form-body"):
                with Horizontal(classes="field-row"):
                    yield Label("Date", classes="field-label")
                    yield Input(self._today.isoformat(), id="result-date", compact=True)
                with Horizontal(classes="field-row"):
                    yield Label("Score %", classes="field-label")
                    yield Input(id="result-score", compact=True, placeholder="72")
                yield Label("Per domain % (optional)")
                for k, d in enumerate(self._plan.domains):  # ids from positions: "a.b" and "a_b" differ
                    with Horizontal(classes="field-row"):
                        yield Label(content(d.name, width=24), classes="field-label wide-label")
                        yield Input(id=f"result-domain-{k}", compact=True, classes="domain-score")
            yield Static(id="result-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Back to the exam", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#result-score", Input).focus()

    def _submit(self) -> None:
        try:
            try:
                day = dt.date.fromisoformat(self.query_one("#result-date", Input).value.strip())
            except ValueError:
                raise PlanError("date: use a date like 2027-03-30") from None
            score = _percent(self.query_one("#result-score", Input).value, "score")
            if score is None:
                raise PlanError("score: type the percentage you got")
            per_domain = []
            for k, d in enumerate(self._plan.domains):
                value = _percent(self.query_one(f"#result-domain-{k}", Input).value, d.name)
                if value is not None:
                    per_domain.append((d.id, value))
            result = PracticeResult(date=day, score=score, domains=tuple(per_domain))
            practice = dataclasses.replace(self._plan.practice, results=(*self._plan.practice.results, result))
            parse.validated(dataclasses.replace(self._plan, practice=practice))
        except PlanError as exc:
            self.query_one("#result-error", Static).update(error_line(str(exc)))
            return
        self.dismiss(result)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self._submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _percent(text: str, what: str) -> float | None:
    text = text.strip().rstrip("%")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise PlanError(f"{what}: {text!r} is not a number") from None
    if not 0 <= value <= 100:
        raise PlanError(f"{what}: must be from 0 to 100")
    return value
