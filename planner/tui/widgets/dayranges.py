"""Blackouts or overrides in the Plan form: the list, and a row to add one.

A range is either on dates (a holiday) or anchored to the exam ("7 days
before the exam, for 5 days": leave taken for it), which moves when the exam
moves. The widget checks a new range against the plan it was shown and posts
the change up; ``x`` removes the range under the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import ClassVar, Final, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from planner.core import edits, fmt, moments, rules
from planner.core.errors import PlanError
from planner.core.model import DayRange, Plan
from planner.tui import usecases
from planner.tui.fieldnames import error_text
from planner.tui.messages import EditRequested
from planner.tui.text import error_line, label
from planner.tui.widgets.textfield import TextField

__all__ = ["DayRanges", "range_label"]

RangeKind = Literal["blackouts", "overrides"]
_WHAT: Final = {"blackouts": "blackout", "overrides": "override"}
_PLACEHOLDERS: Final = {
    "dates": ("from date", "to date"),
    "anchored": ("days before", "for days"),
}


def range_label(r: DayRange) -> Content:
    """``Mon 29 Mar – Fri 2 Apr 2027 · 6 h · leave · 7 days before the exam``."""
    days = fmt.day(r.start) if r.start == r.end else f"{fmt.day_month(r.start)} – {fmt.day(r.end)}"
    parts: list[tuple[str, str] | str] = [days]
    if r.hours is not None:
        parts.append(f" · {fmt.hours_h(r.hours)}")
    if r.reason:
        parts.extend([" · ", (r.reason, "$text-muted")])
    if r.days_before_exam is not None:
        parts.append((f" · {fmt.plural(r.days_before_exam, 'day')} before the exam", "$accent"))
    return label(*parts)


class DayRanges(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "remove", "Remove", id="plan.range.remove", tooltip="Remove the selected blackout or override"),
        Binding(
            "escape",
            "put_back",
            "Put back",
            id="plan.range.put-back",
            tooltip="Empty the box being typed in; pressed again (or in the list), leave the blackouts or overrides",
        ),
    ]

    @dataclass
    class Left(Message):
        """The person left the ranges with escape (nothing typed left to empty)."""

        ranges: DayRanges

        @property
        def control(self) -> DayRanges:
            return self.ranges

    def __init__(self, kind: RangeKind, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="day-ranges")
        self.kind: RangeKind = kind
        self._plan: Plan | None = None
        self._shown: list[DayRange] = []

    def compose(self) -> ComposeResult:
        kind = self.kind
        yield OptionList(id=f"{kind}-list", classes="range-list", compact=True)
        yield Static(Content.styled(f"No {kind} yet.", "$text-muted"), classes="range-empty")
        with Horizontal(classes="field-row range-add"):
            yield Select(
                [("on dates", "dates"), ("before the exam", "anchored")],
                value="dates",
                allow_blank=False,
                compact=True,
                id=f"{kind}-mode",
                classes="range-mode",
            )
            first, second = _PLACEHOLDERS["dates"]
            yield TextField(placeholder=first, id=f"{kind}-first", compact=True)
            yield TextField(placeholder=second, id=f"{kind}-second", compact=True)
            if kind == "overrides":
                yield TextField(placeholder="hours", id=f"{kind}-hours", compact=True)
            yield TextField(placeholder="reason", id=f"{kind}-reason", compact=True)
            yield Button("Add", id=f"{kind}-add", compact=True)
        yield Static(classes="field-error")

    # --- showing ----------------------------------------------------------------

    def show_ranges(self, plan: Plan) -> None:
        self._plan = plan
        ranges: list[DayRange] = list(getattr(plan.study, self.kind))
        if ranges == self._shown:
            return
        self._shown = ranges
        # Shown on the line itself: a class on the whole widget would restyle its dozen widgets with it.
        self.query_one(".range-empty", Static).display = not ranges
        lst = self.query_one(OptionList)
        highlighted = lst.highlighted
        lst.set_options([Option(range_label(r), id=str(i)) for i, r in enumerate(ranges)])
        if highlighted is not None and ranges:
            lst.highlighted = min(highlighted, len(ranges) - 1)

    def _error(self, message: str) -> None:
        line = self.query_one(".field-error", Static)
        line.update(error_line(message) if message else Content(""))
        line.display = bool(message)

    @on(Select.Changed)
    def _mode_changed(self, event: Select.Changed) -> None:
        event.stop()
        first, second = _PLACEHOLDERS[str(event.value)]
        self.query_one(f"#{self.kind}-first", Input).placeholder = first
        self.query_one(f"#{self.kind}-second", Input).placeholder = second

    # --- adding and removing -------------------------------------------------------

    def _typed(self, name: str) -> str:
        return self.query_one(f"#{self.kind}-{name}", Input).value.strip()

    def _new_range(self, plan: Plan) -> DayRange:
        """The range the add row describes; ``PlanError`` naming the box whose text does not read."""
        hours = rules.parse_hours(self._typed("hours"), "hours") if self.kind == "overrides" else None
        reason = self._typed("reason")
        first, second = self._typed("first"), self._typed("second")
        if self.query_one(f"#{self.kind}-mode", Select).value == "anchored":
            before, days = _whole(first, "days before"), _whole(second or "1", "for days")
            return edits.anchored_range(plan, days_before_exam=before, days=days, hours=hours, reason=reason)
        start = moments.parse_date(first, what="from")
        end = moments.parse_date(second, what="to") if second else start
        return DayRange(start, end, reason, hours)

    @on(Button.Pressed)
    @on(Input.Submitted)
    def _add(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        plan = self._plan
        if plan is None:
            return
        try:
            day_range = self._new_range(plan)
            edit = partial(edits.add_range, which=self.kind, day_range=day_range)
            edit(plan)
        except PlanError as exc:
            self._error(error_text(exc, plan))
            return
        self._error("")
        for name in ("first", "second", "hours", "reason"):
            for field in self.query(f"#{self.kind}-{name}").results(Input):
                field.value = ""
        self.post_message(EditRequested(edit, f"add a {_WHAT[self.kind]}"))

    def action_put_back(self) -> None:
        """Empty the add row's box being typed in (and the error) and stay; with nothing to empty, leave.

        As in the form's fields: staying matters, since a digit typed next goes into the box, not to the
        tab keys; and without a way out, those keys would only ever type into it.
        """
        focused = self.screen.focused
        if isinstance(focused, Input) and focused in self.query(Input) and (focused.value or self._has_error):
            focused.value = ""
            self._error("")
            return
        self.post_message(self.Left(self))

    @property
    def _has_error(self) -> bool:
        return self.query_one(".field-error", Static).display

    def action_remove(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self._shown):
            return
        day_range = self._shown[index]
        edit = partial(usecases.remove_range, which=self.kind, day_range=day_range)
        self.post_message(EditRequested(edit, f"remove a {_WHAT[self.kind]}"))


def _whole(text: str, what: str) -> int:
    """A count of days typed as plain digits."""
    if not (text.isascii() and text.isdigit()):
        raise PlanError(f"{what}: {text!r} is not a whole number of days")
    return int(text)
