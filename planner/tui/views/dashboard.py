"""Dashboard: where you stand against the exam, and what this week asks of you.

This week's work is what a person opens the planner for, so it sits under
the exam card and never scrolls away: the warnings take the room that is
left and scroll on their own, however many there are (at 80x24 the first of
them still shows: this week lists as many domains as leave them room, and
counts the rest). Below 100 columns, or where half the width cannot hold a
bar with its figures, the hours per domain move under the warnings; beside
this week, they are listed there too when the card cannot list them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from planner.tui.messages import ActionRequested
from planner.tui.styled import Lines, line, line_width, shortened
from planner.tui.text import styled
from planner.tui.views.base import ShowsSituation
from planner.tui.widgets.readscroll import ReadingScroll

if TYPE_CHECKING:
    from planner.core.situation import Situation
    from planner.tui.calendars import Card
    from planner.tui.cards import Cards

__all__ = ["DashboardView"]

CARD_FRAME: Final = 2
"""Lines a card's border takes (``.card`` in planner.tcss)."""
CARD_SIDES: Final = 4
"""Columns a card's border and padding take (``.card``)."""
PRACTICE_BAR: Final = 1
"""Lines the bar that starts a practice exam takes before it is laid out (its hint may wrap to more)."""
WARNINGS_SHOWN: Final = 3
"""Lines the warnings keep below this week however many domains it lists: ``#dash-more``'s min-height."""
MORE_THIS_WEEK: Final = "  and {n} more domains (2 Schedule)"
MORE_PROGRESS: Final = "and {n} more domains: all under the warnings"


class DashboardView(ShowsSituation, Vertical):
    """Exam and countdown, this week, then the warnings and the hours per domain."""

    NARROW: ClassVar[int] = 100
    """Below this many columns the hours per domain move under the warnings."""

    practice_due: reactive[bool] = reactive(False)
    has_risk: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, Lines] = {}
        self._shown_once = False
        self._situation: Situation | None = None
        self._calendars: Card | None = None
        self._cards_shown: Cards | None = None
        self._room_used = 0

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
            Horizontal(Static(id="this-week", classes="card"), Static(id="progress", classes="card"), id="week-row"),
            ReadingScroll(
                Static(id="warnings", classes="card"),
                calendars,
                Static(id="progress-below", classes="card"),
                id="dash-more",
            ),
        ]

    def focus_main(self) -> None:
        """The warnings scroll: the arrow keys read them."""
        for more in self.query("#dash-more").results(ReadingScroll):
            more.focus()

    def _focus_if_shown(self) -> None:
        """The first plan shown takes the keyboard, unless a key showed another tab since (focus would switch back)."""
        if self.parent is not None and self.parent.display:
            self.focus_main()

    def show(self, s: Situation) -> None:
        self._situation = s
        from planner.tui.views import dashparts  # here: the first frame's cards come worked out (tui.opening)

        self.put(dashparts.cards(s, self.plan_path, self._calendars))

    def put(self, cards: Cards) -> None:
        """Show ``cards``: worked out here from a situation, or by the child that read the plan (``tui.opening``)."""
        self._cards_shown = cards
        self.reckon_narrow()  # the widest bar may have changed
        if not self.query("#progress-below"):  # the last card composed is not mounted yet: shown once they all are
            self.call_after_refresh(self._put_latest)
            return
        if not self._shown_once:
            self._shown_once = True
            self.call_after_refresh(self._focus_if_shown)
        self._put("#exam-card", cards.exam)
        box = self.query_one("#calendars", Static)
        box.display = cards.calendars is not None
        if cards.calendars is not None:
            self._put("#calendars", cards.calendars)
        room = self._room_used = self._room(cards)
        beside = shortened(cards.progress, cards.progress_rows, room, MORE_PROGRESS)
        self._put("#progress", beside)
        self._put("#progress-below", cards.progress)  # under the warnings, it scrolls with them: all of it
        self.set_class(beside != cards.progress, "progress-cut")  # ... and shows when the card beside is cut
        self._put("#this-week", shortened(cards.this_week, cards.week_rows, room, MORE_THIS_WEEK))
        self.practice_due = cards.practice_hint is not None
        if cards.practice_hint is not None:
            self._put("#practice-hint", (line(f"  {cards.practice_hint}"),))
        self.has_risk = cards.at_risk
        self._put("#warnings", cards.warnings)
        self.call_after_refresh(self._check_room)

    def narrow_below(self) -> int:
        """Side by side, the hours per domain need their bars and figures whole: narrow below twice that."""
        cards = self._cards_shown
        if cards is None:
            return self.NARROW
        side = max((line_width(row) for row in cards.progress), default=0) + CARD_SIDES
        return max(self.NARROW, 2 * side)

    def _room(self, cards: Cards) -> int:
        """The lines this week's card may take, so the warnings keep their first lines below it (0: not laid out)."""
        height = self.size.height
        if not height:
            return 0
        bar = 0
        if cards.practice_hint is not None:  # as tall as laid out: the hint wraps in a narrow terminal
            bar = self.query_one("#practice-bar").outer_size.height or PRACTICE_BAR
        above = len(cards.exam) + CARD_FRAME + bar
        return max(1, height - above - WARNINGS_SHOWN - CARD_FRAME)

    def _check_room(self) -> None:
        """Laid out, the practice bar may be taller than reckoned: shorten the cards again if so."""
        if self._cards_shown is not None and self._room(self._cards_shown) != self._room_used:
            self.put(self._cards_shown)

    def on_resize(self) -> None:
        self._put_latest()  # the room for this week's card changed

    def _put_latest(self) -> None:
        if self._cards_shown is not None:
            self.put(self._cards_shown)

    def show_calendars(self, card: Card | None) -> None:
        """What the calendars card and the exam card's last line say (the app hands it down)."""
        self._calendars = card
        s, shown = self._situation, self._cards_shown
        if s is not None and shown is not None:  # only the two cards that say it are worked out again
            from planner.tui.views import dashparts

            calendars = dashparts.calendars(card) if card is not None else None
            self.put(shown._replace(exam=dashparts.exam(s, self.plan_path, card), calendars=calendars))

    def _put(self, selector: str, shown: Lines) -> None:
        """Update a card only when what it shows changed: an unchanged card costs no redraw."""
        before = self._shown.get(selector)
        if before != shown:
            self._shown[selector] = shown
            card = self.query_one(selector, Static)
            card.update(styled(shown), layout=_may_resize(card, before, shown))

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


def _may_resize(card: Static, before: Lines | None, shown: Lines) -> bool:
    """Whether ``shown`` in place of ``before`` may change the card's size, so the screen is laid out again.

    An edit of a big plan changes the numbers of two or three cards: laying out
    the whole screen for each costs as much as drawing them. A card keeps its
    height with as many lines when none of them wraps: it never wraps, or every
    line, before and now, fits its width (which is its column's, not its text's).
    A card not shown is laid out when it is shown, as showing it changes the layout.
    """
    if not card.display:
        return False
    if before is None or len(before) != len(shown):
        return True
    if card.styles.text_wrap == "nowrap":
        return False
    room = card.content_size.width
    return room <= 0 or any(line_width(row) > room for row in (*before, *shown))
