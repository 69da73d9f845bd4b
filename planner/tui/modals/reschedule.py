"""Move the exam: what it costs (postponements, cutoff) and what it changes, before it happens."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from planner.core import moments
from planner.core.alerts import earliest_fit
from planner.core.errors import PlanError
from planner.core.report import pace
from planner.core.reschedule import decide
from planner.core.situation import Situation, situate
from planner.planfile import parse
from planner.tui.text import content

CONFIRM_WORD = "postpone"
"""What a person types to spend the last postponement: a word, not a reflex Enter."""


def summary(s: Situation) -> str:
    return f"{s.exam_at:%a %d %b %Y %H:%M}: {pace(s)}"


class RescheduleRequest(NamedTuple):
    """What the person asked for; the app decides again on the plan as it is when they confirm."""

    to: dt.datetime
    reason: str
    force: bool
    move_dated: bool = False
    """Move the dated overrides and blackouts of the final weeks with the exam."""
    notes: tuple[str, ...] = ()
    """What the move costs (postponements left), said once it is done."""


class RescheduleScreen(ModalScreen[RescheduleRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="reschedule.cancel", tooltip="Close, leaving the exam where it is"),
    ]

    def __init__(self, situation: Situation) -> None:
        super().__init__()
        self._s = situation
        self._request: RescheduleRequest | None = None
        """What Enter would ask for: set only while the date typed is a move the exam allows."""

    def compose(self) -> ComposeResult:
        s = self._s
        plan = s.plan
        left = plan.postponements_left
        allowed = plan.exam.postponements_allowed
        cutoff = plan.exam.reschedule_cutoff_hours
        deadline = s.exam_at.subtract(hours=int(cutoff), minutes=round((cutoff % 1) * 60))
        budget = "no limit" if left is None else f"{left} of {allowed} postponements left"
        if s.schedule.shortfall_hours > 0:
            fit = earliest_fit(plan, s.schedule.today)
            suggestion = fit.day if fit is not None else plan.exam.date.date() + dt.timedelta(days=14)
        else:
            suggestion = plan.exam.date.date() + dt.timedelta(days=7)
        with Vertical(classes="dialog wide"):
            yield Static("Reschedule the exam", classes="dialog-title")
            yield Static(
                Content.assemble(
                    ("Now: ", "bold"),
                    summary(s),
                    "\n",
                    ("Budget: ", "bold"),
                    budget,
                    "\n",
                    ("Cutoff: ", "bold"),
                    f"changes up to {cutoff:g} h before the exam, so by {deadline:%a %d %b %Y %H:%M} {s.zone}",
                ),
                id="reschedule-facts",
            )
            with Horizontal(classes="field-row"):
                yield Label("New date", classes="field-label")
                yield Input(f"{suggestion.isoformat()}T{plan.exam.date:%H:%M}", id="reschedule-date", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Reason", classes="field-label")
                yield Input(id="reschedule-reason", compact=True, placeholder="why (kept in the history)")
            yield Checkbox("This is a new booking (no postponements are left)", id="reschedule-force")
            with Horizontal(classes="field-row", id="confirm-row"):
                yield Label(f'Type "{CONFIRM_WORD}"', classes="field-label")
                yield Input(id="reschedule-confirm", compact=True, placeholder="it uses your last postponement")
            yield Static(id="reschedule-after")
            with Horizontal(classes="buttons"):
                yield Button("Move the exam", id="move", variant="warning")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        left = self._s.plan.postponements_left
        self.query_one("#reschedule-force", Checkbox).display = left == 0
        self.query_one("#confirm-row").display = left == 1
        self.query_one("#reschedule-date", Input).focus()
        self._evaluate()

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _evaluate(self) -> None:
        s = self._s
        plan = s.plan
        text = self.query_one("#reschedule-date", Input).value.strip()
        after = self.query_one("#reschedule-after", Static)
        move = self.query_one("#move", Button)
        self._request = None
        reason = self.query_one("#reschedule-reason", Input).value
        force = self.query_one("#reschedule-force", Checkbox).value
        try:
            to = moments.local_time(text, s.zone, plan.exam.date.time(), what="new date")
        except PlanError:
            after.update(Content.styled("Type a date (2027-05-10) or a date and time (2027-05-10T09:00).", "$warning"))
            move.disabled = True
            return
        decision = decide(
            plan,
            to,
            now=s.now,
            exam_at=s.exam_at,
            to_at=moments.at_local(to, s.zone),
            reason=reason,
            force=force,
        )
        if decision.plan is None:
            after.update(Content.assemble(("Not possible: ", "bold $error"), content(decision.refused or "")))
            move.disabled = True
            return
        try:
            parse.validated(decision.plan)
        except PlanError as exc:
            after.update(Content.assemble(("Not possible: ", "bold $error"), content(f"{exc}")))
            move.disabled = True
            return
        moved = situate(decision.plan, s.now, s.zone, here=s.here)
        lines = [Content.assemble(("After: ", "bold"), summary(moved))]
        lines.extend(Content.styled(f"• {note}", "$warning") for note in decision.notes)
        after.update(Content("\n").join(lines))
        needs_word = plan.postponements_left == 1
        typed = self.query_one("#reschedule-confirm", Input).value.strip().lower() == CONFIRM_WORD
        move.disabled = needs_word and not typed
        self._request = RescheduleRequest(to, reason, force, notes=decision.notes)

    @on(Input.Submitted)
    @on(Button.Pressed, "#move")
    def _move(self) -> None:
        if self.query_one("#move", Button).disabled:
            return
        if self._request is not None:
            self.dismiss(self._request)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
