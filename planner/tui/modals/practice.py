"""A timed practice exam: a full-screen countdown that can pause, then what happened.

A sitting counts as a practice exam when a score is recorded or at least half
its minutes are logged (the engine's rule). The time spent is logged in whole
blocks of the plan's granularity, like all study; finishing before half the
minutes asks what to do rather than counting a glance as a full exam. The
timer is handed the plan and today, and is dismissed with a ``PracticeRecord``:
one edit (the log entry and the result together) for the app to apply.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Final, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Digits, Input, Label, Static

from planner.core import edits, fmt, rules
from planner.core.engine import counts_as_exam
from planner.core.errors import PlanError
from planner.core.model import LogEntry, Plan, PracticeResult
from planner.tui.messages import Edit
from planner.tui.modals.confirm import ConfirmScreen
from planner.tui.text import content, error_line
from planner.tui.widgets.textfield import TextField

__all__ = [
    "EarlyFinish",
    "PracticeRecord",
    "PracticeResultForm",
    "PracticeTimer",
    "Sitting",
    "record_sitting",
]

TICK_SECONDS: Final = 0.5
"""How often the clock is redrawn: twice a second, so a second is never skipped."""

ASK_AFTER_SECONDS: Final = 60.0
"""Escape leaves a sitting this young at once (a ``t`` pressed by mistake); later it asks, as work would be lost."""

EarlyChoice = Literal["score", "log", "back"]
"""What to do with a sitting stopped before half its minutes: record a score, log the time, or go on."""


@dataclass(frozen=True)
class Sitting:
    """Time spent on one practice exam, and what the plan makes of it."""

    seconds: float
    exam_minutes: int
    block_hours: float

    @property
    def hours(self) -> float:
        """The time in whole blocks (nearest; a half block rounds up), as every log entry is."""
        blocks = math.floor(self.seconds / 3600 / self.block_hours + 0.5)
        return round(blocks * self.block_hours, 6)

    @property
    def counts_by_time(self) -> bool:
        """Enough time logged to be a practice exam without a score (the engine's rule, asked of it).

        Decided on the hours logged, not the seconds spent: the engine sees only the log.
        """
        return counts_as_exam(_entry(dt.date.min, self.hours, ""), self.exam_minutes)

    def spent(self) -> str:
        """``1 h 35 min``, ``20 s``: the time as a person reads it."""
        seconds = int(self.seconds)
        if seconds < 60:
            return f"{seconds} s"
        hours, minutes = divmod(seconds // 60, 60)
        return f"{hours} h {minutes} min" if hours else f"{minutes} min"


@dataclass(frozen=True)
class PracticeRecord:
    """What the timer is dismissed with: post ``edit`` up as one ``EditRequested(edit, label)``, then say ``said``."""

    edit: Edit
    label: str
    said: str


def record_sitting(
    plan: Plan, *, day: dt.date, today: dt.date, hours: float, note: str, result: PracticeResult | None
) -> Plan:
    """``plan`` with a practice sitting logged (when it has whole blocks) and its result (when scored).

    One edit, so one undo takes both back; each part is the ``core.edits`` use
    case, which refuses a day after ``today`` (a result from the future would move hours).
    """
    if result is not None:
        plan = edits.add_practice_result(plan, result, today=today)
    if hours > 0:
        plan = edits.add_log(plan, _entry(day, hours, note), today=today)
    return plan


def _entry(day: dt.date, hours: float, note: str) -> LogEntry:
    return LogEntry(date=day, hours=hours, kind="practice", note=note)


def _record(today: dt.date, sitting: Sitting, day: dt.date, result: PracticeResult | None) -> PracticeRecord:
    """The edit and the words for a sitting; ``record_sitting`` checks it again when the app applies it."""
    minutes = f"{sitting.spent()} of {sitting.exam_minutes} min"
    logged = f"{fmt.hours_h(sitting.hours)} logged" if sitting.hours > 0 else "no time logged"
    if result is not None:
        note, label = f"practice exam: {result.score:g}% ({minutes})", "record a practice exam"
        said = f"Practice exam recorded: {result.score:g}%, {logged}"
    elif sitting.counts_by_time:
        note, label = f"practice exam, no score ({minutes})", "log a practice exam"
        said = f"Practice exam logged without a score: {logged}"
    else:
        note, label = f"practice exam stopped after {minutes}: not counted as an exam", "log practice time"
        said = f"Practice time logged: {logged}; it does not count as a practice exam"
    edit = functools.partial(record_sitting, day=day, today=today, hours=sitting.hours, note=note, result=result)
    return PracticeRecord(edit, label, said)


class PracticeTimer(ModalScreen[PracticeRecord | None]):
    """Counts ``practice.minutes`` down like the real exam; dismissed with what to record, or ``None``.

    Modal, so the app's own keys (reschedule, log, the tabs...) do not open
    anything over a running exam: Textual stops looking for bindings at a modal screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space", "pause", "Pause/resume", id="practice.pause", tooltip="Stop or restart the clock", priority=True
        ),
        Binding("enter", "finish", "Finish", id="practice.finish", tooltip="Stop and record the score", priority=True),
        Binding("escape", "abandon", "Abandon", id="practice.abandon", tooltip="Leave without recording anything"),
    ]

    paused: reactive[bool] = reactive(False)
    overtime: reactive[bool] = reactive(False)

    def __init__(self, plan: Plan, today: dt.date, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._plan = plan
        self._today = dt.date(today.year, today.month, today.day)
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
        self.set_interval(TICK_SECONDS, self._on_tick)
        self._on_tick()

    def used_seconds(self) -> float:
        running = self._monotonic() - self._since if self._since is not None else 0.0
        return self._used_so_far + running

    def sitting(self) -> Sitting:
        return Sitting(self.used_seconds(), self._plan.practice.minutes, self._plan.study.granularity_hours)

    @staticmethod
    def _format(seconds: float) -> str:
        seconds = max(0, math.ceil(seconds))
        return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    def _on_tick(self) -> None:
        left = self._limit - self.used_seconds()
        self.overtime = left <= 0
        self.query_one("#practice-clock", Digits).update(self._format(left))
        if self.paused:
            state = "paused: space resumes the clock"
        elif self.overtime:
            state = "time is up: press enter to record the score"
        else:
            state = f"{self._plan.practice.minutes} minutes, like the real exam"
        self.query_one("#practice-state", Static).update(Content(state))

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "paused")
        self.query_one("#pause", Button).label = "Resume (space)" if paused else "Pause (space)"

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

    def _resume(self) -> None:
        if self.paused:
            self.action_pause()

    @on(Button.Pressed, "#pause")
    def _pause_pressed(self) -> None:
        self.action_pause()

    @on(Button.Pressed, "#finish")
    def action_finish(self) -> None:
        if not self.paused:
            self.action_pause()
        sitting = self.sitting()
        if sitting.counts_by_time:
            self._ask_score(sitting, required=False)
            return

        def chosen(choice: EarlyChoice | None) -> None:
            if choice == "score":
                self._ask_score(sitting, required=True)
            elif choice == "log":
                self.dismiss(_record(self._today, sitting, self._today, None) if sitting.hours > 0 else None)
            else:
                self._resume()

        self.app.push_screen(EarlyFinish(sitting), chosen)

    def _ask_score(self, sitting: Sitting, *, required: bool) -> None:
        def done(answer: tuple[dt.date, PracticeResult | None] | None) -> None:
            if answer is None:
                self._resume()  # back to the exam, clock running again
                return
            day, result = answer
            self.dismiss(_record(self._today, sitting, day, result))

        self.app.push_screen(PracticeResultForm(self._plan, self._today, sitting, score_required=required), done)

    @on(Button.Pressed, "#abandon")
    def action_abandon(self) -> None:
        """Leave without recording; once the sitting has run a minute, only after asking (escape answers no)."""
        sitting = self.sitting()
        if sitting.seconds < ASK_AFTER_SECONDS:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        question = Content.assemble(
            ("Abandon this practice exam?", "bold"),
            f"\n{sitting.spent()} of {sitting.exam_minutes} min spent: nothing will be recorded.",
        )
        self.app.push_screen(ConfirmScreen(question, yes="Abandon (y)", no="Back to the exam (n)"), answered)


