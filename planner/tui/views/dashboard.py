"""Dashboard: where you stand against the exam, and what this week asks of you.

This week's work is what a person opens the planner for, so it sits under
the exam card and never scrolls away: the warnings take the room that is
left and scroll on their own, however many there are (at 80x24 the first of
them still shows). Below 100 columns the hours per domain move under the
warnings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from planner.core.views.header import countdown, exam_when, postponements
from planner.tui.messages import ActionRequested
from planner.tui.text import content, join, label
from planner.tui.views import dashparts
from planner.tui.views.base import ShowsSituation

if TYPE_CHECKING:
    from planner.core.situation import Situation
    from planner.tui.calendars import Card

__all__ = ["DashboardView"]


def _shown_path(path: Path) -> str:
    """The plan file as the user would type it: relative to here when it is below here."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


class DashboardView(ShowsSituation, Vertical):
    """Exam and countdown, this week, then the warnings and the hours per domain."""

    NARROW: ClassVar[int] = 100
    """Below this many columns the hours per domain move under the warnings."""

    practice_due: reactive[bool] = reactive(False)
    has_risk: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, tuple[str, tuple[object, ...]]] = {}
        self._shown_once = False
        self._situation: Situation | None = None
        self._calendars: Card | None = None

    def compose(self) -> ComposeResult:
        # The cards are composed with the app, empty, so they are mounted (nested containers and all)
        # by the time the app opens the plan as it mounts: the first frame shows the plan in them.
        yield from self._cards()

    def _cards(self) -> list[Widget]:
        calendars = Static(id="calendars", classes="card")
        calendars.display = False  # until the app hands down calendars that were read
        return [
            Static(id="exam-card", classes="card"),
            Horizontal(Static(id="practice-hint"), id="practice-bar"),  # its button comes when practice is due
            Horizontal(
                Vertical(Static(id="this-week"), id="week-card", classes="card"),
                Vertical(Static(id="progress"), id="progress-card", classes="card"),
                id="week-row",
            ),
            VerticalScroll(
                Static(id="warnings", classes="card"),
                calendars,
                Static(id="progress-below", classes="card"),
                id="dash-more",
            ),
        ]

    def focus_main(self) -> None:
        """The warnings scroll: the arrow keys read them."""
        for more in self.query("#dash-more").results(VerticalScroll):
            more.focus()

    def _focus_if_shown(self) -> None:
        """The first plan shown takes the keyboard, unless a key showed another tab since (focus would switch back)."""
        if self.parent is not None and self.parent.display:
            self.focus_main()

    def show(self, s: Situation) -> None:
        self._situation = s
        if not self.query("#progress"):  # the cards are still being mounted: the latest plan is shown once they are
            self.call_after_refresh(self._show_latest)
            return
        if not self._shown_once:
            self._shown_once = True
            self.call_after_refresh(self._focus_if_shown)
        from planner.core.views.totals import totals

        t = totals(s.plan, s.schedule)
        self._put("#exam-card", self._exam(s))
        self._put_calendars()
        progress = dashparts.progress(t)
        self._put("#progress", progress)
        self._put("#progress-below", progress)
        self._put("#this-week", dashparts.this_week(s))
        hint = dashparts.practice_hint(s, t)
        self.practice_due = hint is not None
        if hint is not None:
            self._put("#practice-hint", Content(f"  {hint}"))
        self.has_risk = s.risk
        self._put("#warnings", dashparts.warnings(s))

    def _show_latest(self) -> None:
        if self._situation is not None:
            self.show(self._situation)

    def _exam(self, s: Situation) -> Content:
        exam = s.plan.exam
        here = s.here
        local = f"  ·  {s.exam_at.in_timezone(here):%a %H:%M} {here} (local)" if here != s.zone else ""
        left = postponements(s.plan)
        lines = [
            label((exam.name, "bold"), ("  " + exam.code, "$accent") if exam.code else ""),
            label(exam_when(s) + local),
            label((countdown(s).capitalize(), "bold"), f"  ·  {left}" if left else ""),
        ]
        if self.plan_path is not None:
            lines[-1] = Content.assemble(lines[-1], ("  ·  ", ""), content(_shown_path(self.plan_path), "$text-muted"))
        if self._calendars is not None:
            lines.append(content(self._calendars.summary, "$text-muted"))
        return join(lines)

    def show_calendars(self, card: Card | None) -> None:
        """What the calendars card and the exam card's last line say (the app hands it down)."""
        self._calendars = card
        if self._situation is not None and self.query("#progress"):
            self._put("#exam-card", self._exam(self._situation))
            self._put_calendars()

    def _put_calendars(self) -> None:
        card = self._calendars
        box = self.query_one("#calendars", Static)
        box.display = card is not None
        if card is not None:
            self._put("#calendars", dashparts.calendars(card))

    def _put(self, selector: str, shown: Content) -> None:
        """Update a card only when what it shows changed: an unchanged card costs no redraw."""
        key = (shown.plain, tuple(shown.spans))
        if self._shown.get(selector) != key:
            self._shown[selector] = key
            self.query_one(selector, Static).update(shown)

    def watch_practice_due(self, due: bool) -> None:
        self.set_class(due, "practice-due")
        if due and not self.query("#start-practice"):
            # Made the first time it is wanted: most days have no practice due, and a start-up
            # without a Button spares parsing its styles (a sixth of the first frame's CSS).
            button = Button("Start a practice exam (t)", id="start-practice", variant="primary", compact=True)
            self.query_one("#practice-bar", Horizontal).mount(button, before=0)

    def watch_has_risk(self, risk: bool) -> None:
        self.set_class(risk, "at-risk")

    @on(Button.Pressed, "#start-practice")
    def _start_practice(self) -> None:
        self.post_message(ActionRequested("practice"))
