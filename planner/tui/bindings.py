"""The app's keys, as data: the footer, the command palette and the keys screen all read them here.

Every binding has an id (so a person can remap it in a keymap), a short
description for the footer and a tooltip that says what it does in a
sentence; the palette lists the tooltip, so one binding is one command
everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, NamedTuple

from textual.binding import Binding, BindingType

__all__ = ["APP_BINDINGS", "TABS", "KeyRow", "Tab", "key_rows", "shown_key"]


class Tab(NamedTuple):
    id: str
    title: str
    key: str


TABS: Final = (
    Tab("dashboard", "Dashboard", "1"),
    Tab("schedule", "Schedule", "2"),
    Tab("resources", "Resources", "3"),
    Tab("plan", "Plan", "4"),
    Tab("log", "Log", "5"),
)
"""The screens, in tab order, with the key that shows each."""

APP_BINDINGS: Final[list[BindingType]] = [
    # In footer order: what a newcomer needs first survives a narrow terminal.
    Binding("question_mark", "keys", "Keys", key_display="?", id="planner.keys", tooltip="Show every key"),
    Binding("q", "quit_app", "Quit", id="planner.quit", tooltip="Save and quit"),
    Binding("l", "add_log", "Log", id="planner.log.add", tooltip="Log a study session"),
    # Study sessions (issue 14): start on what is highlighted; stop is in the footer while one runs.
    Binding(
        "s", "start_session", "Session", id="planner.session.start", tooltip="Start a session on what is highlighted"
    ),
    Binding("x", "stop_session", "Stop", id="planner.session.stop", tooltip="Stop the study session and log its time"),
    Binding("p", "print_preview", "Print", id="planner.print", tooltip="Print preview and export"),
    # The calendars' keys show only for a plan with [[calendars]] / [publish] (CalendarKeeper.check_action).
    Binding(
        "c",
        "refresh_calendars",
        "Calendars",
        id="planner.calendars.refresh",
        tooltip="Read the calendars again now",
    ),
    Binding(
        "P",
        "publish",
        "Publish",
        key_display="P",
        id="planner.publish",
        tooltip="Send the study sessions to your calendar",
    ),
    # Second in line for P: it runs only when "publish" does not apply, so a press is never ignored.
    Binding(
        "P",
        "publish_setup",
        "Publish",
        key_display="P",
        id="planner.publish.setup",
        tooltip="Say how to set up publishing (a plan without [publish])",
        show=False,
    ),
    Binding("ctrl+s", "save", "Save", id="planner.save", tooltip="Write the plan file now"),
    Binding("ctrl+z", "undo", "Undo", id="planner.undo", tooltip="Undo the last change"),
    Binding("ctrl+y", "redo", "Redo", id="planner.redo", tooltip="Redo what was undone"),
    Binding("ctrl+t", "toggle_theme", "Theme", id="planner.theme", tooltip="Switch dark and light"),
    # Reached from the palette, the keys screen and the screens' own buttons: not in the footer.
    Binding("r", "reschedule", "Reschedule", id="planner.reschedule", tooltip="Reschedule the exam", show=False),
    Binding("t", "practice", "Practice", id="planner.practice", tooltip="Start a timed practice exam", show=False),
    Binding("ctrl+n", "new_plan", "New plan", id="planner.new", tooltip="Make a plan from a template", show=False),
    # The tab keys are written on the tabs themselves ("1 Dashboard"): not repeated in the footer.
    *(
        Binding(
            tab.key,
            f"show_tab('{tab.id}')",
            tab.title,
            id=f"planner.go.{tab.id}",
            tooltip=f"Go to {tab.title}",
            show=False,
        )
        for tab in TABS
    ),
]
"""The keys that work on every screen."""


class KeyRow(NamedTuple):
    """One line of the keys screen."""

    where: str
    key: str
    what: str
    detail: str = ""


EXTRA_ROWS: Final = (
    KeyRow("everywhere", "ctrl+p", "Command palette", "Search every command"),
    KeyRow("everywhere", "tab / shift+tab", "Next / previous field", "Move the focus"),
    KeyRow("Dashboard", "↑ ↓ pgup pgdn", "Scroll", "The warnings, and the hours per domain under them"),
    KeyRow("Schedule", "↑ ↓ enter", "Choose a week", "Shows the week's days and what is due"),
    KeyRow("Practice timer", "space", "Pause / resume", "Stop or restart the clock"),
    KeyRow("Practice timer", "enter", "Finish", "Stop and record the score"),
    KeyRow("Practice timer", "escape", "Abandon", "Leave without recording (asks after the first minute)"),
)
"""Keys that are not bindings of ours (Textual's own, or the grid's arrows), listed for completeness."""


def shown_key(binding: Binding) -> str:
    """The key as the footer writes it: ``?``, ``d / delete``."""
    return binding.key_display or binding.key.replace(",", " / ")


UNLISTED: Final = frozenset({"planner.publish.setup"})
"""Bindings the keys screen leaves out: a second meaning of a key already listed (P without [publish])."""


def key_rows(groups: Iterable[tuple[str, Iterable[BindingType]]]) -> list[KeyRow]:
    """The keys screen's rows: each group's bindings (``where`` they work), then the extra keys."""
    rows = [
        KeyRow(where, shown_key(b), b.description, b.tooltip)
        for where, bindings in groups
        for b in bindings
        if isinstance(b, Binding) and b.id not in UNLISTED
    ]
    return [*rows, *EXTRA_ROWS]
