"""The screen that holds the tabs."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

__all__ = ["MainScreen"]


class MainScreen(Screen[None]):
    """The tabs' screen: the dashboard's warnings take the keyboard as it opens.

    Focusing them straight away, rather than the tab bar (Textual's first
    focusable widget) and then them, spares the first frame a restyle of the
    tab bar that loses focus. Afterwards the app's own rule applies again.
    """

    AUTO_FOCUS = "#dash-more"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first time the screen is shown its widgets were styled a moment ago, as they mounted:
        # Textual would style every one of them again before the first frame. Later resumes (back
        # from a dialog) restyle as Textual does.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
        super()._on_screen_resume(event)

    def on_screen_resume(self) -> None:
        # Once only: Textual applies AUTO_FOCUS each time the screen comes back with nothing
        # focused, and focusing the dashboard's warnings would switch away from the tab shown.
        # Textual reads it from the instance; it is declared a ClassVar, hence setattr.
        setattr(self, "AUTO_FOCUS", None)  # noqa: B010
