"""The one way plan text reaches the screen.

Plan text (titles, notes, names, URLs) is cleaned of control characters and
turned into ``Content`` or ``rich.text.Text`` directly, never parsed as
markup: a title like ``[bold]x[/]`` or ``[@click=app.quit]`` shows exactly as
typed. Every widget that shows plan text goes through here.
"""

from __future__ import annotations

import os

from rich.text import Text
from textual.content import Content, Span

from planner.core.safetext import clean, clip
from planner.tui.styled import Lines

__all__ = ["content", "error_line", "join", "kept", "label", "rich_text", "shown_path", "styled"]


def content(text: str, style: str = "", *, one_line: bool = True, width: int | None = None) -> Content:
    """Plan text as ``Content`` with an optional style; never markup."""
    value = clean(text, one_line=one_line)
    if width is not None:
        value = clip(value, width)
    return Content.styled(value, style) if style else Content(value)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a notification or a dialog shows it: a file may be named with escape sequences or newlines."""
    return clean(os.fspath(path), one_line=True)


def rich_text(text: str, style: str = "", *, width: int | None = None) -> Text:
    """Plan text as ``rich.text.Text`` (for DataTable cells); never markup."""
    value = clean(text, one_line=True)
    if width is not None:
        value = clip(value, width)
    return Text(value, style=style, no_wrap=True, overflow="ellipsis")


def label(*parts: tuple[str, str] | str) -> Content:
    """One line from pieces, each ``"plain"`` or ``("text", "style")``; every piece is cleaned,
    and a newline inside plan text cannot break the line (use ``join`` for several lines)."""
    pieces: list[Content] = []
    for part in parts:
        if isinstance(part, tuple):
            pieces.append(content(part[0], part[1]))
        else:
            pieces.append(content(part))
    return Content("").join(pieces)


def styled(lines: Lines) -> Content:
    """A card's ``tui.styled`` lines as ``Content``: each piece cleaned again and styled, never markup.

    Made in one pass, one text and its spans, rather than a ``Content`` per piece
    joined per line and then per card: a card of fifty domains is hundreds of pieces.
    """
    text: list[str] = []
    spans: list[Span] = []
    at = 0
    for n, pieces in enumerate(lines):
        if n:
            text.append("\n")
            at += 1
        for piece, style in pieces:
            value = clean(piece, one_line=True)
            if style and value:
                spans.append(Span(at, at + len(value), style))
            text.append(value)
            at += len(value)
    return Content("".join(text), spans)


def join(lines: list[Content]) -> Content:
    return Content("\n").join(lines)


def error_line(message: str) -> Content:
    """A form's error: a red cross, then the message (from the loader, so plain text)."""
    return Content.assemble(("✗ ", "bold $error"), content(message))


def kept(value: str, original: str | None) -> str:
    """What a one-line field means: the original when the field still shows it cleaned.

    A field shows multi-line or control-laden plan text on one line; saving the
    field untouched must not flatten the text in the file.
    """
    return original if original is not None and value == clean(original, one_line=True) else value