class EarlyFinish(ModalScreen[EarlyChoice]):
    """A sitting stopped before half its minutes: it is not a practice exam unless it has a score."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s", "choose('score')", "Score", id="earlyfinish.score", tooltip="Record a score: it counts as an exam"
        ),
        Binding("l", "choose('log')", "Log", id="earlyfinish.log", tooltip="Log the time as practice, not an exam"),
        Binding("escape", "choose('back')", "Back", id="earlyfinish.back", tooltip="Back to the exam, clock running"),
    ]

    def __init__(self, sitting: Sitting) -> None:
        super().__init__()
        self._sitting = sitting

    def compose(self) -> ComposeResult:
        s = self._sitting
        half = fmt.plural(math.ceil(s.exam_minutes / 2), "minute")
        log = (
            f"Log {fmt.hours_h(s.hours)} of practice, not an exam (l)"
            if s.hours > 0
            else f"Leave: {s.spent()} is under one {fmt.hours_h(s.block_hours)} block, nothing to log (l)"
        )
        with Vertical(classes="dialog"):
            yield Static(f"Stopped after {s.spent()} of {s.exam_minutes} min", classes="dialog-title")
            yield Static(
                f"A sitting counts as a practice exam when it has a score or at least {half} logged.",
                classes="hint",
            )
            with Vertical(id="early-choices"):
                yield Button("Record a score: it counts as an exam (s)", id="score", variant="primary")
                yield Button(log, id="log")
                yield Button("Back to the exam (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice: EarlyChoice = "score" if event.button.id == "score" else "log" if event.button.id == "log" else "back"
        self.dismiss(choice)

    def action_choose(self, choice: EarlyChoice) -> None:
        self.dismiss(choice)


class PracticeResultForm(ModalScreen[tuple[dt.date, PracticeResult | None] | None]):
    """The day and score of a practice exam, and per domain when the test reports it.

    Dismissed with (day, result), the result ``None`` when no score is given
    (allowed only when the time spent already makes it an exam), or ``None`` to
    go back to the exam.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="practiceresult.cancel", tooltip="Back to the exam, clock running"),
    ]

    def __init__(self, plan: Plan, today: dt.date, sitting: Sitting, *, score_required: bool = True) -> None:
        super().__init__()
        self._plan = plan
        self._today = dt.date(today.year, today.month, today.day)
        self._sitting = sitting
        self._required = score_required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Record the practice exam", classes="dialog-title")
            s = self._sitting
            logged = f"{fmt.hours_h(s.hours)} goes in the log" if s.hours > 0 else "nothing goes in the log"
            yield Static(f"{s.spent()} spent: {logged}", classes="hint")
            with VerticalScroll(classes="form-body"):
                with Horizontal(classes="field-row"):
                    yield Label("Date", classes="field-label")
                    yield TextField(self._today.isoformat(), id="result-date", compact=True)
                with Horizontal(classes="field-row"):
                    yield Label("Score %", classes="field-label")
                    hint = "72" if self._required else "72, or empty if you have no score"
                    yield TextField(id="result-score", compact=True, placeholder=hint)
                yield Label("Per domain % (optional)")
                for k, d in enumerate(self._plan.domains):  # ids from positions: "a.b" and "a_b" differ
                    with Horizontal(classes="field-row"):
                        yield Label(content(d.name), classes="field-label wide-label")
                        yield TextField(id=f"result-domain-{k}", compact=True, classes="domain-score", placeholder="-")
            yield Static(id="result-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Back to the exam", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#result-score", Input).focus()

    def _read(self) -> tuple[dt.date, PracticeResult | None]:
        text = self.query_one("#result-date", Input).value.strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise PlanError("date: use a date like 2027-03-30") from None
        per_domain = []
        for k, d in enumerate(self._plan.domains):
            value = _percent(self.query_one(f"#result-domain-{k}", Input).value, d.name)
            if value is not None:
                per_domain.append((d.id, value))
        score = _percent(self.query_one("#result-score", Input).value, "score")
        if score is None and (self._required or per_domain):
            raise PlanError("score: type the percentage you got")
        return day, None if score is None else PracticeResult(date=day, score=score, domains=tuple(per_domain))

    def _submit(self) -> None:
        try:
            day, result = self._read()
            record_sitting(self._plan, day=day, today=self._today, hours=self._sitting.hours, note="", result=result)
        except PlanError as exc:
            self.query_one("#result-error", Static).update(error_line(str(exc)))
            return
        self.dismiss((day, result))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self._submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _percent(text: str, what: str) -> float | None:
    """A typed percent (a trailing ``%`` allowed), ``None`` when the field is empty."""
    text = text.strip().removesuffix("%")
    return rules.parse_percent(text, what) if text else None
