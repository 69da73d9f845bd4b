"""The key bar at the bottom, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes every time a screen says its bindings were
updated, which it does on every focus change and mount, whether or not the
keys on show changed. Each rebuild mounts a widget per key and styles each
one three times (a ``FooterKey`` starts compact, and is then bound to the
footer's own ``compact``); at start-up that was five rebuilds of the same
keys, before and after the first frame. This footer remembers what its last
rebuild showed and skips a rebuild that would show the same, and its keys
start as compact as the footer is, so each is styled once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

__all__ = ["KeyBar"]

Shown = tuple[tuple["Binding", bool, str], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    """What a footer on ``screen`` would draw: each shown binding, whether it is enabled, its tooltip.

    The command palette's key is kept too (it is drawn whether ``show`` is set or not).
    """
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (binding, enabled, tooltip)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class KeyBar(Footer):
    """A ``Footer`` that does not rebuild itself to show the keys it already shows."""

    def __init__(self) -> None:
        super().__init__()
        self._composed_for: Shown | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # A key bound to the footer's compact is made so now: no class added, then taken off. (The
            # palette's key is not bound, and stays compact.)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = shown_keys(screen)
        if shown == self._composed_for:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._composed_for = shown  # Footer rebuilds now; else it waits for the next change
        super().bindings_changed(screen)
