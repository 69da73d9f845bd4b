"""A scroll read with the keys: every press moves it, however fast the presses come.

Textual's scroll keys aim one line (or a page) from where the scroll is
aimed when the key is handled, but carry the scroll out only after the next
refresh. Presses that come together (a held key, keys typed while the app
was busy) all aim from the same place: six downs in one burst moved the
dashboard's warnings one line. ``ReadingScroll`` carries each out at once,
so the next press aims from where the last one went.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.containers import VerticalScroll

from planner.tui.focusstyle import restyle_alone

__all__ = ["ReadingScroll"]


class ReadingScroll(VerticalScroll):
    """A ``VerticalScroll`` whose up, down, page up and page down add up when pressed in a burst."""

    def action_scroll_up(self) -> None:
        self._by(-1)

    def action_scroll_down(self) -> None:
        self._by(1)

    def action_page_up(self) -> None:
        self._by(-self.scrollable_content_region.height)

    def action_page_down(self) -> None:
        self._by(self.scrollable_content_region.height)

    def watch_has_focus(self, _has_focus: bool) -> None:
        restyle_alone(self)  # its cards are not styled by its focus (tui.focusstyle)

    def _by(self, lines: int) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_to(y=self.scroll_target_y + lines, immediate=True)
