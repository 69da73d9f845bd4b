"""The key bar at the bottom, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes every time a screen says its bindings were
updated, which it does on every focus change and mount, whether or not the
keys on show changed. Each rebuild mounts a widget per key and styles each
one three times (a ``FooterKey`` starts compact, and is then bound to the
footer's own ``compact``); at start-up that was five rebuilds of the same
keys, before and after the first frame. This footer remembers what its last
rebuild showed and skips a rebuild that would show the same, and its keys
start as compact as the footer is, so each is styled once.

It also fits its keys to the terminal's width: compact (a cell narrower
each) when they would not fit side by side as they are, and a key that does
not fit whole even so is left out rather than cut (an 80-column terminal
showed "^y Red" at the dashboard's end). The keys come in the order Textual
gives them, the tab's own first, so those left out are the app's last ones;
every key is still in the keys list (``?``) and the command palette.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual import events
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widget import Widget

__all__ = ["Fit", "KeyBar", "fitting"]

KEY_CELLS: Final = 3
"""Cells a key takes besides its key and description when not compact: a space either side of the key and
one after the description (Textual's ``FooterKey``). Compact, a key takes one less: a space between the
two and the margin after it. The palette's key takes as many, its border and its padding in place of them."""

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
        widgets = list(super().compose())
        self._fit(widgets, self.app.size.width)
        for widget in widgets:
            # A key bound to the footer's compact is made so now: no class added, then taken off. (The
            # palette's key is not bound, and stays compact.)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self._fit(list(self.children), event.size.width)

    def _fit(self, widgets: list[Widget], width: int) -> None:
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        shown = fitting([(k.key_display, k.description, k.has_class("-command-palette")) for k in keys], width)
        self.compact = shown.compact
        for key, whole in zip(keys, shown.whole, strict=True):
            key.display = whole

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = shown_keys(screen)
        if shown == self._composed_for:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._composed_for = shown  # Footer rebuilds now; else it waits for the next change
        super().bindings_changed(screen)


class Fit(NamedTuple):
    compact: bool
    whole: list[bool]
    """Per key, in order: whether it is shown (whole); a key that would be cut is left out."""


def fitting(keys: list[tuple[str, str, bool]], width: int) -> Fit:
    """How ``keys`` (each its key, description and whether it is the palette's, docked right) fit ``width``."""

    def cells(compact: bool) -> list[int]:
        return [cell_len(key) + cell_len(text) + KEY_CELLS - compact for key, text, _ in keys]

    compact = sum(cells(compact=False)) > width
    room = width - sum(c for c, (_, _, palette) in zip(cells(compact), keys, strict=True) if palette)
    whole = []
    for c, (_, _, palette) in zip(cells(compact), keys, strict=True):
        if not palette:
            room -= c
        # compact, a key's last cell is its margin, which may lie under the palette's border
        whole.append(palette or room >= -compact)
    return Fit(compact, whole)
