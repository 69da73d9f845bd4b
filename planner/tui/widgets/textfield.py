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

A key that moves the focus (tab, or a key that opens or closes a dialog) is
the other case: the app hands each key to the widget focused when the key
reaches the app, so the keys typed after it in the same burst were already on
their way to the field it left. A field that gets a key once it has lost the
focus hands the key on to the widget that has it now, so each key goes where
it would have gone typed on its own.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

__all__ = ["TextField"]


class TextField(Input):
    """An ``Input`` whose bound keys are acted on in the order they were typed."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self:  # sent here before a key ahead of it moved the focus: on to where it went
            event.stop()
            event.prevent_default()
            (focused or self.app.screen).post_message(events.Key(event.key, event.character))
            return
        if not event.is_printable:  # a character is typed into the field (Input's own handling)
            # The chain the app's own check walks (App._check_bindings): from here up to a modal screen.
            for namespace, bindings in self.screen._modal_binding_chain:
                for binding in bindings.key_to_bindings.get(event.key, ()):
                    if not binding.priority and await self.app.run_action(binding.action, namespace):
                        event.stop()
                        event.prevent_default()
                        return
        await super()._on_key(event)
