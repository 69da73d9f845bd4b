"""A text input that acts on every key in the order it was typed, however fast the keys come.

Textual's ``Input`` inserts a typed character as soon as the key reaches it,
but a key it binds (backspace, delete, home, end, the arrows, enter) first
travels up through every widget above it to the app, which then runs the
binding. Keys that arrive together (a held key, a paste of keystrokes, or
keys typed while the app was busy re-flowing a big plan) are therefore
applied out of order: "end, backspace, backspace, 4" on a selected "180"
gave "" where typing them one by one gives "14". ``TextField`` runs its own
bindings where the key arrives, in turn with the characters; a key it does
not bind goes on up as before.

Its own bindings are the ``Input``'s as declared (a keymap that remaps them is
not looked at here: the planner sets none).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

__all__ = ["TextField"]


class TextField(Input):
    """An ``Input`` whose bound keys are acted on in the order they were typed."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
