"""Move the exam: what it costs, and the whole situation after the move beside the one now.

A move can fix one warning and cause another (leave days left behind make
the practice exams overflow), so the dialog shows every warning the moved
plan will have, marked new or still there, and every one that goes away,
computed by the same edit the app applies when the person confirms. Dated
overrides and blackouts in the final weeks may move with the exam (asked);
those set as days before the exam always do.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Final, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from planner.core import fmt, moments
from planner.core.engine import earliest_fit
from planner.core.errors import PlanError
from planner.core.situation import Situation
from planner.core.views.header import pace
from planner.core.views.reschedule import Preview
from planner.core.views.reschedule import preview as preview_move
from planner.tui import usecases
from planner.tui.text import content, join, label
from planner.tui.widgets.readscroll import ReadingScroll
from planner.tui.widgets.textfield import TextField

__all__ = ["CONFIRM_WORD", "RescheduleRequest", "RescheduleScreen"]

CONFIRM_WORD: Final = "postpone"
"""What a person types to spend the last postponement: a word, not a reflex Enter."""
_MARK: Final = {"new": ("new  ", "bold $error"), "still": ("still", "$text-muted"), "gone": ("gone ", "bold $success")}
_SEVERITY: Final = {"risk": "bold $error", "warn": "bold $warning", "info": "bold $accent"}


def _span(start: dt.date, end: dt.date) -> str:
    """``26 Mar``, ``29 Mar – 2 Apr``."""
    return f"{start.day} {start:%b}" + ("" if start == end else f" – {end.day} {end:%b}")


def summary(s: Situation) -> str:
    return f"{fmt.day(s.exam_at)} {s.exam_at:%H:%M}: {pace(s)}"


class RescheduleRequest(NamedTuple):
    """What the person asked for; the app applies it to the plan as it is when they confirm."""

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
        self._movable = usecases.movable_ranges(situation.plan)
        self._request: RescheduleRequest | None = None
        """What Enter would ask for: set only while the date typed is a move the exam allows."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="reschedule-dialog"):
            yield Static("Reschedule the exam", classes="dialog-title")
            yield Static(self._facts(), id="reschedule-facts")
            with Horizontal(classes="field-row"):
                yield Label("New date", classes="field-label")
                yield TextField(self._suggestion(), id="reschedule-date", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Reason", classes="field-label")
                yield TextField(id="reschedule-reason", compact=True, placeholder="why (kept in the history)")
            yield Checkbox(self._movable_question(), id="reschedule-move-dated", compact=True)
            yield Checkbox("This is a new booking (no postponements are left)", id="reschedule-force", compact=True)
            with Horizontal(classes="field-row", id="confirm-row"):
                yield Label(f'Type "{CONFIRM_WORD}"', classes="field-label")
                yield TextField(id="reschedule-confirm", compact=True, placeholder="it uses your last postponement")
            with ReadingScroll(id="reschedule-after-scroll"):
                yield Static(id="reschedule-after")
            with Horizontal(classes="buttons"):
                yield Button("Move the exam", id="move", variant="warning")
                yield Button("Cancel", id="cancel")

    def _facts(self) -> Content:
        s = self._s
        plan = s.plan
        left, allowed = plan.postponements_left, plan.exam.postponements_allowed
        cutoff = plan.exam.reschedule_cutoff_hours
        deadline = s.exam_at.subtract(hours=int(cutoff), minutes=round((cutoff % 1) * 60))
        budget = "no limit" if left is None else f"{left} of {allowed} postponements left"
        lines = [
            label(("Now: ", "bold"), summary(s)),
            label(("Budget: ", "bold"), budget),
            label(
                ("Cutoff: ", "bold"), f"{fmt.hours_h(cutoff)} before the exam, by {fmt.day(deadline)} {deadline:%H:%M}"
            ),
        ]
        anchored = [r for r in (*plan.study.blackouts, *plan.study.overrides) if r.days_before_exam is not None]
        if anchored:
            lines.append(label(("Moves with it: ", "bold"), fmt.plural(len(anchored), "range"), " set as days before"))
        return join(lines)

    def _suggestion(self) -> str:
        s = self._s
        plan = s.plan
        if s.schedule.shortfall_hours > 0:
            fit = earliest_fit(plan, s.schedule.today)
            day = fit.day if fit is not None else plan.exam.date.date() + dt.timedelta(days=14)
        else:
            day = plan.exam.date.date() + dt.timedelta(days=7)
        return f"{day.isoformat()}T{plan.exam.date:%H:%M}"

    def _movable_question(self) -> Content:
        ranges = self._movable
        if not ranges:
            return Content("")
        days = ", ".join(_span(r.start, r.end) for r in ranges)
        return Content(f"Also move the {fmt.plural(len(ranges), 'dated range')} of the final weeks: {days}")

    def on_mount(self) -> None:
        left = self._s.plan.postponements_left
        self.query_one("#reschedule-force", Checkbox).display = left == 0
        self.query_one("#reschedule-move-dated", Checkbox).display = bool(self._movable)
        self.query_one("#confirm-row").display = left == 1
        self.query_one("#reschedule-date", Input).focus()
        self._evaluate()

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _evaluate(self) -> None:
        """Show the situation after the move typed so far; arm the button only for a move that is allowed."""
        s = self._s
        after = self.query_one("#reschedule-after", Static)
        move = self.query_one("#move", Button)
        self._request = None
        move.disabled = True
        try:
            typed = moments.typed_time(
                self.query_one("#reschedule-date", Input).value.strip(), s.zone, s.plan.exam.date.time(), what="date"
            )
        except PlanError as exc:
            typed_so_far = self.query_one("#reschedule-date", Input).value.strip()
            hint = "Type a date (2027-05-10) or a date and time (2027-05-10T09:00)."
            # While a date is being typed the hint is enough; a whole one that is wrong is told why.
            why = f"{exc.message.removeprefix('date: ')}. " if len(typed_so_far) >= len("2027-05-10") else ""
            after.update(Content.styled(why + hint, "$warning"))
            return
        to = moments.naive(typed.at)
        request = RescheduleRequest(
            to,
            self.query_one("#reschedule-reason", Input).value,
            self.query_one("#reschedule-force", Checkbox).value,
            self.query_one("#reschedule-move-dated", Checkbox).value,
        )
        preview = preview_move(s, to, reason=request.reason, force=request.force, move_dated=request.move_dated)
        after.update(_preview_text(preview, typed.note))
        if preview.after is None:
            return
        confirmed = self.query_one("#reschedule-confirm", Input).value.strip().lower() == CONFIRM_WORD
        move.disabled = s.plan.postponements_left == 1 and not confirmed
        said = (typed.note,) if typed.note else ()  # which instant a skipped or repeated time became
        self._request = request._replace(notes=(*said, *preview.notes))

    @on(Input.Submitted)
    @on(Button.Pressed, "#move")
    def _move(self) -> None:
        if self._request is not None and not self.query_one("#move", Button).disabled:
            self.dismiss(self._request)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _preview_text(p: Preview, note: str | None = None) -> Content:
    """After: the pace, the notes, then every warning marked new, still or gone.

    ``note`` says which instant a time the clocks skip or repeat that day becomes.
    """
    said = [label(("• ", "$warning"), (note, "$warning"))] if note else []
    if p.after is None:
        return join([*said, Content.assemble(("Not possible: ", "bold $error"), content(p.refused or ""))])
    lines = [*said, label(("After: ", "bold"), summary(p.after))]
    lines.extend(label(("• ", "$warning"), (note, "$warning")) for note in p.notes)
    if not p.changes:
        lines.append(label(("No warnings now or after the move.", "$success")))
    else:
        lines.append(label(("Warnings after the move, beside now:", "bold")))
    for change in p.changes:
        line = change.line
        severity = str(line.severity)
        lines.append(
            label(
                _MARK[change.kind],
                " ",
                (f"{severity.upper():<4} ", _SEVERITY.get(severity, "bold")),
                (str(line.code), "bold"),
                f"  {line.text}",
            )
        )
    return join(lines)
