"""The study session running now, on every screen: what it is on, how long it has run, the focus phase.

A session is easy to forget; a line that ticks under every tab is what
keeps it honest. The app hands the bar what to show once a second
(attributes down); clicking it asks the app to stop the session, as the
stop key does (messages up). Its state is a few classes toggled in watch
methods, and their colours are in ``planner.tcss``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from planner.tui.messages import ActionRequested
from planner.tui.running import SessionShown
from planner.tui.text import content

if TYPE_CHECKING:
    pass

__all__ = ["SessionBar", "SessionShown", "clock_time"]


def clock_time(seconds: int, *, hours: bool = True) -> str:
    """``0:25:03`` (or ``25:03`` without ``hours``, under an hour): a stopwatch's reading."""
    minutes, second = divmod(max(0, seconds), 60)
    whole, minute = divmod(minutes, 60)
    return f"{whole}:{minute:02d}:{second:02d}" if hours or whole else f"{minute:02d}:{second:02d}"


def _line(shown: SessionShown) -> Content:
    """The clock first (it must survive a narrow terminal), then the focus phase, then what it is on."""
    parts: list[Content] = [Content.styled(f" ● Session {clock_time(shown.seconds)}", "bold")]
    focus = shown.focus
    if focus is not None:
        phase = "focus" if focus.kind == "work" else "break"
        parts.append(Content(f" · {phase} {focus.cycle}, {clock_time(focus.seconds_left, hours=False)} left"))
    if shown.long:
        parts.append(Content(" · left running? x stops it and asks"))
    parts += [Content(" · "), content(shown.what)]
    if not shown.long:
        parts.append(Content.styled(" · x stop and log", "dim"))
    return Content("").join(parts)


class SessionBar(Static):
    """One line above the footer while a session runs; hidden otherwise."""

    running: reactive[bool] = reactive(False)
    on_break: reactive[bool] = reactive(False)
    long: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.shown: SessionShown | None = None
        """What the bar shows now (``None``: no session)."""

    def show_session(self, shown: SessionShown | None) -> None:
        """Show ``shown`` (the app calls this every second and when the plan changes)."""
        if shown == self.shown:
            return
        self.shown = shown
        self.running = shown is not None
        self.on_break = shown is not None and shown.focus is not None and shown.focus.kind == "break"
        self.long = shown is not None and shown.long
        self.update(_line(shown) if shown is not None else Content(""), layout=False)

    def watch_running(self, running: bool) -> None:
        self.set_class(running, "running")

    def watch_on_break(self, on_break: bool) -> None:
        self.set_class(on_break, "on-break")

    def watch_long(self, long: bool) -> None:
        self.set_class(long, "long")

    def on_click(self, event: events.Click) -> None:
        if self.running:
            event.stop()
            self.post_message(ActionRequested("stop_session"))
