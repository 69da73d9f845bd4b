"""A small host for one view or screen of the TUI, standing in for the app's side of the messages.

It does what ``planner/tui/messages.py`` says the app does and nothing more:
it shows the view a ``Situation``, applies every ``EditRequested`` to its plan
(refused edits are recorded, as the app would report them), shows the new
situation, and keeps what was said. Tests of a view then check what the view
asks for, through the same messages the real app answers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from planner.core.errors import PlanError
from planner.core.model import Plan
from planner.core.situation import Situation, situate
from planner.tui.messages import ActionRequested, EditRequested, Say
from planner.tui.modals.practice import PracticeRecord

TCSS = Path(__file__).resolve().parent.parent / "planner" / "tui" / "planner.tcss"


class Host(App[None]):
    CSS_PATH = TCSS

    def __init__(self, plan: Plan, today: dt.date, view: Widget | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.zone = plan.exam.timezone or "UTC"
        self.today = today
        self.view = view
        self.labels: list[str] = []
        self.refused: list[str] = []
        self.said: list[str] = []
        self.actions: list[str] = []
        self.situation: Situation = self._situate()

    def _situate(self) -> Situation:
        now = pendulum.datetime(self.today.year, self.today.month, self.today.day, 9, tz=self.zone)
        return situate(self.plan, now, self.zone)

    def compose(self) -> ComposeResult:
        if self.view is not None:
            yield self.view

    def on_mount(self) -> None:
        """Show the view the situation and give it the keyboard, as the app does when a tab opens."""
        show = getattr(self.view, "show", None)
        focus_main = getattr(self.view, "focus_main", None)
        if show is not None:
            self.call_after_refresh(show, self.situation)
        if focus_main is not None:
            self.call_after_refresh(focus_main)

    def on_edit_requested(self, message: EditRequested) -> None:
        try:
            self.plan = message.edit(self.plan)
        except PlanError as exc:
            self.refused.append(str(exc))
            return
        self.labels.append(message.label)
        self.situation = self._situate()
        show = getattr(self.view, "show", None)
        if show is not None:
            show(self.situation)

    def on_say(self, message: Say) -> None:
        self.said.append(message.text)

    def on_action_requested(self, message: ActionRequested) -> None:
        self.actions.append(message.action)

    def practice(self, timer: Screen[PracticeRecord | None]) -> None:
        """What the app does for its practice key: the timer's record goes up as one edit, then is said."""

        def done(record: PracticeRecord | None) -> None:
            if record is not None:
                self.post_message(EditRequested(record.edit, record.label))
                self.post_message(Say(record.said))

        self.push_screen(timer, done)
