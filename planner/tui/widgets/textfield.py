"""A text input that acts on every key in the order it was typed, however fast the keys come.

Textual's ``Input`` inserts a typed character as soon as the key reaches it,
but a bound key (backspace, delete, home, end, the arrows and enter, which the
input binds; escape and ctrl+r, which a Plan form field binds; the app's own
ctrl keys) first travels up through every widget above it to the app, which
then runs the binding. Keys that arrive together (a held key, a paste of
keystrokes, or keys typed while the app was busy re-flowing a big plan) were
therefore applied out of order: "end, backspace, backspace, 4" on a selected
"180" gave "" where typing them one by one gives "14". ``TextField`` looks up
a key's binding where the key arrives, the way the app would (the focused
widget first, then each one above it, up to a modal screen, with the app's
keymap), and runs it there, in turn with the characters.

A key that moves the focus (tab, shift+tab, a key that opens a dialog) is
the other case: the app hands each key to the widget focused when the key
reaches the app, so the keys typed after it in the same burst were already on
their way to the field it left. A field whose own key moved the focus hands
the keys that reach it after that on to the widget that has the focus now.
Keys that reach it after the app itself moved the focus (a priority key:
ctrl+p opens the palette before the field has taken what was typed ahead of
it) stay the field's, as they were typed for it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

__all__ = ["TextField"]


class TextField(Input):
    """An ``Input`` whose bound keys are acted on in the order they were typed."""

    _handed_on = False
    """A key this field acted on moved the focus away: the keys queued here after it belong where it went."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self and self._handed_on:  # sent here before a key of ours moved the focus
            event.stop()
            event.prevent_default()
            (focused or self.app.screen).post_message(events.Key(event.key, event.character))
            return
        # Any other key is the field's, focused or not: one that reached it before the app moved the focus
        # itself (a priority key such as ctrl+p, which opens the palette at once) was typed for the field.
        self._handed_on = False
        try:
            await self._act(event)
        finally:
            self._handed_on = focused is self and self.app.focused is not self

    async def _act(self, event: events.Key) -> None:
        if not event.is_printable:  # a character is typed into the field (Input's own handling)
            # The chain the app's own check walks (App._check_bindings): from here up to a modal screen.
            for namespace, bindings in self.screen._modal_binding_chain:
                for binding in bindings.key_to_bindings.get(event.key, ()):
                    if not binding.priority and await self.app.run_action(binding.action, namespace):
                        event.stop()
                        event.prevent_default()
                        return
        await super()._on_key(event)
