"""One value of the plan in a form: typed freely, applied only when finished and valid.

Applying every keystroke saves what the person has not finished typing
(``200`` on the way to ``2000``, a zone through a typo, a deleted key on the
way to retyping it). A field here is read when the person leaves it or
presses Enter; text that cannot be read, or an empty required value, is
shown as invalid with the reason under it and never reaches the plan.
Removing an optional value is its own action, never an empty field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from planner.core import edits
from planner.core.errors import KeyPath, PlanError
from planner.tui.text import content, error_line
from planner.tui.widgets.textfield import TextField

__all__ = ["FieldSpec", "PlanField"]


@dataclass(frozen=True)
class FieldSpec:
    """What a field edits: the key path in the file, its label, how it is read, and whether it may go."""

    key: KeyPath
    label: str
    """Beside the field."""
    name: str
    """In messages: "Exam minutes" where the label, in its card, says "Minutes"."""
    required: bool = True
    placeholder: str = ""


class PlanField(Widget):
    """A label, an input, and the reason its text is not applied (when it is not).

    Laid out as a two-column grid (label, input; the reason spans both under them):
    a form has dozens of fields, and each widget less is a faster Plan tab.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "put_back",
            "Put back",
            id="field.put-back",
            tooltip="Put back the plan's value; pressed again, leave the field",
        ),
        Binding("ctrl+r", "remove", "Remove value", id="field.remove", tooltip="Remove an optional value (default)"),
    ]

    error: reactive[str] = reactive("")
    """Why the typed text is not applied; empty when it is fine."""

    @dataclass
    class Committed(Message):
        """The person finished typing a value that reads as its kind; the view checks it against the plan."""

        field: PlanField
        value: object

        @property
        def control(self) -> PlanField:
            return self.field

    @dataclass
    class Removed(Message):
        """The person asked to remove the field's optional value (its default then applies)."""

        field: PlanField

        @property
        def control(self) -> PlanField:
            return self.field

    @dataclass
    class Left(Message):
        """The person left the field with escape (with nothing left to put back)."""

        field: PlanField

        @property
        def control(self) -> PlanField:
            return self.field

    def __init__(self, spec: FieldSpec, *, stacked: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="plan-field stacked" if stacked else "plan-field")
        self.spec = spec
        self._stacked = stacked
        self._shown = ""
        """The plan's value as last shown; text that differs is the person's."""
        self._sent: str | None = None
        """The text handed up as a change and applied: the next ``show_value`` replaces it, unless the field
        holds other text since (typed after it: tab away and back in one burst)."""
        self._committed_text = ""
        """The text of the last ``Committed``: the view may accept it after more was typed."""
        self._refused: str | None = None
        """Text that was refused (it does not read, or the plan would not take it): leaving the field does
        not send it again, Enter does; once the person is elsewhere, the plan's next showing drops it."""

    def compose(self) -> ComposeResult:
        yield Label(self.spec.label, classes="field-label")
        yield TextField(placeholder=self.spec.placeholder, compact=True)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def editing(self) -> bool:
        """The field holds text the person typed and has not finished (or that was refused)."""
        value = self.input.value
        return value not in (self._shown, self._sent)

    def show_value(self, text: str) -> None:
        """Show the plan's value, unless the person's own text is in the field.

        Refused text in a field the person has left is not theirs to keep: the plan changed since, and
        that text, sent again by a later pass through the form, would change the plan without a word.
        """
        if self.editing and not self._refused_and_left:
            return
        self._shown, self._sent, self._refused = text, None, None
        if self.input.value != text:
            self.input.value = text
        self.error = ""

    @property
    def _refused_and_left(self) -> bool:
        return self._refused is not None and self.input.value == self._refused and not self.input.has_focus

    def refuse(self, reason: str, text: str | None = None) -> None:
        """``text`` (default: what the field holds) is not applied, for ``reason`` (shown under it)."""
        self._refused = self.input.value if text is None else text
        self.error = reason

    def refuse_sent(self, reason: str) -> None:
        """The view refused the value last sent up. Text typed after it is the person's still: leaving the
        field sends that, as it was never tried."""
        self.refuse(reason, self._committed_text)

    def retarget(self, spec: FieldSpec, text: str) -> None:
        """Edit another value (the domain editor follows the table's cursor); typed text is dropped."""
        self.spec = replace(spec)
        self.query_one(Label).update(content(spec.label))
        self._shown, self._sent, self._refused = text, None, None
        self.input.value = text
        self.error = ""

    def revert(self) -> None:
        """Put the plan's value back."""
        self._sent = self._refused = None
        self.input.value = self._shown
        self.error = ""

    def action_put_back(self) -> None:
        """Put the plan's value back and stay, or leave when there is nothing to put back.

        Staying matters: typed next, a digit goes into the field, not to the tab keys.
        """
        if self.input.value != self._shown or self.error:
            self.revert()
            self.input.cursor_position = len(self.input.value)
            return
        self.post_message(self.Left(self))

    def action_remove(self) -> None:
        if self.spec.required:
            self.error = f"{self.spec.name} is required; it cannot be removed"
            return
        self.post_message(self.Removed(self))

    def accepted(self) -> None:
        """The view applied the value: it is the plan's now, whatever the re-flow shows next."""
        self._sent, self._refused = self._committed_text, None
        self.error = ""

    def watch_error(self, error: str) -> None:
        self.set_class(bool(error), "-invalid")
        found = self.query(".field-error").results(Static)
        message = next(found, None)
        if message is None:
            if error:  # made the first time it is needed
                self.mount(Static(error_line(error), classes="field-error"))
            return
        message.update(error_line(error) if error else Content(""))

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _finished(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        if isinstance(event, Input.Blurred) and self.input.value == self._refused:
            return  # refused as it stands: passing through the field does not try it again
        self.commit()

    def commit(self) -> None:
        """Read the text; a value that reads goes up as ``Committed``, anything else is marked invalid."""
        text = self.input.value
        if text == self._shown:
            self._refused = None
            self.error = ""
            return
        spec = self.spec
        if not text.strip():
            self.refuse(
                f"{spec.name} is required"
                if spec.required
                else f"empty: ctrl+r removes {spec.name} from the plan, escape puts it back"
            )
            return
        try:
            value = edits.field_from_text(spec.key, text)
        except PlanError as exc:
            self.refuse(f"{spec.name}: {exc.message}")
            return
        self._committed_text = text
        self.post_message(self.Committed(self, value))
