"""The command palette's search: a command is found by its name as well as by what it does.

The palette lists each command by what it does ("Write the plan file now")
with its name and key below ("Save (ctrl+s)"). Textual's own provider matches
only the first line, so typing the word the footer shows ("save") found
nothing; this one matches either and ranks the better match.

Textual reads a hit's text as markup: "(a plan without [publish])" lost its
"[publish]". Here every text goes in as text.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.system_commands import SystemCommandsProvider

from planner.tui.text import content

__all__ = ["PlannerCommands"]


class PlannerCommands(SystemCommandsProvider):
    """``App.get_system_commands``, searched by title and by help."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda command: command[0])
        for title, help_text, callback, discover in commands:
            if discover:
                yield DiscoveryHit(content(title), callback, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            by_title, by_help = matcher.match(title), matcher.match(help_text)
            if by_title > 0 or by_help > 0:
                shown = _highlighted(matcher, title) if by_title >= by_help else content(title)
                yield Hit(max(by_title, by_help), shown, callback, help=escape(help_text))


def _highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` with the letters the query matched marked (``Matcher.highlight`` reads it as markup)."""
    shown = content(text)
    plain = shown.plain
    _score, offsets = matcher.fuzzy_search.match(matcher.query, plain)
    for offset in offsets:
        if not plain[offset].isspace():
            shown = shown.stylize(matcher.match_style, offset, offset + 1)
    return shown
