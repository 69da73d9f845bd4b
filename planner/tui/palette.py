"""The command palette's search: a command is found by its name as well as by what it does.

The palette lists each command by what it does ("Write the plan file now")
with its name and key below ("Save (ctrl+s)"). Textual's own provider matches
only the first line, so typing the word the footer shows ("save") found
nothing; this one matches either and ranks the better match.
"""

from __future__ import annotations

from textual.command import Hit, Hits
from textual.system_commands import SystemCommandsProvider

__all__ = ["PlannerCommands"]


class PlannerCommands(SystemCommandsProvider):
    """``App.get_system_commands``, searched by title and by help."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            by_title, by_help = matcher.match(title), matcher.match(help_text)
            if by_title > 0 or by_help > 0:
                shown = matcher.highlight(title) if by_title >= by_help else title
                yield Hit(max(by_title, by_help), shown, callback, help=help_text)
